import { Col, DatePicker, Form, type FormInstance, Input, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import {
  CATEGORY_CODE_LIST,
  QUALIFICATION_CATEGORIES,
  type QualificationCategory,
} from "../../../../../common/enums/cadres.ts";
import { DATE_INPUT_FORMATS, todayIso } from "../../../../app/dates.ts";
import { useLocale } from "../../../../app/locale-context.tsx";
import { useCodes } from "../../hooks/use-cadre-queries.ts";
import { codeOptions } from "../../utils/code-names.ts";
import { maxRule, requiredRule } from "../../utils/form-values.ts";

/** A degree or certificate of one category (CV item 32), its level from the category's code list. */
export function QualificationFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const codes = useCodes();
  const category = Form.useWatch<QualificationCategory | undefined>("category", form);
  const levelCode = form.getFieldValue("levelCode") as string | undefined;
  // The levels in force on the day the degree was obtained (today until it is typed).
  const obtainedOn = Form.useWatch<Dayjs | null | undefined>("obtainedOn", form);
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="category" label={t("history.category")} rules={[requiredRule(t)]}>
            <Select
              options={QUALIFICATION_CATEGORIES.map((c) => ({
                value: c,
                label: t(`qualificationCategory.${c}`),
              }))}
              onChange={() => form.setFieldValue("levelCode", undefined)}
              data-testid="history-category"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="levelCode" label={t("history.level")} rules={[requiredRule(t)]}>
            <Select
              autoFocus
              options={
                category
                  ? codeOptions(codes.data, CATEGORY_CODE_LIST[category], language, {
                      keep: levelCode,
                      asOf: obtainedOn ? obtainedOn.format("YYYY-MM-DD") : todayIso(),
                    })
                  : []
              }
              loading={codes.isLoading}
              data-testid="history-level"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="major" label={t("history.major")} rules={[maxRule(t, 200)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={16}>
          <Form.Item name="institution" label={t("history.institution")} rules={[maxRule(t, 300)]}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="studyMode" label={t("history.studyMode")} rules={[maxRule(t, 50)]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="startedOn" label={t("history.startedOn")}>
            <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="obtainedOn"
            label={t("history.obtainedOn")}
            dependencies={["startedOn"]}
            rules={[
              requiredRule(t),
              ({ getFieldValue }) => ({
                validator: async (_, value: Dayjs | null | undefined) => {
                  const start = getFieldValue("startedOn") as Dayjs | null | undefined;
                  if (value && start && value.isBefore(start, "day"))
                    throw new Error(t("history.toAfterFrom"));
                },
              }),
            ]}
          >
            <DatePicker
              format={DATE_INPUT_FORMATS}
              style={{ width: "100%" }}
              data-testid="history-obtained-on"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t("history.note")} rules={[maxRule(t, 500)]}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}

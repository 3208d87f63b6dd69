import { Col, DatePicker, Form, Input, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { TRAINING_KINDS } from "../../../../../common/enums/cadres.ts";
import { DATE_INPUT_FORMATS } from "../../../../app/dates.ts";
import { maxRule, requiredRule, requiredTextRule } from "../../utils/form-values.ts";

/**
 * A training course (bồi dưỡng, CV item 32): its kind, name, organiser and dates. The completion date
 * stays empty while the course runs; a knowledge update counts for indicator I5 from that date.
 */
export function TrainingFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="kind" label={t("history.trainingKind")} rules={[requiredRule(t)]}>
        <Select
          options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`trainingKind.${k}`) }))}
          data-testid="history-training-kind"
        />
      </Form.Item>
      <Form.Item name="course" label={t("history.course")} rules={[requiredTextRule(t), maxRule(t, 300)]}>
        <Input autoFocus maxLength={300} data-testid="history-course" />
      </Form.Item>
      <Form.Item name="organiser" label={t("history.organiser")} rules={[maxRule(t, 300)]}>
        <Input maxLength={300} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="startedOn" label={t("history.courseStartedOn")}>
            <DatePicker
              format={DATE_INPUT_FORMATS}
              style={{ width: "100%" }}
              data-testid="history-course-started-on"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="completedOn"
            label={t("history.completedOn")}
            extra={t("history.completedOnHelp")}
            dependencies={["startedOn"]}
            rules={[
              ({ getFieldValue }) => ({
                // A one-day course starts and completes on the same date.
                validator: async (_, value: Dayjs | null | undefined) => {
                  const start = getFieldValue("startedOn") as Dayjs | null | undefined;
                  if (value && start && value.isBefore(start, "day"))
                    throw new Error(t("history.completedAfterStart"));
                },
              }),
            ]}
          >
            <DatePicker
              format={DATE_INPUT_FORMATS}
              style={{ width: "100%" }}
              data-testid="history-completed-on"
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

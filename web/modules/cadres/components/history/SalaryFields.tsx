import { Col, Form, InputNumber, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { matchesFolded } from "../../../../../common/text/vietnamese.ts";
import { todayIso } from "../../../../app/dates.ts";
import { useLocale } from "../../../../app/locale-context.tsx";
import { useCodes } from "../../hooks/use-cadre-queries.ts";
import { codeOptions } from "../../utils/code-names.ts";
import { requiredRule } from "../../utils/form-values.ts";
import { PeriodFields } from "./PeriodFields.tsx";

/** Grade (ngạch), step (bậc) and coefficient over a period (CV item 30). */
export function SalaryFields({ keepGrade }: { keepGrade?: string }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const codes = useCodes();
  // The grades in force on the row's first day (today until it is typed).
  const from = Form.useWatch<Dayjs | null | undefined>("validFrom", Form.useFormInstance());
  return (
    <>
      <Form.Item name="gradeCode" label={t("history.grade")} rules={[requiredRule(t)]}>
        <Select
          autoFocus
          showSearch={{ filterOption: (input, option) => matchesFolded(String(option?.label ?? ""), input) }}
          options={codeOptions(codes.data, "civil_service_grade", language, {
            keep: keepGrade,
            asOf: from ? from.format("YYYY-MM-DD") : todayIso(),
          }).map((o) => ({
            ...o,
            label: `${o.value} – ${o.label}`,
          }))}
          loading={codes.isLoading}
          data-testid="history-grade"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="step" label={t("history.step")} rules={[requiredRule(t)]}>
            <InputNumber<number>
              min={1}
              max={20}
              precision={0}
              style={{ width: "100%" }}
              data-testid="history-step"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="coefficient" label={t("history.coefficient")}>
            <InputNumber<number>
              min={0}
              max={99.99}
              step={0.01}
              precision={2}
              decimalSeparator={language === "vi" ? "," : "."}
              style={{ width: "100%" }}
            />
          </Form.Item>
        </Col>
      </Row>
      <PeriodFields />
    </>
  );
}

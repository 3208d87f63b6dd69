import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { maxRule, requiredTextRule } from "../../utils/form-values.ts";
import { PeriodFields } from "./PeriodFields.tsx";

/** A line of the work history before the records (CV item 33), the unit named as it was then. */
export function WorkHistoryFields() {
  const { t } = useTranslation();
  return (
    <>
      <PeriodFields />
      <Form.Item name="unitText" label={t("history.unitText")} rules={[requiredTextRule(t), maxRule(t, 300)]}>
        <Input maxLength={300} data-testid="history-unit-text" />
      </Form.Item>
      <Form.Item name="titleText" label={t("history.titleText")} rules={[maxRule(t, 200)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t("history.description")} rules={[maxRule(t, 1000)]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  );
}

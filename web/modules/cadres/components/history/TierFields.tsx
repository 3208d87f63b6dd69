import { Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { MANAGEMENT_TIERS } from "../../../../../common/enums/cadres.ts";
import { maxRule, requiredRule } from "../../utils/form-values.ts";
import { PeriodFields } from "./PeriodFields.tsx";

export function TierFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="tier" label={t("history.tier")} rules={[requiredRule(t)]}>
        <Select
          autoFocus
          options={MANAGEMENT_TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
          data-testid="history-tier"
        />
      </Form.Item>
      <PeriodFields />
      <Form.Item name="decisionRef" label={t("history.decisionRef")} rules={[maxRule(t, 100)]}>
        <Input maxLength={100} />
      </Form.Item>
    </>
  );
}

import { Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useTierNames } from "../../hooks/use-tier-names.ts";
import { endOrNull, isoOrNull, maxRule, requiredRule } from "../../utils/form-values.ts";
import type { FieldsProps } from "./history-kinds.tsx";
import { PeriodFields } from "./PeriodFields.tsx";

/** A tier row's fields: only tiers in force over the chosen period are offered (DOMAIN §9). */
export function TierFields({ form, row }: FieldsProps) {
  const { t } = useTranslation();
  const { options } = useTierNames();
  const validFrom = Form.useWatch<Dayjs | null | undefined>("validFrom", form);
  const lastDay = Form.useWatch<Dayjs | null | undefined>("validTo", form);
  const keep = typeof row?.tier === "string" ? row.tier : null;
  return (
    <>
      <Form.Item name="tier" label={t("history.tier")} rules={[requiredRule(t)]}>
        <Select
          autoFocus
          options={options({ from: isoOrNull(validFrom), to: endOrNull(lastDay), keep })}
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

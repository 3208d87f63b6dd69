import { Form, Input } from "antd";
import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../../app/FormModal.tsx";
import { reasonRules } from "../utils/unit-form.ts";

/** The frame of every unit form: the shared form modal with the units page's test ids. */
export function UnitFormModal<Values>(
  props: Omit<ComponentProps<typeof FormModal<Values>>, "submitTestId" | "problemTestId">,
) {
  return <FormModal<Values> {...props} submitTestId="unit-form-submit" problemTestId="unit-form-error" />;
}

/** The reason of a change to a unit (kept in its history and the audit), the last field of every unit form. */
export function UnitReasonField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="reason" label={t("unitForm.reason")} rules={reasonRules(t)}>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        placeholder={t("unitForm.reasonPlaceholder")}
        data-testid="unit-form-reason"
      />
    </Form.Item>
  );
}

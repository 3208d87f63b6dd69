import { App, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { applyServerError } from "../../../app/form-errors.ts";
import { useSetUnitCode } from "../hooks/use-unit-mutations.ts";
import { reasonOf, reasonRules, unitCodeRules } from "../utils/unit-form.ts";
import { UnitFormModal } from "./UnitFormModal.tsx";

type Values = { code: string; reason?: string };
const FIELDS = ["code", "reason"] as const;

type Props = {
  unit: UnitDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
};

/** A unit's code: the official one in place of the code the system proposed, or a corrected one. */
export function SetUnitCodeModal({ unit, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const setCode = useSetUnitCode(unit.id);

  const submit = (values: Values) => {
    setProblem(undefined);
    setCode.mutate(
      { code: values.code.trim(), reason: reasonOf(values.reason) },
      {
        onSuccess: (changed) => {
          message.success(t("units.codeSet", { name: changed.name, code: changed.code }));
          onDone();
        },
        onError: (error) => setProblem(applyServerError(form, error, FIELDS)),
      },
    );
  };

  return (
    <UnitFormModal<Values>
      open={open}
      title={t("unitForm.codeTitle", { name: unit.name })}
      submitLabel={t("unitForm.submitCode")}
      form={form}
      initialValues={{ code: unit.code ?? "" }}
      isPending={setCode.isPending}
      problem={problem}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Form.Item
        name="code"
        label={t("unitForm.code")}
        rules={[
          { required: true, whitespace: true, message: t("unitForm.codeRequired") },
          ...unitCodeRules(t),
        ]}
      >
        <Input autoFocus maxLength={40} data-testid="unit-form-code" />
      </Form.Item>
      <Form.Item name="reason" label={t("unitForm.reason")} rules={reasonRules(t)}>
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t("unitForm.reasonPlaceholder")}
          data-testid="unit-form-reason"
        />
      </Form.Item>
    </UnitFormModal>
  );
}

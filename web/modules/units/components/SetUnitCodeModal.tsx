import { App, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { useFormWithServerErrors } from "../../../app/form-errors.ts";
import { useSetUnitCode } from "../hooks/use-unit-mutations.ts";
import { reasonOf, unitCodeRules } from "../utils/unit-form.ts";
import { UnitFormModal, UnitReasonField } from "./UnitFormModal.tsx";

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
  const { form, problem, clearProblem, showServerError } = useFormWithServerErrors<Values>(FIELDS);
  const setCode = useSetUnitCode(unit.id);

  const submit = (values: Values) => {
    clearProblem();
    setCode.mutate(
      { code: values.code.trim(), reason: reasonOf(values.reason) },
      {
        onSuccess: (changed) => {
          message.success(t("units.codeSet", { name: changed.name, code: changed.code }));
          onDone();
        },
        onError: showServerError,
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
      <UnitReasonField />
    </UnitFormModal>
  );
}

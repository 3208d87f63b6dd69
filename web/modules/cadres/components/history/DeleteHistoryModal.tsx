import { Alert, App, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { HistoryKind } from "../../../../../common/contracts/cadres.ts";
import { FormModal } from "../../../../app/FormModal.tsx";
import { applyServerError } from "../../../../app/form-errors.ts";
import { useHistoryChange } from "../../hooks/use-cadre-mutations.ts";
import { maxRule } from "../../utils/form-values.ts";

type Values = { reason: string };

type Props = { cadreId: number; kind: HistoryKind; rowId: number; label: string; onClose: () => void };

/** Deletes a row entered by mistake; the reason is required and kept in the audit trail. */
export function DeleteHistoryModal({ cadreId, kind, rowId, label, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const change = useHistoryChange(cadreId, kind);

  const submit = (values: Values) => {
    setProblem(undefined);
    change.mutate(
      { action: "delete", rowId, values: { reason: values.reason.trim() } },
      {
        onSuccess: () => {
          message.success(t("history.deleted"));
          onClose();
        },
        onError: (error) => setProblem(applyServerError(form, error, ["reason"])),
      },
    );
  };

  return (
    <FormModal<Values>
      open
      isDanger
      title={t("history.deleteTitle", { kind: t(`history.kind.${kind}`) })}
      submitLabel={t("history.delete")}
      form={form}
      isPending={change.isPending}
      problem={problem}
      submitTestId="history-form-submit"
      onSubmit={submit}
      onCancel={onClose}
    >
      <Alert
        type="warning"
        showIcon
        title={label}
        description={t("history.deleteWarning")}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        name="reason"
        label={t("history.deleteReason")}
        rules={[
          { required: true, whitespace: true, message: t("history.deleteReasonShort") },
          {
            validator: async (_, value: string | undefined) => {
              if (value && value.trim().length > 0 && value.trim().length < 3)
                throw new Error(t("history.deleteReasonShort"));
            },
          },
          maxRule(t, 1000),
        ]}
      >
        <Input.TextArea autoFocus rows={2} maxLength={1000} data-testid="history-delete-reason" />
      </Form.Item>
    </FormModal>
  );
}

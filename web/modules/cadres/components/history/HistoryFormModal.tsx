import { App, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CadreDetail, HistoryKind } from "../../../../../common/contracts/cadres.ts";
import { todayIso } from "../../../../app/dates.ts";
import { FormModal } from "../../../../app/FormModal.tsx";
import { applyServerError } from "../../../../app/form-errors.ts";
import { useHistoryChange } from "../../hooks/use-cadre-mutations.ts";
import { changedKeys, maxRule, reasonOf } from "../../utils/form-values.ts";
import type { KindConfig } from "./history-kinds.tsx";

type Values = Record<string, unknown>;

type Props<Row extends { id: number }> = {
  cadre: CadreDetail;
  kind: HistoryKind;
  config: KindConfig<Row>;
  /** The row to correct; absent to add a row. */
  row?: Row;
  /** Values a new row starts with (the category of the table the user added from). */
  preset?: Values;
  onClose: () => void;
};

/**
 * Adds a history row, or corrects one entered wrongly. A correction sends only the fields that changed,
 * so that the audit trail shows what was corrected.
 */
export function HistoryFormModal<Row extends { id: number }>({
  cadre,
  kind,
  config,
  row,
  preset,
  onClose,
}: Props<Row>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const change = useHistoryChange(cadre.id, kind);
  const initial = row ? config.toForm(row) : { ...config.blank(cadre, todayIso()), ...preset };
  const kindName = t(`history.kind.${kind}`);

  const submit = (values: Values) => {
    setProblem(undefined);
    const body = config.fromForm(values);
    const onError = (error: unknown) =>
      setProblem(applyServerError(form, error, config.fieldNames, config.fieldAliases));
    const reason = config.hasReason ? reasonOf(values.auditReason) : undefined;
    if (row) {
      const before = config.fromForm(config.toForm(row));
      const changed = changedKeys(before, body);
      if (changed.length === 0) {
        setProblem(t("history.nothingChanged"));
        return;
      }
      const patch: Values = Object.fromEntries(changed.map((key) => [key, body[key]]));
      // The server checks a seat against the unit and title sent with it: send the post as a whole.
      if (
        kind === "assignments" &&
        changed.some((k) => k === "seatId" || k === "unitId" || k === "titleId")
      ) {
        for (const key of ["seatId", "unitId", "titleId"]) if (key in body) patch[key] = body[key];
      }
      change.mutate(
        { action: "correct", rowId: row.id, values: { ...patch, ...(reason ? { reason } : {}) } },
        {
          onSuccess: () => {
            message.success(t("history.corrected"));
            onClose();
          },
          onError,
        },
      );
    } else {
      change.mutate(
        { action: "add", values: { ...body, ...(reason ? { reason } : {}) } },
        {
          onSuccess: () => {
            message.success(t("history.added"));
            onClose();
          },
          onError,
        },
      );
    }
  };

  const Fields = config.Fields;
  return (
    <FormModal<Values>
      open
      title={row ? t("history.correctTitle", { kind: kindName }) : t("history.addTitle", { kind: kindName })}
      submitLabel={row ? t("app.save") : t("history.add")}
      form={form}
      initialValues={initial}
      isPending={change.isPending}
      problem={problem}
      width={640}
      submitTestId="history-form-submit"
      onSubmit={submit}
      onCancel={onClose}
    >
      {row && config.isDated && (
        <p style={{ marginTop: 0, color: "rgba(0,0,0,0.55)" }}>{t("history.correctHelp")}</p>
      )}
      <Fields form={form} row={row as never} />
      {config.hasReason && (
        <Form.Item name="auditReason" label={t("history.reason")} rules={[maxRule(t, 1000)]}>
          <Input.TextArea
            rows={2}
            maxLength={1000}
            placeholder={t("history.reasonPlaceholder")}
            data-testid="history-reason"
          />
        </Form.Item>
      )}
    </FormModal>
  );
}

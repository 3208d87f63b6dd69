import { Alert, App, DatePicker, Form, Input } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { HistoryKind } from "../../../../../common/contracts/cadres.ts";
import { formatDmy } from "../../../../../common/rules/dates.ts";
import { endOf, lastDayOf } from "../../../../../common/rules/periods.ts";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf, todayIso } from "../../../../app/dates.ts";
import { FormModal } from "../../../../app/FormModal.tsx";
import { applyServerError } from "../../../../app/form-errors.ts";
import { useHistoryChange } from "../../hooks/use-cadre-mutations.ts";
import { maxRule, reasonOf, requiredRule } from "../../utils/form-values.ts";

type Values = { endDate: Dayjs; reason?: string };

type Props = {
  cadreId: number;
  kind: HistoryKind;
  rowId: number;
  /** What the row is, for the title ("Chuyên viên, UBND phường …"). */
  label: string;
  startDate: string;
  onClose: () => void;
};

/**
 * Ends a dated row: the user types the last day it holds (DOMAIN §9), the API takes the first day it no
 * longer holds (the day after).
 */
export function EndHistoryModal({ cadreId, kind, rowId, label, startDate, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const change = useHistoryChange(cadreId, kind);
  // The default ends the row before today, as ending it "today" did when the form asked for the first day
  // no longer held.
  const yesterday = lastDayOf(todayIso());

  const submit = (values: Values) => {
    setProblem(undefined);
    change.mutate(
      {
        action: "end",
        rowId,
        values: { endDate: endOf(isoOf(values.endDate)), reason: reasonOf(values.reason) },
      },
      {
        onSuccess: () => {
          message.success(t("history.ended"));
          onClose();
        },
        onError: (error) => setProblem(applyServerError(form, error, ["endDate", "reason"])),
      },
    );
  };

  return (
    <FormModal<Values>
      open
      title={t("history.endTitle", { kind: t(`history.kind.${kind}`) })}
      submitLabel={t("history.end")}
      form={form}
      initialValues={{ endDate: yesterday >= startDate ? dayjsOf(yesterday) : undefined }}
      isPending={change.isPending}
      problem={problem}
      submitTestId="history-form-submit"
      onSubmit={submit}
      onCancel={onClose}
    >
      <Alert
        type="info"
        title={label}
        description={`${t("history.validFrom")}: ${formatDmy(startDate)}`}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        name="endDate"
        label={t("history.endDate")}
        extra={t("history.endDateHelp")}
        rules={[
          requiredRule(t),
          {
            validator: async (_, value: Dayjs | undefined) => {
              // A last day equal to the start is a one-day row, [start, start + 1).
              if (value && isoOf(value) < startDate)
                throw new Error(t("history.endAfterStart", { date: formatDmy(startDate) }));
            },
          },
        ]}
      >
        <DatePicker
          autoFocus
          format={DATE_INPUT_FORMATS}
          style={{ width: "100%" }}
          data-testid="history-end-date"
        />
      </Form.Item>
      <Form.Item name="reason" label={t("history.reason")} rules={[maxRule(t, 1000)]}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t("history.reasonPlaceholder")} />
      </Form.Item>
    </FormModal>
  );
}

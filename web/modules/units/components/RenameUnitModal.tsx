import { App, DatePicker, Form, Input } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf } from "../../../app/dates.ts";
import { useFormWithServerErrors } from "../../../app/form-errors.ts";
import { useRenameUnit } from "../hooks/use-unit-mutations.ts";
import { effectiveDateRules } from "../utils/effective-date-rule.ts";
import { versionOn } from "../utils/unit-dates.ts";
import { reasonOf, unitNameRules } from "../utils/unit-form.ts";
import { UnitFormModal, UnitReasonField } from "./UnitFormModal.tsx";

type Values = { name: string; effectiveDate: Dayjs; reason?: string };
const FIELDS = ["name", "effectiveDate", "reason"] as const;

type Props = {
  unit: UnitDetail;
  asOf: string;
  open: boolean;
  onClose: () => void;
  onDone: (renamed: UnitDetail) => void;
};

/** A new name from a date; the old name stays in the unit's history. */
export function RenameUnitModal({ unit, asOf, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form, problem, clearProblem, showServerError } = useFormWithServerErrors<Values>(FIELDS);
  const rename = useRenameUnit(unit.id);

  const submit = (values: Values) => {
    clearProblem();
    const name = values.name.trim();
    rename.mutate(
      { name, effectiveDate: isoOf(values.effectiveDate), reason: reasonOf(values.reason) },
      {
        onSuccess: () => {
          message.success(t("units.renamed", { name }));
          onDone(unit);
        },
        onError: showServerError,
      },
    );
  };

  return (
    <UnitFormModal<Values>
      open={open}
      title={t("unitForm.renameTitle", { name: unit.name })}
      submitLabel={t("unitForm.submitRename")}
      form={form}
      initialValues={{ name: unit.name, effectiveDate: dayjsOf(asOf) }}
      isPending={rename.isPending}
      problem={problem}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Form.Item
        name="name"
        label={t("unitForm.newName")}
        dependencies={["effectiveDate"]}
        rules={[
          ...unitNameRules(t),
          {
            validator: async (_, value: string | undefined) => {
              // The name in force on the effective date, which is not always today's name.
              const date = form.getFieldValue("effectiveDate") as Dayjs | undefined;
              const current = date ? versionOn(unit.history, isoOf(date))?.name : unit.name;
              if (value && value.trim() === current) throw new Error(t("unitForm.nameUnchanged"));
            },
          },
        ]}
      >
        <Input autoFocus onFocus={(e) => e.target.select()} maxLength={300} data-testid="unit-form-name" />
      </Form.Item>
      <Form.Item name="effectiveDate" label={t("unitForm.effectiveDate")} rules={effectiveDateRules(t, unit)}>
        <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} data-testid="unit-form-date" />
      </Form.Item>
      <UnitReasonField />
    </UnitFormModal>
  );
}

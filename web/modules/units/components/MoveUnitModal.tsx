import { App, DatePicker, Form } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf } from "../../../app/dates.ts";
import { useFormWithServerErrors } from "../../../app/form-errors.ts";
import { useMoveUnit } from "../hooks/use-unit-mutations.ts";
import { effectiveDateRules } from "../utils/effective-date-rule.ts";
import { versionOn } from "../utils/unit-dates.ts";
import { reasonOf } from "../utils/unit-form.ts";
import { subtreeIds, type UnitIndex } from "../utils/unit-tree.ts";
import { UnitFormModal, UnitReasonField } from "./UnitFormModal.tsx";
import { UnitPicker } from "./UnitPicker.tsx";

type Values = { parentId: number; effectiveDate: Dayjs; reason?: string };
const FIELDS = ["parentId", "effectiveDate", "reason"] as const;

type Props = {
  unit: UnitDetail;
  index: UnitIndex;
  asOf: string;
  open: boolean;
  onClose: () => void;
  onDone: (moved: UnitDetail) => void;
};

/** Places the unit, with everything under it, under another parent from a date. */
export function MoveUnitModal({ unit, index, asOf, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form, problem, clearProblem, showServerError } = useFormWithServerErrors<Values>(FIELDS);
  const move = useMoveUnit(unit.id);
  // A unit cannot go under itself or its own descendants (the server says UNIT_MOVE_CYCLE).
  const excluded = useMemo(() => subtreeIds(index, unit.id), [index, unit.id]);

  const submit = (values: Values) => {
    clearProblem();
    move.mutate(
      {
        parentId: values.parentId,
        effectiveDate: isoOf(values.effectiveDate),
        reason: reasonOf(values.reason),
      },
      {
        onSuccess: () => {
          message.success(t("units.moved", { name: unit.name }));
          onDone(unit);
        },
        onError: showServerError,
      },
    );
  };

  return (
    <UnitFormModal<Values>
      open={open}
      title={t("unitForm.moveTitle", { name: unit.name })}
      submitLabel={t("unitForm.submitMove")}
      form={form}
      initialValues={{ effectiveDate: dayjsOf(asOf) }}
      isPending={move.isPending}
      problem={problem}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Form.Item
        name="parentId"
        label={t("unitForm.newParent")}
        dependencies={["effectiveDate"]}
        rules={[
          { required: true, message: t("unitForm.parentRequired") },
          {
            validator: async (_, value: number | undefined) => {
              const date = form.getFieldValue("effectiveDate") as Dayjs | undefined;
              const parentId = date ? versionOn(unit.history, isoOf(date))?.parentId : unit.parentId;
              if (value !== undefined && value === parentId) throw new Error(t("unitForm.sameParent"));
            },
          },
        ]}
      >
        <UnitPicker
          index={index}
          disabledIds={excluded}
          autoFocus
          placeholder={t("unitForm.parentSearch")}
          data-testid="unit-form-parent"
        />
      </Form.Item>
      <Form.Item name="effectiveDate" label={t("unitForm.effectiveDate")} rules={effectiveDateRules(t, unit)}>
        <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} data-testid="unit-form-date" />
      </Form.Item>
      <UnitReasonField />
    </UnitFormModal>
  );
}

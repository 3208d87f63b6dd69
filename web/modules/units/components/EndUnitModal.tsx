import { App, DatePicker, Form, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { LINEAGE_KINDS, type LineageKind } from "../../../../common/enums/units.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { endOf } from "../../../../common/rules/periods.ts";
import { DATE_INPUT_FORMATS, isoOf } from "../../../app/dates.ts";
import { useFormWithServerErrors } from "../../../app/form-errors.ts";
import { useEndUnit } from "../hooks/use-unit-mutations.ts";
import { reasonOf } from "../utils/unit-form.ts";
import type { UnitIndex } from "../utils/unit-tree.ts";
import { UnitFormModal, UnitReasonField } from "./UnitFormModal.tsx";
import { UnitPicker } from "./UnitPicker.tsx";

type Values = { endDate: Dayjs; successorId?: number; lineageKind?: LineageKind; reason?: string };
const FIELDS = ["endDate", "successorId", "lineageKind", "reason"] as const;

type Props = {
  unit: UnitDetail;
  index: UnitIndex;
  open: boolean;
  onClose: () => void;
  onDone: (ended: UnitDetail) => void;
};

/** Ends the unit (units are never deleted), optionally naming who takes over and how. */
export function EndUnitModal({ unit, index, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form, problem, clearProblem, showServerError } = useFormWithServerErrors<Values>(FIELDS);
  const end = useEndUnit(unit.id);
  const self = useMemo(() => new Set([unit.id]), [unit.id]);

  const submit = (values: Values) => {
    clearProblem();
    end.mutate(
      {
        // Typed as the last day the unit exists (DOMAIN §9); the API takes the first day it no longer does.
        endDate: endOf(isoOf(values.endDate)),
        successorId: values.successorId ?? undefined,
        lineageKind: values.successorId != null ? values.lineageKind : undefined,
        reason: reasonOf(values.reason),
      },
      {
        onSuccess: () => {
          message.success(t("units.ended", { name: unit.name }));
          onDone(unit);
        },
        onError: showServerError,
      },
    );
  };

  return (
    <UnitFormModal<Values>
      open={open}
      title={t("unitForm.endTitle", { name: unit.name })}
      submitLabel={t("unitForm.submitEnd")}
      isDanger
      form={form}
      isPending={end.isPending}
      problem={problem}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Form.Item
        name="endDate"
        label={t("unitForm.endDate")}
        extra={t("unitForm.endDateHelp")}
        rules={[
          { required: true, message: t("unitForm.dateRequired") },
          {
            validator: async (_, value: Dayjs | undefined) => {
              // Server: UNIT_END_BEFORE_START when endDate <= validFrom, i.e. a last day before the start.
              if (value && isoOf(value) < unit.validFrom)
                throw new Error(t("unitForm.endAfterStart", { date: formatDmy(unit.validFrom) }));
            },
          },
        ]}
      >
        <DatePicker
          autoFocus
          format={DATE_INPUT_FORMATS}
          style={{ width: "100%" }}
          data-testid="unit-form-date"
        />
      </Form.Item>
      <div style={{ display: "grid", gridTemplateColumns: "3fr 2fr", gap: 16 }}>
        <Form.Item
          name="successorId"
          label={t("unitForm.successor")}
          tooltip={t("unitForm.successorHelp")}
          dependencies={["lineageKind"]}
          rules={[
            {
              validator: async (_, value: number | undefined) => {
                if (value == null && form.getFieldValue("lineageKind"))
                  throw new Error(t("unitForm.successorRequired"));
              },
            },
          ]}
        >
          <UnitPicker
            index={index}
            disabledIds={self}
            placeholder={t("unitForm.parentSearch")}
            data-testid="unit-form-successor"
          />
        </Form.Item>
        <Form.Item
          name="lineageKind"
          label={t("unitForm.lineageKind")}
          dependencies={["successorId"]}
          rules={[
            {
              validator: async (_, value: LineageKind | undefined) => {
                if (!value && form.getFieldValue("successorId") != null)
                  throw new Error(t("unitForm.lineageRequired"));
              },
            },
          ]}
        >
          <Select
            allowClear
            data-testid="unit-form-lineage"
            options={LINEAGE_KINDS.map((k) => ({ value: k, label: t(`lineage.${k}`) }))}
          />
        </Form.Item>
      </div>
      <UnitReasonField />
    </UnitFormModal>
  );
}

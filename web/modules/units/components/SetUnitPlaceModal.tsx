import { App, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { applyServerError } from "../../../app/form-errors.ts";
import { PlaceSelect } from "../../places/components/PlaceSelect.tsx";
import { useSetUnitPlace } from "../hooks/use-unit-mutations.ts";
import { reasonOf, reasonRules } from "../utils/unit-form.ts";
import { UnitFormModal } from "./UnitFormModal.tsx";

type Values = { placeId: number | null; reason?: string };
const FIELDS = ["placeId", "reason"] as const;

type Props = {
  unit: UnitDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
};

/** The administrative place a territorial unit governs: the territory its heads lead ("local" rule). */
export function SetUnitPlaceModal({ unit, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const setPlace = useSetUnitPlace(unit.id);

  const submit = (values: Values) => {
    setProblem(undefined);
    setPlace.mutate(
      { placeId: values.placeId ?? null, reason: reasonOf(values.reason) },
      {
        onSuccess: () => {
          message.success(t("units.placeSet", { name: unit.name }));
          onDone();
        },
        onError: (error) => setProblem(applyServerError(form, error, FIELDS)),
      },
    );
  };

  return (
    <UnitFormModal<Values>
      open={open}
      title={t("unitForm.placeTitle", { name: unit.name })}
      submitLabel={t("unitForm.submitPlace")}
      form={form}
      initialValues={{ placeId: unit.placeId }}
      isPending={setPlace.isPending}
      problem={problem}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Form.Item name="placeId" label={t("unitForm.place")} tooltip={t("unitForm.placeHelp")}>
        <PlaceSelect autoFocus current={unit.place} data-testid="unit-form-place" />
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

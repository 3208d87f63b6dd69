import { App, Form } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { useFormWithServerErrors } from "../../../app/form-errors.ts";
import { PlaceSelect } from "../../places/components/PlaceSelect.tsx";
import { useSetUnitPlace } from "../hooks/use-unit-mutations.ts";
import { reasonOf } from "../utils/unit-form.ts";
import { UnitFormModal, UnitReasonField } from "./UnitFormModal.tsx";

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
  const { form, problem, clearProblem, showServerError } = useFormWithServerErrors<Values>(FIELDS);
  const setPlace = useSetUnitPlace(unit.id);

  const submit = (values: Values) => {
    clearProblem();
    setPlace.mutate(
      { placeId: values.placeId ?? null, reason: reasonOf(values.reason) },
      {
        onSuccess: () => {
          message.success(t("units.placeSet", { name: unit.name }));
          onDone();
        },
        onError: showServerError,
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
      <UnitReasonField />
    </UnitFormModal>
  );
}

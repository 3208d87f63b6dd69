import { App, DatePicker, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import {
  BLOCS,
  type Bloc,
  TERRITORIAL_KINDS,
  UNIT_KINDS,
  type UnitKind,
} from "../../../../common/enums/units.ts";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf } from "../../../app/dates.ts";
import { useFormWithServerErrors } from "../../../app/form-errors.ts";
import { PlaceSelect } from "../../places/components/PlaceSelect.tsx";
import { useCreateRootUnit, useCreateUnit } from "../hooks/use-unit-mutations.ts";
import { likelyChildKind, reasonOf, unitCodeRules, unitNameRules } from "../utils/unit-form.ts";
import { UnitFormModal, UnitReasonField } from "./UnitFormModal.tsx";

type Values = {
  name: string;
  code?: string;
  kind: UnitKind;
  bloc?: Bloc;
  placeId?: number | null;
  validFrom: Dayjs;
  reason?: string;
};
const FIELDS = ["name", "code", "kind", "bloc", "placeId", "validFrom", "reason"] as const;

type Props = {
  /** The unit the new one goes under; none for a root unit (administrators only). */
  parent?: UnitDetail | undefined;
  asOf: string;
  open: boolean;
  onClose: () => void;
  onDone: (created: UnitDetail) => void;
};

/** A new unit under the selected one (or a root unit), existing from the chosen date. */
export function CreateUnitModal({ parent, asOf, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form, problem, clearProblem, showServerError } = useFormWithServerErrors<Values>(FIELDS);
  const createChild = useCreateUnit();
  const createRoot = useCreateRootUnit();
  const create = parent ? createChild : createRoot;
  const kind = Form.useWatch("kind", form);
  const validFrom = Form.useWatch("validFrom", form);
  const isTerritorial = kind !== undefined && TERRITORIAL_KINDS.includes(kind);

  const submit = (values: Values) => {
    clearProblem();
    const input = {
      name: values.name.trim(),
      code: values.code?.trim() || undefined,
      kind: values.kind,
      bloc: TERRITORIAL_KINDS.includes(values.kind) ? null : (values.bloc ?? null),
      placeId: TERRITORIAL_KINDS.includes(values.kind) ? (values.placeId ?? null) : null,
      validFrom: isoOf(values.validFrom),
      reason: reasonOf(values.reason),
    };
    const handlers = {
      onSuccess: (created: UnitDetail) => {
        message.success(t("units.created", { name: created.name }));
        onDone(created);
      },
      onError: showServerError,
    };
    if (parent) createChild.mutate({ ...input, parentId: parent.id }, handlers);
    else createRoot.mutate(input, handlers);
  };

  return (
    <UnitFormModal<Values>
      open={open}
      title={parent ? t("unitForm.createTitle", { parent: parent.name }) : t("unitForm.createRootTitle")}
      submitLabel={t("unitForm.submitCreate")}
      form={form}
      initialValues={{ kind: parent ? likelyChildKind(parent.kind) : "city", validFrom: dayjsOf(asOf) }}
      isPending={create.isPending}
      problem={problem}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Form.Item name="name" label={t("unitForm.name")} rules={unitNameRules(t)}>
        <Input autoFocus maxLength={300} data-testid="unit-form-name" />
      </Form.Item>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 16 }}>
        <Form.Item
          name="code"
          label={t("unitForm.code")}
          tooltip={t("unitForm.codeHelp")}
          rules={unitCodeRules(t)}
        >
          <Input maxLength={40} data-testid="unit-form-code" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t("unitForm.kind")}
          rules={[{ required: true, message: t("unitForm.kindRequired") }]}
        >
          <Select
            data-testid="unit-form-kind"
            showSearch={{ optionFilterProp: "label" }}
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))}
          />
        </Form.Item>
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 16 }}>
        <Form.Item name="bloc" label={t("unitForm.bloc")}>
          <Select
            allowClear
            data-testid="unit-form-bloc"
            placeholder={t("unitForm.blocPlaceholder")}
            disabled={isTerritorial}
            options={BLOCS.map((b) => ({ value: b, label: t(`bloc.${b}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label={t("unitForm.validFrom")}
          rules={[{ required: true, message: t("unitForm.dateRequired") }]}
        >
          <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} data-testid="unit-form-date" />
        </Form.Item>
      </div>
      {isTerritorial && (
        <Form.Item name="placeId" label={t("unitForm.place")} tooltip={t("unitForm.placeHelp")}>
          <PlaceSelect asOf={validFrom ? isoOf(validFrom) : undefined} data-testid="unit-form-place" />
        </Form.Item>
      )}
      <UnitReasonField />
    </UnitFormModal>
  );
}

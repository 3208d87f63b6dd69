import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import {
  CONDITION_KINDS,
  type ConditionKind,
  defaultLeafDraft,
  LEAF_KINDS,
  type LeafKind,
  type VersionValues,
} from "../utils/version-form.ts";
import { LeafConditionFields } from "./LeafConditionFields.tsx";

/** Most conditions an "all" may combine (the contract's limit). */
const MAX_OF = 8;

/** The numerator: a condition of one kind, or "all" of a list of them. */
export function ConditionFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<VersionValues>();
  const kind = Form.useWatch(["condition", "kind"], form) as ConditionKind | undefined;

  return (
    <>
      <Form.Item
        name={["condition", "kind"]}
        label={t("indicatorCatalogue.form.kind")}
        rules={[{ required: true, message: t("indicatorCatalogue.form.required") }]}
        style={{ maxWidth: 360 }}
      >
        <Select
          data-testid="version-condition-kind"
          options={CONDITION_KINDS.map((k) => ({ value: k, label: t(`indicatorCatalogue.kind.${k}`) }))}
        />
      </Form.Item>
      {kind === "all" ? (
        <Form.List
          name={["condition", "of"]}
          rules={[
            {
              validator: async (_, of: unknown[] | undefined) => {
                if (!of?.length) throw new Error(t("indicatorCatalogue.form.allOfMin"));
                if (of.length > MAX_OF)
                  throw new Error(t("indicatorCatalogue.form.allOfMax", { max: MAX_OF }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <AllOfItem
                  key={field.key}
                  index={index}
                  fieldName={field.name}
                  onRemove={() => remove(field.name)}
                />
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add(defaultLeafDraft("qualification"))}
                disabled={fields.length >= MAX_OF}
                style={{ marginBottom: 16 }}
                data-testid="version-condition-add"
              >
                {t("indicatorCatalogue.form.addCondition")}
              </Button>
            </>
          )}
        </Form.List>
      ) : (
        <LeafConditionFields
          name={["condition"]}
          path={["condition"]}
          kind={kind}
          testId="version-condition"
        />
      )}
    </>
  );
}

function AllOfItem({
  index,
  fieldName,
  onRemove,
}: {
  index: number;
  fieldName: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<VersionValues>();
  const path = ["condition", "of", fieldName];
  const kind = Form.useWatch([...path, "kind"], form) as LeafKind | undefined;
  const testId = `version-condition-${index}`;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={t("indicatorCatalogue.form.conditionNumber", { n: index + 1 })}
      extra={
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t("indicatorCatalogue.form.removeCondition")}
          data-testid={`${testId}-remove`}
        />
      }
    >
      <Form.Item
        name={[fieldName, "kind"]}
        label={t("indicatorCatalogue.form.kind")}
        rules={[{ required: true, message: t("indicatorCatalogue.form.required") }]}
        style={{ maxWidth: 360 }}
      >
        <Select
          data-testid={`${testId}-kind`}
          options={LEAF_KINDS.map((k) => ({ value: k, label: t(`indicatorCatalogue.kind.${k}`) }))}
        />
      </Form.Item>
      <LeafConditionFields name={[fieldName]} path={path} kind={kind} testId={testId} />
    </Card>
  );
}

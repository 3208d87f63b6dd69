import {
  App,
  Col,
  DatePicker,
  Divider,
  Form,
  type GetRef,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IndicatorDefinition } from "../../../../common/contracts/indicators.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { DATE_INPUT_FORMATS } from "../../../app/dates.ts";
import { FormModal } from "../../../app/FormModal.tsx";
import { useAddIndicatorVersion } from "../hooks/use-catalogue.ts";
import { useCatalogueWords } from "../hooks/use-catalogue-words.ts";
import { describeCondition, describePopulation } from "../utils/catalogue-words.ts";
import { inputOf, placeServerError, type VersionValues, valuesOf } from "../utils/version-form.ts";
import { ConditionFields } from "./ConditionFields.tsx";
import { PopulationFields } from "./PopulationFields.tsx";
import { TypedNumberInput } from "./TypedNumberInput.tsx";

type Props = {
  code: string;
  /** The version the form starts from (the one in effect on the page's date). */
  base: IndicatorDefinition;
  onClose: () => void;
  onDone: (created: IndicatorDefinition) => void;
};

/**
 * A new version of a definition from a date: the form starts as a copy of the current one. Figures of
 * earlier dates keep the definitions they had (ADR 0004).
 */
export function AddVersionModal({ code, base, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VersionValues>();
  const [problem, setProblem] = useState<string>();
  const add = useAddIndicatorVersion(code);
  const direction = Form.useWatch("direction", form);
  const required = { required: true, message: t("indicatorCatalogue.form.required") };
  const dateRef = useRef<GetRef<typeof DatePicker>>(null);
  const isPickerOpen = useRef(false);

  // Focus the date once the dialog holds the focus: autoFocus would fire while the drawer underneath still
  // traps it, and the drawer would pull it back.
  useEffect(() => {
    const timer = setTimeout(() => dateRef.current?.focus(), 150);
    return () => clearTimeout(timer);
  }, []);

  const submit = () => {
    setProblem(undefined);
    // Every value of the store, fields of the kinds not shown included: inputOf keeps the chosen kind's.
    const values = form.getFieldsValue(true) as VersionValues;
    const input = inputOf(values);
    add.mutate(input, {
      onSuccess: (created) => {
        message.success(t("indicatorCatalogue.form.added", { code, date: formatDmy(created.effectiveFrom) }));
        onDone(created);
      },
      onError: (error) =>
        setProblem(
          placeServerError(form, error, values, (unknown) =>
            t("indicatorCatalogue.form.unknownCode", { code: unknown }),
          ),
        ),
    });
  };

  return (
    <FormModal<VersionValues>
      open
      title={t("indicatorCatalogue.form.title", { code })}
      submitLabel={t("indicatorCatalogue.form.submit")}
      form={form}
      initialValues={valuesOf(base)}
      isPending={add.isPending}
      problem={problem}
      problemTestId="version-form-error"
      submitTestId="version-submit"
      width={880}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t("indicatorCatalogue.form.prefilled", { date: formatDmy(base.effectiveFrom) })}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          {/* Enter while the calendar is open takes the typed date; only the next Enter submits. A version
              cannot be edited afterwards, so a half-filled form must not go out by accident. Capture phase:
              the picker closes its calendar in its own handler, before a bubbling one would run. */}
          <div
            onKeyDownCapture={(event) => {
              if (event.key === "Enter" && isPickerOpen.current) event.preventDefault();
            }}
          >
            <Form.Item
              name="effectiveFrom"
              label={t("indicatorCatalogue.form.effectiveFrom")}
              rules={[{ required: true, message: t("indicatorCatalogue.form.effectiveFromRequired") }]}
            >
              <DatePicker
                ref={dateRef}
                onOpenChange={(open) => {
                  isPickerOpen.current = open;
                }}
                format={DATE_INPUT_FORMATS}
                placeholder="dd/mm/yyyy"
                style={{ width: "100%" }}
                data-testid="version-effective-from"
              />
            </Form.Item>
          </div>
        </Col>
        <Col xs={24} sm={16}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 30, marginBottom: 0 }}>
            {t("indicatorCatalogue.form.effectiveFromHelp")}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t("indicatorCatalogue.form.name")}
            rules={[
              { ...required, whitespace: true },
              { max: 200, message: t("indicatorCatalogue.form.tooLong", { max: 200 }) },
            ]}
          >
            <Input maxLength={200} data-testid="version-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="nameEn"
            label={t("indicatorCatalogue.form.nameEn")}
            rules={[
              { ...required, whitespace: true },
              { max: 200, message: t("indicatorCatalogue.form.tooLong", { max: 200 }) },
            ]}
          >
            <Input maxLength={200} data-testid="version-name-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t("indicatorCatalogue.description")}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={2000}
          data-testid="version-description"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} sm={6}>
          <Form.Item name="direction" label={t("indicatorCatalogue.form.direction")} rules={[required]}>
            <Select
              data-testid="version-direction"
              options={[
                { value: ">=", label: t("indicatorCatalogue.form.directionAtLeast") },
                { value: "<=", label: t("indicatorCatalogue.form.directionAtMost") },
                { value: "none", label: t("indicatorCatalogue.words.noTarget") },
              ]}
              onChange={(value) => {
                if (value === "none") form.setFieldValue("target", null);
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={5}>
          <Form.Item
            name="target"
            label={t("indicatorCatalogue.form.target")}
            required={direction !== "none"}
            dependencies={["direction", "display"]}
            rules={[
              {
                validator: async (_, value: number | null | undefined) => {
                  if (form.getFieldValue("direction") === "none") return;
                  if (value === null || value === undefined)
                    throw new Error(t("indicatorCatalogue.form.targetRequired"));
                  if (Number.isNaN(value)) throw new Error(t("indicatorCatalogue.form.targetNotNumber"));
                  const max = form.getFieldValue("display") === "percent" ? 100 : 100_000;
                  if (value < 0 || value > max)
                    throw new Error(t("indicatorCatalogue.form.targetRange", { max }));
                },
              },
            ]}
          >
            <TypedNumberInput disabled={direction === "none"} data-testid="version-target" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="display" label={t("indicatorCatalogue.form.display")} rules={[required]}>
            <Select
              data-testid="version-display"
              options={[
                { value: "percent", label: t("indicatorCatalogue.display.percent") },
                { value: "count", label: t("indicatorCatalogue.display.count") },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={6} sm={3}>
          <Form.Item
            name="sortOrder"
            label={t("indicatorCatalogue.form.sortOrder")}
            rules={[
              required,
              { type: "integer", min: 0, max: 10_000, message: t("indicatorCatalogue.form.sortOrderRange") },
            ]}
          >
            <InputNumber<number>
              min={0}
              max={10_000}
              precision={0}
              style={{ width: "100%" }}
              data-testid="version-sort-order"
            />
          </Form.Item>
        </Col>
        <Col xs={6} sm={4}>
          <Form.Item
            name="active"
            label={t("indicatorCatalogue.form.active")}
            // A switch always has a value: no "optional" mark.
            required
            valuePropName="checked"
            tooltip={t("indicatorCatalogue.form.activeHelp")}
          >
            <Switch data-testid="version-active" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {t("indicatorCatalogue.colPopulation")}
      </Divider>
      <PopulationFields />
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {t("indicatorCatalogue.colCondition")}
      </Divider>
      <ConditionFields />
      <Preview />
      <Form.Item
        name="reason"
        label={t("indicatorCatalogue.form.reason")}
        rules={[{ max: 1000, message: t("indicatorCatalogue.form.tooLong", { max: 1000 }) }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={1000}
          placeholder={t("indicatorCatalogue.form.reasonPlaceholder")}
          data-testid="version-reason"
        />
      </Form.Item>
    </FormModal>
  );
}

/** The definition as the catalogue will read it, while it is being edited. */
function Preview() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<VersionValues>();
  const words = useCatalogueWords();
  // preserve: the store's values of every kind, not only the fields on screen.
  const values = Form.useWatch((all) => all, { form, preserve: true }) as VersionValues | undefined;
  if (!values?.condition || !values.population) return null;
  let text: string;
  try {
    const input = inputOf(values);
    text = `${describePopulation(input.population, words)} — ${describeCondition(input.condition, words)}`;
  } catch {
    return null;
  }
  return (
    <Typography.Paragraph
      data-testid="version-preview"
      style={{ background: "#f6f8fa", padding: "8px 12px", borderRadius: 6 }}
    >
      <Typography.Text type="secondary">{t("indicatorCatalogue.form.preview")}: </Typography.Text>
      {text}
    </Typography.Paragraph>
  );
}

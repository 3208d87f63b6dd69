import { Alert, Col, Form, InputNumber, Row, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import {
  CATEGORY_CODE_LIST,
  QUALIFICATION_CATEGORIES,
  SEXES,
  TRAINING_KINDS,
} from "../../../../common/enums/cadres.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useCodes } from "../../cadres/hooks/use-cadre-queries.ts";
import { codeOptions } from "../../cadres/utils/code-names.ts";
import { type LeafKind, THRESHOLD_ORDER } from "../utils/version-form.ts";

type Name = (string | number)[];

type Props = {
  /** Names of the fields relative to the enclosing Form.List item (or the form, outside a list). */
  name: Name;
  /** The same place from the root of the form, to watch and set values. */
  path: Name;
  kind: LeafKind | undefined;
  /** Prefix of data-testid, distinct per condition of a list. */
  testId: string;
};

/** The fields of one condition of the kind chosen (ADR 0004's vocabulary). */
export function LeafConditionFields({ name, path, kind, testId }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  // Untyped: the names here are built at run time (a condition alone or one of a list).
  const form = Form.useFormInstance();
  const codes = useCodes();
  const category = Form.useWatch([...path, "category"], form) as string | undefined;
  const required = { required: true, message: t("indicatorCatalogue.form.required") };

  switch (kind) {
    case "young":
      return (
        <>
          <Form.Item
            name={[...name, "operator"]}
            label={t("indicatorCatalogue.form.operator")}
            rules={[required]}
            style={{ maxWidth: 320 }}
          >
            <Select
              data-testid={`${testId}-operator`}
              options={[
                { value: "<", label: t("indicatorCatalogue.form.operatorLt") },
                { value: "<=", label: t("indicatorCatalogue.form.operatorLe") },
              ]}
            />
          </Form.Item>
          <Row gutter={12}>
            {THRESHOLD_ORDER.map((level) => (
              <Col key={level} xs={12} sm={8} md={6}>
                <Form.Item
                  name={[...name, "thresholds", level]}
                  label={t(`tier.${level}`)}
                  rules={[
                    required,
                    { type: "integer", min: 18, max: 80, message: t("indicatorCatalogue.form.ageRange") },
                  ]}
                >
                  <InputNumber<number>
                    min={18}
                    max={80}
                    precision={0}
                    style={{ width: "100%" }}
                    data-testid={`${testId}-threshold-${level}`}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </>
      );
    case "sex":
      return (
        <Form.Item
          name={[...name, "sex"]}
          label={t("indicatorCatalogue.form.sex")}
          rules={[required]}
          style={{ maxWidth: 240 }}
        >
          <Select
            data-testid={`${testId}-sex`}
            options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          />
        </Form.Item>
      );
    case "qualification": {
      const known = QUALIFICATION_CATEGORIES.find((c) => c === category);
      return (
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name={[...name, "category"]}
              label={t("indicatorCatalogue.form.category")}
              rules={[required]}
            >
              <Select
                data-testid={`${testId}-category`}
                options={QUALIFICATION_CATEGORIES.map((c) => ({
                  value: c,
                  label: t(`qualificationCategory.${c}`),
                }))}
                // A level of another list means nothing here.
                onChange={() => form.setFieldValue([...path, "atLeast"], undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name={[...name, "atLeast"]}
              label={t("indicatorCatalogue.form.atLeast")}
              rules={[required]}
            >
              <Select
                data-testid={`${testId}-at-least`}
                loading={codes.isLoading}
                showSearch={{ optionFilterProp: "label" }}
                options={
                  known
                    ? codeOptions(codes.data, CATEGORY_CODE_LIST[known], language, {
                        keep: form.getFieldValue([...path, "atLeast"]) as string | undefined,
                        highestFirst: true,
                      })
                    : []
                }
              />
            </Form.Item>
          </Col>
        </Row>
      );
    }
    case "training":
      return (
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item
              name={[...name, "trainingKind"]}
              label={t("indicatorCatalogue.form.trainingKind")}
              rules={[required]}
            >
              <Select
                data-testid={`${testId}-training-kind`}
                options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`trainingKind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name={[...name, "withinMonths"]}
              label={t("indicatorCatalogue.form.withinMonths")}
              rules={[
                required,
                { type: "integer", min: 1, max: 240, message: t("indicatorCatalogue.form.monthsRange") },
              ]}
            >
              <InputNumber<number>
                min={1}
                max={240}
                precision={0}
                style={{ width: "100%" }}
                data-testid={`${testId}-months`}
              />
            </Form.Item>
          </Col>
        </Row>
      );
    case "not_local":
      return (
        <Form.Item
          name={[...name, "includeBirthplace"]}
          label={t("indicatorCatalogue.form.includeBirthplace")}
          required
          valuePropName="checked"
          extra={t("indicatorCatalogue.form.includeBirthplaceHelp")}
        >
          <Switch data-testid={`${testId}-birthplace`} />
        </Form.Item>
      );
    case "evaluated":
      return (
        <Alert
          type="info"
          showIcon
          title={t("indicatorCatalogue.form.evaluatedHelp")}
          style={{ marginBottom: 16 }}
        />
      );
    default:
      return null;
  }
}

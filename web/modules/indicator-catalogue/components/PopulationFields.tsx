import { Col, Form, Row, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { MANAGEMENT_TIERS, STAFF_TYPES } from "../../../../common/enums/cadres.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useTitles } from "../../cadres/hooks/use-cadre-queries.ts";

/** The denominator: tiers, leaders only, titles held, staff types; an empty list does not restrict. */
export function PopulationFields() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const titles = useTitles();
  const form = Form.useFormInstance();
  const chosen = (Form.useWatch(["population", "titleCodes"], form) as string[] | undefined) ?? [];
  const known = new Set((titles.data ?? []).map((x) => x.code));

  return (
    <Row gutter={12}>
      <Col xs={24} md={16}>
        <Form.Item name={["population", "tiers"]} label={t("indicatorCatalogue.form.tiers")}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t("indicatorCatalogue.form.tiersPlaceholder")}
            options={MANAGEMENT_TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
            data-testid="version-population-tiers"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={["population", "leadersOnly"]}
          label={t("indicatorCatalogue.form.leadersOnly")}
          required
          valuePropName="checked"
        >
          <Switch data-testid="version-population-leaders" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name={["population", "titleCodes"]} label={t("indicatorCatalogue.form.titles")}>
          <Select
            mode="multiple"
            allowClear
            loading={titles.isLoading}
            placeholder={t("indicatorCatalogue.form.titlesPlaceholder")}
            showSearch={{ optionFilterProp: "label" }}
            options={[
              ...(titles.data ?? []).map((x) => ({
                value: x.code,
                label: language === "en" && x.nameEn ? x.nameEn : x.name,
              })),
              // A code the catalogue no longer has still shows (and can be removed).
              ...chosen.filter((code) => !known.has(code)).map((code) => ({ value: code, label: code })),
            ]}
            data-testid="version-population-titles"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={["population", "staffTypes"]} label={t("indicatorCatalogue.form.staffTypes")}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t("indicatorCatalogue.form.staffTypesPlaceholder")}
            options={STAFF_TYPES.map((s) => ({ value: s, label: t(`staffType.${s}`) }))}
            data-testid="version-population-staff-types"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

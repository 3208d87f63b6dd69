import { ClearOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, DatePicker, Input, InputNumber, Select, Space, Typography } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SEXES, STAFF_TYPES } from "../../../../common/enums/cadres.ts";
import { addDays } from "../../../../common/rules/dates.ts";
import { matchesFolded } from "../../../../common/text/vietnamese.ts";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf, todayIso } from "../../../app/dates.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { UnitPicker } from "../../units/components/UnitPicker.tsx";
import { useUnitTree } from "../../units/hooks/use-unit-queries.ts";
import { indexUnits } from "../../units/utils/unit-tree.ts";
import { useCodes, useTitles } from "../hooks/use-cadre-queries.ts";
import { useTierNames } from "../hooks/use-tier-names.ts";
import type { CadreFilter } from "../utils/cadre-filter.ts";
import { codeOptions } from "../utils/code-names.ts";

type Props = {
  value: CadreFilter;
  onChange: (changes: Partial<CadreFilter>) => void;
  onReset: () => void;
};

const SEARCH_DELAY_MS = 350;

/**
 * The search box and the filters of the cadre list. The text is sent after a pause in typing (or at
 * once with Enter); every other filter applies when it changes.
 */
export function CadreFilters({ value, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const asOf = value.asOf ?? todayIso();
  const tree = useUnitTree(asOf);
  const index = useMemo(() => indexUnits(tree.data?.nodes ?? []), [tree.data]);
  const codes = useCodes();
  const titles = useTitles();
  const { options: tierOptions } = useTierNames();

  const [text, setText] = useState(value.q ?? "");
  const sent = useRef(value.q ?? "");
  // A reset or a link changes q from outside: show it.
  useEffect(() => {
    if ((value.q ?? "") !== sent.current) {
      sent.current = value.q ?? "";
      setText(value.q ?? "");
    }
  }, [value.q]);
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = trimmed;
      onChange({ q: trimmed || undefined });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, onChange]);
  const searchNow = () => {
    const trimmed = text.trim();
    sent.current = trimmed;
    onChange({ q: trimmed || undefined });
  };

  const isAgeInvalid =
    value.ageFrom !== undefined && value.ageTo !== undefined && value.ageFrom > value.ageTo;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t("cadres.search")}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={searchNow}
        maxLength={100}
        aria-label={t("cadres.search")}
        data-testid="cadre-search"
        autoFocus
      />
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
        <div style={{ width: 300 }}>
          <UnitPicker
            index={index}
            value={value.unitId !== undefined && index.byId.has(value.unitId) ? value.unitId : undefined}
            onChange={(unitId) => onChange({ unitId })}
            placeholder={
              value.unitId !== undefined && tree.isLoading ? t("app.loading") : t("cadres.unitPlaceholder")
            }
            data-testid="cadre-filter-unit"
          />
        </div>
        <Space size={4}>
          <Typography.Text type="secondary">{t("cadres.asOf")}</Typography.Text>
          <DatePicker
            value={dayjsOf(asOf)}
            format={DATE_INPUT_FORMATS}
            allowClear={false}
            onChange={(d) => d && onChange({ asOf: isoOf(d) === todayIso() ? undefined : isoOf(d) })}
            aria-label={t("cadres.asOf")}
            data-testid="cadre-filter-as-of"
            style={{ width: 130 }}
          />
        </Space>
        <Select
          allowClear
          placeholder={t("cadres.staffType")}
          value={value.staffType}
          onChange={(staffType) => onChange({ staffType })}
          options={STAFF_TYPES.map((s) => ({ value: s, label: t(`staffType.${s}`) }))}
          style={{ width: 140 }}
          data-testid="cadre-filter-staff-type"
        />
        <Select
          allowClear
          placeholder={t("cadres.tier")}
          value={value.tier}
          onChange={(tier) => onChange({ tier })}
          options={tierOptions({ from: asOf, to: addDays(asOf, 1), keep: value.tier ?? null })}
          style={{ width: 170 }}
          data-testid="cadre-filter-tier"
        />
        <Select
          allowClear
          showSearch={{ filterOption: (input, option) => matchesFolded(String(option?.label ?? ""), input) }}
          placeholder={t("cadres.titleId")}
          value={value.titleId}
          onChange={(titleId) => onChange({ titleId })}
          options={(titles.data ?? []).map((title) => ({
            value: title.id,
            label: language === "en" && title.nameEn ? title.nameEn : title.name,
          }))}
          loading={titles.isLoading}
          style={{ width: 260 }}
          popupMatchSelectWidth={360}
          data-testid="cadre-filter-title"
        />
        <Select
          allowClear
          placeholder={t("cadres.sex")}
          value={value.sex}
          onChange={(sex) => onChange({ sex })}
          options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          style={{ width: 110 }}
          data-testid="cadre-filter-sex"
        />
        <Space size={4}>
          <Typography.Text type="secondary">{t("cadres.age")}</Typography.Text>
          <InputNumber<number>
            min={0}
            max={150}
            precision={0}
            placeholder={t("cadres.ageFrom")}
            value={value.ageFrom ?? null}
            onChange={(n) => onChange({ ageFrom: n ?? undefined })}
            status={isAgeInvalid ? "error" : undefined}
            aria-label={`${t("cadres.age")} ${t("cadres.ageFrom")}`}
            style={{ width: 72 }}
            data-testid="cadre-filter-age-from"
          />
          <InputNumber<number>
            min={0}
            max={150}
            precision={0}
            placeholder={t("cadres.ageTo")}
            value={value.ageTo ?? null}
            onChange={(n) => onChange({ ageTo: n ?? undefined })}
            status={isAgeInvalid ? "error" : undefined}
            aria-label={`${t("cadres.age")} ${t("cadres.ageTo")}`}
            style={{ width: 72 }}
            data-testid="cadre-filter-age-to"
          />
        </Space>
        <Select
          allowClear
          prefix={t("cadres.qualification")}
          aria-label={t("cadres.qualification")}
          value={value.qualification}
          onChange={(qualification) => onChange({ qualification })}
          options={codeOptions(codes.data, "professional", language, { keep: value.qualification })}
          style={{ width: 230 }}
          data-testid="cadre-filter-qualification"
        />
        <Select
          allowClear
          prefix={t("cadres.politicalTheory")}
          aria-label={t("cadres.politicalTheory")}
          value={value.politicalTheory}
          onChange={(politicalTheory) => onChange({ politicalTheory })}
          options={codeOptions(codes.data, "political_theory", language, { keep: value.politicalTheory })}
          style={{ width: 200 }}
          data-testid="cadre-filter-political-theory"
        />
        <Button icon={<ClearOutlined />} onClick={onReset} data-testid="cadre-filter-reset">
          {t("cadres.reset")}
        </Button>
      </div>
    </Space>
  );
}

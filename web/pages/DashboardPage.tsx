import { Alert, Button, Empty, Space, Spin, Typography } from "antd";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { formatDmy } from "../../common/rules/dates.ts";
import { useAuth } from "../app/auth-context.tsx";
import { todayIso } from "../app/dates.ts";
import { useLocale } from "../app/locale-context.tsx";
import { AsOfPicker, PageHeader } from "../app/PageHeader.tsx";
import { setValues, useUrlParams } from "../app/use-url-params.ts";
import { AnalysisSection } from "../modules/indicators/components/AnalysisSection.tsx";
import { IndicatorBreakdown } from "../modules/indicators/components/IndicatorBreakdown.tsx";
import { IndicatorCard } from "../modules/indicators/components/IndicatorCard.tsx";
import { IndicatorSheetButton } from "../modules/indicators/components/IndicatorSheetButton.tsx";
import {
  useIndicatorAnalysis,
  useIndicatorDetail,
  useIndicators,
  useIndicatorTrend,
} from "../modules/indicators/hooks/use-indicator-queries.ts";
import {
  type DashboardParams,
  type DrillParams,
  dashboardParamsOf,
  drillPath,
} from "../modules/indicators/utils/dashboard-params.ts";
import { UnitPicker } from "../modules/units/components/UnitPicker.tsx";
import { useUnitTree } from "../modules/units/hooks/use-unit-queries.ts";
import { indexUnits } from "../modules/units/utils/unit-tree.ts";

/**
 * Bảng điều khiển: the indicators of a unit subtree as of a date, as cards with their trend; the selected
 * indicator by child unit and by management tier; the analysis views (units below target, ages, women and
 * young among leaders). Date, unit and indicator live in the URL; every figure opens the list of the people
 * it counts.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, updateParams] = useUrlParams();
  const view = useMemo(() => dashboardParamsOf(params), [params]);
  const asOf = view.asOf ?? todayIso();
  const canSeeNames = can("cadres.read");

  const list = useIndicators(asOf, view.unitId, language);
  const hasCards = list.data !== undefined;
  // The trend, the breakdown and the analysis wait for the cards: the database answers one query at a time.
  const trend = useIndicatorTrend(asOf, view.unitId, language, hasCards);
  const analysis = useIndicatorAnalysis(asOf, view.unitId, language, hasCards);
  const items = list.data?.items ?? [];
  const code = items.some((i) => i.code === view.code) ? view.code : items[0]?.code;
  const detail = useIndicatorDetail(code, asOf, view.unitId, language, hasCards);
  const tree = useUnitTree(asOf);
  const index = useMemo(() => indexUnits(tree.data?.nodes ?? []), [tree.data]);
  const unitId = view.unitId ?? list.data?.unit.id;
  const trendOf = useMemo(() => new Map(trend.data?.series.map((s) => [s.code, s.points])), [trend.data]);

  const change = useCallback(
    (changes: Partial<DashboardParams>) => updateParams((next) => setValues(next, changes)),
    [updateParams],
  );
  const drill = (indicatorCode: string, target: Omit<DrillParams, "asOf">) =>
    navigate(drillPath(indicatorCode, { asOf, ...target }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <PageHeader
        title={t("dashboard.title")}
        subtitle={
          list.data && (
            <Typography.Text type="secondary" data-testid="dashboard-subtitle">
              {t("dashboard.subtitle", { unit: list.data.unit.name, date: formatDmy(list.data.asOf) })}
            </Typography.Text>
          )
        }
        extra={
          <Space wrap>
            <div style={{ width: 320 }}>
              <UnitPicker
                index={index}
                value={unitId !== undefined && index.byId.has(unitId) ? unitId : undefined}
                onChange={(id) => change({ unitId: id, code: view.code })}
                placeholder={tree.isLoading ? t("app.loading") : t("dashboard.unitPlaceholder")}
                data-testid="dashboard-unit"
              />
            </div>
            <AsOfPicker
              value={asOf}
              onChange={(d) => change({ asOf: d })}
              label={t("dashboard.asOf")}
              loading={list.isFetching}
              testId="dashboard-as-of"
              width={130}
            />
            {list.data && items.length > 0 && (
              <IndicatorSheetButton
                path="/indicators.xlsx"
                asOf={list.data.asOf}
                unitId={list.data.unit.id}
                fallbackName={`chi-tieu-${list.data.asOf}.xlsx`}
                testId="indicator-cards-export"
              />
            )}
          </Space>
        }
      />
      {list.error && (
        <Alert
          type="error"
          showIcon
          title={list.error.message}
          action={
            <Button size="small" onClick={() => list.refetch()}>
              {t("app.retry")}
            </Button>
          }
        />
      )}
      {list.isLoading && (
        <div style={{ padding: 48, textAlign: "center" }}>
          <Spin />
        </div>
      )}
      {list.data && items.length === 0 && <Empty description={t("dashboard.empty")} />}
      {list.data && list.data.pastRetirement > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="dashboard-past-retirement"
          title={t("dashboard.pastRetirement", { count: list.data.pastRetirement })}
          action={
            canSeeNames ? (
              <Button
                size="small"
                onClick={() => navigate(`/cadres/retiring?overdue=1&asOf=${list.data!.asOf}`)}
              >
                {t("dashboard.pastRetirementList")}
              </Button>
            ) : undefined
          }
        />
      )}
      {items.length > 0 && (
        <div
          data-testid="indicator-cards"
          style={{
            display: "grid",
            gridTemplateColumns: "repeat(auto-fill, minmax(190px, 1fr))",
            gap: 12,
            // The old date's cards stay while the new one loads, dimmed.
            opacity: list.isPlaceholderData ? 0.6 : 1,
            transition: "opacity 0.2s",
          }}
        >
          {items.map((indicator) => (
            <IndicatorCard
              key={indicator.code}
              indicator={indicator}
              trend={trendOf.get(indicator.code)}
              isTrendLoading={trend.isLoading}
              isTrendStale={trend.isPlaceholderData && !list.isPlaceholderData}
              isSelected={indicator.code === code}
              onSelect={() => change({ code: indicator.code })}
              onDrill={
                canSeeNames && unitId !== undefined
                  ? (side) => drill(indicator.code, { unitId, side })
                  : undefined
              }
              language={language}
            />
          ))}
        </div>
      )}
      {code && (
        <IndicatorBreakdown
          detail={detail.data}
          isLoading={detail.isFetching}
          error={detail.error}
          onRetry={() => detail.refetch()}
          language={language}
          canSeeNames={canSeeNames}
          onDrill={(target) => drill(code, target)}
          onOpenUnit={(id) => change({ unitId: id })}
        />
      )}
      {hasCards && items.length > 0 && (
        <AnalysisSection
          analysis={analysis.data}
          isFetching={analysis.isFetching}
          isStale={analysis.isPlaceholderData}
          error={analysis.error}
          onRetry={() => analysis.refetch()}
          language={language}
          canSeeNames={canSeeNames}
          onDrill={drill}
        />
      )}
    </Space>
  );
}

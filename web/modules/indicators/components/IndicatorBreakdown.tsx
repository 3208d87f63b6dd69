import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { DrillSide, IndicatorDetail } from "../../../../common/contracts/indicators.ts";
import type { DrillTier } from "../utils/dashboard-params.ts";
import { formatTarget, type NumberLanguage } from "../utils/indicator-format.ts";
import { STATUS_BAR_COLORS } from "../utils/status-colors.ts";
import { isDirectRow, type RankedRow, rankUnits } from "../utils/unit-ranking.ts";
import { IndicatorSheetButton } from "./IndicatorSheetButton.tsx";
import { TierBreakdownTable } from "./TierBreakdownTable.tsx";
import { UnitBarChart } from "./UnitBarChart.tsx";
import { UnitRankingTable } from "./UnitRankingTable.tsx";

type Props = {
  detail: IndicatorDetail | undefined;
  isLoading: boolean;
  error: Error | null;
  onRetry: () => void;
  language: NumberLanguage;
  canSeeNames: boolean;
  /**
   * Lists the people behind a figure of a child unit (unitId), of the unit's own row (directOnly) or of a
   * tier of the whole unit.
   */
  onDrill: (target: { unitId: number; side: DrillSide; tier?: DrillTier; directOnly?: boolean }) => void;
  onOpenUnit: (unitId: number) => void;
};

const PANEL_HEIGHT = 440;

/** The selected indicator by child unit (bar chart and ranking side by side) and by management tier. */
export function IndicatorBreakdown({
  detail,
  isLoading,
  error,
  onRetry,
  language,
  canSeeNames,
  onDrill,
  onOpenUnit,
}: Props) {
  const { t } = useTranslation();
  const rows = useMemo(() => (detail ? rankUnits(detail.byUnit, detail.indicator) : []), [detail]);

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error.message}
        action={
          <Button size="small" onClick={onRetry}>
            {t("app.retry")}
          </Button>
        }
      />
    );
  if (!detail)
    return (
      <Card size="small">
        <div style={{ padding: 48, textAlign: "center" }}>{isLoading ? <Spin /> : <Empty />}</div>
      </Card>
    );

  const { indicator, unit } = detail;
  const rootId = unit.id;
  // The unit's own row ("… (trực tiếp)") lists the people placed in the unit itself, not below it.
  const drillUnit = (row: RankedRow, side: DrillSide) => {
    if (!row.unit) return;
    if (isDirectRow(row, rootId)) onDrill({ unitId: rootId, side, directOnly: true });
    else onDrill({ unitId: row.unit.id, side });
  };
  const below = rows.filter((r) => r.status === "not_met").length;
  const target = formatTarget(indicator, language);

  return (
    <Spin spinning={isLoading} delay={200}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Card
          size="small"
          title={
            <span data-testid="breakdown-title">
              {indicator.code}. {indicator.name}
            </span>
          }
          extra={
            <Space size={8}>
              {target && rows.length > 0 ? (
                <Typography.Text type={below ? "danger" : "success"} data-testid="breakdown-below-target">
                  {below
                    ? t("dashboard.belowTarget", { count: below, total: rows.length })
                    : t("dashboard.allMet")}
                </Typography.Text>
              ) : null}
              {rows.length > 0 && (
                <IndicatorSheetButton
                  path={`/indicators/${encodeURIComponent(indicator.code)}/breakdown.xlsx`}
                  asOf={detail.asOf}
                  unitId={unit.id}
                  fallbackName={`chi-tieu-${indicator.code}-${detail.asOf}.xlsx`}
                  testId="breakdown-export"
                />
              )}
            </Space>
          }
          data-testid="indicator-breakdown"
        >
          {indicator.status === "no_data" && rows.length === 0 ? (
            <Alert type="info" showIcon title={indicator.note ?? t("dashboard.noData")} />
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} xxl={12}>
                <Space size={12} wrap>
                  <Typography.Text strong>{t("dashboard.byUnit")}</Typography.Text>
                  {target && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <span
                        style={{
                          display: "inline-block",
                          width: 18,
                          borderTop: `2px dashed ${STATUS_BAR_COLORS.not_met}`,
                          verticalAlign: "middle",
                          marginInlineEnd: 6,
                        }}
                      />
                      {t("dashboard.target", { target })}
                    </Typography.Text>
                  )}
                </Space>
                <div style={{ maxHeight: PANEL_HEIGHT, overflowY: "auto", marginTop: 8 }}>
                  <UnitBarChart
                    indicator={indicator}
                    rows={rows}
                    language={language}
                    onBarClick={(row) => canSeeNames && drillUnit(row, "numerator")}
                  />
                </div>
              </Col>
              <Col xs={24} xxl={12}>
                <Typography.Text strong>{t("dashboard.ranking")}</Typography.Text>
                <div style={{ marginTop: 8 }}>
                  <UnitRankingTable
                    indicator={indicator}
                    rows={rows}
                    language={language}
                    rootId={rootId}
                    canSeeNames={canSeeNames}
                    onDrill={drillUnit}
                    onOpenUnit={onOpenUnit}
                    scrollY={PANEL_HEIGHT - 40}
                  />
                </div>
              </Col>
            </Row>
          )}
          {canSeeNames && rows.length > 0 && (
            <Typography.Text type="secondary" style={{ display: "block", marginTop: 8, fontSize: 12 }}>
              {t("dashboard.drillHint")}
            </Typography.Text>
          )}
        </Card>
        {detail.byTier.length > 0 && (
          <Card size="small" title={t("dashboard.byTier")}>
            <TierBreakdownTable
              indicator={indicator}
              rows={detail.byTier}
              language={language}
              canSeeNames={canSeeNames}
              onDrill={(tier, side) => onDrill({ unitId: rootId, side, tier })}
            />
          </Card>
        )}
      </Space>
    </Spin>
  );
}

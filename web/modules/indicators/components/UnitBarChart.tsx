import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { IndicatorResult } from "../../../../common/contracts/indicators.ts";
import type { ChartOption } from "../utils/echarts.ts";
import {
  formatFigure,
  formatShortPercent,
  formatTarget,
  type NumberLanguage,
} from "../utils/indicator-format.ts";
import { STATUS_BAR_COLORS } from "../utils/status-colors.ts";
import type { RankedRow } from "../utils/unit-ranking.ts";
import { EChart } from "./EChart.tsx";

type Props = {
  indicator: IndicatorResult;
  /** In ranking order, best first: drawn top to bottom. */
  rows: readonly RankedRow[];
  language: NumberLanguage;
  /** A click on a unit's bar; absent for rows that cannot be opened. */
  onBarClick: (row: RankedRow) => void;
};

const BAR_HEIGHT = 22;

/** The percent of each child unit as a horizontal bar, the target as a dashed line, bars below it in orange. */
export function UnitBarChart({ indicator, rows, language, onBarClick }: Props) {
  const { t } = useTranslation();
  const target = formatTarget(indicator, language);
  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true },
      animationDuration: 300,
      grid: {
        left: 8,
        right: 64,
        top: 24,
        bottom: 8,
        outerBoundsMode: "same",
        outerBoundsContain: "axisLabel",
      },
      xAxis: {
        type: "value",
        // On top: the chart scrolls in its box, and the scale stays in sight above the first bars.
        position: "top",
        min: 0,
        // Room for the target line and the labels; a round step, never past 100%.
        max: (extent) =>
          Math.min(100, Math.ceil((Math.max(extent.max, indicator.target ?? 0, 1) * 1.05) / 10) * 10),
        axisLabel: { formatter: (v: number) => formatShortPercent(v, language) },
        splitLine: { lineStyle: { type: "dashed", color: "#f0f0f0" } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: rows.map((r) => r.label),
        axisTick: { show: false },
        axisLabel: { width: 170, overflow: "truncate", fontSize: 12 },
      },
      tooltip: {
        trigger: "item",
        formatter: (params) => {
          const row = rows[Array.isArray(params) ? (params[0]?.dataIndex ?? 0) : params.dataIndex];
          if (!row) return "";
          const shown = formatFigure(row, indicator.display, language) ?? t("dashboard.noData");
          const counts =
            row.numerator !== null && row.denominator !== null
              ? ` (${row.numerator}/${row.denominator})`
              : "";
          return `${row.label}<br/><b>${shown}</b>${counts} — ${t(`dashboard.status.${row.status}`)}`;
        },
      },
      series: [
        {
          type: "bar",
          barMaxWidth: 14,
          cursor: "pointer",
          data: rows.map((r) => ({
            value: r.percent ?? 0,
            itemStyle: { color: STATUS_BAR_COLORS[r.status], borderRadius: [0, 3, 3, 0] },
          })),
          label: {
            show: true,
            position: "right",
            fontSize: 11,
            formatter: (params) => {
              const row = rows[params.dataIndex];
              return row ? (formatFigure(row, indicator.display, language) ?? "—") : "";
            },
          },
          markLine: target
            ? {
                silent: true,
                symbol: "none",
                lineStyle: { type: "dashed", color: STATUS_BAR_COLORS.not_met, width: 1.5 },
                label: { show: false },
                data: [{ xAxis: indicator.target ?? 0 }],
              }
            : undefined,
        },
      ],
    }),
    [indicator, rows, language, target, t],
  );

  return (
    <EChart
      option={option}
      height={Math.max(160, rows.length * BAR_HEIGHT + 40)}
      ariaLabel={t("dashboard.byUnitChart", { name: indicator.name })}
      onClick={(event) => {
        const row = rows[event.dataIndex];
        if (row) onBarClick(row);
      }}
      data-testid="unit-bar-chart"
    />
  );
}

import { useMemo } from "react";
import type { Series } from "../../../../common/contracts/indicators.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import type { ChartOption } from "../utils/echarts.ts";
import { formatFigure, type NumberLanguage } from "../utils/indicator-format.ts";
import { EChart } from "./EChart.tsx";

type Point = Series["series"][number]["points"][number];

type Props = {
  points: readonly Point[];
  display: "percent" | "count";
  language: NumberLanguage;
  noDataLabel: string;
  /** "không rõ quê quán: 3" — said in the tooltip beside a point whose figure left people out. */
  unknownLabel: (count: number) => string;
  ariaLabel: string;
  height: number;
  "data-testid"?: string;
};

/**
 * The vertical range around the points, so that a small change shows and a flat line sits in the middle
 * (ECharts' own scale puts a flat line at the bottom, where it reads as zero).
 */
function yRange(points: readonly Point[]): { min?: number; max?: number } {
  const values = points.flatMap((p) => (p.status === "no_data" || p.percent === null ? [] : [p.percent]));
  if (values.length === 0) return {};
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = high - low < 0.01 ? 1 : (high - low) * 0.15;
  return { min: low - pad, max: high + pad };
}

/** The trend of one indicator over the month ends: months without data are gaps, not zeros. */
export function Sparkline({
  points,
  display,
  language,
  noDataLabel,
  unknownLabel,
  ariaLabel,
  height,
  ...rest
}: Props) {
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: "category", show: false, boundaryGap: false, data: points.map((p) => p.asOf) },
      yAxis: { type: "value", show: false, ...yRange(points) },
      tooltip: {
        trigger: "axis",
        confine: true,
        textStyle: { fontSize: 12 },
        formatter: (params) => {
          const index = Array.isArray(params) ? (params[0]?.dataIndex ?? 0) : params.dataIndex;
          const point = points[index];
          if (!point) return "";
          const figure = `${formatDmy(point.asOf)}: ${formatFigure(point, display, language) ?? noDataLabel}`;
          return point.unknown > 0 ? `${figure}<br/>${unknownLabel(point.unknown)}` : figure;
        },
      },
      series: [
        {
          type: "line",
          // The percent behind "28/30" too: one scale for every kind of indicator.
          data: points.map((p) => (p.status === "no_data" ? null : p.percent)),
          connectNulls: false,
          symbol: "circle",
          symbolSize: 3,
          showSymbol: false,
          lineStyle: { width: 1.5, color: "#0b5cad" },
          itemStyle: { color: "#0b5cad" },
          areaStyle: { color: "rgba(11, 92, 173, 0.08)" },
        },
      ],
    }),
    [points, display, language, noDataLabel, unknownLabel],
  );
  return <EChart option={option} height={height} ariaLabel={ariaLabel} data-testid={rest["data-testid"]} />;
}

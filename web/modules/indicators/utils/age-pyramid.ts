import type { Analysis } from "../../../../common/contracts/indicators.ts";
import type { ChartOption } from "./echarts.ts";
import { formatCount, type NumberLanguage } from "./indicator-format.ts";

type Pyramid = Analysis["agePyramid"];

/**
 * Bar colours of the two sexes: blue and orange stay apart for readers who do not tell red from green, and
 * neither is the orange-red that marks a unit below target.
 */
export const SEX_COLORS = { male: "#3a78c9", female: "#e8894a" } as const;

/** A band of the report (DOMAIN §9) as the axis shows it: "<=30" → "≤ 30", "31-35" → "31–35", ">60" → "> 60". */
export function ageBandLabel(band: string): string {
  if (band.startsWith("<=")) return `≤ ${band.slice(2)}`;
  if (band.startsWith(">")) return `> ${band.slice(1)}`;
  return band.replace("-", "–");
}

const NICE_STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * The half-width of the axis: the larger side's longest bar plus a fifth (room for its label), rounded up to
 * a round number, so that both sides share one scale and the zero line stays in the middle.
 */
export function pyramidBound(pyramid: Pick<Pyramid, "bands">): number {
  const peak = Math.max(0, ...pyramid.bands.flatMap((b) => [b.male, b.female]));
  if (peak === 0) return 1;
  const wanted = peak * 1.2;
  const magnitude = 10 ** Math.floor(Math.log10(wanted));
  const step = NICE_STEPS.find((s) => s * magnitude >= wanted) ?? 10;
  // A head count: whole numbers only (a half-axis of 1.5 people becomes 2).
  return Math.ceil(step * magnitude);
}

/** Totals of each side, for the legend. */
export function pyramidTotals(pyramid: Pick<Pyramid, "bands">): { male: number; female: number } {
  return pyramid.bands.reduce((sum, b) => ({ male: sum.male + b.male, female: sum.female + b.female }), {
    male: 0,
    female: 0,
  });
}

/**
 * The age pyramid as an ECharts option: one horizontal bar per band, youngest at the bottom; men to the left
 * (drawn as negative values, shown without the sign), women to the right, on one symmetric scale.
 */
export function pyramidOption(
  pyramid: Pyramid,
  words: { male: string; female: string },
  language: NumberLanguage,
): ChartOption {
  const bound = pyramidBound(pyramid);
  const labels = pyramid.bands.map((b) => ageBandLabel(b.band));
  const count = (value: unknown) => formatCount(Math.abs(Number(value) || 0), language);
  const barLabel = (position: "left" | "right") => ({
    show: true,
    position,
    fontSize: 11,
    color: "#595959",
    // An empty band says nothing rather than "0" on both sides.
    formatter: (params: { value?: unknown }) => (Number(params.value) ? count(params.value) : ""),
  });
  return {
    aria: { enabled: true },
    animationDuration: 300,
    grid: {
      left: 8,
      right: 16,
      top: 8,
      bottom: 8,
      outerBoundsMode: "same",
      outerBoundsContain: "axisLabel",
    },
    xAxis: {
      type: "value",
      min: -bound,
      max: bound,
      axisLabel: { formatter: (v: number) => count(v), fontSize: 11 },
      splitLine: { lineStyle: { type: "dashed", color: "#f0f0f0" } },
    },
    yAxis: {
      type: "category",
      data: labels,
      axisTick: { show: false },
      axisLabel: { fontSize: 12 },
    },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const band = pyramid.bands[list[0]?.dataIndex ?? 0];
        if (!band) return "";
        return `${ageBandLabel(band.band)}<br/>${words.male}: <b>${count(band.male)}</b><br/>${words.female}: <b>${count(band.female)}</b>`;
      },
    },
    series: [
      {
        name: words.male,
        type: "bar",
        stack: "people",
        barCategoryGap: "25%",
        itemStyle: { color: SEX_COLORS.male, borderRadius: [3, 0, 0, 3] },
        label: barLabel("left"),
        data: pyramid.bands.map((b) => -b.male),
      },
      {
        name: words.female,
        type: "bar",
        stack: "people",
        barCategoryGap: "25%",
        itemStyle: { color: SEX_COLORS.female, borderRadius: [0, 3, 3, 0] },
        label: barLabel("right"),
        data: pyramid.bands.map((b) => b.female),
      },
    ],
  };
}

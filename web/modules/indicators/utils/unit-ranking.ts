import type { BreakdownRow, IndicatorResult } from "../../../../common/contracts/indicators.ts";

/** A child unit's row with its place in the ranking (1 = best against the target's direction). */
export type RankedRow = BreakdownRow & { rank: number | undefined };

/**
 * Ranks the child units by percent, best first: higher is better unless the target says "at most" (≤).
 * Equal percents share a rank; units without data come last, unranked.
 */
export function rankUnits(
  rows: readonly BreakdownRow[],
  indicator: Pick<IndicatorResult, "direction">,
): RankedRow[] {
  const isLowerBetter = indicator.direction === "<=";
  const withData = rows.filter((r) => r.percent !== null && r.status !== "no_data");
  const without = rows.filter((r) => r.percent === null || r.status === "no_data");
  const sorted = [...withData].sort((a, b) => {
    const difference = isLowerBetter ? a.percent! - b.percent! : b.percent! - a.percent!;
    return difference || a.label.localeCompare(b.label, "vi");
  });
  const ranked: RankedRow[] = [];
  sorted.forEach((row, i) => {
    const previous = ranked[i - 1];
    const rank = previous && previous.percent === row.percent ? previous.rank : i + 1;
    ranked.push({ ...row, rank });
  });
  return [...ranked, ...without.map((row) => ({ ...row, rank: undefined }))];
}

/** True for the root unit's own row ("… (trực tiếp)"): people placed directly in it, not in a child. */
export function isDirectRow(row: BreakdownRow, rootId: number): boolean {
  return row.unit?.id === rootId;
}

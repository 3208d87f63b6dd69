import { describe, expect, it } from "vitest";
import type { BreakdownRow } from "../../../../common/contracts/indicators.ts";
import { rankUnits } from "./unit-ranking.ts";

function row(label: string, percent: number | null): BreakdownRow {
  return {
    key: label,
    label,
    unit: { id: label.length, name: label, code: null, kind: "district" },
    numerator: percent === null ? 0 : percent,
    denominator: percent === null ? 0 : 100,
    percent,
    value: percent,
    met: null,
    status: percent === null ? "no_data" : "no_target",
    unknown: 0,
  };
}

describe("ranking of child units", () => {
  it("puts the highest first for an at-least target, equal percents sharing a rank, no data last", () => {
    const ranked = rankUnits([row("A", 20), row("B", null), row("C", 40), row("D", 20)], { direction: ">=" });
    expect(ranked.map((r) => [r.label, r.rank])).toEqual([
      ["C", 1],
      ["A", 2],
      ["D", 2],
      ["B", undefined],
    ]);
  });

  it("puts the lowest first for an at-most target", () => {
    const ranked = rankUnits([row("A", 20), row("C", 40)], { direction: "<=" });
    expect(ranked.map((r) => r.label)).toEqual(["A", "C"]);
  });
});

import { describe, expect, it } from "vitest";
import {
  formatAverageAge,
  formatCount,
  formatFigure,
  formatPercent,
  formatTarget,
  hasNoData,
} from "./indicator-format.ts";

const figure = (numerator: number | null, denominator: number | null, percent: number | null) => ({
  numerator,
  denominator,
  percent,
  status: percent === null ? ("no_data" as const) : ("met" as const),
});

describe("indicator figures on screen", () => {
  it.each([
    [33.39, "vi", "33,39%"],
    [33.39, "en", "33.39%"],
    [8.4, "vi", "8,40%"],
    [0, "vi", "0,00%"],
    [100, "vi", "100,00%"],
  ] as const)("writes %s percent in %s as %s", (percent, language, shown) => {
    expect(formatPercent(percent, language)).toBe(shown);
  });

  it("writes head counts with the language's thousands separator", () => {
    expect(formatCount(2621, "vi")).toBe("2.621");
    expect(formatCount(2621, "en")).toBe("2,621");
  });

  it("shows a percent indicator as its percent and a count indicator as numerator/denominator", () => {
    expect(formatFigure(figure(852, 2621, 32.51), "percent", "vi")).toBe("32,51%");
    expect(formatFigure(figure(28, 30, 93.33), "count", "vi")).toBe("28/30");
    expect(formatFigure(figure(1200, 1300, 92.31), "count", "vi")).toBe("1.200/1.300");
  });

  it("shows a real zero as 0,00% but no data as nothing, never as 0", () => {
    expect(formatFigure(figure(0, 232, 0), "percent", "vi")).toBe("0,00%");
    expect(formatFigure(figure(null, null, null), "percent", "vi")).toBeUndefined();
    expect(formatFigure(figure(0, 0, null), "count", "vi")).toBeUndefined();
    expect(hasNoData({ numerator: 0, denominator: 0, percent: null, status: "no_data" })).toBe(true);
    expect(hasNoData({ numerator: 0, denominator: 232, percent: 0, status: "not_met" })).toBe(false);
  });

  it("writes the target with its direction, without needless decimals", () => {
    expect(formatTarget({ target: 15, direction: ">=" }, "vi")).toBe("≥ 15%");
    expect(formatTarget({ target: 12.5, direction: "<=" }, "vi")).toBe("≤ 12,5%");
    expect(formatTarget({ target: null, direction: null }, "vi")).toBeUndefined();
  });

  it.each([
    [45.3, "vi", "45,3"],
    [45.3, "en", "45.3"],
    [43, "vi", "43,0"],
    [null, "vi", "—"],
  ] as const)("writes the average age %s in %s as %s", (age, language, shown) => {
    expect(formatAverageAge(age, language)).toBe(shown);
  });
});

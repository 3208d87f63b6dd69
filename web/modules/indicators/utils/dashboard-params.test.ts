import { describe, expect, it } from "vitest";
import { dashboardParamsOf, drillParamsOf, drillPath, drillQuery, trendRange } from "./dashboard-params.ts";

describe("dashboard and drill-down URLs", () => {
  it("asks for the twelve month ends up to the as-of date", () => {
    expect(trendRange("2026-11-29")).toEqual({ from: "2025-12-01", to: "2026-11-29" });
    expect(trendRange("2016-01-01")).toEqual({ from: "2015-02-01", to: "2016-01-01" });
    expect(trendRange("2024-02-29")).toEqual({ from: "2023-03-01", to: "2024-02-29" });
  });

  it("ignores what a hand-edited link gets wrong", () => {
    expect(dashboardParamsOf(new URLSearchParams("asOf=2016-02-30&unitId=-3&code=I2"))).toEqual({
      asOf: undefined,
      unitId: undefined,
      code: "I2",
    });
    expect(drillParamsOf(new URLSearchParams("side=everyone&tier=mayor"))).toEqual({
      asOf: undefined,
      unitId: undefined,
      side: "numerator",
      tier: undefined,
    });
  });

  it("links a figure to the list of its people with the same date, unit, side and tier", () => {
    const path = drillPath("I7.1", {
      asOf: "2016-01-01",
      unitId: 94,
      side: "denominator",
      tier: "city_standing",
    });
    expect(path).toBe(
      "/indicators/I7.1/people?asOf=2016-01-01&unitId=94&side=denominator&tier=city_standing",
    );
    expect(drillParamsOf(new URLSearchParams(path.split("?")[1]))).toEqual({
      asOf: "2016-01-01",
      unitId: 94,
      side: "denominator",
      tier: "city_standing",
    });
  });

  it("keeps the people placed in the unit itself (directOnly) in the link and reads it back", () => {
    const path = drillPath("I2", { asOf: "2026-11-29", unitId: 1, side: "numerator", directOnly: true });
    expect(path).toBe("/indicators/I2/people?asOf=2026-11-29&unitId=1&side=numerator&directOnly=true");
    expect(drillParamsOf(new URLSearchParams(path.split("?")[1])).directOnly).toBe(true);
    // The same words go to the API, for the list and for its spreadsheet.
    expect(drillQuery({ unitId: 1, side: "numerator", directOnly: true })).toMatchObject({
      directOnly: "true",
    });
  });

  it("reads directOnly only when it says true", () => {
    for (const value of ["false", "1", "yes", "TRUE", ""])
      expect(drillParamsOf(new URLSearchParams(`directOnly=${value}`)).directOnly).toBeUndefined();
    expect(drillPath("I2", { side: "numerator", directOnly: false })).toBe(
      "/indicators/I2/people?side=numerator",
    );
  });

  it("links the tier breakdown's row of people without a tier with tier=none", () => {
    const path = drillPath("I1", { unitId: 7, side: "denominator", tier: "none" });
    expect(path).toBe("/indicators/I1/people?unitId=7&side=denominator&tier=none");
    expect(drillParamsOf(new URLSearchParams(path.split("?")[1])).tier).toBe("none");
    expect(drillParamsOf(new URLSearchParams("tier=")).tier).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { RetirementSchedule } from "./retirement.ts";
import {
  overrideOn,
  overrideProblems,
  type RetirementExceptionLimits,
  type RetirementOverride,
  retirementOn,
} from "./retirement-override.ts";

const LAW: RetirementSchedule[] = [
  {
    validFrom: "1900-01-01",
    baseMonths: { male: 720, female: 660 },
    stepMonths: { male: 0, female: 0 },
    capMonths: { male: 720, female: 660 },
    citation: "BLLĐ 2012",
  },
  {
    validFrom: "2021-01-01",
    baseMonths: { male: 723, female: 664 },
    stepMonths: { male: 3, female: 4 },
    capMonths: { male: 744, female: 720 },
    citation: "BLLĐ 2019; NĐ 135/2020",
  },
];

const LIMITS: RetirementExceptionLimits = {
  earlier: { direction: "earlier", maxMonths: 60, citation: "NĐ 135/2020 Điều 5" },
  later_woman_leader: { direction: "later", maxMonths: 60, citation: "NĐ 53/2015, 104/2020" },
  later_academic: { direction: "later", maxMonths: 60, citation: "NĐ 50/2022" },
  reorganisation: { direction: "earlier", maxMonths: 120, citation: "NĐ 178/2024, 67/2025" },
};

// A woman born 01/1975: statutory 59y8m, last working day 30/09/2034.
const her = { sex: "female" as const, birthDate: "1975-01-01" };
const o = (
  validFrom: string,
  kind: RetirementOverride["kind"],
  retirementDate: string | null,
  ageMonths: number | null = null,
) => ({
  validFrom,
  kind,
  retirementDate,
  ageMonths,
});

describe("retirement overrides (DOMAIN §6 exceptions)", () => {
  it("keeps the statutory date without an override", () => {
    expect(retirementOn(her, [], LAW, "2026-01-01")).toMatchObject({
      retirementDate: "2034-09-30",
      statutoryDate: "2034-09-30",
      pensionFrom: "2034-10-01",
      overrideKind: null,
    });
  });

  it("moves the date from the override's date on, and back with a later 'statutory' row", () => {
    const rows = [o("2027-03-01", "later_academic", "2037-09-30"), o("2030-01-01", "statutory", null)];
    expect(retirementOn(her, rows, LAW, "2027-02-28").retirementDate).toBe("2034-09-30");
    expect(retirementOn(her, rows, LAW, "2027-03-01")).toMatchObject({
      retirementDate: "2037-09-30",
      pensionFrom: "2037-10-01",
      statutoryDate: "2034-09-30",
      overrideKind: "later_academic",
    });
    expect(retirementOn(her, rows, LAW, "2030-01-01")).toMatchObject({
      retirementDate: "2034-09-30",
      overrideKind: null,
    });
  });

  it("reads an age as the end of the month it is reached", () => {
    const e = retirementOn(her, [o("2026-01-01", "later_woman_leader", null, 60 * 12)], LAW, "2026-06-01");
    expect(e).toMatchObject({ ageMonths: 720, reachedOn: "2035-01-01", retirementDate: "2035-01-31" });
  });

  it("takes the newest override in force on the date (the last entered of one day)", () => {
    const rows = [o("2026-01-01", "earlier", "2031-09-30"), o("2026-01-01", "earlier", "2032-09-30")];
    expect(overrideOn(rows, "2026-01-01")?.retirementDate).toBe("2032-09-30");
    expect(overrideOn(rows, "2025-12-31")).toBeUndefined();
  });

  const statutory = retirementOn(her, [], LAW, "2026-01-01");
  it.each([
    [o("2026-01-01", "earlier", "2030-09-30"), []],
    [o("2026-01-01", "earlier", "2029-09-30"), []], // exactly 5 years earlier
    [o("2026-01-01", "earlier", "2029-09-29"), ["too_far"]],
    [o("2026-01-01", "earlier", "2034-09-30"), ["not_earlier"]],
    [o("2026-01-01", "earlier", "2035-01-31"), ["not_earlier"]],
    [o("2026-01-01", "reorganisation", "2026-06-30"), []], // 8 years early: within 10
    [o("2026-01-01", "reorganisation", "2024-08-31"), ["too_far"]],
    [o("2026-01-01", "later_academic", "2039-09-30"), []],
    [o("2026-01-01", "later_academic", "2039-10-31"), ["too_far"]],
    [o("2026-01-01", "later_woman_leader", "2034-09-30"), ["not_later"]],
    [o("2026-01-01", "later_woman_leader", null, 720), []],
    [o("2026-01-01", "later_woman_leader", null, 700), ["not_later"]],
    [o("2026-01-01", "later_woman_leader", "2035-01-31", 720), ["date_and_age"]],
    [o("2026-01-01", "earlier", null, null), ["needs_date_or_age"]],
    [o("2026-01-01", "statutory", "2034-09-30"), ["statutory_takes_no_date"]],
    [o("2026-01-01", "statutory", null), []],
  ] as const)("%j: %j", (override, problems) => {
    expect(overrideProblems(her.birthDate, statutory, override, LIMITS)).toEqual(problems);
  });
});

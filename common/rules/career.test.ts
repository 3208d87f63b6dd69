import { describe, expect, it } from "vitest";
import {
  highestQualification,
  holdsOn,
  laterDate,
  monthsInPost,
  periodsOverlap,
  previousDay,
  type RankedQualification,
  termEndDate,
} from "./career.ts";

describe("months in post", () => {
  it.each([
    ["2020-01-15", "2020-01-15", 0],
    ["2020-01-15", "2020-02-14", 0],
    ["2020-01-15", "2020-02-15", 1],
    ["2020-01-31", "2020-02-29", 1], // no 31 February: the month is complete on its last day
    ["2020-01-31", "2020-02-28", 0],
    ["2019-06-01", "2021-06-01", 24],
    ["2019-06-01", "2021-05-31", 23],
    ["2024-03-01", "2023-01-01", 0], // asked before the post began
  ] as const)("from %s to %s: %i months", (from, at, months) => {
    expect(monthsInPost(from, at)).toBe(months);
  });
});

describe("term end under Regulation 80/377 (the day before the 5th anniversary)", () => {
  it.each([
    ["2021-03-01", "2026-02-28"],
    ["2020-03-01", "2025-02-28"],
    ["2019-03-01", "2024-02-29"], // the anniversary falls on 1 March of a leap year
    ["2020-02-29", "2025-02-28"], // no 29 February in 2025: the anniversary is 1 March
    ["2020-12-31", "2025-12-30"],
    ["2021-01-01", "2025-12-31"],
    ["2024-02-29", "2029-02-28"],
  ] as const)("appointed %s, term ends %s", (appointed, end) => {
    expect(termEndDate(appointed)).toBe(end);
  });

  it("takes another term length", () => {
    expect(termEndDate("2021-06-15", 2)).toBe("2023-06-14");
  });

  it.each([
    ["2024-03-01", "2024-02-29"],
    ["2023-03-01", "2023-02-28"],
    ["2025-01-01", "2024-12-31"],
  ] as const)("the day before %s is %s", (d, before) => {
    expect(previousDay(d)).toBe(before);
  });
});

describe("highest qualification as of a date", () => {
  const q = (levelCode: string, rank: number, obtainedOn: string, category = "professional") =>
    ({ category, levelCode, rank, obtainedOn }) satisfies RankedQualification;
  const rows = [
    q("college", 30, "2005-06-01"),
    q("university", 40, "2010-06-01"),
    q("master", 50, "2016-09-01"),
    q("university", 40, "2019-06-01"), // a second bachelor's degree later does not lower the highest
    q("senior", 30, "2018-01-01", "political_theory"),
  ];
  it.each([
    ["2004-01-01", undefined],
    ["2005-06-01", "college"],
    ["2010-05-31", "college"],
    ["2010-06-01", "university"],
    ["2016-09-01", "master"],
    ["2025-01-01", "master"],
  ] as const)("on %s: %s", (at, expected) => {
    expect(highestQualification(rows, "professional", at)?.levelCode).toBe(expected);
  });

  it("keeps categories apart", () => {
    expect(highestQualification(rows, "political_theory", "2020-01-01")?.levelCode).toBe("senior");
    expect(highestQualification(rows, "state_management", "2020-01-01")).toBeUndefined();
  });

  it("reports the earliest of equal ranks", () => {
    expect(highestQualification([rows[1]!, rows[3]!], "professional", "2020-01-01")?.obtainedOn).toBe(
      "2010-06-01",
    );
  });
});

describe("periods", () => {
  it.each([
    [{ validFrom: "2020-01-01", validTo: null }, "2019-12-31", false],
    [{ validFrom: "2020-01-01", validTo: null }, "2020-01-01", true],
    [{ validFrom: "2020-01-01", validTo: "2021-01-01" }, "2020-12-31", true],
    [{ validFrom: "2020-01-01", validTo: "2021-01-01" }, "2021-01-01", false],
  ] as const)("%o holds on %s: %s", (p, at, expected) => {
    expect(holdsOn(p, at)).toBe(expected);
  });

  it.each([
    ["2020-01-01", "2021-01-01", "2021-01-01", null, false], // back to back
    ["2020-01-01", "2021-01-01", "2020-12-31", null, true],
    ["2020-01-01", null, "2025-01-01", "2026-01-01", true],
    ["2022-01-01", null, "2020-01-01", "2022-01-01", false],
    ["2022-01-01", null, "2020-01-01", null, true],
    ["2020-03-01", "2020-04-01", "2020-01-01", "2020-12-01", true], // inside
  ] as const)("[%s, %s) and [%s, %s) overlap: %s", (af, at, bf, bt, expected) => {
    const a = { validFrom: af, validTo: at };
    const b = { validFrom: bf, validTo: bt };
    expect(periodsOverlap(a, b)).toBe(expected);
    expect(periodsOverlap(b, a)).toBe(expected);
  });
});

describe("later date", () => {
  it.each([
    [["2020-01-02", "2019-12-31"], "2020-01-02"],
    [["2019-12-31", "2020-01-02", "2020-01-01"], "2020-01-02"],
    [["2021-05-05"], "2021-05-05"],
  ] as const)("of %o is %s", (dates, expected) => {
    const [first, ...rest] = dates;
    expect(laterDate(first, ...rest)).toBe(expected);
  });
});

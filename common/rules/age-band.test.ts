import { describe, expect, it } from "vitest";
import { ageAt } from "./age.ts";
import { birthDateBounds, latestBirthDateForAge } from "./age-band.ts";

describe("birth-date bounds of an age band", () => {
  it.each([
    ["2026-06-15", 40, "1986-06-15"],
    ["2026-02-28", 18, "2008-02-29"], // 28 Feb of a common year: someone born 29 Feb 2008 is 18
    ["2024-02-29", 4, "2020-02-29"],
    ["2024-02-28", 4, "2020-02-28"],
    ["2025-04-30", 30, "1995-04-30"],
    ["2025-03-31", 1, "2024-03-31"],
  ] as const)("on %s the youngest aged %i was born on %s", (at, years, expected) => {
    expect(latestBirthDateForAge(at, years)).toBe(expected);
  });

  // The bound must agree with ageAt on every day: walk birth dates around the bounds for many dates.
  it.each(["2026-06-15", "2026-02-28", "2024-02-29", "2024-02-28", "2025-03-01", "2025-12-31"])(
    "agrees with ageAt on %s",
    (at) => {
      const { bornOnOrBefore, bornAfter } = birthDateBounds(at, 30, 40);
      const start = new Date("1980-01-01T00:00:00Z");
      for (let i = 0; i < 366 * 17; i++) {
        const birth = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
        const age = ageAt(birth, at);
        const inBand = birth <= bornOnOrBefore! && birth > bornAfter!;
        expect(inBand, `${birth} aged ${age} on ${at}`).toBe(age >= 30 && age <= 40);
      }
    },
  );

  it("leaves an open side open", () => {
    expect(birthDateBounds("2026-06-15", undefined, 35)).toEqual({ bornAfter: "1990-06-15" });
    expect(birthDateBounds("2026-06-15", 60, undefined)).toEqual({ bornOnOrBefore: "1966-06-15" });
  });
});

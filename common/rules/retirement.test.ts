import { describe, expect, it } from "vitest";
import { addMonthsClamped, ageAt, fullMonthsBetween } from "./age.ts";
import { formatAgeMonths, retirementAgeMonthsInYear, retirementOf } from "./retirement.ts";

describe("retirement under Decree 135/2020 (DOMAIN §6 vectors)", () => {
  it.each([
    ["male", "1961-01-15", "60y3m", "2021-05-01"],
    ["male", "1961-10-15", "60y6m", "2022-05-01"],
    ["male", "1965-01-15", "61y6m", "2026-08-01"],
    ["female", "1966-01-15", "55y4m", "2021-06-01"],
    ["female", "1966-09-15", "55y8m", "2022-06-01"],
    ["female", "1975-01-15", "59y8m", "2034-10-01"],
  ] as const)("%s born %s retires at %s with pension from %s", (sex, born, age, pension) => {
    const r = retirementOf(sex, born);
    const [y, m] = age.replace("m", "").split("y").map(Number) as [number, number];
    expect(r.ageMonths).toBe(y * 12 + m);
    expect(r.pensionFrom).toBe(pension);
  });

  it.each([
    // the day of the month does not change the month the age is reached
    ["male", "1961-01-01", "2021-04-30", "2021-05-01"],
    ["male", "1961-01-31", "2021-04-30", "2021-05-01"],
    // born 31 August: 60y3m later is November, which has no 31st → reached on 30 November
    ["male", "1960-08-31", "2020-08-31", "2020-09-01"],
    // leap day births: only the month counts (56y4m reached in 06/2024; 61y3m in 05/2025)
    ["female", "1968-02-29", "2024-06-30", "2024-07-01"],
    ["male", "1964-02-29", "2025-05-31", "2025-06-01"],
  ] as const)("%s born %s: retirement date %s, pension %s", (sex, born, retirementDate, pension) => {
    const r = retirementOf(sex, born);
    expect(r.retirementDate).toBe(retirementDate);
    expect(r.pensionFrom).toBe(pension);
  });

  it("applies the pre-2021 ages to people who reached them before 2021", () => {
    expect(retirementOf("male", "1960-08-31").ageMonths).toBe(720);
    expect(retirementOf("female", "1965-06-10").ageMonths).toBe(660);
  });

  it("uses the age of the year it is reached in, not the year of birth + 60", () => {
    // born 11/1960: 60 is reached in 11/2020 (old rule) — not 60y3m in 2021
    expect(retirementOf("male", "1960-11-20")).toMatchObject({ ageMonths: 720, pensionFrom: "2020-12-01" });
    // born 12/1960: 60 would be reached 12/2020; that is still 2020
    expect(retirementOf("male", "1960-12-05").pensionFrom).toBe("2021-01-01");
  });

  it.each([
    ["male", 2021, 723],
    ["male", 2027, 741],
    ["male", 2028, 744],
    ["male", 2040, 744],
    ["female", 2021, 664],
    ["female", 2034, 716],
    ["female", 2035, 720],
    ["female", 2050, 720],
    ["male", 2020, 720],
  ] as const)("%s reaching the age in %i: %i months", (sex, year, months) => {
    expect(retirementAgeMonthsInYear(sex, year)).toBe(months);
  });

  it("writes ages in Vietnamese and English", () => {
    expect(formatAgeMonths(726)).toBe("60 năm 6 tháng");
    expect(formatAgeMonths(744, "en")).toBe("62 years");
  });
});

describe("age at a date", () => {
  it.each([
    ["1990-05-20", "2026-05-19", 35],
    ["1990-05-20", "2026-05-20", 36],
    ["1990-01-31", "2026-01-30", 35],
    ["1990-01-31", "2026-01-31", 36],
    ["1992-02-29", "2026-02-27", 33],
    ["1992-02-29", "2026-02-28", 34], // common year: the anniversary is the last day of February
    ["1992-02-29", "2028-02-28", 35], // leap year: the anniversary is the 29th
    ["1992-02-29", "2028-02-29", 36],
    ["2000-12-31", "2000-12-31", 0],
  ] as const)("born %s, on %s, is %i", (born, at, age) => {
    expect(ageAt(born, at)).toBe(age);
  });

  it.each([
    ["2020-01-31", 1, "2020-02-29"],
    ["2021-01-31", 1, "2021-02-28"],
    ["2021-03-31", -1, "2021-02-28"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-12-15", 1, "2025-01-15"],
  ] as const)("%s plus %i months is %s", (start, months, expected) => {
    expect(addMonthsClamped(start, months)).toBe(expected);
  });

  it.each([
    ["2024-01-15", "2024-03-14", 1],
    ["2024-01-15", "2024-03-15", 2],
    ["2024-01-31", "2024-02-29", 1],
    ["2024-03-01", "2024-02-01", 0],
  ] as const)("full months from %s to %s: %i", (a, b, n) => {
    expect(fullMonthsBetween(a, b)).toBe(n);
  });
});

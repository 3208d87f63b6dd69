import { describe, expect, it } from "vitest";
import { addMonthsClamped, ageAt, fullMonthsBetween } from "./age.ts";
import {
  birthsRetiringBetween,
  firstBirthNotRetiredOn,
  formatAgeMonths,
  type RetirementSchedule,
  retirementAgeBands,
  retirementAgeMonthsInYear,
  retirementOf as retirementUnder,
} from "./retirement.ts";

/** The two versions of the setting retirement.age that migration 0015 ships (Labour Codes 2012, 2019). */
const LAW: RetirementSchedule[] = [
  {
    validFrom: "1900-01-01",
    baseMonths: { male: 720, female: 660 },
    stepMonths: { male: 0, female: 0 },
    capMonths: { male: 720, female: 660 },
    citation: "BLLĐ 2012 Điều 187",
  },
  {
    validFrom: "2021-01-01",
    baseMonths: { male: 723, female: 664 },
    stepMonths: { male: 3, female: 4 },
    capMonths: { male: 744, female: 720 },
    citation: "BLLĐ 2019 Điều 169; NĐ 135/2020",
  },
];
const retirementOf = (sex: "male" | "female", born: string) => retirementUnder(sex, born, LAW);

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
    // DOMAIN §6 vectors with the birth date known only to the month (stored as its first day)
    ["male", "1961-01-01", "2021-04-30", "2021-05-01"],
    ["male", "1961-10-01", "2022-04-30", "2022-05-01"],
    ["male", "1965-01-01", "2026-07-31", "2026-08-01"],
    ["female", "1966-01-01", "2021-05-31", "2021-06-01"],
    ["female", "1966-09-01", "2022-05-31", "2022-06-01"],
    ["female", "1975-01-01", "2034-09-30", "2034-10-01"],
    // the first year that fits: born 09/1961, 60y3m is reached in 12/2021
    ["male", "1961-09-20", "2021-12-31", "2022-01-01"],
    // the cap: 62 from 2028 (men), 60 from 2035 (women)
    ["male", "1970-06-10", "2032-06-30", "2032-07-01"],
    ["female", "1980-02-10", "2040-02-29", "2040-03-01"],
  ] as const)("%s born %s: last working day %s, pension from %s", (sex, born, retirementDate, pension) => {
    const r = retirementOf(sex, born);
    expect(r.retirementDate).toBe(retirementDate);
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
    expect(retirementAgeMonthsInYear(sex, year, LAW)).toBe(months);
  });

  it("takes a later version of the setting from its date on, leaving earlier years alone", () => {
    const raised: RetirementSchedule[] = [
      ...LAW,
      {
        validFrom: "2030-01-01",
        baseMonths: { male: 756, female: 732 },
        stepMonths: { male: 0, female: 0 },
        capMonths: { male: 756, female: 732 },
        citation: "a later law",
      },
    ];
    expect(retirementAgeMonthsInYear("male", 2029, raised)).toBe(744);
    expect(retirementAgeMonthsInYear("male", 2030, raised)).toBe(756);
    expect(retirementUnder("male", "1965-01-15", raised).pensionFrom).toBe("2026-08-01");
  });

  it("gives SQL the runs of birth months with one age, agreeing with the rule month by month", () => {
    for (const sex of ["male", "female"] as const) {
      const bands = retirementAgeBands(sex, LAW, "1955-01-01", "1990-12-01");
      expect(bands[0]).toEqual({ bornFrom: "1955-01-01", ageMonths: sex === "male" ? 720 : 660 });
      expect(bands.at(-1)!.ageMonths).toBe(sex === "male" ? 744 : 720);
      for (let y = 1955; y <= 1990; y++) {
        for (let m = 1; m <= 12; m++) {
          const born = `${y}-${String(m).padStart(2, "0")}-15`;
          const band = [...bands].reverse().find((b) => b.bornFrom <= born)!;
          expect(band.ageMonths, `${sex} ${born}`).toBe(retirementOf(sex, born).ageMonths);
        }
      }
    }
  });

  it.each([
    // men retiring from 30/04/2021 to 31/10/2021 were born 01/1961–07/1961
    ["male", "2021-04-30", "2021-10-31", { bornFrom: "1961-01-01", bornBefore: "1961-08-01" }],
    // nobody retires between two month ends
    ["male", "2021-05-01", "2021-05-30", null],
  ] as const)("births of %s retiring from %s to %s", (sex, from, to, expected) => {
    expect(birthsRetiringBetween(sex, LAW, from, to)).toEqual(expected);
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

describe("the birth cut-off of the statutory rule on a date", () => {
  it.each([
    // Men reaching their age in 2024 retire at 61 (60y3m in 2021, +3 months a year): born September 1963,
    // retired on 30/09/2024.
    ["male", "2024-09-30", "1963-09-01"],
    ["male", "2024-10-01", "1963-10-01"],
    // Women born in January 1966 reach 56y8m in September 2022 (55y4m in 2021, +4 months a year).
    ["female", "2026-01-01", firstBirthNotRetiredOn("female", LAW, "2026-01-01")],
    ["male", "2015-06-01", "1955-06-01"], // the 2012 Code: 60 years
  ] as const)("%s on %s: born before %s is past the statutory date", (sex, d, cutoff) => {
    expect(firstBirthNotRetiredOn(sex, LAW, d)).toBe(cutoff);
    // The month before the cut-off retired before d, the cut-off's month on or after it.
    expect(retirementOf(sex, addMonthsClamped(cutoff, -1)).retirementDate < d).toBe(true);
    expect(retirementOf(sex, cutoff).retirementDate >= d).toBe(true);
  });
});

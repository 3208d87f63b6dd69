import { addMonthsClamped, splitDate } from "./age.ts";
import type { IsoDate } from "./dates.ts";

export type Sex = "male" | "female";

/**
 * Retirement age under normal working conditions by the year in which it is reached: a dated setting
 * (`retirement.age`, table rule_settings) whose versions each hold from a date, with their citation.
 * Labour Code 2019 art. 169 and Decree 135/2020/NĐ-CP art. 4: men 60y3m in 2021, +3 months a year, 62
 * from 2028; women 55y4m in 2021, +4 months a year, 60 from 2035. Before 2021 (Labour Code 2012 art.
 * 187): 60 and 55. A later law is a new version from its date, not a code change.
 */
export type RetirementSchedule = {
  /** The version applies to ages reached in the years whose 1 January falls on or after this date. */
  validFrom: IsoDate;
  /** Months of age in the first year of the version. */
  baseMonths: Record<Sex, number>;
  /** Months added for each later year. */
  stepMonths: Record<Sex, number>;
  /** Highest age in months. */
  capMonths: Record<Sex, number>;
  citation: string;
};

/** The retirement age (in months) for someone who reaches it in `year`. */
export function retirementAgeMonthsInYear(
  sex: Sex,
  year: number,
  schedules: readonly RetirementSchedule[],
): number {
  const jan1 = `${String(year).padStart(4, "0")}-01-01`;
  const s = [...schedules]
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))
    .reverse()
    .find((x) => x.validFrom <= jan1);
  if (!s) throw new Error(`no retirement schedule for ${year}`);
  const first = splitDate(s.validFrom).y + (s.validFrom.endsWith("-01-01") ? 0 : 1);
  return Math.min(s.baseMonths[sex] + s.stepMonths[sex] * (year - first), s.capMonths[sex]);
}

export type Retirement = {
  /** Retirement age that applies, in months (e.g. 726 = 60 years 6 months). */
  ageMonths: number;
  /** The day the age is reached. */
  reachedOn: IsoDate;
  /** Last working day: the end of the month in which the age is reached (Decree 135/2020 art. 3). */
  retirementDate: IsoDate;
  /** First month of pension: the month after. */
  pensionFrom: IsoDate;
};

/** The last day of the month of a date. */
export function endOfMonth(date: IsoDate): IsoDate {
  const { y, m } = splitDate(date);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`;
}

/** The first day of the month after a date (the pension's first month). */
export function firstOfNextMonth(date: IsoDate): IsoDate {
  const { y, m } = splitDate(date);
  return m === 12
    ? `${String(y + 1).padStart(4, "0")}-01-01`
    : `${String(y).padStart(4, "0")}-${String(m + 1).padStart(2, "0")}-01`;
}

/**
 * Retirement under Decree 135/2020: the age that applies is the one for the year in which it is
 * reached; retirement at the end of that month, pension from the first day of the next month. A birth
 * date known only by year or month is stored as its first day (common/rules/birth-date.ts), as art. 3 says.
 */
export function retirementOf(
  sex: Sex,
  birthDate: IsoDate,
  schedules: readonly RetirementSchedule[],
): Retirement {
  const birthYear = splitDate(birthDate).y;
  // The year of reaching the age moves by at most one per calendar year, so scanning years finds it; the
  // first year that fits is the one (born 09/1961, a man reaches 60y3m in 12/2021 — and 60y6m in 03/2022
  // would fit 2022 too, but he has retired by then).
  for (let year = birthYear + 40; year <= birthYear + 80; year++) {
    const ageMonths = retirementAgeMonthsInYear(sex, year, schedules);
    const reachedOn = addMonthsClamped(birthDate, ageMonths);
    if (splitDate(reachedOn).y === year) {
      const retirementDate = endOfMonth(reachedOn);
      return { ageMonths, reachedOn, retirementDate, pensionFrom: firstOfNextMonth(retirementDate) };
    }
  }
  throw new Error(`retirement age not found for ${birthDate}`);
}

/**
 * Runs of consecutive birth months with one retirement age, for a sex, from `from` up to `to` (first
 * days of months): the statutory rule as data SQL can use (the age depends only on the month of birth,
 * Decree 135/2020 Annex I). Each band holds for births on or after `bornFrom`, up to the next band.
 */
export function retirementAgeBands(
  sex: Sex,
  schedules: readonly RetirementSchedule[],
  from: IsoDate,
  to: IsoDate,
): { bornFrom: IsoDate; ageMonths: number }[] {
  const bands: { bornFrom: IsoDate; ageMonths: number }[] = [];
  for (let month = `${from.slice(0, 7)}-01`; month <= to; month = addMonthsClamped(month, 1)) {
    const { ageMonths } = retirementOf(sex, month, schedules);
    if (bands.at(-1)?.ageMonths !== ageMonths) bands.push({ bornFrom: month, ageMonths });
  }
  return bands;
}

/**
 * The births (first day included, last excluded) whose statutory retirement date falls between `from`
 * and `to` (both included), for a sex; null when none. The retirement date never moves back as the birth
 * month moves on, so the births form one run of months.
 */
export function birthsRetiringBetween(
  sex: Sex,
  schedules: readonly RetirementSchedule[],
  from: IsoDate,
  to: IsoDate,
): { bornFrom: IsoDate; bornBefore: IsoDate } | null {
  let first: IsoDate | null = null;
  let last: IsoDate | null = null;
  const start = `${String(splitDate(from).y - 80).padStart(4, "0")}-01-01`;
  const end = `${String(splitDate(to).y - 40).padStart(4, "0")}-12-01`;
  for (let month = start; month <= end; month = addMonthsClamped(month, 1)) {
    const { retirementDate } = retirementOf(sex, month, schedules);
    if (retirementDate >= from && retirementDate <= to) {
      first ??= month;
      last = month;
    }
  }
  return first && last ? { bornFrom: first, bornBefore: addMonthsClamped(last, 1) } : null;
}

/**
 * The first day of the first birth month whose statutory retirement date is on or after d, for a sex: born
 * before it, a person has passed the statutory date by d. (The date never moves back as the birth month
 * moves on, so one cut-off decides.)
 */
export function firstBirthNotRetiredOn(
  sex: Sex,
  schedules: readonly RetirementSchedule[],
  d: IsoDate,
): IsoDate {
  // Months from 90 to 30 years before d, searched by halves: the retirement date only grows with the month.
  const first = splitDate(d).y * 12 - 90 * 12;
  const monthOf = (i: number) =>
    `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}-01`;
  let lo = first;
  let hi = first + 60 * 12;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (retirementOf(sex, monthOf(mid), schedules).retirementDate < d) lo = mid + 1;
    else hi = mid;
  }
  return monthOf(lo);
}

/** "60 năm 6 tháng" style text of an age in months. */
export function formatAgeMonths(months: number, lang: "vi" | "en" = "vi"): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (lang === "en") return m ? `${y} years ${m} months` : `${y} years`;
  return m ? `${y} năm ${m} tháng` : `${y} năm`;
}

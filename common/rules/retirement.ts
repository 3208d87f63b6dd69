import { addMonthsClamped, splitDate } from "./age.ts";
import type { IsoDate } from "./dates.ts";

export type Sex = "male" | "female";

/**
 * Retirement age under normal working conditions by the year in which it is reached.
 * Labour Code 2019 art. 169 and Decree 135/2020/NĐ-CP: men 60y3m in 2021, +3 months a year, 62 from
 * 2028; women 55y4m in 2021, +4 months a year, 60 from 2035. Before 2021 (Labour Code 2012): 60 and 55.
 * Kept as data with the year it takes effect, so that a later rule is a new row, not a code change.
 */
export type RetirementSchedule = {
  effectiveFromYear: number;
  /** Months of age in the first year of the schedule. */
  baseMonths: Record<Sex, number>;
  /** Months added for each later year. */
  stepMonths: Record<Sex, number>;
  /** Highest age in months. */
  capMonths: Record<Sex, number>;
};

export const RETIREMENT_SCHEDULES: readonly RetirementSchedule[] = [
  {
    effectiveFromYear: 1900,
    baseMonths: { male: 60 * 12, female: 55 * 12 },
    stepMonths: { male: 0, female: 0 },
    capMonths: { male: 60 * 12, female: 55 * 12 },
  },
  {
    effectiveFromYear: 2021,
    baseMonths: { male: 60 * 12 + 3, female: 55 * 12 + 4 },
    stepMonths: { male: 3, female: 4 },
    capMonths: { male: 62 * 12, female: 60 * 12 },
  },
];

/** The retirement age (in months) for someone who reaches it in `year`. */
export function retirementAgeMonthsInYear(sex: Sex, year: number, schedules = RETIREMENT_SCHEDULES): number {
  const s = [...schedules].reverse().find((x) => x.effectiveFromYear <= year);
  if (!s) throw new Error(`no retirement schedule for ${year}`);
  return Math.min(s.baseMonths[sex] + s.stepMonths[sex] * (year - s.effectiveFromYear), s.capMonths[sex]);
}

export type Retirement = {
  /** Retirement age that applies, in months (e.g. 726 = 60 years 6 months). */
  ageMonths: number;
  /** The day the age is reached. */
  reachedOn: IsoDate;
  /** Last working day: the end of the month in which the age is reached [default]. */
  retirementDate: IsoDate;
  /** First month of pension: the month after. */
  pensionFrom: IsoDate;
};

/**
 * Retirement under Decree 135/2020: the age that applies is the one for the year in which it is
 * reached; retirement at the end of that month, pension from the first day of the next month.
 */
export function retirementOf(sex: Sex, birthDate: IsoDate, schedules = RETIREMENT_SCHEDULES): Retirement {
  const birthYear = splitDate(birthDate).y;
  // The year of reaching the age moves by at most one per calendar year, so scanning years finds it.
  for (let year = birthYear + 40; year <= birthYear + 80; year++) {
    const ageMonths = retirementAgeMonthsInYear(sex, year, schedules);
    const reachedOn = addMonthsClamped(birthDate, ageMonths);
    if (splitDate(reachedOn).y === year) {
      const { y, m } = splitDate(reachedOn);
      const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const retirementDate = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`;
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
      return { ageMonths, reachedOn, retirementDate, pensionFrom: next };
    }
  }
  throw new Error(`retirement age not found for ${birthDate}`);
}

/** "60 năm 6 tháng" style text of an age in months. */
export function formatAgeMonths(months: number, lang: "vi" | "en" = "vi"): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (lang === "en") return m ? `${y} years ${m} months` : `${y} years`;
  return m ? `${y} năm ${m} tháng` : `${y} năm`;
}

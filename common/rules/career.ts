import { addMonthsClamped, fullMonthsBetween, splitDate } from "./age.ts";
import { addDays, daysInMonth, type IsoDate } from "./dates.ts";

/** Length of a leadership term in years (Regulation 80-QĐ/TW 2022, kept by 377-QĐ/TW 2025). */
export const TERM_YEARS = 5;

/** Whole months a person has held a post on `at`, counted from the first day of the assignment. */
export function monthsInPost(assignmentFrom: IsoDate, at: IsoDate): number {
  return fullMonthsBetween(assignmentFrom, at);
}

/**
 * Last day of a leadership term that started on `appointedOn`: the day before the 5th anniversary
 * (Regulation 80-QĐ/TW, 377-QĐ/TW: a term is 5 years from the appointment's effective date). A term that
 * started on 29 February has its anniversary on 1 March, so it ends on 28 February.
 */
export function termEndDate(appointedOn: IsoDate, years = TERM_YEARS): IsoDate {
  const { y, m, d } = splitDate(appointedOn);
  const anniversary =
    d > daysInMonth(y + years, m)
      ? addMonthsClamped(`${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`, 1)
      : addMonthsClamped(appointedOn, years * 12);
  return previousDay(anniversary);
}

/** The day before a date. */
export function previousDay(d: IsoDate): IsoDate {
  return addDays(d, -1);
}

/** A dated qualification with the rank of its level in its code list. */
export type RankedQualification = {
  category: string;
  levelCode: string;
  rank: number;
  obtainedOn: IsoDate;
};

/**
 * The highest qualification of a category held on a date: the highest rank among those obtained on or
 * before it (a later, lower degree does not lower the highest one). Ties go to the earliest obtained.
 */
export function highestQualification<T extends RankedQualification>(
  qualifications: readonly T[],
  category: string,
  at: IsoDate,
): T | undefined {
  let best: T | undefined;
  for (const q of qualifications) {
    if (q.category !== category || q.obtainedOn > at) continue;
    if (!best || q.rank > best.rank || (q.rank === best.rank && q.obtainedOn < best.obtainedOn)) best = q;
  }
  return best;
}

/** A half-open period [from, to); `to` null means open-ended. */
export type Period = { validFrom: IsoDate; validTo: IsoDate | null };

/** True when the period holds on the date. */
export function holdsOn(p: Period, at: IsoDate): boolean {
  return p.validFrom <= at && (p.validTo === null || p.validTo > at);
}

/** True when two half-open periods share at least one day. */
export function periodsOverlap(a: Period, b: Period): boolean {
  return (b.validTo === null || a.validFrom < b.validTo) && (a.validTo === null || b.validFrom < a.validTo);
}

/** The later of ISO dates (YYYY-MM-DD strings compare in calendar order). */
export function laterDate(first: IsoDate, ...others: IsoDate[]): IsoDate {
  return [first, ...others].sort().at(-1)!;
}

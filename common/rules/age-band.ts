import { addMonthsClamped, splitDate } from "./age.ts";
import { daysInMonth, type IsoDate } from "./dates.ts";

/**
 * The latest birth date of someone who is at least `years` old on `at` (ageAt(birth, at) >= years ⇔
 * birth <= this date). Someone born on 29 February is a year older on 28 February of a common year, so
 * when `at` is the last day of its month every later day of that month in the birth year counts too.
 */
export function latestBirthDateForAge(at: IsoDate, years: number): IsoDate {
  const { y, m, d } = splitDate(at);
  const back = addMonthsClamped(at, -12 * years);
  if (d === daysInMonth(y, m)) {
    const by = y - years;
    return `${String(by).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(daysInMonth(by, m)).padStart(2, "0")}`;
  }
  return back;
}

/**
 * Birth-date bounds of an age band on a date, for an indexed range query on birth_date:
 * ageFrom <= age <= ageTo ⇔ bornAfter < birth_date <= bornOnOrBefore.
 */
export function birthDateBounds(
  at: IsoDate,
  ageFrom: number | undefined,
  ageTo: number | undefined,
): { bornOnOrBefore?: IsoDate; bornAfter?: IsoDate } {
  const bounds: { bornOnOrBefore?: IsoDate; bornAfter?: IsoDate } = {};
  if (ageFrom !== undefined) bounds.bornOnOrBefore = latestBirthDateForAge(at, ageFrom);
  if (ageTo !== undefined) bounds.bornAfter = latestBirthDateForAge(at, ageTo + 1);
  return bounds;
}

import type { IsoDate } from "./dates.ts";

type Ymd = { y: number; m: number; d: number };

export function splitDate(date: IsoDate): Ymd {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The date on which a period of whole months that started on `start` is complete. When the target month
 * has no such day (born on the 31st, or on 29 February), it is the last day of that month — the rule of
 * the Civil Code for periods counted in months or years.
 */
export function addMonthsClamped(start: IsoDate, months: number): IsoDate {
  const { y, m, d } = splitDate(start);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const td = Math.min(d, lastDayOfMonth(ty, tm));
  return `${String(ty).padStart(4, "0")}-${String(tm).padStart(2, "0")}-${String(td).padStart(2, "0")}`;
}

/** Whole months from `start` to `at`; 0 when `at` is before `start`. */
export function fullMonthsBetween(start: IsoDate, at: IsoDate): number {
  if (at < start) return 0;
  const a = splitDate(start);
  const b = splitDate(at);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (addMonthsClamped(start, months) > at) months -= 1;
  return Math.max(0, months);
}

/** Age in whole years on a date. Someone born on 29 February has their birthday on 28 February in common years. */
export function ageAt(birthDate: IsoDate, at: IsoDate): number {
  return Math.floor(fullMonthsBetween(birthDate, at) / 12);
}

import type { IsoDate } from "../../common/rules/dates.ts";

/**
 * Calendar arithmetic for the generator on day numbers (days since 1970-01-01, UTC): careers are built
 * from thousands of date comparisons, which are cheaper and clearer on integers than on strings.
 */
const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365.25;

export function dayOf(date: IsoDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

// Formatting dominates the generator's time otherwise: days from 1900 to 2100 are formatted once.
const CACHE_FROM = -25_567;
const CACHE_TO = 47_482;
const isoCache: (string | undefined)[] = [];

export function isoOf(day: number): IsoDate {
  if (day >= CACHE_FROM && day < CACHE_TO) {
    const cached = isoCache[day - CACHE_FROM];
    if (cached !== undefined) return cached;
    const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache[day - CACHE_FROM] = text;
    return text;
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole years as days (leap years averaged): for drawing durations, not for legal periods. */
export function years(n: number): number {
  return Math.round(n * DAYS_PER_YEAR);
}

/** The first day of the month the day falls in. */
export function monthStart(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / MS_PER_DAY);
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

import { addDays, formatDmy, type IsoDate } from "./dates.ts";

/**
 * Periods are stored half-open, [validFrom, validTo): validTo is the first day the row no longer holds,
 * so that adjacent rows meet without a gap and "in force on d" is `validFrom <= d < validTo`. Users see
 * and type the last day held (DOMAIN §9): [2021-04-01, 2026-04-01) reads "từ 01/04/2021 đến 31/03/2026".
 * These two functions are the only crossing between the two readings.
 */

/** The last day a period ending (exclusively) on `validTo` holds; null (open) stays null. */
export function lastDayOf(validTo: IsoDate): IsoDate;
export function lastDayOf(validTo: IsoDate | null): IsoDate | null;
export function lastDayOf(validTo: IsoDate | null): IsoDate | null {
  return validTo === null ? null : addDays(validTo, -1);
}

/** The stored (exclusive) end of a period whose last day held is `lastDay`; null (open) stays null. */
export function endOf(lastDay: IsoDate): IsoDate;
export function endOf(lastDay: IsoDate | null): IsoDate | null;
export function endOf(lastDay: IsoDate | null): IsoDate | null {
  return lastDay === null ? null : addDays(lastDay, 1);
}

export type PeriodLang = "vi" | "en";

const WORDS = {
  vi: { from: "từ", to: "đến", now: "nay" },
  en: { from: "from", to: "to", now: "present" },
} as const;

/**
 * A stored period as users read it, both ends inclusive: "từ 01/04/2021 đến 31/03/2026", or
 * "từ 01/04/2021 đến nay" while it is open.
 */
export function formatPeriod(validFrom: IsoDate, validTo: IsoDate | null, lang: PeriodLang = "vi"): string {
  const w = WORDS[lang];
  const end = validTo === null ? w.now : formatDmy(lastDayOf(validTo));
  return `${w.from} ${formatDmy(validFrom)} ${w.to} ${end}`;
}

/** mm/yyyy of the last month a period holds ("06/2024" for a period ending on 2024-07-01); null when open. */
export function lastMonthOf(validTo: IsoDate | null): string | null {
  if (validTo === null) return null;
  const last = lastDayOf(validTo);
  return `${last.slice(5, 7)}/${last.slice(0, 4)}`;
}

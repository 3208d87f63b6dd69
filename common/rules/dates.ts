/** Calendar dates are YYYY-MM-DD strings end to end (DESIGN §4.6). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Years a date in the records may have. The oldest dates are relatives' births; the latest, planned
 * retirements. Outside them lie typing slips and worse: PostgreSQL has no year 0, and JavaScript reads
 * years below 100 as 19xx.
 */
export const DATE_YEAR_MIN = 1800;
export const DATE_YEAR_MAX = 2200;

/** True for a real calendar date written YYYY-MM-DD (rejects 2023-02-29, 2024-13-01, 0000-01-01). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) return false;
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in Vietnam (UTC+7, no daylight saving) for an instant. */
export function todayIn(instant: Date, timeZone = "Asia/Ho_Chi_Minh"): IsoDate {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The date `days` days after `date` (before it when negative), across month and year ends. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** dd/mm/yyyy, the way Vietnamese users read dates. */
export function formatDmy(date: IsoDate | null | undefined): string {
  if (!date) return "";
  const m = ISO_DATE.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** Parses dd/mm/yyyy or yyyy-mm-dd into YYYY-MM-DD; undefined when it is not a real date. */
export function parseDate(text: string): IsoDate | undefined {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : undefined;
}

import { splitDate } from "./age.ts";
import { type IsoDate, isIsoDate, parseDate } from "./dates.ts";

/**
 * How much of a birth date is known. Old records often hold only the year, or the month and the year.
 * Decree 135/2020 art. 3 counts such a person as born on 1 January of the year, or on the first day of
 * the month (DOMAIN §6): the stored date is that day and the precision is kept beside it, so the record
 * still prints what is known ("1975", "03/1975") and every rule reads one date.
 */
export const BIRTH_DATE_PRECISIONS = ["day", "month", "year"] as const;
export type BirthDatePrecision = (typeof BIRTH_DATE_PRECISIONS)[number];

/** A birth date as stored: the date the rules read, and how much of it is known. */
export type BirthDate = { date: IsoDate; precision: BirthDatePrecision };

/** The date a birth date known to this precision is stored as (the first day of its year or month). */
export function storedBirthDate(date: IsoDate, precision: BirthDatePrecision): IsoDate {
  const { y, m } = splitDate(date);
  const yyyy = String(y).padStart(4, "0");
  if (precision === "year") return `${yyyy}-01-01`;
  if (precision === "month") return `${yyyy}-${String(m).padStart(2, "0")}-01`;
  return date;
}

/** A birth date as it is known: "12/03/1980", "03/1975" or "1975". */
export function formatBirthDate(
  date: IsoDate | null | undefined,
  precision: BirthDatePrecision | null = "day",
) {
  if (!date) return "";
  const [y, m, d] = date.split("-");
  if (precision === "year") return y!;
  if (precision === "month") return `${m}/${y}`;
  return `${d}/${m}/${y}`;
}

/**
 * Reads a birth date written as a full date (dd/mm/yyyy, yyyy-mm-dd), a month and year ("03/1975",
 * "3/1975", "1975-03") or a year alone ("1975"). Undefined when it is none of these or not a real date.
 */
export function parseBirthDate(text: string): BirthDate | undefined {
  const t = text.trim();
  const full = parseDate(t);
  if (full) return { date: full, precision: "day" };
  if (/^\d{4}$/.test(t)) {
    const date = `${t}-01-01`;
    return isIsoDate(date) ? { date, precision: "year" } : undefined;
  }
  const mmyyyy = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  const yyyymm = /^(\d{4})-(\d{1,2})$/.exec(t);
  const [month, year] = mmyyyy ? [mmyyyy[1]!, mmyyyy[2]!] : yyyymm ? [yyyymm[2]!, yyyymm[1]!] : [];
  if (month !== undefined && year !== undefined) {
    const date = `${year}-${month.padStart(2, "0")}-01`;
    return isIsoDate(date) ? { date, precision: "month" } : undefined;
  }
  return undefined;
}

/**
 * The birth date fields to store for a change that gives a date, a precision or both (the missing one
 * taken from the record): the date becomes the first day of what is known. Empty when neither is given.
 */
export function birthDateFields(
  given: { birthDate?: IsoDate | undefined; birthDatePrecision?: BirthDatePrecision | undefined },
  stored?: { birthDate: IsoDate; birthDatePrecision: string },
): { birthDate?: IsoDate; birthDatePrecision?: BirthDatePrecision } {
  if (given.birthDate === undefined && given.birthDatePrecision === undefined) return {};
  const precision = given.birthDatePrecision ?? (stored?.birthDatePrecision as BirthDatePrecision) ?? "day";
  const date = given.birthDate ?? stored?.birthDate;
  if (date === undefined) return { birthDatePrecision: precision };
  return { birthDate: storedBirthDate(date, precision), birthDatePrecision: precision };
}

import dayjs, { type Dayjs } from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";
import { isIsoDate, todayIn } from "../../common/rules/dates.ts";

dayjs.extend(customParseFormat);

/** How every DatePicker shows and accepts dates (DESIGN §4.6: dd/mm/yyyy on screen, YYYY-MM-DD on the wire). */
export const DATE_FORMAT = "DD/MM/YYYY";
/**
 * What a date field accepts when typed: 01/07/2025 and 1/7/2025, with dots (01.07.2025, as on many
 * papers) or dashes, the eight digits alone (01072025), or the ISO form. The first is how it is shown.
 */
export const DATE_INPUT_FORMATS = [
  "DD/MM/YYYY",
  "D/M/YYYY",
  "DD.MM.YYYY",
  "D.M.YYYY",
  "DD-MM-YYYY",
  "D-M-YYYY",
  "DDMMYYYY",
  "YYYY-MM-DD",
];

/** The day a typed text names under DATE_INPUT_FORMATS, as the date fields read it; undefined if none. */
export function parseTypedDate(text: string): Dayjs | undefined {
  for (const format of DATE_INPUT_FORMATS) {
    const date = dayjs(text.trim(), format, true);
    if (date.isValid()) return date;
  }
  return undefined;
}

/**
 * Enter in a date field confirms the date typed there; it must not also submit the form around it (a
 * rename was once saved before its reason was typed).
 */
export function isEnterInDateField(event: { key: string; target: unknown }): boolean {
  const target = event.target as { closest?: (selector: string) => unknown } | null;
  return event.key === "Enter" && typeof target?.closest === "function" && !!target.closest(".ant-picker");
}

/** Today in Asia/Ho_Chi_Minh, whatever the browser's time zone. */
export function todayIso(): string {
  return todayIn(new Date());
}

/** A picker value for a YYYY-MM-DD string. */
export function dayjsOf(iso: string | null | undefined): Dayjs | undefined {
  return iso && isIsoDate(iso) ? dayjs(iso) : undefined;
}

/** The YYYY-MM-DD string the API expects for a picker value. */
export function isoOf(value: Dayjs): string {
  return value.format("YYYY-MM-DD");
}

const INSTANT_FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** dd/mm/yyyy HH:mm:ss in Vietnam's time, for an ISO instant. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p: Record<string, string> = {};
  for (const part of INSTANT_FORMAT.formatToParts(date)) p[part.type] = part.value;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

import dayjs, { type Dayjs } from "dayjs";
import { isIsoDate, todayIn } from "../../common/rules/dates.ts";

/** How every DatePicker shows and accepts dates (DESIGN §4.6: dd/mm/yyyy on screen, YYYY-MM-DD on the wire). */
export const DATE_FORMAT = "DD/MM/YYYY";
/** Typing 1/7/2025 works as well as 01/07/2025. */
export const DATE_INPUT_FORMATS = ["DD/MM/YYYY", "D/M/YYYY", "DD-MM-YYYY", "YYYY-MM-DD"];

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

import type { EvaluationPeriodKind } from "../../enums/evaluations.ts";
import { addDays, type IsoDate } from "../dates.ts";

/** An evaluation period, half-open like every period of the records: [from, to), `lastDay` = to − 1. */
export type EvaluationPeriod = { kind: EvaluationPeriodKind; from: IsoDate; to: IsoDate; lastDay: IsoDate };

const pad = (n: number) => String(n).padStart(2, "0");
const firstOfMonth = (year: number, month: number): IsoDate =>
  month > 12 ? `${year + 1}-${pad(month - 12)}-01` : `${year}-${pad(month)}-01`;

/**
 * The period of a kind that starts on `from`: a month starts on a month's first day, a quarter on the first
 * day of January, April, July or October. Undefined when `from` starts no such period.
 */
export function periodStarting(kind: EvaluationPeriodKind, from: IsoDate): EvaluationPeriod | undefined {
  const [year, month, day] = from.split("-").map(Number) as [number, number, number];
  if (day !== 1) return undefined;
  if (kind === "quarter" && (month - 1) % 3 !== 0) return undefined;
  const to = firstOfMonth(year, month + (kind === "month" ? 1 : 3));
  return { kind, from, to, lastDay: addDays(to, -1) };
}

/** Monday to Friday; public holidays are not known to the records yet (a per-unit setting to come). */
function isWorkingDay(d: IsoDate): boolean {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * DOMAIN §3's default deadlines after a period ending before `to`: the self-assessment by the 3rd working day of
 * the next month, the decision by its 10th day (read as a calendar day; a unit may set its own).
 */
export function defaultDeadlines(to: IsoDate): { selfAssessmentDue: IsoDate; approvalDue: IsoDate } {
  let d = to;
  let working = isWorkingDay(d) ? 1 : 0;
  while (working < 3) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) working++;
  }
  return { selfAssessmentDue: d, approvalDue: `${to.slice(0, 8)}10` };
}

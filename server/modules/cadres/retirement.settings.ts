import { SETTING_VALUE_SCHEMAS } from "../../../common/contracts/settings.ts";
import type { RetirementSchedule } from "../../../common/rules/retirement.ts";
import type { RetirementExceptionLimits } from "../../../common/rules/retirement-override.ts";
import type { Executor } from "../../db/client.ts";
import { versionOn, versionsOf } from "../settings/index.ts";

/**
 * The retirement rule's parameters, read from the dated settings (table rule_settings, shipped by
 * migration 0015 with their citations): the age schedule by the year it is reached, how far each kind of
 * exception may move the date, and the notice periods.
 */
export type RetirementSettings = {
  schedules: RetirementSchedule[];
  /** The limits of the exceptions as of each date (versions, oldest first). */
  exceptions: { validFrom: string; limits: RetirementExceptionLimits }[];
  notice: { validFrom: string; informMonths: number; decideMonths: number; citation: string }[];
};

// The shapes of the values, the same the settings API checks a new version against.
const ScheduleSchema = SETTING_VALUE_SCHEMAS["retirement.age"];
const ExceptionsSchema = SETTING_VALUE_SCHEMAS["retirement.exceptions"];
const NoticeSchema = SETTING_VALUE_SCHEMAS["retirement.notice"];

export async function loadRetirementSettings(tx: Executor): Promise<RetirementSettings> {
  // One after the other: inside a transaction the executor is one connection.
  const schedules = await loadRetirementSchedules(tx);
  const exceptions = await versionsOf(tx, "retirement.exceptions");
  const notice = await versionsOf(tx, "retirement.notice");
  return {
    schedules,
    exceptions: exceptions.map((v) => ({ validFrom: v.validFrom, limits: ExceptionsSchema.parse(v.value) })),
    notice: notice.map((v) => ({
      validFrom: v.validFrom,
      citation: v.citation,
      ...NoticeSchema.parse(v.value),
    })),
  };
}

/** The age schedule alone (what the figures need to tell who is past retirement): one query. */
export async function loadRetirementSchedules(tx: Executor): Promise<RetirementSchedule[]> {
  const age = await versionsOf(tx, "retirement.age");
  return age.map((v) => ({ validFrom: v.validFrom, citation: v.citation, ...ScheduleSchema.parse(v.value) }));
}

/** The exception limits in force on date d (the first version's before it: the law has limits). */
export function exceptionLimitsOn(s: RetirementSettings, d: string): RetirementExceptionLimits {
  const v = versionOn(s.exceptions, d) ?? s.exceptions[0];
  if (!v) throw new Error("setting retirement.exceptions missing");
  return v.limits;
}

/** The notice periods in force on date d. */
export function noticeOn(s: RetirementSettings, d: string): RetirementSettings["notice"][number] {
  const v = versionOn(s.notice, d) ?? s.notice[0];
  if (!v) throw new Error("setting retirement.notice missing");
  return v;
}

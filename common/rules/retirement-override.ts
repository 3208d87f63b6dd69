import { addMonthsClamped } from "./age.ts";
import type { IsoDate } from "./dates.ts";
import {
  endOfMonth,
  firstOfNextMonth,
  type Retirement,
  type RetirementSchedule,
  retirementOf,
  type Sex,
} from "./retirement.ts";

/**
 * Exceptions to the statutory retirement age, recorded per person as a dated override with its legal
 * basis (DOMAIN §6). The newest override in force on a date replaces the statutory date everywhere the
 * retirement date is used (the record, the CV, the "retiring soon" list, the figures).
 *
 * - earlier: Decree 135/2020 art. 5 — ≥ 15 years of heavy, hazardous work or in especially difficult
 *   areas, or ≥ 61% loss of working capacity; up to 5 years earlier.
 * - later_woman_leader: women in listed leadership posts (Decree 53/2015, amended by Decree 104/2020).
 * - later_academic: public employees with professor/associate-professor titles, doctorate-level posts or
 *   specialist-II degrees (Decree 50/2022), up to 5 years later.
 * - reorganisation: early retirement in the administrative reorganisation (Decree 178/2024, amended by
 *   Decree 67/2025; DOMAIN §7), up to 10 years earlier.
 * - statutory: an earlier exception ends (the post is left, the extension is over): back to the law's age.
 */
export const RETIREMENT_OVERRIDE_KINDS = [
  "earlier",
  "later_woman_leader",
  "later_academic",
  "reorganisation",
  "statutory",
] as const;
export type RetirementOverrideKind = (typeof RETIREMENT_OVERRIDE_KINDS)[number];

/**
 * How far each kind may move the date: a dated setting (`retirement.exceptions`, table rule_settings),
 * each kind with the rule it comes from.
 */
export type RetirementExceptionLimits = Record<
  Exclude<RetirementOverrideKind, "statutory">,
  { direction: "earlier" | "later"; maxMonths: number; citation: string }
>;

/** One override as recorded: a retirement date, or an age reached (then the end of that month). */
export type RetirementOverride = {
  validFrom: IsoDate;
  kind: RetirementOverrideKind;
  retirementDate: IsoDate | null;
  ageMonths: number | null;
};

/** The retirement that applies: the statutory one, or the override's. */
export type EffectiveRetirement = Retirement & {
  /** The date under the statutory age, whatever the override says. */
  statutoryDate: IsoDate;
  /** The override in force, if it moves the date. */
  overrideKind: Exclude<RetirementOverrideKind, "statutory"> | null;
};

/** The override in force on date d: the one with the latest valid_from on or before d. */
export function overrideOn<T extends { validFrom: IsoDate }>(
  overrides: readonly T[],
  d: IsoDate,
): T | undefined {
  return overrides
    .filter((o) => o.validFrom <= d)
    .reduce<T | undefined>(
      (best, o) => (best === undefined || o.validFrom >= best.validFrom ? o : best),
      undefined,
    );
}

/** The retirement date an override sets (an age: the last day of the month it is reached in). */
export function overrideDate(
  birthDate: IsoDate,
  o: Pick<RetirementOverride, "retirementDate" | "ageMonths">,
) {
  if (o.retirementDate !== null) return o.retirementDate;
  if (o.ageMonths !== null) return endOfMonth(addMonthsClamped(birthDate, o.ageMonths));
  return null;
}

/** The statutory retirement, moved by the override in force (if any). */
export function effectiveRetirement(
  birthDate: IsoDate,
  statutory: Retirement,
  override: RetirementOverride | undefined,
): EffectiveRetirement {
  const moved = override && override.kind !== "statutory" ? overrideDate(birthDate, override) : null;
  if (!override || override.kind === "statutory" || moved === null) {
    return { ...statutory, statutoryDate: statutory.retirementDate, overrideKind: null };
  }
  return {
    ageMonths: override.ageMonths ?? statutory.ageMonths,
    reachedOn: override.ageMonths !== null ? addMonthsClamped(birthDate, override.ageMonths) : moved,
    retirementDate: moved,
    pensionFrom: firstOfNextMonth(moved),
    statutoryDate: statutory.retirementDate,
    overrideKind: override.kind,
  };
}

export type OverrideProblem =
  | "needs_date_or_age"
  | "date_and_age"
  | "statutory_takes_no_date"
  | "not_earlier"
  | "not_later"
  | "too_far";

/**
 * What is wrong with an override, against the statutory date and the limits of its kind: an earlier kind
 * must come before the statutory date and at most its months before it; a later kind after it, at most
 * its months after it.
 */
export function overrideProblems(
  birthDate: IsoDate,
  statutory: Retirement,
  o: Pick<RetirementOverride, "kind" | "retirementDate" | "ageMonths">,
  limits: RetirementExceptionLimits,
): OverrideProblem[] {
  if (o.kind === "statutory") {
    return o.retirementDate !== null || o.ageMonths !== null ? ["statutory_takes_no_date"] : [];
  }
  if (o.retirementDate !== null && o.ageMonths !== null) return ["date_and_age"];
  const date = overrideDate(birthDate, o);
  if (date === null) return ["needs_date_or_age"];
  const limit = limits[o.kind];
  const base = statutory.retirementDate;
  if (limit.direction === "earlier") {
    if (date >= base) return ["not_earlier"];
    // The limit counts whole months back from the statutory month: its last day is the earliest allowed.
    if (date < endOfMonth(addMonthsClamped(base, -limit.maxMonths))) return ["too_far"];
    return [];
  }
  if (date <= base) return ["not_later"];
  if (date > endOfMonth(addMonthsClamped(base, limit.maxMonths))) return ["too_far"];
  return [];
}

/**
 * The one retirement date of a person as of date d: the statutory age for their sex and birth date
 * (schedules: the dated setting retirement.age), moved by the override in force on d. Every place that
 * shows or uses a retirement date goes through this (and its SQL twin, server/modules/cadres/retirement.sql.ts).
 */
export function retirementOn(
  person: { sex: Sex; birthDate: IsoDate },
  overrides: readonly RetirementOverride[],
  schedules: readonly RetirementSchedule[],
  d: IsoDate,
): EffectiveRetirement {
  const statutory = retirementOf(person.sex, person.birthDate, schedules);
  return effectiveRetirement(person.birthDate, statutory, overrideOn(overrides, d));
}

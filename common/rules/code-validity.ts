import type { IsoDate } from "./dates.ts";

/** A code list entry's validity: [validFrom, validTo), null open on that side (ADR 0005). */
export type CodeValidity = { validFrom: IsoDate | null; validTo: IsoDate | null };

/**
 * Why a dated value may not use a code over its period [from, to) (to null: still open), or null when the
 * code is in force on every day of it. A tier row uses its code for its whole period (DOMAIN §9): a
 * district-tier row may not begin on or after 1/7/2025, nor run past it — an open row from 2020 claims the
 * district tier on days when there is none.
 */
export function codePeriodProblem(
  entry: CodeValidity,
  from: IsoDate,
  to: IsoDate | null,
): "not_yet_in_force" | "ended" | null {
  if (entry.validFrom !== null && from < entry.validFrom) return "not_yet_in_force";
  if (entry.validTo !== null && (to === null || to > entry.validTo)) return "ended";
  return null;
}

/** True when the entry is in force on the day. */
export function codeInForceOn(entry: CodeValidity, day: IsoDate): boolean {
  return (
    (entry.validFrom === null || entry.validFrom <= day) && (entry.validTo === null || entry.validTo > day)
  );
}

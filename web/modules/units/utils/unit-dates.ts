import type { UnitNode } from "../../../../common/contracts/units.ts";

/** True when the unit exists on the date (validity is half-open: validTo is the first day it is gone). */
export function isActiveOn(unit: Pick<UnitNode, "validFrom" | "validTo">, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || date < unit.validTo);
}

/** The version of the unit's history (name and parent) in force on a date. */
export function versionOn<V extends { validFrom: string; validTo: string | null }>(
  history: readonly V[],
  date: string,
): V | undefined {
  return history.find((v) => isActiveOn(v, date));
}

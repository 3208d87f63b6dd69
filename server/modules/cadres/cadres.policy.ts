import { MASKABLE, SENSITIVE_FIELDS, type SensitiveField } from "../../../common/contracts/cadres.ts";
import type { UnitKind } from "../../../common/enums/units.ts";
import { type Actor, authorize, hasPermission } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { CadreErrors } from "./cadres.errors.ts";

/**
 * Who may do what with a cadre record (DESIGN §5, issue "Cadre records" item 9):
 * - read: cadres.read and the person's main post in the actor's scope on the date; or the person
 *   themself (users.cadre_id), who may read but never change their own record here;
 * - change: cadres.write and the person in scope today; never one's own record;
 * - sensitive fields and family: cadres.sensitive; every unmasked read is audited.
 */

/**
 * The person themself sees their own sensitive data: the data subject's right of access (Decree
 * 13/2023/NĐ-CP art. 9). Their reads are audited like anyone else's.
 */
export const SUBJECT_SEES_OWN_SENSITIVE = true;

/** Unit kinds that are district-level units for the "local" rule (DOMAIN §2). */
export const DISTRICT_LEVEL_KINDS: readonly UnitKind[] = ["district", "town"];

export function isOwnRecord(actor: Actor, cadreId: number): boolean {
  return actor.cadreId != null && actor.cadreId === cadreId;
}

export function canSeeSensitive(actor: Actor, cadreId: number): boolean {
  return (
    hasPermission(actor, "cadres.sensitive") || (SUBJECT_SEES_OWN_SENSITIVE && isOwnRecord(actor, cadreId))
  );
}

/** The parts of a record withheld from the actor. */
export function maskedParts(actor: Actor, cadreId: number): (typeof MASKABLE)[number][] {
  return canSeeSensitive(actor, cadreId) ? [] : [...MASKABLE];
}

/** Reading someone else's record needs cadres.read (scope is checked against the data). */
export function assertMayRead(actor: Actor, cadreId: number): "own" | "scoped" {
  if (isOwnRecord(actor, cadreId)) return "own";
  authorize(actor, "cadres.read");
  return "scoped";
}

/** Changing a record needs cadres.write and is never allowed on one's own record. */
export function assertMayWrite(actor: Actor, cadreId: number | null): void {
  authorize(actor, "cadres.write");
  if (cadreId !== null && isOwnRecord(actor, cadreId))
    throw new AppError(CadreErrors.CADRE_OWN_RECORD_READ_ONLY);
}

/** Sensitive fields an input sets; writing them needs cadres.sensitive too. */
export function sensitiveFieldsIn(input: Partial<Record<SensitiveField, unknown>>): SensitiveField[] {
  return SENSITIVE_FIELDS.filter((f) => input[f] !== undefined);
}

export function assertMayWriteSensitive(actor: Actor, fields: readonly string[]): void {
  if (fields.length && !hasPermission(actor, "cadres.sensitive")) {
    throw new AppError(CadreErrors.CADRE_SENSITIVE_FORBIDDEN, { details: { fields } });
  }
}

/**
 * An ID number as the audit trail keeps it: the last four digits. With the records found, that tells an
 * auditor whom a search was about without copying every number searched into a second table.
 */
export function maskIdNumber(idNumber: string): string {
  return `${"*".repeat(Math.max(0, idNumber.length - 4))}${idNumber.slice(-4)}`;
}

/** A list filter as the audit trail keeps it: an ID number, as a filter or as the search text, masked. */
export function withIdNumbersMasked<T extends { idNumber?: string | undefined; q?: string | undefined }>(
  filter: T,
): T {
  const masked = { ...filter };
  if (masked.idNumber !== undefined) masked.idNumber = maskIdNumber(masked.idNumber);
  if (masked.q !== undefined && /^\s*[0-9]{12}\s*$/.test(masked.q)) masked.q = maskIdNumber(masked.q.trim());
  return masked;
}

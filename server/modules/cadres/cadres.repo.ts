import { eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { DISTRICT_LEVEL_KINDS } from "./cadres.policy.ts";
import { cadres } from "./schema.ts";
import { holds, intArray, isoDate } from "./sql.ts";

/** Queries of the person table. Every function takes the executor (db or transaction) first. */

export type PersonRow = typeof cadres.$inferSelect;
export type NewPerson = typeof cadres.$inferInsert;

export async function getPerson(tx: Executor, id: number): Promise<PersonRow | undefined> {
  const [row] = await tx.select().from(cadres).where(eq(cadres.id, id));
  return row;
}

/**
 * The person's row, locked until the transaction ends: every change of a record takes this lock first,
 * so that checks such as "no overlapping main assignments" cannot race.
 */
export async function lockPerson(tx: Executor, id: number): Promise<PersonRow | undefined> {
  const [row] = await tx.select().from(cadres).where(eq(cadres.id, id)).for("update");
  return row;
}

export async function idByStaffCode(tx: Executor, staffCode: string): Promise<number | undefined> {
  const [row] = await tx.select({ id: cadres.id }).from(cadres).where(eq(cadres.staffCode, staffCode));
  return row?.id;
}

export async function idByIdNumber(tx: Executor, idNumber: string): Promise<number | undefined> {
  const [row] = await tx.select({ id: cadres.id }).from(cadres).where(eq(cadres.idNumber, idNumber));
  return row?.id;
}

export async function insertPerson(tx: Executor, values: NewPerson): Promise<PersonRow> {
  const [row] = await tx.insert(cadres).values(values).returning();
  return row!;
}

/** Writes the changes and bumps the version; the caller holds the row lock and checked the version. */
export async function updatePerson(
  tx: Executor,
  id: number,
  values: Partial<NewPerson>,
  now: Date,
): Promise<PersonRow> {
  const [row] = await tx
    .update(cadres)
    .set({ ...values, version: sql`${cadres.version} + 1`, updatedAt: now })
    .where(eq(cadres.id, id))
    .returning();
  return row!;
}

/**
 * True when the person lies in the scope on date d: their main assignment on d is in a unit of the
 * scope on d. Someone with no main post on d (left service, not yet started) is placed by their latest
 * earlier main post (on its last day), or else by their first later one (on its first day), so that the
 * office that managed them can still reach the record.
 */
export async function personInScope(
  tx: Executor,
  cadreId: number,
  scope: Actor["scope"],
  d: string,
): Promise<boolean> {
  return (await peopleInScope(tx, [cadreId], scope, d)).has(cadreId);
}

/** Which of the people lie in the scope on date d, by the rule of personInScope. */
export async function peopleInScope(
  tx: Executor,
  cadreIds: readonly number[],
  scope: Actor["scope"],
  d: string,
): Promise<Set<number>> {
  if (scope === "all") return new Set(cadreIds);
  if (scope.length === 0 || cadreIds.length === 0) return new Set();
  const result = await tx.execute<{ id: number }>(sql`
    SELECT x.id FROM unnest(${intArray(cadreIds)}) AS x(id)
    WHERE ${inScopeOn(sql`x.id`, scope, sql`${isoDate(d)}::date`)}`);
  return new Set(result.rows.map((r) => r.id));
}

/**
 * The rule of personInScope as an SQL condition on a person and a day that are both SQL expressions, so
 * that a query can ask it row by row (the audit trail asks it of each entry's day). One probe: the
 * person's main posts (a handful, through the cadre_id index), the one that places them on d, and the
 * dated closure of the scope on the day it is read.
 */
export function inScopeOn(cadreId: SQL, scope: readonly number[], d: SQL): SQL {
  return sql`EXISTS (
    SELECT 1 FROM (
      SELECT a.unit_id,
             CASE WHEN a.valid_from > ${d} THEN a.valid_from
                  WHEN a.valid_to IS NOT NULL AND a.valid_to <= ${d} THEN a.valid_to - 1
                  ELSE ${d} END AS at
      FROM cadre_assignments a
      WHERE a.cadre_id = ${cadreId} AND a.is_main
      ORDER BY (a.valid_from <= ${d}) DESC,
               CASE WHEN a.valid_from <= ${d} THEN a.valid_from END DESC,
               a.valid_from
      LIMIT 1
    ) anchor
    JOIN unit_closure c ON c.descendant_id = anchor.unit_id
    WHERE c.ancestor_id = ANY(${intArray(scope)})
      AND c.valid_from <= anchor.at AND (c.valid_to IS NULL OR c.valid_to > anchor.at))`;
}

/**
 * SQL: the ids (column cadre_id) of the people who lay in the scope on some day — a main post overlapping
 * the time a unit of the scope held its unit. Every day's inScopeOn answer lies within this set; a query
 * that asks inScopeOn of many rows asks it only of rows about these people.
 */
export function everInScope(scope: readonly number[]): SQL {
  return sql`SELECT DISTINCT a.cadre_id FROM cadre_assignments a
    JOIN unit_closure c ON c.descendant_id = a.unit_id
    WHERE a.is_main AND c.ancestor_id = ANY(${intArray(scope)})
      AND (a.valid_to IS NULL OR a.valid_to > c.valid_from)
      AND (c.valid_to IS NULL OR c.valid_to > a.valid_from)`;
}

/** Which of the unit ids exist (at any date). */
export async function existingUnits(tx: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await tx.execute<{ id: number }>(sql`SELECT id FROM units WHERE id = ANY(${intArray(ids)})`);
  return new Set(result.rows.map((r) => r.id));
}

/**
 * The district-level unit above each unit (itself included) on date d; for a unit that does not exist on
 * d, its district-level unit on its nearest date. Units with none (city bodies, communes after the
 * 2025 reform) are absent from the map.
 */
export async function districtsOf(
  tx: Executor,
  unitIds: readonly number[],
  d: string,
): Promise<Map<number, number>> {
  if (unitIds.length === 0) return new Map();
  const kinds = `{${DISTRICT_LEVEL_KINDS.join(",")}}`;
  const result = await tx.execute<{ unitId: number; districtId: number }>(sql`
    SELECT DISTINCT ON (c.descendant_id) c.descendant_id AS "unitId", c.ancestor_id AS "districtId"
    FROM unit_closure c JOIN units u ON u.id = c.ancestor_id
    WHERE c.descendant_id = ANY(${intArray(unitIds)}) AND u.kind = ANY(${kinds}::text[])
    ORDER BY c.descendant_id, ${holds("c", d)} DESC, c.valid_from DESC, c.depth`);
  return new Map(result.rows.map((r) => [r.unitId, r.districtId]));
}

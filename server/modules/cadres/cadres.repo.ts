import { eq, type SQL, sql } from "drizzle-orm";
import type { OriginRelation } from "../../../common/rules/local.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { originPlaceSql, originRelationSql, territoryOfUnitSql } from "../places/index.ts";
import { cadres } from "./schema.ts";
import { intArray, isoDate } from "./sql.ts";

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
 * Where the person's home town and birthplace lie relative to the territory the post in `unitId` leads on d
 * (the "local" rule, DOMAIN §2: the same SQL as the indicators, places module): 'inside', 'overlap',
 * 'outside', or null when unknown.
 */
export async function originRelations(
  tx: Executor,
  input: {
    unitId: number | null;
    homeTownPlaceId: number | null;
    homeTownUnitId: number | null;
    birthplacePlaceId: number | null;
    birthplaceUnitId: number | null;
  },
  d: string,
): Promise<{ homeTown: OriginRelation; birthplace: OriginRelation }> {
  if (input.unitId === null) return { homeTown: null, birthplace: null };
  const id = (v: number | null) => (v === null ? sql`NULL::int` : sql`${Math.trunc(v)}::int`);
  const result = await tx.execute<{ homeTown: OriginRelation; birthplace: OriginRelation }>(sql`
    SELECT ${originRelationSql(sql`o.home`, sql`o.territory`)} AS "homeTown",
           ${originRelationSql(sql`o.birth`, sql`o.territory`)} AS birthplace
    FROM (SELECT ${originPlaceSql(id(input.homeTownPlaceId), id(input.homeTownUnitId))} AS home,
                 ${originPlaceSql(id(input.birthplacePlaceId), id(input.birthplaceUnitId))} AS birth,
                 ${territoryOfUnitSql(id(input.unitId), isoDate(d))} AS territory) o`);
  return result.rows[0] ?? { homeTown: null, birthplace: null };
}

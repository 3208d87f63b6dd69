import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { titles } from "../../posts/index.ts";
import { intArray, isoDate } from "../sql.ts";

/** Queries the CV needs beyond the record: unit names on given dates and a unit's place in the tree. */

/**
 * Name of each assignment's unit on the assignment's first day (the version holding then, or the last
 * one before it). Assignments whose unit had no name yet are left out (the caller keeps its own name).
 */
export async function unitNamesAtStart(
  tx: Executor,
  assignments: readonly { id: number; unitId: number; validFrom: string }[],
): Promise<Map<number, string>> {
  if (assignments.length === 0) return new Map();
  const dates = `{${assignments.map((a) => isoDate(a.validFrom)).join(",")}}`;
  const result = await tx.execute<{ id: number; name: string }>(sql`
    SELECT x.id, uv.name
    FROM unnest(${intArray(assignments.map((a) => a.id))}, ${intArray(assignments.map((a) => a.unitId))},
                ${dates}::date[]) AS x(id, unit_id, d)
    JOIN LATERAL (
      SELECT v.name FROM unit_versions v WHERE v.unit_id = x.unit_id AND v.valid_from <= x.d
      ORDER BY v.valid_from DESC LIMIT 1) uv ON TRUE`);
  return new Map(result.rows.map((r) => [r.id, r.name]));
}

export type PathNode = { unitId: number; name: string; kind: string; depth: number };

/**
 * The unit and its ancestors on date d, the unit first (depth 0). A unit that had ended by d is taken on
 * its last day, one not yet opened on its first day, so old birthplaces still get their names.
 */
export async function pathOn(tx: Executor, unitId: number, d: string): Promise<PathNode[]> {
  const result = await tx.execute<PathNode>(sql`
    WITH at AS (
      SELECT CASE WHEN u.valid_to IS NOT NULL AND u.valid_to <= ${isoDate(d)}::date THEN u.valid_to - 1
                  WHEN u.valid_from > ${d}::date THEN u.valid_from
                  ELSE ${d}::date END AS d
      FROM units u WHERE u.id = ${unitId})
    SELECT c.ancestor_id AS "unitId", v.name, u.kind, c.depth
    FROM at
    CROSS JOIN unit_closure c
    JOIN units u ON u.id = c.ancestor_id
    JOIN unit_versions v ON v.unit_id = c.ancestor_id AND v.valid_from <= at.d
                        AND (v.valid_to IS NULL OR v.valid_to > at.d)
    WHERE c.descendant_id = ${unitId} AND c.valid_from <= at.d AND (c.valid_to IS NULL OR c.valid_to > at.d)
    ORDER BY c.depth`);
  return result.rows;
}

/**
 * The titles among these that are Party posts (chức vụ Đảng: the catalogue puts them in the Party bloc),
 * with their rank in the catalogue (lower is higher).
 */
export async function partyTitleRanks(
  tx: Executor,
  titleIds: readonly number[],
): Promise<Map<number, number>> {
  if (titleIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: titles.id, rank: titles.rank })
    .from(titles)
    .where(and(inArray(titles.id, [...new Set(titleIds)]), eq(titles.bloc, "party")));
  return new Map(rows.map((r) => [r.id, r.rank]));
}

import { sql } from "drizzle-orm";
import type { Bloc, LineageKind, UnitKind } from "../../../common/enums/units.ts";
import type { Executor } from "../../db/client.ts";

/** Queries of the units module. Every function takes the executor (db or transaction) first. */

export type UnitRow = {
  id: number;
  parentId: number | null;
  name: string;
  code: string | null;
  kind: UnitKind;
  bloc: Bloc | null;
  placeId: number | null;
  validFrom: string;
  validTo: string | null;
};

export type VersionRow = {
  id: number;
  unitId: number;
  parentId: number | null;
  name: string;
  validFrom: string;
  validTo: string | null;
};

export type Scope = "all" | readonly number[];

/** "the row's period holds on date d" for the table alias. */
const holds = (alias: string, d: string) => {
  const a = sql.raw(alias);
  return sql`${a}.valid_from <= ${d}::date AND (${a}.valid_to IS NULL OR ${a}.valid_to > ${d}::date)`;
};

function assertDate(d: string): string {
  // Dates reach SQL text only after this check (they are validated at the edge too).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`bad date ${d}`);
  return d;
}

/** The units visible at date d within the scope (and within rootId's subtree when given). */
export async function treeAsOf(tx: Executor, d: string, scope: Scope, rootId?: number): Promise<UnitRow[]> {
  assertDate(d);
  const inScope =
    scope === "all"
      ? sql``
      : sql`AND v.unit_id IN (SELECT c.descendant_id FROM unit_closure c
              WHERE c.ancestor_id = ANY(${toIntArray(scope)}) AND ${holds("c", d)})`;
  const inRoot =
    rootId === undefined
      ? sql``
      : sql`AND v.unit_id IN (SELECT c.descendant_id FROM unit_closure c
              WHERE c.ancestor_id = ${rootId} AND ${holds("c", d)})`;
  const result = await tx.execute<UnitRow>(sql`
    SELECT v.unit_id AS "id", v.parent_id AS "parentId", v.name, u.code, u.kind, u.bloc, u.place_id AS "placeId",
           u.valid_from AS "validFrom", u.valid_to AS "validTo"
    FROM unit_versions v JOIN units u ON u.id = v.unit_id
    WHERE ${holds("v", d)} ${inScope} ${inRoot}`);
  return result.rows;
}

/** Ids of the unit and all its descendants at date d. */
export async function subtreeIds(tx: Executor, unitId: number, d: string): Promise<number[]> {
  assertDate(d);
  const result = await tx.execute<{ id: number }>(sql`
    SELECT c.descendant_id AS id FROM unit_closure c WHERE c.ancestor_id = ${unitId} AND ${holds("c", d)}`);
  return result.rows.map((r) => r.id);
}

/** True when the unit lies in one of the scope's subtrees at date d ("ever": at any date). */
export async function isInScope(
  tx: Executor,
  unitId: number,
  scope: Scope,
  d: string | "ever",
): Promise<boolean> {
  if (scope === "all") return true;
  if (scope.length === 0) return false;
  const when = d === "ever" ? sql`` : sql`AND ${holds("c", assertDate(d))}`;
  const result = await tx.execute<{ ok: number }>(sql`
    SELECT 1 AS ok FROM unit_closure c
    WHERE c.descendant_id = ${unitId} AND c.ancestor_id = ANY(${toIntArray(scope)}) ${when} LIMIT 1`);
  return result.rows.length > 0;
}

/** True when the unit lies in one of the scope's subtrees on every day of [from, to) (to null: open-ended). */
export async function isInScopeThroughout(
  tx: Executor,
  unitId: number,
  scope: Scope,
  from: string,
  to: string | null,
): Promise<boolean> {
  if (scope === "all") return true;
  if (scope.length === 0) return false;
  assertDate(from);
  const until = to === null ? sql`` : sql`AND c.valid_from < ${assertDate(to)}::date`;
  const result = await tx.execute<{ validFrom: string; validTo: string | null }>(sql`
    SELECT c.valid_from AS "validFrom", c.valid_to AS "validTo" FROM unit_closure c
    WHERE c.descendant_id = ${unitId} AND c.ancestor_id = ANY(${toIntArray(scope)})
      AND (c.valid_to IS NULL OR c.valid_to > ${from}::date) ${until}
    ORDER BY c.valid_from`);
  // The periods may come from several scope roots or depths: walk them, looking for a gap.
  let coveredUntil = from;
  for (const row of result.rows) {
    if (row.validFrom > coveredUntil) return false;
    if (row.validTo === null) return true;
    if (row.validTo > coveredUntil) coveredUntil = row.validTo;
  }
  return to !== null && coveredUntil >= to;
}

export async function getUnit(tx: Executor, unitId: number) {
  const result = await tx.execute<{
    id: number;
    code: string | null;
    kind: UnitKind;
    bloc: Bloc | null;
    placeId: number | null;
    validFrom: string;
    validTo: string | null;
  }>(
    sql`SELECT id, code, kind, bloc, place_id AS "placeId", valid_from AS "validFrom", valid_to AS "validTo"
        FROM units WHERE id = ${unitId}`,
  );
  return result.rows[0];
}

/** Links a territorial unit to the place it governs (null removes the link). */
export async function setUnitPlace(tx: Executor, unitId: number, placeId: number | null): Promise<void> {
  await tx.execute(sql`UPDATE units SET place_id = ${placeId} WHERE id = ${unitId}`);
}

export async function versionsOf(
  tx: Executor,
  unitId: number,
): Promise<(VersionRow & { parentName: string | null })[]> {
  const result = await tx.execute<VersionRow & { parentName: string | null }>(sql`
    SELECT v.id, v.unit_id AS "unitId", v.parent_id AS "parentId", v.name,
           v.valid_from AS "validFrom", v.valid_to AS "validTo",
           (SELECT p.name FROM unit_versions p WHERE p.unit_id = v.parent_id AND p.valid_from <= v.valid_from
              AND (p.valid_to IS NULL OR p.valid_to > v.valid_from) LIMIT 1) AS "parentName"
    FROM unit_versions v WHERE v.unit_id = ${unitId} ORDER BY v.valid_from`);
  return result.rows;
}

export async function versionAt(tx: Executor, unitId: number, d: string): Promise<VersionRow | undefined> {
  assertDate(d);
  const result = await tx.execute<VersionRow>(sql`
    SELECT v.id, v.unit_id AS "unitId", v.parent_id AS "parentId", v.name,
           v.valid_from AS "validFrom", v.valid_to AS "validTo"
    FROM unit_versions v WHERE v.unit_id = ${unitId} AND ${holds("v", d)}`);
  return result.rows[0];
}

/** The unit's versions from the one holding date d onwards, oldest first. */
export async function versionsFrom(tx: Executor, unitId: number, d: string): Promise<VersionRow[]> {
  assertDate(d);
  const result = await tx.execute<VersionRow>(sql`
    SELECT v.id, v.unit_id AS "unitId", v.parent_id AS "parentId", v.name,
           v.valid_from AS "validFrom", v.valid_to AS "validTo"
    FROM unit_versions v WHERE v.unit_id = ${unitId} AND (v.valid_to IS NULL OR v.valid_to > ${d}::date)
    ORDER BY v.valid_from`);
  return result.rows;
}

/** True when `descendantId` lies in `ancestorId`'s subtree (itself included) on some day of [from, to). */
export async function isBelowDuring(
  tx: Executor,
  ancestorId: number,
  descendantId: number,
  from: string,
  to: string | null,
): Promise<boolean> {
  assertDate(from);
  const until = to === null ? sql`` : sql`AND c.valid_from < ${assertDate(to)}::date`;
  const result = await tx.execute(sql`
    SELECT 1 FROM unit_closure c
    WHERE c.ancestor_id = ${ancestorId} AND c.descendant_id = ${descendantId}
      AND (c.valid_to IS NULL OR c.valid_to > ${from}::date) ${until} LIMIT 1`);
  return result.rows.length > 0;
}

/** Ancestors of the unit at date d, root first (excluding the unit itself). */
export async function pathAt(
  tx: Executor,
  unitId: number,
  d: string,
): Promise<{ id: number; name: string }[]> {
  assertDate(d);
  const result = await tx.execute<{ id: number; name: string }>(sql`
    SELECT c.ancestor_id AS id, v.name FROM unit_closure c
    JOIN unit_versions v ON v.unit_id = c.ancestor_id AND ${holds("v", d)}
    WHERE c.descendant_id = ${unitId} AND c.depth > 0 AND ${holds("c", d)}
    ORDER BY c.depth DESC`);
  return result.rows;
}

export async function linksOf(tx: Executor, unitId: number) {
  const result = await tx.execute<{
    id: number;
    kind: LineageKind;
    effectiveDate: string;
    predecessorId: number;
    predecessorName: string;
    successorId: number;
    successorName: string;
    note: string | null;
  }>(sql`
    SELECT l.id, l.kind, l.effective_date AS "effectiveDate", l.predecessor_id AS "predecessorId",
      (SELECT v.name FROM unit_versions v WHERE v.unit_id = l.predecessor_id ORDER BY v.valid_from DESC LIMIT 1) AS "predecessorName",
      l.successor_id AS "successorId",
      (SELECT v.name FROM unit_versions v WHERE v.unit_id = l.successor_id ORDER BY v.valid_from DESC LIMIT 1) AS "successorName",
      l.note
    FROM unit_links l WHERE l.predecessor_id = ${unitId} OR l.successor_id = ${unitId}
    ORDER BY l.effective_date, l.id`);
  return result.rows;
}

/** Every unit that was ever in the unit's subtree (itself included). */
export async function descendantsEver(tx: Executor, unitId: number): Promise<number[]> {
  const result = await tx.execute<{ id: number }>(sql`
    SELECT DISTINCT descendant_id AS id FROM unit_closure WHERE ancestor_id = ${unitId}`);
  const ids = result.rows.map((r) => r.id);
  return ids.includes(unitId) ? ids : [...ids, unitId];
}

/** Reserves n unit ids, so that a batch can reference parents inserted in the same statement. */
export async function reserveUnitIds(tx: Executor, n: number): Promise<number[]> {
  const result = await tx.execute<{ id: number }>(sql`
    SELECT nextval(pg_get_serial_sequence('units', 'id'))::int AS id FROM generate_series(1, ${n})`);
  return result.rows.map((r) => r.id);
}

export type NewUnit = {
  id: number;
  parentId: number | null;
  name: string;
  code: string | null;
  kind: UnitKind;
  bloc: Bloc | null;
  placeId?: number | null;
  validFrom: string;
  /** Day after the last day when the end is already known (null or absent: open-ended). */
  validTo?: string | null;
};

export async function insertUnits(tx: Executor, rows: NewUnit[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const validTo = toTextArray(chunk.map((r) => r.validTo ?? null));
    await tx.execute(sql`INSERT INTO units (id, code, kind, bloc, place_id, valid_from, valid_to)
      SELECT * FROM unnest(${toIntArray(chunk.map((r) => r.id))}, ${toTextArray(chunk.map((r) => r.code))},
        ${toTextArray(chunk.map((r) => r.kind))}, ${toTextArray(chunk.map((r) => r.bloc))},
        ${toIntArray(chunk.map((r) => r.placeId ?? null))}, ${toTextArray(chunk.map((r) => r.validFrom))}::date[],
        ${validTo}::date[])`);
    await tx.execute(sql`INSERT INTO unit_versions (unit_id, parent_id, name, valid_from, valid_to)
      SELECT * FROM unnest(${toIntArray(chunk.map((r) => r.id))}, ${toIntArray(chunk.map((r) => r.parentId))},
        ${toTextArray(chunk.map((r) => r.name))}, ${toTextArray(chunk.map((r) => r.validFrom))}::date[],
        ${validTo}::date[])`);
  }
}

/**
 * Serialises the writes that give units their codes until the transaction ends, so that two of them
 * cannot both find a code free. One lock for all codes: a batch may carry thousands, and unit creations
 * are rare. A lock rather than an exclusion constraint, which PGlite would need btree_gist for.
 */
export async function lockUnitCodes(tx: Executor): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('canbo.units.code'))`);
}

/** Units already holding one of the codes on or after the date its new holder would start. */
export async function codeHolders(
  tx: Executor,
  wanted: readonly { code: string; validFrom: string }[],
): Promise<{ id: number; code: string }[]> {
  if (wanted.length === 0) return [];
  const result = await tx.execute<{ id: number; code: string }>(sql`
    SELECT DISTINCT u.id, u.code
    FROM units u
    JOIN unnest(${toTextArray(wanted.map((w) => w.code))}, ${toTextArray(wanted.map((w) => w.validFrom))}::date[])
      AS w(code, valid_from) ON u.code = w.code
    WHERE u.valid_to IS NULL OR u.valid_to > w.valid_from
    ORDER BY u.id`);
  return result.rows;
}

export async function closeVersion(tx: Executor, versionId: number, validTo: string): Promise<void> {
  await tx.execute(sql`UPDATE unit_versions SET valid_to = ${validTo}::date WHERE id = ${versionId}`);
}

export async function insertVersion(tx: Executor, v: Omit<VersionRow, "id">): Promise<void> {
  await tx.execute(sql`INSERT INTO unit_versions (unit_id, parent_id, name, valid_from, valid_to)
    VALUES (${v.unitId}, ${v.parentId}, ${v.name}, ${v.validFrom}::date, ${v.validTo}::date)`);
}

export async function setVersionName(tx: Executor, versionId: number, name: string): Promise<void> {
  await tx.execute(sql`UPDATE unit_versions SET name = ${name} WHERE id = ${versionId}`);
}

export async function setVersionParent(tx: Executor, versionId: number, parentId: number): Promise<void> {
  await tx.execute(sql`UPDATE unit_versions SET parent_id = ${parentId} WHERE id = ${versionId}`);
}

/**
 * What moving a unit under a parent from a date must know, in one query (a batch moves thousands):
 * whether the unit exists, its versions from the one holding the date onwards (oldest first), whether
 * the parent exists on the date and when the parent ends.
 */
export async function moveState(tx: Executor, unitId: number, parentId: number, d: string) {
  assertDate(d);
  const result = await tx.execute<{
    unitExists: boolean;
    versions: VersionRow[];
    parentActive: boolean;
    parentEnds: string | null;
  }>(sql`
    SELECT EXISTS (SELECT 1 FROM units u WHERE u.id = ${unitId}) AS "unitExists",
      COALESCE((SELECT json_agg(json_build_object('id', v.id, 'unitId', v.unit_id, 'parentId', v.parent_id,
          'name', v.name, 'validFrom', v.valid_from, 'validTo', v.valid_to) ORDER BY v.valid_from)
        FROM unit_versions v WHERE v.unit_id = ${unitId} AND (v.valid_to IS NULL OR v.valid_to > ${d}::date)),
        '[]'::json) AS versions,
      EXISTS (SELECT 1 FROM unit_versions p WHERE p.unit_id = ${parentId} AND ${holds("p", d)}) AS "parentActive",
      (SELECT u.valid_to FROM units u WHERE u.id = ${parentId}) AS "parentEnds"`);
  const row = result.rows[0]!;
  // PGlite hands json back parsed, node-postgres too; text only if a driver leaves it.
  const versions = typeof row.versions === "string" ? JSON.parse(row.versions) : row.versions;
  return { ...row, versions: versions as VersionRow[] };
}

/** Gives a unit a new parent from a date: closes its version there and opens one under the parent. */
export async function splitVersionToParent(
  tx: Executor,
  version: VersionRow,
  parentId: number,
  from: string,
): Promise<void> {
  await tx.execute(sql`
    WITH closed AS (UPDATE unit_versions SET valid_to = ${from}::date WHERE id = ${version.id})
    INSERT INTO unit_versions (unit_id, parent_id, name, valid_from, valid_to)
    VALUES (${version.unitId}, ${parentId}, ${version.name}, ${from}::date, ${version.validTo}::date)`);
}

/**
 * What ending a unit on a date must know, in one query (a batch ends thousands): the unit's period,
 * whether it changes or has children from the end date on, its version on its last day, and whether the
 * successor exists on the end date. Undefined when the unit does not exist.
 */
export async function endState(
  tx: Executor,
  unitId: number,
  endDate: string,
  lastDay: string,
  successorId: number | undefined,
) {
  assertDate(endDate);
  const successorActive =
    successorId === undefined
      ? sql`NULL::boolean`
      : sql`EXISTS (SELECT 1 FROM unit_versions s WHERE s.unit_id = ${successorId} AND ${holds("s", endDate)})`;
  const result = await tx.execute<{
    validFrom: string;
    validTo: string | null;
    hasLaterVersions: boolean;
    hasChildren: boolean;
    versionId: number | null;
    successorActive: boolean | null;
  }>(sql`
    SELECT u.valid_from AS "validFrom", u.valid_to AS "validTo",
      EXISTS (SELECT 1 FROM unit_versions l WHERE l.unit_id = u.id AND l.valid_from >= ${endDate}::date)
        AS "hasLaterVersions",
      EXISTS (SELECT 1 FROM unit_versions c WHERE c.parent_id = u.id
        AND (c.valid_to IS NULL OR c.valid_to > ${endDate}::date)) AS "hasChildren",
      (SELECT v.id FROM unit_versions v WHERE v.unit_id = u.id AND ${holds("v", assertDate(lastDay))})
        AS "versionId",
      ${successorActive} AS "successorActive"
    FROM units u WHERE u.id = ${unitId}`);
  return result.rows[0];
}

/** Closes the unit's last version and the unit itself on the end date (the first day it no longer exists). */
export async function endUnit(
  tx: Executor,
  unitId: number,
  versionId: number,
  endDate: string,
): Promise<void> {
  await tx.execute(sql`
    WITH closed AS (UPDATE unit_versions SET valid_to = ${endDate}::date WHERE id = ${versionId})
    UPDATE units SET valid_to = ${endDate}::date WHERE id = ${unitId}`);
}

export async function insertLink(
  tx: Executor,
  link: {
    predecessorId: number;
    successorId: number;
    kind: LineageKind;
    effectiveDate: string;
    note: string | null;
  },
): Promise<void> {
  await tx.execute(sql`INSERT INTO unit_links (predecessor_id, successor_id, kind, effective_date, note)
    VALUES (${link.predecessorId}, ${link.successorId}, ${link.kind}, ${link.effectiveDate}::date, ${link.note})`);
}

/** Deeper than any real organisation (city → district → commune → body → division is 5). */
const MAX_DEPTH = 100;

/**
 * Recomputes the dated closure rows of the given descendants from unit_versions: climb from each
 * version to its parents' versions, intersecting periods, then merge adjacent periods of the same
 * (ancestor, descendant, depth) so that renames leave the closure unchanged.
 */
export async function rebuildClosure(tx: Executor, unitIds: readonly number[]): Promise<void> {
  if (unitIds.length === 0) return;
  // A cycle in the versions would make the recursion below endless, and a query that never ends
  // blocks every connection of the embedded database: the depth cap turns it into an error instead.
  const ids = toIntArray(unitIds);
  await tx.execute(sql`DELETE FROM unit_closure WHERE descendant_id = ANY(${ids})`);
  await tx.execute(sql`
    INSERT INTO unit_closure (ancestor_id, descendant_id, depth, valid_from, valid_to)
    WITH RECURSIVE up (ancestor_id, descendant_id, depth, valid_from, valid_to, parent_id) AS (
      SELECT v.unit_id, v.unit_id, 0, v.valid_from, COALESCE(v.valid_to, 'infinity'::date), v.parent_id
      FROM unit_versions v WHERE v.unit_id = ANY(${ids})
      UNION ALL
      SELECT p.unit_id, up.descendant_id, up.depth + 1, GREATEST(up.valid_from, p.valid_from),
             LEAST(up.valid_to, COALESCE(p.valid_to, 'infinity'::date)), p.parent_id
      FROM up JOIN unit_versions p ON p.unit_id = up.parent_id
        AND p.valid_from < up.valid_to AND COALESCE(p.valid_to, 'infinity'::date) > up.valid_from
      WHERE up.depth < ${MAX_DEPTH}
    ),
    marked AS (
      SELECT ancestor_id, descendant_id, depth, valid_from, valid_to,
        CASE WHEN valid_from = LAG(valid_to) OVER w THEN 0 ELSE 1 END AS is_start
      FROM up WINDOW w AS (PARTITION BY ancestor_id, descendant_id, depth ORDER BY valid_from)
    ),
    grouped AS (
      SELECT *, SUM(is_start) OVER (PARTITION BY ancestor_id, descendant_id, depth ORDER BY valid_from) AS grp
      FROM marked
    )
    SELECT ancestor_id, descendant_id, depth, MIN(valid_from), NULLIF(MAX(valid_to), 'infinity'::date)
    FROM grouped GROUP BY ancestor_id, descendant_id, depth, grp`);
  const tooDeep = await tx.execute(sql`
    SELECT 1 FROM unit_closure WHERE descendant_id = ANY(${ids}) AND depth >= ${MAX_DEPTH} LIMIT 1`);
  if (tooDeep.rows.length > 0)
    throw new Error("unit_versions contain a cycle (or a tree deeper than MAX_DEPTH)");
}

/** A SQL predicate "column is a unit inside the scope on date d", for other modules' queries. */
export function scopePredicate(
  column: ReturnType<typeof sql.identifier> | ReturnType<typeof sql.raw>,
  scope: Scope,
  d: string,
) {
  if (scope === "all") return sql`TRUE`;
  return sql`${column} IN (SELECT c.descendant_id FROM unit_closure c
    WHERE c.ancestor_id = ANY(${toIntArray(scope)}) AND ${holds("c", assertDate(d))})`;
}

// node-postgres sends JS arrays as PostgreSQL array literals; the casts make their element types explicit.
function toIntArray(values: readonly (number | null)[]) {
  return sql`${`{${values.map((v) => (v === null ? "NULL" : String(Math.trunc(v)))).join(",")}}`}::int[]`;
}

function toTextArray(values: readonly (string | null)[]) {
  const items = values.map((v) =>
    v === null ? "NULL" : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`,
  );
  return sql`${`{${items.join(",")}}`}::text[]`;
}

/** Every code any unit holds or held (proposals avoid all of them, not only those of today). */
export async function allUnitCodes(tx: Executor): Promise<string[]> {
  const result = await tx.execute<{ code: string }>(
    sql`SELECT DISTINCT code FROM units WHERE code IS NOT NULL`,
  );
  return result.rows.map((r) => r.code);
}

/** The codes of the given units, by id (null for a unit without one). */
export async function codesOf(tx: Executor, ids: readonly number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const result = await tx.execute<{ id: number; code: string | null }>(
    sql`SELECT id, code FROM units WHERE id = ANY(${toIntArray(ids)})`,
  );
  return new Map(result.rows.map((r) => [Number(r.id), r.code]));
}

export async function setUnitCode(tx: Executor, id: number, code: string): Promise<void> {
  await tx.execute(sql`UPDATE units SET code = ${code} WHERE id = ${id}`);
}

/** Units that hold or held one of the codes, with their periods (codes are reused after mergers). */
export async function unitsByCodes(tx: Executor, codes: readonly string[]): Promise<UnitRow[]> {
  if (codes.length === 0) return [];
  const result = await tx.execute<UnitRow>(sql`
    SELECT u.id, NULL::int AS "parentId", '' AS name, u.code, u.kind, u.bloc, u.place_id AS "placeId",
           u.valid_from AS "validFrom", u.valid_to AS "validTo"
    FROM units u WHERE u.code = ANY(${toTextArray([...codes])})`);
  return result.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Lineage links with a predecessor or a successor among the units, with both codes. */
export async function linksAmong(
  tx: Executor,
  ids: readonly number[],
): Promise<
  {
    predecessorId: number;
    successorId: number;
    predecessorCode: string | null;
    successorCode: string | null;
    kind: LineageKind;
    effectiveDate: string;
  }[]
> {
  if (ids.length === 0) return [];
  const result = await tx.execute<{
    predecessorId: number;
    successorId: number;
    predecessorCode: string | null;
    successorCode: string | null;
    kind: LineageKind;
    effectiveDate: string;
  }>(sql`
    SELECT l.predecessor_id AS "predecessorId", l.successor_id AS "successorId", p.code AS "predecessorCode",
           s.code AS "successorCode", l.kind, l.effective_date AS "effectiveDate"
    FROM unit_links l JOIN units p ON p.id = l.predecessor_id JOIN units s ON s.id = l.successor_id
    WHERE l.predecessor_id = ANY(${toIntArray(ids)}) OR l.successor_id = ANY(${toIntArray(ids)})
    ORDER BY l.effective_date, p.code, s.code`);
  return result.rows.map((r) => ({
    ...r,
    predecessorId: Number(r.predecessorId),
    successorId: Number(r.successorId),
  }));
}

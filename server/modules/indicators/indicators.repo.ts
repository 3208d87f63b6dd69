import { type SQL, sql } from "drizzle-orm";
import {
  ConditionSpecSchema,
  type IndicatorDefinition,
  type IndicatorVersionInput,
  PopulationSpecSchema,
} from "../../../common/contracts/indicators.ts";
import type { ManagementTier } from "../../../common/enums/cadres.ts";
import type { Executor } from "../../db/client.ts";
import { holds, isoDate } from "../cadres/index.ts";
import { childCte, conditionSql, populationSql, subtreeCte } from "./indicators.compile.ts";

type VersionRow = {
  id: number;
  code: string;
  effectiveFrom: string;
  name: string;
  nameEn: string;
  description: string | null;
  population: unknown;
  condition: unknown;
  target: string | null;
  direction: ">=" | "<=" | null;
  display: "percent" | "count";
  sortOrder: number;
  active: boolean;
  createdBy: string;
};

const VERSION_COLUMNS = sql`id, code, effective_from AS "effectiveFrom", name, name_en AS "nameEn", description,
  population, condition, target, direction, display, sort_order AS "sortOrder", active, created_by AS "createdBy"`;

function toDefinition(r: VersionRow): IndicatorDefinition {
  return {
    ...r,
    // The rows were validated when written; parsing again keeps a hand-edited row from reaching SQL.
    population: PopulationSpecSchema.parse(r.population),
    condition: ConditionSpecSchema.parse(r.condition),
    target: r.target === null ? null : Number(r.target),
  };
}

/** The versions in effect on d, active ones, in catalogue order. */
export async function catalogueAt(tx: Executor, d: string): Promise<IndicatorDefinition[]> {
  const result = await tx.execute<VersionRow>(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (code) ${VERSION_COLUMNS} FROM indicator_versions
      WHERE effective_from <= ${isoDate(d)}::date ORDER BY code, effective_from DESC) v
    WHERE v.active ORDER BY v."sortOrder", v.code`);
  return result.rows.map(toDefinition);
}

export async function versionsOf(tx: Executor, code: string): Promise<IndicatorDefinition[]> {
  const result = await tx.execute<VersionRow>(sql`
    SELECT ${VERSION_COLUMNS} FROM indicator_versions WHERE code = ${code} ORDER BY effective_from`);
  return result.rows.map(toDefinition);
}

export async function insertVersion(
  tx: Executor,
  code: string,
  v: Omit<IndicatorVersionInput, "reason">,
  createdBy: string,
): Promise<IndicatorDefinition | undefined> {
  const result = await tx.execute<VersionRow>(sql`
    INSERT INTO indicator_versions (code, effective_from, name, name_en, description, population, condition,
      target, direction, display, sort_order, active, created_by)
    VALUES (${code}, ${isoDate(v.effectiveFrom)}::date, ${v.name}, ${v.nameEn}, ${v.description ?? null},
      ${JSON.stringify(v.population)}::jsonb, ${JSON.stringify(v.condition)}::jsonb, ${v.target},
      ${v.direction}, ${v.display}, ${v.sortOrder}, ${v.active}, ${createdBy})
    ON CONFLICT (code, effective_from) DO NOTHING
    RETURNING ${VERSION_COLUMNS}`);
  const row = result.rows[0];
  return row ? toDefinition(row) : undefined;
}

/** Whether a code list holds the code (qualification levels named by conditions). */
export async function codeExists(tx: Executor, list: string, code: string): Promise<boolean> {
  const result = await tx.execute(sql`SELECT 1 FROM code_lists WHERE list = ${list} AND code = ${code}`);
  return result.rows.length > 0;
}

export async function existingTitleCodes(tx: Executor, codes: readonly string[]): Promise<Set<string>> {
  const result = await tx.execute<{ code: string }>(sql`
    SELECT code FROM titles WHERE code = ANY(${`{${codes.map((c) => `"${c.replace(/["\\]/g, "")}"`).join(",")}}`}::text[])`);
  return new Set(result.rows.map((r) => r.code));
}

export type UnitInfo = { id: number; name: string; code: string | null; kind: string };

/** A unit with its name on d (or the nearest version when it does not exist on d). */
export async function unitInfo(tx: Executor, unitId: number, d: string): Promise<UnitInfo | undefined> {
  const result = await tx.execute<UnitInfo>(sql`
    SELECT u.id, v.name, u.code, u.kind FROM units u
    JOIN LATERAL (SELECT v.name FROM unit_versions v WHERE v.unit_id = u.id
      ORDER BY ${holds("v", d)} DESC, v.valid_from DESC LIMIT 1) v ON TRUE
    WHERE u.id = ${unitId}`);
  return result.rows[0];
}

/** The top of the tree on d: the first unit without a parent (by id). */
export async function topUnitAt(tx: Executor, d: string): Promise<number | undefined> {
  const result = await tx.execute<{ id: number }>(sql`
    SELECT v.unit_id AS id FROM unit_versions v WHERE v.parent_id IS NULL AND ${holds("v", d)}
    ORDER BY v.unit_id LIMIT 1`);
  return result.rows[0]?.id;
}

/** The children of root on d (the keys of the by-unit breakdown), with names, codes and kinds. */
export async function childrenAt(tx: Executor, rootId: number, d: string): Promise<UnitInfo[]> {
  const result = await tx.execute<UnitInfo>(sql`
    SELECT u.id, v.name, u.code, u.kind FROM unit_versions v JOIN units u ON u.id = v.unit_id
    WHERE v.parent_id = ${rootId} AND ${holds("v", d)}`);
  return result.rows;
}

export type Counts = { key: string; numerator: number; denominator: number };

/**
 * One (numerator, denominator) pair per indicator, for the subtree of root on d: one statement. Indicators
 * over the same population (I1 and I2, I3 and …) share one scan of it: each condition is a FILTER of the
 * same aggregate.
 */
export async function countAll(
  tx: Executor,
  defs: readonly IndicatorDefinition[],
  rootId: number,
  d: string,
): Promise<Counts[]> {
  if (defs.length === 0) return [];
  const groups = new Map<string, IndicatorDefinition[]>();
  for (const def of defs) {
    const key = JSON.stringify(def.population, Object.keys(def.population).sort());
    groups.set(key, [...(groups.get(key) ?? []), def]);
  }
  const parts = [...groups.values()].map((group) => {
    const filters = group.map(
      (def, i) => sql`count(*) FILTER (WHERE ${conditionSql(def.condition, d)})::int AS ${sql.raw(`n${i}`)}`,
    );
    const values = group.map((def, i) => sql`(${def.code}::text, g.${sql.raw(`n${i}`)})`);
    return sql`SELECT v.key, g.denominator, v.numerator FROM (
        SELECT count(*)::int AS denominator, ${sql.join(filters, sql`, `)}
        FROM (${populationSql(group[0]!.population, d, rootId)}) r) g
      CROSS JOIN LATERAL (VALUES ${sql.join(values, sql`, `)}) v(key, numerator)`;
  });
  const result = await tx.execute<Counts>(sql`
    WITH ${subtreeCte(rootId, d)}
    ${sql.join(parts, sql` UNION ALL `)}`);
  return result.rows;
}

/** One indicator broken down by the child of root each person's unit lies under, or by tier. */
export async function countBy(
  tx: Executor,
  def: IndicatorDefinition,
  by: "unit" | "tier",
  rootId: number,
  d: string,
): Promise<Counts[]> {
  const cond = conditionSql(def.condition, d);
  const pop = populationSql(def.population, d, rootId);
  const result =
    by === "unit"
      ? await tx.execute<Counts>(sql`
        WITH ${subtreeCte(rootId, d)}, ${childCte(rootId, d)}
        SELECT k.child_id::text AS key, count(*)::int AS denominator,
          count(*) FILTER (WHERE ${cond})::int AS numerator
        FROM (${pop}) r JOIN kids k ON k.unit_id = r.unit_id
        GROUP BY k.child_id`)
      : await tx.execute<Counts>(sql`
        WITH ${subtreeCte(rootId, d)}
        SELECT coalesce(r.tier, 'none') AS key, count(*)::int AS denominator,
          count(*) FILTER (WHERE ${cond})::int AS numerator
        FROM (${pop}) r GROUP BY r.tier`);
  return result.rows;
}

/**
 * The people behind a figure, as a condition on `cadres p` for the cadre list (search.repo.ts): those of the
 * population (denominator) or those meeting the condition too (numerator), optionally of one tier.
 */
export function peopleCondition(
  def: IndicatorDefinition,
  side: "numerator" | "denominator",
  rootId: number,
  d: string,
  options: { tier?: ManagementTier | "none" | undefined; directOnly?: boolean | undefined } = {},
): SQL {
  const where: SQL[] = [];
  if (side === "numerator") where.push(conditionSql(def.condition, d));
  if (options.tier === "none") where.push(sql`r.tier IS NULL`);
  else if (options.tier) where.push(sql`r.tier = ${options.tier}`);
  if (options.directOnly) where.push(sql`r.unit_id = ${rootId}`);
  return sql`p.id IN (WITH ${subtreeCte(rootId, d)}
    SELECT r.cadre_id FROM (${populationSql(def.population, d, rootId)}) r
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``})`;
}

import { type SQL, sql } from "drizzle-orm";
import {
  type ConditionSpec,
  ConditionSpecSchema,
  type DrillSide,
  type IndicatorDefinition,
  type IndicatorVersionInput,
  type PopulationSpec,
  PopulationSpecSchema,
} from "../../../common/contracts/indicators.ts";
import type { ManagementTier } from "../../../common/enums/cadres.ts";
import { addMonthsClamped } from "../../../common/rules/age.ts";
import { latestBirthDateForAge } from "../../../common/rules/age-band.ts";
import { firstBirthNotRetiredOn, type RetirementSchedule } from "../../../common/rules/retirement.ts";
import type { Executor } from "../../db/client.ts";
import { holds, isoDate, pastRetirementSql, retirementCutoffsOn } from "../cadres/index.ts";
import {
  type At,
  childCte,
  conditionSql,
  populationSql,
  readsOrigins,
  subtreeCte,
  textArray,
  tiersPopulationAtDates,
  titlesPopulationAtDates,
  unknownSql,
  withOrigins,
} from "./indicators.compile.ts";

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
    SELECT code FROM titles WHERE code = ANY(${textArray(codes)})`);
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

/** unknown: people of the population left out of the denominator (unknown origin for a "local" test). */
export type Counts = { key: string; numerator: number; denominator: number; unknown: number };

/**
 * The aggregates of one definition over population rows `r`: the denominator without the people of unknown
 * origin, the numerator, and the people of unknown origin (0 for a condition without a "local" test).
 */
function aggregates(
  cond: ConditionSpec,
  d: string | At,
  member: SQL | null,
): {
  denominator: SQL;
  numerator: SQL;
  unknown: SQL;
} {
  const unknown = unknownSql(cond);
  const and = (...tests: (SQL | null)[]) => {
    const present = tests.filter((t): t is SQL => t !== null);
    return present.length ? sql.join(present, sql` AND `) : null;
  };
  const count = (where: SQL | null) =>
    where ? sql`count(*) FILTER (WHERE ${where})::int` : sql`count(*)::int`;
  return {
    denominator: count(and(member, unknown ? sql`NOT ${unknown}` : null)),
    numerator: count(and(member, conditionSql(cond, d))),
    unknown: unknown ? count(and(member, unknown)) : sql`0`,
  };
}

/**
 * The aggregate columns of a group of definitions over one population pass (d0, n0, u0, d1, …) and the
 * VALUES rows that turn them into one (key, denominator, numerator, unknown) row per definition (`g`).
 */
function figureColumns(
  group: readonly IndicatorDefinition[],
  union: PopulationSpec,
  at: string | At,
  membershipDate: string,
): { columns: SQL[]; values: SQL[] } {
  const columns = group.flatMap((def, i) => {
    const a = aggregates(def.condition, at, membership(def.population, union, membershipDate));
    return [
      sql`${a.denominator} AS ${sql.raw(`d${i}`)}`,
      sql`${a.numerator} AS ${sql.raw(`n${i}`)}`,
      sql`${a.unknown} AS ${sql.raw(`u${i}`)}`,
    ];
  });
  const values = group.map(
    (def, i) => sql`(${def.code}::text, g.${sql.raw(`d${i}`)}, g.${sql.raw(`n${i}`)}, g.${sql.raw(`u${i}`)})`,
  );
  return { columns, values };
}

/** A figure of countAll: the whole subtree's (child null) or, with byChild, one child unit's (child its id). */
export type ChildCounts = Counts & { child: string | null };

/**
 * One (numerator, denominator) pair per indicator, for the subtree of root on d: one statement. The
 * populations are read once per way of finding them — one pass over the union of the tiers named, one
 * over the holders of the union of the titles named, one over all main posts if needed — and each
 * definition's own population and condition are FILTERs of the same aggregate. With `byChild`, the same
 * statement also breaks each figure down by the child of root each person's unit lies under (root itself
 * for its own people): the cards and the analysis read their figures from the same rows.
 */
export async function countAll(
  tx: Executor,
  defs: readonly IndicatorDefinition[],
  rootId: number,
  d: string,
  schedules: readonly RetirementSchedule[],
): Promise<Counts[]> {
  return (await countAllBy(tx, defs, rootId, d, false, schedules)).map(({ child: _, ...c }) => c);
}

/** countAll, with the figures of each child unit of root as well (rows with `child` set) when byChild. */
export async function countAllBy(
  tx: Executor,
  defs: readonly IndicatorDefinition[],
  rootId: number,
  d: string,
  byChild: boolean,
  schedules: readonly RetirementSchedule[],
): Promise<ChildCounts[]> {
  if (defs.length === 0) return [];
  const groups = new Map<string, IndicatorDefinition[]>();
  for (const def of defs) {
    const key = def.population.tiers ? "tiers" : def.population.titleCodes ? "titles" : "all";
    groups.set(key, [...(groups.get(key) ?? []), def]);
  }
  const parts = [...groups.entries()].map(([kind, group]) => {
    const union: PopulationSpec =
      kind === "tiers"
        ? { tiers: unique(group.flatMap((g) => g.population.tiers ?? [])) as ManagementTier[] }
        : kind === "titles"
          ? { titleCodes: unique(group.flatMap((g) => g.population.titleCodes ?? [])) }
          : {};
    const { columns, values } = figureColumns(group, union, d, d);
    const rows = population(union, group, d, rootId, schedules);
    // Every unit of the subtree lies under exactly one child of root on d (or is root): the children's
    // rows add up to the total row, which is the figure without the breakdown.
    const from = byChild
      ? sql`(${rows}) r JOIN kids k ON k.unit_id = r.unit_id GROUP BY GROUPING SETS ((), (k.child_id))`
      : sql`(${rows}) r`;
    return sql`SELECT v.key, g.child, v.denominator, v.numerator, v.unknown FROM (
        SELECT ${byChild ? sql`k.child_id::text` : sql`NULL::text`} AS child, ${sql.join(columns, sql`, `)}
        FROM ${from}) g
      CROSS JOIN LATERAL (VALUES ${sql.join(values, sql`, `)}) v(key, denominator, numerator, unknown)`;
  });
  const result = await tx.execute<ChildCounts>(sql`
    WITH ${subtreeCte(rootId, d)}${byChild ? sql`, ${childCte(rootId, d)}` : sql``}
    ${sql.join(parts, sql` UNION ALL `)}`);
  return result.rows;
}

/**
 * Whether a definition's figures on many dates come from countAtDates' one pass: a population named by tiers
 * or by titles, not both.
 */
export function computedAtDates(def: IndicatorDefinition): boolean {
  return !def.population.tiers !== !def.population.titleCodes;
}

/**
 * countAll on every date of `dates` at once, for definitions computedAtDates (the same on every date): one
 * statement, a pass over the union of the tiers named and one over the holders of the union of the titles
 * named, each over all the dates (tiersPopulationAtDates, titlesPopulationAtDates), grouped by date. The dates
 * the rules derive from each date (the young cut-offs, the training windows) are columns of the dates.
 */
export async function countAtDates(
  tx: Executor,
  defs: readonly IndicatorDefinition[],
  rootId: number,
  dates: readonly string[],
  schedules: readonly RetirementSchedule[],
): Promise<Map<string, Counts[]>> {
  const byDate = new Map<string, Counts[]>(dates.map((d) => [d, []]));
  if (defs.length === 0 || dates.length === 0) return byDate;
  const sorted = [...dates].sort();
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const ages = new Set<number>();
  const months = new Set<number>();
  const dated = (qualification?: At["qualification"]): At => ({
    d: sql`r.d`,
    cut: (age) => {
      ages.add(age);
      return sql.raw(`r.c${Math.trunc(age)}`);
    },
    before: (n) => {
      months.add(n);
      return sql.raw(`r.b${Math.trunc(n)}`);
    },
    ...(qualification ? { qualification } : {}),
  });
  const part = (group: IndicatorDefinition[], union: PopulationSpec, at: At, rows: () => SQL) => {
    const { columns, values } = figureColumns(group, union, at, first);
    return sql`SELECT g.d::text AS d, v.key, v.denominator, v.numerator, v.unknown FROM (
        SELECT r.d, ${sql.join(columns, sql`, `)} FROM (${rows()}) r GROUP BY r.d) g
      CROSS JOIN LATERAL (VALUES ${sql.join(values, sql`, `)}) v(key, denominator, numerator, unknown)`;
  };
  const parts: SQL[] = [];
  const tiered = defs.filter((def) => def.population.tiers);
  if (tiered.length) {
    const union: PopulationSpec = {
      tiers: unique(tiered.flatMap((g) => g.population.tiers ?? [])) as ManagementTier[],
    };
    // The qualifications asked, read as each person's first date of holding one at the level asked.
    const qualifications: { category: string; atLeast: string }[] = [];
    const at = dated((leaf) => {
      let i = qualifications.findIndex((q) => q.category === leaf.category && q.atLeast === leaf.atLeast);
      if (i < 0) i = qualifications.push({ category: leaf.category, atLeast: leaf.atLeast }) - 1;
      return sql`coalesce(${sql.raw(`r.q${i}`)} <= r.d, FALSE)`;
    });
    parts.push(
      part(tiered, union, at, () =>
        tiersPopulationAtDates(union.tiers!, rootId, first, last, qualifications, schedules),
      ),
    );
  }
  const titled = defs.filter((def) => def.population.titleCodes);
  if (titled.length) {
    const union: PopulationSpec = {
      titleCodes: unique(titled.flatMap((g) => g.population.titleCodes ?? [])),
    };
    const origins = titled.some((def) => readsOrigins(def.condition));
    parts.push(
      part(titled, union, dated(), () =>
        titlesPopulationAtDates(union.titleCodes!, rootId, first, last, origins, schedules),
      ),
    );
  }
  const derived = [...ages].map((n) => ({ name: `c${n}`, of: (d: string) => latestBirthDateForAge(d, n) }));
  derived.push(...[...months].map((n) => ({ name: `b${n}`, of: (d: string) => addMonthsClamped(d, -n) })));
  // The statutory retirement cut-offs of each date (compile's DATE_CUTOFFS): born before them, past it.
  derived.push(
    { name: "rm", of: (d: string) => firstBirthNotRetiredOn("male", schedules, d) },
    { name: "rf", of: (d: string) => firstBirthNotRetiredOn("female", schedules, d) },
  );
  const rows = sorted.map(
    (d) => sql`(${sql.join([sql`${d}::date`, ...derived.map((x) => sql`${x.of(d)}::date`)], sql`, `)})`,
  );
  const names = ["d", ...derived.map((x) => x.name)].join(", ");
  const result = await tx.execute<Counts & { d: string }>(sql`
    WITH dates(${sql.raw(names)}) AS MATERIALIZED (VALUES ${sql.join(rows, sql`, `)})
    ${sql.join(parts, sql` UNION ALL `)}`);
  for (const { d, ...c } of result.rows) byDate.get(d)?.push(c);
  return byDate;
}

/** The population's rows, with what the "local" rule reads when one of the definitions has such a test. */
function population(
  pop: PopulationSpec,
  defs: readonly IndicatorDefinition[],
  d: string,
  rootId: number,
  schedules: readonly RetirementSchedule[],
): SQL {
  const rows = populationSql(pop, d, rootId, schedules);
  return defs.some((def) => readsOrigins(def.condition)) ? withOrigins(rows, d) : rows;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * Whether a row of the union population belongs to one definition's population: its tiers (when the
 * union has more), leaders only, its titles (when the union has more), its staff types. Null: all do.
 */
function membership(pop: PopulationSpec, union: PopulationSpec, d: string): SQL | null {
  const tests: SQL[] = [];
  if (pop.tiers && pop.tiers.length !== union.tiers?.length)
    tests.push(sql`r.tier = ANY(${textArray(pop.tiers)})`);
  if (pop.leadersOnly) tests.push(sql`r.is_leadership`);
  if (pop.staffTypes) tests.push(sql`r.staff_type = ANY(${textArray(pop.staffTypes)})`);
  if (pop.titleCodes && pop.tiers) {
    tests.push(sql`EXISTS (SELECT 1 FROM cadre_assignments x JOIN titles xt ON xt.id = x.title_id
      WHERE x.cadre_id = r.cadre_id AND xt.code = ANY(${textArray(pop.titleCodes)}) AND ${holds("x", d)})`);
  } else if (pop.titleCodes && pop.titleCodes.length !== union.titleCodes?.length) {
    // The title-driven pass carries the titles each person holds.
    tests.push(sql`r.held && ${textArray(pop.titleCodes)}`);
  }
  return tests.length ? sql.join(tests, sql` AND `) : null;
}

/** One indicator broken down by the child of root each person's unit lies under, or by tier. */
export async function countBy(
  tx: Executor,
  def: IndicatorDefinition,
  by: "unit" | "tier",
  rootId: number,
  d: string,
  schedules: readonly RetirementSchedule[],
): Promise<Counts[]> {
  const a = aggregates(def.condition, d, null);
  const figures = sql`${a.denominator} AS denominator, ${a.numerator} AS numerator, ${a.unknown} AS unknown`;
  const pop = population(def.population, [def], d, rootId, schedules);
  const sub = subtreeCte(rootId, d);
  const result =
    by === "unit"
      ? await tx.execute<Counts>(sql`
        WITH ${sub}, ${childCte(rootId, d)}
        SELECT k.child_id::text AS key, ${figures}
        FROM (${pop}) r JOIN kids k ON k.unit_id = r.unit_id
        GROUP BY k.child_id`)
      : await tx.execute<Counts>(sql`
        WITH ${sub}
        SELECT coalesce(r.tier, 'none') AS key, ${figures}
        FROM (${pop}) r GROUP BY r.tier`);
  return result.rows;
}

/**
 * The people behind a figure, as a condition on `cadres p` for the cadre list (search.repo.ts): those of the
 * population (denominator, without the people of unknown origin), those meeting the condition too
 * (numerator), or the people of unknown origin left out (unknown), optionally of one tier.
 */
export function peopleCondition(
  def: IndicatorDefinition,
  side: DrillSide,
  rootId: number,
  d: string,
  schedules: readonly RetirementSchedule[],
  options: { tier?: ManagementTier | "none" | undefined; directOnly?: boolean | undefined } = {},
): SQL {
  const where: SQL[] = [];
  const unknown = unknownSql(def.condition);
  if (side === "numerator") where.push(conditionSql(def.condition, d));
  else if (side === "unknown") where.push(unknown ?? sql`FALSE`);
  else if (unknown) where.push(sql`NOT ${unknown}`);
  if (options.tier === "none") where.push(sql`r.tier IS NULL`);
  else if (options.tier) where.push(sql`r.tier = ${options.tier}`);
  if (options.directOnly) where.push(sql`r.unit_id = ${rootId}`);
  // An array computed once (an init plan), not an IN the planner turns into a semi-join walking the whole
  // name index: the page query then probes ids (bench: page 208 → 30 ms on PostgreSQL for hanoi).
  return sql`p.id = ANY(ARRAY(WITH ${subtreeCte(rootId, d)}
    SELECT r.cadre_id FROM (${population(def.population, [def], d, rootId, schedules)}) r
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}))`;
}

/**
 * How many people with a main post in the subtree on d are past their retirement date with no end of service
 * recorded: the figures leave them out (compile's servingSql) and the dashboard says how many.
 */
export async function pastRetirementCount(
  tx: Executor,
  rootId: number,
  d: string,
  schedules: readonly RetirementSchedule[],
): Promise<number> {
  const result = await tx.execute<{ n: number }>(sql`
    SELECT count(DISTINCT p.id)::int AS n FROM cadre_assignments a JOIN cadres p ON p.id = a.cadre_id
    WHERE a.is_main AND ${holds("a", d)} AND p.left_on IS NULL
      AND a.unit_id IN (SELECT s.descendant_id FROM unit_closure s WHERE s.ancestor_id = ${rootId} AND ${holds("s", d)})
      AND ${pastRetirementSql(
        schedules,
        {
          id: sql`p.id`,
          sex: sql`p.sex`,
          birth: sql`p.birth_date`,
          hasOverride: sql`p.id IN (SELECT o.cadre_id FROM cadre_retirement_overrides o)`,
        },
        sql`${isoDate(d)}::date`,
        retirementCutoffsOn(schedules, d),
      )}`);
  return result.rows[0]?.n ?? 0;
}

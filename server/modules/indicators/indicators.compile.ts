import { type SQL, sql } from "drizzle-orm";
import type { ConditionSpec, LeafCondition, PopulationSpec } from "../../../common/contracts/indicators.ts";
import { isByTier, LEGACY_YOUNG_LEVELS, YOUNG_TIERS } from "../../../common/contracts/indicators.ts";
import { addMonthsClamped } from "../../../common/rules/age.ts";
import { latestBirthDateForAge } from "../../../common/rules/age-band.ts";
import type { RetirementSchedule } from "../../../common/rules/retirement.ts";
import {
  holds,
  isoDate,
  pastRetirementSql,
  type RetirementCutoffs,
  type RetirementFacts,
  retirementCutoffsOn,
  retirementFactsSql,
} from "../cadres/index.ts";
import { originPlaceSql, originRelationSql, territoryOfUnitSql } from "../places/index.ts";
import { titleVersionHolds } from "../posts/index.ts";

/**
 * Compiles catalogue definitions (population + condition, common/contracts/indicators.ts) to SQL.
 *
 * A population is a set of rows `r` with one row per person:
 *   r.cadre_id, r.unit_id (main post on D), r.title_level, r.is_leadership, r.is_key (of the main post's
 *   title), r.tier (on D),
 *   r.sex, r.birth_date, r.home_town_place_id, r.birthplace_place_id (places: common/rules/local.ts)
 * drawn from the dated histories valid on D — serving people whose main post on D lies in the subtree
 * `sub(unit_id)` (a CTE the caller provides). The condition is a boolean expression over `r`. Counting
 * is then `count(*)` and `count(*) FILTER (WHERE condition)`: everything is one SQL aggregate, nothing is
 * computed per row in JavaScript (DESIGN §8).
 */

/** SQL text for a text[] literal of known-safe identifiers (codes validated by the contracts). */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, "")}"`).join(",")}}`}::text[]`;
}

/**
 * The population's rows on date d in the subtree of root. Drives from the most selective dated table, in a
 * shape the planner cannot reorder: the tier rows when tiers are named (index cadre_tiers_tier_idx), else
 * the holders of the titles when titles are named (index cadre_assignments_title_idx); each person's main
 * post on d is then one LATERAL lookup by cadre (primary key) and the subtree test one probe of the dated
 * closure (primary key). Only a population named by neither drives from the main posts of the subtree
 * (the CTE `sub`, index cadre_assignments_main_unit_idx). The planner badly underestimates how many units
 * a subtree holds (a city has thousands, most units a handful), so leaving it the choice made it scan
 * every main post of the city to find a few thousand tier rows.
 */
export function populationSql(
  pop: PopulationSpec,
  d: string,
  rootId: number,
  schedules: readonly RetirementSchedule[],
): SQL {
  isoDate(d);
  const mainOf = (cadre: SQL) => sql`LATERAL (SELECT a.unit_id, a.title_id FROM cadre_assignments a
    WHERE a.cadre_id = ${cadre} AND a.is_main AND ${holds("a", d)} ORDER BY a.valid_from DESC LIMIT 1) a`;
  const inSubtree = sql`EXISTS (SELECT 1 FROM unit_closure c
    WHERE c.ancestor_id = ${rootId} AND c.descendant_id = a.unit_id AND ${holds("c", d)})`;
  // Title ids first (an init plan), so that the holders are found through cadre_assignments_title_idx.
  const titleIds = (codes: readonly string[]) =>
    sql`ARRAY(SELECT xt.id FROM titles xt WHERE xt.code = ANY(${textArray(codes)}))`;
  const holdsTitles = (codes: readonly string[]) => sql`EXISTS (SELECT 1 FROM cadre_assignments x
    WHERE x.cadre_id = t.cadre_id AND x.title_id = ANY(${titleIds(codes)}) AND ${holds("x", d)})`;

  // The people with their main post on d (unit, title) in the subtree. OFFSET 0 (here and in the LATERAL
  // below) keeps the planner from flattening the subqueries: its row estimates for these dated lookups are
  // far off (a title's holders on a date, a city's subtree), and left free it hash-joins whole tables to
  // find thirty people. Probes by primary key cost microseconds per person whatever the population.
  let inner: SQL;
  let tier: SQL;
  if (pop.tiers) {
    inner = sql`SELECT t.cadre_id, t.tier, a.unit_id, a.title_id, NULL::text[] AS held
      FROM (SELECT t.cadre_id, t.tier FROM cadre_tiers t
        WHERE t.tier = ANY(${textArray(pop.tiers)}) AND ${holds("t", d)}) t
      CROSS JOIN ${mainOf(sql`t.cadre_id`)}
      WHERE ${inSubtree}${pop.titleCodes ? sql` AND ${holdsTitles(pop.titleCodes)}` : sql``}
      OFFSET 0`;
    tier = sql`q.tier`;
  } else if (pop.titleCodes) {
    // held: which of the titles the person holds on d (definitions sharing this pass test it).
    inner = sql`SELECT x.cadre_id, a.unit_id, a.title_id, x.held
      FROM (SELECT x.cadre_id, array_agg(DISTINCT xt.code) AS held FROM titles xt
        CROSS JOIN LATERAL (SELECT x.cadre_id FROM cadre_assignments x
          WHERE x.title_id = xt.id AND ${holds("x", d)} OFFSET 0) x
        WHERE xt.code = ANY(${textArray(pop.titleCodes)}) GROUP BY x.cadre_id) x
      CROSS JOIN ${mainOf(sql`x.cadre_id`)}
      WHERE ${inSubtree}
      OFFSET 0`;
    tier = sql`NULL::text`;
  } else {
    return allPostsSql(pop, d, rootId, schedules);
  }
  if (!pop.tiers) {
    tier = sql`(SELECT t.tier FROM cadre_tiers t WHERE t.cadre_id = q.cadre_id AND ${holds("t", d)}
      ORDER BY t.valid_from DESC LIMIT 1)`;
  }
  const where: SQL[] = [
    servingSql(
      schedules,
      "p",
      factsOf("p", sql`q.cadre_id`),
      sql`${d}::date`,
      retirementCutoffsOn(schedules, d),
    ),
  ];
  if (pop.leadersOnly) where.push(sql`mt.is_leadership`);
  if (pop.staffTypes) where.push(sql`p.staff_type = ANY(${textArray(pop.staffTypes)})`);
  return sql`SELECT q.cadre_id, q.unit_id, mt.level AS title_level, mt.is_leadership, mt.is_key, q.held, ${tier} AS tier, p.sex,
      p.birth_date, p.staff_type, p.home_town_place_id, p.birthplace_place_id
    FROM (${inner}) q
    JOIN title_versions mt ON mt.title_id = q.title_id AND ${titleVersionHolds("mt", sql`${d}::date`)}
    CROSS JOIN LATERAL (SELECT p.sex, p.birth_date, ${originPlace("home_town")} AS home_town_place_id,
      ${originPlace("birthplace")} AS birthplace_place_id, p.left_on, p.staff_type,
      ${retirementFacts("p")} FROM cadres p WHERE p.id = q.cadre_id OFFSET 0) p
    WHERE ${sql.join(where, sql` AND `)}`;
}

/**
 * A population named by neither tiers nor titles: every main post on d in the subtree (the CTE `sub`), with
 * the same columns as above. Its size is the subtree's staff (a city: ≈ 200,000), so it is one pass of hash
 * joins — main posts, their titles' attributes, the people, their tiers on d — not a probe per person. The
 * histories refuse overlapping main posts and tiers (histories.checks.ts): one tier row at most holds on d.
 */
function allPostsSql(
  pop: PopulationSpec,
  d: string,
  rootId: number,
  schedules: readonly RetirementSchedule[],
): SQL {
  const where: SQL[] = [
    sql`a.is_main`,
    holds("a", d),
    // The closure itself rather than the CTE: the planner then knows how many posts a subtree holds.
    sql`a.unit_id IN (SELECT s.descendant_id FROM unit_closure s WHERE s.ancestor_id = ${rootId} AND ${holds("s", d)})`,
    servingSql(
      schedules,
      "p",
      {
        id: sql`p.id`,
        sex: sql`p.sex`,
        birth: sql`p.birth_date`,
        hasOverride: sql`p.id IN (SELECT o.cadre_id FROM cadre_retirement_overrides o)`,
      },
      sql`${d}::date`,
      retirementCutoffsOn(schedules, d),
    ),
  ];
  if (pop.leadersOnly) where.push(sql`mt.is_leadership`);
  if (pop.staffTypes) where.push(sql`p.staff_type = ANY(${textArray(pop.staffTypes)})`);
  return sql`SELECT a.cadre_id, a.unit_id, mt.level AS title_level, mt.is_leadership, mt.is_key,
      NULL::text[] AS held, t.tier, p.sex, p.birth_date, p.staff_type,
      ${originPlace("home_town")} AS home_town_place_id, ${originPlace("birthplace")} AS birthplace_place_id
    FROM cadre_assignments a
    JOIN title_versions mt ON mt.title_id = a.title_id AND ${titleVersionHolds("mt", sql`${d}::date`)}
    JOIN cadres p ON p.id = a.cadre_id
    LEFT JOIN cadre_tiers t ON t.cadre_id = a.cadre_id AND ${holds("t", d)}
    WHERE ${sql.join(where, sql` AND `)}`;
}

/**
 * Serving on d, as the figures count it: the records say so (no end of service, or one on d or later) and
 * the person is not past the retirement date with no end of service recorded — a record left open past
 * retirement is a data-quality problem, listed for correction, not a serving cadre (DOMAIN §2).
 */
function servingSql(
  schedules: readonly RetirementSchedule[],
  row: string,
  facts: RetirementFacts,
  d: SQL,
  cutoffs: RetirementCutoffs,
): SQL {
  const leftOn = sql.raw(`${row}.left_on`);
  const past = pastRetirementSql(schedules, facts, d, cutoffs);
  return sql`(${leftOn} >= ${d} OR (${leftOn} IS NULL AND NOT ${past}))`;
}

/** The statutory cut-offs as columns of the dates table (countAtDates adds them: rm, rf). */
export const DATE_CUTOFFS: RetirementCutoffs = { male: sql`dt.rm`, female: sql`dt.rf` };

/** The retirement facts of a person read from `cadres p` (retirementFactsSql), as columns. */
function retirementFacts(alias: string): SQL {
  return retirementFactsSql({ id: sql.raw(`${alias}.id`) });
}

/** Those columns, of the row with alias `row`, for pastRetirementSql. */
function factsOf(row: string, id: SQL): RetirementFacts {
  const r = (c: string) => sql.raw(`${row}.${c}`);
  return { id, sex: r("sex"), birth: r("birth_date"), hasOverride: r("has_retirement_override") };
}

function originPlace(origin: "home_town" | "birthplace"): SQL {
  return originPlaceSql(sql.raw(`p.${origin}_place_id`), sql.raw(`p.${origin}_unit_id`));
}

/** Whether the condition can be computed from the records canbo holds today. */
export function conditionAvailable(cond: ConditionSpec): boolean {
  const leaves = cond.kind === "all" ? cond.of : [cond];
  return leaves.every((l) => l.kind !== "evaluated");
}

/**
 * The date a condition is computed on, as SQL: a literal (one date), or the columns of a row of dates (the
 * series: every month end in one statement), the dates the rules derive from it computed beforehand.
 */
export type At = {
  /** The date. */
  d: SQL;
  /** The latest birth date of someone `age` years old on the date (common/rules/age-band.ts). */
  cut: (age: number) => SQL;
  /** The date `months` months before (common/rules/age.ts addMonthsClamped). */
  before: (months: number) => SQL;
  /** A qualification test read from the person's facts rather than looked up (see qualificationKey). */
  qualification?: (leaf: Extract<LeafCondition, { kind: "qualification" }>) => SQL;
};

/** One date as literals. */
export function atDate(d: string): At {
  isoDate(d);
  return {
    d: sql`${d}::date`,
    cut: (age) => sql`${latestBirthDateForAge(d, age)}::date`,
    before: (months) => sql`${addMonthsClamped(d, -months)}::date`,
  };
}

/** The condition as a boolean SQL expression over the population row `r` on date d. */
export function conditionSql(cond: ConditionSpec, d: string | At): SQL {
  const at = typeof d === "string" ? atDate(d) : d;
  if (cond.kind === "all")
    return sql`(${sql.join(
      cond.of.map((c) => leafSql(c, at)),
      sql` AND `,
    )})`;
  return leafSql(cond, at);
}

function leafSql(cond: LeafCondition, at: At): SQL {
  switch (cond.kind) {
    case "young": {
      // age < N on d ⇔ born after the latest birth date of someone N years old on d (29 Feb rule included);
      // age <= N ⇔ age < N + 1.
      const cut = (n: number) => at.cut(cond.operator === "<" ? n : n + 1);
      const th = cond.thresholds;
      if (isByTier(th)) {
        // By the person's management tier on d; no tier, no threshold: not young. One threshold for every
        // tier (the default) needs no test of which tier: a cheaper test per person of a city's staff.
        const ages = new Set(YOUNG_TIERS.map((tier) => th[tier]));
        if (ages.size === 1) return sql`(r.tier IS NOT NULL AND r.birth_date > ${cut(th[YOUNG_TIERS[0]])})`;
        const byTier = YOUNG_TIERS.map((tier) => sql`WHEN ${tier} THEN ${cut(th[tier])}`);
        return sql`coalesce(r.birth_date > CASE r.tier ${sql.join(byTier, sql` `)} END, FALSE)`;
      }
      // Versions written before: the central tier, then the level of the main post's title.
      const byLevel = LEGACY_YOUNG_LEVELS.filter((l) => l !== "central").map(
        (l) => sql`WHEN ${l} THEN ${cut(th[l])}`,
      );
      return sql`(r.birth_date > CASE WHEN r.tier = 'central' THEN ${cut(th.central)}
        ELSE CASE r.title_level ${sql.join(byLevel, sql` `)} END END)`;
    }
    case "sex":
      return sql`(r.sex = ${cond.sex})`;
    case "qualification":
      if (at.qualification) return at.qualification(cond);
      // The person's qualifications by key (a handful) then filtered: OFFSET 0 keeps the planner from
      // ANDing in the level index, which reads every holder of the level once per person. The levels at
      // least as high as the one asked are an array computed once (an init plan), not a join per person.
      return sql`EXISTS (SELECT 1 FROM (SELECT q.category, q.level_code, q.obtained_on FROM cadre_qualifications q
          WHERE q.cadre_id = r.cadre_id OFFSET 0) q
        WHERE q.category = ${cond.category} AND q.obtained_on <= ${at.d}
          AND q.level_code = ANY(${levelsAtLeast(cond.category, cond.atLeast)}))`;
    case "training":
      return sql`EXISTS (SELECT 1 FROM cadre_trainings tr
        WHERE tr.cadre_id = r.cadre_id AND tr.kind = ${cond.trainingKind}
          AND tr.completed_on > ${at.before(cond.withinMonths)} AND tr.completed_on <= ${at.d})`;
    case "not_local":
      return notLocalSql(cond.includeBirthplace);
    case "evaluated":
      // Evaluations are a later module: callers check conditionAvailable() and report "no data".
      return sql`FALSE`;
  }
}

/** The codes of a code list ranking at least as high as one of them (code_lists: one row per code). */
function levelsAtLeast(category: string, atLeast: string): SQL {
  return sql`ARRAY(SELECT cl.code FROM code_lists cl WHERE cl.list = ${category}
    AND cl.rank >= (SELECT m.rank FROM code_lists m WHERE m.list = ${category} AND m.code = ${atLeast}))`;
}

/**
 * The population with what the "local" rule reads, computed once per person (OFFSET 0 keeps the planner from
 * substituting the expressions into every test that names them): the territory the post leads — the place
 * linked to the unit of the main post or, failing that, to its nearest ancestor on d that has one (a
 * commune's Party committee leads the commune's place, a district's the district's) — and where the home
 * town and the birthplace lie relative to it: 'inside', 'overlap' or 'outside' (no row of place_containment,
 * which already matches places through the lineage of the lists); null when the origin is not recorded or
 * the post leads no known territory. Conditions with a "local" test are computed over these rows only.
 */
export function withOrigins(pop: SQL, d: string): SQL {
  const relation = (column: SQL) => originRelationSql(column, sql`r.territory_id`);
  return sql`SELECT r.*, ${relation(sql`r.home_town_place_id`)} AS home_relation,
      ${relation(sql`r.birthplace_place_id`)} AS birthplace_relation
    FROM (SELECT r.*, ${territoryOfUnitSql(sql`r.unit_id`, isoDate(d))} AS territory_id
      FROM (${pop}) r OFFSET 0) r
    OFFSET 0`;
}

/** Whether a condition has a "local" test (its population must then come through withOrigins). */
export function readsOrigins(cond: ConditionSpec): boolean {
  const leaves = cond.kind === "all" ? cond.of : [cond];
  return leaves.some((l) => l.kind === "not_local");
}

/**
 * The "local" rule (common/rules/local.ts isLocalByPlaces) over a row of withOrigins: 'local', 'not_local'
 * or 'unknown' (nothing the rule reads is recorded, or a recorded origin overlaps and none is inside).
 */
function localStateSql(includeBirthplace: boolean): SQL {
  const birth = includeBirthplace ? sql`r.birthplace_relation` : sql`NULL::text`;
  return sql`(CASE WHEN r.home_relation = 'inside' OR ${birth} = 'inside' THEN 'local'
      WHEN (r.home_relation IS NULL AND ${birth} IS NULL) OR r.home_relation = 'overlap' OR ${birth} = 'overlap'
        THEN 'unknown'
      ELSE 'not_local' END)`;
}

/** "Not local": every origin the rule reads is recorded and known to lie outside the post's territory. */
function notLocalSql(includeBirthplace: boolean): SQL {
  return sql`(${localStateSql(includeBirthplace)} = 'not_local')`;
}

/**
 * Rows of unknown origin for a condition with a "local" test: neither local nor not local, they are left
 * out of the denominator and counted beside the figure. Null when the condition has no such test.
 */
export function unknownSql(cond: ConditionSpec): SQL | null {
  const leaves = cond.kind === "all" ? cond.of : [cond];
  const tests = leaves.flatMap((l) =>
    l.kind === "not_local" ? [sql`${localStateSql(l.includeBirthplace)} = 'unknown'`] : [],
  );
  return tests.length ? sql`(${sql.join(tests, sql` OR `)})` : null;
}

/** The subtree CTE `sub(unit_id)`: units below root (itself included) on d. */
export function subtreeCte(rootId: number, d: string): SQL {
  return sql`sub AS MATERIALIZED (SELECT c.descendant_id AS unit_id FROM unit_closure c
    WHERE c.ancestor_id = ${rootId} AND ${holds("c", d)})`;
}

/**
 * The child CTE `kids(unit_id, child_id)`: for every unit of the subtree, the child of root it lies under
 * on d (root itself for units directly in it).
 */
export function childCte(rootId: number, d: string): SQL {
  return sql`kids AS MATERIALIZED (
    SELECT c.descendant_id AS unit_id, c.ancestor_id AS child_id FROM unit_closure c
    WHERE ${holds("c", d)} AND c.ancestor_id IN (SELECT k.descendant_id FROM unit_closure k
      WHERE k.ancestor_id = ${rootId} AND k.depth = 1 AND ${holds("k", d)})
    UNION ALL SELECT ${rootId}::int, ${rootId}::int)`;
}

/**
 * The tests of the at-dates populations: a dated row (alias `a`) overlaps the range [first, last]; a row's
 * period (columns `<a>_from`, `<a>_to`) holds on the date `dt.d` of the dates table.
 */
function rangeTests(first: string, last: string) {
  isoDate(first);
  isoDate(last);
  return {
    overlaps: (a: string) =>
      sql`${sql.raw(a)}.valid_from <= ${last}::date AND (${sql.raw(a)}.valid_to IS NULL OR ${sql.raw(a)}.valid_to > ${first}::date)`,
    at: (a: string) =>
      sql`${sql.raw(a)}_from <= dt.d AND (${sql.raw(a)}_to IS NULL OR ${sql.raw(a)}_to > dt.d)`,
  };
}

/**
 * A population named by tiers (no titles) on every date of `dates` (a CTE `dates(d, …)`, between `first` and
 * `last`) in one pass: the rows of populationSql on each date, with the date's columns (`r.d`, `r.c40`…).
 * Each person's dated rows — tiers, main posts and the subtree's closure row over the whole range, the person's
 * record, and `r.q0`, `r.q1`… the first date they held each qualification of `qualifications` — are read once,
 * by key, and matched to the dates in memory: a probe per person, not per person and date. The histories
 * refuse overlapping tiers and main posts (histories.checks.ts): the post holding on a date is the one
 * populationSql's LIMIT 1 finds.
 */
export function tiersPopulationAtDates(
  tiers: readonly string[],
  rootId: number,
  first: string,
  last: string,
  qualifications: readonly { category: string; atLeast: string }[],
  schedules: readonly RetirementSchedule[],
): SQL {
  const { overlaps, at } = rangeTests(first, last);
  // Each person's qualifications by key, grouped by person; the levels asked for are arrays computed once.
  const firstHeld = qualifications.map(
    (q, i) => sql`min(q.obtained_on) FILTER (WHERE q.category = ${q.category}
      AND q.level_code = ANY(${levelsAtLeast(q.category, q.atLeast)})) AS ${sql.raw(`q${i}`)}`,
  );
  const facts = qualifications.length
    ? sql`LEFT JOIN (SELECT pp.cadre_id, ${sql.join(firstHeld, sql`, `)}
        FROM (SELECT DISTINCT t.cadre_id FROM cadre_tiers t WHERE t.tier = ANY(${textArray(tiers)}) AND ${overlaps("t")}) pp
        CROSS JOIN LATERAL (SELECT q.category, q.level_code, q.obtained_on FROM cadre_qualifications q
          WHERE q.cadre_id = pp.cadre_id OFFSET 0) q
        GROUP BY pp.cadre_id) q ON q.cadre_id = pp.cadre_id`
    : sql``;
  const factColumns = qualifications.map((_, i) => sql`, w.${sql.raw(`q${i}`)}`);
  return sql`SELECT dt.*, tp.cadre_id, po.unit_id, mt.level AS title_level, mt.is_leadership, mt.is_key,
      NULL::text[] AS held, tp.tier, w.sex, w.birth_date, w.staff_type, w.home_town_place_id,
      w.birthplace_place_id${sql.join(factColumns, sql``)}
    FROM (SELECT t.cadre_id, t.tier, t.valid_from AS t_from, t.valid_to AS t_to FROM cadre_tiers t
      WHERE t.tier = ANY(${textArray(tiers)}) AND ${overlaps("t")}) tp
    JOIN dates dt ON ${at("tp.t")}
    JOIN (SELECT pp.cadre_id, a.unit_id, a.title_id, a.valid_from AS a_from, a.valid_to AS a_to,
        c.valid_from AS c_from, c.valid_to AS c_to
      FROM (SELECT DISTINCT t.cadre_id FROM cadre_tiers t WHERE t.tier = ANY(${textArray(tiers)}) AND ${overlaps("t")}) pp
      CROSS JOIN LATERAL (SELECT a.unit_id, a.title_id, a.valid_from, a.valid_to FROM cadre_assignments a
        WHERE a.cadre_id = pp.cadre_id AND a.is_main AND ${overlaps("a")} OFFSET 0) a
      CROSS JOIN LATERAL (SELECT c.valid_from, c.valid_to FROM unit_closure c
        WHERE c.ancestor_id = ${rootId} AND c.descendant_id = a.unit_id AND ${overlaps("c")} OFFSET 0) c
      OFFSET 0) po ON po.cadre_id = tp.cadre_id AND ${at("po.a")} AND ${at("po.c")}
    JOIN title_versions mt ON mt.title_id = po.title_id AND ${titleVersionHolds("mt", sql`dt.d`)}
    JOIN (SELECT pp.cadre_id, p.sex, p.birth_date, p.left_on, p.staff_type, p.home_town_place_id,
        p.birthplace_place_id, p.has_retirement_override${sql.join(
          qualifications.map((_, i) => sql`, q.${sql.raw(`q${i}`)}`),
          sql``,
        )}
      FROM (SELECT DISTINCT t.cadre_id FROM cadre_tiers t WHERE t.tier = ANY(${textArray(tiers)}) AND ${overlaps("t")}) pp
      CROSS JOIN LATERAL (SELECT p.sex, p.birth_date, ${originPlace("home_town")} AS home_town_place_id,
        ${originPlace("birthplace")} AS birthplace_place_id, p.left_on, p.staff_type, ${retirementFacts("p")}
        FROM cadres p WHERE p.id = pp.cadre_id OFFSET 0) p
      ${facts}
      OFFSET 0) w ON w.cadre_id = tp.cadre_id AND ${servingSql(schedules, "w", factsOf("w", sql`w.cadre_id`), sql`dt.d`, DATE_CUTOFFS)}`;
}

/**
 * A population named by titles (no tiers) on every date of `dates` in one pass, as tiersPopulationAtDates:
 * the holders of the titles over the whole range read once per title, each holder's main posts, subtree row
 * and record once, matched to the dates in memory; `r.held` the titles held on each date. With `origins`,
 * the columns withOrigins adds: the territory a post leads and where the origins lie relative to it are
 * computed once per post when no closure row of its unit begins or ends within the range (the territory is
 * then the same on every date), else on each date.
 */
export function titlesPopulationAtDates(
  titleCodes: readonly string[],
  rootId: number,
  first: string,
  last: string,
  origins: boolean,
  schedules: readonly RetirementSchedule[],
): SQL {
  const { overlaps, at } = rangeTests(first, last);
  const holders = sql`SELECT x.cadre_id, xt.code, x.valid_from AS x_from, x.valid_to AS x_to FROM titles xt
    CROSS JOIN LATERAL (SELECT x.cadre_id, x.valid_from, x.valid_to FROM cadre_assignments x
      WHERE x.title_id = xt.id AND ${overlaps("x")} OFFSET 0) x
    WHERE xt.code = ANY(${textArray(titleCodes)})`;
  const relation = (column: SQL, territory: SQL) => originRelationSql(column, territory);
  // Per post: the territory on the first date, and whether it may change within the range.
  const postOrigins = origins
    ? sql`, t.territory_id AS t_first, t.changes,
        ${relation(sql`w.home_town_place_id`, sql`t.territory_id`)} AS home_first,
        ${relation(sql`w.birthplace_place_id`, sql`t.territory_id`)} AS birth_first`
    : sql``;
  const postTerritory = origins
    ? sql`CROSS JOIN LATERAL (SELECT ${territoryOfUnitSql(sql`a.unit_id`, first)} AS territory_id,
          EXISTS (SELECT 1 FROM unit_closure tc WHERE tc.descendant_id = a.unit_id
            AND ((tc.valid_from > ${first}::date AND tc.valid_from <= ${last}::date)
              OR (tc.valid_to > ${first}::date AND tc.valid_to <= ${last}::date))) AS changes
          OFFSET 0) t`
    : sql``;
  const rowOrigins = origins
    ? sql`, CASE WHEN NOT po.changes THEN po.t_first ELSE ${territoryOfUnitSql(sql`po.unit_id`, sql`dt.d`)} END
          AS territory_id`
    : sql``;
  const rows = sql`SELECT dt.*, h.cadre_id, po.unit_id, mt.level AS title_level, mt.is_leadership, mt.is_key,
      h.held, (SELECT t.tier FROM cadre_tiers t WHERE t.cadre_id = h.cadre_id AND ${sql`t.valid_from <= dt.d
        AND (t.valid_to IS NULL OR t.valid_to > dt.d)`} ORDER BY t.valid_from DESC LIMIT 1) AS tier,
      po.sex, po.birth_date, po.staff_type, po.home_town_place_id, po.birthplace_place_id${
        origins ? sql`, po.changes, po.home_first, po.birth_first` : sql``
      }${rowOrigins}
    FROM (SELECT h.cadre_id, dt.d, array_agg(DISTINCT h.code) AS held FROM (${holders}) h
      JOIN dates dt ON ${at("h.x")} GROUP BY h.cadre_id, dt.d) h
    JOIN dates dt ON dt.d = h.d
    JOIN (SELECT pp.cadre_id, a.unit_id, a.title_id, a.valid_from AS a_from, a.valid_to AS a_to,
        c.valid_from AS c_from, c.valid_to AS c_to, w.sex, w.birth_date, w.left_on, w.staff_type,
        w.home_town_place_id, w.birthplace_place_id, w.has_retirement_override${postOrigins}
      FROM (SELECT DISTINCT h.cadre_id FROM (${holders}) h) pp
      CROSS JOIN LATERAL (SELECT p.sex, p.birth_date, ${originPlace("home_town")} AS home_town_place_id,
        ${originPlace("birthplace")} AS birthplace_place_id, p.left_on, p.staff_type, ${retirementFacts("p")}
        FROM cadres p WHERE p.id = pp.cadre_id OFFSET 0) w
      CROSS JOIN LATERAL (SELECT a.unit_id, a.title_id, a.valid_from, a.valid_to FROM cadre_assignments a
        WHERE a.cadre_id = pp.cadre_id AND a.is_main AND ${overlaps("a")} OFFSET 0) a
      CROSS JOIN LATERAL (SELECT c.valid_from, c.valid_to FROM unit_closure c
        WHERE c.ancestor_id = ${rootId} AND c.descendant_id = a.unit_id AND ${overlaps("c")} OFFSET 0) c
      ${postTerritory}
      OFFSET 0) po ON po.cadre_id = h.cadre_id AND ${at("po.a")} AND ${at("po.c")}
        AND ${servingSql(schedules, "po", factsOf("po", sql`po.cadre_id`), sql`dt.d`, DATE_CUTOFFS)}
    JOIN title_versions mt ON mt.title_id = po.title_id AND ${titleVersionHolds("mt", sql`dt.d`)}`;
  if (!origins) return rows;
  return sql`SELECT r.*,
      CASE WHEN NOT r.changes THEN r.home_first ELSE ${relation(sql`r.home_town_place_id`, sql`r.territory_id`)} END
        AS home_relation,
      CASE WHEN NOT r.changes THEN r.birth_first ELSE ${relation(sql`r.birthplace_place_id`, sql`r.territory_id`)} END
        AS birthplace_relation
    FROM (${rows} OFFSET 0) r
    OFFSET 0`;
}

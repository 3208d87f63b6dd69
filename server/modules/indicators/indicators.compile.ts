import { type SQL, sql } from "drizzle-orm";
import type { ConditionSpec, LeafCondition, PopulationSpec } from "../../../common/contracts/indicators.ts";
import { YOUNG_LEVELS } from "../../../common/contracts/indicators.ts";
import { addMonthsClamped } from "../../../common/rules/age.ts";
import { latestBirthDateForAge } from "../../../common/rules/age-band.ts";
import { DISTRICT_LEVEL_KINDS, holds, isoDate } from "../cadres/index.ts";

/**
 * Compiles catalogue definitions (population + condition, common/contracts/indicators.ts) to SQL.
 *
 * A population is a set of rows `r` with one row per person:
 *   r.cadre_id, r.unit_id (main post on D), r.title_level (of the main post's title), r.tier (on D),
 *   r.sex, r.birth_date, r.home_town_unit_id, r.birthplace_unit_id
 * drawn from the dated histories valid on D — serving people whose main post on D lies in the subtree
 * `sub(unit_id)` (a CTE the caller provides). The condition is a boolean expression over `r`. Counting
 * is then `count(*)` and `count(*) FILTER (WHERE condition)`: everything is one SQL aggregate, nothing is
 * computed per row in JavaScript (DESIGN §8).
 */

/** SQL text for a text[] literal of known-safe identifiers (codes validated by the contracts). */
function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, "")}"`).join(",")}}`}::text[]`;
}

/**
 * The population's rows on date d. Drives from the most selective dated table: the tier rows when tiers
 * are named (index cadre_tiers_tier_idx), the holders of the titles when titles are named, otherwise the
 * main posts in the subtree (index cadre_assignments_main_unit_idx).
 */
export function populationSql(pop: PopulationSpec, d: string): SQL {
  isoDate(d);
  const where: SQL[] = [sql`(p.left_on IS NULL OR p.left_on >= ${d}::date)`];
  if (pop.leadersOnly) where.push(sql`mt.is_leadership`);
  if (pop.staffTypes) where.push(sql`p.staff_type = ANY(${textArray(pop.staffTypes)})`);
  const main = sql`cadre_assignments a ON a.is_main AND ${holds("a", d)} AND a.unit_id IN (SELECT unit_id FROM sub)`;
  const columns = (tier: SQL) => sql`a.cadre_id, a.unit_id, mt.level AS title_level, ${tier} AS tier, p.sex,
    p.birth_date, p.home_town_unit_id, p.birthplace_unit_id`;
  const tierOf = sql`(SELECT t.tier FROM cadre_tiers t WHERE t.cadre_id = a.cadre_id AND ${holds("t", d)}
    ORDER BY t.valid_from DESC LIMIT 1)`;

  let from: SQL;
  let tier: SQL;
  if (pop.tiers) {
    from = sql`cadre_tiers t JOIN ${main} AND a.cadre_id = t.cadre_id`;
    where.push(sql`t.tier = ANY(${textArray(pop.tiers)})`, holds("t", d));
    tier = sql`t.tier`;
  } else {
    tier = tierOf;
    from = sql`cadre_assignments a`;
    where.push(sql`a.is_main`, holds("a", d), sql`a.unit_id IN (SELECT unit_id FROM sub)`);
  }
  if (pop.titleCodes) {
    where.push(sql`EXISTS (SELECT 1 FROM cadre_assignments x JOIN titles xt ON xt.id = x.title_id
      WHERE x.cadre_id = a.cadre_id AND xt.code = ANY(${textArray(pop.titleCodes)}) AND ${holds("x", d)})`);
  }
  return sql`SELECT ${columns(tier)}
    FROM ${from}
    JOIN cadres p ON p.id = a.cadre_id
    JOIN titles mt ON mt.id = a.title_id
    WHERE ${sql.join(where, sql` AND `)}`;
}

/** Whether the condition can be computed from the records canbo holds today. */
export function conditionAvailable(cond: ConditionSpec): boolean {
  const leaves = cond.kind === "all" ? cond.of : [cond];
  return leaves.every((l) => l.kind !== "evaluated");
}

/** The condition as a boolean SQL expression over the population row `r` on date d. */
export function conditionSql(cond: ConditionSpec, d: string): SQL {
  if (cond.kind === "all")
    return sql`(${sql.join(
      cond.of.map((c) => leafSql(c, d)),
      sql` AND `,
    )})`;
  return leafSql(cond, d);
}

function leafSql(cond: LeafCondition, d: string): SQL {
  switch (cond.kind) {
    case "young": {
      // age < N on d ⇔ born after the latest birth date of someone N years old on d (29 Feb rule included);
      // age <= N ⇔ age < N + 1.
      const cut = (n: number) => latestBirthDateForAge(d, cond.operator === "<" ? n : n + 1);
      const byLevel = YOUNG_LEVELS.filter((l) => l !== "central").map(
        (l) => sql`WHEN ${l} THEN ${cut(cond.thresholds[l])}::date`,
      );
      return sql`(r.birth_date > CASE WHEN r.tier = 'central' THEN ${cut(cond.thresholds.central)}::date
        ELSE CASE r.title_level ${sql.join(byLevel, sql` `)} END END)`;
    }
    case "sex":
      return sql`(r.sex = ${cond.sex})`;
    case "qualification":
      return sql`EXISTS (SELECT 1 FROM cadre_qualifications q
        JOIN code_lists cl ON cl.list = q.category AND cl.code = q.level_code
        WHERE q.cadre_id = r.cadre_id AND q.category = ${cond.category} AND q.obtained_on <= ${d}::date
          AND cl.rank >= (SELECT m.rank FROM code_lists m WHERE m.list = ${cond.category} AND m.code = ${cond.atLeast}))`;
    case "training": {
      const after = addMonthsClamped(d, -cond.withinMonths);
      return sql`EXISTS (SELECT 1 FROM cadre_trainings tr
        WHERE tr.cadre_id = r.cadre_id AND tr.kind = ${cond.trainingKind}
          AND tr.completed_on > ${after}::date AND tr.completed_on <= ${d}::date)`;
    }
    case "not_local":
      return notLocalSql(cond.includeBirthplace, d);
    case "evaluated":
      // Evaluations are a later module: callers check conditionAvailable() and report "no data".
      return sql`FALSE`;
  }
}

/**
 * "Not local" (common/rules/local.ts): the post has a district-level unit on d, the origin the rule needs
 * is recorded, and neither the home town (nor, when the rule says so, the birthplace) lies in that unit.
 * A place lies in the district when it was ever below it (communes merged away keep their district).
 * Unknown origins are neither local nor not local, as in isLocal().
 */
function notLocalSql(includeBirthplace: boolean, d: string): SQL {
  const district = sql`(SELECT c1.ancestor_id FROM unit_closure c1 JOIN units du ON du.id = c1.ancestor_id
    WHERE c1.descendant_id = r.unit_id AND ${holds("c1", d)} AND du.kind = ANY(${textArray(DISTRICT_LEVEL_KINDS)})
    LIMIT 1)`;
  const inDistrict = (column: string) =>
    sql`EXISTS (SELECT 1 FROM unit_closure c2 WHERE c2.descendant_id = ${sql.raw(column)} AND c2.ancestor_id = pd.id)`;
  const known = includeBirthplace
    ? sql`(r.home_town_unit_id IS NOT NULL OR r.birthplace_unit_id IS NOT NULL)`
    : sql`r.home_town_unit_id IS NOT NULL`;
  const local = includeBirthplace
    ? sql`(${inDistrict("r.home_town_unit_id")} OR ${inDistrict("r.birthplace_unit_id")})`
    : inDistrict("r.home_town_unit_id");
  return sql`(${known} AND EXISTS (SELECT 1 FROM (SELECT ${district} AS id) pd WHERE pd.id IS NOT NULL AND NOT ${local}))`;
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

import { type SQL, sql } from "drizzle-orm";
import {
  AGE_BANDS,
  type ConditionSpec,
  type IndicatorDefinition,
  LEADER_LEVELS,
  type LeafCondition,
} from "../../../common/contracts/indicators.ts";
import { daysInMonth } from "../../../common/rules/dates.ts";
import type { RetirementSchedule } from "../../../common/rules/retirement.ts";
import type { Executor } from "../../db/client.ts";
import { isoDate } from "../cadres/index.ts";
import { conditionSql, populationSql, subtreeCte } from "./indicators.compile.ts";

/**
 * The analysis views of the seed report (DOMAIN §2, §9): average age of key leaders by level, the age
 * pyramid, women and young shares among all staff. One SQL aggregate over the main posts valid on D in the
 * unit subtree (the compiled population of the indicators with no tier or title named). The shares among
 * the cadres of the standing-committee tiers are the catalogue's own figures (the service reads them with
 * the cards' statement).
 */

/**
 * Age in full years on d of a date column, by the rule of common/rules/age.ts: someone born on 29 February
 * is a year older on 28 February of a common year.
 */
export function ageSql(column: SQL, d: string): SQL {
  isoDate(d);
  const y = Number(d.slice(0, 4));
  const md = d.slice(5, 7) + d.slice(8, 10);
  const birthday =
    daysInMonth(y, 2) === 29
      ? sql`to_char(${column}, 'MMDD')`
      : sql`(CASE WHEN to_char(${column}, 'MMDD') = '0229' THEN '0228' ELSE to_char(${column}, 'MMDD') END)`;
  return sql`(${y} - extract(year FROM ${column})::int - CASE WHEN ${md} < ${birthday} THEN 1 ELSE 0 END)`;
}

/** One aggregate row of the staff profile: people of one age band, sex and key-leader level. */
type ProfileRow = {
  band: string | null;
  sex: "male" | "female";
  keyLevel: (typeof LEADER_LEVELS)[number] | null;
  n: number;
  ageSum: number;
  youngest: number;
  oldest: number;
  young: number;
};

/**
 * The staff of the subtree (serving people with a main post on d there), aggregated by age band, sex and
 * key-leader level: everything the views need, in one pass of hash joins (≈ 0.3 s for a city of 200,000 on
 * the embedded database, well under the second ADR 0001 allows a statement to hold it).
 */
async function profile(
  tx: Executor,
  rootId: number,
  d: string,
  young: ConditionSpec | undefined,
  schedules: readonly RetirementSchedule[],
): Promise<ProfileRow[]> {
  const bandOf = sql.join(
    AGE_BANDS.map((b) => {
      const tests: SQL[] = [];
      if (b.from !== null) tests.push(sql`m.age >= ${b.from}`);
      if (b.to !== null) tests.push(sql`m.age <= ${b.to}`);
      return sql`WHEN ${sql.join(tests, sql` AND `)} THEN ${b.key}`;
    }),
    sql` `,
  );
  // People grouped by birth date first (≈ 30,000 groups for a city's 200,000 people): the age is computed
  // once per group (materialised, not substituted into each band's test), the bands and sums over those.
  const result = await tx.execute<ProfileRow>(sql`
    WITH ${subtreeCte(rootId, d)},
    g AS MATERIALIZED (SELECT r.birth_date, r.sex, r.is_key, r.title_level, count(*) AS n,
        count(*) FILTER (WHERE ${young ? conditionSql(young, d) : sql`FALSE`}) AS young
      FROM (${populationSql({}, d, rootId, schedules)}) r
      GROUP BY 1, 2, 3, 4),
    m AS MATERIALIZED (SELECT g.sex, g.n, g.young, ${ageSql(sql`g.birth_date`, d)} AS age,
        CASE WHEN NOT g.is_key THEN NULL WHEN g.title_level IN ('city', 'department') THEN 'city'
          WHEN g.title_level IN ('district', 'commune') THEN g.title_level END AS key_level
      FROM g)
    SELECT CASE ${bandOf} END AS band, m.sex, m.key_level AS "keyLevel",
      sum(m.n)::int AS n, sum(m.n * m.age)::int AS "ageSum", min(m.age)::int AS youngest,
      max(m.age)::int AS oldest, sum(m.young)::int AS young
    FROM m GROUP BY 1, 2, 3`);
  return result.rows;
}

export type KeyLeadersAgeRow = {
  level: (typeof LEADER_LEVELS)[number];
  count: number;
  averageAge: number | null;
  youngest: number | null;
  oldest: number | null;
};

/**
 * The analysis views over the staff of the subtree: average age of key leaders by level, the age pyramid,
 * women and young shares among all staff.
 */
export async function staffAnalysis(
  tx: Executor,
  rootId: number,
  d: string,
  young: ConditionSpec | undefined,
  schedules: readonly RetirementSchedule[],
) {
  const rows = await profile(tx, rootId, d, young, schedules);

  const keyLeadersAge: KeyLeadersAgeRow[] = LEADER_LEVELS.map((level) => {
    const of = rows.filter((r) => r.keyLevel === level);
    const count = of.reduce((n, r) => n + r.n, 0);
    const ageSum = of.reduce((n, r) => n + r.ageSum, 0);
    return {
      level,
      count,
      // round(avg, 1) of PostgreSQL's numeric: ages are whole, halves round up.
      averageAge: count ? Math.round((ageSum * 10) / count) / 10 : null,
      youngest: count ? Math.min(...of.map((r) => r.youngest)) : null,
      oldest: count ? Math.max(...of.map((r) => r.oldest)) : null,
    };
  });

  const bands = AGE_BANDS.map((b) => ({ band: b.key as string, male: 0, female: 0 }));
  let total = 0;
  let ageSum = 0;
  for (const r of rows) {
    const band = bands.find((b) => b.band === r.band);
    if (band) band[r.sex] += r.n;
    total += r.n;
    ageSum += r.ageSum;
  }
  const agePyramid = { bands, total, averageAge: total ? Math.round((ageSum / total) * 10) / 10 : null };

  const women = rows.filter((r) => r.sex === "female").reduce((k, r) => k + r.n, 0);
  const youngCount = rows.reduce((k, r) => k + r.young, 0);
  const all = { women: shareOf(women, total), young: young ? shareOf(youngCount, total) : null };
  return { keyLeadersAge, agePyramid, all };
}

type Share = { numerator: number; denominator: number; percent: number | null };

export function shareOf(numerator: number, denominator: number): Share {
  return {
    numerator,
    denominator,
    percent: denominator ? Math.round((numerator * 10_000) / denominator) / 100 : null,
  };
}

/** The "young" leaf of the catalogue in effect (I1's, unless an admin has moved it elsewhere). */
export function youngCondition(defs: readonly IndicatorDefinition[]): LeafCondition | undefined {
  for (const def of defs) {
    const leaves: LeafCondition[] = def.condition.kind === "all" ? def.condition.of : [def.condition];
    const young = leaves.find((l) => l.kind === "young");
    if (young) return young;
  }
  return undefined;
}

/**
 * The catalogue's figures of women and of young cadres (I2 and I1 unless an admin has moved them): the
 * definitions whose condition is exactly "female" and exactly a "young" test. The analysis shows their own
 * figures for the cadres of the standing-committee tiers, so that they cannot differ from the cards.
 */
export function shareDefinitions(defs: readonly IndicatorDefinition[]) {
  const only = (is: (leaf: LeafCondition) => boolean) =>
    defs.find((def) => def.condition.kind !== "all" && is(def.condition));
  return {
    women: only((l) => l.kind === "sex" && l.sex === "female"),
    young: only((l) => l.kind === "young"),
  };
}

import { type SQL, sql } from "drizzle-orm";
import {
  AGE_BANDS,
  type ConditionSpec,
  type IndicatorDefinition,
  type LEADER_LEVELS,
  type LeafCondition,
} from "../../../common/contracts/indicators.ts";
import { daysInMonth } from "../../../common/rules/dates.ts";
import type { Executor } from "../../db/client.ts";
import { holds, isoDate } from "../cadres/index.ts";
import { titleVersionHolds } from "../posts/index.ts";
import { conditionSql, populationSql, subtreeCte } from "./indicators.compile.ts";

/**
 * The analysis views of the seed report (DOMAIN §2, §9): average age of key leaders by level, the age
 * pyramid, women and young shares among leaders and among all staff. SQL aggregates over the main posts
 * valid on D in the unit subtree, like the indicators.
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

/** Serving people with a main post on d in the subtree, with their age and the main post's title on d. */
function mainPosts(d: string): SQL {
  return sql`SELECT a.cadre_id, p.sex, ${ageSql(sql`p.birth_date`, d)} AS age, t.level, t.is_key, t.is_leadership
    FROM cadre_assignments a JOIN cadres p ON p.id = a.cadre_id
    JOIN title_versions t ON t.title_id = a.title_id AND ${titleVersionHolds("t", sql`${d}::date`)}
    WHERE a.is_main AND ${holds("a", d)} AND a.unit_id IN (SELECT unit_id FROM sub)
      AND (p.left_on IS NULL OR p.left_on >= ${d}::date)`;
}

export type KeyLeadersAgeRow = {
  level: (typeof LEADER_LEVELS)[number];
  count: number;
  averageAge: number | null;
  youngest: number | null;
  oldest: number | null;
};

export async function keyLeadersAge(tx: Executor, rootId: number, d: string): Promise<KeyLeadersAgeRow[]> {
  const result = await tx.execute<{
    level: string;
    count: number;
    avg: string | null;
    min: number;
    max: number;
  }>(sql`
    WITH ${subtreeCte(rootId, d)}
    SELECT CASE WHEN m.level IN ('city', 'department') THEN 'city' ELSE m.level END AS level,
      count(*)::int AS count, round(avg(m.age)::numeric, 1) AS avg, min(m.age) AS min, max(m.age) AS max
    FROM (${mainPosts(d)}) m
    WHERE m.is_key AND m.level IN ('city', 'department', 'district', 'commune')
    GROUP BY 1`);
  const byLevel = new Map(result.rows.map((r) => [r.level, r]));
  return (["city", "district", "commune"] as const).map((level) => {
    const r = byLevel.get(level);
    return {
      level,
      count: r?.count ?? 0,
      averageAge: r?.avg == null ? null : Number(r.avg),
      youngest: r ? Number(r.min) : null,
      oldest: r ? Number(r.max) : null,
    };
  });
}

export async function agePyramid(tx: Executor, rootId: number, d: string) {
  const bandOf = sql.join(
    AGE_BANDS.map((b) => {
      const tests: SQL[] = [];
      if (b.from !== null) tests.push(sql`m.age >= ${b.from}`);
      if (b.to !== null) tests.push(sql`m.age <= ${b.to}`);
      return sql`WHEN ${sql.join(tests, sql` AND `)} THEN ${b.key}`;
    }),
    sql` `,
  );
  const result = await tx.execute<{ band: string; sex: string; n: number; total_age: string }>(sql`
    WITH ${subtreeCte(rootId, d)}
    SELECT CASE ${bandOf} END AS band, m.sex, count(*)::int AS n, sum(m.age)::bigint AS total_age
    FROM (${mainPosts(d)}) m GROUP BY 1, 2`);
  const bands = AGE_BANDS.map((b) => ({ band: b.key as string, male: 0, female: 0 }));
  let total = 0;
  let ageSum = 0;
  for (const r of result.rows) {
    const band = bands.find((b) => b.band === r.band);
    if (band) band[r.sex as "male" | "female"] += r.n;
    total += r.n;
    ageSum += Number(r.total_age);
  }
  return { bands, total, averageAge: total ? Math.round((ageSum / total) * 10) / 10 : null };
}

type Share = { numerator: number; denominator: number; percent: number | null };

function shareOf(numerator: number, denominator: number): Share {
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

/** Women and young shares among leaders (main post a leadership title) and among all staff. */
export async function leadersVsAll(
  tx: Executor,
  rootId: number,
  d: string,
  young: ConditionSpec | undefined,
) {
  const count = async (leadersOnly: boolean) => {
    const r = await tx.execute<{ n: number; women: number; young: number }>(sql`
      WITH ${subtreeCte(rootId, d)}
      SELECT count(*)::int AS n, count(*) FILTER (WHERE r.sex = 'female')::int AS women,
        ${young ? sql`count(*) FILTER (WHERE ${conditionSql(young, d)})::int` : sql`0`} AS young
      FROM (${populationSql(leadersOnly ? { leadersOnly: true } : {}, d, rootId)}) r`);
    const row = r.rows[0] ?? { n: 0, women: 0, young: 0 };
    return { women: shareOf(row.women, row.n), young: young ? shareOf(row.young, row.n) : null };
  };
  const [leaders, all] = await Promise.all([count(true), count(false)]);
  return { leaders, all };
}

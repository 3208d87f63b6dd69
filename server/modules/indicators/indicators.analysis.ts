import { type SQL, sql } from "drizzle-orm";
import {
  AGE_BANDS,
  type ConditionSpec,
  type IndicatorDefinition,
  LEADER_LEVELS,
  type LeafCondition,
} from "../../../common/contracts/indicators.ts";
import { daysInMonth } from "../../../common/rules/dates.ts";
import type { Executor } from "../../db/client.ts";
import { pieceSize } from "../../db/pieces.ts";
import { holds, intArray, isoDate } from "../cadres/index.ts";
import { conditionSql, groupCte, populationSql } from "./indicators.compile.ts";

/**
 * The analysis views of the seed report (DOMAIN §2, §9): average age of key leaders by level, the age
 * pyramid, women and young shares among leaders and among all staff. SQL aggregates over the main posts
 * valid on D in the unit subtree (the population of the indicators with no tier or title named), read
 * in pieces of a few thousand posts.
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

/**
 * Main posts per piece of the analysis: the largest pieces of the hanoi profile's city took 176 ms on
 * PGlite on a busy 2-core machine (npm run bench:long-work), the whole analysis 4.4 s.
 */
export const PIECE_POSTS = 4000;

/**
 * The units of the subtree of root on d cut into groups holding at most `maxPosts` main posts on d each
 * (a unit holding more is a group alone), in unit id order. Every unit of the subtree is in one group, so
 * the groups split the subtree's people without overlap, and an aggregate over the subtree is the sum of
 * the aggregates over the groups. The posts are counted unit by unit in pieces too (index lookups only).
 */
export async function unitGroups(
  tx: Executor,
  rootId: number,
  d: string,
  maxPosts = PIECE_POSTS,
): Promise<number[][]> {
  isoDate(d);
  const units = (
    await tx.execute<{ id: number }>(sql`SELECT c.descendant_id AS id FROM unit_closure c
      WHERE c.ancestor_id = ${rootId} AND ${holds("c", d)} ORDER BY c.descendant_id`)
  ).rows.map((r) => r.id);
  const posts = new Map<number, number>();
  const piece = pieceSize({ initial: 256, min: 16, max: 8192 });
  for (let i = 0; i < units.length; ) {
    const slice = units.slice(i, i + piece.size);
    const counted = await piece.timed(() =>
      tx.execute<{ id: number; n: number }>(sql`SELECT a.unit_id AS id, count(*)::int AS n
        FROM cadre_assignments a WHERE a.is_main AND ${holds("a", d)} AND a.unit_id = ANY(${intArray(slice)})
        GROUP BY a.unit_id`),
    );
    for (const r of counted.rows) posts.set(r.id, r.n);
    i += slice.length;
  }
  const groups: number[][] = [];
  let group: number[] = [];
  let inGroup = 0;
  for (const id of units) {
    const n = posts.get(id) ?? 0;
    if (group.length > 0 && inGroup + n > maxPosts) {
      groups.push(group);
      group = [];
      inGroup = 0;
    }
    group.push(id);
    inGroup += n;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** One aggregate row of the staff profile: people of one age band, sex, leadership and key-leader level. */
type ProfileRow = {
  band: string | null;
  sex: "male" | "female";
  isLeadership: boolean;
  keyLevel: (typeof LEADER_LEVELS)[number] | null;
  n: number;
  ageSum: number;
  youngest: number;
  oldest: number;
  young: number;
};

/**
 * The staff of a group of units (serving people with a main post on d there), aggregated by age band,
 * sex, leadership and key-leader level: everything the three analysis views need, in one pass.
 */
async function profilePiece(
  tx: Executor,
  rootId: number,
  unitIds: readonly number[],
  d: string,
  young: ConditionSpec | undefined,
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
  const result = await tx.execute<ProfileRow>(sql`
    WITH ${groupCte(unitIds)}
    SELECT CASE ${bandOf} END AS band, m.sex, m.is_leadership AS "isLeadership", m.key_level AS "keyLevel",
      count(*)::int AS n, sum(m.age)::int AS "ageSum", min(m.age)::int AS youngest, max(m.age)::int AS oldest,
      count(*) FILTER (WHERE m.young)::int AS young
    FROM (SELECT r.sex, r.is_leadership, ${ageSql(sql`r.birth_date`, d)} AS age,
        CASE WHEN NOT r.is_key THEN NULL WHEN r.title_level IN ('city', 'department') THEN 'city'
          WHEN r.title_level IN ('district', 'commune') THEN r.title_level END AS key_level,
        ${young ? conditionSql(young, d) : sql`FALSE`} AS young
      FROM (${populationSql({}, d, rootId)}) r) m
    GROUP BY 1, 2, 3, 4`);
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
 * women and young shares among leaders (main post a leadership title) and among all staff. Read one group
 * of units of the subtree at a time (`groups`, from unitGroups), each its own statement, and added up: on
 * the embedded database other users' statements run between two groups (ADR 0001).
 */
export async function staffAnalysis(
  tx: Executor,
  rootId: number,
  d: string,
  young: ConditionSpec | undefined,
  groups: readonly (readonly number[])[],
) {
  const rows: ProfileRow[] = [];
  for (const group of groups) {
    rows.push(...(await profilePiece(tx, rootId, group, d, young)));
  }

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

  const shares = (of: ProfileRow[]) => {
    const n = of.reduce((k, r) => k + r.n, 0);
    const women = of.filter((r) => r.sex === "female").reduce((k, r) => k + r.n, 0);
    const youngCount = of.reduce((k, r) => k + r.young, 0);
    return { women: shareOf(women, n), young: young ? shareOf(youngCount, n) : null };
  };
  const leadersVsAll = { leaders: shares(rows.filter((r) => r.isLeadership)), all: shares(rows) };
  return { keyLeadersAge, agePyramid, leadersVsAll };
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

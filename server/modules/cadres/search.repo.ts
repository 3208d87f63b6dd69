import { type SQL, sql } from "drizzle-orm";
import type { ManagementTier, Sex, StaffType } from "../../../common/enums/cadres.ts";
import type { BirthDatePrecision } from "../../../common/rules/birth-date.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { scopePredicate } from "../units/index.ts";
import { escapeLike, holds, isoDate } from "./sql.ts";

/**
 * The cadre list: one statement for the page and one for the count, whatever the filters.
 *
 * Shape: the filters are predicates on `cadres p` (column tests and EXISTS probes into the dated
 * histories, each an index lookup by cadre or by unit/tier); the page is cut first, ordered by
 * `sort_key COLLATE "C", id` (index cadres_sort_c_idx); only then are the page's rows joined to their
 * current post, unit name, tier and qualifications as of the date, through LATERAL lookups on the
 * (cadre_id, …) keys. Unit subtree and scope go through the dated closure (unit_closure) and the partial
 * index cadre_assignments_main_unit_idx (unit_id, valid_from, valid_to, cadre_id) WHERE is_main.
 */

export type SearchFilter = {
  d: string;
  scope: Actor["scope"];
  /** Folded name words (foldVietnamese), if a name is searched. */
  nameWords?: readonly string[];
  /** The raw query, matched exactly against staff codes (and ID numbers when allowed). */
  exact?: string;
  matchIdNumberToo?: boolean;
  idNumber?: string;
  unitId?: number;
  staffType?: StaffType;
  tier?: ManagementTier;
  titleId?: number;
  sex?: Sex;
  bornOnOrBefore?: string;
  bornAfter?: string;
  /** Professional level: rank at least this (code lists, list "professional"). */
  qualificationRank?: number;
  politicalTheoryRank?: number;
  includeLeft: boolean;
  /** A further condition on `cadres p` built by another module (e.g. the people behind an indicator). */
  extra?: SQL;
  limit: number;
  offset: number;
};

/** A position in the list's order (`sort_key COLLATE "C", id`): the rows after it come next. */
export type SearchKey = { sortKey: string; id: number };

export type SearchRow = {
  id: number;
  staffCode: string;
  fullName: string;
  sex: Sex;
  birthDate: string;
  birthDatePrecision: BirthDatePrecision;
  staffType: StaffType;
  unitId: number | null;
  unitName: string | null;
  titleId: number | null;
  titleName: string | null;
  tier: ManagementTier | null;
  qualificationCode: string | null;
  qualificationName: string | null;
  politicalTheoryCode: string | null;
  politicalTheoryName: string | null;
};

/** The WHERE conditions on `cadres p` for the filter. */
function conditions(f: SearchFilter): SQL[] {
  const d = isoDate(f.d);
  const where: SQL[] = [];

  // Scope and unit subtree: the main post on d lies in the units. One probe serves both (a person has
  // one main post on a date).
  if (f.scope !== "all" || f.unitId !== undefined) {
    const inUnit =
      f.unitId === undefined
        ? sql``
        : sql`AND a.unit_id IN (SELECT c.descendant_id FROM unit_closure c
              WHERE c.ancestor_id = ${f.unitId} AND ${holds("c", d)})`;
    where.push(sql`EXISTS (SELECT 1 FROM cadre_assignments a
      WHERE a.cadre_id = p.id AND a.is_main AND ${holds("a", d)} ${inUnit}
        AND ${scopePredicate(sql.raw("a.unit_id"), f.scope, d)})`);
  }

  const text: SQL[] = [];
  if (f.nameWords?.length) {
    const words = f.nameWords;
    if (words.length === 1 && words[0]!.length < 3) {
      // Too short for trigrams: a prefix of the name (btree text_pattern_ops index).
      text.push(sql`p.search_name LIKE ${`${escapeLike(words[0]!)}%`}`);
    } else {
      // Every word somewhere in the name: trigram index (GIN) for words of three letters or more; short
      // words must start a word of the name and are checked on the rows the trigrams found.
      const parts = words.map((w) =>
        w.length >= 3
          ? sql`p.search_name LIKE ${`%${escapeLike(w)}%`}`
          : sql`position(${` ${w}`} in ' ' || p.search_name) > 0`,
      );
      text.push(sql`(${sql.join(parts, sql` AND `)})`);
    }
  }
  if (f.exact) {
    // A staff code or its beginning, in any case ("hn-00" finds HN-0012); the expression index
    // cadres_staff_code_prefix_idx (lower(staff_code) text_pattern_ops) serves the prefix.
    text.push(sql`lower(p.staff_code) LIKE ${`${escapeLike(f.exact.toLowerCase())}%`}`);
    if (f.matchIdNumberToo) text.push(sql`p.id_number = ${f.exact}`);
  }
  if (text.length) where.push(sql`(${sql.join(text, sql` OR `)})`);

  if (f.idNumber !== undefined) where.push(sql`p.id_number = ${f.idNumber}`);
  if (f.extra) where.push(f.extra);
  if (f.staffType) where.push(sql`p.staff_type = ${f.staffType}`);
  if (f.sex) where.push(sql`p.sex = ${f.sex}`);
  if (f.bornOnOrBefore) where.push(sql`p.birth_date <= ${isoDate(f.bornOnOrBefore)}::date`);
  if (f.bornAfter) where.push(sql`p.birth_date > ${isoDate(f.bornAfter)}::date`);
  if (!f.includeLeft) where.push(sql`(p.left_on IS NULL OR p.left_on >= ${d}::date)`);
  if (f.tier) {
    where.push(sql`EXISTS (SELECT 1 FROM cadre_tiers t
      WHERE t.cadre_id = p.id AND t.tier = ${f.tier} AND ${holds("t", d)})`);
  }
  if (f.titleId !== undefined) {
    where.push(sql`EXISTS (SELECT 1 FROM cadre_assignments a2
      WHERE a2.cadre_id = p.id AND a2.title_id = ${f.titleId} AND ${holds("a2", d)})`);
  }
  const atLeast = (category: string, rank: number) =>
    sql`EXISTS (SELECT 1 FROM cadre_qualifications q
      JOIN code_lists cl ON cl.list = q.category AND cl.code = q.level_code
      WHERE q.cadre_id = p.id AND q.category = ${category} AND q.obtained_on <= ${d}::date
        AND cl.rank >= ${rank})`;
  if (f.qualificationRank !== undefined) where.push(atLeast("professional", f.qualificationRank));
  if (f.politicalTheoryRank !== undefined) where.push(atLeast("political_theory", f.politicalTheoryRank));
  return where;
}

export async function searchPage(tx: Executor, f: SearchFilter): Promise<SearchRow[]> {
  const d = isoDate(f.d);
  const where = conditions(f);
  const highest = (category: string) => sql`
    SELECT cl.code, cl.name FROM cadre_qualifications q
    JOIN code_lists cl ON cl.list = q.category AND cl.code = q.level_code
    WHERE q.cadre_id = page.id AND q.category = ${category} AND q.obtained_on <= ${d}::date
    ORDER BY cl.rank DESC, q.obtained_on LIMIT 1`;
  const result = await tx.execute<SearchRow>(sql`
    WITH page AS (
      SELECT p.id, p.staff_code, p.full_name, p.sex, p.birth_date, p.birth_date_precision, p.staff_type, p.sort_key
      FROM cadres p
      ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
      ORDER BY p.sort_key COLLATE "C", p.id
      LIMIT ${f.limit} OFFSET ${f.offset}
    )
    SELECT page.id, page.staff_code AS "staffCode", page.full_name AS "fullName", page.sex,
           page.birth_date AS "birthDate", page.birth_date_precision AS "birthDatePrecision",
           page.staff_type AS "staffType",
           a.unit_id AS "unitId", uv.name AS "unitName", a.title_id AS "titleId", ti.name AS "titleName",
           tr.tier, pq.code AS "qualificationCode", pq.name AS "qualificationName",
           pt.code AS "politicalTheoryCode", pt.name AS "politicalTheoryName"
    FROM page
    LEFT JOIN LATERAL (
      SELECT a.unit_id, a.title_id FROM cadre_assignments a
      WHERE a.cadre_id = page.id AND a.is_main AND ${holds("a", d)}
      ORDER BY a.valid_from DESC LIMIT 1) a ON TRUE
    LEFT JOIN LATERAL (
      SELECT v.name FROM unit_versions v WHERE v.unit_id = a.unit_id
      ORDER BY ${holds("v", d)} DESC, v.valid_from DESC LIMIT 1) uv ON TRUE
    LEFT JOIN titles ti ON ti.id = a.title_id
    LEFT JOIN LATERAL (
      SELECT t.tier FROM cadre_tiers t WHERE t.cadre_id = page.id AND ${holds("t", d)}
      ORDER BY t.valid_from DESC LIMIT 1) tr ON TRUE
    LEFT JOIN LATERAL (${highest("professional")}) pq ON TRUE
    LEFT JOIN LATERAL (${highest("political_theory")}) pt ON TRUE
    ORDER BY page.sort_key COLLATE "C", page.id`);
  return result.rows;
}

/**
 * The ids of the next `limit` matching rows after `after` (from the start when absent), in the list's order,
 * with their sort keys: a keyset page, read through cadres_sort_c_idx from the position onwards, so every
 * page costs the same however far into the list it lies (an OFFSET would read all the rows before it).
 */
export async function searchKeys(
  tx: Executor,
  f: Omit<SearchFilter, "limit" | "offset">,
  after: SearchKey | undefined,
  limit: number,
): Promise<SearchKey[]> {
  const where = conditions({ ...f, limit, offset: 0 });
  if (after) {
    where.push(
      sql`(p.sort_key COLLATE "C", p.id) > (${after.sortKey} COLLATE "C", ${Math.trunc(after.id)}::int)`,
    );
  }
  const result = await tx.execute<SearchKey>(sql`
    SELECT p.id, p.sort_key AS "sortKey" FROM cadres p
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ORDER BY p.sort_key COLLATE "C", p.id
    LIMIT ${Math.trunc(limit)}`);
  return result.rows;
}

export async function searchCount(tx: Executor, f: SearchFilter): Promise<number> {
  const where = conditions(f);
  const result = await tx.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM cadres p
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}`);
  return result.rows[0]?.n ?? 0;
}

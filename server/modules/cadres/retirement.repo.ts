import { asc, eq, sql } from "drizzle-orm";
import type { RetirementSchedule } from "../../../common/rules/retirement.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { scopePredicate } from "../units/index.ts";
import { cadreRetirementOverrides } from "./retirement.schema.ts";
import { effectiveRetirementSql, overrideOnSql } from "./retirement.sql.ts";
import { holds, isoDate } from "./sql.ts";

/** Queries of the retirement overrides and the "retiring soon" list. Every function takes tx first. */

export type OverrideRow = typeof cadreRetirementOverrides.$inferSelect;
export type NewOverride = typeof cadreRetirementOverrides.$inferInsert;

/** A person's overrides, oldest first (the newest from on or before a date is the one in force). */
export async function overridesOf(tx: Executor, cadreId: number): Promise<OverrideRow[]> {
  return tx
    .select()
    .from(cadreRetirementOverrides)
    .where(eq(cadreRetirementOverrides.cadreId, cadreId))
    .orderBy(asc(cadreRetirementOverrides.validFrom), asc(cadreRetirementOverrides.id));
}

export async function insertOverride(tx: Executor, values: NewOverride): Promise<OverrideRow> {
  const [row] = await tx.insert(cadreRetirementOverrides).values(values).returning();
  return row!;
}

export type RetiringFilter = {
  d: string;
  /** The first retirement date in the list: d, or far back for the people past it (overdue). */
  from: string;
  /** The last retirement date in the list (d + within months; the day before d when overdue). */
  until: string;
  /** The people past their retirement date whose records still say serving (no end of service). */
  overdue?: boolean;
  scope: Actor["scope"];
  unitId?: number;
  schedules: readonly RetirementSchedule[];
  /** Births whose statutory date falls in [d, until], per sex (a narrowing the index serves). */
  births: { sex: "male" | "female"; bornFrom: string; bornBefore: string }[];
  limit: number;
  offset: number;
};

export type RetiringRow = {
  id: number;
  staffCode: string;
  fullName: string;
  sex: "male" | "female";
  birthDate: string;
  birthDatePrecision: "day" | "month" | "year";
  retirementDate: string;
  unitId: number | null;
  unitName: string | null;
  titleId: number | null;
  titleName: string | null;
};

/**
 * People serving on d whose retirement date (the override's in force on d, else the statutory one) falls
 * in [d, until], with their main post on d in the scope (and in the unit's subtree when asked).
 */
function retiringSql(f: RetiringFilter) {
  const d = isoDate(f.d);
  const inUnit =
    f.unitId === undefined
      ? sql``
      : sql`AND a.unit_id IN (SELECT c.descendant_id FROM unit_closure c
          WHERE c.ancestor_id = ${f.unitId} AND ${holds("c", d)})`;
  const inScope =
    f.scope !== "all" || f.unitId !== undefined
      ? sql`AND EXISTS (SELECT 1 FROM cadre_assignments a
          WHERE a.cadre_id = p.id AND a.is_main AND ${holds("a", d)} ${inUnit}
            AND ${scopePredicate(sql.raw("a.unit_id"), f.scope, d)})`
      : sql``;
  const births = f.births.map(
    (b) => sql`(p.sex = ${b.sex} AND p.birth_date >= ${isoDate(b.bornFrom)}::date
      AND p.birth_date < ${isoDate(b.bornBefore)}::date)`,
  );
  // Candidates: the births whose statutory date falls in the window, and everyone with an override.
  const candidates = sql.join(
    [
      ...births,
      sql`p.id IN (SELECT o.cadre_id FROM cadre_retirement_overrides o WHERE o.valid_from <= ${d}::date)`,
    ],
    sql` OR `,
  );
  const effective = effectiveRetirementSql(f.schedules, {
    sex: sql.raw("p.sex"),
    birth: sql.raw("p.birth_date"),
  });
  return sql`
    SELECT p.id, p.staff_code, p.full_name, p.sex, p.birth_date, p.birth_date_precision, p.sort_key,
           ${effective} AS retirement_date
    FROM cadres p
    LEFT JOIN LATERAL ${overrideOnSql(sql.raw("p.id"), d)} ro ON TRUE
    WHERE (${candidates}) AND ${f.overdue ? sql`p.left_on IS NULL` : sql`(p.left_on IS NULL OR p.left_on >= ${d}::date)`} ${inScope}`;
}

export async function retiringPage(tx: Executor, f: RetiringFilter): Promise<RetiringRow[]> {
  const d = isoDate(f.d);
  const result = await tx.execute<RetiringRow>(sql`
    WITH r AS (${retiringSql(f)}),
    page AS (
      SELECT * FROM r WHERE r.retirement_date BETWEEN ${isoDate(f.from)}::date AND ${isoDate(f.until)}::date
      ORDER BY r.retirement_date, r.sort_key COLLATE "C", r.id
      LIMIT ${f.limit} OFFSET ${f.offset})
    SELECT page.id, page.staff_code AS "staffCode", page.full_name AS "fullName", page.sex,
           page.birth_date AS "birthDate", page.birth_date_precision AS "birthDatePrecision",
           page.retirement_date AS "retirementDate",
           a.unit_id AS "unitId", uv.name AS "unitName", a.title_id AS "titleId", ti.name AS "titleName"
    FROM page
    LEFT JOIN LATERAL (
      SELECT a.unit_id, a.title_id FROM cadre_assignments a
      WHERE a.cadre_id = page.id AND a.is_main AND ${holds("a", d)}
      ORDER BY a.valid_from DESC LIMIT 1) a ON TRUE
    LEFT JOIN LATERAL (
      SELECT v.name FROM unit_versions v WHERE v.unit_id = a.unit_id
      ORDER BY ${holds("v", d)} DESC, v.valid_from DESC LIMIT 1) uv ON TRUE
    LEFT JOIN titles ti ON ti.id = a.title_id
    ORDER BY page.retirement_date, page.sort_key COLLATE "C", page.id`);
  return result.rows;
}

export async function retiringCount(tx: Executor, f: RetiringFilter): Promise<number> {
  const result = await tx.execute<{ n: number }>(sql`
    WITH r AS (${retiringSql(f)})
    SELECT count(*)::int AS n FROM r
    WHERE r.retirement_date BETWEEN ${isoDate(f.from)}::date AND ${isoDate(f.until)}::date`);
  return result.rows[0]?.n ?? 0;
}

/** Overrides of these people, oldest first, for the rule to place each person's date (one query). */
export async function overridesOfMany(tx: Executor, ids: readonly number[]): Promise<OverrideRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(cadreRetirementOverrides)
    .where(
      sql`${cadreRetirementOverrides.cadreId} = ANY(${`{${ids.map((i) => Math.trunc(i)).join(",")}}`}::int[])`,
    )
    .orderBy(asc(cadreRetirementOverrides.validFrom), asc(cadreRetirementOverrides.id));
}

import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { TitleLevel } from "../../../common/enums/cadres.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { scopePredicate } from "../units/index.ts";
import { seats, titles } from "./schema.ts";

/** Queries of titles and seats. Every function takes the executor (db or transaction) first. */

export type TitleRow = typeof titles.$inferSelect;
export type SeatRow = typeof seats.$inferSelect;

/** "the row's period holds on date d" for the table alias (d is validated at the edge). */
const holds = (alias: string, d: string) => {
  const a = sql.raw(alias);
  return sql`${a}.valid_from <= ${d}::date AND (${a}.valid_to IS NULL OR ${a}.valid_to > ${d}::date)`;
};

export async function listTitles(tx: Executor, level?: TitleLevel): Promise<TitleRow[]> {
  return tx
    .select()
    .from(titles)
    .where(level ? eq(titles.level, level) : undefined)
    .orderBy(asc(titles.rank), asc(titles.name), asc(titles.id));
}

export async function getTitle(tx: Executor, id: number): Promise<TitleRow | undefined> {
  const [row] = await tx.select().from(titles).where(eq(titles.id, id));
  return row;
}

export async function getTitleByCode(tx: Executor, code: string): Promise<TitleRow | undefined> {
  const [row] = await tx.select().from(titles).where(eq(titles.code, code));
  return row;
}

export async function insertTitle(tx: Executor, row: typeof titles.$inferInsert): Promise<TitleRow> {
  const [created] = await tx.insert(titles).values(row).returning();
  return created!;
}

export async function updateTitle(
  tx: Executor,
  id: number,
  patch: Partial<Omit<TitleRow, "id" | "code">>,
): Promise<TitleRow> {
  const [updated] = await tx.update(titles).set(patch).where(eq(titles.id, id)).returning();
  return updated!;
}

export async function getSeat(tx: Executor, id: number): Promise<SeatRow | undefined> {
  const [row] = await tx.select().from(seats).where(eq(seats.id, id));
  return row;
}

export type SeatListRow = {
  id: number;
  unitId: number;
  unitName: string;
  titleId: number;
  titleName: string;
  quota: number;
  validFrom: string;
  validTo: string | null;
};

/** Seats of a unit (or its subtree as of d) inside the scope, with the unit's name as of d. */
export async function listSeats(
  tx: Executor,
  filter: { unitId: number; subtree: boolean; includeEnded: boolean; d: string; scope: Actor["scope"] },
): Promise<SeatListRow[]> {
  const where: SQL[] = [
    filter.subtree
      ? sql`s.unit_id IN (SELECT c.descendant_id FROM unit_closure c
          WHERE c.ancestor_id = ${filter.unitId} AND ${holds("c", filter.d)})`
      : sql`s.unit_id = ${filter.unitId}`,
    scopePredicate(sql.raw("s.unit_id"), filter.scope, filter.d),
  ];
  if (!filter.includeEnded) where.push(holds("s", filter.d));
  const result = await tx.execute<SeatListRow>(sql`
    SELECT s.id, s.unit_id AS "unitId", v.name AS "unitName", s.title_id AS "titleId", t.name AS "titleName",
           s.quota, s.valid_from AS "validFrom", s.valid_to AS "validTo"
    FROM seats s
    JOIN titles t ON t.id = s.title_id
    JOIN LATERAL (
      SELECT uv.name FROM unit_versions uv WHERE uv.unit_id = s.unit_id
      ORDER BY (uv.valid_from <= ${filter.d}::date AND (uv.valid_to IS NULL OR uv.valid_to > ${filter.d}::date)) DESC,
               uv.valid_from DESC
      LIMIT 1) v ON TRUE
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY v.name, t.rank, t.name, s.valid_from, s.id`);
  return result.rows;
}

/** The unit's name on date d, or undefined when the unit does not exist then. */
export async function unitNameAt(tx: Executor, unitId: number, d: string): Promise<string | undefined> {
  const result = await tx.execute<{ name: string }>(sql`
    SELECT v.name FROM unit_versions v WHERE v.unit_id = ${unitId} AND ${holds("v", d)}`);
  return result.rows[0]?.name;
}

export async function insertSeat(tx: Executor, row: typeof seats.$inferInsert): Promise<SeatRow> {
  const [created] = await tx.insert(seats).values(row).returning();
  return created!;
}

export async function endSeat(tx: Executor, id: number, validTo: string): Promise<void> {
  await tx.update(seats).set({ validTo }).where(eq(seats.id, id));
}

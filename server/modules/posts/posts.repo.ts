import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { TitleLevel } from "../../../common/enums/cadres.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { scopePredicate } from "../units/index.ts";
import { seats, titles, titleVersions } from "./schema.ts";

/** Queries of titles and seats. Every function takes the executor (db or transaction) first. */

export type SeatRow = typeof seats.$inferSelect;
type TitleVersionRow = typeof titleVersions.$inferSelect;

/** A title with the attributes that hold on the date asked, and the first day they hold (null: always). */
export type TitleRow = typeof titles.$inferSelect &
  Pick<TitleVersionRow, "level" | "isLeadership" | "isKey" | "isSensitive"> & {
    attributesFrom: string | null;
  };

/** The dated attributes of a title. */
export type TitleAttributes = Pick<TitleVersionRow, "level" | "isLeadership" | "isKey" | "isSensitive">;

/** "the row's period holds on date d" for the table alias (d is validated at the edge). */
const holds = (alias: string, d: string) => {
  const a = sql.raw(alias);
  return sql`${a}.valid_from <= ${d}::date AND (${a}.valid_to IS NULL OR ${a}.valid_to > ${d}::date)`;
};

/**
 * "the title version's period holds on the date" for the alias of title_versions; the date is an SQL
 * expression (a validated literal or a column). The first period has no first day.
 */
export function titleVersionHolds(alias: string, d: SQL): SQL {
  const a = sql.raw(alias);
  return sql`(${a}.valid_from IS NULL OR ${a}.valid_from <= ${d}) AND (${a}.valid_to IS NULL OR ${a}.valid_to > ${d})`;
}

const titleColumns = {
  id: titles.id,
  code: titles.code,
  name: titles.name,
  nameEn: titles.nameEn,
  rank: titles.rank,
  bloc: titles.bloc,
  level: titleVersions.level,
  isLeadership: titleVersions.isLeadership,
  isKey: titleVersions.isKey,
  isSensitive: titleVersions.isSensitive,
  attributesFrom: titleVersions.validFrom,
};

/** Titles joined to their version on d. */
function titlesOn(tx: Executor, d: string) {
  return tx
    .select(titleColumns)
    .from(titles)
    .innerJoin(
      titleVersions,
      and(eq(titleVersions.titleId, titles.id), titleVersionHolds("title_versions", sql`${d}::date`)),
    );
}

export async function listTitles(tx: Executor, d: string, level?: TitleLevel): Promise<TitleRow[]> {
  return titlesOn(tx, d)
    .where(level ? eq(titleVersions.level, level) : undefined)
    .orderBy(asc(titles.rank), asc(titles.name), asc(titles.id));
}

export async function getTitle(tx: Executor, id: number, d: string): Promise<TitleRow | undefined> {
  const [row] = await titlesOn(tx, d).where(eq(titles.id, id));
  return row;
}

/** Whether a title of that code exists (codes are identities, whatever the date). */
export async function titleCodeExists(tx: Executor, code: string): Promise<boolean> {
  const [row] = await tx.select({ id: titles.id }).from(titles).where(eq(titles.code, code));
  return row !== undefined;
}

/** Locks the title's row: changes of one title's periods are serialised. */
export async function lockTitle(tx: Executor, id: number): Promise<boolean> {
  const [row] = await tx.select({ id: titles.id }).from(titles).where(eq(titles.id, id)).for("update");
  return row !== undefined;
}

/** Inserts a title with its attributes holding since the beginning; returns its id. */
export async function insertTitle(
  tx: Executor,
  row: typeof titles.$inferInsert,
  attributes: TitleAttributes,
): Promise<number> {
  const [created] = await tx.insert(titles).values(row).returning({ id: titles.id });
  await tx
    .insert(titleVersions)
    .values({ titleId: created!.id, validFrom: null, validTo: null, ...attributes });
  return created!.id;
}

/** Changes the undated fields of a title (names, order, bloc). */
export async function updateTitle(
  tx: Executor,
  id: number,
  patch: Partial<Omit<typeof titles.$inferSelect, "id" | "code">>,
): Promise<void> {
  if (Object.keys(patch).length) await tx.update(titles).set(patch).where(eq(titles.id, id));
}

/** The title's periods, oldest first. */
export async function titleVersionsOf(tx: Executor, id: number): Promise<TitleVersionRow[]> {
  return tx
    .select()
    .from(titleVersions)
    .where(eq(titleVersions.titleId, id))
    .orderBy(sql`${titleVersions.validFrom} ASC NULLS FIRST`);
}

/**
 * Makes the given attributes hold from date `from` on: the period holding on `from` is cut there (or
 * changed in place when it starts that very day) and later periods take the given values too; the
 * attributes not given keep their own dates. Earlier dates are untouched. Returns false when every date
 * from `from` on already had those values. The caller holds the title's lock.
 */
export async function setAttributesFrom(
  tx: Executor,
  id: number,
  from: string,
  changes: Partial<TitleAttributes>,
): Promise<boolean> {
  const periods = (await titleVersionsOf(tx, id)).filter((p) => p.validTo === null || p.validTo > from);
  const differs = (p: TitleVersionRow) =>
    Object.entries(changes).some(([k, v]) => p[k as keyof TitleAttributes] !== v);
  if (!periods.some(differs)) return false;
  for (const p of periods.filter(differs)) {
    if (p.validFrom === null || p.validFrom < from) {
      // The period holding on `from` (the periods cover every date): its part from `from` on changes.
      await tx.update(titleVersions).set({ validTo: from }).where(eq(titleVersions.id, p.id));
      const { level, isLeadership, isKey, isSensitive } = p;
      await tx.insert(titleVersions).values({
        titleId: id,
        validFrom: from,
        validTo: p.validTo,
        ...{ level, isLeadership, isKey, isSensitive },
        ...changes,
      });
    } else {
      await tx.update(titleVersions).set(changes).where(eq(titleVersions.id, p.id));
    }
  }
  return true;
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

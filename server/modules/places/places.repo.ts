import { and, asc, desc, eq, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { PlaceTier } from "../../../common/rules/places.ts";
import type { Executor } from "../../db/client.ts";
import { placeLineage, places } from "./schema.ts";

/** Queries of the places. Every function takes the executor (db or transaction) first. */

export type PlaceRow = typeof places.$inferSelect;

/** Places of the lists valid on `asOf`: a list with no start holds for every date before its end. */
export function validOn(asOf: string): SQL {
  return and(
    or(isNull(places.validFrom), lte(places.validFrom, asOf)),
    or(isNull(places.validTo), sql`${places.validTo} > ${asOf}`),
  )!;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Places whose code is `code` or whose name in words (folded) contains `folded` as a phrase. Code matches
 * first, then those matching earliest (in their own name before their province's), newest list first.
 */
export async function searchPlaces(
  tx: Executor,
  filter: { code?: string; folded?: string; asOf?: string; level?: PlaceTier; limit: number },
): Promise<PlaceRow[]> {
  const where: SQL[] = [];
  const match: SQL[] = [];
  if (filter.code) match.push(eq(places.code, filter.code));
  if (filter.folded) match.push(sql`${places.search} LIKE ${`%${escapeLike(filter.folded)}%`}`);
  if (match.length) where.push(or(...match)!);
  if (filter.asOf) where.push(validOn(filter.asOf));
  if (filter.level) where.push(eq(places.level, filter.level));
  const order: SQL[] = [];
  if (filter.code) order.push(sql`${places.code} = ${filter.code} DESC`);
  if (filter.folded) order.push(sql`strpos(${places.search}, ${filter.folded})`);
  order.push(desc(places.edition), asc(places.search));
  return tx
    .select()
    .from(places)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(filter.limit);
}

export async function placesByIds(tx: Executor, ids: readonly number[]): Promise<PlaceRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(places)
    .where(inArray(places.id, [...ids]));
}

/** The place of `code` in the list `edition`. */
export async function placeByCode(
  tx: Executor,
  edition: string,
  code: string,
): Promise<PlaceRow | undefined> {
  const [row] = await tx
    .select()
    .from(places)
    .where(and(eq(places.edition, edition), eq(places.code, code)));
  return row;
}

export type LinkRow = { placeId: number; part: string; effectiveDate: string };

/** The old places `id` was formed from, and the new places it went into. */
export async function lineageOf(
  tx: Executor,
  id: number,
): Promise<{ predecessors: LinkRow[]; successors: LinkRow[] }> {
  const predecessors = await tx
    .select({
      placeId: placeLineage.oldPlaceId,
      part: placeLineage.part,
      effectiveDate: placeLineage.effectiveDate,
    })
    .from(placeLineage)
    .where(eq(placeLineage.newPlaceId, id));
  const successors = await tx
    .select({
      placeId: placeLineage.newPlaceId,
      part: placeLineage.part,
      effectiveDate: placeLineage.effectiveDate,
    })
    .from(placeLineage)
    .where(eq(placeLineage.oldPlaceId, id));
  return { predecessors, successors };
}

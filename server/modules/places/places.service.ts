import type {
  Place,
  PlaceDetail,
  PlaceSearchQuery,
  PlaceSearchResponse,
} from "../../../common/contracts/places.ts";
import type { LineagePart, PlaceTier } from "../../../common/rules/places.ts";
import { foldVietnamese } from "../../../common/text/vietnamese.ts";
import type { Db, Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { PlaceErrors } from "./places.errors.ts";
import * as repo from "./places.repo.ts";

type Deps = { db: Db };

export type PlacesService = ReturnType<typeof createPlacesService>;

/** Reference data from the official lists: any signed-in user reads it; nobody writes it through the API. */
export function createPlacesService({ db }: Deps) {
  /** Places by name (without diacritics) or code, of the list valid on a date, at a level. */
  async function search(_actor: Actor, query: PlaceSearchQuery): Promise<PlaceSearchResponse> {
    const q = query.q?.trim();
    const rows = await repo.searchPlaces(db, {
      ...(q ? { code: q, folded: foldVietnamese(q) } : {}),
      ...(query.asOf ? { asOf: query.asOf } : {}),
      ...(query.level ? { level: query.level } : {}),
      limit: query.limit ?? 20,
    });
    return { items: rows.map(presentPlace) };
  }

  /** One place with the lineage of the 2025 reorganisation. */
  async function get(_actor: Actor, id: number): Promise<PlaceDetail> {
    const [row] = await repo.placesByIds(db, [id]);
    if (!row) throw new AppError(PlaceErrors.PLACE_NOT_FOUND);
    const { predecessors, successors } = await repo.lineageOf(db, id);
    const linked = new Map(
      (
        await repo.placesByIds(
          db,
          [...predecessors, ...successors].map((l) => l.placeId),
        )
      ).map((r) => [r.id, r]),
    );
    const present = (links: repo.LinkRow[]) =>
      links
        .map((l) => ({
          place: presentPlace(linked.get(l.placeId)!),
          part: l.part as LineagePart,
          effectiveDate: l.effectiveDate,
        }))
        .sort((a, b) => a.place.code.localeCompare(b.place.code));
    return { ...presentPlace(row), predecessors: present(predecessors), successors: present(successors) };
  }

  /** The places of these ids (for other modules' presenters); missing ids are left out. */
  async function byIds(tx: Executor, ids: readonly number[]): Promise<Map<number, Place>> {
    const rows = await repo.placesByIds(tx, [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, presentPlace(r)]));
  }

  /** Throws PLACE_UNKNOWN (422) naming every field whose place id is not a place. */
  async function assertPlaces(
    tx: Executor,
    refs: readonly { field: string; placeId: number }[],
  ): Promise<void> {
    const found = await byIds(
      tx,
      refs.map((r) => r.placeId),
    );
    const unknown = refs.filter((r) => !found.has(r.placeId));
    if (unknown.length) throw new AppError(PlaceErrors.PLACE_UNKNOWN, { details: unknown });
  }

  return { search, get, byIds, assertPlaces };
}

export function presentPlace(row: repo.PlaceRow): Place {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    level: row.level as PlaceTier,
    edition: row.edition,
    fullName: row.fullName,
    parentId: row.parentId,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

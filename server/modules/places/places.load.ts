import { sql } from "drizzle-orm";
import { containmentRows, type LineagePart, PLACE_TIERS, placeWorld } from "../../../common/rules/places.ts";
import type { Db } from "../../db/client.ts";
import { pieceSize } from "../../db/pieces.ts";
import { arrayLiteral, type Cell, type ColumnType } from "../../seed/load.ts";
import type { PlaceDataset } from "./places.data.ts";

/** An array parameter for unnest(): one literal, whatever the number of rows. */
const arr = (values: readonly Cell[], type: ColumnType) =>
  sql`${arrayLiteral(values, type)}::${sql.raw(type)}[]`;

/**
 * Writes `rows` in pieces, each one statement committed on its own, sized to take about 100 ms (db/pieces.ts):
 * on the embedded database other users' statements run between two pieces (ADR 0001).
 */
async function inPieces<T>(
  rows: readonly T[],
  write: (piece: readonly T[]) => Promise<unknown>,
): Promise<void> {
  const size = pieceSize({ initial: 2_000, min: 500, max: 20_000 });
  for (let at = 0; at < rows.length; ) {
    const n = size.size;
    await size.timed(() => write(rows.slice(at, at + n)));
    at += n;
  }
}

export type PlacesLoadResult = { loaded: string[]; places: number; lineage: number; containment: number };

/**
 * Loads the official lists of places, their lineage and the containment table, unless already done.
 * Idempotent and resumable: every insert skips rows already there, and each edition is marked loaded only
 * when everything derived from it is in, so a load cut short is completed by the next start. Runs after the
 * migrations, at start and before the CLI's commands (server/main.ts, cli/canbo.ts).
 */
export async function loadPlaces(db: Db, dataset: PlaceDataset): Promise<PlacesLoadResult> {
  const names = dataset.editions.map((e) => e.edition);
  const done = await db.execute<{ edition: string }>(
    sql`SELECT edition FROM place_editions WHERE loaded_at IS NOT NULL AND edition = ANY(${arr(names, "text")})`,
  );
  const result: PlacesLoadResult = { loaded: [], places: 0, lineage: 0, containment: 0 };
  if (done.rows.length === names.length) return result;

  for (const e of dataset.editions) {
    await db.execute(sql`
      INSERT INTO place_editions (edition, valid_from, valid_to, source, place_count)
      VALUES (${e.edition}, ${e.validFrom}, ${e.validTo}, ${e.source}, ${e.places.length})
      ON CONFLICT (edition) DO NOTHING`);
    // Level by level, so that the parents of a piece's rows are stored before it (a statement does not see
    // its own rows).
    for (const level of PLACE_TIERS)
      await inPieces(
        e.places.filter((p) => p.level === level),
        (piece) =>
          db.execute(sql`
        INSERT INTO places (edition, code, name, kind, level, parent_id, full_name, search, valid_from, valid_to)
        SELECT ${e.edition}, u.code, u.name, u.kind, u.level, parent.id, u.full_name, u.search,
               ${e.validFrom}::date, ${e.validTo}::date
        FROM unnest(${arr(
          piece.map((p) => p.code),
          "text",
        )}, ${arr(
          piece.map((p) => p.name),
          "text",
        )}, ${arr(
          piece.map((p) => p.kind),
          "text",
        )}, ${arr(
          piece.map((p) => p.level),
          "text",
        )}, ${arr(
          piece.map((p) => p.parentCode),
          "text",
        )}, ${arr(
          piece.map((p) => p.fullName),
          "text",
        )}, ${arr(
          piece.map((p) => p.search),
          "text",
        )}) AS u(code, name, kind, level, parent_code, full_name, search)
        LEFT JOIN places parent ON parent.edition = ${e.edition} AND parent.code = u.parent_code
        ON CONFLICT (edition, code) DO NOTHING`),
      );
  }

  const stored = await db.execute<{ id: number; edition: string; code: string; parent_id: number | null }>(
    sql`SELECT id, edition, code, parent_id FROM places`,
  );
  const idOf = new Map(stored.rows.map((r) => [`${r.edition}:${r.code}`, r.id]));
  const id = (edition: string, code: string) => {
    const found = idOf.get(`${edition}:${code}`);
    if (found === undefined) throw new Error(`lineage names an unknown place ${edition}:${code}`);
    return found;
  };

  for (const lineage of dataset.lineages) {
    const links = lineage.links.map((l) => ({
      newId: id(lineage.newEdition, l.newCode),
      oldId: id(lineage.oldEdition, l.oldCode),
      part: l.part,
    }));
    await inPieces(links, (piece) =>
      db.execute(sql`
        INSERT INTO place_lineage (new_place_id, old_place_id, part, effective_date)
        SELECT u.new_id, u.old_id, u.part, ${lineage.effectiveDate}::date
        FROM unnest(${arr(
          piece.map((l) => l.newId),
          "int",
        )}, ${arr(
          piece.map((l) => l.oldId),
          "int",
        )}, ${arr(
          piece.map((l) => l.part),
          "text",
        )}) AS u(new_id, old_id, part)
        ON CONFLICT (new_place_id, old_place_id) DO NOTHING`),
    );
  }

  // The containment table, computed from what is stored (not from the files) with the rule's own functions.
  const storedLinks = await db.execute<{ new_place_id: number; old_place_id: number; part: LineagePart }>(
    sql`SELECT new_place_id, old_place_id, part FROM place_lineage`,
  );
  const world = placeWorld(
    stored.rows.map((r) => ({ id: r.id, edition: r.edition, parentId: r.parent_id })),
    storedLinks.rows.map((l) => ({ newId: l.new_place_id, oldId: l.old_place_id, part: l.part })),
  );
  const rows = containmentRows(world);
  await inPieces(rows, (piece) =>
    db.execute(sql`
      INSERT INTO place_containment (place_id, territory_id, relation)
      SELECT * FROM unnest(${arr(
        piece.map((r) => r.placeId),
        "int",
      )}, ${arr(
        piece.map((r) => r.territoryId),
        "int",
      )}, ${arr(
        piece.map((r) => r.relation),
        "text",
      )})
      ON CONFLICT (place_id, territory_id) DO NOTHING`),
  );

  await db.execute(
    sql`UPDATE place_editions SET loaded_at = now() WHERE loaded_at IS NULL AND edition = ANY(${arr(names, "text")})`,
  );
  return {
    loaded: names.filter((n) => !done.rows.some((d) => d.edition === n)),
    places: stored.rows.length,
    lineage: storedLinks.rows.length,
    containment: rows.length,
  };
}

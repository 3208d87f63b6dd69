import type { Db } from "../../db/client.ts";
import { editionFromRows, type PlaceDataset } from "./places.data.ts";
import { loadPlaces } from "./places.load.ts";
import { places } from "./schema.ts";

/**
 * A slice of the official lists (real codes, names and lineage rows, most rows left out) for tests that
 * need a few places without loading all 14,000. Hồng Hà is formed here from Phúc Xá and Phúc Tân only,
 * Ba Đình from Trúc Bạch and part of Ngọc Hà.
 */
export function placesSlice(): PlaceDataset {
  return {
    editions: [
      editionFromRows({ edition: "2025-03", validFrom: null, validTo: "2025-07-01", source: "test slice" }, [
        ["01", "Thành phố Hà Nội", "Thành phố Trung ương", 1, null],
        ["001", "Quận Ba Đình", "Quận", 2, "01"],
        ["00001", "Phường Phúc Xá", "Phường", 3, "001"],
        ["00004", "Phường Trúc Bạch", "Phường", 3, "001"],
        ["00016", "Phường Ngọc Hà", "Phường", 3, "001"],
        ["002", "Quận Hoàn Kiếm", "Quận", 2, "01"],
        ["00037", "Phường Phúc Tân", "Phường", 3, "002"],
        ["79", "Thành phố Hồ Chí Minh", "Thành phố Trung ương", 1, null],
        ["760", "Quận 1", "Quận", 2, "79"],
        ["26734", "Phường Tân Định", "Phường", 3, "760"],
      ]),
      editionFromRows({ edition: "2025-07", validFrom: "2025-07-01", validTo: null, source: "test slice" }, [
        ["01", "Thành phố Hà Nội", "Thành phố Trung ương", 1, null],
        ["00004", "Phường Ba Đình", "Phường", 2, "01"],
        ["00008", "Phường Ngọc Hà", "Phường", 2, "01"],
        ["00097", "Phường Hồng Hà", "Phường", 2, "01"],
        ["79", "Thành phố Hồ Chí Minh", "Thành phố Trung ương", 1, null],
        ["26737", "Phường Tân Định", "Phường", 2, "79"],
      ]),
    ],
    lineages: [
      {
        oldEdition: "2025-03",
        newEdition: "2025-07",
        effectiveDate: "2025-07-01",
        links: [
          { newCode: "01", oldCode: "01", part: "full" },
          { newCode: "79", oldCode: "79", part: "full" },
          { newCode: "00004", oldCode: "00004", part: "full" },
          { newCode: "00004", oldCode: "00016", part: "partial" },
          { newCode: "00008", oldCode: "00016", part: "partial" },
          { newCode: "00097", oldCode: "00001", part: "full" },
          { newCode: "00097", oldCode: "00037", part: "full" },
          { newCode: "26737", oldCode: "26734", part: "full" },
        ],
      },
    ],
  };
}

/** Loads the slice; returns the id of a place by "edition:code" (e.g. "2025-03:00001"). */
export async function loadPlacesSlice(db: Db): Promise<(key: string) => number> {
  await loadPlaces(db, placesSlice());
  const rows = await db.select({ id: places.id, edition: places.edition, code: places.code }).from(places);
  const ids = new Map(rows.map((r) => [`${r.edition}:${r.code}`, r.id]));
  return (key) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`no place ${key} in the slice`);
    return id;
  };
}

import { describe, expect, it } from "vitest";
import { containmentRows, type PlaceLink, type PlaceNode, placeRelation, placeWorld } from "./places.ts";

// Two editions of a small country. The 2025-03 list:
//   province A (1): district A1 (11) with communes a (111), b (112), c (113); district A2 (12) with commune d (121)
//   province B (2): district B1 (21) with commune e (211); island district B2 (22), no communes
// The 2025-07 list (no districts):
//   province A' (1001) ← A: commune X (1101) ← a, b whole and part of c; commune Y (1102) ← the rest of c, d
//   province B' (2001) ← B: commune Z (2101) ← e; special zone W (2102) ← B2
const OLD = "2025-03";
const NEW = "2025-07";
const places: PlaceNode[] = [
  { id: 1, edition: OLD, parentId: null },
  { id: 11, edition: OLD, parentId: 1 },
  { id: 12, edition: OLD, parentId: 1 },
  { id: 111, edition: OLD, parentId: 11 },
  { id: 112, edition: OLD, parentId: 11 },
  { id: 113, edition: OLD, parentId: 11 },
  { id: 121, edition: OLD, parentId: 12 },
  { id: 2, edition: OLD, parentId: null },
  { id: 21, edition: OLD, parentId: 2 },
  { id: 211, edition: OLD, parentId: 21 },
  { id: 22, edition: OLD, parentId: 2 },
  { id: 1001, edition: NEW, parentId: null },
  { id: 1101, edition: NEW, parentId: 1001 },
  { id: 1102, edition: NEW, parentId: 1001 },
  { id: 2001, edition: NEW, parentId: null },
  { id: 2101, edition: NEW, parentId: 2001 },
  { id: 2102, edition: NEW, parentId: 2001 },
];
const links: PlaceLink[] = [
  { newId: 1001, oldId: 1, part: "full" },
  { newId: 2001, oldId: 2, part: "full" },
  { newId: 1101, oldId: 111, part: "full" },
  { newId: 1101, oldId: 112, part: "full" },
  { newId: 1101, oldId: 113, part: "partial" },
  { newId: 1102, oldId: 113, part: "partial" },
  { newId: 1102, oldId: 121, part: "full" },
  { newId: 2101, oldId: 211, part: "full" },
  { newId: 2102, oldId: 22, part: "full" },
];
const world = placeWorld(places, links);

describe("place containment (DOMAIN §2: home town inside the territory the post leads)", () => {
  it.each([
    // home town, territory, relation
    [111, 11, "inside", "a commune inside its district"],
    [111, 1, "inside", "a commune inside its province"],
    [111, 111, "inside", "a commune inside itself"],
    [121, 11, null, "a commune of another district of the same province is not inside"],
    [211, 11, null, "a commune of another province is not inside the district"],
    [211, 1, null, "a commune of another province is not inside the province"],
    [11, 111, "overlap", "a home town known to district level vs a commune of it: unknown"],
    [1, 11, "overlap", "a home town known to province level vs a district of it: unknown"],
    [11, 12, null, "two districts of one province are disjoint"],
    [111, 1101, "inside", "an old commune merged whole is inside the new commune"],
    [111, 1001, "inside", "… and inside the new province"],
    [111, 1102, null, "… and not inside the other new commune"],
    [113, 1101, "overlap", "an old commune split in part vs one of its successors: unknown"],
    [113, 1102, "overlap", "… and vs the other successor"],
    [113, 1001, "inside", "… but inside the new province holding both parts"],
    [211, 1101, null, "an old commune of another province vs a new commune"],
    [211, 1001, null, "an old commune of another province vs the new province"],
    [11, 1101, "overlap", "an old district vs a new commune formed partly from it"],
    [12, 1101, null, "an old district vs a new commune formed from none of it"],
    [1, 1001, "inside", "an old province inside its successor province"],
    [1, 2101, null, "an old province vs a commune of another new province"],
    [1101, 11, "inside", "a new commune formed wholly inside an old district lies in it"],
    [1102, 11, "overlap", "a new commune formed from two old districts vs one of them"],
    [1102, 1, "inside", "… lies in the old province of both"],
    [1102, 121, "overlap", "a new commune vs one of the old communes it came from"],
    [1001, 111, "overlap", "a new province vs an old commune of it"],
    [1001, 2, null, "a new province vs another old province"],
    [22, 2102, "inside", "an island district without communes becomes the special zone"],
    [22, 2001, "inside", "… inside the new province"],
  ] as const)("%s in %s → %s (%s)", (place, territory, expected, _why) => {
    expect(placeRelation(world, place, territory)).toBe(expected);
  });

  it("the precomputed table holds exactly the pairs that are not disjoint, with the same relation", () => {
    const table = new Map(containmentRows(world).map((r) => [`${r.placeId}:${r.territoryId}`, r.relation]));
    for (const p of places)
      for (const t of places)
        expect([p.id, t.id, table.get(`${p.id}:${t.id}`) ?? null]).toEqual([
          p.id,
          t.id,
          placeRelation(world, p.id, t.id),
        ]);
  });

  it("a place with no lineage to the other edition is never inside anything there", () => {
    const orphan = placeWorld([...places, { id: 114, edition: OLD, parentId: 11 }], links);
    expect(placeRelation(orphan, 114, 1101)).toBe(null);
    expect(placeRelation(orphan, 11, 1001)).toBe("overlap"); // district A1 has a commune without successor
    expect(containmentRows(orphan).find((r) => r.placeId === 11 && r.territoryId === 1001)?.relation).toBe(
      "overlap",
    );
  });
});

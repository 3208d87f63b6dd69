/**
 * Containment of Vietnam's administrative places (DOMAIN §2 "local", §10): is a home town P inside the
 * territory T a post leads? Places come in editions (the list of 1/3/2025, the list of 1/7/2025); an
 * edition is a tree (province → district → commune, or province → commune after 1/7/2025), and the
 * lineage links each new commune (and province) to the old units it was formed from, wholly (`full`)
 * or in part (`partial`). Codes are reused across editions, so places are told apart by id, never by code.
 *
 * The answer is one of:
 * - `inside`: every part of P lies in T;
 * - `overlap`: part of P may lie in T and part outside — the rule cannot tell (a home town known only to
 *   district level while the post leads one of its communes; an old commune split between two new ones);
 * - `null`: P and T are disjoint.
 */

export const PLACE_TIERS = ["province", "district", "commune"] as const;
export type PlaceTier = (typeof PLACE_TIERS)[number];

export const PLACE_RELATIONS = ["inside", "overlap"] as const;
export type PlaceRelation = (typeof PLACE_RELATIONS)[number];

export const LINEAGE_PARTS = ["full", "partial"] as const;
export type LineagePart = (typeof LINEAGE_PARTS)[number];

export type PlaceNode = { id: number; edition: string; parentId: number | null };
/** `newId` was formed from (part of) `oldId`; old and new belong to two editions. */
export type PlaceLink = { newId: number; oldId: number; part: LineagePart };

export type PlaceWorld = {
  readonly byId: ReadonlyMap<number, PlaceNode>;
  readonly children: ReadonlyMap<number, readonly number[]>;
  readonly successors: ReadonlyMap<number, readonly number[]>;
  readonly predecessors: ReadonlyMap<number, readonly number[]>;
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Indexes the places and the lineage for the functions below. */
export function placeWorld(places: readonly PlaceNode[], links: readonly PlaceLink[]): PlaceWorld {
  const byId = new Map<number, PlaceNode>();
  const children = new Map<number, number[]>();
  const successors = new Map<number, number[]>();
  const predecessors = new Map<number, number[]>();
  for (const p of places) byId.set(p.id, p);
  for (const p of places) if (p.parentId !== null) push(children, p.parentId, p.id);
  for (const l of links) {
    push(successors, l.oldId, l.newId);
    push(predecessors, l.newId, l.oldId);
  }
  return { byId, children, successors, predecessors };
}

function node(world: PlaceWorld, id: number): PlaceNode {
  const found = world.byId.get(id);
  if (!found) throw new Error(`unknown place ${id}`);
  return found;
}

/** The place and the places above it in its edition, nearest first. */
export function ancestorsOrSelf(world: PlaceWorld, id: number): number[] {
  const chain: number[] = [];
  for (let at: number | null = id; at !== null; at = node(world, at).parentId) chain.push(at);
  return chain;
}

/** The places below a place in its edition (not the place itself). */
export function strictDescendants(world: PlaceWorld, id: number): number[] {
  const out: number[] = [];
  const stack = [...(world.children.get(id) ?? [])];
  while (stack.length) {
    const at = stack.pop()!;
    out.push(at);
    stack.push(...(world.children.get(at) ?? []));
  }
  return out;
}

/** The lowest units of a place: its communes (a district without communes, e.g. an island, is its own leaf). */
export function leaves(world: PlaceWorld, id: number): number[] {
  const below = strictDescendants(world, id).filter((d) => !world.children.has(d));
  return below.length ? below : [id];
}

/** Within one edition: P inside T iff P is T or below it; overlap iff T lies strictly below P. */
export function relationInEdition(
  world: PlaceWorld,
  placeId: number,
  territoryId: number,
): PlaceRelation | null {
  if (ancestorsOrSelf(world, placeId).includes(territoryId)) return "inside";
  if (ancestorsOrSelf(world, territoryId).slice(1).includes(placeId)) return "overlap";
  return null;
}

/**
 * The pieces of a place in another edition: each of its leaves mapped through the lineage to the units it
 * became (old → new) or came from (new → old). `complete` is false when a leaf has no link to that
 * edition: the place cannot then be said to be inside anything there.
 */
export function translate(
  world: PlaceWorld,
  placeId: number,
  edition: string,
): { pieces: number[]; complete: boolean } {
  const pieces = new Set<number>();
  let complete = true;
  for (const leaf of leaves(world, placeId)) {
    const linked = [...(world.successors.get(leaf) ?? []), ...(world.predecessors.get(leaf) ?? [])].filter(
      (id) => node(world, id).edition === edition,
    );
    if (linked.length === 0) complete = false;
    for (const id of linked) pieces.add(id);
  }
  return { pieces: [...pieces], complete };
}

/**
 * Is place P inside territory T? Same edition: by the tree. Across editions: P's leaves are translated
 * through the lineage; inside iff every piece is inside T, disjoint iff no piece meets T, else overlap.
 * (A piece is a part of a unit of T's edition: if that unit lies in T so does the piece; if it is
 * disjoint from T so is the piece — the answer errs towards "overlap", never towards a wrong "inside".)
 */
export function placeRelation(world: PlaceWorld, placeId: number, territoryId: number): PlaceRelation | null {
  const territoryEdition = node(world, territoryId).edition;
  if (node(world, placeId).edition === territoryEdition)
    return relationInEdition(world, placeId, territoryId);
  const { pieces, complete } = translate(world, placeId, territoryEdition);
  const relations = pieces.map((piece) => relationInEdition(world, piece, territoryId));
  if (relations.length > 0 && complete && relations.every((r) => r === "inside")) return "inside";
  return relations.some((r) => r !== null) ? "overlap" : null;
}

export type ContainmentRow = { placeId: number; territoryId: number; relation: PlaceRelation };

/**
 * Every (place, territory) pair that is not disjoint, with its relation — the table the indicators read.
 * Equal to placeRelation() over all pairs (tested), without trying all pairs: a place meets only its
 * ancestors and descendants in its own edition, and the ancestors (or descendants) of its pieces in another.
 */
export function containmentRows(world: PlaceWorld): ContainmentRow[] {
  const rows: ContainmentRow[] = [];
  const editions = [...new Set([...world.byId.values()].map((p) => p.edition))];
  for (const place of world.byId.values()) {
    const below = strictDescendants(world, place.id);
    for (const t of ancestorsOrSelf(world, place.id))
      rows.push({ placeId: place.id, territoryId: t, relation: "inside" });
    for (const t of below) rows.push({ placeId: place.id, territoryId: t, relation: "overlap" });
    for (const edition of editions) {
      if (edition === place.edition) continue;
      const { pieces, complete } = translate(world, place.id, edition);
      // For each territory met: how many pieces lie inside it.
      const insideCount = new Map<number, number>();
      const met = new Set<number>();
      for (const piece of pieces) {
        for (const t of ancestorsOrSelf(world, piece)) {
          insideCount.set(t, (insideCount.get(t) ?? 0) + 1);
          met.add(t);
        }
        for (const t of strictDescendants(world, piece)) met.add(t);
      }
      for (const t of met) {
        const allInside = complete && insideCount.get(t) === pieces.length;
        rows.push({ placeId: place.id, territoryId: t, relation: allInside ? "inside" : "overlap" });
      }
    }
  }
  return rows;
}

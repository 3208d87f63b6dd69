import { TERRITORIAL_KINDS, UNIT_KINDS, type UnitKind } from "../enums/units.ts";

type Sortable = { kind: UnitKind; code: string | null; name: string };

/**
 * Sibling order in the tree: a territory's bodies first (Party committee, council, People's Committee,
 * departments…, in the order of UNIT_KINDS), then its sub-territories by official code, then by name.
 */
export function compareUnits(a: Sortable, b: Sortable): number {
  const ta = TERRITORIAL_KINDS.includes(a.kind) ? 1 : 0;
  const tb = TERRITORIAL_KINDS.includes(b.kind) ? 1 : 0;
  if (ta !== tb) return ta - tb;
  if (!ta) {
    const k = UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind);
    if (k !== 0) return k;
  }
  if (a.code && b.code && a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.code && !b.code) return -1;
  if (!a.code && b.code) return 1;
  return a.name.localeCompare(b.name, "vi");
}

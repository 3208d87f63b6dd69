import type { UnitNode } from "../../../../common/contracts/units.ts";
import { compareUnits } from "../../../../common/rules/units.ts";
import { foldVietnamese, matchesFolded } from "../../../../common/text/vietnamese.ts";

/** The flat list of GET /units/tree, indexed for walking up and down. */
export type UnitIndex = {
  byId: Map<number, UnitNode>;
  /** Children in sibling order (compareUnits). */
  childrenOf: Map<number, UnitNode[]>;
  /** Nodes whose parent is not in the list: the city, or the roots of an officer's scope. */
  roots: UnitNode[];
};

export function indexUnits(nodes: readonly UnitNode[]): UnitIndex {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const childrenOf = new Map<number, UnitNode[]>();
  const roots: UnitNode[] = [];
  for (const node of nodes) {
    if (node.parentId !== null && byId.has(node.parentId)) {
      const siblings = childrenOf.get(node.parentId);
      if (siblings) siblings.push(node);
      else childrenOf.set(node.parentId, [node]);
    } else roots.push(node);
  }
  for (const siblings of childrenOf.values()) siblings.sort(compareUnits);
  roots.sort(compareUnits);
  return { byId, childrenOf, roots };
}

/** Ids from the root down to the unit's parent (the unit itself excluded). */
export function ancestorIds(index: UnitIndex, id: number): number[] {
  const path: number[] = [];
  const seen = new Set<number>([id]);
  let parentId = index.byId.get(id)?.parentId ?? null;
  while (parentId !== null && index.byId.has(parentId) && !seen.has(parentId)) {
    path.unshift(parentId);
    seen.add(parentId);
    parentId = index.byId.get(parentId)?.parentId ?? null;
  }
  return path;
}

/** The unit and everything under it. */
export function subtreeIds(index: UnitIndex, id: number): Set<number> {
  const result = new Set<number>();
  const stack = [id];
  while (stack.length) {
    const current = stack.pop()!;
    if (result.has(current)) continue;
    result.add(current);
    for (const child of index.childrenOf.get(current) ?? []) stack.push(child.id);
  }
  return result;
}

/** True when the unit's name (diacritics and case ignored) or its code matches the query. */
export function unitMatches(node: UnitNode, query: string): boolean {
  if (matchesFolded(node.name, query)) return true;
  const q = foldVietnamese(query);
  return !!node.code && q.length > 0 && node.code.toLowerCase().startsWith(q);
}

export type TreeSearch = {
  /** Units whose name matches. */
  matches: Set<number>;
  /** Matches and their ancestors: what the tree shows while searching. */
  visible: Set<number>;
  /** Ancestors of matches, to expand so every match can be seen. */
  expand: Set<number>;
};

export function searchTree(index: UnitIndex, query: string): TreeSearch {
  const matches = new Set<number>();
  const visible = new Set<number>();
  const expand = new Set<number>();
  for (const node of index.byId.values()) {
    if (!unitMatches(node, query)) continue;
    matches.add(node.id);
    visible.add(node.id);
    for (const a of ancestorIds(index, node.id)) {
      visible.add(a);
      expand.add(a);
    }
  }
  return { matches, visible, expand };
}

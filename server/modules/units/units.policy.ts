import type { Actor } from "../../lib/actor.ts";

/**
 * A root unit (no parent) starts a whole organisation: a province, a ministry. Only an actor whose scope is
 * the whole tree (an administrator, or the system at setup) may create one; an officer's scope is a set of
 * subtrees, and a new root would lie outside all of them.
 */
export function mayCreateRoot(actor: Actor): boolean {
  return actor.scope === "all" && actor.permissions.has("units.write");
}

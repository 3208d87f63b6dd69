import type { Executor } from "../../db/client.ts";
import * as repo from "./units.repo.ts";

/**
 * Every unit has a code: cadres are imported into a unit by its code. A unit created without an official
 * code gets one proposed here — its parent's code, a dot and the first free number ("01.3"), or "DV" and a
 * number for a root — which the user may change later (setCode). A proposal is unique among all units
 * that ever existed, so it never names two units in imports or in the audit trail.
 */

/** The longest code the contracts accept (UnitCodeSchema). */
export const UNIT_CODE_MAX = 32;

const ROOT_PREFIX = "DV";

/** Proposes codes in order, none of them among `taken` nor among those it proposed before. */
export function createCodeProposer(taken: Iterable<string>) {
  const used = new Set(taken);
  const nextOf = new Map<string, number>();
  function propose(parentCode: string | null): string {
    // A code too long to take a suffix starts again from the root prefix rather than fail.
    const prefix = parentCode && parentCode.length <= UNIT_CODE_MAX - 4 ? `${parentCode}.` : ROOT_PREFIX;
    let n = nextOf.get(prefix) ?? 1;
    while (used.has(`${prefix}${n}`)) n++;
    const code = `${prefix}${n}`;
    nextOf.set(prefix, n + 1);
    used.add(code);
    return code;
  }
  return { propose, reserve: (code: string) => used.add(code) };
}

/**
 * Fills in the codes of new units created without one, in order (a parent in the batch before its
 * children, so a child's proposal builds on its parent's). Takes the code lock first: two creations at
 * once cannot propose the same code.
 */
export async function proposeMissingCodes(
  tx: Executor,
  rows: { id: number; parentId: number | null; code: string | null }[],
): Promise<void> {
  if (rows.every((r) => r.code)) return;
  await repo.lockUnitCodes(tx);
  const proposer = createCodeProposer(await repo.allUnitCodes(tx));
  for (const r of rows) if (r.code) proposer.reserve(r.code);
  const inBatch = new Map(rows.map((r) => [r.id, r]));
  const outside = [
    ...new Set(rows.flatMap((r) => (r.parentId !== null && !inBatch.has(r.parentId) ? [r.parentId] : []))),
  ];
  const outsideCodes = await repo.codesOf(tx, outside);
  for (const r of rows) {
    if (r.code) continue;
    const parentCode =
      r.parentId === null ? null : (inBatch.get(r.parentId)?.code ?? outsideCodes.get(r.parentId) ?? null);
    r.code = proposer.propose(parentCode);
  }
}

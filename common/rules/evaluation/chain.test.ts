import { describe, expect, it } from "vitest";
import {
  CHAIN_ACTIONS,
  CHAIN_KINDS,
  CHAIN_ROLES,
  CHAIN_STATES,
  type ChainAction,
  type ChainKind,
  type ChainRole,
  type ChainState,
  canEditIn,
  chainMove,
} from "./chain.ts";

/**
 * The specification, written apart from the implementation's table: every legal (chain, state, action, role)
 * and where it leads. Everything else must be refused.
 */
const LEGAL: Record<string, ChainState> = {
  "standard draft submit self": "submitted",
  "standard returned submit self": "submitted",
  "standard submitted review reviewer": "reviewed",
  "standard submitted return reviewer": "returned",
  "standard reviewed approve head": "approved",
  "standard reviewed return head": "returned",
  "standard approved lock head": "locked",
  "standard approved lock system": "locked",
  "standard locked reopen head": "reviewed",
  "collective draft submit self": "submitted",
  "collective returned submit self": "submitted",
  "collective submitted approve collective": "approved",
  "collective submitted return collective": "returned",
  "collective approved lock collective": "locked",
  "collective approved lock system": "locked",
  "collective locked reopen collective": "submitted",
};

const NOTE_NEEDED: Partial<Record<ChainAction, string>> = {
  return: "comment_required",
  reopen: "reason_required",
};

const table: [ChainKind, ChainState, ChainAction, ChainRole][] = CHAIN_KINDS.flatMap((k) =>
  CHAIN_STATES.flatMap((s) =>
    CHAIN_ACTIONS.flatMap((a) =>
      CHAIN_ROLES.map((r) => [k, s, a, r] as [ChainKind, ChainState, ChainAction, ChainRole]),
    ),
  ),
);

describe("the review chain", () => {
  it("covers every (chain, state, action, role): 2 × 6 × 6 × 6", () => {
    expect(table).toHaveLength(432);
    expect(Object.keys(LEGAL).every((k) => table.some((t) => t.join(" ") === k))).toBe(true);
  });

  const illegal = table.filter((t) => !(t.join(" ") in LEGAL));
  it.each(illegal)("refuses %s: %s → %s by %s, naming why", (chain, state, action, role) => {
    const move = chainMove(chain, state, action, [role], "ý kiến / lý do");
    expect(move.ok).toBe(false);
    const anyoneMay = CHAIN_ROLES.some((r) => `${chain} ${state} ${action} ${r}` in LEGAL);
    const expected =
      role === "outsider" ? "not_in_chain" : anyoneMay ? "not_your_step" : "not_allowed_in_state";
    expect(!move.ok && move.refusal).toBe(expected);
  });

  const legal = table.filter((t) => t.join(" ") in LEGAL);
  it.each(legal)("allows %s: %s → %s by %s", (chain, state, action, role) => {
    const move = chainMove(chain, state, action, [role], "Đề nghị bổ sung minh chứng");
    expect(move.ok && move.to).toBe(LEGAL[`${chain} ${state} ${action} ${role}`]);
    const needed = NOTE_NEEDED[action];
    for (const blank of [undefined, "", "   "]) {
      const bare = chainMove(chain, state, action, [role], blank);
      if (needed) expect(!bare.ok && bare.refusal).toBe(needed);
      else expect(bare.ok).toBe(true);
    }
  });

  it("changes nothing in a locked period except a reopening with its reason", () => {
    for (const chain of CHAIN_KINDS)
      for (const action of CHAIN_ACTIONS.filter((a) => a !== "reopen"))
        for (const role of CHAIN_ROLES)
          expect(chainMove(chain, "locked", action, [role], "x").ok).toBe(false);
    for (const chain of CHAIN_KINDS) expect(canEditIn(chain, "locked", [...CHAIN_ROLES])).toBe(false);
  });

  it("lets one person holding two places act in each (the head who assigned the work reviews, then decides)", () => {
    expect(chainMove("standard", "submitted", "review", ["head", "reviewer"]).ok).toBe(true);
    expect(chainMove("standard", "reviewed", "approve", ["head", "reviewer"]).ok).toBe(true);
    expect(chainMove("standard", "draft", "submit", ["outsider", "self"]).ok).toBe(true);
  });

  it("refuses an actor with no place at all", () => {
    expect(chainMove("standard", "draft", "submit", [])).toEqual({ ok: false, refusal: "not_in_chain" });
  });

  it.each([
    ["standard", "draft", "self", true],
    ["standard", "returned", "self", true],
    ["standard", "draft", "reviewer", false],
    ["standard", "submitted", "self", false],
    ["standard", "submitted", "reviewer", true],
    ["standard", "reviewed", "reviewer", false],
    ["standard", "reviewed", "head", true],
    ["standard", "approved", "head", false],
    ["collective", "submitted", "collective", true],
    ["collective", "reviewed", "head", false],
  ] as const)("in a %s chain, %s can be edited by %s: %s", (chain, state, role, can) => {
    expect(canEditIn(chain, state, [role])).toBe(can);
  });
});

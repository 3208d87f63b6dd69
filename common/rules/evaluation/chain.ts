/**
 * The review chain of an evaluation as a pure state machine (DOMAIN §3, 3814-QĐ/TU and 3251-QĐ/TU): the person
 * assesses themself → the leader who assigned the work reviews and grades → the head of unit decides → the
 * period is locked. "Returned" (with a comment) sends it back to the person, who corrects and submits again.
 * The city's top leaders are graded collectively: self-assessment → the collective decides. A locked record
 * changes only after a reopening with a recorded reason by whoever decides in that chain.
 */

export const CHAIN_STATES = ["draft", "submitted", "reviewed", "approved", "locked", "returned"] as const;
export type ChainState = (typeof CHAIN_STATES)[number];

export const CHAIN_ACTIONS = ["submit", "review", "approve", "return", "lock", "reopen"] as const;
export type ChainAction = (typeof CHAIN_ACTIONS)[number];

/**
 * An actor's place in one person's chain: the person (self), the leader who assigned the work (reviewer), the
 * head of unit, the collective (top leaders), the system closing a period, or nobody in the chain (outsider).
 * The service derives them from seats (a substitute when one is absent); one user may hold several.
 */
export const CHAIN_ROLES = ["self", "reviewer", "head", "collective", "system", "outsider"] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

export const CHAIN_KINDS = ["standard", "collective"] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

/** One legal move: in `chain`, from `from`, `action` by one of `by` leads to `to`; some need a written note. */
export type ChainEdge = {
  chain: ChainKind;
  from: ChainState;
  action: ChainAction;
  to: ChainState;
  by: readonly ChainRole[];
  needs?: "comment" | "reason";
};

/** Every legal move; anything not here is refused. */
export const CHAIN_EDGES: readonly ChainEdge[] = [
  { chain: "standard", from: "draft", action: "submit", to: "submitted", by: ["self"] },
  { chain: "standard", from: "returned", action: "submit", to: "submitted", by: ["self"] },
  { chain: "standard", from: "submitted", action: "review", to: "reviewed", by: ["reviewer"] },
  {
    chain: "standard",
    from: "submitted",
    action: "return",
    to: "returned",
    by: ["reviewer"],
    needs: "comment",
  },
  { chain: "standard", from: "reviewed", action: "approve", to: "approved", by: ["head"] },
  { chain: "standard", from: "reviewed", action: "return", to: "returned", by: ["head"], needs: "comment" },
  { chain: "standard", from: "approved", action: "lock", to: "locked", by: ["head", "system"] },
  // Reopened, the record is back before the head, who decides again or returns it to the person.
  { chain: "standard", from: "locked", action: "reopen", to: "reviewed", by: ["head"], needs: "reason" },
  { chain: "collective", from: "draft", action: "submit", to: "submitted", by: ["self"] },
  { chain: "collective", from: "returned", action: "submit", to: "submitted", by: ["self"] },
  { chain: "collective", from: "submitted", action: "approve", to: "approved", by: ["collective"] },
  {
    chain: "collective",
    from: "submitted",
    action: "return",
    to: "returned",
    by: ["collective"],
    needs: "comment",
  },
  { chain: "collective", from: "approved", action: "lock", to: "locked", by: ["collective", "system"] },
  {
    chain: "collective",
    from: "locked",
    action: "reopen",
    to: "submitted",
    by: ["collective"],
    needs: "reason",
  },
];

export const CHAIN_REFUSALS = [
  "not_in_chain",
  "not_allowed_in_state",
  "not_your_step",
  "comment_required",
  "reason_required",
] as const;
export type ChainRefusal = (typeof CHAIN_REFUSALS)[number];

export const CHAIN_REFUSAL_MESSAGES: Record<ChainRefusal, string> = {
  not_in_chain: "Bạn không tham gia quy trình đánh giá của người này",
  not_allowed_in_state: "Không thể thực hiện thao tác này ở trạng thái hiện tại của phiếu",
  not_your_step: "Thao tác này không thuộc bước của bạn",
  comment_required: "Phải ghi ý kiến khi trả lại phiếu",
  reason_required: "Phải ghi lý do mở lại kỳ đánh giá đã khóa",
};

export const CHAIN_STATE_LABELS: Record<ChainState, string> = {
  draft: "Đang tự đánh giá",
  submitted: "Đã gửi, chờ nhận xét",
  reviewed: "Đã nhận xét, chờ quyết định",
  approved: "Đã quyết định",
  locked: "Đã khóa",
  returned: "Bị trả lại",
};

export type ChainMove = { ok: true; to: ChainState; edge: ChainEdge } | { ok: false; refusal: ChainRefusal };

/**
 * Whether an actor holding `roles` may take `action` on a record in `state` of a `chain`, and where it goes.
 * `note` is the comment of a return or the reason of a reopening. Refusals are checked in a fixed order — not
 * in the chain, not allowed in this state, not this actor's step, the note missing — so that each has one cause.
 */
export function chainMove(
  chain: ChainKind,
  state: ChainState,
  action: ChainAction,
  roles: readonly ChainRole[],
  note?: string,
): ChainMove {
  const inChain: readonly ChainRole[] = roles.filter((r) => r !== "outsider");
  if (inChain.length === 0) return { ok: false, refusal: "not_in_chain" };
  const edge = CHAIN_EDGES.find((e) => e.chain === chain && e.from === state && e.action === action);
  if (!edge) return { ok: false, refusal: "not_allowed_in_state" };
  if (!edge.by.some((r) => inChain.includes(r))) return { ok: false, refusal: "not_your_step" };
  if (edge.needs && !note?.trim())
    return { ok: false, refusal: edge.needs === "comment" ? "comment_required" : "reason_required" };
  return { ok: true, to: edge.to, edge };
}

/** Who may change the form's contents in a state: the person while draft or returned, then the step's owner. */
export function canEditIn(chain: ChainKind, state: ChainState, roles: readonly ChainRole[]): boolean {
  if (state === "draft" || state === "returned") return roles.includes("self");
  if (state === "submitted") return roles.includes(chain === "standard" ? "reviewer" : "collective");
  if (state === "reviewed") return chain === "standard" && roles.includes("head");
  return false;
}

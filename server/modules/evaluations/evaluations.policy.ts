import type { ChainAction, ChainRefusal, ChainRole } from "../../../common/rules/evaluation/chain.ts";
import { type Actor, hasPermission } from "../../lib/actor.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import { EvaluationErrors } from "./evaluations.errors.ts";

/**
 * Who stands where in one person's review chain. Until reviewers and heads come from seats (with their
 * substitutes), the places come from permissions and scope: the person is `self` through users.cadre_id; a
 * user holding evaluations.review whose scope covers the form's unit on the period's last day is its
 * `reviewer`, one holding evaluations.approve its `head`, one holding evaluations.manage stands for the
 * `system` that locks a closing period. Nobody reviews or decides their own form.
 */
export function chainRolesOf(actor: Actor, isSelf: boolean, isInScope: boolean): ChainRole[] {
  const roles: ChainRole[] = [];
  if (isSelf) roles.push("self");
  if (isInScope && !isSelf) {
    if (hasPermission(actor, "evaluations.review")) roles.push("reviewer");
    if (hasPermission(actor, "evaluations.approve")) roles.push("head");
    if (hasPermission(actor, "evaluations.manage")) roles.push("system");
  }
  return roles.length ? roles : ["outsider"];
}

/**
 * A user who can neither read evaluations in a scope nor has a record of their own is refused outright; the
 * others learn of a form only when they may read it (out of scope reads as not found).
 */
export function assertMayLookUp(actor: Actor): void {
  if (!hasPermission(actor, "evaluations.read") && !actor.cadreId)
    throw new AppError(CoreErrors.FORBIDDEN, { details: { permission: "evaluations.read" } });
}

/** In a closed period only the decider's reopening and the decision on a reopened form go on (DOMAIN §3). */
export const ACTIONS_IN_CLOSED_PERIOD: readonly ChainAction[] = ["reopen", "approve"];

/** The chain's refusal as the API's error. */
export function refusalError(refusal: ChainRefusal): AppError {
  switch (refusal) {
    case "not_in_chain":
    case "not_your_step":
      return new AppError(EvaluationErrors.EVALUATION_NOT_YOUR_STEP, { details: { refusal } });
    case "not_allowed_in_state":
      return new AppError(EvaluationErrors.EVALUATION_NOT_ALLOWED_IN_STATE, { details: { refusal } });
    case "comment_required":
    case "reason_required":
      return new AppError(EvaluationErrors.EVALUATION_NOTE_REQUIRED, { details: { refusal } });
  }
}

import { type MASKABLE, SENSITIVE_FIELDS } from "../../../common/contracts/cadres.ts";
import { type Actor, hasPermission } from "../../lib/actor.ts";

/**
 * Who reads which audit rows (DESIGN §5):
 * - audit.read is needed at all (admins hold it; anyone else only by a per-user grant);
 * - a reader whose scope is the whole tree reads every row; a scoped reader reads the rows about units in
 *   their scope today (with units.read), the rows about people as they may open the records (with
 *   cadres.read): every row about someone in their scope today, and the rows of the days someone they no
 *   longer cover lay in their scope — by the main post, or for someone without one the last main post
 *   held (cadres' personInScope) — and the rows of their own actions; never users, sessions, the reference
 *   catalogues, imports or other officers' exports, which belong to no unit;
 * - without cadres.sensitive the sensitive values in before/after are withheld, as on the record itself,
 *   and the free-text search does not look into them.
 */

/** Keys whose values are withheld wherever they occur in before/after. */
export const SENSITIVE_KEYS: readonly string[] = SENSITIVE_FIELDS;

/** Rows about a family member are withheld whole (but for the history kind and the row id). */
export const FAMILY_ACTION_PREFIX = "cadre.family_member.";

export type AuditVisibility = {
  /** Every row (scope "all"), or only rows about what the scope reaches. */
  everything: boolean;
  units: boolean;
  cadres: boolean;
  /** Rows about evaluation periods and forms placed in the scope (their unit). */
  evaluations: boolean;
  /** The values of MASKABLE are withheld. */
  masked: boolean;
};

export function visibilityOf(actor: Actor): AuditVisibility {
  return {
    everything: actor.scope === "all",
    units: hasPermission(actor, "units.read"),
    cadres: hasPermission(actor, "cadres.read"),
    evaluations: hasPermission(actor, "evaluations.read"),
    masked: !hasPermission(actor, "cadres.sensitive"),
  };
}

export type Maskable = (typeof MASKABLE)[number];

import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { EVALUATION_PERIOD_KINDS, EVALUATION_PERIOD_STATUSES } from "../../../common/enums/evaluations.ts";
import { CHAIN_ACTIONS, CHAIN_STATES } from "../../../common/rules/evaluation/chain.ts";
import type { FilledForm } from "../../../common/rules/evaluation/scoring.ts";
import { users } from "../auth/schema.ts";
import { cadres } from "../cadres/schema.ts";
import { units } from "../units/schema.ts";

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(", ")})`);

/**
 * An evaluation period of a unit (DOMAIN §3): the people whose main post on the period's last day lies in
 * the unit's subtree are evaluated under one scheme version. The period is half-open, [period_from,
 * period_to), like every period of the records (docs/ARCHITECTURE.md).
 */
export const evaluationPeriods = pgTable(
  "evaluation_periods",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    /** The scheme's code and the validFrom of its version in force on the period's last day. */
    schemeCode: text("scheme_code").notNull(),
    schemeVersion: date("scheme_version", { mode: "string" }).notNull(),
    periodKind: text("period_kind").notNull(),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodTo: date("period_to", { mode: "string" }).notNull(),
    status: text("status").notNull().default("open"),
    /** Inclusive last days (DOMAIN §3 defaults: the 3rd working day and the 10th of the next month). */
    selfAssessmentDue: date("self_assessment_due", { mode: "string" }).notNull(),
    approvalDue: date("approval_due", { mode: "string" }).notNull(),
    openedBy: integer("opened_by").references(() => users.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    unique("evaluation_periods_unit_scheme_period_key").on(t.unitId, t.schemeCode, t.periodFrom),
    check("evaluation_periods_kind_chk", inList("period_kind", EVALUATION_PERIOD_KINDS)),
    check("evaluation_periods_status_chk", inList("status", EVALUATION_PERIOD_STATUSES)),
    check("evaluation_periods_order_chk", sql`${t.periodFrom} < ${t.periodTo}`),
  ],
);

/**
 * One person's evaluation in a period: the form as scored (scores as scoreForm takes them), the grade, the
 * chain state (common/rules/evaluation/chain.ts). `version` counts the changes: every change names the
 * version it was made on (optimistic concurrency).
 */
export const evaluations = pgTable(
  "evaluations",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    periodId: integer("period_id")
      .notNull()
      .references(() => evaluationPeriods.id),
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    /** The unit of the person's main post on the period's last day. */
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    state: text("state").notNull().default("draft"),
    scores: jsonb("scores").$type<FilledForm>(),
    total: numeric("total", { precision: 5, scale: 2, mode: "number" }),
    grade: text("grade"),
    /** A disqualifier forcing the lowest grade (recorded by the head; not set by this increment's API). */
    disqualifier: text("disqualifier"),
    reviewerComment: text("reviewer_comment"),
    quotaOverrideReason: text("quota_override_reason"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("evaluations_period_cadre_key").on(t.periodId, t.cadreId),
    index("evaluations_cadre_idx").on(t.cadreId),
    index("evaluations_period_state_idx").on(t.periodId, t.state),
    check("evaluations_state_chk", inList("state", CHAIN_STATES)),
  ],
);

/** Every move of an evaluation along the chain, with who made it and the comment or reason given. */
export const evaluationEvents = pgTable(
  "evaluation_events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    evaluationId: integer("evaluation_id")
      .notNull()
      .references(() => evaluations.id),
    /** A chain action, or "save" / "score" for a change of the form that does not move the state. */
    action: text("action").notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    actorId: integer("actor_id").references(() => users.id),
    comment: text("comment"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("evaluation_events_evaluation_idx").on(t.evaluationId, t.id),
    check("evaluation_events_action_chk", inList("action", [...CHAIN_ACTIONS, "save", "score"])),
  ],
);

import type { z } from "zod";
import type {
  ApproveSchema,
  EvaluationDetail,
  ReopenSchema,
  ReturnSchema,
  ReviewSchema,
  SaveScoresSchema,
  SubmitSchema,
} from "../../../common/contracts/evaluations.ts";
import type { AuditAction } from "../../../common/enums/audit.ts";
import {
  type ChainAction,
  type ChainState,
  canEditIn,
  chainMove,
} from "../../../common/rules/evaluation/chain.ts";
import { checkQuota } from "../../../common/rules/evaluation/quota.ts";
import type { SchemeTemplate } from "../../../common/rules/evaluation/scheme.ts";
import {
  type FilledForm,
  FORM_PROBLEM_MESSAGES,
  gradeOf,
  scoreForm,
} from "../../../common/rules/evaluation/scoring.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, hasPermission } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import type { UnitsService } from "../units/index.ts";
import { EvaluationErrors } from "./evaluations.errors.ts";
import { createPeriodsService, lastDayOf, templateOf } from "./evaluations.periods.ts";
import {
  ACTIONS_IN_CLOSED_PERIOD,
  assertMayLookUp,
  chainRolesOf,
  refusalError,
} from "./evaluations.policy.ts";
import { presentEvaluation, presentPeriod, presentVerdict } from "./evaluations.presenter.ts";
import * as repo from "./evaluations.repo.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  units: Pick<UnitsService, "isInScope">;
};

export type EvaluationsService = ReturnType<typeof createEvaluationsService>;

/** Total and proposed grade of a form, or 400 naming every problem. */
function scored(template: SchemeTemplate, scores: FilledForm) {
  const result = scoreForm(template, scores);
  if (!result.ok) {
    throw new AppError(EvaluationErrors.EVALUATION_SCORES_INVALID, {
      details: {
        problems: result.problems.map((p) => ({ ...p, message: FORM_PROBLEM_MESSAGES[p.problem] })),
      },
    });
  }
  return { scores, total: result.total, grade: gradeOf(result.total, template).grade };
}

const AUDIT_OF: Record<ChainAction | "save", AuditAction> = {
  save: "evaluation.saved",
  submit: "evaluation.submitted",
  review: "evaluation.reviewed",
  return: "evaluation.returned",
  approve: "evaluation.approved",
  lock: "evaluation.locked",
  reopen: "evaluation.reopened",
};

export function createEvaluationsService({ db, audit, clock, units }: Deps) {
  const periodCases = createPeriodsService({ db, audit, clock, units });
  /** The chain roles of the actor on a form, or the refusal: 403 without any way in, 404 outside. */
  async function rolesOn(tx: Executor, actor: Actor, ev: repo.EvaluationRow, period: repo.PeriodRow) {
    const isSelf = actor.cadreId != null && actor.cadreId === ev.cadreId;
    const isInScope =
      hasPermission(actor, "evaluations.read") &&
      (await units.isInScope(tx, actor, ev.unitId, lastDayOf(period)));
    if (!isSelf && !isInScope) throw new AppError(EvaluationErrors.EVALUATION_NOT_FOUND);
    return chainRolesOf(actor, isSelf, isInScope);
  }

  async function detail(tx: Executor, ev: repo.EvaluationRow): Promise<EvaluationDetail> {
    const [named] = await repo.listEvaluations(tx, ev.periodId, { ids: [ev.id] });
    const [periodRow] = await repo.listPeriods(tx, "all", { periodId: ev.periodId });
    const events = await repo.eventsOf(tx, ev.id);
    const template = templateOf(periodRow!);
    const rule = template.quota;
    const quota =
      rule && ev.state === "reviewed" && ev.grade === rule.grade
        ? presentVerdict(
            rule,
            checkQuota(rule, {
              others: await repo.gradeCounts(tx, ev.periodId, ev.id),
              allStaff: periodRow!.evaluationCount,
            }),
          )
        : null;
    return {
      ...presentEvaluation(named!),
      period: presentPeriod(periodRow!, template),
      events: events.map((e) => ({
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        actorId: e.actorId,
        comment: e.comment,
        at: e.at.toISOString(),
      })),
      quota,
    };
  }

  /** One form with its history, for the person, or for a reader whose scope holds it. */
  async function get(actor: Actor, id: number): Promise<EvaluationDetail> {
    assertMayLookUp(actor);
    const ev = await repo.getEvaluation(db, id);
    if (!ev) throw new AppError(EvaluationErrors.EVALUATION_NOT_FOUND);
    await rolesOn(db, actor, ev, (await repo.getPeriod(db, ev.periodId))!);
    return detail(db, ev);
  }

  /** The actor's own form in a period (users.cadre_id). */
  async function mine(actor: Actor, periodId: number): Promise<EvaluationDetail> {
    const ev = actor.cadreId ? await repo.evaluationOf(db, periodId, actor.cadreId) : undefined;
    if (!ev) throw new AppError(EvaluationErrors.EVALUATION_NOT_FOUND);
    return detail(db, ev);
  }

  type Step = {
    action: ChainAction | "save";
    version: number;
    note?: string | undefined;
    /** The form's new contents, computed once the move is known to be legal. */
    change?: (tx: Executor, ev: repo.EvaluationRow, template: SchemeTemplate) => Promise<ChangeOf> | ChangeOf;
  };
  type ChangeOf = {
    values: Partial<repo.EvaluationRow>;
    /** What the event records as its comment, when not the note. */
    comment?: string;
    audit?: Record<string, unknown>;
  };

  /**
   * One step on a form, in one transaction: the period then the form are locked (in that order, as when a
   * period closes), scope and chain place checked, a closed period and a stale version refused, the move
   * checked by chain.ts, then the change, its event and its audit row.
   */
  async function step(actor: Actor, id: number, s: Step): Promise<EvaluationDetail> {
    assertMayLookUp(actor);
    const now = clock.now();
    await db.transaction(async (tx) => {
      const seen = await repo.getEvaluation(tx, id);
      if (!seen) throw new AppError(EvaluationErrors.EVALUATION_NOT_FOUND);
      // A decision reads the others' grades for the quota: one decision at a time per period.
      const period = (await repo.getPeriod(tx, seen.periodId, s.action === "approve" ? "update" : "share"))!;
      const ev = (await repo.getEvaluation(tx, id, "update"))!;
      const roles = await rolesOn(tx, actor, ev, period);
      const from = ev.state as ChainState;
      if (period.status === "closed" && !(ACTIONS_IN_CLOSED_PERIOD as string[]).includes(s.action))
        throw new AppError(EvaluationErrors.EVALUATION_PERIOD_CLOSED);
      if (ev.version !== s.version)
        throw new AppError(EvaluationErrors.EVALUATION_VERSION_CONFLICT, {
          details: { currentVersion: ev.version },
        });
      let to: ChainState = from;
      if (s.action === "save") {
        if (!roles.includes("self")) throw refusalError("not_your_step");
        if (!canEditIn("standard", from, ["self"])) throw refusalError("not_allowed_in_state");
      } else {
        const move = chainMove("standard", from, s.action, roles, s.note);
        if (!move.ok) throw refusalError(move.refusal);
        to = move.to;
      }
      const template = templateOf(period);
      const change = s.change ? await s.change(tx, ev, template) : { values: {} };
      const comment = change.comment ?? s.note ?? null;
      await repo.updateEvaluation(tx, id, { ...change.values, state: to }, now);
      const events = [
        {
          evaluationId: id,
          action: s.action,
          fromState: from,
          toState: to,
          actorId: actor.userId,
          comment,
          at: now,
        },
      ];
      const audits = [
        {
          action: AUDIT_OF[s.action],
          entityType: "evaluation",
          entityId: id,
          before: { state: from, version: ev.version },
          after: { state: to, cadreId: ev.cadreId, periodId: ev.periodId, ...change.audit },
          reason: comment ?? undefined,
        },
      ];
      // A decision on a form reopened in a closed period locks it again at once: the period stays closed.
      if (period.status === "closed" && to === "approved") {
        const lock = chainMove("standard", "approved", "lock", ["system"]);
        if (lock.ok) {
          await repo.updateEvaluation(tx, id, { state: lock.to }, now);
          events.push({
            evaluationId: id,
            action: "lock",
            fromState: to,
            toState: lock.to,
            actorId: actor.userId,
            comment: null,
            at: now,
          });
          audits.push({
            action: AUDIT_OF.lock,
            entityType: "evaluation",
            entityId: id,
            before: { state: to, version: ev.version + 1 },
            after: { state: lock.to, cadreId: ev.cadreId, periodId: ev.periodId },
            reason: undefined,
          });
        }
      }
      await repo.insertEvents(tx, events);
      await audit.record(tx, actor, ...audits);
    });
    return detail(db, (await repo.getEvaluation(db, id))!);
  }

  /** The person saves their self-assessment (draft or returned); bad scores → 400, nothing changed. */
  function saveScores(actor: Actor, id: number, input: z.output<typeof SaveScoresSchema>) {
    return step(actor, id, {
      action: "save",
      version: input.version,
      change: (_tx, _ev, template) => {
        const form = scored(template, input.scores);
        return { values: form, audit: { total: form.total, grade: form.grade } };
      },
    });
  }

  function submit(actor: Actor, id: number, input: z.output<typeof SubmitSchema>) {
    return step(actor, id, {
      action: "submit",
      version: input.version,
      change: (_tx, ev) => {
        if (!ev.scores) throw new AppError(EvaluationErrors.EVALUATION_NOT_SCORED);
        return { values: {} };
      },
    });
  }

  /** The reviewer grades: their own scores, or the person's as they stand. */
  function review(actor: Actor, id: number, input: z.output<typeof ReviewSchema>) {
    return step(actor, id, {
      action: "review",
      version: input.version,
      note: input.comment,
      change: (_tx, ev, template) => {
        const scores = input.scores ?? (ev.scores as FilledForm | null);
        if (!scores) throw new AppError(EvaluationErrors.EVALUATION_NOT_SCORED);
        const form = scored(template, scores);
        return {
          values: { ...form, reviewerComment: input.comment ?? null },
          audit: { total: form.total, grade: form.grade },
        };
      },
    });
  }

  /** The reviewer (from submitted) or the head (from reviewed) sends the form back with a comment. */
  function returnToPerson(actor: Actor, id: number, input: z.output<typeof ReturnSchema>) {
    return step(actor, id, {
      action: "return",
      version: input.version,
      note: input.comment,
      change: () => ({ values: { reviewerComment: input.comment ?? null } }),
    });
  }

  /**
   * The head decides. The capped grade past the quota is refused (409, with the verdict's figures) unless an
   * override with a written reason is given and the scheme allows one; the override is recorded.
   */
  function approve(actor: Actor, id: number, input: z.output<typeof ApproveSchema>) {
    return step(actor, id, {
      action: "approve",
      version: input.version,
      change: async (tx, ev, template) => {
        const rule = template.quota;
        if (!rule || ev.grade !== rule.grade) return { values: { quotaOverrideReason: null } };
        const others = await repo.gradeCounts(tx, ev.periodId, ev.id);
        const allStaff = Object.values(await repo.stateCounts(tx, ev.periodId)).reduce((a, b) => a + b, 0);
        const reason = input.quotaOverrideReason;
        const verdict = checkQuota(rule, {
          others,
          allStaff,
          override: reason === undefined ? undefined : { reason },
        });
        if (verdict.decision === "refused")
          throw new AppError(EvaluationErrors.EVALUATION_OVER_QUOTA, {
            details: presentVerdict(rule, verdict),
          });
        const figures = { allowed: verdict.allowed, used: verdict.used, base: verdict.base };
        if (verdict.decision === "within_quota")
          return { values: { quotaOverrideReason: null }, audit: { quotaFigures: figures } };
        return {
          values: { quotaOverrideReason: reason! },
          comment: reason!,
          audit: { quotaOverrideReason: reason, quotaFigures: figures, warnings: verdict.warnings },
        };
      },
    });
  }

  /** The head reopens a locked form, with a reason; it goes back before the head (chain.ts). */
  function reopen(actor: Actor, id: number, input: z.output<typeof ReopenSchema>) {
    return step(actor, id, { action: "reopen", version: input.version, note: input.reason });
  }

  return {
    openPeriod: periodCases.openPeriod,
    listPeriods: periodCases.listPeriods,
    period: periodCases.period,
    listEvaluations: periodCases.listEvaluations,
    closePeriod: periodCases.closePeriod,
    get,
    mine,
    saveScores,
    submit,
    review,
    returnToPerson,
    approve,
    reopen,
  };
}

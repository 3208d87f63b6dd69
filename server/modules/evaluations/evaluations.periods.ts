import type { z } from "zod";
import {
  type EvaluationListQuerySchema,
  type OpenPeriodInput,
  OpenPeriodSchema,
  type Period,
  type PeriodListQuerySchema,
} from "../../../common/contracts/evaluations.ts";
import { addDays } from "../../../common/rules/dates.ts";
import { chainMove } from "../../../common/rules/evaluation/chain.ts";
import { defaultDeadlines, periodStarting } from "../../../common/rules/evaluation/period.ts";
import { checkQuota } from "../../../common/rules/evaluation/quota.ts";
import { type SchemeTemplate, templateVersionOn } from "../../../common/rules/evaluation/scheme.ts";
import { SHIPPED_TEMPLATES } from "../../../common/rules/evaluation/templates.ts";
import type { Db } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { searchPage } from "../cadres/index.ts";
import type { UnitsService } from "../units/index.ts";
import { EvaluationErrors } from "./evaluations.errors.ts";
import { refusalError } from "./evaluations.policy.ts";
import { presentEvaluation, presentPeriod, presentVerdict } from "./evaluations.presenter.ts";
import * as repo from "./evaluations.repo.ts";

/** The periods' use cases: open, list, the head's view of one, its forms, close. */

export type PeriodDeps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  units: Pick<UnitsService, "isInScope">;
};

const PEOPLE_PAGE = 1000;

/** The period's last day (periods are half-open). */
export const lastDayOf = (period: repo.PeriodRow) => addDays(period.periodTo, -1);

/** The scheme version the period was opened under (records keep the scheme they were made under). */
export function templateOf(period: { schemeCode: string; schemeVersion: string }): SchemeTemplate {
  const template = SHIPPED_TEMPLATES.find(
    (t) => t.code === period.schemeCode && t.validFrom === period.schemeVersion,
  );
  if (!template) throw new Error(`scheme ${period.schemeCode} ${period.schemeVersion} is not shipped`);
  return template;
}

export function createPeriodsService({ db, audit, clock, units }: PeriodDeps) {
  /** Opens a period: one draft form per person in service whose main post on its last day is in the subtree. */
  async function openPeriod(actor: Actor, raw: OpenPeriodInput): Promise<Period> {
    authorize(actor, "evaluations.manage");
    const input = OpenPeriodSchema.parse(raw);
    const scheme = SHIPPED_TEMPLATES.find((t) => t.code === input.schemeCode);
    if (!scheme || (scheme.period !== "month" && scheme.period !== "quarter"))
      throw new AppError(EvaluationErrors.EVALUATION_SCHEME_UNKNOWN);
    const period = periodStarting(scheme.period, input.periodFrom);
    if (!period) throw new AppError(EvaluationErrors.EVALUATION_PERIOD_START_INVALID);
    const template = templateVersionOn(SHIPPED_TEMPLATES, input.schemeCode, period.lastDay);
    if (!template) throw new AppError(EvaluationErrors.EVALUATION_SCHEME_UNKNOWN);
    const id = await db.transaction(async (tx) => {
      if (
        !(await repo.unitExistsOn(tx, input.unitId, period.lastDay)) ||
        !(await units.isInScope(tx, actor, input.unitId, period.lastDay))
      )
        throw new AppError(EvaluationErrors.EVALUATION_UNIT_NOT_FOUND);
      const row = await repo.insertPeriod(tx, {
        unitId: input.unitId,
        schemeCode: template.code,
        schemeVersion: template.validFrom,
        periodKind: period.kind,
        periodFrom: period.from,
        periodTo: period.to,
        ...defaultDeadlines(period.to),
        openedBy: actor.userId,
        openedAt: clock.now(),
      });
      if (!row) throw new AppError(EvaluationErrors.EVALUATION_PERIOD_EXISTS);
      let count = 0;
      for (let offset = 0; ; offset += PEOPLE_PAGE) {
        // The cadres module's list as of the last day: main post in the subtree, in service on that day.
        const people = await searchPage(tx, {
          d: period.lastDay,
          scope: actor.scope,
          unitId: input.unitId,
          includeLeft: false,
          limit: PEOPLE_PAGE,
          offset,
        });
        await repo.insertEvaluations(
          tx,
          people.map((p) => ({ periodId: row.id, cadreId: p.id, unitId: p.unitId! })),
        );
        count += people.length;
        if (people.length < PEOPLE_PAGE) break;
      }
      await audit.record(tx, actor, {
        action: "evaluation_period.opened",
        entityType: "evaluation_period",
        entityId: row.id,
        after: {
          unitId: row.unitId,
          schemeCode: row.schemeCode,
          schemeVersion: row.schemeVersion,
          validFrom: row.periodFrom,
          validTo: row.periodTo,
          evaluations: count,
        },
      });
      return row.id;
    });
    return (await periods(actor, { periodId: id }))[0]!;
  }

  async function periods(actor: Actor, filter: { unitId?: number; periodId?: number }): Promise<Period[]> {
    const rows = await repo.listPeriods(db, actor.scope, filter);
    return rows.map((r) => presentPeriod(r, templateOf(r)));
  }

  /** Periods of the units in scope, of a unit's subtree when given. */
  async function listPeriods(actor: Actor, query: z.output<typeof PeriodListQuerySchema>) {
    authorize(actor, "evaluations.read");
    if (query.unitId !== undefined && !(await units.isInScope(db, actor, query.unitId, clock.today())))
      throw new AppError(EvaluationErrors.EVALUATION_UNIT_NOT_FOUND);
    return { items: await periods(actor, query.unitId === undefined ? {} : { unitId: query.unitId }) };
  }

  async function periodInScope(actor: Actor, id: number): Promise<Period> {
    authorize(actor, "evaluations.read");
    const [found] = await periods(actor, { periodId: id });
    if (!found) throw new AppError(EvaluationErrors.EVALUATION_PERIOD_NOT_FOUND);
    return found;
  }

  /** The head's view: the period, its distribution by state and grade, the quota for one more top grade. */
  async function period(actor: Actor, id: number) {
    const found = await periodInScope(actor, id);
    const [byState, byGrade] = await Promise.all([repo.stateCounts(db, id), repo.gradeCounts(db, id)]);
    const rule = templateOf(found).quota;
    const quota = rule
      ? presentVerdict(rule, checkQuota(rule, { others: byGrade, allStaff: found.evaluationCount }))
      : null;
    return { ...found, distribution: { byState, byGrade }, quota };
  }

  /** The period's forms (all in scope: the period's unit is); in a state when asked (the reviewer's queue). */
  async function listEvaluations(
    actor: Actor,
    id: number,
    query: z.output<typeof EvaluationListQuerySchema>,
  ) {
    await periodInScope(actor, id);
    const rows = await repo.listEvaluations(db, id, query.state ? { state: query.state } : {});
    return { items: rows.map(presentEvaluation) };
  }

  /** Closes a period: every approved form is locked (the chain's `system` step); nothing else changes after. */
  async function closePeriod(actor: Actor, id: number): Promise<Period> {
    authorize(actor, "evaluations.manage");
    const now = clock.now();
    await db.transaction(async (tx) => {
      const period = await repo.getPeriod(tx, id, "update");
      if (!period || !(await units.isInScope(tx, actor, period.unitId, lastDayOf(period))))
        throw new AppError(EvaluationErrors.EVALUATION_PERIOD_NOT_FOUND);
      if (period.status === "closed") throw new AppError(EvaluationErrors.EVALUATION_PERIOD_CLOSED);
      const lock = chainMove("standard", "approved", "lock", ["system"]);
      if (!lock.ok) throw refusalError(lock.refusal);
      await repo.closePeriod(tx, id, now);
      const locked = await repo.lockApproved(tx, id, now);
      await repo.insertEvents(
        tx,
        locked.map((evaluationId) => ({
          evaluationId,
          action: "lock",
          fromState: "approved",
          toState: lock.to,
          actorId: actor.userId,
          at: now,
        })),
      );
      await audit.record(
        tx,
        actor,
        {
          action: "evaluation_period.closed",
          entityType: "evaluation_period",
          entityId: id,
          after: { locked: locked.length },
        },
        ...locked.map((evaluationId) => ({
          action: "evaluation.locked" as const,
          entityType: "evaluation",
          entityId: evaluationId,
          before: { state: "approved" },
          after: { state: lock.to, periodId: id },
        })),
      );
    });
    return (await periods(actor, { periodId: id }))[0]!;
  }

  return { openPeriod, periods, listPeriods, period, listEvaluations, closePeriod };
}

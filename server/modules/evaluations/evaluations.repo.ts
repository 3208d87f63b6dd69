import { and, asc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { ChainState } from "../../../common/rules/evaluation/chain.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { intArray, isoDate } from "../cadres/index.ts";
import { evaluationEvents, evaluationPeriods, evaluations } from "./schema.ts";

/** Queries of the evaluation tables. Every function takes the executor (db or transaction) first. */

export type PeriodRow = typeof evaluationPeriods.$inferSelect;
export type EvaluationRow = typeof evaluations.$inferSelect;
export type EventRow = typeof evaluationEvents.$inferSelect;
export type NamedEvaluationRow = EvaluationRow & {
  fullName: string;
  staffCode: string;
  unitName: string | null;
};

/** The period's row; `lock` takes a row lock until the transaction ends (share: a change; update: a decision). */
export async function getPeriod(
  tx: Executor,
  id: number,
  lock?: "share" | "update",
): Promise<PeriodRow | undefined> {
  const query = tx.select().from(evaluationPeriods).where(eq(evaluationPeriods.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function insertPeriod(tx: Executor, values: typeof evaluationPeriods.$inferInsert) {
  const [row] = await tx.insert(evaluationPeriods).values(values).onConflictDoNothing().returning();
  return row;
}

export async function closePeriod(tx: Executor, id: number, now: Date): Promise<PeriodRow> {
  const [row] = await tx
    .update(evaluationPeriods)
    .set({ status: "closed", closedAt: now })
    .where(eq(evaluationPeriods.id, id))
    .returning();
  return row!;
}

/** "the unit lies in the scope on the period's last day", for the period alias p. */
function periodInScope(scope: Actor["scope"]): SQL {
  if (scope === "all") return sql`TRUE`;
  return sql`EXISTS (SELECT 1 FROM unit_closure c
    WHERE c.descendant_id = p.unit_id AND c.ancestor_id = ANY(${intArray(scope)})
      AND c.valid_from <= p.period_to - 1 AND (c.valid_to IS NULL OR c.valid_to > p.period_to - 1))`;
}

export type PeriodListRow = PeriodRow & { unitName: string | null; evaluationCount: number };

/** Periods of the units in scope (on each period's last day), of a unit's subtree when given, newest first. */
export async function listPeriods(
  tx: Executor,
  scope: Actor["scope"],
  filter: { unitId?: number; periodId?: number },
): Promise<PeriodListRow[]> {
  const where: SQL[] = [periodInScope(scope)];
  if (filter.periodId !== undefined) where.push(sql`p.id = ${filter.periodId}`);
  if (filter.unitId !== undefined)
    where.push(sql`EXISTS (SELECT 1 FROM unit_closure c
      WHERE c.descendant_id = p.unit_id AND c.ancestor_id = ${filter.unitId}
        AND c.valid_from <= p.period_to - 1 AND (c.valid_to IS NULL OR c.valid_to > p.period_to - 1))`);
  const result = await tx.execute<PeriodListRow>(sql`
    SELECT p.id, p.unit_id AS "unitId", p.scheme_code AS "schemeCode", p.scheme_version::text AS "schemeVersion",
           p.period_kind AS "periodKind", p.period_from::text AS "periodFrom", p.period_to::text AS "periodTo",
           p.status, p.self_assessment_due::text AS "selfAssessmentDue", p.approval_due::text AS "approvalDue",
           p.opened_by AS "openedBy", p.opened_at AS "openedAt", p.closed_at AS "closedAt",
           ${unitNameOn(sql`p.unit_id`, sql`p.period_to - 1`)} AS "unitName",
           (SELECT count(*)::int FROM evaluations e WHERE e.period_id = p.id) AS "evaluationCount"
    FROM evaluation_periods p
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY p.period_from DESC, p.id DESC
    LIMIT 1000`);
  return result.rows;
}

/** The unit's name on day d (the version holding then, else its nearest). */
function unitNameOn(unitId: SQL, d: SQL): SQL {
  return sql`(SELECT v.name FROM unit_versions v WHERE v.unit_id = ${unitId}
    ORDER BY (v.valid_from <= ${d} AND (v.valid_to IS NULL OR v.valid_to > ${d})) DESC, v.valid_from DESC LIMIT 1)`;
}

export async function insertEvaluations(
  tx: Executor,
  rows: readonly { periodId: number; cadreId: number; unitId: number }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(evaluations).values(rows.slice(i, i + 1000));
}

export async function getEvaluation(
  tx: Executor,
  id: number,
  lock?: "update",
): Promise<EvaluationRow | undefined> {
  const query = tx.select().from(evaluations).where(eq(evaluations.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function evaluationOf(
  tx: Executor,
  periodId: number,
  cadreId: number,
): Promise<EvaluationRow | undefined> {
  const [row] = await tx
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.periodId, periodId), eq(evaluations.cadreId, cadreId)));
  return row;
}

/** The period's forms with the person's name, in a state when given, by name. */
export async function listEvaluations(
  tx: Executor,
  periodId: number,
  filter: { state?: ChainState; ids?: readonly number[] },
): Promise<NamedEvaluationRow[]> {
  const where: SQL[] = [sql`e.period_id = ${periodId}`];
  if (filter.state) where.push(sql`e.state = ${filter.state}`);
  if (filter.ids) where.push(sql`e.id = ANY(${intArray(filter.ids)})`);
  const result = await tx.execute<NamedEvaluationRow>(sql`
    SELECT e.id, e.period_id AS "periodId", e.cadre_id AS "cadreId", e.unit_id AS "unitId", e.state, e.scores,
           e.total::float8 AS total, e.grade, e.disqualifier, e.reviewer_comment AS "reviewerComment",
           e.quota_override_reason AS "quotaOverrideReason", e.version, e.created_at AS "createdAt",
           e.updated_at AS "updatedAt", c.full_name AS "fullName", c.staff_code AS "staffCode",
           ${unitNameOn(sql`e.unit_id`, sql`p.period_to - 1`)} AS "unitName"
    FROM evaluations e
    JOIN cadres c ON c.id = e.cadre_id
    JOIN evaluation_periods p ON p.id = e.period_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY c.sort_key COLLATE "C", e.id`);
  return result.rows;
}

/** Grades proposed (reviewed) or decided (approved, locked) in the period, one form left out. */
export async function gradeCounts(
  tx: Executor,
  periodId: number,
  leaveOut?: number,
): Promise<Record<string, number>> {
  const rows = await tx
    .select({ grade: evaluations.grade, n: sql<number>`count(*)::int` })
    .from(evaluations)
    .where(
      and(
        eq(evaluations.periodId, periodId),
        inArray(evaluations.state, ["reviewed", "approved", "locked"]),
        leaveOut === undefined ? undefined : ne(evaluations.id, leaveOut),
        sql`${evaluations.grade} IS NOT NULL`,
      ),
    )
    .groupBy(evaluations.grade);
  return Object.fromEntries(rows.map((r) => [r.grade!, r.n]));
}

export async function stateCounts(tx: Executor, periodId: number): Promise<Record<string, number>> {
  const rows = await tx
    .select({ state: evaluations.state, n: sql<number>`count(*)::int` })
    .from(evaluations)
    .where(eq(evaluations.periodId, periodId))
    .groupBy(evaluations.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Writes the changes and bumps the version; the caller holds the row lock and checked the version. */
export async function updateEvaluation(
  tx: Executor,
  id: number,
  values: Partial<typeof evaluations.$inferInsert>,
  now: Date,
): Promise<EvaluationRow> {
  const [row] = await tx
    .update(evaluations)
    .set({ ...values, version: sql`${evaluations.version} + 1`, updatedAt: now })
    .where(eq(evaluations.id, id))
    .returning();
  return row!;
}

/** The period's approved forms, locked (the period closes): their ids. */
export async function lockApproved(tx: Executor, periodId: number, now: Date): Promise<number[]> {
  const rows = await tx
    .update(evaluations)
    .set({ state: "locked", version: sql`${evaluations.version} + 1`, updatedAt: now })
    .where(and(eq(evaluations.periodId, periodId), eq(evaluations.state, "approved")))
    .returning({ id: evaluations.id });
  return rows.map((r) => r.id);
}

export async function insertEvents(tx: Executor, rows: (typeof evaluationEvents.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await tx.insert(evaluationEvents).values(rows.slice(i, i + 1000));
}

export async function eventsOf(tx: Executor, evaluationId: number): Promise<EventRow[]> {
  return tx
    .select()
    .from(evaluationEvents)
    .where(eq(evaluationEvents.evaluationId, evaluationId))
    .orderBy(asc(evaluationEvents.id));
}

/** Whether the unit exists on day d (a version of it holds then). */
export async function unitExistsOn(tx: Executor, unitId: number, d: string): Promise<boolean> {
  const result = await tx.execute(sql`SELECT 1 FROM unit_versions v WHERE v.unit_id = ${unitId}
    AND v.valid_from <= ${isoDate(d)}::date AND (v.valid_to IS NULL OR v.valid_to > ${d}::date) LIMIT 1`);
  return result.rows.length > 0;
}

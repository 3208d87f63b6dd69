import type { Evaluation, Period, QuotaVerdictView } from "../../../common/contracts/evaluations.ts";
import type { EvaluationPeriodKind, EvaluationPeriodStatus } from "../../../common/enums/evaluations.ts";
import type { ChainState } from "../../../common/rules/evaluation/chain.ts";
import { QUOTA_MESSAGES, type QuotaVerdict } from "../../../common/rules/evaluation/quota.ts";
import type { Grade, QuotaRule, SchemeTemplate } from "../../../common/rules/evaluation/scheme.ts";
import type { NamedEvaluationRow, PeriodListRow } from "./evaluations.repo.ts";

const iso = (v: Date | string | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

export function presentPeriod(row: PeriodListRow, template: SchemeTemplate | undefined): Period {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    schemeCode: row.schemeCode,
    schemeVersion: row.schemeVersion,
    schemeName: template?.name ?? row.schemeCode,
    periodKind: row.periodKind as EvaluationPeriodKind,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    status: row.status as EvaluationPeriodStatus,
    selfAssessmentDue: row.selfAssessmentDue,
    approvalDue: row.approvalDue,
    openedAt: iso(row.openedAt)!,
    closedAt: iso(row.closedAt),
    evaluationCount: row.evaluationCount,
  };
}

export function presentEvaluation(row: NamedEvaluationRow): Evaluation {
  return {
    id: row.id,
    periodId: row.periodId,
    cadreId: row.cadreId,
    fullName: row.fullName,
    staffCode: row.staffCode,
    unitId: row.unitId,
    unitName: row.unitName,
    state: row.state as ChainState,
    scores: (row.scores as Record<string, unknown> | null) ?? null,
    total: row.total === null ? null : Number(row.total),
    grade: (row.grade as Grade | null) ?? null,
    disqualifier: row.disqualifier,
    reviewerComment: row.reviewerComment,
    quotaOverrideReason: row.quotaOverrideReason,
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
  };
}

export function presentVerdict(rule: QuotaRule, verdict: QuotaVerdict): QuotaVerdictView {
  const cause = verdict.refusal ?? verdict.warnings[0];
  return {
    grade: rule.grade,
    ...verdict,
    ...(cause ? { message: QUOTA_MESSAGES[cause] } : {}),
  };
}

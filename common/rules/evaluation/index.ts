/**
 * Evaluation (đánh giá, xếp loại chất lượng), the pure rules (DOMAIN §3; docs/evaluation.md): schemes as dated
 * templates and the one in force, form totals and grades with disqualifiers, Decree 335 task results from
 * products, the top-grade quota, the review chain, the annual grade.
 */
export {
  type AnnualResult,
  annualByAverage,
  annualByMonthlyGrades,
  annualDecided,
  type MonthGrade,
  type PartialYearLimit,
  type PeriodScore,
  partialYearLimit,
  type WorkingTime,
} from "./annual.ts";
export {
  CHAIN_ACTIONS,
  CHAIN_EDGES,
  CHAIN_KINDS,
  CHAIN_REFUSAL_MESSAGES,
  CHAIN_REFUSALS,
  CHAIN_ROLES,
  CHAIN_STATE_LABELS,
  CHAIN_STATES,
  type ChainAction,
  type ChainKind,
  type ChainMove,
  type ChainRefusal,
  type ChainRole,
  type ChainState,
  canEditIn,
  chainMove,
} from "./chain.ts";
export { defaultDeadlines, type EvaluationPeriod, periodStarting } from "./period.ts";
export {
  checkQuota,
  type GradeCounts,
  QUOTA_MESSAGES,
  type QuotaQuestion,
  type QuotaVerdict,
  quotaAllowed,
} from "./quota.ts";
export {
  type AnnualRule,
  type CriterionNode,
  GRADES,
  type Grade,
  type GradeBand,
  leavesOf,
  type QuotaRule,
  type SchemeChoice,
  type SchemePick,
  type SchemeTemplate,
  schemeInForce,
  templateProblems,
  templateVersionOn,
} from "./scheme.ts";
export {
  type BandFacts,
  DISCIPLINE_FORMS,
  DISQUALIFIER_LABELS,
  type Disqualification,
  type DisqualifierFacts,
  disqualificationsFor,
  EvaluationRuleError,
  type FilledForm,
  FORM_PROBLEM_MESSAGES,
  type FormProblem,
  type FormScore,
  type GradeResult,
  gradeOf,
  proposedCompletionPoints,
  scoreForm,
} from "./scoring.ts";
export {
  type LeaderFacts,
  type ProductResult,
  productWeight,
  type TaskResults,
  taskResultsOf,
} from "./task-results.ts";
export {
  DECREE_90_ANNUAL,
  DECREE_335_MONTHLY,
  DECREE_335_QUARTERLY,
  DEFAULT_SCHEME_CHOICES,
  HANOI_3814_MONTHLY_2022,
  HANOI_3814_MONTHLY_2026,
  PARTY_366_QUARTERLY,
  SHIPPED_TEMPLATES,
} from "./templates.ts";

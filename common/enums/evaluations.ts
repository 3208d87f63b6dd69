/** The length of an evaluation period (DOMAIN §3: monthly or quarterly scoring). */
export const EVALUATION_PERIOD_KINDS = ["month", "quarter"] as const;
export type EvaluationPeriodKind = (typeof EVALUATION_PERIOD_KINDS)[number];

/** An open period takes self-assessments and decisions; a closed one is locked until a recorded reopening. */
export const EVALUATION_PERIOD_STATUSES = ["open", "closed"] as const;
export type EvaluationPeriodStatus = (typeof EVALUATION_PERIOD_STATUSES)[number];

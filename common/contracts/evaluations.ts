import { z } from "zod";
import { EVALUATION_PERIOD_KINDS, EVALUATION_PERIOD_STATUSES } from "../enums/evaluations.ts";
import { CHAIN_STATES } from "../rules/evaluation/chain.ts";
import { GRADES } from "../rules/evaluation/scheme.ts";
import { IdSchema, INT4_MAX, IsoDateSchema, TextSchema, wholeNumberSchema } from "./common.ts";

/** Evaluation periods and forms (DOMAIN §3; docs/evaluation.md): requests and answers of /api/evaluations. */

const note = (max: number) => TextSchema.trim().max(max, `Tối đa ${max} ký tự`);
const VersionSchema = wholeNumberSchema(1, INT4_MAX).describe("The version read (optimistic concurrency)");

/** Opens a period for a unit's subtree under a shipped scheme. */
export const OpenPeriodSchema = z
  .object({
    unitId: IdSchema.describe("The unit whose people (main post on the period's last day) are evaluated"),
    schemeCode: TextSchema.trim().min(1, "Chọn mẫu đánh giá").max(100).describe("e.g. decree-335-monthly"),
    periodFrom: IsoDateSchema.describe("First day of the month, or of the quarter"),
  })
  .strict();
export type OpenPeriodInput = z.input<typeof OpenPeriodSchema>;

export const PeriodIdParamsSchema = z.object({ id: IdSchema });
export const EvaluationIdParamsSchema = z.object({ id: IdSchema });

export const PeriodListQuerySchema = z.object({
  unitId: IdSchema.optional().describe("Periods of this unit and of the units under it"),
});

export const EvaluationListQuerySchema = z.object({
  state: z.enum(CHAIN_STATES).optional().describe("submitted: the reviewer's queue; reviewed: the head's"),
});

/** One line of a form: the points given, the written reason of a bonus or deduction, the completion share. */
export const FormLineSchema = z
  .object({
    points: z.number().finite().min(-1000).max(1000),
    reason: note(1000).optional(),
    completionSharePercent: z.number().finite().min(0).max(100).optional(),
  })
  .strict();

/** The form: criterion code → its line (codes of the period's scheme, checked by scoreForm). */
export const ScoresSchema = z.record(TextSchema.max(50), FormLineSchema);

export const SaveScoresSchema = z.object({ version: VersionSchema, scores: ScoresSchema }).strict();
export const SubmitSchema = z.object({ version: VersionSchema }).strict();
export const ReviewSchema = z
  .object({
    version: VersionSchema,
    scores: ScoresSchema.optional().describe("The reviewer's scores; the person's own when absent"),
    comment: note(2000).optional(),
  })
  .strict();
export const ReturnSchema = z
  .object({ version: VersionSchema, comment: note(2000).optional().describe("Required: what to correct") })
  .strict();
export const ApproveSchema = z
  .object({
    version: VersionSchema,
    quotaOverrideReason: note(2000)
      .optional()
      .describe("Granting the top grade past the quota: the written reason of the override"),
  })
  .strict();
export const ReopenSchema = z
  .object({ version: VersionSchema, reason: note(2000).optional().describe("Required") })
  .strict();

export const PeriodSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string().nullable(),
  schemeCode: z.string(),
  schemeVersion: z.string(),
  schemeName: z.string(),
  periodKind: z.enum(EVALUATION_PERIOD_KINDS),
  /** Half-open: [periodFrom, periodTo). */
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(EVALUATION_PERIOD_STATUSES),
  selfAssessmentDue: z.string(),
  approvalDue: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** How many people the period evaluates. */
  evaluationCount: z.number(),
});
export type Period = z.infer<typeof PeriodSchema>;
export const PeriodListSchema = z.object({ items: z.array(PeriodSchema) });

/** What the head sees before granting the capped grade to one more person (checkQuota's verdict). */
export const QuotaVerdictSchema = z.object({
  grade: z.enum(GRADES),
  decision: z.enum(["within_quota", "granted_by_override", "refused"]),
  refusal: z.string().optional(),
  allowed: z.number(),
  used: z.number(),
  base: z.number(),
  exception: z
    .object({ allowed: z.number().nullable(), used: z.number(), base: z.number(), label: z.string() })
    .optional(),
  warnings: z.array(z.string()),
  citation: z.string(),
  message: z.string().optional(),
});
export type QuotaVerdictView = z.infer<typeof QuotaVerdictSchema>;

export const DistributionSchema = z.object({
  byState: z.record(z.string(), z.number()),
  /** Grades proposed (reviewed) or decided (approved, locked). */
  byGrade: z.record(z.string(), z.number()),
});

export const PeriodDetailSchema = PeriodSchema.extend({
  distribution: DistributionSchema,
  /** One more person at the capped grade; null when the scheme has no quota. */
  quota: QuotaVerdictSchema.nullable(),
});

export const EvaluationSchema = z.object({
  id: z.number(),
  periodId: z.number(),
  cadreId: z.number(),
  fullName: z.string(),
  staffCode: z.string(),
  unitId: z.number(),
  unitName: z.string().nullable(),
  state: z.enum(CHAIN_STATES),
  scores: z.record(z.string(), z.unknown()).nullable(),
  total: z.number().nullable(),
  grade: z.enum(GRADES).nullable(),
  disqualifier: z.string().nullable(),
  reviewerComment: z.string().nullable(),
  quotaOverrideReason: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;
export const EvaluationListSchema = z.object({ items: z.array(EvaluationSchema) });

export const EvaluationEventSchema = z.object({
  action: z.string(),
  fromState: z.string(),
  toState: z.string(),
  actorId: z.number().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});

export const EvaluationDetailSchema = EvaluationSchema.extend({
  period: PeriodSchema,
  events: z.array(EvaluationEventSchema),
  /** For a reviewed form at the capped grade: the verdict the head sees before approving. */
  quota: QuotaVerdictSchema.nullable(),
});
export type EvaluationDetail = z.infer<typeof EvaluationDetailSchema>;

import { z } from "zod";
import { isIsoDate } from "../rules/dates.ts";

/** A calendar date YYYY-MM-DD that exists. */
export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, { message: "Ngày không hợp lệ (định dạng YYYY-MM-DD)" })
  .describe("Calendar date, YYYY-MM-DD");

export const IdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** The problem+json body of every error. */
export const ProblemSchema = z.object({
  type: z.string(),
  code: z.string().describe("Stable error code, e.g. UNIT_NOT_FOUND"),
  message: z.string().describe("Message in the client's language (Vietnamese by default)"),
  details: z.unknown().optional(),
  requestId: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The error responses of most routes, for their OpenAPI schemas (modules add the odd one, e.g. 413). */
export const ERROR_RESPONSES = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

/** A reason for a change, kept in the audit trail. */
export const ReasonSchema = z.string().trim().max(1000).optional();

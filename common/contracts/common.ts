import { z } from "zod";
import { DATE_YEAR_MAX, DATE_YEAR_MIN, isIsoDate } from "../rules/dates.ts";

// The primitives every request schema is built from. Bad input must stop here with a 400 naming the
// field: what gets past them reaches PostgreSQL, which refuses it with an error (a 500) or, worse,
// stores something else than what was sent.

/** Largest value of a PostgreSQL integer (int4) column: ids, counts, page numbers. */
export const INT4_MAX = 2_147_483_647;

/** Half of a UTF-16 surrogate pair standing alone. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when PostgreSQL can store the text as it is: a text column refuses NUL, and a lone surrogate is
 * no character at all (the driver would quietly store U+FFFD instead).
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

const UNSTORABLE_TEXT = "Văn bản chứa ký tự không hợp lệ (ký tự NUL hoặc mã UTF-16 lẻ)";

/** Free text as sent by a client; every text field of a request starts here (chain .trim(), .max(), …). */
export function textSchema(error?: string) {
  return z.string(error).refine(isStorableText, { message: UNSTORABLE_TEXT });
}
export const TextSchema = textSchema();

/** A calendar date YYYY-MM-DD that exists, in the years the records span. */
export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, {
    message: `Ngày không hợp lệ (định dạng YYYY-MM-DD, năm từ ${DATE_YEAR_MIN} đến ${DATE_YEAR_MAX})`,
  })
  .describe("Calendar date, YYYY-MM-DD");

/**
 * A whole number in [min, max]: a JSON number, or the decimal digits of a path or query parameter.
 * Not z.coerce, which takes true for 1, "" for 0, "1e3" for 1000 and "0x10" for 16.
 */
export function wholeNumberSchema(min: number, max: number, error = "Phải là số nguyên") {
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^-?\d{1,16}$/)
          .transform(Number),
      ],
      { error },
    )
    .pipe(z.number().int(error).min(min).max(max));
}

/** The id of a row: a positive int4. */
export const IdSchema = wholeNumberSchema(1, INT4_MAX, "Mã số phải là số nguyên dương");

/** Page numbers stop well before page × size leaves int4 (offsets) or the list's end. */
export const PAGE_MAX = 100_000;

export const PageQuerySchema = z.object({
  page: wholeNumberSchema(1, PAGE_MAX).default(1),
  pageSize: wholeNumberSchema(1, 500).default(50),
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
export const ReasonSchema = TextSchema.trim().max(1000).optional();

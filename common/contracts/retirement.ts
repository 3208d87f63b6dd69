import { z } from "zod";
import { SEXES } from "../enums/cadres.ts";
import { BIRTH_DATE_PRECISIONS } from "../rules/birth-date.ts";
import { RETIREMENT_OVERRIDE_KINDS } from "../rules/retirement-override.ts";
import { IdSchema, IsoDateSchema, PAGE_MAX, ReasonSchema, TextSchema, wholeNumberSchema } from "./common.ts";

/** Retirement (DOMAIN §6): per-person overrides of the statutory date, and the "retiring soon" list. */

const optText = (max: number) =>
  TextSchema.trim()
    .max(max, `Tối đa ${max} ký tự`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** A new override: from a date, a retirement date or an age, on a legal basis with its document. */
export const RetirementOverrideInputSchema = z
  .object({
    validFrom: IsoDateSchema.describe("From when the override holds (usually the decision's effective date)"),
    kind: z.enum(RETIREMENT_OVERRIDE_KINDS, "Chọn căn cứ pháp lý"),
    retirementDate: IsoDateSchema.nullable().optional().describe("The last working day it sets"),
    ageMonths: wholeNumberSchema(480, 960, "Tuổi nghỉ hưu (tháng) phải từ 480 đến 960")
      .nullable()
      .optional()
      .describe("Or the retirement age in months (the date is the end of the month it is reached)"),
    documentRef: TextSchema.trim()
      .min(1, "Nhập số văn bản, quyết định")
      .max(100, "Số văn bản tối đa 100 ký tự")
      .describe("Number of the decision or document"),
    documentDate: IsoDateSchema.nullable().optional(),
    note: optText(500),
    reason: ReasonSchema,
  })
  .strict();
export type RetirementOverrideInput = z.input<typeof RetirementOverrideInputSchema>;

export const RetirementOverrideRowSchema = z.object({
  id: z.number(),
  validFrom: z.string(),
  kind: z.enum(RETIREMENT_OVERRIDE_KINDS),
  retirementDate: z.string().nullable(),
  ageMonths: z.number().nullable(),
  documentRef: z.string(),
  documentDate: z.string().nullable(),
  note: z.string().nullable(),
  /** The retirement date it sets for this person (null for "statutory"). */
  effectiveDate: z.string().nullable(),
});
export type RetirementOverrideRow = z.infer<typeof RetirementOverrideRowSchema>;
export const RetirementOverrideListSchema = z.object({ items: z.array(RetirementOverrideRowSchema) });

export const RetiringQuerySchema = z.object({
  asOf: IsoDateSchema.optional().describe("Today when absent"),
  within: wholeNumberSchema(1, 24, "Số tháng phải từ 1 đến 24")
    .default(6)
    .describe("Months ahead: 6 (inform the person) or 3 (decide), the notice rule; up to 24"),
  unitId: IdSchema.optional().describe("People whose main post on asOf is in this unit's subtree"),
  overdue: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe(
      "Instead: the people past their retirement date whose records have no end of service (a data-quality list; the figures leave them out)",
    ),
  page: wholeNumberSchema(1, PAGE_MAX).default(1),
  pageSize: wholeNumberSchema(1, 200).default(50),
});
export type RetiringQuery = z.infer<typeof RetiringQuerySchema>;

export const RetiringExportQuerySchema = RetiringQuerySchema.omit({ page: true, pageSize: true });

const Ref = z.object({ id: z.number(), name: z.string() });

export const RetiringItemSchema = z.object({
  id: z.number(),
  staffCode: z.string(),
  fullName: z.string(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  birthDatePrecision: z.enum(BIRTH_DATE_PRECISIONS),
  unit: Ref.nullable(),
  title: Ref.nullable(),
  retirementDate: z.string().describe("Last working day"),
  pensionFrom: z.string(),
  statutoryDate: z.string(),
  ageMonths: z.number().describe("Retirement age in months (the statutory one when an override sets a date)"),
  overrideKind: z.enum(RETIREMENT_OVERRIDE_KINDS).nullable(),
  informBy: z.string().describe("Last day to inform the person (notice rule)"),
  decideBy: z.string().describe("Last day to issue the retirement decision (notice rule)"),
});
export type RetiringItem = z.infer<typeof RetiringItemSchema>;

export const RetiringPageSchema = z.object({
  asOf: z.string(),
  within: z.number(),
  /** The list of people past their retirement date with no end of service, not of those retiring soon. */
  overdue: z.boolean(),
  /** The last retirement date the list reaches (asOf + within months). */
  until: z.string(),
  notice: z.object({ informMonths: z.number(), decideMonths: z.number(), citation: z.string() }),
  items: z.array(RetiringItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type RetiringPage = z.infer<typeof RetiringPageSchema>;

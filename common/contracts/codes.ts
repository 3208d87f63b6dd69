import { z } from "zod";
import { CODE_LISTS } from "../enums/cadres.ts";
import { IsoDateSchema, ReasonSchema, TextSchema } from "./common.ts";

/** One entry of an editable code list (qualification levels, ethnicities, religions…). */
export const CodeSchema = z.object({
  list: z.enum(CODE_LISTS),
  code: z.string(),
  name: z.string().describe("Vietnamese name"),
  nameEn: z.string().nullable(),
  rank: z.number().describe("Order of levels in the list: higher is a higher level"),
  isActive: z.boolean().describe("Inactive codes stay on old records but are not offered for new ones"),
  validFrom: z.string().nullable().describe("First day the entry is in force; null: since the beginning"),
  validTo: z.string().nullable().describe("First day it no longer is; null: still in force"),
  basis: z.string().nullable().describe("The act that sets the entry, when there is one"),
});
export type Code = z.infer<typeof CodeSchema>;

export const CodeListQuerySchema = z.object({
  list: z.enum(CODE_LISTS).optional().describe("One list; all lists when absent"),
  asOf: IsoDateSchema.optional().describe("Only the entries in force on this date; every entry when absent"),
  includeInactive: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("Also return deactivated codes"),
});
export type CodeListQuery = z.infer<typeof CodeListQuerySchema>;

export const CodeListResponseSchema = z.object({
  items: z.array(CodeSchema).describe("Ordered by list, then rank, then code"),
});
export type CodeListResponse = z.infer<typeof CodeListResponseSchema>;

const CodeNameSchema = TextSchema.trim().min(1, "Tên mã không được để trống").max(255);
const BasisSchema = TextSchema.trim()
  .min(1)
  .max(500)
  .describe("The act that sets the entry (“Thông tư 03/2021/TT-BGDĐT”)");

export const CreateCodeSchema = z
  .object({
    list: z.enum(CODE_LISTS),
    code: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[0-9A-Za-z._-]+$/, "Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới"),
    name: CodeNameSchema,
    nameEn: TextSchema.trim().max(255).nullable().optional(),
    rank: z.number().int().min(0).max(10_000).default(0),
    validFrom: IsoDateSchema.nullable()
      .optional()
      .describe("First day in force; since the beginning when absent"),
    validTo: IsoDateSchema.nullable().optional().describe("First day no longer in force; open when absent"),
    basis: BasisSchema.nullable().optional(),
    reason: ReasonSchema,
  })
  .strict();
export type CreateCodeInput = z.input<typeof CreateCodeSchema>;

export const UpdateCodeSchema = z
  .object({
    name: CodeNameSchema.optional().describe("Rename"),
    nameEn: TextSchema.trim().max(255).nullable().optional(),
    rank: z.number().int().min(0).max(10_000).optional(),
    isActive: z.boolean().optional().describe("false deactivates the code"),
    validFrom: IsoDateSchema.nullable().optional().describe("First day in force; null: since the beginning"),
    validTo: IsoDateSchema.nullable()
      .optional()
      .describe("First day no longer in force (the list changes on that day); null reopens it"),
    basis: BasisSchema.nullable().optional(),
    reason: ReasonSchema,
  })
  .strict();
export type UpdateCodeInput = z.infer<typeof UpdateCodeSchema>;

export const CodeParamsSchema = z.object({ list: z.enum(CODE_LISTS), code: TextSchema.min(1).max(32) });

/**
 * A correction of a shipped list: an entry that was wrong, as it was, and the code that carries its meaning
 * now. Values stored before the correction day were moved to the new code; values written before it
 * elsewhere (files, the audit trail) read through this table.
 */
export const CodeCorrectionSchema = z.object({
  list: z.enum(CODE_LISTS),
  oldCode: z.string(),
  oldName: z.string(),
  newCode: z.string(),
  newName: z.string().nullable().describe("The new code's name today"),
  correctedOn: z.string().describe("The day stored values were moved to the new code"),
  basis: z.string(),
});
export type CodeCorrection = z.infer<typeof CodeCorrectionSchema>;

export const CodeCorrectionQuerySchema = z.object({
  list: z.enum(CODE_LISTS).optional().describe("One list; all lists when absent"),
});
export type CodeCorrectionQuery = z.infer<typeof CodeCorrectionQuerySchema>;

export const CodeCorrectionListSchema = z.object({
  items: z.array(CodeCorrectionSchema).describe("Ordered by list, then day, then old code"),
});
export type CodeCorrectionList = z.infer<typeof CodeCorrectionListSchema>;

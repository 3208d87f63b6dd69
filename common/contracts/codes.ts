import { z } from "zod";
import { CODE_LISTS } from "../enums/cadres.ts";
import { ReasonSchema, TextSchema } from "./common.ts";

/** One entry of an editable code list (qualification levels, ethnicities, religions…). */
export const CodeSchema = z.object({
  list: z.enum(CODE_LISTS),
  code: z.string(),
  name: z.string().describe("Vietnamese name"),
  nameEn: z.string().nullable(),
  rank: z.number().describe("Order of levels in the list: higher is a higher level"),
  isActive: z.boolean().describe("Inactive codes stay on old records but are not offered for new ones"),
});
export type Code = z.infer<typeof CodeSchema>;

export const CodeListQuerySchema = z.object({
  list: z.enum(CODE_LISTS).optional().describe("One list; all lists when absent"),
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
    reason: ReasonSchema,
  })
  .strict();
export type UpdateCodeInput = z.infer<typeof UpdateCodeSchema>;

export const CodeParamsSchema = z.object({ list: z.enum(CODE_LISTS), code: TextSchema.min(1).max(32) });

import { z } from "zod";
import { TITLE_LEVELS } from "../enums/cadres.ts";
import { BLOCS } from "../enums/units.ts";
import { IdSchema, IsoDateSchema, ReasonSchema, TextSchema } from "./common.ts";

/** A title of the catalogue (chức danh). */
export const TitleSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: z.enum(TITLE_LEVELS),
  isLeadership: z.boolean(),
  isKey: z.boolean().describe("Key post (chủ chốt)"),
  isSensitive: z.boolean().describe("Subject to periodic position change (Decree 59/2019)"),
  rank: z.number().describe("Order within the catalogue: lower is higher"),
  bloc: z.enum(BLOCS).nullable(),
  attributesFrom: z
    .string()
    .nullable()
    .describe("First day the level, leadership, key and sensitive shown hold; null: since the beginning"),
});
export type Title = z.infer<typeof TitleSchema>;

export const TitleListQuerySchema = z.object({
  level: z.enum(TITLE_LEVELS).optional().describe("Titles of this level on the date"),
  asOf: IsoDateSchema.optional().describe("The date whose attributes are shown; today when absent"),
});
export type TitleListQuery = z.infer<typeof TitleListQuerySchema>;
export const TitleListSchema = z.object({ asOf: z.string(), items: z.array(TitleSchema) });
export type TitleList = z.infer<typeof TitleListSchema>;

const TitleNameSchema = TextSchema.trim().min(1, "Tên chức danh không được để trống").max(255);

export const CreateTitleSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[0-9a-z._-]+$/, "Mã chức danh: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới"),
    name: TitleNameSchema,
    nameEn: TextSchema.trim().max(255).nullable().optional(),
    level: z.enum(TITLE_LEVELS),
    isLeadership: z.boolean().default(false),
    isKey: z.boolean().default(false),
    isSensitive: z.boolean().default(false),
    rank: z.number().int().min(0).max(10_000).default(100),
    bloc: z.enum(BLOCS).nullable().optional(),
    reason: ReasonSchema,
  })
  .strict();
export type CreateTitleInput = z.input<typeof CreateTitleSchema>;

export const UpdateTitleSchema = z
  .object({
    name: TitleNameSchema.optional(),
    nameEn: TextSchema.trim().max(255).nullable().optional(),
    level: z.enum(TITLE_LEVELS).optional(),
    isLeadership: z.boolean().optional(),
    isKey: z.boolean().optional(),
    isSensitive: z.boolean().optional(),
    rank: z.number().int().min(0).max(10_000).optional(),
    bloc: z.enum(BLOCS).nullable().optional(),
    effectiveFrom: IsoDateSchema.optional().describe(
      "First day a changed level, leadership, key or sensitive flag holds (today when absent); earlier dates keep the old values",
    ),
    reason: ReasonSchema,
  })
  .strict();
export type UpdateTitleInput = z.input<typeof UpdateTitleSchema>;

export const TitleIdParamsSchema = z.object({ id: IdSchema });

/** A seat: a title in a unit with a quota, over a period (DESIGN §4.3). */
export const SeatSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string().describe("The unit's name as of the date asked"),
  titleId: z.number(),
  titleName: z.string(),
  quota: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable().describe("First day the seat no longer exists"),
  occupied: z.number().describe("People assigned to the seat on the date asked"),
});
export type Seat = z.infer<typeof SeatSchema>;

export const SeatListQuerySchema = z.object({
  unitId: IdSchema.describe("The unit whose seats are listed"),
  asOf: IsoDateSchema.optional().describe("Today (Asia/Ho_Chi_Minh) when absent"),
  subtree: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("Also the seats of the units below"),
  includeEnded: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("Also seats that do not exist on the date"),
});
export type SeatListQuery = z.infer<typeof SeatListQuerySchema>;
export const SeatListSchema = z.object({ asOf: z.string(), items: z.array(SeatSchema) });
export type SeatList = z.infer<typeof SeatListSchema>;

export const CreateSeatSchema = z
  .object({
    unitId: IdSchema,
    titleId: IdSchema,
    quota: z.number().int().min(0).max(1000).default(1),
    validFrom: IsoDateSchema.describe("First day the seat exists"),
    reason: ReasonSchema,
  })
  .strict();
export type CreateSeatInput = z.input<typeof CreateSeatSchema>;

export const EndSeatSchema = z
  .object({
    endDate: IsoDateSchema.describe("First day on which the seat no longer exists"),
    reason: ReasonSchema,
  })
  .strict();
export type EndSeatInput = z.infer<typeof EndSeatSchema>;

export const SeatIdParamsSchema = z.object({ id: IdSchema });

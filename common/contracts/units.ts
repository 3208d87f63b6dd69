import { z } from "zod";
import { BLOCS, LINEAGE_KINDS, UNIT_KINDS } from "../enums/units.ts";
import { IdSchema, IsoDateSchema, ReasonSchema, TextSchema } from "./common.ts";
import { PlaceSchema } from "./places.ts";

export const UNIT_NAME_MAX = 255;

const UnitNameSchema = TextSchema.trim()
  .min(1, "Tên đơn vị không được để trống")
  .max(UNIT_NAME_MAX, `Tên đơn vị tối đa ${UNIT_NAME_MAX} ký tự`)
  .describe("Official name of the unit");

const UnitCodeSchema = z
  .string()
  .trim()
  .max(32, "Mã đơn vị tối đa 32 ký tự")
  .regex(/^[0-9A-Za-z._-]*$/, "Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới")
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional()
  .describe("Official code (statistics office code for territorial units)");

/** One node of the tree as of a date. */
export const UnitNodeSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  bloc: z.enum(BLOCS).nullable(),
  placeId: z.number().nullable().describe("The administrative place a territorial unit governs"),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type UnitNode = z.infer<typeof UnitNodeSchema>;

export const UnitTreeQuerySchema = z.object({
  asOf: IsoDateSchema.optional().describe("Date the tree is asked for; today (Asia/Ho_Chi_Minh) when absent"),
  rootId: IdSchema.optional().describe("Only this unit's subtree"),
});
export const UnitTreeSchema = z.object({ asOf: z.string(), nodes: z.array(UnitNodeSchema) });
export type UnitTree = z.infer<typeof UnitTreeSchema>;

export const UnitVersionSchema = z.object({
  name: z.string(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const UnitLinkSchema = z.object({
  id: z.number(),
  kind: z.enum(LINEAGE_KINDS),
  effectiveDate: z.string(),
  predecessorId: z.number(),
  predecessorName: z.string(),
  successorId: z.number(),
  successorName: z.string(),
  note: z.string().nullable(),
});

export const UnitDetailSchema = UnitNodeSchema.extend({
  asOf: z.string(),
  place: PlaceSchema.nullable().describe("The place it governs, in words"),
  history: z.array(UnitVersionSchema).describe("Names and parents over time, oldest first"),
  links: z.array(UnitLinkSchema).describe("Lineage: merges, splits, renames"),
  path: z
    .array(z.object({ id: z.number(), name: z.string() }))
    .describe("Ancestors as of the date, root first"),
});
export type UnitDetail = z.infer<typeof UnitDetailSchema>;

export const CreateUnitSchema = z
  .object({
    parentId: IdSchema.describe("Unit the new one is placed under"),
    name: UnitNameSchema,
    code: UnitCodeSchema,
    kind: z.enum(UNIT_KINDS),
    bloc: z.enum(BLOCS).nullable().optional(),
    placeId: IdSchema.nullable()
      .optional()
      .describe("Territorial units: the place it governs (GET /api/places)"),
    validFrom: IsoDateSchema.describe("Date the unit starts to exist"),
    reason: ReasonSchema,
  })
  .strict();
export type CreateUnitInput = z.infer<typeof CreateUnitSchema>;

/** A unit at the top of a tree (a province, a ministry): no parent. Only an administrator creates one. */
export const CreateRootUnitSchema = CreateUnitSchema.omit({ parentId: true });
export type CreateRootUnitInput = z.infer<typeof CreateRootUnitSchema>;

export const SetUnitPlaceSchema = z
  .object({
    placeId: IdSchema.nullable().describe("The place the territorial unit governs; null removes the link"),
    reason: ReasonSchema,
  })
  .strict();
export type SetUnitPlaceInput = z.infer<typeof SetUnitPlaceSchema>;

/** A new code for a unit (every unit has one: cadres are imported into a unit by its code). */
export const SetUnitCodeSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, "Mã đơn vị không được để trống")
      .max(32, "Mã đơn vị tối đa 32 ký tự")
      .regex(/^[0-9A-Za-z._-]*$/, "Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới")
      .describe("The official code, replacing the one the system proposed"),
    reason: ReasonSchema,
  })
  .strict();
export type SetUnitCodeInput = z.infer<typeof SetUnitCodeSchema>;

export const RenameUnitSchema = z
  .object({
    name: UnitNameSchema,
    effectiveDate: IsoDateSchema.describe("Date from which the new name applies"),
    reason: ReasonSchema,
  })
  .strict();
export type RenameUnitInput = z.infer<typeof RenameUnitSchema>;

export const MoveUnitSchema = z
  .object({
    parentId: IdSchema.describe("New parent"),
    effectiveDate: IsoDateSchema,
    reason: ReasonSchema,
  })
  .strict();
export type MoveUnitInput = z.infer<typeof MoveUnitSchema>;

export const EndUnitSchema = z
  .object({
    endDate: IsoDateSchema.describe("First day on which the unit no longer exists"),
    successorId: IdSchema.optional().describe("Unit that takes over (merge, split or rename)"),
    lineageKind: z.enum(LINEAGE_KINDS).optional(),
    reason: ReasonSchema,
  })
  .strict()
  .refine((v) => (v.successorId === undefined) === (v.lineageKind === undefined), {
    message: "Cần chọn cả đơn vị kế thừa và hình thức (sáp nhập/chia tách/đổi tên)",
    path: ["lineageKind"],
  });
export type EndUnitInput = z.infer<typeof EndUnitSchema>;

export const UnitIdParamsSchema = z.object({ id: IdSchema });
export const UnitDetailQuerySchema = z.object({ asOf: IsoDateSchema.optional() });

/** GET /api/units/export: the tree as of a date, as a spreadsheet that imports back unchanged. */
export const UnitExportQuerySchema = z.object({
  asOf: IsoDateSchema.optional().describe("Units active on this date, with names and parents of that date"),
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
});

/** POST /api/units/import: the raw file as the body. */
export const UnitImportQuerySchema = z.object({
  dryRun: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe("Check every row and report, change nothing"),
  asOf: IsoDateSchema.optional().describe("The date the file describes (names, parents); today when absent"),
});

export const UnitImportErrorSchema = z.object({
  sheet: z.string().describe("Sheet of the file (Đơn vị, Kế thừa)"),
  row: z.number().describe("Row number as the spreadsheet program shows it"),
  column: z.string().optional().describe("Column header, when one cell is at fault"),
  message: z.string().describe("What is wrong, in Vietnamese"),
});
export type UnitImportError = z.infer<typeof UnitImportErrorSchema>;

export const UnitImportReportSchema = z.object({
  dryRun: z.boolean(),
  asOf: z.string(),
  rows: z.number().describe("Unit rows read"),
  created: z.number(),
  ended: z.number().describe("Existing units the file ends"),
  unchanged: z.number(),
  links: z.number().describe("Lineage rows read"),
  linksCreated: z.number(),
  errors: z.array(UnitImportErrorSchema).describe("Empty when the file was (or would be) applied whole"),
});
export type UnitImportReport = z.infer<typeof UnitImportReportSchema>;

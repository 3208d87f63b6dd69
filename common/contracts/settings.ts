import { z } from "zod";
import { IsoDateSchema, ReasonSchema, TextSchema } from "./common.ts";

/**
 * Rule parameters kept as dated settings (table rule_settings): each setting's value has a shape, checked
 * here for every version an admin adds, so that a rule never reads a value it cannot use.
 */
const months = z.number().int().min(0).max(1200);
const bySex = z.object({ male: months, female: months }).strict();
const limit = z
  .object({
    direction: z.enum(["earlier", "later"]),
    maxMonths: months,
    citation: TextSchema.min(1).max(500),
  })
  .strict();

export const SETTING_VALUE_SCHEMAS = {
  /** Retirement age by the year it is reached: months at the version's first year, more each year, a cap. */
  "retirement.age": z.object({ baseMonths: bySex, stepMonths: bySex, capMonths: bySex }).strict(),
  /** How far each kind of personal exception may move the retirement date. */
  "retirement.exceptions": z
    .object({ earlier: limit, later_woman_leader: limit, later_academic: limit, reorganisation: limit })
    .strict(),
  /** Months before the retirement date the person is told, and the decision is made. */
  "retirement.notice": z.object({ informMonths: months, decideMonths: months }).strict(),
} as const;
export type SettingKey = keyof typeof SETTING_VALUE_SCHEMAS;
export const SETTING_KEYS = Object.keys(SETTING_VALUE_SCHEMAS) as SettingKey[];

export const SettingVersionSchema = z.object({
  validFrom: z.string().describe("First day the version holds (until the next version's)"),
  value: z.unknown().describe("The parameters, in the setting's shape"),
  citation: z.string().describe("The legal text the values come from"),
  createdBy: z.string().describe("'system' for a shipped version, else the user who added it"),
});
export type SettingVersion = z.infer<typeof SettingVersionSchema>;

export const SettingSchema = z.object({
  key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]),
  versions: z.array(SettingVersionSchema).describe("Oldest first"),
});
export type Setting = z.infer<typeof SettingSchema>;

export const SettingListSchema = z.object({ items: z.array(SettingSchema) });
export type SettingList = z.infer<typeof SettingListSchema>;

export const SettingParamsSchema = z.object({ key: z.string().max(100) });

export const AddSettingVersionSchema = z.object({
  validFrom: IsoDateSchema.describe("First day the new version holds"),
  value: z
    .unknown()
    .describe("The parameters, in the setting's shape (see GET /settings for the current one)"),
  citation: TextSchema.trim().min(3, "Ghi căn cứ pháp lý của giá trị mới").max(1000),
  reason: ReasonSchema.optional(),
});
export type AddSettingVersion = z.infer<typeof AddSettingVersionSchema>;

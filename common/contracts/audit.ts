import { z } from "zod";
import { MASKABLE } from "./cadres.ts";
import { IsoDateSchema, PageQuerySchema, TextSchema } from "./common.ts";

export const AuditListQuerySchema = PageQuerySchema.extend({
  actor: TextSchema.trim().max(100).optional().describe("User name of the actor"),
  action: TextSchema.trim().max(100).optional().describe("Action prefix, e.g. unit. or unit.renamed"),
  entityType: TextSchema.trim().max(50).optional(),
  entityId: TextSchema.trim().max(50).optional(),
  from: IsoDateSchema.optional().describe("First day included"),
  to: IsoDateSchema.optional().describe("Last day included"),
  q: TextSchema.trim()
    .max(200)
    .optional()
    .describe("Text in the reason or the values (without cadres.sensitive: not in the withheld values)"),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

export const AuditSubjectSchema = z.object({
  name: z.string().describe("A person's full name, a unit's name, a user's display name…"),
  code: z.string().nullable().describe("Staff code, unit code, user name, code of the catalogue entry…"),
});
export type AuditSubject = z.infer<typeof AuditSubjectSchema>;

export const AuditChangeSchema = z.object({
  field: z.string().describe("Key in before/after"),
  label: z.string().describe("The field named in the asked language"),
  before: z.string().nullable().describe("Formatted for people; null: empty"),
  after: z.string().nullable().describe("Formatted for people; null: empty"),
});
export type AuditChange = z.infer<typeof AuditChangeSchema>;

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string().describe("ISO instant"),
  actorId: z.number().nullable(),
  actorUsername: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  actorName: z.string().nullable().describe("Display name of the actor's account; null when it has none"),
  actionLabel: z.string().describe("The action named in the asked language"),
  subject: AuditSubjectSchema.nullable().describe(
    "What the row is about, named; null when unknown or when the reader may not see it (entityId stays)",
  ),
  changes: z
    .array(AuditChangeSchema)
    .describe(
      "Only the fields that changed, named and formatted for people (before/after keep the raw values)",
    ),
  masked: z
    .array(z.enum(MASKABLE))
    .describe("Sensitive values withheld from before/after (nulled; family rows reduced to kind and id)"),
});
export type AuditEntryDto = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

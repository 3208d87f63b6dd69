import { sql } from "drizzle-orm";
import { check, date, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

/**
 * Rule parameters as dated settings (house rule: thresholds and parameters are data with a date and a
 * citation, never literals in code). A setting has versions, each holding from its date until the next
 * one's; a rule that needs the whole history (the retirement age, by the year it is reached) reads every
 * version. Shipped versions come with the migrations; a change of law is a new version from its date.
 * Versions are never edited.
 */
export const ruleSettings = pgTable(
  "rule_settings",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** Dotted name of the setting, e.g. retirement.age. */
    key: text("key").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    /** The parameters; their shape is the setting's (validated by the module that reads it). */
    value: jsonb("value").notNull(),
    /** The legal text the values come from. */
    citation: text("citation").notNull(),
    createdBy: text("created_by").notNull().default("system"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("rule_settings_key_from_uq").on(t.key, t.validFrom),
    check("rule_settings_key_chk", sql`${t.key} ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$'`),
  ],
);

import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

/**
 * The indicator catalogue (DOMAIN §2): each indicator is data — who forms the denominator (population),
 * who of them the numerator (condition), the target and its direction, and the settings the condition
 * depends on (young-age thresholds per tier and their operator, the "local" rule, the training window).
 * Versioned: the version in effect on a date is the one with the latest effective_from on or before it,
 * so a figure asked about a past date uses the definition of that date. Versions are never edited.
 */
export const indicatorVersions = pgTable(
  "indicator_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    code: text("code").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    description: text("description"),
    /** PopulationSpec (common/contracts/indicators.ts). */
    population: jsonb("population").notNull(),
    /** ConditionSpec (common/contracts/indicators.ts). */
    condition: jsonb("condition").notNull(),
    /** Target in percent (or a count for count indicators); null: no target, the figure is watched. */
    target: numeric("target", { precision: 7, scale: 2 }),
    direction: text("direction"),
    /** percent | count ("28/30"). */
    display: text("display").notNull().default("percent"),
    sortOrder: integer("sort_order").notNull().default(100),
    /** False retires the indicator from the date of this version on. */
    active: boolean("active").notNull().default(true),
    createdBy: text("created_by").notNull().default("system"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("indicator_versions_code_from_uq").on(t.code, t.effectiveFrom),
    check("indicator_versions_direction_chk", sql`${t.direction} IS NULL OR ${t.direction} IN ('>=', '<=')`),
    check("indicator_versions_display_chk", sql`${t.display} IN ('percent', 'count')`),
  ],
);

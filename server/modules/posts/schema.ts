import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { units } from "../units/schema.ts";

/**
 * Titles catalogue (chức danh): Bí thư, Chủ tịch UBND, Giám đốc Sở, Trưởng phòng, chuyên viên… City-wide
 * reference data, changed by admins only. The code is the title's identity and never changes; the names,
 * the order and the bloc describe it. What figures are computed from (level, leadership, key, sensitive)
 * lives in title_versions, dated.
 */
export const titles = pgTable("titles", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  nameEn: text("name_en"),
  /** Order among titles of the same level: lower is higher rank. */
  rank: integer("rank").notNull().default(100),
  bloc: text("bloc"),
});

/**
 * The attributes of a title that figures read, over periods: a change takes effect from a date and
 * leaves figures as of earlier dates as they were. The periods of one title do not overlap and cover
 * every date from the first one's (null: since the beginning) on.
 */
export const titleVersions = pgTable(
  "title_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    titleId: integer("title_id")
      .notNull()
      .references(() => titles.id),
    /** First day these attributes hold; null for the first period (since the beginning). */
    validFrom: date("valid_from", { mode: "string" }),
    /** First day they no longer hold; null while they do. */
    validTo: date("valid_to", { mode: "string" }),
    /** city | district | commune | department | division | staff */
    level: text("level").notNull(),
    isLeadership: boolean("is_leadership").notNull(),
    /** Key post (chủ chốt). */
    isKey: boolean("is_key").notNull(),
    /** Sensitive post subject to periodic position change (Decree 59/2019). */
    isSensitive: boolean("is_sensitive").notNull(),
  },
  (t) => [
    // One period per title and first day, and one first period ("since the beginning") per title.
    uniqueIndex("title_versions_title_from_idx").on(t.titleId, t.validFrom),
    uniqueIndex("title_versions_title_first_idx").on(t.titleId).where(sql`${t.validFrom} IS NULL`),
    check(
      "title_versions_dates_chk",
      sql`${t.validTo} IS NULL OR ${t.validFrom} IS NULL OR ${t.validTo} > ${t.validFrom}`,
    ),
  ],
);

/** A seat: a title in a unit with a quota. People are assigned to seats (DESIGN §4.3). */
export const seats = pgTable(
  "seats",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    titleId: integer("title_id")
      .notNull()
      .references(() => titles.id),
    quota: integer("quota").notNull().default(1),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
  },
  (t) => [
    index("seats_unit_idx").on(t.unitId),
    index("seats_title_idx").on(t.titleId),
    check("seats_dates_chk", sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
    check("seats_quota_chk", sql`${t.quota} >= 0`),
  ],
);

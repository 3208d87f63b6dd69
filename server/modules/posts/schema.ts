import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { units } from "../units/schema.ts";

/** Titles catalogue (chức danh): Bí thư, Chủ tịch UBND, Giám đốc Sở, Trưởng phòng, chuyên viên… */
export const titles = pgTable("titles", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  nameEn: text("name_en"),
  /** city | district | commune | department | division | staff */
  level: text("level").notNull(),
  isLeadership: boolean("is_leadership").notNull().default(false),
  /** Key post (chủ chốt). */
  isKey: boolean("is_key").notNull().default(false),
  /** Sensitive post subject to periodic position change (Decree 59/2019). */
  isSensitive: boolean("is_sensitive").notNull().default(false),
  /** Order among titles of the same level: lower is higher rank. */
  rank: integer("rank").notNull().default(100),
  bloc: text("bloc"),
});

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

import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Editable reference code lists (qualification levels, political theory, state management, grades,
 * ethnicities, religions…). `rank` orders the levels of a list so that rules can say "university or
 * higher" without naming codes.
 *
 * Entries are dated (DOMAIN §9): an entry holds from `valid_from` to the day before `valid_to` (null: open
 * on that side), so a list read as of a date shows the entries in force then, and a list that changes on
 * a date (a circular replacing grade codes, the management tiers of 1/7/2025) gets new entries from that
 * day while the old ones end the day before. A code keeps one meaning for its whole life: a correction of
 * a wrong entry gives the meaning its right code, moves stored values to it and keeps the wrong entry in
 * code_corrections.
 */
export const codeLists = pgTable(
  "code_lists",
  {
    list: text("list").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en"),
    rank: integer("rank").notNull().default(0),
    isActive: boolean("is_active").notNull().default(true),
    /** First day the entry is in force; null: since the beginning. */
    validFrom: date("valid_from", { mode: "string" }),
    /** First day it no longer is; null while it is. */
    validTo: date("valid_to", { mode: "string" }),
    /** The act that sets the entry ("Thông tư 03/2021/TT-BGDĐT"), when there is one. */
    basis: text("basis"),
  },
  (t) => [
    primaryKey({ columns: [t.list, t.code] }),
    check(
      "code_lists_dates_chk",
      sql`${t.validTo} IS NULL OR ${t.validFrom} IS NULL OR ${t.validTo} > ${t.validFrom}`,
    ),
  ],
);

/**
 * Corrections of shipped code lists: a wrong entry (its code and name as they were) and the code that
 * carries its meaning now. Stored values were moved to the new code on `corrected_on`; the row lets
 * values written before (old files, the audit trail) be read in the new numbering.
 */
export const codeCorrections = pgTable(
  "code_corrections",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    list: text("list").notNull(),
    oldCode: text("old_code").notNull(),
    oldName: text("old_name").notNull(),
    newCode: text("new_code").notNull(),
    /** The day the stored values were moved to the new code. */
    correctedOn: date("corrected_on", { mode: "string" }).notNull(),
    /** Why: the official list the correction follows. */
    basis: text("basis").notNull(),
  },
  (t) => [index("code_corrections_list_idx").on(t.list, t.oldCode)],
);

import { boolean, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Editable reference code lists (qualification levels, political theory, state management, grades,
 * ethnicities, religions…). `rank` orders the levels of a list so that rules can say "university or
 * higher" without naming codes.
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
  },
  (t) => [primaryKey({ columns: [t.list, t.code] })],
);

import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { RETIREMENT_OVERRIDE_KINDS } from "../../../common/rules/retirement-override.ts";
import { cadres } from "./schema.ts";

/**
 * Per-person exceptions to the statutory retirement age (DOMAIN §6), as a dated history: each row holds
 * from valid_from until the next row of the person; the newest in force on a date gives the retirement
 * date (a date, or an age whose month's end is the date; "statutory" returns to the law's age). Rows are
 * added through the cadres service (scope, audit), never edited.
 */
export const cadreRetirementOverrides = pgTable(
  "cadre_retirement_overrides",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    retirementDate: date("retirement_date", { mode: "string" }),
    ageMonths: integer("age_months"),
    basisKind: text("basis_kind").notNull(),
    /** Number of the decision or document the exception rests on. */
    documentRef: text("document_ref").notNull(),
    documentDate: date("document_date", { mode: "string" }),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cadreId, t.id] }),
    // Overrides of people whose date moves into a window: the list probes them by date.
    index("cadre_retirement_overrides_from_idx").on(t.cadreId, t.validFrom),
    check(
      "cadre_retirement_overrides_kind_chk",
      sql.raw(`basis_kind IN (${RETIREMENT_OVERRIDE_KINDS.map((v) => `'${v}'`).join(", ")})`),
    ),
    check(
      "cadre_retirement_overrides_value_chk",
      sql`CASE WHEN ${t.basisKind} = 'statutory' THEN ${t.retirementDate} IS NULL AND ${t.ageMonths} IS NULL
        ELSE (${t.retirementDate} IS NULL) <> (${t.ageMonths} IS NULL) END`,
    ),
    check(
      "cadre_retirement_overrides_age_chk",
      sql`${t.ageMonths} IS NULL OR ${t.ageMonths} BETWEEN 480 AND 960`,
    ),
  ],
);

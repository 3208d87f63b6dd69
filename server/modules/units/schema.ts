import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { places } from "../places/schema.ts";

/** An organisation unit. It never disappears: it ends (valid_to) and lineage links name its successors. */
export const units = pgTable(
  "units",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** Official code (statistics office code for territorial units). Codes are reused after mergers. */
    code: text("code"),
    kind: text("kind").notNull(),
    bloc: text("bloc"),
    /**
     * The administrative place a territorial unit governs (city → province, district, commune or ward): the
     * territory its heads lead, for the "local" rule (DOMAIN §2). Any list's place will do for a territory
     * that did not change on 1/7/2025; a reorganised territory is a new unit with the new list's place.
     */
    placeId: integer("place_id").references(() => places.id),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("units_code_idx").on(t.code),
    check("units_dates_chk", sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * Name and place of a unit over time (half-open [valid_from, valid_to)). A rename or a move closes the
 * current version and opens the next one, so the tree and the names can be asked as of any date.
 */
export const unitVersions = pgTable(
  "unit_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    parentId: integer("parent_id").references(() => units.id),
    name: text("name").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
  },
  (t) => [
    index("unit_versions_unit_idx").on(t.unitId, t.validFrom),
    index("unit_versions_parent_idx").on(t.parentId, t.validFrom),
    check("unit_versions_dates_chk", sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * Dated closure of the tree: (ancestor, descendant) pairs with the period they hold, a unit being its
 * own ancestor at depth 0. Derived from unit_versions in the same transaction as every change, so it
 * cannot drift; it makes "the subtree of X as of D" one index range scan.
 */
export const unitClosure = pgTable(
  "unit_closure",
  {
    ancestorId: integer("ancestor_id").notNull(),
    descendantId: integer("descendant_id").notNull(),
    depth: integer("depth").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId, t.validFrom] }),
    index("unit_closure_descendant_idx").on(t.descendantId, t.validFrom),
  ],
);

/** Lineage: predecessor → successor by merge, split or rename, on a date. */
export const unitLinks = pgTable(
  "unit_links",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    predecessorId: integer("predecessor_id")
      .notNull()
      .references(() => units.id),
    successorId: integer("successor_id")
      .notNull()
      .references(() => units.id),
    kind: text("kind").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    note: text("note"),
  },
  (t) => [index("unit_links_pred_idx").on(t.predecessorId), index("unit_links_succ_idx").on(t.successorId)],
);

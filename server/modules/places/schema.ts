import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

/**
 * The official lists of administrative units (DOMAIN §10), one row per list: which lists are loaded, the
 * dates they hold for, and — once every row of the list, its lineage and its containment rows are in —
 * when the load finished (the loader's mark that nothing is left to do).
 */
export const placeEditions = pgTable(
  "place_editions",
  {
    edition: text("edition").primaryKey(),
    /** Null for the oldest list shipped: it stands for every earlier date (older lists are not shipped). */
    validFrom: date("valid_from", { mode: "string" }),
    validTo: date("valid_to", { mode: "string" }),
    source: text("source").notNull(),
    placeCount: integer("place_count").notNull(),
    loadedAt: timestamp("loaded_at", { withTimezone: true }),
  },
  (t) => [
    check(
      "place_editions_dates_chk",
      sql`${t.validTo} IS NULL OR ${t.validFrom} IS NULL OR ${t.validTo} > ${t.validFrom}`,
    ),
  ],
);

/**
 * A place of one list (edition). Codes are reused across lists (a new commune takes a predecessor's code),
 * so (edition, code) is unique, never the code alone. Reference data: loaded from the official lists,
 * never written through the API.
 */
export const places = pgTable(
  "places",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    edition: text("edition")
      .notNull()
      .references(() => placeEditions.edition),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** The official kind: Tỉnh, Thành phố Trung ương, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu… */
    kind: text("kind").notNull(),
    /** province | district | commune (common/rules/places.ts PLACE_TIERS). */
    level: text("level").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => places.id),
    /** The place in words with the units above it: "Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội". */
    fullName: text("full_name").notNull(),
    /** fullName folded for search (common/text/vietnamese.ts). */
    search: text("search").notNull(),
    validFrom: date("valid_from", { mode: "string" }),
    validTo: date("valid_to", { mode: "string" }),
  },
  (t) => [
    unique("places_edition_code_uq").on(t.edition, t.code),
    index("places_parent_idx").on(t.parentId),
    index("places_code_idx").on(t.code),
    check("places_level_chk", sql`${t.level} IN ('province', 'district', 'commune')`),
  ],
);

/** Lineage of the reorganisation of 1/7/2025: the new place was formed from the whole or a part of the old. */
export const placeLineage = pgTable(
  "place_lineage",
  {
    newPlaceId: integer("new_place_id")
      .notNull()
      .references(() => places.id),
    oldPlaceId: integer("old_place_id")
      .notNull()
      .references(() => places.id),
    part: text("part").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.newPlaceId, t.oldPlaceId] }),
    index("place_lineage_old_idx").on(t.oldPlaceId),
    check("place_lineage_part_chk", sql`${t.part} IN ('full', 'partial')`),
  ],
);

/**
 * The containment rule of common/rules/places.ts precomputed: one row per (place, territory) pair that is
 * not disjoint — 'inside' (every part of the place lies in the territory) or 'overlap' (cannot be told).
 * No row: disjoint. Derived from places and place_lineage by the loader (like unit_closure, without foreign
 * keys: it is written only by the loader, from the rows it has just written).
 */
export const placeContainment = pgTable(
  "place_containment",
  {
    placeId: integer("place_id").notNull(),
    territoryId: integer("territory_id").notNull(),
    relation: text("relation").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.territoryId] }),
    check("place_containment_relation_chk", sql`${t.relation} IN ('inside', 'overlap')`),
  ],
);

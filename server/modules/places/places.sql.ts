import { type SQL, sql } from "drizzle-orm";

/**
 * The "local" rule's SQL pieces (DOMAIN §2, common/rules/local.ts isLocalByPlaces), shared by the record's
 * facts (cadres) and the indicators, so that the tag on a record and the figures count the same people.
 */

/**
 * A person's home town or birthplace as a place: the place recorded, else — for older records naming a unit
 * of the organisation tree — the place that unit governs (none: the origin is not known as a place).
 */
export function originPlaceSql(placeColumn: SQL, unitColumn: SQL): SQL {
  return sql`coalesce(${placeColumn}, (SELECT ou.place_id FROM units ou WHERE ou.id = ${unitColumn}))`;
}

/**
 * The territory a post in this unit leads on day d: the place linked to the unit or, failing that, to its
 * nearest ancestor on d that has one (a commune's Party committee leads the commune, a district's the
 * district). Null when no unit above has a place.
 */
export function territoryOfUnitSql(unitColumn: SQL, d: string | SQL): SQL {
  const day = typeof d === "string" ? sql`${d}::date` : d;
  return sql`(SELECT tu.place_id FROM unit_closure tc JOIN units tu ON tu.id = tc.ancestor_id
    WHERE tc.descendant_id = ${unitColumn} AND tc.valid_from <= ${day}
      AND (tc.valid_to IS NULL OR tc.valid_to > ${day}) AND tu.place_id IS NOT NULL
    ORDER BY tc.depth LIMIT 1)`;
}

/**
 * Where an origin lies relative to a territory: 'inside', 'overlap' (the lists cannot tell), 'outside' (no
 * row of place_containment, which already matches places through the lineage of the lists), or null when
 * either is unknown.
 */
export function originRelationSql(originColumn: SQL, territoryColumn: SQL): SQL {
  return sql`CASE WHEN ${territoryColumn} IS NULL OR ${originColumn} IS NULL THEN NULL
    ELSE coalesce((SELECT pc.relation FROM place_containment pc
      WHERE pc.place_id = ${originColumn} AND pc.territory_id = ${territoryColumn}), 'outside') END`;
}

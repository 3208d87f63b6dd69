/**
 * "Local" (người địa phương) under the non-local heads policy (DOMAIN §2, indicator I7; Regulation
 * 65-QĐ/TW on rotation). The rule is a setting: it may also count the birthplace [default: home town only].
 *
 * isLocalByPlaces: the home town lies inside the territory the post leads (commune heads: their commune;
 * district heads: their district), read by the indicators and by the record's facts alike (the SQL that
 * finds the relations lives in the places module, places.sql.ts).
 */
export type LocalRule = {
  /** Also count a birthplace in the post's district-level unit as local. */
  includeBirthplace: boolean;
};

export const DEFAULT_LOCAL_RULE: LocalRule = { includeBirthplace: false };

/**
 * Where one recorded origin lies relative to the territory the post leads (place_containment): `inside`,
 * `overlap` (the lists cannot tell: a home town known only to district level, an old commune split between
 * new ones), `outside` (no containment row), or null when the origin is not recorded (or the post leads no
 * known territory).
 */
export type OriginRelation = "inside" | "overlap" | "outside" | null;

/**
 * "Local" by places (DOMAIN §2): the home town (and, when the rule says so, the birthplace) lies inside the
 * territory the post leads. True: local; false: not local; null: unknown origin — nothing the rule needs is
 * recorded, or a recorded origin overlaps the territory and none is inside — left out of the denominator.
 * With the birthplace added, an origin not recorded is passed over when the other one is.
 */
export function isLocalByPlaces(
  homeTown: OriginRelation,
  birthplace: OriginRelation,
  rule: LocalRule = DEFAULT_LOCAL_RULE,
): boolean | null {
  const origins = rule.includeBirthplace ? [homeTown, birthplace] : [homeTown];
  const recorded = origins.filter((o) => o !== null);
  if (recorded.includes("inside")) return true;
  if (recorded.length === 0 || recorded.includes("overlap")) return null;
  return false;
}

import type { BulkUnit } from "../modules/units/index.ts";

/**
 * What a generated unit is for: decides its seats (titles and quotas) and the management tier of the
 * people in them. Territories (city, province, district, commune) have no seats of their own.
 */
export const UNIT_ROLES = [
  "territory",
  "city_party",
  "city_party_board",
  "city_council",
  "city_committee",
  "department",
  "city_front",
  "mass_organisation",
  "university",
  "hospital",
  "media",
  "upper_secondary_school",
  "district_party",
  "district_council",
  "district_committee",
  "district_division",
  "district_front",
  "health_centre",
  "commune_party",
  "commune_committee",
  "kindergarten",
  "primary_school",
  "lower_secondary_school",
  "health_station",
] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

/** A unit of a generated organisation, with what the people generator needs to know about it. */
export type SeedUnit = BulkUnit & {
  role: UnitRole;
  /** Key of the district-level unit the unit lies in (Hà Nội before 2025); none for city-level units. */
  districtKey?: string;
  /** Key of the commune the unit lies in, for commune bodies and schools. */
  communeKey?: string;
  /** Size of the unit relative to the typical one of its role (scales staff quotas). */
  size: number;
  /** Last day + 1 when the unit ended (Từ Liêm before its split). */
  validTo?: string;
};

/** A place people come from: a home town or birthplace, as a unit and as written on the CV. */
export type Origin = {
  unitKey: string;
  /** District-level unit that decides "local" (DOMAIN §2); the unit itself for a district. */
  districtKey: string;
  /** "Xã Phúc An, huyện Ba Vì, thành phố Hà Nội". */
  text: string;
  /** Province code of birth registration (first 3 digits of the personal ID number). */
  provinceCode: string;
  /** Relative share of the population that comes from here. */
  weight: number;
};

export type SeedOrganisation = {
  /** Parents before children. */
  units: SeedUnit[];
  /** Units ended by a split on a date, with their successors. */
  splits: { from: string; to: string[]; date: string }[];
  /** For a unit that succeeded another (a body of Nam Từ Liêm), the body it continues. */
  predecessorOf: ReadonlyMap<string, string>;
  /** Places people come from. */
  origins: Origin[];
  /** Prefix of staff codes ("HN" for Hà Nội). */
  staffCodePrefix: string;
  /** First day of the organisation's records: earlier careers go to the work history as text. */
  recordsFrom: string;
  /** Two-tier organisation (province → commune, after 1/7/2025): commune heads are province-managed. */
  twoTier: boolean;
  /** How a unit was written on a CV on a date before the records begin (its province then, its old name). */
  nameBefore: (unit: SeedUnit, date: string) => string;
};

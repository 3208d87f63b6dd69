import type { LineageKind } from "../../common/enums/units.ts";
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
  "commune_division",
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
  /** Last day + 1 when the unit ended (Từ Liêm before its split, the districts on 1/7/2025). */
  validTo?: string;
  /** The place a territorial unit governs (the "local" rule, DOMAIN §2): an entry of the official lists. */
  place?: PlaceRef;
};

/** A place of the official lists (server/modules/places/data): the list (edition) and the code in it. */
export type PlaceRef = { edition: string; code: string };

/**
 * A change of the organisation on a date (a split, a merger, the 2025 reorganisation): the units that end
 * that day, the units that move under another parent, and the lineage links between old and new units.
 * Units that begin that day are the units whose validFrom is the date.
 */
export type OrgChange = {
  date: string;
  /** The decision, for the audit trail ("Nghị quyết 1656/NQ-UBTVQH15"). */
  reason: string;
  ends: string[];
  moves: { key: string; parentKey: string }[];
  links: { from: string; to: string; kind: LineageKind }[];
};

/** A place people come from: a home town or birthplace, as a place and as written on the CV. */
export type Origin = {
  /** The place of the official lists (null: known only as text). */
  place: PlaceRef | null;
  /** District-level unit the place lies in (Hà Nội before 2025; the province in a two-tier organisation). */
  districtKey: string;
  /**
   * Keys of the territorial units whose territory holds the place (its commune, district, the commune it
   * became part of in 2025): a post in one of them is local for a person from here.
   */
  territories: readonly string[];
  /** Territorial units the place lies only partly in (a commune split in 2025): neither local nor not. */
  overlaps?: readonly string[];
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
  /** Changes of the organisation in date order (splits, mergers, the 2025 reorganisation). */
  changes: OrgChange[];
  /**
   * For a unit that succeeded others (a body of Nam Từ Liêm, a 2025 commune's People's Committee), the
   * bodies it continues: the posts of its people before it began were held there.
   */
  predecessorsOf: ReadonlyMap<string, readonly string[]>;
  /**
   * For a unit that began in a reorganisation (a 2025 commune, a merged department), the units it was
   * formed from (old communes and districts, departments): its first holders came from their posts.
   */
  sourcesOf: ReadonlyMap<string, readonly string[]>;
  /** Places people come from. */
  origins: Origin[];
  /** Places of other provinces some staff come from (not local anywhere in the organisation). */
  outsideOrigins: Origin[];
  /** Prefix of staff codes ("HN" for Hà Nội). */
  staffCodePrefix: string;
  /** First day of the organisation's records: earlier careers go to the work history as text. */
  recordsFrom: string;
  /**
   * First day of the two-tier organisation (province → commune, 1/7/2025): from then on commune heads are
   * managed by the province and the district tier is gone. Null: three tiers on every date of the records.
   */
  twoTierFrom: string | null;
  /** How a unit was written on a CV on a date before the records begin (its province then, its old name). */
  nameBefore: (unit: SeedUnit, date: string) => string;
};

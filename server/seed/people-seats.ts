import type { ManagementTier, StaffType } from "../../common/enums/cadres.ts";
import type { SeedOrganisation, SeedUnit, UnitRole } from "./organisation.ts";

/** Title codes of the catalogue (migration 0004) that the generator uses. */
export const TITLE_CODES = [
  "city_party_secretary",
  "city_party_deputy_standing",
  "city_party_deputy",
  "city_committee_chair",
  "city_council_chair",
  "city_committee_vice_chair",
  "party_board_head",
  "party_board_deputy",
  "department_director",
  "department_deputy_director",
  "district_party_secretary",
  "district_party_deputy_standing",
  "district_committee_chair",
  "district_committee_vice_chair",
  "district_council_chair",
  "division_head",
  "division_deputy",
  "commune_party_secretary",
  "commune_party_deputy_standing",
  "commune_committee_chair",
  "commune_committee_vice_chair",
  "senior_expert",
  "principal_expert",
  "expert",
  "accountant",
  "inspector",
  "personnel_officer",
  "land_officer",
  "teacher",
  "physician",
  "staff",
] as const;
export type TitleCode = (typeof TITLE_CODES)[number];

/**
 * Groups of titles that share distributions (age, sex, degrees, career): the generator reasons about a
 * "district head" or a "division deputy", not about each title.
 */
export type TitleClass =
  | "top"
  | "city_deputy"
  | "dept_head"
  | "dept_deputy"
  | "district_head"
  | "district_deputy"
  | "division_head"
  | "division_deputy"
  | "commune_head"
  | "commune_deputy"
  | "expert"
  | "teacher"
  | "physician"
  | "staff";

export const TITLE_CLASS: Record<TitleCode, TitleClass> = {
  city_party_secretary: "top",
  city_party_deputy_standing: "top",
  city_committee_chair: "top",
  city_council_chair: "top",
  city_party_deputy: "city_deputy",
  city_committee_vice_chair: "city_deputy",
  party_board_head: "dept_head",
  department_director: "dept_head",
  party_board_deputy: "dept_deputy",
  department_deputy_director: "dept_deputy",
  district_party_secretary: "district_head",
  district_party_deputy_standing: "district_head",
  district_committee_chair: "district_head",
  district_council_chair: "district_head",
  district_committee_vice_chair: "district_deputy",
  division_head: "division_head",
  division_deputy: "division_deputy",
  commune_party_secretary: "commune_head",
  commune_party_deputy_standing: "commune_head",
  commune_committee_chair: "commune_head",
  commune_committee_vice_chair: "commune_deputy",
  senior_expert: "expert",
  principal_expert: "expert",
  expert: "expert",
  accountant: "expert",
  inspector: "expert",
  personnel_officer: "expert",
  land_officer: "expert",
  teacher: "teacher",
  physician: "physician",
  staff: "staff",
};

/** Leadership titles: their seats are few, so the generator keeps their holders from overlapping. */
export function isLeadership(title: TitleCode): boolean {
  const c = TITLE_CLASS[title];
  return c !== "expert" && c !== "teacher" && c !== "physician" && c !== "staff";
}

/** Key posts (is_key in the catalogue): always filled, even in the small demo profile. */
export const KEY_TITLES: ReadonlySet<TitleCode> = new Set<TitleCode>([
  "city_party_secretary",
  "city_party_deputy_standing",
  "city_party_deputy",
  "city_committee_chair",
  "city_council_chair",
  "city_committee_vice_chair",
  "party_board_head",
  "department_director",
  "district_party_secretary",
  "district_party_deputy_standing",
  "district_committee_chair",
  "district_committee_vice_chair",
  "district_council_chair",
  "commune_party_secretary",
  "commune_party_deputy_standing",
  "commune_committee_chair",
  "commune_committee_vice_chair",
]);

/** [title, quota, scales with the unit's size]. */
type SeatSpec = readonly [TitleCode, number, boolean?];

/** Seats of a unit by its role. Quotas are those of a typical unit; `true` scales them by the unit's size. */
const SEATS_BY_ROLE: Record<UnitRole, readonly SeatSpec[]> = {
  territory: [],
  city_party: [
    ["city_party_secretary", 1],
    ["city_party_deputy_standing", 1],
    // Held concurrently by the chairs of the People's Committee and Council (no main holder).
    ["city_party_deputy", 2],
  ],
  city_party_board: [
    ["party_board_head", 1],
    ["party_board_deputy", 3],
    ["division_head", 3, true],
    ["division_deputy", 4, true],
    ["principal_expert", 6, true],
    ["expert", 14, true],
    ["accountant", 1],
    ["staff", 2, true],
  ],
  city_council: [
    ["city_council_chair", 1],
    ["division_head", 2],
    ["division_deputy", 2],
    ["principal_expert", 3],
    ["expert", 8],
    ["staff", 2],
  ],
  city_committee: [
    ["city_committee_chair", 1],
    ["city_committee_vice_chair", 5],
  ],
  department: [
    ["department_director", 1],
    ["department_deputy_director", 3],
    ["division_head", 7, true],
    ["division_deputy", 10, true],
    ["senior_expert", 1],
    ["principal_expert", 25, true],
    ["expert", 80, true],
    ["inspector", 4, true],
    ["accountant", 3],
    ["personnel_officer", 2],
    ["staff", 8, true],
  ],
  city_front: [
    ["division_head", 3],
    ["division_deputy", 3],
    ["principal_expert", 4],
    ["expert", 12],
    ["staff", 3],
  ],
  mass_organisation: [
    ["division_head", 3],
    ["division_deputy", 3],
    ["principal_expert", 3],
    ["expert", 10],
    ["staff", 2],
  ],
  university: [
    ["division_head", 12],
    ["division_deputy", 12],
    ["teacher", 420, true],
    ["expert", 30, true],
    ["accountant", 6],
    ["staff", 60, true],
  ],
  hospital: [
    ["division_head", 22, true],
    ["division_deputy", 22, true],
    ["physician", 230, true],
    ["staff", 460, true],
    ["accountant", 6],
    ["expert", 12, true],
  ],
  media: [
    ["division_head", 6],
    ["division_deputy", 8],
    ["expert", 60, true],
    ["staff", 50, true],
    ["accountant", 3],
  ],
  upper_secondary_school: [
    ["teacher", 95, true],
    ["staff", 8, true],
    ["accountant", 1],
  ],
  district_party: [
    ["district_party_secretary", 1],
    ["district_party_deputy_standing", 1],
    ["division_head", 4],
    ["division_deputy", 5],
    ["principal_expert", 5, true],
    ["expert", 14, true],
    ["staff", 2],
  ],
  district_council: [
    ["district_council_chair", 1],
    ["principal_expert", 1],
    ["expert", 3],
  ],
  district_committee: [
    ["district_committee_chair", 1],
    ["district_committee_vice_chair", 3],
  ],
  district_division: [
    ["division_head", 1],
    ["division_deputy", 2],
    ["principal_expert", 2, true],
    ["expert", 12, true],
  ],
  district_front: [
    ["division_head", 1],
    ["division_deputy", 2],
    ["expert", 7, true],
    ["staff", 1],
  ],
  health_centre: [
    ["division_head", 8, true],
    ["division_deputy", 8, true],
    ["physician", 70, true],
    ["staff", 230, true],
    ["accountant", 3],
  ],
  commune_party: [
    ["commune_party_secretary", 1],
    ["commune_party_deputy_standing", 1],
    ["expert", 3, true],
  ],
  commune_committee: [
    ["commune_committee_chair", 1],
    ["commune_committee_vice_chair", 2],
    ["land_officer", 2, true],
    ["accountant", 1],
    ["expert", 14, true],
    ["staff", 3, true],
  ],
  kindergarten: [
    ["teacher", 44, true],
    ["staff", 12, true],
    ["accountant", 1],
  ],
  primary_school: [
    ["teacher", 56, true],
    ["staff", 10, true],
    ["accountant", 1],
  ],
  lower_secondary_school: [
    ["teacher", 50, true],
    ["staff", 10, true],
    ["accountant", 1],
  ],
  health_station: [
    ["physician", 3, true],
    ["staff", 8, true],
  ],
  // A division of a commune's People's Committee after 1/7/2025 (Văn phòng, Phòng Kinh tế, Phòng Văn hóa - Xã hội).
  commune_division: [
    ["division_head", 1],
    ["division_deputy", 2],
    ["principal_expert", 1],
    ["expert", 6, true],
  ],
};

/** A seat to create: a title in a unit with a quota, valid while the unit exists. */
export type PlannedSeat = {
  index: number;
  unit: SeedUnit;
  title: TitleCode;
  quota: number;
  validFrom: string;
  validTo: string | null;
};

/** The seats of every unit of the organisation, in unit order (deterministic, no randomness). */
export function planSeats(org: SeedOrganisation): PlannedSeat[] {
  const seats: PlannedSeat[] = [];
  for (const unit of org.units) {
    for (const [title, base, scales] of SEATS_BY_ROLE[unit.role]) {
      const quota = scales ? Math.max(1, Math.round(base * unit.size)) : base;
      seats.push({
        index: seats.length,
        unit,
        title,
        quota,
        validFrom: unit.validFrom,
        validTo: unit.validTo ?? null,
      });
    }
  }
  return seats;
}

const CITY_LEVEL_ROLES: ReadonlySet<UnitRole> = new Set<UnitRole>([
  "city_party_board",
  "city_council",
  "department",
  "city_front",
  "mass_organisation",
  "university",
  "hospital",
  "media",
  "upper_secondary_school",
]);

const PUBLIC_SERVICE_ROLES: ReadonlySet<UnitRole> = new Set<UnitRole>([
  "university",
  "hospital",
  "media",
  "upper_secondary_school",
  "health_centre",
  "kindergarten",
  "primary_school",
  "lower_secondary_school",
  "health_station",
]);

export function isPublicService(role: UnitRole): boolean {
  return PUBLIC_SERVICE_ROLES.has(role);
}

/**
 * The body that manages the holder of a title in a unit (diện quản lý, DESIGN §4.5): the Politburo and
 * Secretariat for the city's top four; the city standing committee for city deputies, heads of
 * departments and boards and district leaders; the district standing committee for district divisions
 * and commune leaders (the province's in a two-tier organisation); the department's committee for its
 * divisions; the unit itself for everyone else.
 */
export function tierOf(title: TitleCode, role: UnitRole, twoTier: boolean): ManagementTier {
  switch (TITLE_CLASS[title]) {
    case "top":
      return "central";
    case "city_deputy":
    case "dept_head":
    case "dept_deputy":
    case "district_head":
    case "district_deputy":
      return "city_standing";
    case "commune_head":
    case "commune_deputy":
      return twoTier ? "city_standing" : "district_standing";
    case "division_head":
    case "division_deputy":
      // From 1/7/2025 the district tier is gone: the committees directly under the city take its place.
      return CITY_LEVEL_ROLES.has(role) || twoTier ? "department_committee" : "district_standing";
    default:
      return "grassroots";
  }
}

/**
 * Staff type by post: elected and Party posts of a territory are cadres (cán bộ); posts in public-service
 * units are public employees (viên chức); the rest civil servants; support staff partly on contract.
 */
export function staffTypeOf(title: TitleCode, role: UnitRole, onContract: boolean): StaffType {
  const c = TITLE_CLASS[title];
  if (c === "top" || c === "city_deputy" || c === "district_head" || c === "district_deputy") return "cadre";
  if (c === "commune_head" || c === "commune_deputy") return "cadre";
  if (title === "party_board_head" || title === "party_board_deputy") return "cadre";
  if (title === "staff" && onContract) return "contract";
  return isPublicService(role) ? "public_employee" : "civil_servant";
}

/** The catalogue's names of the titles (migration 0004), for work-history lines written as text. */
export const TITLE_TEXT: Record<TitleCode, string> = {
  city_party_secretary: "Bí thư Thành ủy",
  city_party_deputy_standing: "Phó Bí thư Thường trực Thành ủy",
  city_party_deputy: "Phó Bí thư Thành ủy",
  city_committee_chair: "Chủ tịch UBND Thành phố",
  city_council_chair: "Chủ tịch HĐND Thành phố",
  city_committee_vice_chair: "Phó Chủ tịch UBND Thành phố",
  party_board_head: "Trưởng ban",
  party_board_deputy: "Phó Trưởng ban",
  department_director: "Giám đốc Sở",
  department_deputy_director: "Phó Giám đốc Sở",
  district_party_secretary: "Bí thư",
  district_party_deputy_standing: "Phó Bí thư Thường trực",
  district_committee_chair: "Chủ tịch UBND",
  district_committee_vice_chair: "Phó Chủ tịch UBND",
  district_council_chair: "Chủ tịch HĐND",
  division_head: "Trưởng phòng",
  division_deputy: "Phó Trưởng phòng",
  commune_party_secretary: "Bí thư Đảng ủy",
  commune_party_deputy_standing: "Phó Bí thư Thường trực Đảng ủy",
  commune_committee_chair: "Chủ tịch UBND",
  commune_committee_vice_chair: "Phó Chủ tịch UBND",
  senior_expert: "Chuyên viên cao cấp",
  principal_expert: "Chuyên viên chính",
  expert: "Chuyên viên",
  accountant: "Kế toán",
  inspector: "Thanh tra viên",
  personnel_officer: "Chuyên viên tổ chức cán bộ",
  land_officer: "Công chức địa chính - xây dựng",
  teacher: "Giáo viên",
  physician: "Bác sĩ",
  staff: "Nhân viên",
};

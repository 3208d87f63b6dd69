/** Sex as recorded on the standard CV. */
export const SEXES = ["male", "female"] as const;
export type Sex = (typeof SEXES)[number];

/** Staff type (CBCCVC): cán bộ, công chức, viên chức, hợp đồng. */
export const STAFF_TYPES = ["cadre", "civil_servant", "public_employee", "contract"] as const;
export type StaffType = (typeof STAFF_TYPES)[number];

/**
 * Management tier (diện quản lý): which body manages the person. The population of most indicators and
 * a basis of access scoping (DESIGN §4.5).
 */
export const MANAGEMENT_TIERS = [
  "central",
  "city_standing",
  "district_standing",
  "department_committee",
  "grassroots",
] as const;
export type ManagementTier = (typeof MANAGEMENT_TIERS)[number];

/** Tiers managed by a standing committee of some level ("diện Ban Thường vụ các cấp quản lý"). */
export const STANDING_COMMITTEE_TIERS: readonly ManagementTier[] = [
  "city_standing",
  "district_standing",
  "department_committee",
];

/** Kinds of dated qualification on the CV (item 32 of the standard form). */
export const QUALIFICATION_CATEGORIES = [
  "professional",
  "political_theory",
  "state_management",
  "language",
  "it",
  "defence_security",
] as const;
export type QualificationCategory = (typeof QUALIFICATION_CATEGORIES)[number];

/** The code lists that are editable reference data (table code_lists). */
export const CODE_LISTS = [
  "professional",
  "political_theory",
  "state_management",
  "language",
  "it",
  "defence_security",
  "academic_title",
  "civil_service_grade",
  "ethnicity",
  "religion",
  "management_tier",
] as const;
export type CodeListName = (typeof CODE_LISTS)[number];

/** Which code list a qualification category draws its levels from. */
export const CATEGORY_CODE_LIST: Record<QualificationCategory, CodeListName> = {
  professional: "professional",
  political_theory: "political_theory",
  state_management: "state_management",
  language: "language",
  it: "it",
  defence_security: "defence_security",
};

/** Title levels in the titles catalogue. */
export const TITLE_LEVELS = ["city", "district", "commune", "department", "division", "staff"] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];

/**
 * Kinds of training course (bồi dưỡng) on the CV: knowledge updates for leaders (cập nhật kiến thức, the
 * basis of indicator I5), leadership and management, state management, defence-security, languages, IT,
 * other professional courses.
 */
export const TRAINING_KINDS = [
  "knowledge_update",
  "leadership_management",
  "state_management",
  "defence_security",
  "language",
  "it",
  "professional",
  "other",
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

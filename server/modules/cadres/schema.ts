import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { MANAGEMENT_TIERS, STAFF_TYPES, TRAINING_KINDS } from "../../../common/enums/cadres.ts";
import { BIRTH_DATE_PRECISIONS } from "../../../common/rules/birth-date.ts";
import { codeLists } from "../codes/schema.ts";
import { places } from "../places/schema.ts";
import { seats, titles } from "../posts/schema.ts";
import { units } from "../units/schema.ts";

/**
 * The person: fields of the standard CV (Circular 06/2023/TT-BNV, DOMAIN §8) that have one value.
 * Everything that changes over time lives in the dated history tables below, all keyed by cadre_id first
 * so that a person's rows share a distribution key (Citus-ready, DESIGN §8).
 */
export const cadres = pgTable(
  "cadres",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** Staff code (số hiệu cán bộ), unique; imports upsert by it or by the ID number. */
    staffCode: text("staff_code").notNull().unique(),
    /** 12-digit personal ID number (CCCD) — sensitive. */
    idNumber: text("id_number").unique(),
    fullName: text("full_name").notNull(),
    otherNames: text("other_names"),
    sex: text("sex").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    /** How much of the birth date is known (day, month, year); birth_date is then its first day. */
    birthDatePrecision: text("birth_date_precision").notNull().default("day"),
    /** Older records: birthplace and home town as organisation units (read where set; new input uses places). */
    birthplaceUnitId: integer("birthplace_unit_id").references(() => units.id),
    /** Birthplace (nơi sinh) as an administrative place of an official list (places module). */
    birthplacePlaceId: integer("birthplace_place_id").references(() => places.id),
    birthplaceText: text("birthplace_text"),
    homeTownUnitId: integer("home_town_unit_id").references(() => units.id),
    /** Home town (quê quán) as an administrative place: the "local" rule reads it (DOMAIN §2). */
    homeTownPlaceId: integer("home_town_place_id").references(() => places.id),
    homeTownText: text("home_town_text"),
    /** Code list "ethnicity" — sensitive. */
    ethnicityCode: text("ethnicity_code"),
    /** Code list "religion" — sensitive. */
    religionCode: text("religion_code"),
    staffType: text("staff_type").notNull(),
    phone: text("phone"),
    email: text("email"),
    residence: text("residence"),
    occupationBeforeRecruitment: text("occupation_before_recruitment"),
    recruitmentDate: date("recruitment_date", { mode: "string" }),
    recruitmentAgency: text("recruitment_agency"),
    joinedAgencyDate: date("joined_agency_date", { mode: "string" }),
    partyAdmissionDate: date("party_admission_date", { mode: "string" }),
    partyOfficialDate: date("party_official_date", { mode: "string" }),
    generalEducation: text("general_education"),
    academicTitleCode: text("academic_title_code"),
    academicTitleYear: integer("academic_title_year"),
    honoraryTitle: text("honorary_title"),
    /** Health — sensitive. */
    health: text("health"),
    strengths: text("strengths"),
    /** Last day of service (retired, quit, died); null while serving. */
    leftOn: date("left_on", { mode: "string" }),
    leftReason: text("left_reason"),
    /** Folded name (lower case, no diacritics) for search. */
    searchName: text("search_name").notNull(),
    /** Vietnamese sort key: given name, then middle, then family name. */
    sortKey: text("sort_key").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Lists are ordered `ORDER BY sort_key COLLATE "C", id` (byte order, the same on every engine); an
    // index in the database's default collation could not serve that order.
    index("cadres_sort_c_idx").on(sql`${t.sortKey} COLLATE "C"`, t.id),
    // Trigram search on the folded name (pg_trgm, migration 0002); prefix search uses text_pattern_ops.
    index("cadres_search_trgm_idx").using("gin", t.searchName.op("gin_trgm_ops")),
    index("cadres_search_prefix_idx").on(t.searchName.op("text_pattern_ops")),
    index("cadres_birth_idx").on(t.birthDate),
    // Staff-code search is a case-insensitive prefix (search.repo.ts).
    index("cadres_staff_code_prefix_idx").on(sql`lower(${t.staffCode}) text_pattern_ops`),
    check("cadres_sex_chk", sql`${t.sex} IN ('male', 'female')`),
    check("cadres_id_number_chk", sql`${t.idNumber} IS NULL OR ${t.idNumber} ~ '^[0-9]{12}$'`),
    check(
      "cadres_birth_date_precision_chk",
      sql.raw(`birth_date_precision IN (${BIRTH_DATE_PRECISIONS.map((v) => `'${v}'`).join(", ")})`),
    ),
    check("cadres_staff_type_chk", sql.raw(`staff_type IN (${STAFF_TYPES.map((v) => `'${v}'`).join(", ")})`)),
  ],
);

/** Assignments to seats over time: main and concurrent posts (items 23, 25 of the CV). */
export const cadreAssignments = pgTable(
  "cadre_assignments",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    seatId: integer("seat_id").references(() => seats.id),
    /** The seat's unit and title, copied so that scoped and indicator queries need no join. */
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    titleId: integer("title_id")
      .notNull()
      .references(() => titles.id),
    isMain: boolean("is_main").notNull().default(true),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    /** Date of the appointment decision (term counting) when it differs from valid_from. */
    appointedOn: date("appointed_on", { mode: "string" }),
    decisionRef: text("decision_ref"),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.cadreId, t.id] }),
    index("cadre_assignments_unit_idx").on(t.unitId, t.validFrom),
    index("cadre_assignments_title_idx").on(t.titleId, t.validFrom),
    // "Who holds a main post in these units on date D": scoped lists and indicators. Carries the period
    // and the person so the scan needs no table access for the date test.
    index("cadre_assignments_main_unit_idx")
      .on(t.unitId, t.validFrom, t.validTo, t.cadreId)
      .where(sql`${t.isMain}`),
    index("cadre_assignments_seat_idx").on(t.seatId),
    check("cadre_assignments_dates_chk", sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
  ],
);

/** Management tier over time (diện quản lý). */
export const cadreTiers = pgTable(
  "cadre_tiers",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    tier: text("tier").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    decisionRef: text("decision_ref"),
  },
  (t) => [
    primaryKey({ columns: [t.cadreId, t.id] }),
    index("cadre_tiers_tier_idx").on(t.tier, t.validFrom),
    check("cadre_tiers_tier_chk", sql.raw(`tier IN (${MANAGEMENT_TIERS.map((v) => `'${v}'`).join(", ")})`)),
    check("cadre_tiers_dates_chk", sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * Qualifications obtained over time (item 32): professional degrees, political theory, state management,
 * languages, IT, defence-security. A qualification holds from the day it is obtained.
 */
export const cadreQualifications = pgTable(
  "cadre_qualifications",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    category: text("category").notNull(),
    levelCode: text("level_code").notNull(),
    major: text("major"),
    institution: text("institution"),
    studyMode: text("study_mode"),
    startedOn: date("started_on", { mode: "string" }),
    obtainedOn: date("obtained_on", { mode: "string" }).notNull(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.cadreId, t.id] }),
    index("cadre_qualifications_level_idx").on(t.category, t.levelCode),
    // A category's levels come from the code list of the same name (CATEGORY_CODE_LIST).
    foreignKey({
      name: "cadre_qualifications_level_fk",
      columns: [t.category, t.levelCode],
      foreignColumns: [codeLists.list, codeLists.code],
    }),
  ],
);

/** Salary grade and step over time (item 30). */
export const cadreSalaries = pgTable(
  "cadre_salaries",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    gradeCode: text("grade_code").notNull(),
    step: integer("step").notNull(),
    coefficient: numeric("coefficient", { precision: 5, scale: 2 }),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
  },
  (t) => [primaryKey({ columns: [t.cadreId, t.id] })],
);

/** Rewards (item 35). Discipline has its own module. */
export const cadreRewards = pgTable(
  "cadre_rewards",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    form: text("form").notNull(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    decisionRef: text("decision_ref"),
    issuer: text("issuer"),
    reason: text("reason"),
  },
  (t) => [primaryKey({ columns: [t.cadreId, t.id] })],
);

/** Family members on the own and the spouse's side (item 36) — sensitive. */
export const cadreFamily = pgTable(
  "cadre_family",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    side: text("side").notNull(),
    relation: text("relation").notNull(),
    fullName: text("full_name").notNull(),
    birthYear: integer("birth_year"),
    details: text("details"),
  },
  (t) => [primaryKey({ columns: [t.cadreId, t.id] })],
);

/** Work history before canbo's records begin, as written then (item 33). */
export const cadreWorkHistory = pgTable(
  "cadre_work_history",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    unitText: text("unit_text").notNull(),
    titleText: text("title_text"),
    description: text("description"),
  },
  (t) => [primaryKey({ columns: [t.cadreId, t.id] })],
);

/**
 * Training courses attended (đào tạo, bồi dưỡng; item 32 of the CV beside the qualifications): knowledge
 * updates for leaders, leadership and management courses, defence-security… A course counts from the day
 * it is completed (completed_on); an unfinished course has none.
 */
export const cadreTrainings = pgTable(
  "cadre_trainings",
  {
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    id: integer("id").generatedByDefaultAsIdentity().notNull(),
    kind: text("kind").notNull(),
    course: text("course").notNull(),
    organiser: text("organiser"),
    startedOn: date("started_on", { mode: "string" }),
    completedOn: date("completed_on", { mode: "string" }),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.cadreId, t.id] }),
    index("cadre_trainings_kind_idx").on(t.kind, t.completedOn),
    check("cadre_trainings_kind_chk", sql.raw(`kind IN (${TRAINING_KINDS.map((v) => `'${v}'`).join(", ")})`)),
    check(
      "cadre_trainings_dates_chk",
      sql`${t.startedOn} IS NULL OR ${t.completedOn} IS NULL OR ${t.completedOn} >= ${t.startedOn}`,
    ),
  ],
);

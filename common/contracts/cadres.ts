import { z } from "zod";
import {
  MANAGEMENT_TIERS,
  QUALIFICATION_CATEGORIES,
  SEXES,
  STAFF_TYPES,
  TRAINING_KINDS,
} from "../enums/cadres.ts";
import { BIRTH_DATE_PRECISIONS } from "../rules/birth-date.ts";
import { ID_NUMBER_PATTERN } from "../rules/cadre-checks.ts";
import {
  EMAIL_MAX,
  EMAIL_MESSAGE,
  EMAIL_PATTERN,
  FULL_NAME_MESSAGE,
  FULL_NAME_PATTERN,
  PHONE_MESSAGE,
  PHONE_PATTERN,
  STAFF_CODE_MESSAGE,
  STAFF_CODE_PATTERN,
} from "../rules/cadre-fields.ts";
import { RETIREMENT_OVERRIDE_KINDS } from "../rules/retirement-override.ts";
import {
  IdSchema,
  INT4_MAX,
  IsoDateSchema,
  PAGE_MAX,
  ReasonSchema,
  TextSchema,
  textSchema,
  wholeNumberSchema,
} from "./common.ts";
import { PlaceSchema } from "./places.ts";

/** Fields of the person that need the cadres.sensitive permission (DESIGN §5); family rows too. */
export const SENSITIVE_FIELDS = ["idNumber", "ethnicityCode", "religionCode", "health"] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];
/** What a masked record lists in `masked`. */
export const MASKABLE = [...SENSITIVE_FIELDS, "family"] as const;

/**
 * What a record read "as of" a date leaves out when the reader's scope covers the person on that date but
 * not today: details kept only as they are now (no date says whether they held then) that reach or
 * profile the person today — contact details, residence, health, family.
 */
export const WITHHELD_AS_OF = ["phone", "email", "residence", "health", "family"] as const;

/** Family side on the standard CV (item 36): the person's own side or the spouse's. */
export const FAMILY_SIDES = ["own", "spouse"] as const;

/** The history tables of a record, by their path segment in the API. */
export const HISTORY_KINDS = [
  "assignments",
  "tiers",
  "qualifications",
  "trainings",
  "salaries",
  "rewards",
  "family",
  "work-history",
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
/** Kinds whose rows run over a period and can be ended on a date. */
export const DATED_HISTORY_KINDS = ["assignments", "tiers", "salaries", "work-history"] as const;

// ---- building blocks ----

/** Optional free text: trimmed, "" becomes null. */
const text = (max: number) =>
  TextSchema.trim()
    .max(max, `Tối đa ${max} ký tự`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();
const optDate = IsoDateSchema.nullable().optional();
const optCode = TextSchema.trim().min(1).max(32).nullable().optional();

export const StaffCodeSchema = z
  .string()
  .trim()
  .min(1, "Nhập số hiệu cán bộ")
  .regex(STAFF_CODE_PATTERN, STAFF_CODE_MESSAGE)
  .describe("Staff code (số hiệu cán bộ), unique");

export const IdNumberSchema = z
  .string()
  .trim()
  .regex(ID_NUMBER_PATTERN, "Số định danh cá nhân phải gồm đúng 12 chữ số")
  .describe("12-digit personal ID number (CCCD) — sensitive");

const FullNameSchema = TextSchema.trim()
  .transform((v) => v.replace(/\s+/g, " "))
  .pipe(z.string().regex(FULL_NAME_PATTERN, FULL_NAME_MESSAGE));

/** The person's own fields (one value each); histories are separate. */
const personFields = {
  staffCode: StaffCodeSchema,
  idNumber: IdNumberSchema.nullable().optional(),
  fullName: FullNameSchema,
  otherNames: text(200),
  sex: z.enum(SEXES),
  birthDate: IsoDateSchema.describe(
    "Date of birth; when only the year or the month is known, any day of it (stored as its first day)",
  ),
  birthDatePrecision: z
    .enum(BIRTH_DATE_PRECISIONS)
    .optional()
    .describe("How much of the birth date is known: day (default), month or year (Decree 135/2020 art. 3)"),
  birthplaceUnitId: IdSchema.nullable()
    .optional()
    .describe("Older records: birthplace as an organisation unit"),
  birthplacePlaceId: IdSchema.nullable()
    .optional()
    .describe("Birthplace (nơi sinh) as a place (GET /api/places)"),
  birthplaceText: text(300),
  homeTownUnitId: IdSchema.nullable().optional().describe("Older records: home town as an organisation unit"),
  homeTownPlaceId: IdSchema.nullable()
    .optional()
    .describe("Home town (quê quán) as a place (GET /api/places), for the local rule"),
  homeTownText: text(300),
  ethnicityCode: optCode.describe("Code list ethnicity — sensitive"),
  religionCode: optCode.describe("Code list religion — sensitive"),
  staffType: z.enum(STAFF_TYPES),
  phone: TextSchema.trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.string().regex(PHONE_PATTERN, PHONE_MESSAGE).nullable())
    .nullable()
    .optional(),
  email: TextSchema.trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.string().max(EMAIL_MAX, EMAIL_MESSAGE).regex(EMAIL_PATTERN, EMAIL_MESSAGE).nullable())
    .nullable()
    .optional(),
  residence: text(300),
  occupationBeforeRecruitment: text(200),
  recruitmentDate: optDate,
  recruitmentAgency: text(300),
  joinedAgencyDate: optDate,
  partyAdmissionDate: optDate,
  partyOfficialDate: optDate,
  generalEducation: text(20).describe("e.g. 12/12"),
  academicTitleCode: optCode.describe("Code list academic_title"),
  academicTitleYear: z.number().int().min(1900).max(2200).nullable().optional(),
  honoraryTitle: text(300),
  health: text(300).describe("Health — sensitive"),
  strengths: text(1000),
  leftOn: optDate.describe("Last day of service (retired, quit, died)"),
  leftReason: text(300),
};

// ---- history rows: inputs ----

const AssignmentFieldsSchema = z
  .object({
    seatId: IdSchema.nullable().optional().describe("The seat; its unit and title are used"),
    unitId: IdSchema.optional().describe("Unit, when no seat is given"),
    titleId: IdSchema.optional().describe("Title, when no seat is given"),
    isMain: z.boolean().default(true).describe("Main post (false: concurrent post)"),
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().optional().describe("First day no longer in the post"),
    appointedOn: optDate.describe("Effective date of the appointment decision (term counting)"),
    decisionRef: text(100),
    note: text(500),
    reason: ReasonSchema,
  })
  .strict();

export const AssignmentInputSchema = AssignmentFieldsSchema.refine(
  (v) => v.seatId != null || (v.unitId !== undefined && v.titleId !== undefined),
  {
    message: "Chọn vị trí, hoặc đơn vị và chức danh",
    path: ["seatId"],
  },
);

export const TierInputSchema = z
  .object({
    tier: z.enum(MANAGEMENT_TIERS),
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().optional(),
    decisionRef: text(100),
    reason: ReasonSchema,
  })
  .strict();

export const QualificationInputSchema = z
  .object({
    category: z.enum(QUALIFICATION_CATEGORIES),
    levelCode: TextSchema.trim().min(1).max(32).describe("Code from the category's code list"),
    major: text(200),
    institution: text(300),
    studyMode: text(50),
    startedOn: optDate,
    obtainedOn: IsoDateSchema,
    note: text(500),
    reason: ReasonSchema,
  })
  .strict();

const TrainingFieldsSchema = z
  .object({
    kind: z.enum(TRAINING_KINDS, "Chọn loại bồi dưỡng"),
    course: textSchema("Nhập tên khóa bồi dưỡng")
      .trim()
      .min(1, "Nhập tên khóa bồi dưỡng")
      .max(300, "Tên khóa bồi dưỡng tối đa 300 ký tự")
      .describe("e.g. Bồi dưỡng cập nhật kiến thức cho cán bộ diện Ban Thường vụ Thành ủy quản lý"),
    organiser: text(300).describe("Who ran the course (school, academy, committee)"),
    startedOn: optDate,
    completedOn: optDate.describe("Last day of the course; empty while it is not finished"),
    note: text(500),
    reason: ReasonSchema,
  })
  .strict();

/** A course cannot end before it begins (both dates given); the server checks the stored row again. */
const completedAfterStart = <T extends { startedOn?: string | null; completedOn?: string | null }>(v: T) =>
  v.startedOn == null || v.completedOn == null || v.completedOn >= v.startedOn;
const COMPLETED_BEFORE_START = {
  message: "Ngày hoàn thành không được trước ngày bắt đầu",
  path: ["completedOn"],
};

/** A training course (bồi dưỡng): knowledge update, leadership and management, … (CV item 32). */
export const TrainingInputSchema = TrainingFieldsSchema.refine(completedAfterStart, COMPLETED_BEFORE_START);

export const SalaryInputSchema = z
  .object({
    gradeCode: TextSchema.trim().min(1).max(32).describe("Code list civil_service_grade"),
    step: z.number().int().min(1).max(20),
    coefficient: z.number().min(0).max(99.99).nullable().optional(),
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().optional(),
    reason: ReasonSchema,
  })
  .strict();

export const RewardInputSchema = z
  .object({
    form: TextSchema.trim().min(1).max(300).describe("e.g. Bằng khen của Chủ tịch UBND Thành phố"),
    decidedOn: IsoDateSchema,
    decisionRef: text(100),
    issuer: text(300),
    reason: text(1000).describe("What the reward was for"),
  })
  .strict();

export const FamilyInputSchema = z
  .object({
    side: z.enum(FAMILY_SIDES),
    relation: TextSchema.trim().min(1).max(50).describe("e.g. Bố, Mẹ, Vợ, Con"),
    fullName: FullNameSchema,
    birthYear: z.number().int().min(1850).max(2200).nullable().optional(),
    details: text(1000).describe("Occupation, residence, political history"),
    reason: ReasonSchema,
  })
  .strict();

export const WorkHistoryInputSchema = z
  .object({
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().optional(),
    unitText: TextSchema.trim().min(1).max(300).describe("The unit as it was named then"),
    titleText: text(200),
    description: text(1000),
    reason: ReasonSchema,
  })
  .strict();

/** Input of a new row, by kind (before zod defaults are applied). */
export const HISTORY_INPUT_SCHEMAS = {
  assignments: AssignmentInputSchema,
  tiers: TierInputSchema,
  qualifications: QualificationInputSchema,
  trainings: TrainingInputSchema,
  salaries: SalaryInputSchema,
  rewards: RewardInputSchema,
  family: FamilyInputSchema,
  "work-history": WorkHistoryInputSchema,
} as const;

/** Corrections: any field of the row; only the fields sent change. */
export const HISTORY_CORRECTION_SCHEMAS = {
  assignments: AssignmentFieldsSchema.partial().extend({ isMain: z.boolean().optional() }).strict(),
  tiers: TierInputSchema.partial().strict(),
  qualifications: QualificationInputSchema.partial().strict(),
  trainings: TrainingFieldsSchema.partial().strict().refine(completedAfterStart, COMPLETED_BEFORE_START),
  salaries: SalaryInputSchema.partial().strict(),
  rewards: RewardInputSchema.partial().strict(),
  family: FamilyInputSchema.partial().strict(),
  "work-history": WorkHistoryInputSchema.partial().strict(),
} as const;

export type HistoryInput<K extends HistoryKind> = z.input<(typeof HISTORY_INPUT_SCHEMAS)[K]>;
export type HistoryCorrection<K extends HistoryKind> = z.input<(typeof HISTORY_CORRECTION_SCHEMAS)[K]>;

export const EndHistorySchema = z
  .object({
    endDate: IsoDateSchema.describe("First day on which the row no longer holds"),
    reason: ReasonSchema,
  })
  .strict();
export type EndHistoryInput = z.infer<typeof EndHistorySchema>;

export const DeleteHistorySchema = z
  .object({
    reason: TextSchema.trim()
      .min(3, "Ghi lý do xóa (dòng nhập nhầm)")
      .max(1000)
      .describe("Why the row was wrong; deletion is only for rows entered by mistake"),
  })
  .strict();
export type DeleteHistoryInput = z.infer<typeof DeleteHistorySchema>;

// ---- history rows: output ----

const Ref = z.object({ id: z.number(), name: z.string() });

export const AssignmentRowSchema = z.object({
  id: z.number(),
  seatId: z.number().nullable(),
  unitId: z.number(),
  unitName: z.string().describe("The unit's name during the assignment"),
  titleId: z.number(),
  titleName: z.string(),
  isLeadership: z.boolean(),
  isMain: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  appointedOn: z.string().nullable(),
  decisionRef: z.string().nullable(),
  note: z.string().nullable(),
});
export const TierRowSchema = z.object({
  id: z.number(),
  tier: z.enum(MANAGEMENT_TIERS),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  decisionRef: z.string().nullable(),
});
export const QualificationRowSchema = z.object({
  id: z.number(),
  category: z.enum(QUALIFICATION_CATEGORIES),
  levelCode: z.string(),
  levelName: z.string(),
  rank: z.number(),
  major: z.string().nullable(),
  institution: z.string().nullable(),
  studyMode: z.string().nullable(),
  startedOn: z.string().nullable(),
  obtainedOn: z.string(),
  note: z.string().nullable(),
});
export const TrainingRowSchema = z.object({
  id: z.number(),
  kind: z.enum(TRAINING_KINDS),
  course: z.string(),
  organiser: z.string().nullable(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable().describe("Null while the course is not finished"),
  note: z.string().nullable(),
});
export const SalaryRowSchema = z.object({
  id: z.number(),
  gradeCode: z.string(),
  gradeName: z.string(),
  step: z.number(),
  coefficient: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export const RewardRowSchema = z.object({
  id: z.number(),
  form: z.string(),
  decidedOn: z.string(),
  decisionRef: z.string().nullable(),
  issuer: z.string().nullable(),
  reason: z.string().nullable(),
});
export const FamilyRowSchema = z.object({
  id: z.number(),
  side: z.enum(FAMILY_SIDES),
  relation: z.string(),
  fullName: z.string(),
  birthYear: z.number().nullable(),
  details: z.string().nullable(),
});
export const WorkHistoryRowSchema = z.object({
  id: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  unitText: z.string(),
  titleText: z.string().nullable(),
  description: z.string().nullable(),
});

export const HISTORY_ROW_SCHEMAS = {
  assignments: AssignmentRowSchema,
  tiers: TierRowSchema,
  qualifications: QualificationRowSchema,
  trainings: TrainingRowSchema,
  salaries: SalaryRowSchema,
  rewards: RewardRowSchema,
  family: FamilyRowSchema,
  "work-history": WorkHistoryRowSchema,
} as const;
export type HistoryRow<K extends HistoryKind> = z.infer<(typeof HISTORY_ROW_SCHEMAS)[K]>;
export type AssignmentRow = HistoryRow<"assignments">;
export type TierRow = HistoryRow<"tiers">;
export type QualificationRow = HistoryRow<"qualifications">;
export type TrainingRow = HistoryRow<"trainings">;
export type SalaryRow = HistoryRow<"salaries">;
export type RewardRow = HistoryRow<"rewards">;
export type FamilyRow = HistoryRow<"family">;
export type WorkHistoryRow = HistoryRow<"work-history">;

// ---- the person ----

export const CreateCadreSchema = z
  .object({
    ...personFields,
    assignment: AssignmentInputSchema.optional().describe(
      "The first main assignment; needed by users scoped to units, so the person lands in their scope",
    ),
    reason: ReasonSchema,
  })
  .strict();
export type CreateCadreInput = z.input<typeof CreateCadreSchema>;

export const UpdateCadreSchema = z
  .object(personFields)
  .partial()
  .extend({
    version: wholeNumberSchema(1, INT4_MAX).describe("The version read; a stale version gets 409"),
    reason: ReasonSchema,
  })
  .strict();
export type UpdateCadreInput = z.infer<typeof UpdateCadreSchema>;

const CodeRef = z.object({ code: z.string(), name: z.string(), obtainedOn: z.string() });

/** Facts derived as of a date (DOMAIN §2, §6; Regulation 80/377). */
export const CadreComputedSchema = z.object({
  asOf: z.string(),
  age: z.number(),
  retirement: z.object({
    ageMonths: z.number().describe("Retirement age that applies, in months"),
    reachedOn: z.string(),
    retirementDate: z.string().describe("Last working day (the override's when one is in force)"),
    pensionFrom: z.string().describe("First day of the pension month"),
    statutoryDate: z.string().describe("Last working day under the statutory age"),
    overrideKind: z
      .enum(RETIREMENT_OVERRIDE_KINDS)
      .nullable()
      .describe("Legal basis of the override in force on the date, if it moves the date"),
  }),
  current: z
    .object({
      assignmentId: z.number(),
      unit: Ref,
      title: Ref,
      since: z.string(),
      monthsInPost: z.number(),
    })
    .nullable()
    .describe("The main assignment on the date"),
  leadership: z
    .object({ assignmentId: z.number(), title: Ref, appointedOn: z.string(), termEndDate: z.string() })
    .nullable()
    .describe("The current leadership appointment and the end of its 5-year term"),
  tier: z.enum(MANAGEMENT_TIERS).nullable(),
  highestQualification: CodeRef.nullable(),
  politicalTheory: CodeRef.nullable(),
  stateManagement: CodeRef.nullable(),
  isLocal: z
    .boolean()
    .nullable()
    .describe("Home town inside the territory the main post leads (places); null when unknown (DOMAIN §2)"),
});
export type CadreComputed = z.infer<typeof CadreComputedSchema>;

export const CadreDetailSchema = z.object({
  id: z.number(),
  staffCode: z.string(),
  idNumber: z.string().nullable(),
  fullName: z.string(),
  otherNames: z.string().nullable(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  birthDatePrecision: z.enum(BIRTH_DATE_PRECISIONS),
  birthplaceUnitId: z.number().nullable(),
  birthplacePlaceId: z.number().nullable(),
  birthplacePlace: PlaceSchema.nullable().describe("The birthplace in words, as its list names it"),
  birthplaceText: z.string().nullable(),
  homeTownUnitId: z.number().nullable(),
  homeTownPlaceId: z.number().nullable(),
  homeTownPlace: PlaceSchema.nullable().describe("The home town in words, as its list names it"),
  homeTownText: z.string().nullable(),
  ethnicityCode: z.string().nullable(),
  religionCode: z.string().nullable(),
  staffType: z.enum(STAFF_TYPES),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  residence: z.string().nullable(),
  occupationBeforeRecruitment: z.string().nullable(),
  recruitmentDate: z.string().nullable(),
  recruitmentAgency: z.string().nullable(),
  joinedAgencyDate: z.string().nullable(),
  partyAdmissionDate: z.string().nullable(),
  partyOfficialDate: z.string().nullable(),
  generalEducation: z.string().nullable(),
  academicTitleCode: z.string().nullable(),
  academicTitleYear: z.number().nullable(),
  honoraryTitle: z.string().nullable(),
  health: z.string().nullable(),
  strengths: z.string().nullable(),
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  masked: z.array(z.enum(MASKABLE)).describe("Sensitive parts withheld: the actor lacks cadres.sensitive"),
  withheld: z
    .array(z.enum(WITHHELD_AS_OF))
    .describe(
      "Not empty when the reader's scope covers the person on the date asked but not today: the record is as of that date (later history left out, later dates not shown) and these current details are withheld",
    ),
  computed: CadreComputedSchema,
  assignments: z.array(AssignmentRowSchema),
  tiers: z.array(TierRowSchema),
  qualifications: z.array(QualificationRowSchema),
  trainings: z.array(TrainingRowSchema),
  salaries: z.array(SalaryRowSchema),
  rewards: z.array(RewardRowSchema),
  family: z.array(FamilyRowSchema).optional().describe("Absent when masked"),
  workHistory: z.array(WorkHistoryRowSchema),
});
export type CadreDetail = z.infer<typeof CadreDetailSchema>;

export const CadreIdParamsSchema = z.object({ id: IdSchema });
export const HistoryRowParamsSchema = z.object({ id: IdSchema, rowId: IdSchema });
export const CadreDetailQuerySchema = z.object({
  asOf: IsoDateSchema.optional().describe("Date of the computed facts; today when absent"),
});

// ---- search ----

export const CADRE_PAGE_SIZE_MAX = 200;

const age = wholeNumberSchema(0, 150);

export const CadreListQuerySchema = z
  .object({
    q: TextSchema.trim()
      .max(100)
      .optional()
      .describe("Name with or without diacritics (≥ 3 letters: anywhere; fewer: prefix), or a staff code"),
    idNumber: IdNumberSchema.optional().describe("Exact ID number (needs cadres.sensitive)"),
    unitId: IdSchema.optional().describe("People whose main post on asOf is in this unit's subtree"),
    asOf: IsoDateSchema.optional().describe("Today when absent"),
    staffType: z.enum(STAFF_TYPES).optional(),
    tier: z.enum(MANAGEMENT_TIERS).optional(),
    titleId: IdSchema.optional().describe("Holding this title (main or concurrent) on asOf"),
    sex: z.enum(SEXES).optional(),
    ageFrom: age.optional().describe("Age on asOf at least"),
    ageTo: age.optional().describe("Age on asOf at most"),
    qualification: TextSchema.trim()
      .min(1)
      .max(32)
      .optional()
      .describe("Professional level code: this level or higher"),
    politicalTheory: TextSchema.trim().min(1).max(32).optional().describe("This level or higher"),
    includeLeft: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional()
      .describe("Also people who left service before asOf"),
    page: wholeNumberSchema(1, PAGE_MAX).default(1),
    pageSize: wholeNumberSchema(1, CADRE_PAGE_SIZE_MAX).default(50),
  })
  .refine((v) => v.ageFrom === undefined || v.ageTo === undefined || v.ageFrom <= v.ageTo, {
    message: "Tuổi từ phải nhỏ hơn hoặc bằng tuổi đến",
    path: ["ageTo"],
  });
export type CadreListQuery = z.infer<typeof CadreListQuerySchema>;

export const CadreListItemSchema = z.object({
  id: z.number(),
  staffCode: z.string(),
  fullName: z.string(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  birthDatePrecision: z.enum(BIRTH_DATE_PRECISIONS),
  age: z.number().describe("On asOf"),
  unit: Ref.nullable().describe("Unit of the main post on asOf, named as then"),
  title: Ref.nullable(),
  staffType: z.enum(STAFF_TYPES),
  tier: z.enum(MANAGEMENT_TIERS).nullable(),
  highestQualification: z.object({ code: z.string(), name: z.string() }).nullable(),
  politicalTheory: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export type CadreListItem = z.infer<typeof CadreListItemSchema>;

export const CadrePageSchema = z.object({
  asOf: z.string(),
  items: z.array(CadreListItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type CadrePage = z.infer<typeof CadrePageSchema>;

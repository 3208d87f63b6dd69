import { z } from "zod";
import type { CodeListName, ManagementTier, Sex, StaffType } from "../enums/cadres.ts";
import { CadreListQuerySchema } from "./cadres.ts";
import { TextSchema } from "./common.ts";

/**
 * The cadre spreadsheet (issue "Cadre records", items 4–5): the columns of the import template, which are
 * also the columns of the export, so that an export re-imports cleanly. docs/import-format.md describes
 * them for users.
 */

/** How a column's cells are read. */
export const IMPORT_COLUMN_KINDS = [
  "staffCode",
  "name",
  "text",
  "date",
  "sex",
  "staffType",
  "tier",
  "idNumber",
  "code",
  "unit",
  "place",
  "title",
  "phone",
  "email",
  "step",
  "coefficient",
  "codeName",
] as const;
export type ImportColumnKind = (typeof IMPORT_COLUMN_KINDS)[number];

/** Columns that are filled together or not at all: one dated history row each. */
export const IMPORT_GROUPS = [
  "qualification",
  "politicalTheory",
  "stateManagement",
  "assignment",
  "tier",
  "salary",
] as const;
export type ImportGroup = (typeof IMPORT_GROUPS)[number];

export type ImportColumn = {
  /** Key header (English, camelCase): accepted as a header like the Vietnamese one. */
  key: string;
  /** Vietnamese header, as the template writes it. */
  header: string;
  kind: ImportColumnKind;
  /** Required on every row. Group columns marked `groupRequired` are required when the group is used. */
  required: boolean;
  group?: ImportGroup;
  groupRequired?: boolean;
  /** The code list a `code` column draws from. */
  list?: CodeListName;
  /** The official list of places a `place` column's codes are read in (codes are reused across lists). */
  edition?: string;
  /**
   * For a `codeName` column, the coded column it names (Tên đơn vị công tác → unitCode). Exports write the
   * name beside the code; an import reads the name only when the code is left empty (issue 10, item 3).
   */
  nameOf?: string;
  /** Sensitive personal data (DESIGN §5): only with cadres.sensitive, in imports and exports alike. */
  sensitive?: boolean;
  /** Short hint written on the template's second row. */
  hint: string;
  example: string;
};

/** The columns, in template order. */
export const IMPORT_COLUMNS = [
  {
    key: "staffCode",
    header: "Số hiệu cán bộ",
    kind: "staffCode",
    required: true,
    hint: "Bắt buộc; chữ không dấu, số, . _ / -",
    example: "HN-000123",
  },
  {
    key: "fullName",
    header: "Họ và tên",
    kind: "name",
    required: true,
    hint: "Bắt buộc",
    example: "Nguyễn Văn An",
  },
  {
    key: "sex",
    header: "Giới tính",
    kind: "sex",
    required: true,
    hint: "Bắt buộc: Nam / Nữ",
    example: "Nam",
  },
  {
    key: "birthDate",
    header: "Ngày sinh",
    kind: "date",
    required: true,
    hint: "Bắt buộc; dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm sinh",
    example: "12/03/1980",
  },
  {
    key: "idNumber",
    header: "Số định danh cá nhân",
    kind: "idNumber",
    required: false,
    sensitive: true,
    hint: "12 chữ số (nhạy cảm)",
    example: "001080012345",
  },
  {
    key: "ethnicityCode",
    header: "Mã dân tộc",
    kind: "code",
    list: "ethnicity",
    required: false,
    sensitive: true,
    hint: "Mã danh mục dân tộc (nhạy cảm)",
    example: "01",
  },
  {
    key: "ethnicityName",
    header: "Tên dân tộc",
    kind: "codeName",
    nameOf: "ethnicityCode",
    required: false,
    sensitive: true,
    hint: "Tên trong danh mục dân tộc, khi không ghi mã (nhạy cảm)",
    example: "Kinh",
  },
  {
    key: "religionCode",
    header: "Mã tôn giáo",
    kind: "code",
    list: "religion",
    required: false,
    sensitive: true,
    hint: "Mã danh mục tôn giáo (nhạy cảm)",
    example: "00",
  },
  {
    key: "religionName",
    header: "Tên tôn giáo",
    kind: "codeName",
    nameOf: "religionCode",
    required: false,
    sensitive: true,
    hint: "Tên trong danh mục tôn giáo, khi không ghi mã (nhạy cảm)",
    example: "Không",
  },
  {
    key: "staffType",
    header: "Loại cán bộ",
    kind: "staffType",
    required: true,
    hint: "Bắt buộc: Cán bộ / Công chức / Viên chức / Hợp đồng",
    example: "Công chức",
  },
  {
    key: "birthplaceUnitCode",
    header: "Mã đơn vị nơi sinh",
    kind: "unit",
    required: false,
    hint: "Mã đơn vị hành chính",
    example: "001",
  },
  {
    key: "birthplacePlaceCode",
    header: "Mã địa danh nơi sinh",
    kind: "place",
    edition: "2025-07",
    required: false,
    hint: "Mã xã/phường hoặc tỉnh theo danh mục từ 01/7/2025",
    example: "00004",
  },
  {
    key: "birthplacePlaceCodeOld",
    header: "Mã địa danh nơi sinh (danh mục 2025-03)",
    kind: "place",
    edition: "2025-03",
    required: false,
    hint: "Mã xã, huyện hoặc tỉnh theo danh mục đến 30/6/2025",
    example: "00001",
  },
  {
    key: "birthplaceText",
    header: "Nơi sinh",
    kind: "text",
    required: false,
    hint: "Ghi đầy đủ",
    example: "Ba Đình, Hà Nội",
  },
  {
    key: "homeTownUnitCode",
    header: "Mã đơn vị quê quán",
    kind: "unit",
    required: false,
    hint: "Mã đơn vị hành chính",
    example: "017",
  },
  {
    key: "homeTownPlaceCode",
    header: "Mã địa danh quê quán",
    kind: "place",
    edition: "2025-07",
    required: false,
    hint: "Mã xã/phường hoặc tỉnh theo danh mục từ 01/7/2025",
    example: "00097",
  },
  {
    key: "homeTownPlaceCodeOld",
    header: "Mã địa danh quê quán (danh mục 2025-03)",
    kind: "place",
    edition: "2025-03",
    required: false,
    hint: "Mã xã, huyện hoặc tỉnh theo danh mục đến 30/6/2025",
    example: "00001",
  },
  {
    key: "homeTownText",
    header: "Quê quán",
    kind: "text",
    required: false,
    hint: "Ghi đầy đủ",
    example: "Đông Anh, Hà Nội",
  },
  {
    key: "phone",
    header: "Số điện thoại",
    kind: "phone",
    required: false,
    hint: "Chữ số, + ( ) - và dấu cách",
    example: "0912345678",
  },
  {
    key: "email",
    header: "Email",
    kind: "email",
    required: false,
    hint: "ten@coquan.gov.vn",
    example: "nvan@hanoi.gov.vn",
  },
  {
    key: "recruitmentDate",
    header: "Ngày tuyển dụng",
    kind: "date",
    required: false,
    hint: "dd/mm/yyyy",
    example: "01/09/2003",
  },
  {
    key: "partyAdmissionDate",
    header: "Ngày vào Đảng",
    kind: "date",
    required: false,
    hint: "dd/mm/yyyy",
    example: "19/05/2008",
  },
  {
    key: "partyOfficialDate",
    header: "Ngày chính thức vào Đảng",
    kind: "date",
    required: false,
    hint: "dd/mm/yyyy; sau ngày vào Đảng",
    example: "19/05/2009",
  },
  {
    key: "qualificationCode",
    header: "Mã trình độ chuyên môn",
    kind: "code",
    list: "professional",
    group: "qualification",
    groupRequired: true,
    required: false,
    hint: "Trình độ cao nhất; mã danh mục",
    example: "university",
  },
  {
    key: "qualificationName",
    header: "Tên trình độ chuyên môn",
    kind: "codeName",
    nameOf: "qualificationCode",
    group: "qualification",
    required: false,
    hint: "Tên trong danh mục, khi không ghi mã",
    example: "Đại học",
  },
  {
    key: "qualificationMajor",
    header: "Chuyên ngành",
    kind: "text",
    group: "qualification",
    required: false,
    hint: "Chuyên ngành đào tạo",
    example: "Luật",
  },
  {
    key: "qualificationDate",
    header: "Ngày cấp bằng chuyên môn",
    kind: "date",
    group: "qualification",
    groupRequired: true,
    required: false,
    hint: "dd/mm/yyyy; cần khi có mã trình độ",
    example: "30/06/2002",
  },
  {
    key: "politicalTheoryCode",
    header: "Mã lý luận chính trị",
    kind: "code",
    list: "political_theory",
    group: "politicalTheory",
    groupRequired: true,
    required: false,
    hint: "Mã danh mục",
    example: "intermediate",
  },
  {
    key: "politicalTheoryName",
    header: "Tên lý luận chính trị",
    kind: "codeName",
    nameOf: "politicalTheoryCode",
    group: "politicalTheory",
    required: false,
    hint: "Tên trong danh mục, khi không ghi mã",
    example: "Trung cấp",
  },
  {
    key: "politicalTheoryDate",
    header: "Ngày cấp bằng lý luận chính trị",
    kind: "date",
    group: "politicalTheory",
    groupRequired: true,
    required: false,
    hint: "dd/mm/yyyy",
    example: "15/01/2012",
  },
  {
    key: "stateManagementCode",
    header: "Mã quản lý nhà nước",
    kind: "code",
    list: "state_management",
    group: "stateManagement",
    groupRequired: true,
    required: false,
    hint: "Mã danh mục",
    example: "expert",
  },
  {
    key: "stateManagementName",
    header: "Tên quản lý nhà nước",
    kind: "codeName",
    nameOf: "stateManagementCode",
    group: "stateManagement",
    required: false,
    hint: "Tên trong danh mục, khi không ghi mã",
    example: "Chuyên viên",
  },
  {
    key: "stateManagementDate",
    header: "Ngày cấp chứng chỉ quản lý nhà nước",
    kind: "date",
    group: "stateManagement",
    groupRequired: true,
    required: false,
    hint: "dd/mm/yyyy",
    example: "20/11/2014",
  },
  {
    key: "unitCode",
    header: "Mã đơn vị công tác",
    kind: "unit",
    group: "assignment",
    groupRequired: true,
    required: false,
    hint: "Mã đơn vị (có hiệu lực vào ngày bắt đầu), hoặc ghi Tên đơn vị công tác",
    example: "00001",
  },
  {
    key: "unitName",
    header: "Tên đơn vị công tác",
    kind: "codeName",
    nameOf: "unitCode",
    group: "assignment",
    required: false,
    hint: "Tên đơn vị vào ngày bắt đầu, khi không ghi mã",
    example: "Phường Phúc Xá",
  },
  {
    key: "titleCode",
    header: "Mã chức danh",
    kind: "title",
    group: "assignment",
    groupRequired: true,
    required: false,
    hint: "Mã danh mục chức danh",
    example: "expert",
  },
  {
    key: "titleName",
    header: "Tên chức danh",
    kind: "codeName",
    nameOf: "titleCode",
    group: "assignment",
    required: false,
    hint: "Tên trong danh mục chức danh, khi không ghi mã",
    example: "Chuyên viên",
  },
  {
    key: "assignmentFrom",
    header: "Ngày bắt đầu giữ chức danh",
    kind: "date",
    group: "assignment",
    groupRequired: true,
    required: false,
    hint: "dd/mm/yyyy",
    example: "01/01/2020",
  },
  {
    key: "tier",
    header: "Diện quản lý",
    kind: "tier",
    group: "tier",
    groupRequired: true,
    required: false,
    hint: "Trung ương / BTV Thành ủy / BTV Quận ủy / Đảng ủy sở ngành / Cơ sở",
    example: "Cơ sở",
  },
  {
    key: "tierFrom",
    header: "Ngày bắt đầu diện quản lý",
    kind: "date",
    group: "tier",
    groupRequired: true,
    required: false,
    hint: "dd/mm/yyyy",
    example: "01/01/2020",
  },
  {
    // The last day the tier held, inclusive like every period shown to users (DOMAIN §9); empty: still held.
    key: "tierTo",
    header: "Ngày kết thúc diện quản lý",
    kind: "date",
    group: "tier",
    required: false,
    hint: "dd/mm/yyyy; ngày cuối cùng còn thuộc diện, để trống nếu đang thuộc diện",
    example: "30/06/2025",
  },
  {
    key: "salaryGradeCode",
    header: "Mã ngạch",
    kind: "code",
    list: "civil_service_grade",
    group: "salary",
    groupRequired: true,
    required: false,
    hint: "Mã ngạch, chức danh nghề nghiệp",
    example: "01.003",
  },
  {
    key: "salaryGradeName",
    header: "Tên ngạch",
    kind: "codeName",
    nameOf: "salaryGradeCode",
    group: "salary",
    required: false,
    hint: "Tên ngạch, chức danh nghề nghiệp, khi không ghi mã",
    example: "Chuyên viên",
  },
  {
    key: "salaryStep",
    header: "Bậc lương",
    kind: "step",
    group: "salary",
    groupRequired: true,
    required: false,
    hint: "Số nguyên 1–20",
    example: "3",
  },
  {
    key: "salaryCoefficient",
    header: "Hệ số lương",
    kind: "coefficient",
    group: "salary",
    required: false,
    hint: "Ví dụ 3,00 hoặc 3.00",
    example: "3.00",
  },
  {
    key: "salaryFrom",
    header: "Ngày hưởng lương",
    kind: "date",
    group: "salary",
    groupRequired: true,
    required: false,
    hint: "dd/mm/yyyy",
    example: "01/01/2021",
  },
] as const satisfies readonly ImportColumn[];

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];

/** Extra columns that are accepted and ignored: a row counter and the error column of an error file. */
export const IGNORED_HEADERS = ["STT", "Lỗi"] as const;
/** Header of the column an error file adds. */
export const ERROR_COLUMN_HEADER = "Lỗi";

/** Labels written in exports and accepted in imports (as are the codes themselves). */
export const SEX_LABELS: Record<Sex, string> = { male: "Nam", female: "Nữ" };
export const STAFF_TYPE_LABELS: Record<StaffType, string> = {
  cadre: "Cán bộ",
  civil_servant: "Công chức",
  public_employee: "Viên chức",
  contract: "Hợp đồng",
};
export const TIER_LABELS: Record<ManagementTier, string> = {
  central: "Trung ương",
  city_standing: "BTV Thành ủy",
  district_standing: "BTV Quận ủy",
  department_committee: "Đảng ủy sở ngành",
  grassroots: "Cơ sở",
};

/**
 * The tiers' names in the code list `management_tier` (DOMAIN §9), accepted in imports beside the short
 * labels and the codes. The last one is how the tier of the committees directly under the city reads from
 * 1/7/2025, when the communes' committees joined the departments'.
 */
export const TIER_NAMES: readonly (readonly [string, ManagementTier])[] = [
  ["Diện Bộ Chính trị, Ban Bí thư quản lý", "central"],
  ["Diện Ban Thường vụ Thành ủy quản lý", "city_standing"],
  ["Diện Ban Thường vụ quận, huyện, thị ủy quản lý", "district_standing"],
  ["Diện đảng ủy các sở, ngành, đảng ủy trực thuộc quản lý", "department_committee"],
  ["Diện cơ sở quản lý", "grassroots"],
  ["Diện ban thường vụ các đảng ủy trực thuộc Thành ủy quản lý", "department_committee"],
];

// ---- API shapes ----

export const IMPORT_FORMATS = ["xlsx", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const TemplateQuerySchema = z.object({
  format: z.enum(IMPORT_FORMATS).default("xlsx"),
});

const bool = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

export const ImportQuerySchema = z.object({
  dryRun: bool.describe("Check every row and report; change nothing"),
  async: bool.describe("Answer 202 with the job at once; follow it with GET /api/imports/{id}"),
  fileName: TextSchema.trim().max(255).optional().describe("File name for a raw body upload"),
});
export type ImportQuery = z.infer<typeof ImportQuerySchema>;

export const ImportRowErrorSchema = z.object({
  row: z.number().describe("Row number in the spreadsheet (the header is row 1)"),
  column: z.string().nullable().describe("Column key; null for the row as a whole"),
  header: z.string().nullable().describe("Column header (Vietnamese)"),
  value: z.string().nullable(),
  message: z.string().describe("Reason, in Vietnamese"),
  sheet: z
    .string()
    .optional()
    .describe("The sheet of the row when it is not the cadre sheet (Đào tạo, bồi dưỡng)"),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const ImportProgressSchema = z.object({
  read: z.number().describe("Data rows read from the file"),
  validated: z.number().describe("Rows checked (against code lists, units, titles and the records)"),
  written: z.number().describe("Rows written (people created, changed or found unchanged)"),
  bytesRead: z.number(),
  bytesTotal: z.number(),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

/** Maximum number of row errors listed in a report; the error file carries them all. */
export const REPORT_ERRORS_MAX = 5000;

/**
 * What an import file holds: cadre rows (an xlsx may carry the trainings on its second sheet), or training
 * courses only (a file whose header row is the trainings columns: how a CSV carries them).
 */
export const IMPORT_CONTENTS = ["cadres", "trainings"] as const;
export type ImportContent = (typeof IMPORT_CONTENTS)[number];

export const ImportReportSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  content: z
    .enum(IMPORT_CONTENTS)
    .describe(
      "cadres: the cadre sheet (and an xlsx's trainings sheet); trainings: a file of training courses only",
    ),
  dryRun: z.boolean(),
  committed: z.boolean().describe("True when the rows were written (a real run without any bad row)"),
  rows: z.number().describe("Data rows in the file (of its cadre sheet; of courses, for a trainings file)"),
  invalidRows: z.number(),
  created: z.number().describe("People created (or that would be, in a dry run)"),
  updated: z.number().describe("People changed"),
  unchanged: z.number().describe("People already exactly as in the file"),
  trainings: z
    .object({
      rows: z.number().describe("Rows of the sheet Đào tạo, bồi dưỡng (of the file, for a trainings file)"),
      added: z.number().describe("Training courses added (or that would be, in a dry run)"),
      unchanged: z.number().describe("Rows identical to a course the person has (or to an earlier row)"),
    })
    .optional(),
  errorCount: z.number(),
  errors: z.array(ImportRowErrorSchema).describe(`Every bad row, up to ${REPORT_ERRORS_MAX} errors`),
  errorsTruncated: z.boolean(),
  errorFileUrl: z
    .string()
    .nullable()
    .describe("The file with an extra column Lỗi, to fix and upload again (when there are errors)"),
  seconds: z.number(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const IMPORT_JOB_STATUSES = ["running", "done", "failed"] as const;

export const ImportJobSchema = z.object({
  id: z.string(),
  status: z.enum(IMPORT_JOB_STATUSES),
  fileName: z.string(),
  dryRun: z.boolean(),
  startedAt: z.string(),
  progress: ImportProgressSchema,
  report: ImportReportSchema.nullable(),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.unknown().optional() })
    .nullable()
    .describe("Why the file was refused as a whole (malformed, wrong headers…)"),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

export const ImportJobParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/) });

/** GET /api/cadres/export: the filters of GET /api/cadres plus the format (no paging: every row). */
export const CadreExportQuerySchema = CadreListQuerySchema.safeExtend({
  format: z.enum(IMPORT_FORMATS).default("xlsx"),
});
export type CadreExportQuery = z.infer<typeof CadreExportQuerySchema>;

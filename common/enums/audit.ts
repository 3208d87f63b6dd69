/**
 * The registry of the audit trail: every action the server writes, and every field its rows hold, named
 * for people in Vietnamese and English. `audit.record` only accepts an `AuditAction`, so a new action is
 * a type error until it has its line here; `server/modules/audit/audit.labels.test.ts` also reads the
 * writers' source (SQL included) and the tables the trail shows, and names whatever lacks a label.
 *
 * To add an action: one line in AUDIT_ACTIONS (key → { vi, en }). To add a field: one line in
 * AUDIT_FIELDS. Nothing else.
 */

export type AuditLabel = { vi: string; en: string };
export type AuditLanguage = keyof AuditLabel;

/** The histories of a record (server/modules/cadres/histories.service.ts): cadre.<row>.<verb>. */
export const HISTORY_AUDIT_ROWS = {
  assignment: { vi: "chức vụ, vị trí công tác", en: "post" },
  tier: { vi: "diện quản lý", en: "management tier" },
  qualification: { vi: "trình độ", en: "qualification" },
  training: { vi: "khóa bồi dưỡng", en: "training course" },
  salary: { vi: "ngạch, bậc lương", en: "salary row" },
  reward: { vi: "khen thưởng", en: "reward" },
  family_member: { vi: "thành viên gia đình", en: "family member" },
  work_history: { vi: "quá trình công tác trước đây", en: "earlier work row" },
} as const satisfies Record<string, AuditLabel>;
export type HistoryAuditRow = keyof typeof HISTORY_AUDIT_ROWS;

const HISTORY_VERBS = {
  added: { vi: "Thêm", en: "added" },
  corrected: { vi: "Sửa", en: "corrected" },
  ended: { vi: "Kết thúc", en: "ended" },
  deleted: { vi: "Xóa", en: "deleted" },
} as const satisfies Record<string, AuditLabel>;
type HistoryVerb = keyof typeof HISTORY_VERBS;

/** Every other action, by the module that writes it. */
const ACTIONS = {
  // auth
  "auth.login": { vi: "Đăng nhập", en: "Signed in" },
  "auth.logout": { vi: "Đăng xuất", en: "Signed out" },
  "user.created": { vi: "Tạo tài khoản", en: "User created" },
  "user.password_changed": { vi: "Đổi mật khẩu", en: "Password changed" },
  "user.updated": { vi: "Sửa tài khoản (vai trò, phạm vi)", en: "User updated (roles, scope)" },
  "user.disabled": { vi: "Khóa tài khoản", en: "User disabled" },
  "user.enabled": { vi: "Mở khóa tài khoản", en: "User enabled" },
  "user.password_reset": { vi: "Đặt lại mật khẩu", en: "Password reset" },
  "user.sessions_ended": { vi: "Kết thúc các phiên đăng nhập", en: "Sessions ended" },
  // units
  "unit.created": { vi: "Thêm đơn vị", en: "Unit created" },
  "unit.renamed": { vi: "Đổi tên đơn vị", en: "Unit renamed" },
  "unit.moved": { vi: "Chuyển trực thuộc đơn vị", en: "Unit moved" },
  "unit.ended": { vi: "Kết thúc hoạt động đơn vị", en: "Unit ended" },
  "unit.linked": { vi: "Ghi nhận kế thừa đơn vị", en: "Unit lineage recorded" },
  "unit.place_set": { vi: "Gắn địa bàn hành chính cho đơn vị", en: "Unit's place set" },
  "unit.code_set": { vi: "Đổi mã đơn vị", en: "Unit code changed" },
  // cadres
  "cadre.created": { vi: "Thêm hồ sơ cán bộ", en: "Cadre record created" },
  "cadre.updated": { vi: "Sửa hồ sơ cán bộ", en: "Cadre record updated" },
  "cadre.sensitive_read": { vi: "Xem thông tin nhạy cảm", en: "Sensitive data read" },
  "cadre.id_number_searched": { vi: "Tìm theo số định danh", en: "Searched by ID number" },
  "cadre.cv_exported": { vi: "Xuất sơ yếu lý lịch", en: "CV exported" },
  "cadre.retirement_override_added": {
    vi: "Ghi nhận thời điểm nghỉ hưu khác quy định chung",
    en: "Retirement exception recorded",
  },
  "cadres.retiring_exported": { vi: "Xuất danh sách sắp nghỉ hưu", en: "Retiring list exported" },
  // imports and exports
  "cadres.imported": { vi: "Nhập hồ sơ cán bộ từ tệp", en: "Cadre records imported" },
  "cadres.import_undone": { vi: "Hoàn tác lần nhập hồ sơ", en: "Import undone" },
  "cadres.exported": { vi: "Xuất danh sách cán bộ", en: "Cadre list exported" },
  "cadres.trainings_exported": {
    vi: "Xuất danh sách khóa đào tạo, bồi dưỡng",
    en: "Training courses exported",
  },
  // codes, posts, settings, indicators
  "code.created": { vi: "Thêm mục danh mục", en: "Code created" },
  "code.updated": { vi: "Sửa mục danh mục", en: "Code updated" },
  "code.deactivated": { vi: "Ngừng dùng mục danh mục", en: "Code deactivated" },
  "title.created": { vi: "Thêm chức danh", en: "Title created" },
  "title.updated": { vi: "Sửa chức danh", en: "Title updated" },
  "seat.created": { vi: "Thêm vị trí", en: "Seat created" },
  "seat.ended": { vi: "Kết thúc vị trí", en: "Seat ended" },
  "setting.version_added": { vi: "Thêm phiên bản tham số quy định", en: "Rule setting version added" },
  "indicator.version_added": { vi: "Thêm phiên bản chỉ tiêu", en: "Indicator version added" },
  "indicators.people_exported": {
    vi: "Xuất danh sách người của chỉ tiêu",
    en: "Indicator people list exported",
  },
  // evaluations
  "evaluation_period.opened": { vi: "Mở kỳ đánh giá, xếp loại", en: "Evaluation period opened" },
  "evaluation_period.closed": { vi: "Khóa kỳ đánh giá, xếp loại", en: "Evaluation period closed" },
  "evaluation.saved": { vi: "Lưu phiếu tự đánh giá", en: "Self-assessment saved" },
  "evaluation.submitted": { vi: "Gửi phiếu tự đánh giá", en: "Self-assessment submitted" },
  "evaluation.reviewed": { vi: "Nhận xét, chấm điểm phiếu đánh giá", en: "Evaluation reviewed" },
  "evaluation.returned": { vi: "Trả lại phiếu đánh giá", en: "Evaluation returned" },
  "evaluation.approved": { vi: "Quyết định xếp loại", en: "Evaluation approved" },
  "evaluation.locked": { vi: "Khóa phiếu đánh giá", en: "Evaluation locked" },
  "evaluation.reopened": { vi: "Mở lại phiếu đánh giá đã khóa", en: "Evaluation reopened" },
  // seed (demo data)
  "seed.loaded": { vi: "Nạp dữ liệu mẫu", en: "Demo data loaded" },
} as const satisfies Record<string, AuditLabel>;

/** An action the server may write to the trail. */
export type AuditAction = keyof typeof ACTIONS | `cadre.${HistoryAuditRow}.${HistoryVerb}`;

function historyActions(): Record<`cadre.${HistoryAuditRow}.${HistoryVerb}`, AuditLabel> {
  const out: Record<string, AuditLabel> = {};
  for (const [row, rowLabel] of Object.entries(HISTORY_AUDIT_ROWS))
    for (const [verb, verbLabel] of Object.entries(HISTORY_VERBS)) {
      const en = `${rowLabel.en.charAt(0).toUpperCase()}${rowLabel.en.slice(1)} ${verbLabel.en}`;
      out[`cadre.${row}.${verb}`] = { vi: `${verbLabel.vi} ${rowLabel.vi}`, en };
    }
  return out as Record<`cadre.${HistoryAuditRow}.${HistoryVerb}`, AuditLabel>;
}

/** Every action the server writes, with its names. */
export const AUDIT_ACTIONS: Readonly<Record<AuditAction, AuditLabel>> = { ...ACTIONS, ...historyActions() };

/**
 * Prefixes offered in the action filter of the audit page ("unit." finds every unit action; "user" both
 * user.* and users.*).
 */
export const AUDIT_ACTION_GROUPS: Readonly<Record<string, AuditLabel>> = {
  "auth.": { vi: "Đăng nhập, đăng xuất", en: "Sign-in and sign-out" },
  user: { vi: "Mọi thao tác về tài khoản", en: "Every user action" },
  "unit.": { vi: "Mọi thao tác về đơn vị", en: "Every unit action" },
  "cadre.": { vi: "Mọi thao tác về hồ sơ cán bộ", en: "Every cadre action" },
  "cadres.": { vi: "Nhập, xuất hồ sơ cán bộ", en: "Cadre imports and exports" },
  "title.": { vi: "Mọi thao tác về chức danh", en: "Every title action" },
  "seat.": { vi: "Mọi thao tác về vị trí", en: "Every seat action" },
  "code.": { vi: "Mọi thao tác về danh mục", en: "Every code-list action" },
  "setting.": { vi: "Tham số quy định", en: "Rule settings" },
  indicator: { vi: "Chỉ tiêu thống kê", en: "Indicators" },
  evaluation: { vi: "Đánh giá, xếp loại", en: "Evaluations" },
  "seed.": { vi: "Dữ liệu mẫu", en: "Demo data" },
};

/** What a row of the trail is about (audit_log.entity_type). */
export const AUDIT_ENTITY_TYPES = {
  unit: { vi: "Đơn vị", en: "Unit" },
  user: { vi: "Tài khoản", en: "User" },
  cadre: { vi: "Cán bộ", en: "Cadre" },
  title: { vi: "Chức danh", en: "Title" },
  seat: { vi: "Vị trí", en: "Seat" },
  code: { vi: "Danh mục", en: "Code" },
  setting: { vi: "Tham số quy định", en: "Rule setting" },
  indicator: { vi: "Chỉ tiêu", en: "Indicator" },
  import: { vi: "Lần nhập tệp", en: "Import" },
  evaluation: { vi: "Phiếu đánh giá", en: "Evaluation" },
  evaluation_period: { vi: "Kỳ đánh giá", en: "Evaluation period" },
  seed: { vi: "Dữ liệu mẫu", en: "Demo data" },
} as const satisfies Record<string, AuditLabel>;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_TYPES;

/**
 * The fields that before/after hold, whatever the record: a person's fields and their histories, units,
 * users, codes, titles, seats, settings, indicators, imports and exports. One name per key; a key means
 * the same thing wherever it occurs.
 */
export const AUDIT_FIELDS = {
  // shared
  id: { vi: "Mã số (id)", en: "Id" },
  kind: { vi: "Loại", en: "Kind" },
  code: { vi: "Mã", en: "Code" },
  name: { vi: "Tên", en: "Name" },
  nameEn: { vi: "Tên tiếng Anh", en: "English name" },
  rank: { vi: "Thứ tự", en: "Rank" },
  note: { vi: "Ghi chú", en: "Note" },
  reason: { vi: "Lý do", en: "Reason" },
  validFrom: { vi: "Từ ngày", en: "From" },
  validTo: { vi: "Đến ngày (không kể)", en: "Until (exclusive)" },
  effectiveDate: { vi: "Ngày hiệu lực", en: "Effective date" },
  effectiveFrom: { vi: "Hiệu lực từ", en: "Effective from" },
  decisionRef: { vi: "Số quyết định", en: "Decision no." },
  createdAt: { vi: "Thời điểm tạo", en: "Created at" },
  createdBy: { vi: "Người tạo", en: "Created by" },
  asOf: { vi: "Tính đến ngày", en: "As of" },
  format: { vi: "Định dạng tệp", en: "File format" },
  rows: { vi: "Số dòng", en: "Rows" },
  description: { vi: "Mô tả", en: "Description" },
  bloc: { vi: "Khối", en: "Bloc" },
  level: { vi: "Cấp", en: "Level" },
  list: { vi: "Danh mục", en: "Code list" },
  isActive: { vi: "Đang dùng", en: "Active" },
  basis: { vi: "Căn cứ", en: "Basis" },
  version: { vi: "Phiên bản hồ sơ", en: "Record version" },
  // a person (cadres)
  cadreId: { vi: "Cán bộ", en: "Cadre" },
  staffCode: { vi: "Mã cán bộ", en: "Staff code" },
  idNumber: { vi: "Số định danh cá nhân", en: "ID number" },
  fullName: { vi: "Họ và tên", en: "Full name" },
  otherNames: { vi: "Tên gọi khác", en: "Other names" },
  sex: { vi: "Giới tính", en: "Sex" },
  birthDate: { vi: "Ngày sinh", en: "Date of birth" },
  birthDatePrecision: { vi: "Độ chính xác ngày sinh", en: "Birth date precision" },
  birthplaceUnitId: { vi: "Nơi sinh (đơn vị)", en: "Birthplace (unit)" },
  birthplacePlaceId: { vi: "Nơi sinh", en: "Birthplace" },
  birthplaceText: { vi: "Nơi sinh (ghi theo hồ sơ)", en: "Birthplace (as written)" },
  homeTownUnitId: { vi: "Quê quán (đơn vị)", en: "Home town (unit)" },
  homeTownPlaceId: { vi: "Quê quán", en: "Home town" },
  homeTownText: { vi: "Quê quán (ghi theo hồ sơ)", en: "Home town (as written)" },
  ethnicityCode: { vi: "Dân tộc", en: "Ethnicity" },
  religionCode: { vi: "Tôn giáo", en: "Religion" },
  staffType: { vi: "Loại cán bộ, công chức, viên chức", en: "Staff type" },
  phone: { vi: "Điện thoại", en: "Phone" },
  email: { vi: "Thư điện tử", en: "E-mail" },
  residence: { vi: "Nơi ở hiện nay", en: "Residence" },
  occupationBeforeRecruitment: { vi: "Nghề nghiệp khi được tuyển dụng", en: "Occupation before recruitment" },
  recruitmentDate: { vi: "Ngày tuyển dụng", en: "Recruitment date" },
  recruitmentAgency: { vi: "Cơ quan tuyển dụng", en: "Recruiting agency" },
  joinedAgencyDate: { vi: "Ngày vào cơ quan hiện nay", en: "Joined current agency" },
  partyAdmissionDate: { vi: "Ngày vào Đảng", en: "Party admission" },
  partyOfficialDate: { vi: "Ngày chính thức", en: "Party membership confirmed" },
  generalEducation: { vi: "Giáo dục phổ thông", en: "General education" },
  academicTitleCode: { vi: "Học hàm", en: "Academic title" },
  academicTitleYear: { vi: "Năm phong học hàm", en: "Academic title year" },
  honoraryTitle: { vi: "Danh hiệu được phong tặng", en: "Honorary title" },
  health: { vi: "Tình trạng sức khỏe", en: "Health" },
  strengths: { vi: "Sở trường công tác", en: "Strengths" },
  leftOn: { vi: "Ngày thôi công tác", en: "Left service on" },
  leftReason: { vi: "Lý do thôi công tác", en: "Reason for leaving" },
  // histories of a person
  seatId: { vi: "Vị trí", en: "Seat" },
  unitId: { vi: "Đơn vị", en: "Unit" },
  titleId: { vi: "Chức danh", en: "Title" },
  isMain: { vi: "Chức vụ chính", en: "Main post" },
  appointedOn: { vi: "Ngày bổ nhiệm", en: "Appointed on" },
  tier: { vi: "Diện quản lý", en: "Management tier" },
  category: { vi: "Loại trình độ", en: "Qualification kind" },
  levelCode: { vi: "Trình độ", en: "Level" },
  major: { vi: "Chuyên ngành", en: "Major" },
  institution: { vi: "Cơ sở đào tạo", en: "Institution" },
  studyMode: { vi: "Hình thức đào tạo", en: "Study mode" },
  startedOn: { vi: "Ngày bắt đầu", en: "Started on" },
  obtainedOn: { vi: "Ngày cấp bằng", en: "Obtained on" },
  trainingKind: { vi: "Loại bồi dưỡng", en: "Training kind" },
  course: { vi: "Khóa học", en: "Course" },
  organiser: { vi: "Đơn vị tổ chức", en: "Organiser" },
  completedOn: { vi: "Ngày hoàn thành", en: "Completed on" },
  gradeCode: { vi: "Ngạch", en: "Grade" },
  step: { vi: "Bậc", en: "Step" },
  coefficient: { vi: "Hệ số lương", en: "Coefficient" },
  form: { vi: "Hình thức khen thưởng", en: "Form of reward" },
  decidedOn: { vi: "Ngày quyết định", en: "Decided on" },
  issuer: { vi: "Cấp quyết định", en: "Issued by" },
  side: { vi: "Bên", en: "Side" },
  relation: { vi: "Quan hệ", en: "Relation" },
  birthYear: { vi: "Năm sinh", en: "Year of birth" },
  family: { vi: "Thành viên gia đình", en: "Family members" },
  details: { vi: "Quê quán, nghề nghiệp, nơi công tác", en: "Details" },
  unitText: { vi: "Đơn vị (ghi theo hồ sơ)", en: "Unit (as written)" },
  titleText: { vi: "Chức vụ (ghi theo hồ sơ)", en: "Post (as written)" },
  // retirement exceptions
  retirementDate: { vi: "Ngày nghỉ hưu", en: "Retirement date" },
  ageMonths: { vi: "Tuổi nghỉ hưu (tháng)", en: "Retirement age (months)" },
  basisKind: { vi: "Loại căn cứ", en: "Kind of basis" },
  documentRef: { vi: "Số văn bản", en: "Document no." },
  documentDate: { vi: "Ngày văn bản", en: "Document date" },
  statutoryDate: { vi: "Ngày nghỉ hưu theo quy định chung", en: "Statutory retirement date" },
  within: { vi: "Trong vòng (tháng)", en: "Within (months)" },
  // evaluations
  state: { vi: "Trạng thái phiếu", en: "Form state" },
  periodId: { vi: "Kỳ đánh giá", en: "Evaluation period" },
  schemeCode: { vi: "Mẫu đánh giá", en: "Scheme" },
  schemeVersion: { vi: "Phiên bản mẫu (áp dụng từ)", en: "Scheme version (from)" },
  evaluations: { vi: "Số người được đánh giá", en: "People evaluated" },
  total: { vi: "Tổng điểm", en: "Total points" },
  grade: { vi: "Xếp loại", en: "Grade" },
  quotaOverrideReason: { vi: "Lý do quyết định vượt tỷ lệ", en: "Reason for exceeding the quota" },
  quotaFigures: { vi: "Tỷ lệ: được phép, đã dùng, trên tổng số", en: "Quota: allowed, used, base" },
  warnings: { vi: "Cảnh báo", en: "Warnings" },
  locked: { vi: "Số phiếu đã khóa", en: "Forms locked" },
  // units
  parentId: { vi: "Đơn vị cấp trên", en: "Parent unit" },
  placeId: { vi: "Địa bàn hành chính", en: "Administrative place" },
  predecessorId: { vi: "Đơn vị trước", en: "Predecessor" },
  successorId: { vi: "Đơn vị kế thừa", en: "Successor" },
  lineageKind: { vi: "Hình thức kế thừa", en: "Kind of lineage" },
  // users
  username: { vi: "Tên đăng nhập", en: "User name" },
  displayName: { vi: "Họ tên", en: "Display name" },
  roles: { vi: "Vai trò", en: "Roles" },
  extraPermissions: { vi: "Quyền bổ sung", en: "Extra permissions" },
  scopeUnitIds: { vi: "Phạm vi đơn vị", en: "Unit scope" },
  mustChangePassword: { vi: "Phải đổi mật khẩu", en: "Must change password" },
  passwordChangedAt: { vi: "Lần đổi mật khẩu", en: "Password changed at" },
  lastLoginAt: { vi: "Lần đăng nhập cuối", en: "Last sign-in" },
  // titles and seats
  isLeadership: { vi: "Chức danh lãnh đạo", en: "Leadership post" },
  isKey: { vi: "Chức danh chủ chốt", en: "Key post" },
  isSensitive: { vi: "Thuộc diện định kỳ chuyển đổi vị trí", en: "Subject to rotation" },
  attributesFrom: { vi: "Thuộc tính áp dụng từ", en: "Attributes hold from" },
  quota: { vi: "Số lượng", en: "Quota" },
  // settings and indicators
  key: { vi: "Tham số", en: "Setting" },
  value: { vi: "Giá trị", en: "Value" },
  citation: { vi: "Văn bản quy định", en: "Citation" },
  population: { vi: "Đối tượng tính", en: "Population" },
  condition: { vi: "Điều kiện", en: "Condition" },
  target: { vi: "Chỉ tiêu phấn đấu", en: "Target" },
  direction: { vi: "Chiều tốt", en: "Better direction" },
  display: { vi: "Cách hiển thị", en: "Display" },
  sortOrder: { vi: "Thứ tự hiển thị", en: "Sort order" },
  active: { vi: "Đang áp dụng", en: "Active" },
  // imports and exports
  fileName: { vi: "Tên tệp", en: "File name" },
  created: { vi: "Số hồ sơ thêm mới", en: "Records created" },
  updated: { vi: "Số hồ sơ cập nhật", en: "Records updated" },
  unchanged: { vi: "Số hồ sơ không đổi", en: "Records unchanged" },
  undoneChanges: { vi: "Số thay đổi đã hoàn tác", en: "Changes undone" },
  keptLaterEdits: { vi: "Số sửa đổi sau đó được giữ", en: "Later edits kept" },
  filter: { vi: "Bộ lọc", en: "Filter" },
  sensitiveColumns: { vi: "Gồm cột nhạy cảm", en: "Sensitive columns included" },
  found: { vi: "Hồ sơ tìm thấy", en: "Records found" },
  // seed
  profile: { vi: "Bộ dữ liệu", en: "Profile" },
  seed: { vi: "Hạt giống ngẫu nhiên", en: "Random seed" },
  today: { vi: "Ngày hiện tại", en: "Today" },
  units: { vi: "Số đơn vị", en: "Units" },
  cadres: { vi: "Số cán bộ", en: "Cadres" },
  seats: { vi: "Số vị trí", en: "Seats" },
} as const satisfies Record<string, AuditLabel>;
export type AuditField = keyof typeof AUDIT_FIELDS;

/** The name of an action; an unknown one (a newer server, an old row) is shown as it is. */
export function auditActionLabel(action: string, language: AuditLanguage): string {
  return (AUDIT_ACTIONS as Record<string, AuditLabel>)[action]?.[language] ?? action;
}

/** The name of a field; an unknown one is shown as it is. */
export function auditFieldLabel(field: string, language: AuditLanguage): string {
  return (AUDIT_FIELDS as Record<string, AuditLabel>)[field]?.[language] ?? field;
}

/** The name of an entity type; an unknown one is shown as it is. */
export function auditEntityTypeLabel(entityType: string, language: AuditLanguage): string {
  return (AUDIT_ENTITY_TYPES as Record<string, AuditLabel>)[entityType]?.[language] ?? entityType;
}

/** Values of a few enumerated fields, named (the code lists are named from the database). */
export const AUDIT_VALUES: Readonly<Record<string, Readonly<Record<string, AuditLabel>>>> = {
  sex: { male: { vi: "Nam", en: "Male" }, female: { vi: "Nữ", en: "Female" } },
  staffType: {
    cadre: { vi: "Cán bộ", en: "Cadre" },
    civil_servant: { vi: "Công chức", en: "Civil servant" },
    public_employee: { vi: "Viên chức", en: "Public employee" },
    contract: { vi: "Hợp đồng lao động", en: "Contract" },
  },
  bloc: {
    party: { vi: "Khối Đảng", en: "Party" },
    government: { vi: "Khối chính quyền", en: "Government" },
    front: { vi: "Khối Mặt trận, đoàn thể", en: "Front" },
    public_service: { vi: "Khối sự nghiệp", en: "Public service" },
  },
  lineageKind: {
    merge: { vi: "Hợp nhất, sáp nhập", en: "Merge" },
    split: { vi: "Chia tách", en: "Split" },
    rename: { vi: "Đổi tên", en: "Rename" },
  },
};

import type {
  AssignmentRow,
  CadreDetail,
  FamilyRow,
  QualificationRow,
  TrainingRow,
} from "../../../../common/contracts/cadres.ts";
import type { CodeListName, QualificationCategory, TrainingKind } from "../../../../common/enums/cadres.ts";
import { formatBirthDate } from "../../../../common/rules/birth-date.ts";
import { holdsOn } from "../../../../common/rules/career.ts";
import { formatDmy, type IsoDate } from "../../../../common/rules/dates.ts";
import { lastMonthOf } from "../../../../common/rules/periods.ts";

/**
 * The standard CV "Sơ yếu lý lịch" (the form issued with Circular 06/2023/TT-BNV, which has no form number;
 * DOMAIN §8 — not the 2008 form "Mẫu 2C-BNV/2008") as plain data: the
 * header and items 1–38 in the form's order, each with the form's wording and the values filled in.
 * The HTML print view and the Word file both render this one model, so they say the same thing.
 *
 * What the system does not hold yet is left blank, to be written by hand; nothing is made up. Fields the
 * reader may not see (the record's `masked` list) carry no value at all, only the state "masked".
 */

/** filled: a value from the record; blank: not held by the system (write by hand); masked: withheld. */
export type CvState = "filled" | "blank" | "masked";

/** One blank of the form: "Dân tộc: Kinh". */
export type CvField = { label: string; value: string; state: CvState };

export type CvColumn = {
  title: string;
  /** Share of the table width, in percent. */
  width: number;
  /** Dates, years and short codes are centred. */
  align: "left" | "center";
};

export type CvTable = {
  /** Sub-heading, e.g. "32.1- Chuyên môn, nghiệp vụ"; null when the item's label is enough. */
  caption: string | null;
  columns: CvColumn[];
  rows: string[][];
  /** masked: the rows are withheld; blank: the system holds no such rows yet. */
  state: CvState;
  /** Empty rows printed after the data, to be filled by hand. */
  blankRows: number;
};

export type CvItem = {
  no: number;
  /** The item's wording on the form, with its number: "6) Dân tộc". */
  label: string;
  /** Printed before the fields when they do not name the item themselves ("30) Lương: Ngạch…"). */
  lead: string | null;
  /** The blanks of the item, in the form's order (empty for items that are only tables or lines). */
  fields: CvField[];
  /** The values of the fields joined, as plain text ("" when none is filled). */
  value: string;
  tables: CvTable[];
  /** Ruled lines to be written on by hand (items kept on paper only). */
  freeLines: number;
};

export type CvModel = {
  asOf: IsoDate;
  header: {
    /** The act that issued the form, printed under the title. */
    formBasis: string;
    motto: [string, string];
    title: string;
    photoCaption: string;
    managingAgency: CvField;
    employingAgency: CvField;
    staffCode: CvField;
    idNumber: CvField;
  };
  items: CvItem[];
  signatures: {
    declarant: { title: string; lines: string[]; name: string };
    agency: { date: string; title: string; lines: string[] };
  };
  /** Printed at the foot when fields were withheld from the reader. */
  maskedNote: string | null;
};

/** Code names by list and code: `{ ethnicity: { "01": "Kinh" } }`. */
export type CodeNames = Partial<Record<CodeListName, Readonly<Record<string, string>>>>;

/**
 * Names the CV needs that the record does not carry: looked up by the CV service (cv.repo.ts). All
 * optional, so the builder stays usable on a bare record.
 */
export type CvPlaces = {
  /** Unit names valid on each assignment's first day, by assignment id (the work history, item 33). */
  unitNameAtStart?: ReadonlyMap<number, string>;
  /**
   * The titles that are Party posts (chức vụ Đảng: the catalogue's Party bloc), for items 26–27, with their
   * rank in the catalogue (lower is higher).
   */
  partyTitles?: ReadonlyMap<number, number>;
  /** The unit of the main post and the body above it (the header's employing and managing agencies). */
  employingAgency?: string | null;
  managingAgency?: string | null;
  /** Full place names (commune, district, province) when the record holds the place as a unit. */
  birthplace?: string | null;
  homeTown?: string | null;
};

// The 2023 form has a title and the act issuing it, and no form number (DOMAIN §8).
export const CV_TITLE = "MẪU SƠ YẾU LÝ LỊCH";
export const CV_FORM_BASIS =
  "(Ban hành kèm theo Thông tư số 06/2023/TT-BNV ngày 04/5/2023 của Bộ trưởng Bộ Nội vụ)";
export const CV_MASKED_TEXT = "—";

/** Training tables of item 32, in the form's order, with the code list of each. */
const TRAINING_SECTIONS: readonly { category: QualificationCategory; caption: string }[] = [
  { category: "professional", caption: "32.1- Chuyên môn, nghiệp vụ" },
  { category: "political_theory", caption: "32.2- Lý luận chính trị" },
  { category: "state_management", caption: "32.3- Quản lý nhà nước" },
  { category: "defence_security", caption: "32.4- Bồi dưỡng kiến thức quốc phòng và an ninh" },
  { category: "it", caption: "32.5- Tin học" },
  { category: "language", caption: "32.6- Ngoại ngữ, tiếng dân tộc" },
];

/**
 * Where a training course (bồi dưỡng) is listed in item 32: in the table of its field where the form has
 * one; knowledge updates, leadership and management and other courses under 32.1 (chuyên môn, nghiệp vụ),
 * the form having no table of their own. The kind is written in the "Hình thức" column.
 */
const COURSE_SECTION: Record<TrainingKind, QualificationCategory> = {
  knowledge_update: "professional",
  leadership_management: "professional",
  professional: "professional",
  other: "professional",
  state_management: "state_management",
  defence_security: "defence_security",
  it: "it",
  language: "language",
};

/** The kind of a course as the CV writes it. */
export const TRAINING_KIND_TEXT: Record<TrainingKind, string> = {
  knowledge_update: "Bồi dưỡng cập nhật kiến thức",
  leadership_management: "Bồi dưỡng lãnh đạo, quản lý",
  state_management: "Bồi dưỡng quản lý nhà nước",
  defence_security: "Bồi dưỡng quốc phòng - an ninh",
  language: "Bồi dưỡng ngoại ngữ",
  it: "Bồi dưỡng tin học",
  professional: "Bồi dưỡng chuyên môn, nghiệp vụ",
  other: "Bồi dưỡng",
};

const TRAINING_COLUMNS: CvColumn[] = [
  { title: "Tên cơ sở đào tạo", width: 26, align: "left" },
  { title: "Chuyên ngành đào tạo, bồi dưỡng", width: 24, align: "left" },
  { title: "Từ tháng, năm – đến tháng, năm", width: 18, align: "center" },
  { title: "Hình thức đào tạo", width: 14, align: "left" },
  { title: "Văn bằng, chứng chỉ, trình độ", width: 18, align: "left" },
];

const FAMILY_COLUMNS: CvColumn[] = [
  { title: "Mối quan hệ", width: 14, align: "left" },
  { title: "Họ và tên", width: 22, align: "left" },
  { title: "Năm sinh", width: 10, align: "center" },
  {
    title:
      "Quê quán, nghề nghiệp, chức danh, chức vụ, đơn vị công tác, học tập, nơi ở (trong, ngoài nước); thành viên các tổ chức chính trị - xã hội",
    width: 54,
    align: "left",
  },
];

const SEX_LABEL = { male: "Nam", female: "Nữ" } as const;

/** mm/yyyy of a date (the form's tables speak in months). */
export function monthYear(d: IsoDate): string {
  return `${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/**
 * "mm/yyyy – mm/yyyy" of a half-open period as of a date: the last month is the month of the last day
 * held (DOMAIN §9: [.., 2024-07-01) ended in June, "06/2024"); a period still running on the date ends
 * "nay" (now).
 */
export function periodText(validFrom: IsoDate, validTo: IsoDate | null, asOf: IsoDate): string {
  const to = validTo === null || validTo > asOf ? "nay" : lastMonthOf(validTo);
  return `${monthYear(validFrom)} – ${to}`;
}

/** Vietnamese capitals ("Nguyễn Văn Ánh" → "NGUYỄN VĂN ÁNH"); item 1 asks for them. */
export function upperVietnamese(text: string): string {
  return text.toLocaleUpperCase("vi-VN");
}

/** Builds the CV of a record as of a date. Pure: everything it needs comes in. */
export function buildCvModel(
  detail: CadreDetail,
  codes: CodeNames,
  asOf: IsoDate,
  places: CvPlaces = {},
): CvModel {
  const hidden = new Set<string>(detail.masked);
  const filled = (label: string, value: string | null | undefined): CvField =>
    value == null || value.trim() === ""
      ? { label, value: "", state: "blank" }
      : { label, value, state: "filled" };
  const blank = (label: string): CvField => ({ label, value: "", state: "blank" });
  /** A sensitive field: masked when the record came masked, whatever the value (it is null then). */
  const sensitive = (label: string, part: CadreDetail["masked"][number], value: string | null | undefined) =>
    hidden.has(part) ? { label, value: "", state: "masked" as const } : filled(label, value);
  const codeName = (list: CodeListName, code: string | null) =>
    code == null ? null : (codes[list]?.[code] ?? code);

  const assignments = detail.assignments.filter((a) => a.validFrom <= asOf);
  const main = assignments.find((a) => a.isMain && holdsOn(a, asOf));
  const concurrent = assignments.filter((a) => !a.isMain && holdsOn(a, asOf));
  const postText = (a: AssignmentRow) => [a.titleName, a.unitName].filter(Boolean).join(", ");
  // Items 26–27 (DOMAIN §8): the Party posts held on the date are written there too, not only in 23 and 25.
  // The current Party post is the main post when it is one, else the highest-ranked concurrent one; the
  // others are the concurrent Party posts, highest first.
  const partyTitles = places.partyTitles ?? new Map<number, number>();
  const partyPosts = [
    ...(main && partyTitles.has(main.titleId) ? [main] : []),
    ...concurrent
      .filter((a) => partyTitles.has(a.titleId))
      .sort(
        (a, b) =>
          partyTitles.get(a.titleId)! - partyTitles.get(b.titleId)! || a.validFrom.localeCompare(b.validFrom),
      ),
  ];
  // Appointment dates belong to leadership posts (Regulation 80-QĐ/TW); a staff post has none.
  const appointment = main?.isLeadership ? appointmentDates(main, assignments) : null;

  const qualifications = detail.qualifications.filter((q) => q.obtainedOn <= asOf);
  const highest = detail.computed.highestQualification;
  const highestRow = highest
    ? qualifications.find(
        (q) =>
          q.category === "professional" &&
          q.levelCode === highest.code &&
          q.obtainedOn === highest.obtainedOn,
      )
    : undefined;
  const salary = detail.salaries.find((s) => holdsOn(s, asOf));
  // Courses begun by the date (a course with no start date: completed by then).
  const courses = detail.trainings.filter((c) => {
    const began = c.startedOn ?? c.completedOn;
    return began !== null && began <= asOf;
  });

  const items: CvItem[] = [];
  const add = (no: number, label: string, fields: CvField[], extra: Partial<CvItem> = {}) => {
    items.push({
      no,
      label: `${no}) ${label}`,
      fields,
      value: fields
        .filter((f) => f.state === "filled")
        .map((f) => f.value)
        .join(", "),
      lead: null,
      tables: [],
      freeLines: 0,
      ...extra,
    });
  };

  add(1, "Họ và tên khai sinh (viết chữ in hoa)", [
    filled("Họ và tên khai sinh (viết chữ in hoa)", upperVietnamese(detail.fullName)),
  ]);
  add(2, "Tên gọi khác", [filled("Tên gọi khác", detail.otherNames)]);
  add(3, "Sinh ngày … tháng … năm …, Giới tính (nam, nữ)", [
    // A birth date known only to the month or the year is printed as known ("03/1975", "1975").
    filled("Sinh ngày", formatBirthDate(detail.birthDate, detail.birthDatePrecision)),
    filled("Giới tính (nam, nữ)", SEX_LABEL[detail.sex]),
  ]);
  // A place of the official lists reads in the words of its list (the names it had then: "Xã …, Huyện …,
  // Tỉnh …" for a place of the 2025-03 list); free text, then an older unit link, when there is none.
  add(4, "Nơi sinh", [
    filled("Nơi sinh", detail.birthplacePlace?.fullName ?? detail.birthplaceText ?? places.birthplace),
  ]);
  add(5, "Quê quán", [
    filled("Quê quán", detail.homeTownPlace?.fullName ?? detail.homeTownText ?? places.homeTown),
  ]);
  add(6, "Dân tộc", [sensitive("Dân tộc", "ethnicityCode", codeName("ethnicity", detail.ethnicityCode))]);
  add(7, "Tôn giáo", [sensitive("Tôn giáo", "religionCode", codeName("religion", detail.religionCode))]);
  add(8, "Số định danh cá nhân (CCCD), Ngày cấp, Số điện thoại liên hệ", [
    sensitive("Số định danh cá nhân", "idNumber", detail.idNumber),
    blank("Ngày cấp"),
    filled("Số điện thoại liên hệ", detail.phone),
  ]);
  add(9, "Số sổ BHXH, Số thẻ BHYT", [blank("Số sổ BHXH"), blank("Số thẻ BHYT")]);
  add(10, "Nơi ở hiện nay", [filled("Nơi ở hiện nay", detail.residence)]);
  add(11, "Thành phần gia đình xuất thân", [blank("Thành phần gia đình xuất thân")]);
  add(12, "Nghề nghiệp trước khi được tuyển dụng", [
    filled("Nghề nghiệp trước khi được tuyển dụng", detail.occupationBeforeRecruitment),
  ]);
  add(13, "Ngày được tuyển dụng lần đầu, Cơ quan, đơn vị tuyển dụng", [
    filled("Ngày được tuyển dụng lần đầu", formatDmy(detail.recruitmentDate)),
    filled("Cơ quan, đơn vị tuyển dụng", detail.recruitmentAgency),
  ]);
  add(14, "Ngày vào cơ quan hiện đang công tác", [
    filled("Ngày vào cơ quan hiện đang công tác", formatDmy(detail.joinedAgencyDate)),
  ]);
  add(15, "Ngày vào Đảng Cộng sản Việt Nam, Ngày chính thức", [
    filled("Ngày vào Đảng Cộng sản Việt Nam", formatDmy(detail.partyAdmissionDate)),
    filled("Ngày chính thức", formatDmy(detail.partyOfficialDate)),
  ]);
  add(
    16,
    "Ngày tham gia tổ chức chính trị - xã hội đầu tiên (ngày vào Đoàn TNCS Hồ Chí Minh, Công đoàn, Hội…)",
    [blank("Ngày tham gia tổ chức chính trị - xã hội đầu tiên")],
  );
  add(17, "Ngày nhập ngũ, Ngày xuất ngũ, Quân hàm cao nhất", [
    blank("Ngày nhập ngũ"),
    blank("Ngày xuất ngũ"),
    blank("Quân hàm cao nhất"),
  ]);
  add(18, "Đối tượng chính sách", [blank("Đối tượng chính sách")]);
  add(19, "Trình độ giáo dục phổ thông (đã tốt nghiệp lớp mấy/thuộc hệ nào)", [
    filled("Trình độ giáo dục phổ thông", detail.generalEducation),
  ]);
  add(20, "Trình độ chuyên môn cao nhất", [
    filled(
      "Trình độ chuyên môn cao nhất",
      highest
        ? [highest.name, highestRow?.major ? `chuyên ngành ${highestRow.major}` : null]
            .filter(Boolean)
            .join(", ")
        : null,
    ),
  ]);
  add(21, "Học hàm", [
    filled("Học hàm", codeName("academic_title", detail.academicTitleCode)),
    filled("Năm được phong", detail.academicTitleYear == null ? null : String(detail.academicTitleYear)),
  ]);
  add(22, "Danh hiệu nhà nước phong tặng", [filled("Danh hiệu nhà nước phong tặng", detail.honoraryTitle)]);
  add(23, "Chức vụ hiện tại", [
    filled("Chức vụ hiện tại", main ? postText(main) : null),
    filled("Ngày bổ nhiệm/ngày phê chuẩn", formatDmy(appointment?.appointedOn)),
    filled("Ngày bổ nhiệm lại/phê chuẩn nhiệm kỳ tiếp theo", formatDmy(appointment?.reappointedOn)),
  ]);
  add(24, "Được quy hoạch chức danh", [blank("Được quy hoạch chức danh")]);
  add(25, "Chức vụ kiêm nhiệm", [filled("Chức vụ kiêm nhiệm", concurrent.map(postText).join("; "))]);
  add(26, "Chức vụ Đảng hiện tại", [
    filled("Chức vụ Đảng hiện tại", partyPosts[0] ? postText(partyPosts[0]) : null),
  ]);
  add(27, "Chức vụ Đảng kiêm nhiệm", [
    filled("Chức vụ Đảng kiêm nhiệm", partyPosts.slice(1).map(postText).join("; ")),
  ]);
  add(28, "Công việc chính được giao", [blank("Công việc chính được giao")]);
  add(29, "Sở trường công tác", [filled("Sở trường công tác", detail.strengths)]);
  add(
    30,
    "Lương",
    [
      filled("Ngạch/chức danh nghề nghiệp", salary?.gradeName),
      filled("Mã số", salary?.gradeCode),
      filled("Bậc lương", salary ? String(salary.step) : null),
      filled("Hệ số", salary?.coefficient == null ? null : coefficientText(salary.coefficient)),
      filled("Ngày hưởng", formatDmy(salary?.validFrom)),
      blank("Phụ cấp chức vụ"),
      blank("Phụ cấp khác"),
    ],
    { lead: "Lương" },
  );
  add(31, "Tình trạng sức khỏe, Chiều cao, Cân nặng, Nhóm máu", [
    sensitive("Tình trạng sức khỏe", "health", detail.health),
    blank("Chiều cao"),
    blank("Cân nặng"),
    blank("Nhóm máu"),
  ]);
  add(32, "Đào tạo, bồi dưỡng", [], {
    tables: TRAINING_SECTIONS.map(({ category, caption }) =>
      trainingTable(
        caption,
        qualifications.filter((q) => q.category === category),
        courses.filter((c) => COURSE_SECTION[c.kind] === category),
        asOf,
      ),
    ),
  });
  add(33, "Tóm tắt quá trình công tác", [], {
    tables: [workTable(detail, assignments, asOf, places.unitNameAtStart)],
  });
  add(34, "Đặc điểm lịch sử bản thân", [], { freeLines: 3 });
  add(35, "Khen thưởng, kỷ luật; kết quả đánh giá, xếp loại hằng năm", [], {
    tables: [
      table(
        "35.1- Khen thưởng",
        [
          { title: "Tháng, năm", width: 14, align: "center" },
          { title: "Nội dung và hình thức khen thưởng", width: 56, align: "left" },
          { title: "Cấp quyết định", width: 30, align: "left" },
        ],
        detail.rewards
          .filter((r) => r.decidedOn <= asOf)
          .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.id - b.id)
          .map((r) => [
            monthYear(r.decidedOn),
            [r.form, r.reason].filter(Boolean).join(": ") +
              (r.decisionRef ? ` (Quyết định số ${r.decisionRef})` : ""),
            r.issuer ?? "",
          ]),
        2,
      ),
      table(
        "35.2- Kỷ luật",
        [
          { title: "Từ tháng, năm – đến tháng, năm", width: 20, align: "center" },
          { title: "Hình thức kỷ luật", width: 25, align: "left" },
          { title: "Hành vi vi phạm chính", width: 30, align: "left" },
          { title: "Cơ quan quyết định", width: 25, align: "left" },
        ],
        [],
        2,
      ),
      table(
        "35.3- Kết quả đánh giá, xếp loại hằng năm",
        [
          { title: "Năm", width: 20, align: "center" },
          { title: "Kết quả đánh giá, xếp loại", width: 80, align: "left" },
        ],
        [],
        3,
      ),
    ],
  });
  add(36, "Quan hệ gia đình", [], {
    tables: [
      familyTable(
        "36.1- Về bản thân: cha, mẹ, vợ (hoặc chồng), các con, anh chị em ruột",
        "own",
        hidden.has("family") ? undefined : (detail.family ?? []),
      ),
      familyTable(
        "36.2- Về bên vợ (hoặc chồng): cha, mẹ, anh chị em ruột",
        "spouse",
        hidden.has("family") ? undefined : (detail.family ?? []),
      ),
    ],
  });
  add(
    37,
    "Hoàn cảnh kinh tế gia đình",
    [blank("37.2- Nguồn thu nhập chính của gia đình (hằng năm)"), blank("37.3- Nhà ở"), blank("37.4- Đất ở")],
    {
      tables: [
        table(
          "37.1- Quá trình lương của bản thân",
          [
            { title: "Tháng, năm", width: 20, align: "center" },
            { title: "Ngạch/chức danh nghề nghiệp, mã số, bậc", width: 55, align: "left" },
            { title: "Hệ số lương", width: 25, align: "center" },
          ],
          detail.salaries
            .filter((s) => s.validFrom <= asOf)
            .sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.id - b.id)
            .map((s) => [
              monthYear(s.validFrom),
              `${s.gradeName}, mã số ${s.gradeCode}, bậc ${s.step}`,
              s.coefficient == null ? "" : coefficientText(s.coefficient),
            ]),
          1,
        ),
      ],
    },
  );
  add(38, "Nhận xét, đánh giá của cơ quan, đơn vị quản lý và sử dụng cán bộ, công chức, viên chức", [], {
    freeLines: 4,
  });

  const agencyField = (label: string, name: string | null | undefined) => filled(label, name);
  return {
    asOf,
    header: {
      formBasis: CV_FORM_BASIS,
      motto: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
      title: CV_TITLE,
      photoCaption: "Ảnh màu (4 x 6 cm)",
      managingAgency: agencyField("Cơ quan quản lý CBCCVC", places.managingAgency),
      employingAgency: agencyField("Cơ quan, đơn vị sử dụng CBCCVC", places.employingAgency),
      staffCode: filled("Số hiệu cán bộ, công chức, viên chức", detail.staffCode),
      idNumber: sensitive("Số định danh cá nhân", "idNumber", detail.idNumber),
    },
    items,
    signatures: {
      declarant: {
        title: "Người khai",
        lines: ["Tôi xin cam đoan những lời khai trên đây là đúng sự thật", "(Ký tên, ghi rõ họ tên)"],
        name: detail.fullName,
      },
      agency: {
        date: "…, ngày … tháng … năm 20…",
        title: "Thủ trưởng cơ quan, đơn vị quản lý và sử dụng CBCCVC",
        lines: ["(Ký tên, đóng dấu)"],
      },
    },
    maskedNote: hidden.size
      ? `Các mục ghi “${CV_MASKED_TEXT}” là thông tin cá nhân nhạy cảm không hiển thị với người xem này.`
      : null,
  };
}

/** "2,34": coefficients are written with a decimal comma and two decimals. */
function coefficientText(c: number): string {
  return c.toFixed(2).replace(".", ",");
}

function table(
  caption: string | null,
  columns: CvTable["columns"],
  rows: string[][],
  blankRows: number,
): CvTable {
  return {
    caption,
    columns,
    rows,
    state: rows.length ? "filled" : "blank",
    blankRows: rows.length ? 0 : blankRows,
  };
}

/**
 * A table of item 32: the degrees and certificates of the field, then the courses, each oldest first
 * (by the day obtained or completed).
 */
function trainingTable(
  caption: string,
  rows: readonly QualificationRow[],
  courses: readonly TrainingRow[],
  asOf: IsoDate,
): CvTable {
  type Line = { on: IsoDate; order: number; id: number; cells: string[] };
  const lines: Line[] = rows.map((q) => ({
    on: q.obtainedOn,
    order: 0,
    id: q.id,
    cells: [
      q.institution ?? "",
      q.major ?? "",
      q.startedOn ? periodText(q.startedOn, q.obtainedOn, asOf) : monthYear(q.obtainedOn),
      q.studyMode ?? "",
      q.levelName,
    ],
  }));
  for (const c of courses) {
    const isFinished = c.completedOn !== null && c.completedOn <= asOf;
    lines.push({
      on: isFinished ? c.completedOn! : "9999-12-31",
      order: 1,
      id: c.id,
      cells: [
        c.organiser ?? "",
        c.course,
        coursePeriodText(c, asOf),
        TRAINING_KIND_TEXT[c.kind],
        isFinished ? "" : "Đang học",
      ],
    });
  }
  lines.sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order || a.id - b.id);
  return table(
    caption,
    TRAINING_COLUMNS,
    lines.map((l) => l.cells),
    1,
  );
}

/**
 * "mm/yyyy – mm/yyyy" of a course: completed_on is its last day (inclusive); one month is written once;
 * a course not finished on the date runs to "nay".
 */
export function coursePeriodText(c: Pick<TrainingRow, "startedOn" | "completedOn">, asOf: IsoDate): string {
  const to = c.completedOn === null || c.completedOn > asOf ? "nay" : monthYear(c.completedOn);
  if (c.startedOn === null) return to;
  const from = monthYear(c.startedOn);
  return from === to ? from : `${from} – ${to}`;
}

function familyTable(
  caption: string,
  side: FamilyRow["side"],
  family: readonly FamilyRow[] | undefined,
): CvTable {
  if (family === undefined) {
    return { caption, columns: FAMILY_COLUMNS, rows: [], state: "masked", blankRows: 0 };
  }
  return table(
    caption,
    FAMILY_COLUMNS,
    family
      .filter((f) => f.side === side)
      .map((f) => [f.relation, f.fullName, f.birthYear == null ? "" : String(f.birthYear), f.details ?? ""]),
    3,
  );
}

/**
 * Item 33: the work before canbo (typed history lines) and the dated assignments, oldest first. A unit
 * is named as it was on the assignment's first day (DESIGN §4.4); concurrent posts say so.
 */
function workTable(
  detail: CadreDetail,
  assignments: readonly AssignmentRow[],
  asOf: IsoDate,
  unitNameAtStart: ReadonlyMap<number, string> | undefined,
): CvTable {
  type Line = { from: IsoDate; to: IsoDate | null; order: number; text: string };
  const lines: Line[] = [];
  for (const w of detail.workHistory) {
    if (w.validFrom > asOf) continue;
    lines.push({
      from: w.validFrom,
      to: w.validTo,
      order: 0,
      text: [[w.titleText, w.unitText].filter(Boolean).join(", "), w.description].filter(Boolean).join(". "),
    });
  }
  for (const a of assignments) {
    const unit = unitNameAtStart?.get(a.id) ?? a.unitName;
    const post = [a.titleName, unit].filter(Boolean).join(", ");
    lines.push({
      from: a.validFrom,
      to: a.validTo,
      order: a.isMain ? 1 : 2,
      text: a.isMain ? post : `Kiêm nhiệm: ${post}`,
    });
  }
  lines.sort((a, b) => a.from.localeCompare(b.from) || a.order - b.order);
  return table(
    null,
    [
      { title: "Từ tháng, năm – đến tháng, năm", width: 24, align: "center" },
      {
        title:
          "Chức danh, chức vụ, đơn vị công tác (Đảng, chính quyền, đoàn thể, tổ chức xã hội), kể cả thời gian được đào tạo, bồi dưỡng",
        width: 76,
        align: "left",
      },
    ],
    lines.map((l) => [periodText(l.from, l.to, asOf), l.text]),
    3,
  );
}

/**
 * Item 23's dates. The appointment is the first day of the unbroken run of assignments to the same
 * title in the same unit that ends with the current one; when the current assignment starts later in
 * that run, it is a reappointment (a new term in the same post).
 */
export function appointmentDates(
  current: AssignmentRow,
  assignments: readonly AssignmentRow[],
): { appointedOn: IsoDate; reappointedOn: IsoDate | null } {
  const dateOf = (a: AssignmentRow) => a.appointedOn ?? a.validFrom;
  let first = current;
  for (let guard = 0; guard < assignments.length; guard++) {
    const before = assignments.find(
      (a) =>
        a.id !== first.id &&
        a.isMain &&
        a.titleId === first.titleId &&
        a.unitId === first.unitId &&
        a.validTo === first.validFrom,
    );
    if (!before) break;
    first = before;
  }
  return first === current
    ? { appointedOn: dateOf(current), reappointedOn: null }
    : { appointedOn: dateOf(first), reappointedOn: dateOf(current) };
}

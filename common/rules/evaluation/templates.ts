import { STAFF_TYPES } from "../../enums/cadres.ts";
import { HANOI_3814_CRITERIA } from "./hanoi-3814-form.ts";
import type { AnnualRule, GradeBand, PartialYearRule, SchemeChoice, SchemeTemplate } from "./scheme.ts";

/**
 * The schemes shipped (DOMAIN §3), as dated data to be loaded into and overridden from the settings. Figures
 * DOMAIN marks [default] or "verify" carry that mark in their citation and in docs/evaluation.md.
 */

const HANOI_BANDS: readonly GradeBand[] = [
  { grade: "excellent", minScore: 90, label: "Loại A (Hoàn thành xuất sắc nhiệm vụ)", shortLabel: "A" },
  { grade: "good", minScore: 70, label: "Loại B (Hoàn thành tốt nhiệm vụ)", shortLabel: "B" },
  { grade: "completed", minScore: 50, label: "Loại C (Hoàn thành nhiệm vụ)", shortLabel: "C" },
  { grade: "notCompleted", minScore: 0, label: "Loại D (Không hoàn thành nhiệm vụ)", shortLabel: "D" },
];

const LAW_BANDS: readonly GradeBand[] = [
  { grade: "excellent", minScore: 90, label: "Hoàn thành xuất sắc nhiệm vụ", shortLabel: "HTXS" },
  { grade: "good", minScore: 70, label: "Hoàn thành tốt nhiệm vụ", shortLabel: "HTT" },
  { grade: "completed", minScore: 50, label: "Hoàn thành nhiệm vụ", shortLabel: "HT" },
  { grade: "notCompleted", minScore: 0, label: "Không hoàn thành nhiệm vụ", shortLabel: "KHT" },
];

/** Decree 90/2020 art. 2 as amended by Decree 48/2023 (DOMAIN §3 "Before 2026"). */
export const DECREE_90_PARTIAL_YEAR: PartialYearRule = {
  minMonthsWorked: 6,
  cappedAbsence: { fromMonths: 3, maxGrade: "completed" },
  isMaternityExcepted: true,
};

const HANOI_CITATION =
  "Quyết định 3814-QĐ/TU ngày 16/5/2018, sửa đổi bởi 3251-QĐ/TU; triển khai trên phần mềm từ 01/2022";

/** Hà Nội monthly, on software from 1/2022; the annual grade under Decree 90's partial-year rules. */
export const HANOI_3814_MONTHLY_2022: SchemeTemplate = {
  code: "hanoi-3814-monthly",
  validFrom: "2022-01-01",
  name: "Đánh giá, xếp loại hằng tháng (Quyết định 3814-QĐ/TU của Thành ủy Hà Nội)",
  track: "state",
  period: "month",
  maxScore: 100,
  criteria: HANOI_3814_CRITERIA,
  bands: HANOI_BANDS,
  quota: {
    grade: "excellent",
    maxPercent: 30,
    base: "rated",
    groupBy: "unit",
    rounding: "floor",
    exception: {
      maxPercent: 40,
      base: "all_staff",
      isSoft: true,
      label: "Đơn vị có thành tích đặc biệt xuất sắc",
    },
    citation: `${HANOI_CITATION}: loại A không quá 30% số được đánh giá; đơn vị đặc biệt xuất sắc không nên quá 40% tổng số`,
  },
  disqualifiers: [],
  leaderOnlyDisqualifiers: [],
  taskResults: null,
  annual: {
    kind: "monthly_grades",
    // DOMAIN §3: "Monthly grades are the main basis of the annual grade"; the shares are a default to confirm.
    steps: [
      { grade: "excellent", minPercentMonths: 70, atOrAbove: "excellent", noMonthAtOrBelow: "notCompleted" },
      { grade: "good", minPercentMonths: 70, atOrAbove: "good", noMonthAtOrBelow: "notCompleted" },
      { grade: "completed", minPercentMonths: 50, atOrAbove: "completed" },
    ],
    isDefaultToConfirm: true,
    partialYear: DECREE_90_PARTIAL_YEAR,
    citation: `${HANOI_CITATION}; Nghị định 90/2020/NĐ-CP sửa đổi bởi 48/2023/NĐ-CP (tỷ lệ tháng: mặc định, cần xác nhận)`,
  },
  citation: HANOI_CITATION,
};

const LAW_80_DISQUALIFIERS_CITATION =
  "Luật Cán bộ, công chức 80/2025/QH15 Điều 25–27; Nghị định 335/2025/NĐ-CP: KHT khi có kết luận suy thoái, bị kỷ luật từ khiển trách trong năm, (lãnh đạo) tham nhũng, lãng phí tại đơn vị phụ trách";

/**
 * From 1/1/2026 the law's disqualifiers apply to every civil servant, the Hà Nội monthly form included; the
 * annual grade counts the rated months only (absence, sickness, maternity: the actual working time).
 */
export const HANOI_3814_MONTHLY_2026: SchemeTemplate = {
  ...HANOI_3814_MONTHLY_2022,
  validFrom: "2026-01-01",
  disqualifiers: ["discipline_in_year", "degradation_conclusion", "corruption_in_charged_unit"],
  leaderOnlyDisqualifiers: ["corruption_in_charged_unit"],
  annual: {
    ...(HANOI_3814_MONTHLY_2022.annual as Extract<AnnualRule, { kind: "monthly_grades" }>),
    partialYear: null,
  },
  citation: `${HANOI_CITATION}; ${LAW_80_DISQUALIFIERS_CITATION}`,
};

const DECREE_335_CITATION = "Luật 80/2025/QH15 Điều 25–27; Nghị định 335/2025/NĐ-CP ngày 21/12/2025";

/** Civil servants from 1/1/2026: 30 general + 70 task results from the products of the job position. */
export const DECREE_335_MONTHLY: SchemeTemplate = {
  code: "decree-335-monthly",
  validFrom: "2026-01-01",
  name: "Đánh giá, xếp loại công chức theo sản phẩm hằng tháng (Nghị định 335/2025/NĐ-CP)",
  track: "state",
  period: "month",
  maxScore: 100,
  criteria: [
    // The decree's split of the 30 general points between its criteria is not confirmed: one item for now.
    { code: "I", label: "Tiêu chí chung", kind: "item", maxPoints: 30 },
    {
      code: "II",
      label: "Kết quả thực hiện nhiệm vụ (theo sản phẩm của vị trí việc làm)",
      kind: "item",
      maxPoints: 70,
      isComputed: true,
    },
  ],
  bands: LAW_BANDS,
  quota: {
    grade: "excellent",
    // HTXS are chosen among those graded HTT: the base counts them with the HTT (a choice, docs/evaluation.md).
    maxPercent: 20,
    base: "good_or_above",
    groupBy: "unit_and_duty_group",
    rounding: "floor",
    exception: {
      maxPercent: null,
      base: "good_or_above",
      isSoft: false,
      label: "Cơ quan, tổ chức, đơn vị được đánh giá xuất sắc",
    },
    citation: `${DECREE_335_CITATION}: HTXS không quá 20% số được xếp loại HTT cùng đơn vị, cùng nhóm nhiệm vụ tương đồng (tỷ lệ vượt: chưa xác nhận)`,
  },
  disqualifiers: ["discipline_in_year", "degradation_conclusion", "corruption_in_charged_unit"],
  leaderOnlyDisqualifiers: ["corruption_in_charged_unit"],
  taskResults: {
    qualityPercentPerMajorError: 25,
    progressPercentPerDelay: 25,
    leaderUnitResultIfAnyoneNotCompleted: 50,
    scale: 70,
    decimals: 2,
    isToVerify: true,
    source:
      "DOMAIN §3: điểm = trung bình các tiêu chí × 70 (chia 3 với công chức, chia 6 với lãnh đạo) theo nguồn thứ cấp — cần đối chiếu văn bản Nghị định 335/2025",
  },
  annual: { kind: "average_of_periods", decimals: 2, citation: DECREE_335_CITATION },
  citation: DECREE_335_CITATION,
};

/** The same scheme scored each quarter (the decree allows monthly or quarterly). */
export const DECREE_335_QUARTERLY: SchemeTemplate = {
  ...DECREE_335_MONTHLY,
  code: "decree-335-quarterly",
  name: "Đánh giá, xếp loại công chức theo sản phẩm hằng quý (Nghị định 335/2025/NĐ-CP)",
  period: "quarter",
};

const PARTY_CITATION =
  "Quy định 366-QĐ/TW ngày 30/8/2025; Hướng dẫn 43-HD/BTCTW ngày 31/10/2025; Kết luận 198-KL/TW ngày 8/10/2025 (đánh giá lãnh đạo hằng quý)";

/** The Party's quarterly evaluation of leaders: 30/70, with conditions on the top two grades. */
export const PARTY_366_QUARTERLY: SchemeTemplate = {
  code: "party-366-quarterly",
  validFrom: "2025-10-08",
  name: "Kiểm điểm, đánh giá, xếp loại chất lượng hằng quý (Quy định 366-QĐ/TW, Kết luận 198-KL/TW)",
  track: "party",
  period: "quarter",
  maxScore: 100,
  criteria: [
    { code: "I", label: "Tiêu chí chung", kind: "item", maxPoints: 30 },
    { code: "II", label: "Kết quả thực hiện nhiệm vụ", kind: "item", maxPoints: 70 },
  ],
  bands: [
    { ...LAW_BANDS[0]!, conditions: { minPercentTasksExceeding: 30 } },
    { ...LAW_BANDS[1]!, conditions: { minPercentTasksOnTime: 100 } },
    LAW_BANDS[2]!,
    LAW_BANDS[3]!,
  ],
  quota: null,
  disqualifiers: [],
  leaderOnlyDisqualifiers: [],
  taskResults: null,
  annual: { kind: "average_of_periods", decimals: 2, citation: PARTY_CITATION },
  citation: PARTY_CITATION,
};

const DECREE_90_CITATION = "Nghị định 90/2020/NĐ-CP, sửa đổi bởi Nghị định 48/2023/NĐ-CP";

/** Before 2026: four annual grades decided without points, with the partial-year rules. */
export const DECREE_90_ANNUAL: SchemeTemplate = {
  code: "decree-90-annual",
  validFrom: "2020-08-13",
  name: "Đánh giá, xếp loại chất lượng hằng năm (Nghị định 90/2020/NĐ-CP, 48/2023/NĐ-CP)",
  track: "state",
  period: "year",
  maxScore: 0,
  criteria: [],
  bands: [],
  quota: {
    grade: "excellent",
    maxPercent: 20,
    base: "good_or_above",
    groupBy: "unit",
    rounding: "floor",
    exception: null,
    citation: `${DECREE_90_CITATION}: HTXS không quá 20% số được xếp loại HTT (theo tỷ lệ của Đảng: cần xác nhận)`,
  },
  disqualifiers: [],
  leaderOnlyDisqualifiers: [],
  taskResults: null,
  annual: { kind: "decided", partialYear: DECREE_90_PARTIAL_YEAR, citation: DECREE_90_CITATION },
  citation: DECREE_90_CITATION,
};

export const SHIPPED_TEMPLATES: readonly SchemeTemplate[] = [
  DECREE_90_ANNUAL,
  HANOI_3814_MONTHLY_2022,
  HANOI_3814_MONTHLY_2026,
  DECREE_335_MONTHLY,
  DECREE_335_QUARTERLY,
  PARTY_366_QUARTERLY,
];

/**
 * The city's default choices (a unit may choose otherwise from a date): Decree 90 yearly until the monthly
 * software (1/2022); Hà Nội monthly for everyone; civil servants on Decree 335 from 1/1/2026 and public
 * employees from 1/7/2026 (their own decree not confirmed: the civil servants' template, DOMAIN §3); leaders
 * evaluated by the Party each quarter from Conclusion 198.
 */
export const DEFAULT_SCHEME_CHOICES: readonly SchemeChoice[] = [
  ...STAFF_TYPES.map(
    (staffType): SchemeChoice => ({
      staffType,
      track: "state",
      schemeCode: "decree-90-annual",
      validFrom: "2020-08-13",
      validTo: "2022-01-01",
      citation: DECREE_90_CITATION,
    }),
  ),
  ...STAFF_TYPES.map(
    (staffType): SchemeChoice => ({
      staffType,
      track: "state",
      schemeCode: "hanoi-3814-monthly",
      validFrom: "2022-01-01",
      validTo:
        staffType === "civil_servant" ? "2026-01-01" : staffType === "public_employee" ? "2026-07-01" : null,
      citation: HANOI_CITATION,
    }),
  ),
  {
    staffType: "civil_servant",
    track: "state",
    schemeCode: "decree-335-monthly",
    validFrom: "2026-01-01",
    validTo: null,
    citation: DECREE_335_CITATION,
  },
  {
    staffType: "public_employee",
    track: "state",
    schemeCode: "decree-335-monthly",
    validFrom: "2026-07-01",
    validTo: null,
    citation: "Luật Viên chức 2025 (từ 01/7/2026); nghị định hướng dẫn chưa xác nhận: dùng mẫu của công chức",
  },
  {
    staffType: "cadre",
    track: "party",
    schemeCode: "party-366-quarterly",
    validFrom: "2025-10-08",
    validTo: null,
    citation: PARTY_CITATION,
  },
];

import { SEX_LABELS, TIER_LABELS } from "../../../common/contracts/imports.ts";
import type {
  Analysis,
  BreakdownRow,
  DrillQuery,
  Figure,
  IndicatorDetail,
  IndicatorResult,
  IndicatorStatus,
  Indicators,
} from "../../../common/contracts/indicators.ts";
import type { ManagementTier } from "../../../common/enums/cadres.ts";
import { formatBirthDate } from "../../../common/rules/birth-date.ts";
import { formatDmy } from "../../../common/rules/dates.ts";
import { type Cell, excelDate, type ListSheet } from "../imports/index.ts";
import type { IndicatorsService } from "./indicators.service.ts";

/**
 * The dashboard's tables as spreadsheets (issue 10, item 3): the same figures the API returns for the same
 * date and unit (the route calls the same service, so the reader's scope applies), laid out here so that
 * the routes stay adapters. Each is one list sheet (title, what it holds, headers, rows).
 */

export type SheetFile = ListSheet & { fileName: string; rowCount: number };

const STATUS_LABELS: Record<IndicatorStatus, string> = {
  met: "Đạt",
  not_met: "Chưa đạt",
  no_target: "Theo dõi",
  no_data: "Không có dữ liệu",
};

const FIGURE_HEADERS = ["Tử số", "Mẫu số", "Tỷ lệ (%)", "Giá trị", "Đánh giá", "Không rõ quê quán"] as const;

function figureCells(f: Figure): Cell[] {
  return [f.numerator, f.denominator, f.percent, f.value, STATUS_LABELS[f.status], f.unknown || null];
}

function targetText(i: Pick<IndicatorResult, "target" | "direction" | "display">): string | null {
  if (i.target === null) return null;
  const unit = i.display === "percent" ? "%" : "";
  return `${i.direction === "<=" ? "≤" : "≥"} ${String(i.target).replace(".", ",")}${unit}`;
}

function unitLine(unit: { name: string }, asOf: string): string {
  return `Đơn vị: ${unit.name}; tính đến ngày ${formatDmy(asOf)}`;
}

/** The cards of the dashboard: every indicator of the catalogue on the date, for the unit subtree. */
export function cardsSheet(list: Indicators): SheetFile {
  return {
    fileName: `chi-tieu-${list.unit.code ?? list.unit.id}-${list.asOf}.xlsx`,
    rowCount: list.items.length,
    name: "Chỉ tiêu",
    widths: [6, 8, 50, 10, 10, 10, 10, 16, 14, 12, 40],
    textColumns: [1],
    title: "Các chỉ tiêu đội ngũ cán bộ",
    hint: `${unitLine(list.unit, list.asOf)}; ${list.items.length} chỉ tiêu`,
    headers: [
      "STT",
      "Mã",
      "Chỉ tiêu",
      "Tử số",
      "Mẫu số",
      "Tỷ lệ (%)",
      "Giá trị",
      "Đánh giá",
      "Mục tiêu",
      "Không rõ quê quán",
      "Ghi chú",
    ],
    rows: list.items.map((i, n) => [
      n + 1,
      i.code,
      i.name,
      ...figureCells(i).slice(0, 5),
      targetText(i),
      i.unknown || null,
      i.note,
    ]),
  };
}

function tierLabel(key: string): string {
  return TIER_LABELS[key as ManagementTier] ?? "Chưa có diện quản lý";
}

/** One indicator by child unit (the unit's own people on the first row) and by management tier. */
export function breakdownSheet(detail: IndicatorDetail): SheetFile {
  const { indicator: i } = detail;
  const row = (label: string, unitCode: string | null, f: BreakdownRow | IndicatorResult): Cell[] => [
    label,
    unitCode,
    ...figureCells(f),
  ];
  const rows: Cell[][] = [
    ...detail.byUnit.map((r) => row(r.label, r.unit?.code ?? null, r)),
    row(`Cộng: ${detail.unit.name}`, detail.unit.code, i),
    [],
    ["Theo diện quản lý"],
    ...detail.byTier.map((r) => row(tierLabel(r.key), null, r)),
  ];
  return {
    fileName: `chi-tieu-${i.code}-theo-don-vi-${detail.asOf}.xlsx`,
    rowCount: detail.byUnit.length,
    name: "Theo đơn vị",
    widths: [44, 12, 10, 10, 10, 10, 12, 16],
    textColumns: [1],
    title: `${i.code}. ${i.name}${targetText(i) ? ` (mục tiêu ${targetText(i)})` : ""}`,
    hint: `${unitLine(detail.unit, detail.asOf)}; theo đơn vị trực thuộc và theo diện quản lý`,
    headers: ["Đơn vị", "Mã đơn vị", ...FIGURE_HEADERS],
    rows,
  };
}

/** The analysis table of the units below target: one row per indicator and unit, worst first. */
export function belowTargetSheet(analysis: Analysis): SheetFile {
  const rows: Cell[][] = [];
  for (const b of analysis.belowTarget) {
    const target = `${b.direction === "<=" ? "≤" : "≥"} ${String(b.target).replace(".", ",")}`;
    for (const u of b.units)
      rows.push([
        b.code,
        b.name,
        target,
        u.label,
        u.unit?.code ?? null,
        u.numerator,
        u.denominator,
        u.percent,
      ]);
  }
  return {
    fileName: `don-vi-chua-dat-${analysis.unit.code ?? analysis.unit.id}-${analysis.asOf}.xlsx`,
    rowCount: rows.length,
    name: "Đơn vị chưa đạt",
    widths: [8, 44, 10, 40, 12, 10, 10, 10],
    textColumns: [0, 4],
    title: "Đơn vị chưa đạt chỉ tiêu",
    hint: `${unitLine(analysis.unit, analysis.asOf)}; ${rows.length} dòng`,
    headers: ["Mã", "Chỉ tiêu", "Mục tiêu (%)", "Đơn vị", "Mã đơn vị", "Tử số", "Mẫu số", "Tỷ lệ (%)"],
    rows,
  };
}

type People = Awaited<ReturnType<IndicatorsService["allPeople"]>>;

/** The people behind a figure (the drill-down list), every one. */
export function peopleSheet(people: People, query: Omit<DrillQuery, "page" | "pageSize">): SheetFile {
  const { d, unit, def, items } = people;
  const side = { numerator: "tử số", denominator: "mẫu số", unknown: "không rõ quê quán" }[query.side];
  const only = [
    query.directOnly ? "chỉ người thuộc trực tiếp đơn vị" : null,
    query.tier ? `diện quản lý: ${query.tier === "none" ? "chưa có" : TIER_LABELS[query.tier]}` : null,
  ].filter(Boolean);
  const suffix = `${query.directOnly ? "-truc-tiep" : ""}${query.tier ? `-${query.tier}` : ""}`;
  return {
    fileName: `chi-tieu-${def.code}-${query.side}${suffix}-${d}.xlsx`,
    rowCount: items.length,
    name: "Danh sách",
    widths: [6, 14, 28, 8, 12, 6, 40, 30, 26, 16, 16],
    textColumns: [1],
    title: `${def.code}. ${def.name} — ${side}`,
    hint: `Đơn vị: ${unit.name}${only.length ? ` (${only.join("; ")})` : ""}; tính đến ngày ${formatDmy(d)}; ${items.length} người`,
    headers: [
      "STT",
      "Số hiệu",
      "Họ và tên",
      "Giới tính",
      "Ngày sinh",
      "Tuổi",
      "Đơn vị",
      "Chức vụ",
      "Diện quản lý",
      "Trình độ CM",
      "Lý luận CT",
    ],
    rows: items.map((p, i) => [
      i + 1,
      p.staffCode,
      p.fullName,
      SEX_LABELS[p.sex],
      p.birthDatePrecision === "day"
        ? excelDate(p.birthDate)
        : formatBirthDate(p.birthDate, p.birthDatePrecision),
      p.age,
      p.unit?.name ?? null,
      p.title?.name ?? null,
      p.tier ? TIER_LABELS[p.tier] : null,
      p.highestQualification?.name ?? null,
      p.politicalTheory?.name ?? null,
    ]),
  };
}

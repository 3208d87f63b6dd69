import type { IndicatorResult, Indicators } from "../common/contracts/indicators.ts";
import { formatDmy, parseDate } from "../common/rules/dates.ts";
import type { Services } from "../server/app.ts";
import type { Actor } from "../server/lib/actor.ts";

/**
 * `canbo indicators`: the whole catalogue as of a date for a unit subtree, as JSON or as a table. The
 * command only formats what the indicators service computes (one aggregate statement); it holds no rule.
 */

export const INDICATOR_OUTPUT_FORMATS = ["table", "json"] as const;
export type IndicatorOutputFormat = (typeof INDICATOR_OUTPUT_FORMATS)[number];

/** A mistake in what the user typed (a bad date, an unknown unit code): exit code 2, like a usage error. */
export class CliUsageError extends Error {
  readonly exitCode = 2;
}

/** One line of `--format json`: exactly these keys, in this order. */
export type IndicatorLine = {
  code: string;
  name: string;
  numerator: number | null;
  denominator: number | null;
  /** As the service gives it: the percent, "28/30" for count indicators, null when there is no data. */
  value: number | string | null;
  target: number | null;
  met: boolean | null;
};

export function indicatorLines(result: Indicators): IndicatorLine[] {
  return result.items.map((r) => ({
    code: r.code,
    name: r.name,
    numerator: r.numerator,
    denominator: r.denominator,
    value: r.value,
    target: r.target,
    met: r.met,
  }));
}

const count = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const shortPercent = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
const NONE = "—";

/** "33,39%", or "28/30" for count indicators; "—" when there is no data (never shown as 0). */
function valueText(r: IndicatorResult): string {
  if (r.value === null) return NONE;
  return typeof r.value === "number" ? `${percent.format(r.value)}%` : r.value;
}

/** Targets are percents for every display (the service compares numerator × 100 with target × denominator). */
function targetText(r: IndicatorResult): string {
  if (r.target === null || r.direction === null) return NONE;
  return `${r.direction === ">=" ? "≥" : "≤"} ${shortPercent.format(r.target)}%`;
}

const STATUS_TEXT: Record<IndicatorResult["status"], string> = {
  met: "Đạt",
  not_met: "Chưa đạt",
  no_target: NONE,
  no_data: "Chưa có dữ liệu",
};

/** Columns a terminal shows: combining marks take no cell (names may arrive decomposed). */
function width(text: string): number {
  let n = 0;
  for (const ch of text.normalize("NFC")) if (!/\p{M}/u.test(ch)) n += 1;
  return n;
}

const pad = (text: string, size: number, right: boolean) => {
  const fill = " ".repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
};

/**
 * The result as an aligned table (Mã | Chỉ tiêu | Tử số | Mẫu số | Giá trị | Mục tiêu | Đạt) in Vietnamese
 * number format, under a title line naming the date and the unit, with the notes of figures without data.
 */
export function indicatorsTable(result: Indicators): string {
  const header = ["Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Mục tiêu", "Đạt"];
  const numeric = [false, false, true, true, true, true, false];
  const rows = result.items.map((r) => [
    r.code,
    r.name,
    r.numerator === null ? NONE : count.format(r.numerator),
    r.denominator === null ? NONE : count.format(r.denominator),
    valueText(r),
    targetText(r),
    STATUS_TEXT[r.status],
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, numeric[i]!))
      .join(" | ")
      .trimEnd();
  const unit = result.unit.code ? `${result.unit.name} (mã ${result.unit.code})` : result.unit.name;
  const notes = result.items.filter((r) => r.note).map((r) => `  ${r.code}: ${r.note}`);
  if (result.pastRetirement > 0) {
    notes.push(
      `  ${count.format(result.pastRetirement)} người đã quá ngày nghỉ hưu nhưng hồ sơ chưa ghi nhận thôi công tác: không tính trong các chỉ tiêu (danh sách: Sắp nghỉ hưu › Đã quá tuổi).`,
    );
  }
  return [
    `Chỉ tiêu tại ngày ${formatDmy(result.asOf)} — ${unit}`,
    "",
    line(header),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...rows.map(line),
    ...(notes.length ? ["", "Ghi chú:", ...notes] : []),
  ].join("\n");
}

/** The --as-of value as YYYY-MM-DD (dd/mm/yyyy accepted too), or a usage error in Vietnamese. */
export function parseAsOf(text: string | undefined): string {
  if (text === undefined)
    throw new CliUsageError("Thiếu --as-of <ngày> (dạng YYYY-MM-DD, ví dụ 2026-01-01).");
  const asOf = parseDate(text);
  if (!asOf) {
    throw new CliUsageError(
      `Ngày không hợp lệ: "${text}". Hãy nhập một ngày có thật dạng YYYY-MM-DD, ví dụ 2026-01-01.`,
    );
  }
  return asOf;
}

/**
 * Computes the catalogue as of asOf for the unit with the official code (the top unit when absent) and
 * returns the text to print. Several units may have carried a code over time: the one existing on asOf counts.
 */
export async function runIndicators(
  services: Pick<Services, "units" | "indicators">,
  actor: Actor,
  options: { asOf: string; unit?: string | undefined; format: IndicatorOutputFormat },
): Promise<string> {
  let unitId: number | undefined;
  if (options.unit !== undefined) {
    const unit = await services.units.findByCode(actor, options.unit, options.asOf);
    if (!unit) {
      throw new CliUsageError(
        `Không có đơn vị nào mang mã "${options.unit}" vào ngày ${formatDmy(options.asOf)} (mã đơn vị chính thức, ví dụ 001).`,
      );
    }
    unitId = unit.id;
  }
  const result = await services.indicators.compute(actor, {
    asOf: options.asOf,
    ...(unitId !== undefined ? { unitId } : {}),
  });
  return options.format === "json"
    ? `${JSON.stringify(indicatorLines(result), null, 2)}\n`
    : `${indicatorsTable(result)}\n`;
}

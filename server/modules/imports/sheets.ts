import fs from "node:fs";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ImportFormat } from "../../../common/contracts/imports.ts";
import { formatDmy } from "../../../common/rules/dates.ts";
import { type CsvDelimiter, csvLine } from "./csv.ts";
import { columnLetter } from "./layout.ts";

/**
 * Writing spreadsheets as streams (template, export, error file, dashboard tables): rows go out as they
 * are produced, so an export of every cadre never sits in memory whole. Generic — any module's export
 * (units, indicators) writes through it:
 *   - a `Date` cell (made with `excelDate`) is a real Excel date shown dd/mm/yyyy, and dd/mm/yyyy text in CSV;
 *   - CSV is written for Excel in Vietnamese by default (`;` between fields, decimal comma, UTF-8 with BOM).
 */

export type Cell = string | number | Date | null;

/** The Excel date cell of an ISO day (yyyy-mm-dd): a Date at UTC midnight, which ExcelJS writes as that day. */
export function excelDate(iso: string): Date;
export function excelDate(iso: string | null | undefined): Date | null;
export function excelDate(iso: string | null | undefined): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

/** The display format of date cells (Vietnamese order). */
export const EXCEL_DATE_FORMAT = "dd/mm/yyyy";

/**
 * How CSV is written. Excel on a computer set to Vietnamese reads `;` as the field separator and `,` as the
 * decimal mark, and takes the file for UTF-8 only with a byte order mark.
 */
export type CsvDialect = { delimiter: CsvDelimiter; decimalComma: boolean };
export const CSV_EXCEL_VI: CsvDialect = { delimiter: ";", decimalComma: true };

/** A cell as CSV text in the dialect. */
export function csvText(value: Cell, dialect: CsvDialect): string {
  if (value === null) return "";
  if (value instanceof Date) return formatDmy(value.toISOString().slice(0, 10));
  if (typeof value === "number") {
    const text = String(value);
    return dialect.decimalComma ? text.replace(".", ",") : text;
  }
  return value;
}

export type SheetSpec = {
  name: string;
  /** Column widths in characters, when known. */
  widths?: readonly number[];
  /** Columns written as text (Excel must not turn "001" into 1 or a date text into a date). */
  textColumns?: readonly number[];
  /** Rows at the top kept in view when scrolling (header). */
  frozenRows?: number;
  /** A sheet of lists the others point at, hidden from view (xlsx). */
  hidden?: boolean;
};

/**
 * Rows that get a drop-down. Whole columns would do for Excel, but readers that expand a validation to
 * each of its cells (ExcelJS among them) stall on a million rows.
 */
export const VALIDATED_ROWS = 10_000;

/** A drop-down on a column of the current sheet: the values of a range of another sheet. */
export type ListValidation = {
  /** Column index (0-based) on the current sheet. */
  column: number;
  /** First row (1-based) that gets the drop-down; every row below it does too. */
  fromRow: number;
  /** The sheet holding the values, and where: column index (0-based), first and last row (1-based). */
  source: { sheet: string; column: number; firstRow: number; lastRow: number };
  /** Shown when the cell is selected. */
  prompt?: string;
};

export type SheetWriter = {
  /** Appends a row to the current sheet. */
  row(values: readonly Cell[], style?: "header" | "hint" | "section"): void;
  /**
   * Adds a drop-down to a column of the current sheet (xlsx only). A value not in the list gets a warning,
   * not a refusal: older codes and names are still accepted by the import.
   */
  validateList(validation: ListValidation): void;
  /** Starts the next sheet (xlsx only; CSV has one table and ignores further sheets). */
  sheet(spec: SheetSpec): void;
  /** Waits while the target's buffer is full (long exports respect the reader's pace). */
  drain(): Promise<void>;
  /** Finishes the file. */
  close(): Promise<void>;
};

function drained(out: Writable | undefined): Promise<void> {
  if (!out?.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      out.off("error", done);
      resolve();
    };
    out.once("drain", done);
    out.once("close", done);
    out.once("error", done);
  });
}

/**
 * A list for people to read as one xlsx sheet: a title, a line saying what it holds, the column headers
 * (the three rows stay in view), then the rows.
 */
export type ListSheet = Omit<SheetSpec, "frozenRows"> & {
  title: string;
  hint: string;
  headers: readonly string[];
  rows: Iterable<readonly Cell[]>;
};

export async function writeListSheet(target: Writable, spec: ListSheet): Promise<void> {
  const writer = createSheetWriter("xlsx", target, { ...spec, frozenRows: 3 });
  writer.row([spec.title], "section");
  writer.row([spec.hint], "hint");
  writer.row(spec.headers, "header");
  for (const row of spec.rows) writer.row(row);
  await writer.close();
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The response type of each spreadsheet format. */
export const SPREADSHEET_CONTENT_TYPES: Record<ImportFormat, string> = {
  xlsx: XLSX_CONTENT_TYPE,
  csv: "text/csv; charset=utf-8",
};

/** A writer of the format to a file path or a stream. */
export function createSheetWriter(
  format: ImportFormat,
  target: string | Writable,
  first: SheetSpec,
  options: { csv?: CsvDialect } = {},
): SheetWriter {
  return format === "xlsx" ? xlsxWriter(target, first) : csvWriter(target, options.csv ?? CSV_EXCEL_VI);
}

function xlsxWriter(target: string | Writable, first: SheetSpec): SheetWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter(
    typeof target === "string"
      ? { filename: target, useStyles: true, useSharedStrings: false }
      : { stream: target, useStyles: true, useSharedStrings: false },
  );
  let sheet: ExcelJS.Worksheet | undefined;
  const open = (spec: SheetSpec) => {
    sheet?.commit();
    sheet = workbook.addWorksheet(spec.name, {
      views: spec.frozenRows ? [{ state: "frozen", ySplit: spec.frozenRows }] : [],
      ...(spec.hidden ? { state: "hidden" as const } : {}),
    });
    const widths = spec.widths ?? [];
    const text = new Set(spec.textColumns ?? []);
    const count = Math.max(widths.length, ...(spec.textColumns ?? []).map((i) => i + 1), 0);
    if (count > 0) {
      sheet.columns = Array.from({ length: count }, (_, i) => ({
        width: widths[i] ?? 14,
        ...(text.has(i) ? { style: { numFmt: "@" } } : {}),
      }));
    }
  };
  open(first);
  return {
    row(values, style) {
      const row = sheet!.addRow([...values]);
      values.forEach((v, i) => {
        if (v instanceof Date) row.getCell(i + 1).numFmt = EXCEL_DATE_FORMAT;
      });
      if (style === "header" || style === "section") row.font = { bold: true };
      if (style === "hint") row.font = { italic: true, color: { argb: "FF666666" } };
      row.commit();
    },
    validateList({ column, fromRow, source, prompt }) {
      const letter = columnLetter(column);
      const from = `$${columnLetter(source.column)}$${source.firstRow}`;
      const to = `$${columnLetter(source.column)}$${Math.max(source.firstRow, source.lastRow)}`;
      const range = `'${source.sheet.replace(/'/g, "''")}'!${from}:${to}`;
      // ExcelJS's streaming sheets type their validations loosely; the model is the same as a workbook's.
      (
        sheet as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${letter}${fromRow}:${letter}${fromRow + VALIDATED_ROWS - 1}`, {
        type: "list",
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: "Giá trị ngoài danh sách",
        error: "Giá trị này không có trong danh sách; vẫn giữ?",
        ...(prompt ? { showInputMessage: true, prompt } : {}),
      });
    },
    sheet: open,
    drain: () => drained(typeof target === "string" ? undefined : target),
    async close() {
      sheet?.commit();
      await workbook.commit();
    },
  };
}

function csvWriter(target: string | Writable, dialect: CsvDialect): SheetWriter {
  const out = typeof target === "string" ? fs.createWriteStream(target) : target;
  let buffer = "\uFEFF"; // Excel reads UTF-8 CSV correctly only with the byte order mark
  let sheets = 0;
  const flush = () => {
    if (buffer) out.write(buffer);
    buffer = "";
  };
  return {
    row(values) {
      if (sheets > 0) return;
      buffer += csvLine(
        values.map((v) => csvText(v, dialect)),
        dialect.delimiter,
      );
      if (buffer.length > 64 * 1024) flush();
    },
    validateList() {},
    sheet() {
      sheets++;
    },
    drain() {
      flush();
      return drained(out);
    },
    close() {
      flush();
      return new Promise<void>((resolve, reject) => {
        out.once("error", reject);
        out.end(() => resolve());
      });
    },
  };
}

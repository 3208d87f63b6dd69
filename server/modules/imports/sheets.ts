import fs from "node:fs";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ImportFormat } from "../../../common/contracts/imports.ts";
import { type CsvDelimiter, csvLine } from "./csv.ts";

/**
 * Writing spreadsheets as streams (template, export, error file): rows go out as they are produced, so an
 * export of every cadre never sits in memory whole.
 */

export type Cell = string | number | null;

export type SheetSpec = {
  name: string;
  /** Column widths in characters, when known. */
  widths?: readonly number[];
  /** Columns written as text (Excel must not turn "001" into 1 or a date text into a date). */
  textColumns?: readonly number[];
  /** Rows at the top kept in view when scrolling (header). */
  frozenRows?: number;
};

export type SheetWriter = {
  /** Appends a row to the current sheet. */
  row(values: readonly Cell[], style?: "header" | "hint" | "section"): void;
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
export async function writeListSheet(
  target: Writable,
  spec: Omit<SheetSpec, "frozenRows"> & {
    title: string;
    hint: string;
    headers: readonly string[];
    rows: Iterable<readonly Cell[]>;
  },
): Promise<void> {
  const writer = createSheetWriter("xlsx", target, { ...spec, frozenRows: 3 });
  writer.row([spec.title], "section");
  writer.row([spec.hint], "hint");
  writer.row(spec.headers, "header");
  for (const row of spec.rows) writer.row(row);
  await writer.close();
}

/** A writer of the format to a file path or a stream. */
export function createSheetWriter(
  format: ImportFormat,
  target: string | Writable,
  first: SheetSpec,
  options: { delimiter?: CsvDelimiter } = {},
): SheetWriter {
  return format === "xlsx" ? xlsxWriter(target, first) : csvWriter(target, options.delimiter ?? ",");
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
      if (style === "header" || style === "section") row.font = { bold: true };
      if (style === "hint") row.font = { italic: true, color: { argb: "FF666666" } };
      row.commit();
    },
    sheet: open,
    drain: () => drained(typeof target === "string" ? undefined : target),
    async close() {
      sheet?.commit();
      await workbook.commit();
    },
  };
}

function csvWriter(target: string | Writable, delimiter: CsvDelimiter): SheetWriter {
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
        values.map((v) => (v === null ? "" : String(v))),
        delimiter,
      );
      if (buffer.length > 64 * 1024) flush();
    },
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

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { foldVietnamese } from "../../../common/text/vietnamese.ts";
import { AppError } from "../../lib/errors.ts";
import { parseCsvText, unprotectCell } from "../imports/csv.ts";
import { type Cell, createSheetWriter } from "../imports/sheets.ts";
import { excelSerialToIso, type RawCell, sniffFormat } from "../imports/spreadsheet.ts";
import { readXlsxRows } from "../imports/xlsx-reader.ts";
import { UnitErrors } from "./units.errors.ts";

/**
 * The file of an organisation tree: a sheet of units (one row each, the parent named by its code) and a
 * sheet of lineage links. In CSV, which has one table, the links follow the units after an empty line,
 * under their own header row.
 */

export const UNITS_SHEET = "Đơn vị";
export const LINKS_SHEET = "Kế thừa";

export const UNIT_COLUMNS = [
  { key: "code", header: "Mã đơn vị", alias: "code", required: false },
  { key: "name", header: "Tên đơn vị", alias: "name", required: true },
  { key: "kind", header: "Loại đơn vị", alias: "kind", required: true },
  { key: "bloc", header: "Khối", alias: "bloc", required: false },
  { key: "parentCode", header: "Mã đơn vị cấp trên", alias: "parent code", required: false },
  { key: "placeCode", header: "Mã địa danh", alias: "place code", required: false },
  { key: "validFrom", header: "Hoạt động từ ngày", alias: "valid from", required: true },
  { key: "validTo", header: "Hoạt động đến ngày", alias: "valid to", required: false },
] as const;

export const LINK_COLUMNS = [
  { key: "fromCode", header: "Mã đơn vị trước", alias: "from code", required: true },
  { key: "toCode", header: "Mã đơn vị sau", alias: "to code", required: true },
  { key: "kind", header: "Hình thức", alias: "kind", required: true },
  { key: "date", header: "Ngày hiệu lực", alias: "date", required: true },
] as const;

type Columns = typeof UNIT_COLUMNS | typeof LINK_COLUMNS;
export type UnitColumnKey = (typeof UNIT_COLUMNS)[number]["key"];
export type LinkColumnKey = (typeof LINK_COLUMNS)[number]["key"];

/** A table of the file: its rows by column key, with the row numbers people see in their program. */
export type Table<K extends string> = {
  sheet: string;
  rows: { rowNo: number; cells: Partial<Record<K, RawCell>> }[];
  /** Required columns the header row lacks. */
  missing: string[];
};

/** The largest tree file read (a tree of tens of thousands of units is a few megabytes). */
export const MAX_TREE_FILE_BYTES = 10 * 1024 * 1024;

const normalize = (text: string) => foldVietnamese(text).replace(/[^a-z0-9]/g, "");

function headerIndex(columns: Columns, cells: readonly RawCell[]) {
  const byName = new Map<string, string>();
  for (const c of columns) {
    byName.set(normalize(c.header), c.key);
    byName.set(normalize(c.alias), c.key);
    byName.set(normalize(c.key), c.key);
  }
  const index = new Map<number, string>();
  cells.forEach((cell, i) => {
    const key = byName.get(normalize(textOf(cell)));
    if (key && ![...index.values()].includes(key)) index.set(i, key);
  });
  const found = new Set(index.values());
  const missing = columns.filter((c) => c.required && !found.has(c.key)).map((c) => c.header);
  return { index, missing };
}

const isBlank = (cells: readonly RawCell[]) => cells.every((c) => textOf(c) === "");

function tableOf<K extends string>(
  sheet: string,
  columns: Columns,
  rows: readonly { rowNo: number; cells: RawCell[] }[],
): Table<K> {
  const first = rows.findIndex((r) => !isBlank(r.cells));
  if (first < 0) return { sheet, rows: [], missing: columns.filter((c) => c.required).map((c) => c.header) };
  const { index, missing } = headerIndex(columns, rows[first]!.cells);
  const out: Table<K>["rows"] = [];
  for (const row of rows.slice(first + 1)) {
    if (isBlank(row.cells)) continue;
    const cells: Partial<Record<K, RawCell>> = {};
    for (const [i, key] of index) cells[key as K] = row.cells[i] ?? null;
    out.push({ rowNo: row.rowNo, cells });
  }
  return { sheet, rows: out, missing };
}

/** Cell text: trimmed; numbers as written; dates as YYYY-MM-DD. */
export function textOf(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return unprotectCell(cell.trim());
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
}

/** Reads the file: the format from its first bytes, the units table and the links table. */
export async function readTreeFile(
  file: Buffer,
): Promise<{ units: Table<UnitColumnKey>; links: Table<LinkColumnKey> }> {
  if (file.length > MAX_TREE_FILE_BYTES) {
    throw new AppError(UnitErrors.UNIT_IMPORT_FILE_UNREADABLE, {
      details: { reason: `tệp lớn hơn ${MAX_TREE_FILE_BYTES / 1024 / 1024} MB` },
    });
  }
  const format = sniffFormat(file.subarray(0, 64 * 1024), file.length <= 64 * 1024);
  if (format === "csv") {
    const text = new TextDecoder("utf-8").decode(file).replace(/^\uFEFF/, "");
    let records: { rowNo: number; cells: string[] }[];
    try {
      records = parseCsvText(text);
    } catch (error) {
      throw new AppError(UnitErrors.UNIT_IMPORT_FILE_UNREADABLE, {
        details: { reason: (error as Error).message },
        cause: error,
      });
    }
    const linksHeader = normalize(LINK_COLUMNS[0].header);
    const split = records.findIndex((r) => normalize(r.cells[0] ?? "") === linksHeader);
    const unitRows = split < 0 ? records : records.slice(0, split);
    const linkRows = split < 0 ? [] : records.slice(split);
    return {
      units: tableOf(UNITS_SHEET, UNIT_COLUMNS, unitRows),
      links: linkRows.length ? tableOf(LINKS_SHEET, LINK_COLUMNS, linkRows) : emptyLinks(),
    };
  }
  // The workbook is read by the cadre import's streaming reader, with its limits on what the archive
  // unpacks to: a small file that inflates to gigabytes is refused, not loaded into memory.
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "canbo-tree-"));
  const file_ = path.join(dir, "tree.xlsx");
  try {
    await fs.promises.writeFile(file_, file);
    const sheetRows = async (sheet: number) => {
      const rows: { rowNo: number; cells: RawCell[] }[] = [];
      for await (const row of readXlsxRows(file_, { sheet })) {
        rows.push({ rowNo: row.rowNo, cells: row.cells.map((c) => c ?? null) });
        date1904 = row.date1904;
      }
      return rows;
    };
    let date1904 = false;
    const units = tableOf<UnitColumnKey>(UNITS_SHEET, UNIT_COLUMNS, await sheetRows(0));
    const linkRows = await sheetRows(1);
    const links = linkRows.length
      ? tableOf<LinkColumnKey>(LINKS_SHEET, LINK_COLUMNS, linkRows)
      : emptyLinks();
    datesFromSerials(units, ["validFrom", "validTo"], date1904);
    datesFromSerials(links, ["date"], date1904);
    return { units, links };
  } catch (error) {
    // The reader's own refusals (a damaged archive, one that unpacks beyond the limits) say what is wrong.
    if (error instanceof AppError) throw error;
    throw new AppError(UnitErrors.UNIT_IMPORT_FILE_UNREADABLE, {
      details: { reason: error instanceof Error ? error.message : "tệp Excel hỏng" },
      cause: error,
    });
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Date columns written as Excel day numbers (a date cell) read as dates. */
function datesFromSerials<K extends string>(table: Table<K>, keys: readonly K[], date1904: boolean) {
  for (const row of table.rows) {
    for (const key of keys) {
      const cell = row.cells[key];
      if (typeof cell !== "number") continue;
      const iso = excelSerialToIso(cell, date1904);
      if (iso) row.cells[key] = new Date(`${iso}T00:00:00Z`);
    }
  }
}

const emptyLinks = (): Table<LinkColumnKey> => ({ sheet: LINKS_SHEET, rows: [], missing: [] });

/** Writes the tree: the units sheet, then the links (a second sheet; in CSV, after an empty line). */
export async function writeTreeFile(
  format: "xlsx" | "csv",
  target: string | Writable,
  units: readonly (readonly Cell[])[],
  links: readonly (readonly Cell[])[],
): Promise<void> {
  const writer = createSheetWriter(format, target, {
    name: UNITS_SHEET,
    widths: [16, 48, 20, 16, 18, 12, 16, 16],
    textColumns: [0, 4, 5, 6, 7],
    frozenRows: 1,
  });
  writer.row(
    UNIT_COLUMNS.map((c) => c.header),
    "header",
  );
  for (const row of units) writer.row(row);
  if (format === "xlsx") {
    writer.sheet({ name: LINKS_SHEET, widths: [18, 18, 12, 16], textColumns: [0, 1, 3], frozenRows: 1 });
  } else if (links.length > 0) {
    writer.row([]);
  }
  if (format === "xlsx" || links.length > 0) {
    writer.row(
      LINK_COLUMNS.map((c) => c.header),
      "header",
    );
    for (const row of links) writer.row(row);
  }
  await writer.close();
}

/** Reads a whole file given by path (CLI). */
export async function readFileBounded(filePath: string): Promise<Buffer> {
  const { size } = await fs.promises.stat(filePath);
  if (size > MAX_TREE_FILE_BYTES) {
    throw new AppError(UnitErrors.UNIT_IMPORT_FILE_UNREADABLE, {
      details: { reason: `tệp lớn hơn ${MAX_TREE_FILE_BYTES / 1024 / 1024} MB` },
    });
  }
  return fs.promises.readFile(filePath);
}

import {
  IGNORED_HEADERS,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportColumnKey,
} from "../../../common/contracts/imports.ts";
import { foldVietnamese } from "../../../common/text/vietnamese.ts";
import { AppError } from "../../lib/errors.ts";
import { ImportErrors } from "./imports.errors.ts";
import type { RawCell } from "./spreadsheet.ts";

/**
 * The header row: which column of the file is which field. Headers are recognised in Vietnamese or as
 * keys, ignoring case, diacritics, spaces and punctuation ("Ngày sinh", "ngay sinh", "birthDate",
 * "birth_date" are the same column).
 */

export type Column = ImportColumn & { key: ImportColumnKey };

export type Layout = {
  /** The field of each column of the file; null for ignored columns (STT, Lỗi, blank headers). */
  byIndex: (Column | null)[];
  /** The header cells as written (for the error file). */
  headerCells: string[];
  present: ReadonlySet<ImportColumnKey>;
};

/** A header folded for comparison. */
export function normalizeHeader(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]/g, "");
}

const BY_NAME = new Map<string, Column>();
for (const c of IMPORT_COLUMNS as readonly Column[]) {
  BY_NAME.set(normalizeHeader(c.header), c);
  BY_NAME.set(normalizeHeader(c.key), c);
}
const IGNORED = new Set<string>(IGNORED_HEADERS.map(normalizeHeader));

/** Spreadsheet column letters (A, B, …, AA) for messages. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Reads the header row. Refuses unknown and repeated columns, missing required ones (and the missing
 * companions of a group that is present), and sensitive columns for an actor who may not write them.
 */
export function resolveHeader(cells: readonly RawCell[], options: { maySeeSensitive: boolean }): Layout {
  const headerCells = cells.map((c) => (c === null ? "" : String(c).trim()));
  const byIndex: (Column | null)[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const present = new Set<ImportColumnKey>();
  headerCells.forEach((text, i) => {
    const folded = normalizeHeader(text);
    if (folded === "" || IGNORED.has(folded)) {
      byIndex.push(null);
      return;
    }
    const column = BY_NAME.get(folded);
    if (!column) {
      unknown.push(`${columnLetter(i)}: ${text}`);
      byIndex.push(null);
      return;
    }
    if (present.has(column.key)) duplicate.push(`${columnLetter(i)}: ${text}`);
    present.add(column.key);
    byIndex.push(column);
  });
  const groupsUsed = new Set(
    (IMPORT_COLUMNS as readonly Column[]).filter((c) => c.group && present.has(c.key)).map((c) => c.group),
  );
  // A coded column may be replaced by its name column (Tên đơn vị công tác for Mã đơn vị công tác).
  const namedBy = new Map(
    (IMPORT_COLUMNS as readonly Column[]).filter((c) => c.nameOf).map((c) => [c.nameOf!, c.key]),
  );
  const isPresent = (key: ImportColumnKey) =>
    present.has(key) || (namedBy.has(key) && present.has(namedBy.get(key) as ImportColumnKey));
  const missing = (IMPORT_COLUMNS as readonly Column[])
    .filter((c) => !isPresent(c.key) && (c.required || (c.groupRequired && groupsUsed.has(c.group))))
    .map((c) => c.header);
  if (present.size === 0) {
    throw new AppError(ImportErrors.IMPORT_HEADERS_INVALID, {
      details: {
        summary: "Dòng đầu tiên không có tiêu đề cột nào của mẫu nhập (hãy dùng tệp mẫu).",
        missing,
        unknown,
        duplicate,
      },
    });
  }
  if (missing.length || unknown.length || duplicate.length) {
    const parts: string[] = [];
    if (missing.length) parts.push(`Thiếu cột: ${missing.join(", ")}.`);
    if (unknown.length) parts.push(`Cột không nhận ra: ${unknown.join(", ")}.`);
    if (duplicate.length) parts.push(`Cột bị lặp: ${duplicate.join(", ")}.`);
    throw new AppError(ImportErrors.IMPORT_HEADERS_INVALID, {
      details: { summary: parts.join(" "), missing, unknown, duplicate },
    });
  }
  if (!options.maySeeSensitive) {
    const sensitive = (IMPORT_COLUMNS as readonly Column[]).filter((c) => c.sensitive && present.has(c.key));
    if (sensitive.length) {
      throw new AppError(ImportErrors.IMPORT_SENSITIVE_COLUMNS, {
        details: { columns: sensitive.map((c) => c.header) },
      });
    }
  }
  return { byIndex, headerCells, present };
}

/** True for a row with no value at all. */
export function isBlankRow(cells: readonly RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));
}

const HINTS = new Map<string, string>((IMPORT_COLUMNS as readonly Column[]).map((c) => [c.key, c.hint]));

/** True for the template's hint row left in place (every filled cell is its column's hint). */
export function isHintRow(layout: Layout, cells: readonly RawCell[]): boolean {
  let filled = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null || c === undefined || (typeof c === "string" && c.trim() === "")) continue;
    const column = layout.byIndex[i];
    if (!column) continue;
    if (typeof c !== "string" || c.trim() !== HINTS.get(column.key)) return false;
    filled++;
  }
  return filled > 0;
}

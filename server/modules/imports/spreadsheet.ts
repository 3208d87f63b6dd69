import fs from "node:fs";
import type { ImportFormat } from "../../../common/contracts/imports.ts";
import { AppError } from "../../lib/errors.ts";
import { type CsvDelimiter, createCsvParser } from "./csv.ts";
import { ImportErrors } from "./imports.errors.ts";
import { readRowsInWorker, type WorkerReadOptions } from "./parse-worker-client.ts";

/**
 * Reading a spreadsheet row by row, whatever it is: the format is told by the file's first bytes (not its
 * name), so that a picture or random bytes named .xlsx are refused before anything else is read.
 */

/** A cell as read: text, a number, a date (Excel date cells), a boolean, or empty. */
export type RawCell = string | number | boolean | Date | null;
/** A row; `date1904` when the workbook counts day numbers from 1904 (old Mac Excel). */
export type SheetRow = { rowNo: number; cells: RawCell[]; date1904?: boolean };

/** Bytes looked at to tell the format. */
export const SNIFF_BYTES = 64 * 1024;

const startsWith = (buf: Buffer, bytes: readonly number[]) => bytes.every((b, i) => buf[i] === b);

/** Known non-spreadsheet formats, to name them in the error. */
const OTHER_FORMATS: readonly { name: string; magic: readonly number[] }[] = [
  { name: "PNG", magic: [0x89, 0x50, 0x4e, 0x47] },
  { name: "JPEG", magic: [0xff, 0xd8, 0xff] },
  { name: "GIF", magic: [0x47, 0x49, 0x46, 0x38] },
  { name: "PDF", magic: [0x25, 0x50, 0x44, 0x46] },
  { name: "gzip", magic: [0x1f, 0x8b] },
  { name: "RAR", magic: [0x52, 0x61, 0x72, 0x21] },
  { name: "7z", magic: [0x37, 0x7a, 0xbc, 0xaf] },
];

/**
 * The format of a file from its first bytes (up to SNIFF_BYTES; `complete` when that is the whole file):
 * a ZIP container is an .xlsx workbook; UTF-8 text without control characters is CSV.
 */
export function sniffFormat(head: Buffer, complete: boolean): ImportFormat {
  if (head.length === 0) throw new AppError(ImportErrors.IMPORT_FILE_EMPTY);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) throw new AppError(ImportErrors.IMPORT_OLD_EXCEL);
  if (startsWith(head, [0x50, 0x4b])) throw new AppError(ImportErrors.IMPORT_XLSX_CORRUPT);
  const other = OTHER_FORMATS.find((f) => startsWith(head, f.magic));
  if (other) throw new AppError(ImportErrors.IMPORT_NOT_SPREADSHEET, { details: { detected: other.name } });
  // Text: valid UTF-8 (a multi-byte character may be cut at the end of the sample) and no control
  // characters other than tab, CR, LF.
  let sample = head;
  if (!complete) {
    let cut = sample.length;
    // Back off over a trailing partial UTF-8 sequence (at most 3 continuation bytes and a lead byte).
    for (let k = 1; k <= 4 && k <= sample.length; k++) {
      const b = sample[sample.length - k]!;
      if ((b & 0xc0) === 0x80) continue;
      if (b >= 0xc0) cut = sample.length - k;
      break;
    }
    sample = sample.subarray(0, cut);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(sample);
  } catch {
    throw new AppError(ImportErrors.IMPORT_NOT_SPREADSHEET, { details: { detected: "binary or not UTF-8" } });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    throw new AppError(ImportErrors.IMPORT_NOT_SPREADSHEET, { details: { detected: "binary" } });
  }
  if (text.replace(/^\uFEFF/, "").trim() === "") throw new AppError(ImportErrors.IMPORT_FILE_EMPTY);
  return "csv";
}

/** Reads the first bytes of a file and tells its format; refuses empty and oversized files. */
export async function sniffFile(
  filePath: string,
  maxBytes: number,
): Promise<{ format: ImportFormat; size: number }> {
  const { size } = await fs.promises.stat(filePath);
  if (size === 0) throw new AppError(ImportErrors.IMPORT_FILE_EMPTY);
  if (size > maxBytes)
    throw new AppError(ImportErrors.IMPORT_FILE_TOO_LARGE, { details: { size, maxBytes } });
  const handle = await fs.promises.open(filePath, "r");
  try {
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    return { format: sniffFormat(head, size <= SNIFF_BYTES), size };
  } finally {
    await handle.close();
  }
}

export type ReadOptions = WorkerReadOptions;

/**
 * The rows of the file's first worksheet (xlsx) or of the CSV, header included, with their row numbers.
 * Read in a worker thread with time and memory limits (parse-worker-client.ts): a failure of any kind is
 * an AppError of this module.
 */
export function readRows(
  filePath: string,
  format: ImportFormat,
  options: ReadOptions = {},
): AsyncGenerator<SheetRow> {
  return readRowsInWorker(filePath, format, options);
}

/** Excel's day 0 (1899-12-30, which absorbs Excel's fictitious 29 February 1900) in ms since the epoch. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A date cell as YYYY-MM-DD from an Excel day number. */
export function excelSerialToIso(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  return new Date(EXCEL_EPOCH_MS + days * 86_400_000).toISOString().slice(0, 10);
}

/** The delimiter a CSV file uses (for writing its error file the same way). */
export async function csvDelimiterOf(filePath: string): Promise<CsvDelimiter> {
  const handle = await fs.promises.open(filePath, "r");
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const parser = createCsvParser();
    try {
      parser.feed(new TextDecoder("utf-8").decode(head.subarray(0, bytesRead)));
    } catch {
      // the delimiter is known as soon as the header line ended
    }
    return parser.delimiter ?? ",";
  } finally {
    await handle.close();
  }
}

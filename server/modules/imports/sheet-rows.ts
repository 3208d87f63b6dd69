import fs from "node:fs";
import type { ImportFormat } from "../../../common/contracts/imports.ts";
import { AppError } from "../../lib/errors.ts";
import { CsvSyntaxError, createCsvParser } from "./csv.ts";
import { ImportErrors } from "./imports.errors.ts";
import {
  EXCEL_MAX_CELL_CHARS,
  EXCEL_MAX_COLUMNS,
  readXlsxBatches,
  type XlsxCell,
  type XlsxLimits,
} from "./xlsx-reader.ts";

/**
 * Reading the rows of a spreadsheet in the current thread, a chunk of the file at a time. The parse
 * worker runs this; the rest of the server calls readRows (spreadsheet.ts), which runs it in the worker.
 * Every failure is an AppError of the imports module: a file is refused, never a crash.
 */

/** A row as read: `date1904` when the workbook counts day numbers from 1904 (old Mac Excel). */
export type ReadRow = { rowNo: number; cells: XlsxCell[]; date1904?: boolean };

export type InThreadOptions = {
  onBytes?: (bytesRead: number) => void;
  limits?: Partial<XlsxLimits>;
  /** Which worksheet of an xlsx, by position (0: the first). */
  sheet?: number;
};

/** The rows of the file's first worksheet (xlsx) or of the CSV, header included, as they are read. */
export function readRowBatches(
  filePath: string,
  format: ImportFormat,
  options: InThreadOptions = {},
): AsyncGenerator<ReadRow[]> {
  return format === "xlsx" ? xlsxBatches(filePath, options) : csvBatches(filePath, options);
}

async function* xlsxBatches(filePath: string, options: InThreadOptions): AsyncGenerator<ReadRow[]> {
  for await (const batch of readXlsxBatches(filePath, options)) {
    yield batch.map((row) => (row.date1904 ? row : { rowNo: row.rowNo, cells: row.cells }));
  }
}

const notUtf8 = () =>
  new AppError(ImportErrors.IMPORT_NOT_SPREADSHEET, { details: { detected: "not UTF-8" } });

/** CSV is held to the limits of a worksheet, so both formats refuse the same files. */
function checkRecord(record: { rowNo: number; cells: string[] }) {
  if (record.cells.length > EXCEL_MAX_COLUMNS) {
    throw new AppError(ImportErrors.IMPORT_FILE_BEYOND_LIMITS, {
      details: { reason: `dòng ${record.rowNo} có quá ${EXCEL_MAX_COLUMNS} ô` },
    });
  }
  for (const cell of record.cells) {
    if (cell.length > EXCEL_MAX_CELL_CHARS) {
      throw new AppError(ImportErrors.IMPORT_FILE_BEYOND_LIMITS, {
        details: { reason: `dòng ${record.rowNo} có ô dài quá ${EXCEL_MAX_CELL_CHARS} ký tự` },
      });
    }
  }
}

async function* csvBatches(filePath: string, options: InThreadOptions): AsyncGenerator<ReadRow[]> {
  const stream = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
  const decoder = new TextDecoder("utf-8", { fatal: true }); // strips a leading BOM
  const parser = createCsvParser();
  let bytesRead = 0;
  const checked = (records: { rowNo: number; cells: string[] }[]) => {
    for (const r of records) checkRecord(r);
    return records;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      options.onBytes?.(bytesRead);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw notUtf8();
      }
      const records = checked(parser.feed(text));
      if (records.length) yield records;
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw notUtf8();
    }
    const last = checked([...parser.feed(tail), ...parser.end()]);
    if (last.length) yield last;
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new AppError(ImportErrors.IMPORT_CSV_MALFORMED, {
        details: { row: error.row, reason: error.reason },
      });
    }
    throw error;
  } finally {
    stream.destroy();
  }
}

import { ERROR_COLUMN_HEADER, type ImportFormat } from "../../../common/contracts/imports.ts";
import { formatDmy } from "../../../common/rules/dates.ts";
import type { CsvDelimiter } from "./csv.ts";
import { normalizeHeader } from "./layout.ts";
import { type Cell, createSheetWriter } from "./sheets.ts";
import { excelSerialToIso, type RawCell, readRows } from "./spreadsheet.ts";

/** What the error file needs of the header: the cells as written and each column's kind (dates, ID numbers). */
export type ErrorFileLayout = {
  headerCells: readonly string[];
  byIndex: readonly ({ kind: string } | null)[];
};

/**
 * The error file: the rows of the original file, in their places (row N stays row N), with one more
 * column "Lỗi" giving the reasons of each bad row. The user fixes the cells and uploads it again (the
 * "Lỗi" column is ignored on import; an existing one is overwritten, not repeated).
 */
export async function writeErrorFile(input: {
  source: string;
  format: ImportFormat;
  delimiter?: CsvDelimiter;
  headerRowNo: number;
  layout: ErrorFileLayout;
  messages: ReadonlyMap<number, readonly string[]>;
  target: string;
}): Promise<void> {
  const { layout, messages, headerRowNo } = input;
  const existing = layout.headerCells.findIndex(
    (h) => normalizeHeader(h) === normalizeHeader(ERROR_COLUMN_HEADER),
  );
  const errorIndex = existing >= 0 ? existing : layout.headerCells.length;
  const width = Math.max(layout.headerCells.length, errorIndex + 1);
  const textColumns = layout.byIndex.flatMap((c, i) =>
    c && c.kind !== "step" && c.kind !== "coefficient" ? [i] : [],
  );
  const writer = createSheetWriter(
    input.format,
    input.target,
    {
      name: "Cán bộ",
      widths: Array.from({ length: width }, (_, i) => (i === errorIndex ? 60 : 16)),
      textColumns,
      frozenRows: headerRowNo,
    },
    // The file's own separator (a CSV cell is text, so the decimal mark is as typed).
    input.delimiter ? { csv: { delimiter: input.delimiter, decimalComma: input.delimiter === ";" } } : {},
  );
  let next = 1;
  for await (const row of readRows(input.source, input.format)) {
    for (; next < row.rowNo; next++) writer.row([]);
    next = row.rowNo + 1;
    const cells: Cell[] = [];
    for (let i = 0; i < width; i++)
      cells.push(i === errorIndex ? null : display(row.cells[i], layout, i, row.date1904));
    if (row.rowNo === headerRowNo) {
      cells[errorIndex] = ERROR_COLUMN_HEADER;
      writer.row(cells, "header");
    } else if (row.rowNo > headerRowNo) {
      const found = messages.get(row.rowNo);
      cells[errorIndex] = found ? found.join("; ") : null;
      writer.row(cells);
    } else writer.row(cells);
  }
  await writer.close();
}

/** A cell as the user typed it, with Excel dates shown as dates and ID numbers with their zeros. */
function display(cell: RawCell | undefined, layout: ErrorFileLayout, index: number, date1904 = false): Cell {
  if (cell === null || cell === undefined) return null;
  const kind = layout.byIndex[index]?.kind;
  if (typeof cell === "number") {
    if (kind === "date") return formatDmy(excelSerialToIso(cell, date1904)) || cell;
    if (kind === "idNumber" && Number.isInteger(cell) && cell >= 0 && cell < 1e12)
      return String(cell).padStart(12, "0");
    return cell;
  }
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? null : formatDmy(cell.toISOString().slice(0, 10));
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return cell;
}

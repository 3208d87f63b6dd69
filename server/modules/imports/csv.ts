/**
 * CSV as Excel writes it (RFC 4180): fields separated by "," — or ";" in locales whose decimal mark is a
 * comma, or a tab — optionally quoted with '"', a quote inside a quoted field doubled. Parsed as a stream
 * so that a large file never sits in memory whole; broken quoting is an error naming the row.
 */

export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Longest record accepted: beyond it the file is not what it claims to be (or a quote was never closed). */
export const MAX_RECORD_CHARS = 1_000_000;
/** The header row must end within this many characters, or the file is not a CSV table. */
export const MAX_HEADER_CHARS = 64 * 1024;

export type CsvRecord = { rowNo: number; cells: string[] };

/** A syntax error at a row (1-based; the header is row 1). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly reason: string,
  ) {
    super(`CSV row ${row}: ${reason}`);
    this.name = "CsvSyntaxError";
  }
}

/** Picks the delimiter that occurs most often outside quotes in the header line ("," when none does). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<string, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: CsvDelimiter = ",";
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** The first line of the text, ending outside quotes; undefined when it has not ended yet. */
function firstLine(text: string): string | undefined {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (c === 10 || c === 13)) return text.slice(0, i);
  }
  return undefined;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * An incremental parser: feed it text as it arrives, then end(). Records come out complete; an incomplete
 * tail waits for the next chunk.
 */
export function createCsvParser(fixedDelimiter?: CsvDelimiter) {
  let delimiter: CsvDelimiter | undefined = fixedDelimiter;
  let pending = "";
  let rowNo = 0;

  /** Parses whole records from `text`; returns them and the index where an incomplete record starts. */
  function parse(text: string, final: boolean): { records: CsvRecord[]; rest: number } {
    const records: CsvRecord[] = [];
    const delim = delimiter!.charCodeAt(0);
    const n = text.length;
    let i = 0;
    outer: while (i < n) {
      const recordStart = i;
      const cells: string[] = [];
      const row = rowNo + records.length + 1;
      for (;;) {
        let value: string;
        if (text.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          value = "";
          for (;;) {
            const k = text.indexOf('"', j);
            if (k === -1) {
              if (final) throw new CsvSyntaxError(row, "thiếu dấu ngoặc kép đóng");
              return { records, rest: recordStart };
            }
            if (k + 1 >= n && !final) return { records, rest: recordStart };
            if (text.charCodeAt(k + 1) === QUOTE) {
              value += text.slice(j, k + 1);
              j = k + 2;
              continue;
            }
            value += text.slice(j, k);
            i = k + 1;
            break;
          }
          const next = i < n ? text.charCodeAt(i) : -1;
          if (next !== -1 && next !== delim && next !== LF && next !== CR) {
            throw new CsvSyntaxError(row, "có ký tự ngay sau dấu ngoặc kép đóng");
          }
        } else {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === delim || c === LF || c === CR) break;
            if (c === QUOTE)
              throw new CsvSyntaxError(row, "dấu ngoặc kép nằm giữa ô không được bao trong ngoặc kép");
            j++;
          }
          if (j >= n && !final) return { records, rest: recordStart };
          value = text.slice(i, j);
          i = j;
        }
        cells.push(value);
        if (i >= n) {
          // End of the text: only reached when final (otherwise returned above).
          records.push({ rowNo: row, cells });
          break outer;
        }
        const c = text.charCodeAt(i);
        if (c === delim) {
          i++;
          if (i >= n) {
            if (!final) return { records, rest: recordStart };
            cells.push("");
            records.push({ rowNo: row, cells });
            break outer;
          }
          continue;
        }
        // End of record: \n, \r\n or \r.
        if (c === CR) {
          if (i + 1 >= n && !final) return { records, rest: recordStart };
          i += text.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i++;
        records.push({ rowNo: row, cells });
        break;
      }
    }
    return { records, rest: n };
  }

  return {
    get delimiter(): CsvDelimiter | undefined {
      return delimiter;
    },
    /** Feeds decoded text; returns the records completed by it. */
    feed(text: string): CsvRecord[] {
      pending += text;
      if (delimiter === undefined) {
        const line = firstLine(pending);
        if (line === undefined) {
          if (pending.length > MAX_HEADER_CHARS) {
            throw new CsvSyntaxError(1, "dòng tiêu đề quá dài — tệp không phải bảng CSV");
          }
          return [];
        }
        delimiter = detectDelimiter(line);
      }
      const { records, rest } = parse(pending, false);
      pending = pending.slice(rest);
      rowNo += records.length;
      if (pending.length > MAX_RECORD_CHARS) {
        throw new CsvSyntaxError(rowNo + 1, "dòng quá dài (có thể thiếu dấu ngoặc kép đóng)");
      }
      return records;
    },
    /** Ends the input; returns the last records. */
    end(): CsvRecord[] {
      if (delimiter === undefined) delimiter = detectDelimiter(pending);
      if (pending === "") return [];
      const { records } = parse(pending, true);
      pending = "";
      rowNo += records.length;
      return records;
    },
  };
}

/** Parses a whole CSV text (tests and small inputs). */
export function parseCsvText(text: string, delimiter?: CsvDelimiter): CsvRecord[] {
  const parser = createCsvParser(delimiter);
  return [...parser.feed(text), ...parser.end()];
}

// Spreadsheet programs run cells that start with these characters as formulas ("CSV injection"): such
// cells are written with a leading apostrophe, which the importer removes again.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV line (with CRLF, as Excel writes it). */
export function csvLine(values: readonly (string | null | undefined)[], delimiter: CsvDelimiter): string {
  return `${values.map((v) => csvCell(v ?? "", delimiter)).join(delimiter)}\r\n`;
}

function csvCell(value: string, delimiter: CsvDelimiter): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  if (safe.includes(delimiter) || /["\r\n]/.test(safe) || safe !== safe.trim()) {
    return `"${safe.replace(/"/g, '""')}"`;
  }
  return safe;
}

/** Removes the apostrophe that csvLine put before a formula-like cell. */
export function unprotectCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

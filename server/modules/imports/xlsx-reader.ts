import fs from "node:fs";
import { AppError } from "../../lib/errors.ts";
import { ImportErrors } from "./imports.errors.ts";
import {
  corrupt,
  DEFAULT_ZIP_LIMITS,
  type InflateBudget,
  openEntry,
  readDirectory,
  type ZipEntry,
  type ZipLimits,
} from "./xlsx-zip.ts";

/**
 * A streaming reader of the first worksheet of an .xlsx file, values only.
 *
 * Why not ExcelJS's streaming reader: in exceljs 4.4.0 it decodes each decompressed chunk of XML on its
 * own, so a multi-byte UTF-8 character cut by a chunk boundary turns into "��" (exceljs issues #2063,
 * #2084, #2316, still open) — with Vietnamese text that corrupted about one row in three thousand in our
 * benchmark. Here the ZIP entries are inflated with zlib and decoded as one UTF-8 stream. It reads only
 * what an import needs (shared strings, the workbook's first sheet, the 1904 date flag), which also makes
 * it about three times faster (bench/xlsx-read.ts). ExcelJS still writes every file we produce.
 *
 * The file may be hostile: elements are found with indexOf from remembered positions, never with a
 * pattern that rescans what it has seen, so the work is linear in the size of the XML whatever its shape
 * (80,000 unclosed <row> tags used to take seconds of regular-expression backtracking per chunk); cell
 * references, row numbers and cell lengths are held to Excel's own limits before anything is allocated.
 */

export type XlsxCell = string | number | boolean | null;
export type XlsxRow = { rowNo: number; cells: XlsxCell[] };

export type XlsxLimits = ZipLimits & {
  /** Characters of one <row> element (a row of the template is a few kilobytes). */
  maxRowChars: number;
  /** Characters of workbook.xml and its relationships (a few kilobytes in practice). */
  maxPartChars: number;
  /** Characters of all shared strings together (held in memory for the whole read). */
  maxSharedStringsChars: number;
};

/** Excel's limits: XFD1048576 is the last cell; a cell holds at most 32,767 characters. */
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_CELL_CHARS = 32_767;

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxRowChars: 8 * 1024 * 1024,
  maxPartChars: 8 * 1024 * 1024,
  maxSharedStringsChars: 256 * 1024 * 1024,
};

const beyond = (reason: string, cell?: string) =>
  new AppError(ImportErrors.IMPORT_FILE_BEYOND_LIMITS, {
    details: { reason, ...(cell !== undefined ? { cell: clip(cell, 24) } : {}) },
  });

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

const ENTITY = /&(?:#(\d{1,8})|#x([0-9a-fA-F]{1,8})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
/** Excel writes characters XML cannot hold as _xHHHH_. */
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

function codePoint(n: number): string {
  // A reference to no character (or to half of a surrogate pair) is not text: shown as U+FFFD.
  return n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(n);
}

export function decodeXmlText(text: string): string {
  let out =
    text.indexOf("&") >= 0
      ? text.replace(ENTITY, (_m, dec, hex, name) =>
          name ? NAMED[name]! : codePoint(dec ? Number(dec) : Number.parseInt(hex, 16)),
        )
      : text;
  if (out.indexOf("_x") >= 0)
    out = out.replace(EXCEL_ESCAPE, (_m, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
  return out;
}

/** Where `<tag` starts at or after `from` (followed by a space, ">" or "/"); -1 if nowhere before `end`. */
function findTag(text: string, tag: string, from: number, end = text.length): number {
  const open = `<${tag}`;
  for (let i = text.indexOf(open, from); i >= 0 && i < end; i = text.indexOf(open, i + 1)) {
    const next = text.charCodeAt(i + open.length);
    // space, tab, CR, LF, ">", "/" — or the end of the text, when the caller waits for more
    if (
      next === 32 ||
      next === 9 ||
      next === 13 ||
      next === 10 ||
      next === 62 ||
      next === 47 ||
      Number.isNaN(next)
    )
      return i;
  }
  return -1;
}

type Element = { attrs: string; content: string | undefined };

/**
 * The `<tag …>…</tag>` elements of a text, in order (content undefined when self-closing). The element
 * may not contain another of its kind: an unclosed tag is an error, not a reason to look further.
 */
function* elementsOf(text: string, tag: string): Generator<Element> {
  const close = `</${tag}>`;
  let i = 0;
  for (;;) {
    const start = findTag(text, tag, i);
    if (start < 0) return;
    const gt = text.indexOf(">", start);
    if (gt < 0) throw corrupt(`unclosed <${tag}> tag`);
    if (text.charCodeAt(gt - 1) === 47) {
      yield { attrs: text.slice(start + tag.length + 1, gt - 1), content: undefined };
      i = gt + 1;
      continue;
    }
    const end = text.indexOf(close, gt + 1);
    if (end < 0 || findTag(text, tag, gt + 1, end) >= 0) throw corrupt(`unclosed <${tag}>`);
    yield { attrs: text.slice(start + tag.length + 1, gt), content: text.slice(gt + 1, end) };
    i = end + close.length;
  }
}

/** The content of the first `<tag>` element of a text, if any. */
function firstContent(text: string, tag: string): string | undefined {
  for (const e of elementsOf(text, tag)) return e.content ?? "";
  return undefined;
}

/**
 * The `<tag>` elements of a stream of text, as they complete: the elements completed by each chunk
 * together. Positions already searched are not searched again when the next chunk arrives; an element
 * longer than maxChars is refused.
 */
async function* streamElements(
  chunks: AsyncIterable<string>,
  tag: string,
  maxChars: number,
): AsyncGenerator<Element[]> {
  const close = `</${tag}>`;
  let buffer = "";
  let from = 0; // where to look for the next element
  let start = -1; // the element being completed, or -1
  let gt = -1; // the end of its start tag, or -1
  let closeFrom = 0; // where to look for its end tag (and for a nested start tag)
  for await (const chunk of chunks) {
    buffer += chunk;
    const done: Element[] = [];
    for (;;) {
      if (start < 0) {
        start = findTag(buffer, tag, from);
        if (start < 0) {
          from = Math.max(from, buffer.length - tag.length - 1);
          break;
        }
        gt = -1;
        if (start + tag.length + 1 >= buffer.length) break; // the character after "<tag" has not arrived
      }
      if (gt < 0) {
        gt = buffer.indexOf(">", start);
        if (gt < 0) break;
        if (buffer.charCodeAt(gt - 1) === 47) {
          done.push({ attrs: buffer.slice(start + tag.length + 1, gt - 1), content: undefined });
          from = gt + 1;
          start = -1;
          continue;
        }
        closeFrom = gt + 1;
      }
      const end = buffer.indexOf(close, closeFrom);
      const nested = findTag(buffer, tag, closeFrom, end < 0 ? buffer.length : end);
      if (nested >= 0 && nested + tag.length + 1 < buffer.length) throw corrupt(`unclosed <${tag}>`);
      if (end < 0) {
        closeFrom = Math.max(closeFrom, buffer.length - close.length);
        break;
      }
      done.push({ attrs: buffer.slice(start + tag.length + 1, gt), content: buffer.slice(gt + 1, end) });
      from = end + close.length;
      start = -1;
    }
    const keep = start >= 0 ? start : from;
    if (keep > 0) {
      buffer = buffer.slice(keep);
      from -= keep;
      if (start >= 0) {
        start -= keep;
        if (gt >= 0) gt -= keep;
        closeFrom -= keep;
      }
    }
    if (start >= 0 && buffer.length > maxChars)
      throw beyond(`một phần tử <${tag}> dài quá ${maxChars} ký tự`);
    if (done.length) yield done;
  }
  if (start >= 0) throw corrupt(`unclosed <${tag}> at the end of the part`);
}

/** The text of an <si> or <is> element: its <t> runs, phonetic runs left out. */
function runsText(inner: string): string {
  // Most strings are one plain run: <t>text</t>.
  if (inner.startsWith("<t>") && inner.endsWith("</t>") && inner.indexOf("<", 3) === inner.length - 4) {
    return cellText(inner.slice(3, -4));
  }
  let content = inner;
  if (inner.indexOf("<rPh") >= 0) {
    content = "";
    let i = 0;
    for (let s = findTag(inner, "rPh", 0); s >= 0; s = findTag(inner, "rPh", i)) {
      const end = inner.indexOf("</rPh>", s);
      if (end < 0) throw corrupt("unclosed <rPh>");
      content += inner.slice(i, s);
      i = end + 6;
    }
    content += inner.slice(i);
  }
  let text = "";
  for (const t of elementsOf(content, "t")) if (t.content !== undefined) text += t.content;
  return cellText(text);
}

/** Decoded cell text, at most as long as Excel allows. */
function cellText(raw: string): string {
  const text = decodeXmlText(raw);
  if (text.length > EXCEL_MAX_CELL_CHARS) throw beyond(`ô dài quá ${EXCEL_MAX_CELL_CHARS} ký tự`);
  return text;
}

async function readSharedStrings(chunks: AsyncIterable<string>, limits: XlsxLimits): Promise<string[]> {
  const strings: string[] = [];
  let total = 0;
  for await (const elements of streamElements(chunks, "si", limits.maxRowChars)) {
    for (const si of elements) {
      const text = si.content === undefined ? "" : runsText(si.content);
      total += text.length;
      if (total > limits.maxSharedStringsChars) throw beyond("bảng chuỗi dùng chung quá lớn");
      strings.push(text);
    }
  }
  return strings;
}

async function readWhole(chunks: AsyncIterable<string>, max: number): Promise<string> {
  let text = "";
  for await (const c of chunks) {
    text += c;
    if (text.length > max) throw beyond(`phần mô tả sổ tính dài quá ${max} ký tự`);
  }
  return text;
}

/** The value of attribute `name` in a start tag's attribute text. */
function attr(attrs: string, name: string): string | undefined {
  const at = attrs.indexOf(`${name}="`);
  if (at < 0) return undefined;
  const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
  if (before !== 32 && before !== 9 && before !== 10 && before !== 13) {
    return new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
  }
  const end = attrs.indexOf('"', at + name.length + 2);
  return end < 0 ? undefined : attrs.slice(at + name.length + 2, end);
}

/** A cell reference like "AB12": its 1-based column, or a refusal past column XFD. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > EXCEL_MAX_COLUMNS) throw beyond("ô nằm ngoài cột XFD", ref);
  }
  let row = 0;
  for (let j = i; j < ref.length; j++) {
    const c = ref.charCodeAt(j);
    if (c < 48 || c > 57 || i === 0) throw corrupt(`bad cell reference ${clip(ref, 24)}`);
    row = row * 10 + (c - 48);
    if (row > EXCEL_MAX_ROWS) throw beyond("ô nằm ngoài dòng 1048576", ref);
  }
  if (i === 0) throw corrupt(`bad cell reference ${clip(ref, 24)}`);
  return n;
}

function cellValue(type: string | undefined, inner: string | undefined, shared: readonly string[]): XlsxCell {
  if (inner === undefined) return null;
  if (type === "inlineStr") {
    const is = firstContent(inner, "is");
    return is === undefined ? null : runsText(is);
  }
  const at = inner.indexOf("<v>");
  const vEnd = at < 0 ? -1 : inner.indexOf("</v>", at + 3);
  const v = vEnd >= 0 ? inner.slice(at + 3, vEnd) : firstContent(inner, "v");
  if (v === undefined) return null;
  switch (type) {
    case "s": {
      const s = shared[Number(v)];
      return s === undefined ? null : s;
    }
    case "str":
    case "d":
    case "e":
      return cellText(v);
    case "b":
      return v === "1" || v === "true";
    default: {
      const n = Number(v);
      return Number.isFinite(n) ? n : cellText(v);
    }
  }
}

/** The cells of a row's content (one search per cell: the next cell's start is where this one must end). */
function cellsOf(content: string, shared: readonly string[]): XlsxCell[] {
  const cells: XlsxCell[] = [];
  let position = 0;
  for (let start = findTag(content, "c", 0); start >= 0; ) {
    const gt = content.indexOf(">", start);
    if (gt < 0) throw corrupt("unclosed <c> tag");
    const isEmpty = content.charCodeAt(gt - 1) === 47;
    const attrs = content.slice(start + 2, isEmpty ? gt - 1 : gt);
    let inner: string | undefined;
    const next = findTag(content, "c", gt + 1);
    if (!isEmpty) {
      const end = content.indexOf("</c>", gt + 1);
      if (end < 0 || (next >= 0 && next < end)) throw corrupt("unclosed <c>");
      inner = content.slice(gt + 1, end);
    }
    start = next;
    const ref = attr(attrs, "r");
    const column = ref ? columnOf(ref) : position + 1;
    if (column > EXCEL_MAX_COLUMNS) throw beyond("dòng có quá 16384 ô");
    position = column;
    const value = cellValue(attr(attrs, "t"), inner, shared);
    if (value !== null) {
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = value;
    }
  }
  return cells;
}

/** The path of the workbook's sheet at `position` (0: the first), from workbook.xml and its relationships. */
function sheetPath(workbook: string, rels: string, entries: ReadonlyMap<string, ZipEntry>, position: number) {
  const sheets = firstContent(workbook, "sheets") ?? "";
  let target: string | undefined;
  let seen = 0;
  for (const sheet of elementsOf(sheets, "sheet")) {
    if (seen++ < position) continue;
    const id = attr(sheet.attrs, "r:id") ?? attr(sheet.attrs, "id");
    if (id !== undefined) {
      for (const rel of elementsOf(rels, "Relationship")) {
        if (attr(rel.attrs, "Id") === id) target = attr(rel.attrs, "Target");
      }
    }
    break;
  }
  if (target) return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
  return [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[position];
}

export type XlsxReadOptions = {
  onBytes?: (n: number) => void;
  limits?: Partial<XlsxLimits>;
  /** Which sheet, by position (0: the first, the default). A later sheet the workbook lacks reads as no rows. */
  sheet?: number;
};

/** The rows of the workbook's first sheet (or the one asked for), and whether its dates count from 1904. */
export async function* readXlsxRows(
  file: string,
  options: XlsxReadOptions = {},
): AsyncGenerator<XlsxRow & { date1904: boolean }> {
  for await (const batch of readXlsxBatches(file, options)) yield* batch;
}

/** The rows of the workbook's first sheet (or the one asked for), as they are decompressed (a few hundred at a time). */
export async function* readXlsxBatches(
  file: string,
  options: XlsxReadOptions = {},
): AsyncGenerator<(XlsxRow & { date1904: boolean })[]> {
  const limits: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  const budget: InflateBudget = { remaining: limits.maxInflatedBytes };
  const handle = await fs.promises.open(file, "r");
  let sheetStream: (AsyncIterable<string> & { destroy(): void }) | undefined;
  try {
    const { size } = await handle.stat();
    const entries = await readDirectory(handle, size, limits);
    const part = async (name: string) => {
      const e = entries.get(name);
      return e ? readWhole(await openEntry(file, handle, e, budget, limits), limits.maxPartChars) : undefined;
    };
    const workbook = await part("xl/workbook.xml");
    if (workbook === undefined) throw corrupt("no workbook (not an Excel file)");
    const rels = (await part("xl/_rels/workbook.xml.rels")) ?? "";
    const position = options.sheet ?? 0;
    const path = sheetPath(workbook, rels, entries, position);
    const sheetEntry = path ? entries.get(path) : undefined;
    if (!sheetEntry) {
      if (position > 0) return;
      throw corrupt("no worksheet");
    }
    let date1904 = false;
    for (const pr of elementsOf(workbook, "workbookPr")) {
      const flag = attr(pr.attrs, "date1904");
      date1904 = flag === "1" || flag === "true";
      break;
    }
    const sharedEntry = entries.get("xl/sharedStrings.xml");
    const shared = sharedEntry
      ? await readSharedStrings(await openEntry(file, handle, sharedEntry, budget, limits), limits)
      : [];

    sheetStream = await openEntry(file, handle, sheetEntry, budget, limits, options.onBytes);
    let lastRow = 0;
    for await (const elements of streamElements(sheetStream, "row", limits.maxRowChars)) {
      const rows: (XlsxRow & { date1904: boolean })[] = [];
      for (const row of elements) {
        const r = attr(row.attrs, "r");
        if (r !== undefined && !/^\d{1,10}$/.test(r)) throw corrupt(`bad row number ${clip(r, 24)}`);
        const rowNo = r !== undefined ? Number(r) : lastRow + 1;
        if (rowNo > EXCEL_MAX_ROWS) throw beyond("dòng nằm ngoài dòng 1048576", String(rowNo));
        if (rowNo <= lastRow) throw corrupt(`row ${rowNo} after row ${lastRow}`);
        lastRow = rowNo;
        if (row.content === undefined) continue;
        const cells = cellsOf(row.content, shared);
        if (cells.length) rows.push({ rowNo, cells, date1904 });
      }
      if (rows.length) yield rows;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw corrupt("unreadable", error);
  } finally {
    sheetStream?.destroy();
    await handle.close();
  }
}

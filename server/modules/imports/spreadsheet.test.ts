import fs from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import {
  type CsvSyntaxError,
  createCsvParser,
  csvLine,
  detectDelimiter,
  parseCsvText,
  unprotectCell,
} from "./csv.ts";
import { textCell, workbookOf, workbookParts, zipOf } from "./hostile-files.test-helpers.ts";
import { tempDir } from "./imports.test-helpers.ts";
import { createSheetWriter } from "./sheets.ts";
import { excelSerialToIso, readRows, sniffFormat } from "./spreadsheet.ts";
import { decodeXmlText } from "./xlsx-reader.ts";

const tmp = tempDir();
afterAll(() => tmp.remove());

describe("CSV", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks", () => {
    const rows = parseCsvText('a,b,c\r\n"x, y","say ""hi""","line 1\nline 2"\r\n1,,3');
    expect(rows).toEqual([
      { rowNo: 1, cells: ["a", "b", "c"] },
      { rowNo: 2, cells: ["x, y", 'say "hi"', "line 1\nline 2"] },
      { rowNo: 3, cells: ["1", "", "3"] },
    ]);
  });

  it("tells the delimiter from the header line: comma, semicolon or tab", () => {
    expect(detectDelimiter("Số hiệu;Họ và tên;Ngày sinh")).toBe(";");
    expect(detectDelimiter('"a;b",c,d')).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(parseCsvText("a;b\r\n1,5;2\r\n").map((r) => r.cells)).toEqual([
      ["a", "b"],
      ["1,5", "2"],
    ]);
  });

  it("gives the same records whatever the chunk boundaries", () => {
    const text = 'h1,h2\r\n"a\r\nb",c\r\n"d""e",f\n"",g\r\nlast,row';
    const whole = parseCsvText(text);
    for (let size = 1; size <= 7; size++) {
      const parser = createCsvParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.feed(text.slice(i, i + size)));
      out.push(...parser.end());
      expect(out, `chunks of ${size}`).toEqual(whole);
    }
  });

  it("refuses broken quoting with the row number", () => {
    const error = (text: string) => {
      try {
        parseCsvText(text);
      } catch (e) {
        return e as CsvSyntaxError;
      }
      throw new Error("no error");
    };
    expect(error('a,b\r\n1,2\r\n3,4"5\r\n')).toMatchObject({ row: 3 });
    expect(error('a,b\r\n"1"x,2\r\n')).toMatchObject({ row: 2 });
    expect(error('a,b\r\n1,"open\r\n2,3\r\n')).toMatchObject({ row: 2, reason: "thiếu dấu ngoặc kép đóng" });
  });

  it("writes cells that spreadsheets would run as formulas with an apostrophe, and reads them back", () => {
    const line = csvLine(["=HYPERLINK(1)", "+84 912", "a,b", "x"], ",");
    expect(line).toBe(`'=HYPERLINK(1),'+84 912,"a,b",x\r\n`);
    const cells = parseCsvText(line)[0]!.cells.map(unprotectCell);
    expect(cells).toEqual(["=HYPERLINK(1)", "+84 912", "a,b", "x"]);
  });
});

describe("format sniffing", () => {
  it("tells xlsx, csv and other things apart from the first bytes", () => {
    expect(sniffFormat(Buffer.from("504b0304", "hex"), false)).toBe("xlsx");
    expect(sniffFormat(Buffer.from("\uFEFFSố hiệu cán bộ,Họ và tên\r\n"), true)).toBe("csv");
    // A multi-byte character cut at the end of the sample is not an encoding error.
    const text = Buffer.from("Họ và tên");
    expect(sniffFormat(text.subarray(0, 2), false)).toBe("csv");
    expect(() => sniffFormat(Buffer.from("%PDF-1.7"), false)).toThrow(/IMPORT_NOT_SPREADSHEET|./);
    expect(() => sniffFormat(Buffer.alloc(0), true)).toThrow();
  });

  it("converts Excel day numbers to dates (1900 and 1904 systems)", () => {
    expect(excelSerialToIso(29295)).toBe("1980-03-15");
    expect(excelSerialToIso(45658)).toBe("2025-01-01");
    expect(excelSerialToIso(27833, true)).toBe("1980-03-15");
    expect(excelSerialToIso(0)).toBeUndefined();
  });

  it("decodes XML entities and Excel's _xHHHH_ escapes", () => {
    expect(decodeXmlText("a &amp; b &lt;c&gt; &#272;&#x1EA1;i_x000D_")).toBe("a & b <c> Đại\r");
  });
});

describe("XLSX reading", () => {
  it("keeps every Vietnamese character intact across decompression chunks (shared and inline strings)", async () => {
    // exceljs's own stream reader turns characters cut by a chunk boundary into "��"; ours must not.
    const names = Array.from(
      { length: 6000 },
      (_, i) => `Nguyễn Thị Ánh Tuyết ${i} — Đặng Hữu Phước ${"ờ".repeat(i % 7)}`,
    );
    const shared = tmp.file("shared.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Cán bộ");
    for (const n of names) ws.addRow([n, n.length, new Date(Date.UTC(1980, 2, 15))]);
    await wb.xlsx.writeFile(shared);
    const inline = tmp.file("inline.xlsx");
    const writer = createSheetWriter("xlsx", inline, { name: "Cán bộ" });
    for (const n of names) writer.row([n, n.length]);
    await writer.close();
    for (const file of [shared, inline]) {
      const read: string[] = [];
      for await (const row of readRows(file, "xlsx")) {
        read.push(String(row.cells[0]));
        expect(row.cells[1]).toBe(String(row.cells[0]).length);
      }
      expect(read).toEqual(names);
    }
  });

  it("reads the first sheet of the workbook, with row numbers and gaps", async () => {
    const file = tmp.file("gaps.xlsx");
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet("Cán bộ");
    first.getCell("A1").value = "Số hiệu cán bộ";
    first.getCell("C5").value = "ở hàng 5";
    first.getCell("A7").value = 12.5;
    first.getCell("B7").value = true;
    wb.addWorksheet("Hướng dẫn").getCell("A1").value = "không đọc";
    await wb.xlsx.writeFile(file);
    const rows = [];
    for await (const row of readRows(file, "xlsx")) rows.push(row);
    expect(rows).toEqual([
      { rowNo: 1, cells: ["Số hiệu cán bộ"] },
      { rowNo: 5, cells: [null, null, "ở hàng 5"] },
      { rowNo: 7, cells: [12.5, true] },
    ]);
    expect(fs.existsSync(file)).toBe(true);
  });
});

/** Reads every row; the error it ends with, if any. */
async function readAll(
  file: string,
  format: "xlsx" | "csv" = "xlsx",
  options: Parameters<typeof readRows>[2] = {},
): Promise<{ rows: number; error?: AppError }> {
  let rows = 0;
  try {
    for await (const _ of readRows(file, format, options)) rows++;
    return { rows };
  } catch (error) {
    if (error instanceof AppError) return { rows, error };
    throw error;
  }
}

/** Runs `work` while a 5 ms timer ticks; the longest time the event loop was held between two ticks. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe("hostile workbooks are refused without harm", () => {
  it("refuses a tiny workbook with a cell ZZZZZZZ1 (beyond column XFD) instead of growing a row without end", async () => {
    const bytes = workbookOf(`<row r="1">${textCell("ZZZZZZZ1", "x")}</row>`);
    expect(bytes.length).toBeLessThan(1024);
    fs.writeFileSync(tmp.file("zzz.xlsx"), bytes);
    const { error } = await readAll(tmp.file("zzz.xlsx"));
    expect(error).toMatchObject({ code: "IMPORT_FILE_BEYOND_LIMITS", details: { cell: "ZZZZZZZ1" } });
    expect(error!.status).toBe(400);
  });

  it("holds cells and rows to XFD1048576, and rows to their order", async () => {
    const cases: [string, string | undefined][] = [
      [`<row r="1">${textCell("XFD1048576", "last cell")}</row>`, undefined],
      [`<row r="1">${textCell("XFE1", "x")}</row>`, "IMPORT_FILE_BEYOND_LIMITS"],
      [`<row r="1">${textCell("A1048577", "x")}</row>`, "IMPORT_FILE_BEYOND_LIMITS"],
      [`<row r="1048577">${textCell("A1", "x")}</row>`, "IMPORT_FILE_BEYOND_LIMITS"],
      [`<row r="99999999999">${textCell("A1", "x")}</row>`, "IMPORT_XLSX_CORRUPT"],
      [
        `<row r="5">${textCell("A5", "x")}</row><row r="2">${textCell("A2", "y")}</row>`,
        "IMPORT_XLSX_CORRUPT",
      ],
      [`<row r="1"><c r="1A"><v>1</v></c></row>`, "IMPORT_XLSX_CORRUPT"],
      [`<row r="1">${textCell("A1", "x".repeat(32_768))}</row>`, "IMPORT_FILE_BEYOND_LIMITS"],
    ];
    for (const [i, [sheetData, code]] of cases.entries()) {
      fs.writeFileSync(tmp.file(`limits${i}.xlsx`), workbookOf(sheetData));
      const { error } = await readAll(tmp.file(`limits${i}.xlsx`));
      expect(error?.code, sheetData.slice(0, 60)).toBe(code);
    }
  });

  it("refuses 80,000 unclosed <row> tags at once, and the server's event loop keeps turning", async () => {
    const shapes = {
      rows: "<row>".repeat(80_000),
      rowsWithAttributes: '<row r="1" spans="1:3">'.repeat(80_000),
      cells: `<row r="1">${'<c r="A1" t="inlineStr"><is><t>x'.repeat(80_000)}</row>`,
      strings: "", // shared strings below
    };
    for (const [name, sheetData] of Object.entries(shapes)) {
      const sharedStrings = name === "strings" ? "<si><t>x".repeat(80_000) : undefined;
      fs.writeFileSync(
        tmp.file(`${name}.xlsx`),
        workbookOf(sheetData, sharedStrings ? { sharedStrings } : {}),
      );
      const started = performance.now();
      const { result, stallMs } = await longestStall(() => readAll(tmp.file(`${name}.xlsx`)));
      expect(result.error?.code, name).toBe("IMPORT_XLSX_CORRUPT");
      expect(performance.now() - started, name).toBeLessThan(10_000);
      expect(stallMs, name).toBeLessThan(500);
    }
  });

  it("refuses zip bombs: a part far larger inflated than compressed, sizes that lie, too much in all, too many parts", async () => {
    // 64 MB of empty rows deflate to ~64 KB: a thousand times smaller.
    const bomb = tmp.file("bomb.xlsx");
    fs.writeFileSync(bomb, workbookOf(" ".repeat(64 * 1024 * 1024)));
    expect(fs.statSync(bomb).size).toBeLessThan(200 * 1024);
    expect((await readAll(bomb)).error).toMatchObject({ code: "IMPORT_XLSX_INFLATED" });

    const lying = tmp.file("lying.xlsx");
    const sheetData = `<row r="1">${textCell("A1", "Số hiệu cán bộ")}</row>`;
    fs.writeFileSync(
      lying,
      zipOf(workbookParts(`${sheetData}${" ".repeat(100_000)}`, { sheet: { declaredSize: 500 } })),
    );
    expect((await readAll(lying)).error).toMatchObject({ code: "IMPORT_XLSX_CORRUPT" });

    const plenty = tmp.file("plenty.xlsx");
    fs.writeFileSync(plenty, workbookOf(`${sheetData}${"<row/>".repeat(500_000)}`));
    expect((await readAll(plenty)).rows).toBe(1);
    const small = { limits: { maxInflatedBytes: 1024 * 1024 } };
    expect((await readAll(plenty, "xlsx", small)).error).toMatchObject({ code: "IMPORT_XLSX_INFLATED" });

    const many = tmp.file("many.xlsx");
    const parts = workbookParts(sheetData);
    for (let i = 0; i < 10_001; i++) parts.push({ name: `x/${i}`, data: "", stored: true });
    fs.writeFileSync(many, zipOf(parts));
    expect((await readAll(many)).error).toMatchObject({ code: "IMPORT_FILE_BEYOND_LIMITS" });
  });

  it("ends a reading that runs out of time or memory with a 400, and reads the next file as usual", async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 1}">${textCell(`A${i + 1}`, `Tên ${i}`)}</row>`,
    );
    const file = tmp.file("ordinary.xlsx");
    fs.writeFileSync(file, workbookOf(rows.join("")));
    const late = await readAll(file, "xlsx", { worker: { batchTimeoutMs: 1 } });
    expect(late.error).toMatchObject({ code: "IMPORT_FILE_UNREADABLE", details: { reason: "time" } });
    expect(late.error!.status).toBe(400);

    // Shared strings kept in memory past a small heap (the ratio check would refuse it first otherwise).
    const strings = tmp.file("strings.xlsx");
    const shared = `<si><t>${"Nguyễn Thị Ánh Tuyết ".repeat(50)}</t></si>`.repeat(40_000);
    fs.writeFileSync(
      strings,
      workbookOf(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, { sharedStrings: shared }),
    );
    const heavy = await readAll(strings, "xlsx", {
      worker: { maxHeapMb: 16 },
      limits: { maxRatio: 1e9 },
    });
    expect(heavy.error).toMatchObject({ code: "IMPORT_FILE_UNREADABLE", details: { reason: "memory" } });

    expect(await readAll(file)).toEqual({ rows: 2000 });
  });

  it("holds CSV to the same limits: 16,384 cells a row, 32,767 characters a cell", async () => {
    fs.writeFileSync(tmp.file("wide.csv"), `a,b\r\n${",".repeat(16_384)}\r\n`);
    expect((await readAll(tmp.file("wide.csv"), "csv")).error).toMatchObject({
      code: "IMPORT_FILE_BEYOND_LIMITS",
    });
    fs.writeFileSync(tmp.file("long.csv"), `a,b\r\n${"x".repeat(32_768)},1\r\n`);
    expect((await readAll(tmp.file("long.csv"), "csv")).error).toMatchObject({
      code: "IMPORT_FILE_BEYOND_LIMITS",
    });
    fs.writeFileSync(tmp.file("fine.csv"), `a,b\r\n${"x".repeat(32_767)},1\r\n`);
    expect(await readAll(tmp.file("fine.csv"), "csv")).toEqual({ rows: 2 });
  });
});

import fs from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CsvSyntaxError,
  createCsvParser,
  csvLine,
  detectDelimiter,
  parseCsvText,
  unprotectCell,
} from "./csv.ts";
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

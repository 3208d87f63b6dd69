import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { RetiringItem, RetiringPage } from "../../../common/contracts/retirement.ts";
import { writeRetiringSheet } from "./retiring-export.ts";

// The "retiring soon" spreadsheet: its dates are Excel dates (sortable, usable in formulas) shown dd/mm/yyyy;
// a birth date known only by its month or year is text, as the record knows it.

const person = (over: Partial<RetiringItem> & Pick<RetiringItem, "fullName">): RetiringItem => ({
  id: 1,
  staffCode: "HN0000001",
  sex: "male",
  birthDate: "1964-08-20",
  birthDatePrecision: "day",
  unit: { id: 1, name: "Quận Ba Đình" },
  title: { id: 1, name: "Chuyên viên" },
  retirementDate: "2026-11-30",
  pensionFrom: "2026-12-01",
  statutoryDate: "2026-11-30",
  ageMonths: 741,
  overrideKind: null,
  informBy: "2026-05-31",
  decideBy: "2026-08-31",
  ...over,
});

const page = (items: RetiringItem[]): RetiringPage => ({
  asOf: "2026-06-15",
  within: 12,
  overdue: false,
  until: "2027-06-15",
  notice: { informMonths: 6, decideMonths: 3, citation: "Nghị định 135/2020/NĐ-CP" },
  items,
  total: items.length,
  page: 1,
  pageSize: items.length,
});

async function workbookOf(list: RetiringPage): Promise<ExcelJS.Worksheet> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on("end", resolve));
  await writeRetiringSheet(list, "Quận Ba Đình", out);
  await ended;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** Columns of the sheet (1-based): birth date, retirement date, pension from, inform by, decide by. */
const DATE_COLUMNS = { birth: 5, retirement: 8, pension: 9, inform: 10, decide: 11 } as const;

describe("the retiring-soon spreadsheet", () => {
  it("writes every date as an Excel date of that day, shown dd/mm/yyyy", async () => {
    const sheet = await workbookOf(page([person({ fullName: "Trần Văn Đủ" })]));
    expect(sheet.getRow(3).getCell(DATE_COLUMNS.retirement).value).toBe("Ngày nghỉ hưu");
    const row = sheet.getRow(4);
    expect(row.getCell(3).value).toBe("Trần Văn Đủ");
    const expected = {
      birth: "1964-08-20",
      retirement: "2026-11-30",
      pension: "2026-12-01",
      inform: "2026-05-31",
      decide: "2026-08-31",
    };
    for (const [key, column] of Object.entries(DATE_COLUMNS)) {
      const cell = row.getCell(column);
      expect(cell.type, key).toBe(ExcelJS.ValueType.Date);
      expect((cell.value as Date).toISOString(), key).toBe(
        `${expected[key as keyof typeof expected]}T00:00:00.000Z`,
      );
      expect(cell.numFmt, key).toBe("dd/mm/yyyy");
    }
  });

  it("keeps a birth date known only by month or year as text, its other dates as dates", async () => {
    const sheet = await workbookOf(
      page([
        person({ fullName: "Lê Thị Tháng", birthDate: "1971-03-01", birthDatePrecision: "month" }),
        person({ fullName: "Phạm Văn Năm", birthDate: "1966-01-01", birthDatePrecision: "year" }),
      ]),
    );
    const month = sheet.getRow(4);
    const year = sheet.getRow(5);
    expect(month.getCell(DATE_COLUMNS.birth).value).toBe("03/1971");
    expect(year.getCell(DATE_COLUMNS.birth).value).toBe("1966");
    expect(year.getCell(DATE_COLUMNS.birth).type).toBe(ExcelJS.ValueType.String);
    for (const row of [month, year]) {
      expect(row.getCell(DATE_COLUMNS.retirement).type).toBe(ExcelJS.ValueType.Date);
      expect(row.getCell(DATE_COLUMNS.retirement).value).toEqual(new Date("2026-11-30T00:00:00Z"));
    }
  });
});

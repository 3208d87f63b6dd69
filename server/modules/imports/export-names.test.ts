import fs from "node:fs";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, type ImportReport } from "../../../common/contracts/imports.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import {
  buildOrg,
  countRows,
  headerOf,
  type Org,
  personRow,
  type RowValues,
  tempDir,
  writeCsv,
  writeXlsx,
} from "./imports.test-helpers.ts";
import { DEFAULT_ZIP_LIMITS, openEntry, readDirectory } from "./xlsx-zip.ts";

/**
 * Files officers can use (issue 10, item 3): exports name units, titles and code-list entries beside their
 * codes, write real date cells, and CSV for Excel in Vietnamese; imports read names as well as codes.
 * Six people: IMP000700… in ward 00001 (Phường Phúc Xá) or 00004 (Phường Trúc Bạch), title "expert".
 * Two wards both named "Phường Đồng Tâm" (00901 in district 001, 00902 in district 017) make a name that
 * matches two codes.
 */
/** The name of the title "expert" in the seeded catalogue. */
let EXPERT = "";
let t: TestApp;
let org: Org;
let admin: { headers: Record<string, string> };
const tmp = tempDir();

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  await t.services.units.createMany(t.system, [
    {
      key: "D1",
      parentId: org.A,
      name: "Phường Đồng Tâm",
      kind: "ward",
      code: "00901",
      validFrom: "2000-01-01",
    },
    {
      key: "D2",
      parentId: org.B,
      name: "Phường Đồng Tâm",
      kind: "ward",
      code: "00902",
      validFrom: "2000-01-01",
    },
  ]);
  admin = await t.userSession({ username: "admin.ten", roles: ["admin"] });
  const titles = await t.db.execute<{ name: string }>(sql`SELECT name FROM titles WHERE code = 'expert'`);
  EXPERT = titles.rows[0]!.name;
  const rows = Array.from({ length: 6 }, (_, k) =>
    personRow(700 + k, k === 1 ? { birthDate: "03/1966" } : {}),
  );
  const report = await t.services.imports.importCadres(t.system, {
    path: await writeXlsx(tmp.file("people.xlsx"), rows),
    fileName: "people.xlsx",
  });
  expect(report.errors).toEqual([]);
  expect(report.committed).toBe(true);
}, 120_000);

afterAll(async () => {
  await t?.close();
  tmp.remove();
});

async function download(url: string): Promise<Buffer> {
  const res = await t.app.inject({ method: "GET", url, headers: admin.headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}

async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** The sheet's rows as objects keyed by header. */
function records(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.Cell>[] {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return out;
}

describe("the cadre export", () => {
  it("names units, titles and code-list entries beside their codes, and writes real date cells", async () => {
    const wb = await workbookOf(await download("/api/cadres/export?format=xlsx"));
    const rows = records(wb.worksheets[0]!);
    expect(rows).toHaveLength(6);
    const first = rows.find((r) => r["Số hiệu cán bộ"]!.value === "IMP000700")!;
    expect(first["Mã đơn vị công tác"]!.value).toBe("00001");
    expect(first["Tên đơn vị công tác"]!.value).toBe("Phường Phúc Xá");
    expect(first["Mã chức danh"]!.value).toBe("expert");
    expect(first["Tên chức danh"]!.value).toBe(EXPERT);
    expect(first["Mã trình độ chuyên môn"]!.value).toBe("university");
    expect(first["Tên trình độ chuyên môn"]!.value).toBe("Đại học");
    expect(String(first["Tên ngạch"]!.value)).toMatch(/^Chuyên viên/);
    expect(first["Tên dân tộc"]!.value).toBe("Kinh");
    // Dates are date cells shown dd/mm/yyyy, not text.
    for (const header of ["Ngày sinh", "Ngày bắt đầu giữ chức danh", "Ngày hưởng lương"]) {
      expect(first[header]!.value, header).toBeInstanceOf(Date);
      expect(first[header]!.numFmt, header).toBe("dd/mm/yyyy");
    }
    expect((first["Ngày bắt đầu giữ chức danh"]!.value as Date).toISOString().slice(0, 10)).toBe(
      "2020-01-01",
    );
    // A birth date known to the month stays as known: text, not a date that would read as the 1st.
    const partial = rows.find((r) => r["Số hiệu cán bộ"]!.value === "IMP000701")!;
    expect(partial["Ngày sinh"]!.value).toBe("03/1966");
    expect(first["Hệ số lương"]!.value).toBe(3);
  });

  it("re-imported with names and codes, or with the names alone, changes nothing", async () => {
    const file = tmp.file("export.xlsx");
    fs.writeFileSync(file, await download("/api/cadres/export?format=xlsx"));
    const before = await countRows(t);
    const again = await t.services.imports.importCadres(t.system, { path: file, fileName: "export.xlsx" });
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 6, errorCount: 0 });

    // The same file with every code column emptied: the names find the same units, titles and entries.
    const wb = await workbookOf(fs.readFileSync(file));
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const codeColumns = [
      "Mã đơn vị công tác",
      "Mã chức danh",
      "Mã trình độ chuyên môn",
      "Mã lý luận chính trị",
      "Mã ngạch",
      "Mã dân tộc",
      "Mã tôn giáo",
    ].map((h) => headers.indexOf(h) + 1);
    expect(codeColumns.every((c) => c > 0)).toBe(true);
    sheet.eachRow((row, n) => {
      if (n > 1) for (const c of codeColumns) row.getCell(c).value = null;
    });
    const namesOnly = tmp.file("names-only.xlsx");
    await wb.xlsx.writeFile(namesOnly);
    const byName = await t.services.imports.importCadres(t.system, {
      path: namesOnly,
      fileName: "names.xlsx",
    });
    expect(byName.errors).toEqual([]);
    expect(byName).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 6 });
    const after = await countRows(t);
    expect({ ...after, audit_log: after.audit_log - 2 }).toEqual(before);
  });

  it("writes CSV for Excel in Vietnamese: BOM, `;` between fields, decimal comma; it re-imports unchanged", async () => {
    const body = await download("/api/cadres/export?format=csv");
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString("utf8").slice(1);
    const [header, ...lines] = text.trimEnd().split("\r\n");
    expect(header!.split(";")).toContain("Tên đơn vị công tác");
    expect(header).not.toContain(",");
    const cells = header!.split(";");
    const row = lines.find((l) => l.startsWith("IMP000700;"))!.split(";");
    expect(row[cells.indexOf("Tên đơn vị công tác")]).toBe("Phường Phúc Xá");
    expect(row[cells.indexOf("Ngày bắt đầu giữ chức danh")]).toBe("01/01/2020");
    // A coefficient with decimals, exported again with a comma.
    await t.services.imports.importCadres(t.system, {
      path: await writeXlsx(tmp.file("coef.xlsx"), [
        personRow(700, { salaryCoefficient: "3,33", salaryFrom: "01/01/2024", salaryStep: "4" }),
      ]),
      fileName: "coef.xlsx",
    });
    const again = (await download("/api/cadres/export?format=csv")).toString("utf8");
    const line = again
      .split("\r\n")
      .find((l) => l.startsWith("IMP000700;"))!
      .split(";");
    expect(line[cells.indexOf("Hệ số lương")]).toBe("3,33");

    const upload = await t.app.inject({
      method: "POST",
      url: "/api/imports/cadres?fileName=export.csv",
      headers: { ...admin.headers, "content-type": "text/csv" },
      payload: Buffer.from(again, "utf8"),
    });
    expect(upload.statusCode, upload.body.slice(0, 300)).toBe(200);
    expect(upload.json() as ImportReport).toMatchObject({
      committed: true,
      created: 0,
      updated: 0,
      unchanged: 6,
    });
  });
});

describe("names in coded columns", () => {
  const keys = [
    "staffCode",
    "fullName",
    "sex",
    "birthDate",
    "staffType",
    "unitCode",
    "unitName",
    "titleCode",
    "titleName",
    "assignmentFrom",
    "qualificationCode",
    "qualificationName",
    "qualificationDate",
  ] as const;
  const row = (i: number, values: RowValues) =>
    personRow(i, { unitCode: "", titleCode: "", qualificationCode: "", ...values });

  it("reads a unique name, and refuses a name of two units naming both codes", async () => {
    const file = await writeXlsx(
      tmp.file("by-name.xlsx"),
      [
        row(800, { unitName: "Phường Trúc Bạch", titleName: EXPERT, qualificationName: "Thạc sĩ" }),
        row(801, { unitName: "Phường Đồng Tâm", titleName: EXPERT, qualificationName: "Đại học" }),
        row(802, { unitCode: "Phường Phúc Xá", titleCode: EXPERT, qualificationCode: "Đại học" }),
        row(803, { unitName: "Phường Không Có", titleName: EXPERT, qualificationName: "Đại học" }),
      ],
      { keys },
    );
    const report = await t.services.imports.importCadres(
      t.system,
      { path: file, fileName: "by-name.xlsx" },
      { dryRun: true },
    );
    expect(report.committed).toBe(false);
    const byRow = new Map<number, string[]>();
    for (const e of report.errors)
      byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${e.header}: ${e.message}`]);
    // Rows 2 and 4 (unique names, in the name or the code column) are fine.
    expect([...byRow.keys()].sort()).toEqual([3, 5]);
    expect(byRow.get(3)).toEqual([
      expect.stringMatching(/^Tên đơn vị công tác: Tên “Phường Đồng Tâm” ứng với nhiều đơn vị.*00901.*00902/),
    ]);
    expect(byRow.get(5)).toEqual([expect.stringContaining("Không có đơn vị tên “Phường Không Có”")]);

    // Without the bad rows the file is imported, each name to its code.
    const good = await writeXlsx(
      tmp.file("by-name-good.xlsx"),
      [
        row(800, { unitName: "Phường Trúc Bạch", titleName: EXPERT, qualificationName: "Thạc sĩ" }),
        row(802, { unitCode: "Phường Phúc Xá", titleCode: EXPERT, qualificationCode: "Đại học" }),
      ],
      { keys },
    );
    const done = await t.services.imports.importCadres(t.system, { path: good, fileName: "good.xlsx" });
    expect(done).toMatchObject({ committed: true, created: 2 });
    const wb = await workbookOf(await download("/api/cadres/export?format=xlsx&q=IMP000800"));
    const [exported] = records(wb.worksheets[0]!);
    expect(exported!["Mã đơn vị công tác"]!.value).toBe("00004");
    expect(exported!["Mã trình độ chuyên môn"]!.value).toBe("master");
  });

  it("accepts a file with the name column and no code column", async () => {
    const namesOnly = keys.filter((k) => k !== "unitCode" && k !== "titleCode");
    const file = await writeXlsx(
      tmp.file("no-code-columns.xlsx"),
      [row(810, { unitName: "Phường Trúc Bạch", titleName: EXPERT, qualificationName: "Đại học" })],
      { keys: namesOnly, header: headerOf(namesOnly) },
    );
    const report = await t.services.imports.importCadres(
      t.system,
      { path: file, fileName: "n.xlsx" },
      { dryRun: true },
    );
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(1);
  });

  it("reads names in a CSV written by Excel in Vietnamese", async () => {
    const file = writeCsv(
      tmp.file("by-name.csv"),
      [row(820, { unitName: "Phường Trúc Bạch", titleName: EXPERT, qualificationName: "Đại học" })],
      { keys, delimiter: ";" },
    );
    const report = await t.services.imports.importCadres(
      t.system,
      { path: file, fileName: "n.csv" },
      { dryRun: true },
    );
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(1);
  });
});

/** The text of a part of an xlsx file (ExcelJS expands every validated cell on load, too slow to use here). */
async function partOf(file: string, name: string): Promise<string> {
  const handle = await fs.promises.open(file, "r");
  try {
    const size = (await handle.stat()).size;
    const entries = await readDirectory(handle, size, DEFAULT_ZIP_LIMITS);
    const entry = entries.get(name)!;
    let text = "";
    for await (const chunk of await openEntry(file, handle, entry, { remaining: 1e9 }, DEFAULT_ZIP_LIMITS))
      text += chunk;
    return text;
  } finally {
    await handle.close();
  }
}

describe("the template", () => {
  it("lists codes then names in the guide, and offers drop-downs from the hidden list sheet", async () => {
    const file = tmp.file("template.xlsx");
    fs.writeFileSync(file, await download("/api/imports/template?format=xlsx"));
    const workbook = await partOf(file, "xl/workbook.xml");
    const listSheet = workbook.match(/<sheet [^>]*name="Danh mục"[^>]*>/)?.[0];
    expect(listSheet).toContain('state="hidden"');
    const main = await partOf(file, "xl/worksheets/sheet1.xml");
    const validations = [
      ...main.matchAll(
        /<dataValidation [^>]*sqref="([A-Z]+)3:[A-Z]+10002"[^>]*>\s*<formula1>([^<]*)<\/formula1>/g,
      ),
    ];
    const headers = IMPORT_COLUMNS.map((c) => c.header as string);
    const validated = new Set(validations.map((v) => headers[columnIndex(v[1]!)]));
    for (const h of [
      "Mã đơn vị công tác",
      "Tên đơn vị công tác",
      "Mã chức danh",
      "Tên chức danh",
      "Giới tính",
      "Mã ngạch",
    ])
      expect(validated.has(h), h).toBe(true);
    for (const v of validations)
      expect(v[2]!.replace(/&apos;/g, "'")).toMatch(/^'Danh mục'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/);
    // The second sheet: training courses, with a drop-down of the kinds.
    const trainings = await partOf(file, "xl/worksheets/sheet2.xml");
    expect(trainings).toContain(">Loại bồi dưỡng<");
    expect(trainings).toMatch(
      /<dataValidation [^>]*sqref="C2:C10001"[^>]*>\s*<formula1>&apos;Danh mục&apos;!/,
    );
    const lists = await partOf(file, "xl/worksheets/sheet4.xml");
    expect(lists).toContain(">Cập nhật kiến thức<");
    for (const code of ["00001", "00004", "00901", "00902", "Phường Đồng Tâm"])
      expect(lists).toContain(`>${code}<`);
    // The guide: "Mã" then "Tên", and each row code first.
    const guide = await partOf(file, "xl/worksheets/sheet3.xml");
    const texts = [...guide.matchAll(/<(?:t|v)[^>]*>([^<]*)<\/(?:t|v)>/g)].map((m) => m[1]);
    const sexAt = texts.findIndex((x) => x?.startsWith("Giới tính ("));
    expect(texts.slice(sexAt + 1, sexAt + 5)).toEqual(["Mã", "Tên", "male", "Nam"]);
    const expertAt = texts.lastIndexOf("expert");
    expect(texts[expertAt + 1]).toBe(EXPERT);
  });
});

/** 0-based index of a column letter (A → 0, AA → 26). */
function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

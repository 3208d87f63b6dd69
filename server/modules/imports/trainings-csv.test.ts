import fs from "node:fs";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportReport } from "../../../common/contracts/imports.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, type Org, personRow, tempDir, writeXlsx } from "./imports.test-helpers.ts";
import { TRAINING_COLUMNS, TRAININGS_SHEET } from "./trainings.ts";

/**
 * Training courses as a file of their own (how a CSV carries them): GET /api/cadres/trainings/export
 * writes one table in the trainings columns, and the cadre import recognises it by its header and reads
 * it back with the rules of the xlsx's trainings sheet.
 *   IMP000850 (district 001, org.A): two courses, one with dates and an organiser.
 *   IMP000851 (district 001): no course.
 *   IMP000860 (commune 00500 of district 017, org.B): one course.
 * The officer is scoped to district 001.
 */
let t: TestApp;
let org: Org;
let admin: { headers: Record<string, string> };
let officer: { headers: Record<string, string> };
const tmp = tempDir();
const HEADER = TRAINING_COLUMNS.map((c) => c.header).join(";");

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  admin = await t.userSession({ username: "admin.trainings.csv", roles: ["admin"] });
  officer = await t.userSession({
    username: "officer.trainings.csv",
    roles: ["officer"],
    scopeUnitIds: [org.A],
  });
  const report = await t.services.imports.importCadres(t.system, {
    path: await writeXlsx(tmp.file("people.xlsx"), [
      personRow(850),
      personRow(851),
      personRow(860, { unitCode: "00500" }),
    ]),
    fileName: "people.xlsx",
  });
  expect(report.errors).toEqual([]);
  await t.services.histories.add(t.system, await cadreId("IMP000850"), "trainings", {
    kind: "knowledge_update",
    course: 'Bồi dưỡng cập nhật kiến thức; khóa "đặc biệt"',
    organiser: "Trường Đào tạo cán bộ Lê Hồng Phong",
    startedOn: "2024-03-04",
    completedOn: "2024-03-15",
  });
  await t.services.histories.add(t.system, await cadreId("IMP000850"), "trainings", {
    kind: "it",
    course: "Ứng dụng công nghệ thông tin",
  });
  await t.services.histories.add(t.system, await cadreId("IMP000860"), "trainings", {
    kind: "language",
    course: "Tiếng Anh B1",
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
  tmp.remove();
});

async function cadreId(staffCode: string): Promise<number> {
  const r = await t.db.execute<{ id: number }>(sql`SELECT id FROM cadres WHERE staff_code = ${staffCode}`);
  return r.rows[0]!.id;
}

async function trainingCount(): Promise<number> {
  const r = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cadre_trainings`);
  return Number(r.rows[0]!.n);
}

async function exportTrainings(session: { headers: Record<string, string> }, format: "csv" | "xlsx") {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/cadres/trainings/export?format=${format}`,
    headers: session.headers,
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

/** The CSV's data lines (BOM and header removed). */
function linesOf(csv: string): string[] {
  return csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean)
    .slice(1);
}

async function upload(
  session: { headers: Record<string, string> },
  content: string | Buffer,
  name: string,
  query = "",
) {
  return t.app.inject({
    method: "POST",
    url: `/api/imports/cadres?fileName=${encodeURIComponent(name)}${query ? `&${query}` : ""}`,
    headers: { ...session.headers, "content-type": "application/octet-stream" },
    payload: content,
  });
}

describe("trainings as a CSV file of their own", () => {
  it("exports one table in the trainings columns, for Excel in Vietnamese (;, BOM, dd/mm/yyyy)", async () => {
    const res = await exportTrainings(admin, "csv");
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toMatch(/dao-tao-boi-duong-\d{4}-\d{2}-\d{2}\.csv/);
    expect(res.headers["x-row-count"]).toBe("3");
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = res.rawPayload.toString("utf8");
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(HEADER);
    const lines = linesOf(text);
    expect(lines).toHaveLength(3);
    expect(lines).toContain(
      `IMP000850;${personRow(850).fullName};Cập nhật kiến thức;"Bồi dưỡng cập nhật kiến thức; khóa ""đặc biệt""";Trường Đào tạo cán bộ Lê Hồng Phong;04/03/2024;15/03/2024;`,
    );
    expect(lines).toContain(`IMP000860;${personRow(860).fullName};Ngoại ngữ;Tiếng Anh B1;;;;`);
  });

  it("re-importing the CSV export adds nothing", async () => {
    const before = await trainingCount();
    const res = await upload(admin, (await exportTrainings(admin, "csv")).rawPayload, "dao-tao.csv");
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const report = res.json() as ImportReport;
    expect(report).toMatchObject({
      content: "trainings",
      format: "csv",
      committed: true,
      rows: 3,
      created: 0,
      updated: 0,
      errorCount: 0,
      trainings: { rows: 3, added: 0, unchanged: 3 },
    });
    expect(await trainingCount()).toBe(before);
  });

  it("a new course row is added once, however often the file is imported", async () => {
    const before = await trainingCount();
    const csv = `${(await exportTrainings(admin, "csv")).rawPayload.toString("utf8")}IMP000851;;Tin học;Tin học văn phòng nâng cao;Sở Nội vụ;05/05/2025;20/05/2025;\r\n`;
    const dry = await upload(admin, csv, "new.csv", "dryRun=true");
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ committed: false, trainings: { rows: 4, added: 1, unchanged: 3 } });
    expect(await trainingCount()).toBe(before);
    for (const expected of [1, 0]) {
      const res = await upload(admin, csv, "new.csv");
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json()).toMatchObject({ committed: true, errorCount: 0, trainings: { added: expected } });
    }
    expect(await trainingCount()).toBe(before + 1);
    const added = await t.db.execute<{
      kind: string;
      course: string;
      startedOn: string;
      completedOn: string;
    }>(sql`
      SELECT kind, course, started_on::text AS "startedOn", completed_on::text AS "completedOn"
      FROM cadre_trainings WHERE cadre_id = ${await cadreId("IMP000851")}`);
    expect(added.rows).toEqual([
      {
        kind: "it",
        course: "Tin học văn phòng nâng cao",
        startedOn: "2025-05-05",
        completedOn: "2025-05-20",
      },
    ]);
  });

  it("the officer's export holds only the people in their scope", async () => {
    const res = await exportTrainings(officer, "csv");
    const codes = linesOf(res.rawPayload.toString("utf8")).map((l) => l.split(";")[0]);
    expect(codes).toContain("IMP000850");
    expect(codes).not.toContain("IMP000860");
    expect(res.headers["x-row-count"]).toBe("2");
  });

  it("a row of someone outside the officer's scope, or of an unknown staff code, is a row error; nothing is written", async () => {
    const before = await trainingCount();
    const csv = [
      `\uFEFF${HEADER}`,
      "IMP000850;;Tin học;Khóa mới của người trong phạm vi;;;;",
      "IMP000860;;Tin học;Khóa của người ngoài phạm vi;;;;",
      "KHONGCO01;;Tin học;Khóa của người không có;;;;",
      "IMP000850;;Tin học;Khóa trước ngày sinh;;01/01/1950;;",
      "",
    ].join("\r\n");
    const res = await upload(officer, csv, "scope.csv");
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect(report.committed).toBe(false);
    expect(report.invalidRows).toBe(3);
    expect(report.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, "trainings.staffCode", "Hồ sơ này thuộc đơn vị ngoài phạm vi quản lý của bạn"],
      [4, "trainings.staffCode", "Không có hồ sơ với số hiệu cán bộ này trong hệ thống"],
      [5, "trainings.startedOn", expect.stringContaining("Từ ngày phải sau ngày sinh của người này")],
    ]);
    expect(report.errors.every((e) => e.sheet === undefined)).toBe(true);
    expect(report.errorFileUrl).toMatch(/^\/api\/imports\/.+\/error-file$/);
    expect(await trainingCount()).toBe(before);
    // The error file is the CSV with a column Lỗi on the bad rows.
    const errorFile = await t.app.inject({
      method: "GET",
      url: report.errorFileUrl!,
      headers: officer.headers,
    });
    expect(errorFile.statusCode).toBe(200);
    const rows = errorFile.rawPayload
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(rows[0]).toBe(`${HEADER};Lỗi`);
    expect(rows[1]!.endsWith(";")).toBe(true);
    expect(rows[2]).toContain("ngoài phạm vi quản lý");
  });

  it("an xlsx of the trainings export is recognised the same way", async () => {
    const res = await exportTrainings(admin, "xlsx");
    const file = tmp.file("dao-tao.xlsx");
    fs.writeFileSync(file, res.rawPayload);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual([TRAININGS_SHEET]);
    const before = await trainingCount();
    const report = await t.services.imports.importCadres(t.system, { path: file, fileName: "dao-tao.xlsx" });
    expect(report).toMatchObject({ content: "trainings", committed: true, errorCount: 0 });
    expect(report.trainings).toEqual({ rows: before, added: 0, unchanged: before });
    expect(await trainingCount()).toBe(before);
  });

  it("refuses a trainings file without the staff code column (400, in Vietnamese), changing nothing", async () => {
    const before = await trainingCount();
    const res = await upload(
      admin,
      "\uFEFFLoại bồi dưỡng;Tên khóa bồi dưỡng\r\nTin học;Tin học văn phòng\r\n",
      "thieu-cot.csv",
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "IMPORT_HEADERS_INVALID" });
    expect(JSON.stringify(res.json())).toContain("Tệp đào tạo, bồi dưỡng thiếu cột: Số hiệu cán bộ");
    expect(await trainingCount()).toBe(before);
  });
});

describe("a knowledge update brought in by a trainings file", () => {
  it("counts toward I5 (leaders of the city standing committee's tier updated within 60 months) on its date", async () => {
    // Two department directors in the city standing committee's tier, in district 001.
    const leaders = [870, 871].map((i) =>
      personRow(i, { titleCode: "department_director", tier: "BTV Thành ủy", tierFrom: "01/01/2020" }),
    );
    const people = await t.services.imports.importCadres(t.system, {
      path: await writeXlsx(tmp.file("leaders.xlsx"), leaders),
      fileName: "leaders.xlsx",
    });
    expect(people.errors).toEqual([]);
    const i5 = async (asOf: string) => {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/indicators/I5?asOf=${asOf}&unitId=${org.A}`,
        headers: admin.headers,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const { numerator, denominator } = res.json().indicator as { numerator: number; denominator: number };
      return [numerator, denominator];
    };
    expect(await i5("2026-06-15")).toEqual([0, 2]);
    // IMP000870: a knowledge update finished 1/3/2025; IMP000871: one finished more than 60 months before.
    const csv = [
      HEADER,
      "IMP000870;;Cập nhật kiến thức;Cập nhật kiến thức khóa 2025;;17/02/2025;01/03/2025;",
      "IMP000871;;Cập nhật kiến thức;Cập nhật kiến thức khóa 2020;;01/03/2021;15/06/2021;",
    ].join("\r\n");
    const res = await upload(admin, `\uFEFF${csv}\r\n`, "cap-nhat-kien-thuc.csv");
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({ committed: true, trainings: { added: 2 } });
    expect(await i5("2026-06-15")).toEqual([1, 2]); // 15/06/2021 is more than 60 months before
    expect(await i5("2025-02-28")).toEqual([1, 2]); // the 2021 course still within 60 months; the 2025 one not yet
    expect(await i5("2025-03-01")).toEqual([2, 2]);
  });
});

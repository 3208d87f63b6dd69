import fs from "node:fs";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, type ImportColumnKey } from "../../../common/contracts/imports.ts";
import { type Actor, permissionsFor } from "../../lib/actor.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, type Org, personRow, tempDir, writeXlsx } from "./imports.test-helpers.ts";
import { TRAINING_COLUMNS, TRAININGS_SHEET } from "./trainings.ts";

/**
 * Training courses (cadre_trainings) in the cadre files: the second sheet "Đào tạo, bồi dưỡng" of the xlsx
 * export, read back by the import. Three people IMP000800…802 in district 001 (org.A).
 */
let t: TestApp;
let org: Org;
let admin: { headers: Record<string, string> };
const tmp = tempDir();
const codes = ["IMP000800", "IMP000801", "IMP000802"];

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  admin = await t.userSession({ username: "admin.trainings", roles: ["admin"] });
  const report = await t.services.imports.importCadres(t.system, {
    path: await writeXlsx(
      tmp.file("people.xlsx"),
      codes.map((_, k) => personRow(800 + k)),
    ),
    fileName: "people.xlsx",
  });
  expect(report.errors).toEqual([]);
  const first = await cadreId(codes[0]!);
  await t.services.histories.add(t.system, first, "trainings", {
    kind: "knowledge_update",
    course: "Bồi dưỡng cập nhật kiến thức cho cán bộ diện Thành ủy quản lý",
    organiser: "Trường Đào tạo cán bộ Lê Hồng Phong",
    startedOn: "2024-03-04",
    completedOn: "2024-03-15",
  });
  await t.services.histories.add(t.system, first, "trainings", {
    kind: "it",
    course: "Ứng dụng công nghệ thông tin",
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

async function cadreCount(): Promise<number> {
  const r = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cadres`);
  return Number(r.rows[0]!.n);
}

async function exportXlsx(): Promise<string> {
  const res = await t.app.inject({
    method: "GET",
    url: "/api/cadres/export?format=xlsx",
    headers: admin.headers,
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const file = tmp.file(`export-${Date.now()}-${Math.random()}.xlsx`);
  fs.writeFileSync(file, res.rawPayload);
  return file;
}

/** A copy of the workbook with rows appended to its trainings sheet (created when missing). */
async function withTrainings(
  source: string,
  rows: (string | Date | null)[][],
  name: string,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  let sheet = wb.getWorksheet(TRAININGS_SHEET);
  if (!sheet) {
    sheet = wb.addWorksheet(TRAININGS_SHEET);
    sheet.addRow(TRAINING_COLUMNS.map((c) => c.header));
  }
  for (const r of rows) sheet.addRow(r);
  const file = tmp.file(name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The columns an officer without cadres.sensitive may send. */
const OFFICER_KEYS = IMPORT_COLUMNS.filter((c) => !("sensitive" in c && c.sensitive)).map(
  (c) => c.key,
) as ImportColumnKey[];

function officerOf(rootId: number): Actor {
  return {
    kind: "user",
    userId: null,
    username: "officer.trainings",
    roles: ["officer"],
    permissions: permissionsFor(["officer"]),
    scope: [rootId],
  };
}

describe("trainings in the cadre files", () => {
  it("the export has a sheet of training courses with real date cells", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exportXlsx());
    const sheet = wb.getWorksheet(TRAININGS_SHEET)!;
    expect(sheet).toBeDefined();
    expect(wb.worksheets.indexOf(sheet)).toBe(1);
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual(TRAINING_COLUMNS.map((c) => c.header));
    const data = rows.slice(1).map((r) => r.slice(1));
    expect(data).toHaveLength(2);
    const update = data.find((r) => r[2] === "Cập nhật kiến thức")!;
    expect(update[0]).toBe("IMP000800");
    expect(update[4]).toBe("Trường Đào tạo cán bộ Lê Hồng Phong");
    expect(update[5]).toBeInstanceOf(Date);
    expect((update[5] as Date).toISOString().slice(0, 10)).toBe("2024-03-04");
    expect((update[6] as Date).toISOString().slice(0, 10)).toBe("2024-03-15");
    const startCell = sheet.getRow(sheet.actualRowCount).getCell(6);
    expect(startCell.numFmt ?? sheet.getRow(2).getCell(6).numFmt).toBe("dd/mm/yyyy");
  });

  it("re-importing the export changes nothing", async () => {
    const before = await trainingCount();
    const report = await t.services.imports.importCadres(t.system, {
      path: await exportXlsx(),
      fileName: "export.xlsx",
    });
    expect(report.errors).toEqual([]);
    expect(report.committed).toBe(true);
    expect(report.trainings).toEqual({ rows: 2, added: 0, unchanged: 2 });
    expect(await trainingCount()).toBe(before);
  });

  it("a new training row is added once, however often the file is imported", async () => {
    const before = await trainingCount();
    const file = await withTrainings(
      await exportXlsx(),
      [
        [
          "IMP000801",
          "",
          "Cập nhật kiến thức",
          "Bồi dưỡng cập nhật kiến thức năm 2025",
          "Học viện Chính trị khu vực I",
          new Date("2025-05-05T00:00:00Z"),
          "20/05/2025",
          null,
        ],
      ],
      "new-training.xlsx",
    );
    const dry = await t.services.imports.importCadres(
      t.system,
      { path: file, fileName: "n.xlsx" },
      { dryRun: true },
    );
    expect(dry.trainings).toEqual({ rows: 3, added: 1, unchanged: 2 });
    expect(await trainingCount()).toBe(before);
    for (let i = 0; i < 2; i++) {
      const report = await t.services.imports.importCadres(t.system, { path: file, fileName: "n.xlsx" });
      expect(report.errors).toEqual([]);
      expect(report.committed).toBe(true);
      expect(report.trainings?.added).toBe(i === 0 ? 1 : 0);
    }
    expect(await trainingCount()).toBe(before + 1);
    const added = await t.db.execute<{ kind: string; startedOn: string; completedOn: string }>(sql`
      SELECT kind, started_on::text AS "startedOn", completed_on::text AS "completedOn" FROM cadre_trainings
      WHERE cadre_id = ${await cadreId("IMP000801")}`);
    expect(added.rows).toEqual([
      { kind: "knowledge_update", startedOn: "2025-05-05", completedOn: "2025-05-20" },
    ]);
    const audit = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'cadre.training.added'`,
    );
    expect(Number(audit.rows[0]!.n)).toBeGreaterThanOrEqual(3);
  });

  it("an unknown staff code or a bad kind is a row error naming the sheet and row; nothing is written", async () => {
    const trainingsBefore = await trainingCount();
    const cadresBefore = await cadreCount();
    const file = await withTrainings(
      await writeXlsx(tmp.file("one-new.xlsx"), [personRow(810)]),
      [
        ["IMP000801", "", "Tin học", "Tin học văn phòng", null, null, null, null],
        ["KHONGCO01", "", "Tin học", "Tin học văn phòng", null, null, null, null],
        ["IMP000802", "", "Lặn biển", "Khóa lặn", null, null, null, null],
        ["IMP000802", "", "Tin học", "Tin học văn phòng", null, "01/01/1950", null, null],
      ],
      "unknown.xlsx",
    );
    const report = await t.services.imports.importCadres(t.system, { path: file, fileName: "unknown.xlsx" });
    expect(report.committed).toBe(false);
    const sheetErrors = report.errors.filter((e) => e.sheet === TRAININGS_SHEET);
    expect(sheetErrors.map((e) => [e.row, e.column])).toEqual([
      [3, "trainings.staffCode"],
      [4, "trainings.kind"],
      [5, "trainings.startedOn"],
    ]);
    expect(sheetErrors[2]!.message).toContain("Từ ngày phải sau ngày sinh của người này");
    expect(sheetErrors[0]!.message).toContain(`Trang «${TRAININGS_SHEET}», dòng 3`);
    expect(sheetErrors[0]!.message).toContain("Không có hồ sơ với số hiệu cán bộ này");
    expect(await trainingCount()).toBe(trainingsBefore);
    expect(await cadreCount()).toBe(cadresBefore);
  });

  it("a training of someone outside the officer's scope is a row error; nothing is written", async () => {
    const trainingsBefore = await trainingCount();
    const cadresBefore = await cadreCount();
    // The officer of district 017 adds a person of their own commune and a course of someone in district 001.
    const file = await withTrainings(
      await writeXlsx(tmp.file("scope.xlsx"), [personRow(820, { unitCode: "00500" })], {
        keys: OFFICER_KEYS,
      }),
      [
        ["IMP000820", "", "Tin học", "Tin học văn phòng", null, null, null, null],
        ["IMP000800", "", "Tin học", "Tin học văn phòng", null, null, null, null],
      ],
      "scope-trainings.xlsx",
    );
    const report = await t.services.imports.importCadres(officerOf(org.B), {
      path: file,
      fileName: "s.xlsx",
    });
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.sheet, e.row, e.message])).toEqual([
      [
        TRAININGS_SHEET,
        3,
        `Trang «${TRAININGS_SHEET}», dòng 3: Hồ sơ này thuộc đơn vị ngoài phạm vi quản lý của bạn`,
      ],
    ]);
    expect(await trainingCount()).toBe(trainingsBefore);
    expect(await cadreCount()).toBe(cadresBefore);
    // Without the foreign row the same officer's file goes in: the new person and their course.
    const ok = await withTrainings(
      await writeXlsx(tmp.file("scope-ok.xlsx"), [personRow(820, { unitCode: "00500" })], {
        keys: OFFICER_KEYS,
      }),
      [["IMP000820", "", "Tin học", "Tin học văn phòng", null, null, null, null]],
      "scope-ok-trainings.xlsx",
    );
    const done = await t.services.imports.importCadres(officerOf(org.B), { path: ok, fileName: "ok.xlsx" });
    expect(done.errors).toEqual([]);
    expect(done.committed).toBe(true);
    expect(done.trainings).toEqual({ rows: 1, added: 1, unchanged: 0 });
    expect(await trainingCount()).toBe(trainingsBefore + 1);
  });

  it("a second sheet that is not about trainings (an older template's guide) is not read", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await writeXlsx(tmp.file("guide-src.xlsx"), [personRow(800)]));
    wb.addWorksheet("Hướng dẫn").addRow(["Hướng dẫn nhập hồ sơ cán bộ"]);
    const file = tmp.file("guide.xlsx");
    await wb.xlsx.writeFile(file);
    const report = await t.services.imports.importCadres(t.system, { path: file, fileName: "guide.xlsx" });
    expect(report.errors).toEqual([]);
    expect(report.trainings).toEqual({ rows: 0, added: 0, unchanged: 0 });
  });
});

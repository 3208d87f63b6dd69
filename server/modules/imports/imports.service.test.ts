import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { createCadresBulkWriter } from "../cadres/index.ts";
import { createImportsService } from "./imports.service.ts";
import {
  ALL_KEYS,
  buildOrg,
  countRows,
  idNumberFor,
  type Org,
  personRow,
  type RowValues,
  readXlsx,
  tempDir,
  writeCsv,
  writeXlsx,
} from "./imports.test-helpers.ts";

let t: TestApp;
let org: Org;
const tmp = tempDir();
let serial = 100_000;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

/** Rows for fresh people (numbers never reused across tests, so tests sharing the database don't collide). */
function freshRows(n: number, overrides: (i: number) => RowValues = () => ({})): RowValues[] {
  const start = serial;
  serial += n;
  return Array.from({ length: n }, (_, k) => personRow(start + k, overrides(start + k)));
}

const run = (file: string, options: { dryRun?: boolean; errorFilePath?: string } = {}) =>
  t.services.imports.importCadres(t.system, { path: file, fileName: file.split("/").pop()! }, options);

async function personByCode(staffCode: string) {
  const result = await t.db.execute<{
    id: number;
    fullName: string;
    idNumber: string | null;
    phone: string | null;
    version: number;
  }>(
    sql`SELECT id, full_name AS "fullName", id_number AS "idNumber", phone, version FROM cadres WHERE staff_code = ${staffCode}`,
  );
  return result.rows[0];
}

async function historyOf(cadreId: number) {
  const q = async <T>(text: string) => (await t.db.execute<T & Record<string, unknown>>(sql.raw(text))).rows;
  return {
    assignments: await q<{ unitId: number; validFrom: string; validTo: string | null }>(
      `SELECT unit_id AS "unitId", valid_from AS "validFrom", valid_to AS "validTo" FROM cadre_assignments WHERE cadre_id = ${cadreId} ORDER BY valid_from`,
    ),
    tiers: await q<{ tier: string; validFrom: string; validTo: string | null }>(
      `SELECT tier, valid_from AS "validFrom", valid_to AS "validTo" FROM cadre_tiers WHERE cadre_id = ${cadreId} ORDER BY valid_from`,
    ),
    salaries: await q<{ step: number; validFrom: string; validTo: string | null }>(
      `SELECT step, valid_from AS "validFrom", valid_to AS "validTo" FROM cadre_salaries WHERE cadre_id = ${cadreId} ORDER BY valid_from`,
    ),
    qualifications: await q<{ category: string; levelCode: string }>(
      `SELECT category, level_code AS "levelCode" FROM cadre_qualifications WHERE cadre_id = ${cadreId} ORDER BY category, obtained_on`,
    ),
  };
}

describe("importing a good file", () => {
  it("creates every person with their dated histories, and audits each one and the import", async () => {
    const rows = freshRows(30);
    const file = await writeXlsx(tmp.file("good.xlsx"), rows);
    const before = await countRows(t);
    const report = await run(file);
    expect(report).toMatchObject({
      committed: true,
      rows: 30,
      created: 30,
      updated: 0,
      unchanged: 0,
      errorCount: 0,
    });
    const after = await countRows(t);
    expect(after.cadres - before.cadres).toBe(30);
    expect(after.cadre_assignments - before.cadre_assignments).toBe(30);
    expect(after.cadre_tiers - before.cadre_tiers).toBe(30);
    expect(after.cadre_salaries - before.cadre_salaries).toBe(30);
    expect(after.cadre_qualifications - before.cadre_qualifications).toBe(60);
    // one row per created person plus the summary
    expect(after.audit_log - before.audit_log).toBe(31);
    const summary = await t.db.execute<{ after: Record<string, unknown> }>(
      sql`SELECT after FROM audit_log WHERE action = 'cadres.imported' ORDER BY id DESC LIMIT 1`,
    );
    expect(summary.rows[0]!.after).toMatchObject({
      fileName: "good.xlsx",
      rows: 30,
      created: 30,
      updated: 0,
    });

    const first = await personByCode(String(rows[0]!.staffCode));
    expect(first).toMatchObject({
      fullName: rows[0]!.fullName,
      idNumber: rows[0]!.idNumber,
      phone: "0912345678",
    });
    const h = await historyOf(first!.id);
    expect(h.assignments).toEqual([{ unitId: org.A1, validFrom: "2020-01-01", validTo: null }]);
    expect(h.tiers).toEqual([{ tier: "grassroots", validFrom: "2020-01-01", validTo: null }]);
    expect(h.qualifications.map((q) => q.levelCode).sort()).toEqual(["intermediate", "university"]);
  });

  it("reads Vietnamese headers, key headers, and headers without diacritics or case alike", async () => {
    const variants: [string, string[] | undefined][] = [
      ["vi", undefined],
      ["key", ALL_KEYS.map((k) => k)],
      ["folded", ALL_KEYS.map((k) => k.replace(/([A-Z])/g, "_$1").toUpperCase())],
    ];
    for (const [name, header] of variants) {
      const rows = freshRows(3);
      const file = await writeXlsx(tmp.file(`headers-${name}.xlsx`), rows, header ? { header } : {});
      const report = await run(file);
      expect(report, name).toMatchObject({ committed: true, created: 3, errorCount: 0 });
    }
    const rows = freshRows(2);
    const folded = ["so hieu can bo", "HO VA TEN", "gioi tinh", "Ngay Sinh", "loai can bo"];
    const file = writeCsv(tmp.file("folded.csv"), rows, {
      keys: ["staffCode", "fullName", "sex", "birthDate", "staffType"],
      header: folded,
    });
    expect(await run(file)).toMatchObject({ committed: true, created: 2 });
  });

  it("accepts dd/mm/yyyy, ISO and Excel date cells, and CSV with ; and a BOM", async () => {
    const [a, b, c] = freshRows(3);
    b!.birthDate = String(b!.birthDate).split("/").reverse().join("-");
    b!.assignmentFrom = "2020-01-01";
    c!.birthDate = new Date(Date.UTC(1975, 4, 6));
    c!.idNumber = idNumberFor("male", "1975-05-06", 990_001);
    c!.sex = "Nam";
    c!.assignmentFrom = new Date(Date.UTC(2020, 0, 1));
    const file = await writeXlsx(tmp.file("dates.xlsx"), [a!, b!, c!]);
    const dated = await run(file);
    expect(dated.errors).toEqual([]);
    expect(dated).toMatchObject({ committed: true, created: 3 });
    const p = await personByCode(String(c!.staffCode));
    const birth = await t.db.execute<{ d: string }>(
      sql`SELECT birth_date AS d FROM cadres WHERE id = ${p!.id}`,
    );
    expect(birth.rows[0]!.d).toBe("1975-05-06");

    const csvRows = freshRows(2, () => ({ birthDate: "1981-02-03", idNumber: null }));
    const csv = writeCsv(tmp.file("semi.csv"), csvRows, { delimiter: ";" });
    expect(await run(csv)).toMatchObject({ committed: true, created: 2 });
    const noBom = writeCsv(
      tmp.file("nobom.csv"),
      freshRows(1, () => ({ idNumber: null })),
      { bom: false },
    );
    expect(await run(noBom)).toMatchObject({ committed: true, created: 1 });
  });
});

describe("bad rows", () => {
  it("writes every row of a file larger than one check batch, applied in several time-sized transactions", async () => {
    // Serials of their own, so that the other tests' people stay as they are.
    const rows = Array.from({ length: 1_234 }, (_, k) => personRow(800_000 + k));
    const file = await writeXlsx(tmp.file("many.xlsx"), rows);
    const before = await countRows(t);
    const report = await run(file);
    expect(report).toMatchObject({ committed: true, rows: 1_234, created: 1_234, errorCount: 0 });
    const after = await countRows(t);
    expect(after.cadres - before.cadres).toBe(1_234);
    expect(after.cadre_assignments - before.cadre_assignments).toBe(1_234);
    const codes = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM cadres WHERE staff_code = ANY(${`{${rows.map((r) => r.staffCode).join(",")}}`}::text[])`,
    );
    expect(codes.rows[0]!.n).toBe(1_234);
  });

  it("imports nothing from 1,000 rows with 10 bad ones, and names all 10 with their reasons", async () => {
    const rows = freshRows(1000);
    // Row r of the sheet is rows[r - 2] (row 1 is the header).
    const bad: Record<number, [RowValues, string, RegExp]> = {
      5: [{ unitCode: "99999" }, "unitCode", /Không có đơn vị mã “99999”/],
      77: [{ titleCode: "no_such_title" }, "titleCode", /Không có chức danh/],
      150: [{ birthDate: "31/02/1980" }, "birthDate", /Ngày sinh không hợp lệ/],
      151: [{ staffCode: rows[0]!.staffCode }, "staffCode", /trùng với dòng 2/],
      300: [{ idNumber: "12345" }, "idNumber", /12 chữ số/],
      444: [{ fullName: "" }, "fullName", /Thiếu Họ và tên/],
      555: [{ ethnicityCode: "99" }, "ethnicityCode", /không có trong danh mục dân tộc/],
      666: [{ assignmentFrom: "" }, "assignmentFrom", /Thiếu Ngày bắt đầu giữ chức danh/],
      777: [
        { unitCode: "00777", assignmentFrom: "01/01/2020" },
        "unitCode",
        /không hoạt động vào ngày 01\/01\/2020/,
      ],
      1001: [{ sex: "X" }, "sex", /Nam hoặc Nữ/],
    };
    for (const [r, [patch]] of Object.entries(bad)) Object.assign(rows[Number(r) - 2]!, patch);
    const file = await writeXlsx(tmp.file("ten-bad.xlsx"), rows);
    const before = await countRows(t);
    const report = await run(file, { errorFilePath: tmp.file("ten-bad.errors.xlsx") });
    expect(await countRows(t)).toEqual(before);
    expect(report.committed).toBe(false);
    expect(report.rows).toBe(1000);
    expect(report.invalidRows).toBe(10);
    expect([...new Set(report.errors.map((e) => e.row))]).toEqual(Object.keys(bad).map(Number));
    for (const [r, [, column, message]] of Object.entries(bad)) {
      const found = report.errors.filter((e) => e.row === Number(r));
      expect(
        found.map((e) => e.column),
        `row ${r}`,
      ).toContain(column);
      expect(found.find((e) => e.column === column)!.message, `row ${r}`).toMatch(message);
    }
    // The error file: the same rows in the same places, with a column Lỗi on the bad ones.
    const sheet = await readXlsx(tmp.file("ten-bad.errors.xlsx"));
    const errorCol = sheet[0]!.length - 1;
    expect(sheet[0]![errorCol]).toBe("Lỗi");
    expect(sheet[4]![errorCol]).toMatch(/Mã đơn vị công tác: Không có đơn vị/);
    expect(sheet[2]![errorCol] ?? "").toBe("");
    expect(sheet.length).toBe(1001);
  });

  it("reports rows the records refuse: an ID number of another person, a post starting before the current one", async () => {
    const [p1, p2] = freshRows(2);
    await run(await writeXlsx(tmp.file("pair.xlsx"), [p1!, p2!]));
    const before = await countRows(t);
    const conflict = { ...p1!, idNumber: p2!.idNumber };
    const early = { ...p2!, idNumber: null, unitCode: "00500", assignmentFrom: "01/01/2019" };
    const report = await run(await writeXlsx(tmp.file("refused.xlsx"), [conflict, early]));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "idNumber"],
      [3, "assignmentFrom"],
    ]);
    expect(report.errors[1]!.message).toMatch(/phải sau ngày bắt đầu chức danh hiện tại \(01\/01\/2020\)/);
    expect(await countRows(t)).toEqual(before);
  });
});

describe("the same person twice", () => {
  it("is refused when two rows reach one record, by staff code and by ID number, even in different batches", async () => {
    const [p1] = freshRows(1);
    await run(await writeXlsx(tmp.file("twice-seed.xlsx"), [p1!]));
    const others = freshRows(4);
    // Row 2 names p1 by staff code; row 6 (a later batch of two rows) names p1 by ID number under a new code.
    const byCode = { ...p1!, idNumber: null };
    const byIdNumber = { ...p1!, staffCode: `ALT${p1!.staffCode}` };
    const file = await writeXlsx(tmp.file("twice.xlsx"), [byCode, ...others, byIdNumber]);
    const small = createImportsService({
      db: t.db,
      audit: t.services.audit,
      bulk: createCadresBulkWriter({ audit: t.services.audit }),
      clock: t.clock,
      batchSize: 2,
    });
    const before = await countRows(t);
    const report = await small.importCadres(t.system, { path: file, fileName: "twice.xlsx" });
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [7, "staffCode", "Cùng một người với dòng 2 (trùng số hiệu hoặc số định danh)"],
    ]);
    expect(await countRows(t)).toEqual(before);
  });
});

describe("dry run and re-import", () => {
  it("a dry run checks everything, reports what would happen and writes nothing", async () => {
    const rows = freshRows(40);
    const file = await writeXlsx(tmp.file("dry.xlsx"), rows);
    const before = await countRows(t);
    const report = await run(file, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, committed: false, created: 40, errorCount: 0 });
    expect(await countRows(t)).toEqual(before);
  });

  it("importing the same file again changes nothing: no new rows, no history, no audit", async () => {
    const rows = freshRows(50);
    const file = await writeXlsx(tmp.file("again.xlsx"), rows);
    await run(file);
    const before = await countRows(t);
    const again = await run(file);
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 50 });
    const after = await countRows(t);
    // Only the import's summary row is new.
    expect({ ...after, audit_log: after.audit_log - 1 }).toEqual(before);
    const csv = writeCsv(tmp.file("again.csv"), rows);
    expect(await run(csv)).toMatchObject({ created: 0, updated: 0, unchanged: 50 });
  });
});

describe("upsert", () => {
  it("updates a person found by staff code, changing only what differs and auditing before and after", async () => {
    const [row] = freshRows(1);
    await run(await writeXlsx(tmp.file("u1.xlsx"), [row!]));
    const before = await personByCode(String(row!.staffCode));
    const changed = { ...row!, phone: "0987654321", email: "" };
    const report = await run(await writeXlsx(tmp.file("u1b.xlsx"), [changed]));
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const after = await personByCode(String(row!.staffCode));
    expect(after).toMatchObject({ id: before!.id, phone: "0987654321", version: before!.version + 1 });
    const audit = await t.db.execute<{ action: string; before: unknown; after: Record<string, unknown> }>(
      sql`SELECT action, before, after FROM audit_log WHERE entity_type = 'cadre' AND entity_id = ${String(before!.id)} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({
      action: "cadre.updated",
      before: { phone: "0912345678", version: 1 },
    });
    expect(audit.rows[0]!.after).toMatchObject({ phone: "0987654321", version: 2 });
    // An empty cell keeps the stored value.
    const email = await t.db.execute<{ email: string }>(
      sql`SELECT email FROM cadres WHERE id = ${before!.id}`,
    );
    expect(email.rows[0]!.email).toBe(row!.email);
  });

  it("finds a person by ID number when the staff code changed, and never duplicates", async () => {
    const [row] = freshRows(1);
    await run(await writeXlsx(tmp.file("u2.xlsx"), [row!]));
    const person = await personByCode(String(row!.staffCode));
    const before = await countRows(t);
    const renamed = { ...row!, staffCode: `NEW${row!.staffCode}`, fullName: "Nguyễn Văn Đổi Số" };
    const report = await run(await writeXlsx(tmp.file("u2b.xlsx"), [renamed]));
    expect(report).toMatchObject({ created: 0, updated: 1 });
    const after = await countRows(t);
    expect(after.cadres).toBe(before.cadres);
    expect(await personByCode(`NEW${row!.staffCode}`)).toMatchObject({
      id: person!.id,
      fullName: "Nguyễn Văn Đổi Số",
    });
  });
});

describe("dated histories", () => {
  it("a new unit closes the current post on the new start date and opens the new one", async () => {
    const [row] = freshRows(1, () => ({ unitCode: "00001" }));
    await run(await writeXlsx(tmp.file("h1.xlsx"), [row!]));
    const moved = {
      ...row!,
      unitCode: "00500",
      assignmentFrom: "15/03/2025",
      tier: "Diện đảng ủy các sở, ngành, đảng ủy trực thuộc quản lý",
      tierFrom: "15/03/2025",
      salaryStep: "4",
      salaryFrom: "01/01/2024",
      qualificationCode: "master",
      qualificationDate: "30/06/2015",
    };
    const report = await run(await writeXlsx(tmp.file("h1b.xlsx"), [moved]));
    expect(report).toMatchObject({ committed: true, updated: 1 });
    const p = await personByCode(String(row!.staffCode));
    const h = await historyOf(p!.id);
    expect(h.assignments).toEqual([
      { unitId: org.A1, validFrom: "2020-01-01", validTo: "2025-03-15" },
      { unitId: org.B1, validFrom: "2025-03-15", validTo: null },
    ]);
    expect(h.tiers).toEqual([
      { tier: "grassroots", validFrom: "2020-01-01", validTo: "2025-03-15" },
      { tier: "department_committee", validFrom: "2025-03-15", validTo: null },
    ]);
    expect(h.salaries).toEqual([
      { step: 3, validFrom: "2021-01-01", validTo: "2024-01-01" },
      { step: 4, validFrom: "2024-01-01", validTo: null },
    ]);
    expect(
      h.qualifications
        .filter((q) => q.category === "professional")
        .map((q) => q.levelCode)
        .sort(),
    ).toEqual(["master", "university"]);
    // The person's own fields did not change: no version bump.
    expect(p!.version).toBe(1);
    // Importing the moved row again changes nothing.
    const before = await countRows(t);
    expect(await run(await writeXlsx(tmp.file("h1c.xlsx"), [moved]))).toMatchObject({ unchanged: 1 });
    expect((await countRows(t)).cadre_assignments).toBe(before.cadre_assignments);
  });
});

describe("management tiers from the dated list (DOMAIN §9)", () => {
  it.each([
    ["BTV Thành ủy", "city_standing"],
    ["Diện Ban Thường vụ Thành ủy quản lý", "city_standing"],
    ["dien ban thuong vu thanh uy quan ly", "city_standing"],
    ["Diện ban thường vụ các đảng ủy trực thuộc Thành ủy quản lý", "department_committee"],
    ["Đảng ủy sở ngành", "department_committee"],
    ["Diện Bộ Chính trị, Ban Bí thư quản lý", "central"],
    ["Diện cơ sở quản lý", "grassroots"],
    ["grassroots", "grassroots"],
  ])("reads %j as %s", async (label, tier) => {
    const [row] = freshRows(1, () => ({ tier: label, tierFrom: "01/07/2025" }));
    const report = await run(await writeXlsx(tmp.file("tier-label.xlsx"), [row!]));
    expect(report.errors).toEqual([]);
    const p = await personByCode(String(row!.staffCode));
    expect((await historyOf(p!.id)).tiers).toEqual([{ tier, validFrom: "2025-07-01", validTo: null }]);
  });

  it("refuses a district tier (it ends on 30/6/2025 and an imported tier has no end), and writes nothing", async () => {
    const before = await countRows(t);
    const rows = [
      ...freshRows(1, () => ({ tier: "BTV Quận ủy", tierFrom: "01/01/2020" })),
      ...freshRows(1, () => ({
        tier: "Diện Ban Thường vụ quận, huyện, thị ủy quản lý",
        tierFrom: "01/08/2025",
      })),
      ...freshRows(1, () => ({ tier: "Cơ sở", tierFrom: "01/01/2020" })),
    ];
    const report = await run(await writeXlsx(tmp.file("tier-district.xlsx"), rows));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "tier"],
      [3, "tier"],
    ]);
    expect(report.errors[0]!.message).toMatch(/chỉ có đến 30\/06\/2025/);
    expect(await countRows(t)).toEqual(before);
  });

  it("closes a stored open district row only on a day the district tier still reaches", async () => {
    const [row] = freshRows(1, () => ({ tier: "Cơ sở", tierFrom: "01/01/2020" }));
    await run(await writeXlsx(tmp.file("tier-base.xlsx"), [row!]));
    const p = await personByCode(String(row!.staffCode));
    // A row stored before the list was dated: district tier from 2020, still open. It stays as it is.
    await t.db.execute(sql`UPDATE cadre_tiers SET tier = 'district_standing' WHERE cadre_id = ${p!.id}`);
    const late = {
      ...row!,
      tier: "Diện ban thường vụ các đảng ủy trực thuộc Thành ủy quản lý",
      tierFrom: "01/09/2025",
    };
    const refused = await run(await writeXlsx(tmp.file("tier-late.xlsx"), [late]));
    expect(refused.committed).toBe(false);
    expect(refused.errors.map((e) => [e.column, e.message])).toEqual([
      ["tierFrom", expect.stringMatching(/hiện tại của hồ sơ chỉ có đến 30\/06\/2025/)],
    ]);
    expect((await historyOf(p!.id)).tiers).toEqual([
      { tier: "district_standing", validFrom: "2020-01-01", validTo: null },
    ]);
    const onTime = { ...late, tierFrom: "01/07/2025" };
    const report = await run(await writeXlsx(tmp.file("tier-on-time.xlsx"), [onTime]));
    expect(report.errors).toEqual([]);
    expect((await historyOf(p!.id)).tiers).toEqual([
      { tier: "district_standing", validFrom: "2020-01-01", validTo: "2025-07-01" },
      { tier: "department_committee", validFrom: "2025-07-01", validTo: null },
    ]);
  });
});

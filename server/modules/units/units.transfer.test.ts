import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UnitImportReport } from "../../../common/contracts/units.ts";
import { rowCounts } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { workbookOf } from "../imports/hostile-files.test-helpers.ts";

// Import and export of an organisation tree: a file of 2,000 units is checked row by row (row numbers,
// Vietnamese messages), applied whole or not at all, and an exported file imported again changes nothing.

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userSession({ username: "admin.transfer", roles: ["admin"] })).headers;
});
afterAll(async () => t?.close());

const HEADER =
  "Mã đơn vị,Tên đơn vị,Loại đơn vị,Khối,Mã đơn vị cấp trên,Mã địa danh,Hoạt động từ ngày,Hoạt động đến ngày";

/** A province of 2,000 units: the root, 40 departments, and divisions under them. Row n+2 is unit n. */
function province(): string[] {
  const lines = ["P,Ủy ban nhân dân tỉnh Nhập,city,,,,01/07/2025,"];
  for (let i = 1; i < 2000; i++) {
    const parent = i <= 40 ? "P" : `P.${1 + (i % 40)}`;
    const kind = i <= 40 ? "department" : "division";
    lines.push(`P.${i},Đơn vị ${i},${kind},government,${parent},,01/07/2025,`);
  }
  return lines;
}

const csv = (lines: readonly string[]) => Buffer.from(`${HEADER}\n${lines.join("\n")}\n`, "utf8");

async function importFile(body: Buffer, query: string, headers = admin, type = "text/csv") {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/units/import?${query}`,
    headers: { ...headers, "content-type": type },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as UnitImportReport;
}

describe("importing an organisation tree", () => {
  it("reports every wrong row of a 2,000-unit file with its row number and writes nothing, dry run or not", async () => {
    const lines = province();
    lines[1000] = "P.1000,Đơn vị 1000,division,government,ZZ,,01/07/2025,"; // row 1002: unknown parent
    lines[100] = "P.100,Đơn vị 100,division,government,P.101,,01/07/2025,"; // rows 102 and 103: a cycle
    lines[101] = "P.101,Đơn vị 101,division,government,P.100,,01/07/2025,";
    lines[500] = "P.500,Đơn vị 500,division,government,P.1,,31/02/2025,"; // row 502: no such date
    const before = await rowCounts(t.database);
    for (const dryRun of [true, false]) {
      const report = await importFile(csv(lines), `dryRun=${dryRun}`);
      expect(report.created).toBe(0);
      expect(report.errors.map((e) => [e.row, e.column])).toEqual([
        [102, "Mã đơn vị cấp trên"],
        [103, "Mã đơn vị cấp trên"],
        [502, "Hoạt động từ ngày"],
        [1002, "Mã đơn vị cấp trên"],
      ]);
      expect(report.errors[0]!.message).toMatch(/^Vòng lặp trực thuộc/);
      expect(report.errors[2]!.message).toBe("Ngày bắt đầu hoạt động không hợp lệ (dd/mm/yyyy).");
      expect(report.errors[3]!.message).toBe(
        "Không tìm thấy đơn vị cấp trên mã ZZ (trong tệp, hoặc đang hoạt động ngày 01/07/2025).",
      );
      expect(await rowCounts(t.database)).toEqual(before);
    }
  });

  it("names the units under a wrong row too, since they cannot be placed", async () => {
    const lines = province();
    lines[10] = "P.10,Đơn vị 10,department,government,ZZ,,01/07/2025,"; // row 12; its divisions: rows 51, 91…
    const report = await importFile(csv(lines), "dryRun=true");
    expect(report.errors[0]).toMatchObject({ row: 12 });
    expect(report.errors[1]).toMatchObject({
      row: 51,
      message: "Đơn vị cấp trên (mã P.10, dòng 12) có lỗi.",
    });
    expect(report.errors).toHaveLength(1 + 49);
  });

  it("points the units under a row refused on its own (a bad kind) at that row, not at a missing parent", async () => {
    const lines = province();
    lines[10] = "P.10,Đơn vị 10,so_nganh,government,P,,01/07/2025,"; // row 12: an unknown kind
    const report = await importFile(csv(lines), "dryRun=true");
    expect(report.errors[0]).toMatchObject({ row: 12, column: "Loại đơn vị" });
    expect(report.errors[1]).toMatchObject({
      row: 51,
      message: "Đơn vị cấp trên (mã P.10, dòng 12) có lỗi.",
    });
    expect(report.errors).toHaveLength(1 + 49);
  });

  it("checks a clean file in a dry run without writing, then imports all 2,000 units", async () => {
    const before = await rowCounts(t.database);
    const dry = await importFile(csv(province()), "dryRun=true");
    expect(dry).toMatchObject({ dryRun: true, rows: 2000, created: 2000, unchanged: 0, errors: [] });
    expect(await rowCounts(t.database)).toEqual(before);
    const done = await importFile(csv(province()), "dryRun=false");
    expect(done).toMatchObject({ dryRun: false, rows: 2000, created: 2000, errors: [] });
    const tree = await t.services.units.tree(t.system, "2025-07-01");
    expect(tree.nodes).toHaveLength(2000);
    const unit = tree.nodes.find((n) => n.code === "P.77")!;
    expect(tree.nodes.find((n) => n.id === unit.parentId)!.code).toBe("P.38");
  });

  it("refuses a small workbook that unpacks to far more than its size, and writes nothing", async () => {
    const before = await rowCounts(t.database);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/units/import?dryRun=false",
      headers: { ...admin, "content-type": "application/octet-stream" },
      payload: workbookOf(" ".repeat(64 * 1024 * 1024)),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: "IMPORT_XLSX_INFLATED" });
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it.each([["xlsx"], ["csv"]] as const)(
    "imports its own %s export back without changing anything",
    async (format) => {
      const res = await t.app.inject({
        url: `/api/units/export?asOf=2025-07-01&format=${format}`,
        headers: admin,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["x-row-count"]).toBe("2000");
      const before = await rowCounts(t.database);
      const report = await importFile(res.rawPayload, "asOf=2025-07-01", admin, "application/octet-stream");
      expect(report).toMatchObject({
        rows: 2000,
        created: 0,
        ended: 0,
        unchanged: 2000,
        linksCreated: 0,
        errors: [],
      });
      expect(await rowCounts(t.database)).toEqual(before);
    },
  );

  it("ends units and records lineage from the file, and that file then imports unchanged", async () => {
    const lines = [
      "P.1,Đơn vị 1,department,government,P,,01/07/2025,31/12/2025",
      "P.2,Đơn vị 2,department,government,P,,01/07/2025,",
      "Q.1,Sở Hợp Nhất,department,government,P,,01/01/2026,",
    ];
    const file = Buffer.from(
      `${HEADER}\n${lines.join("\n")}\n\nMã đơn vị trước,Mã đơn vị sau,Hình thức,Ngày hiệu lực\nP.1,Q.1,merge,01/01/2026\n`,
    );
    // P.1 still has divisions after its end: the service refuses, the row is named, nothing is written.
    const before = await rowCounts(t.database);
    const refused = await importFile(file, "asOf=2025-07-01");
    expect(refused.errors).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringMatching(/còn đơn vị trực thuộc/) }),
    ]);
    expect(await rowCounts(t.database)).toEqual(before);

    const moved = lines.slice(1).concat("P.3,Đơn vị 3,department,government,P,,01/07/2025,31/12/2025");
    const mergeFile = Buffer.from(
      `${HEADER}\n${moved.join("\n")}\n\nMã đơn vị trước,Mã đơn vị sau,Hình thức,Ngày hiệu lực\nP.3,Q.1,merge,01/01/2026\n`,
    );
    // P.3's divisions move first (by the API), then the file ends it and merges it into Q.1.
    const tree = await t.services.units.tree(t.system, "2026-01-01");
    const p3 = tree.nodes.find((n) => n.code === "P.3")!;
    const p2 = tree.nodes.find((n) => n.code === "P.2")!;
    await t.services.units.moveMany(
      t.system,
      tree.nodes
        .filter((n) => n.parentId === p3.id)
        .map((n) => ({ id: n.id, parentId: p2.id, effectiveDate: "2026-01-01" })),
    );
    const applied = await importFile(mergeFile, "asOf=2025-07-01");
    expect(applied).toMatchObject({ created: 1, ended: 1, unchanged: 1, linksCreated: 1, errors: [] });
    const detail = await t.services.units.get(t.system, p3.id);
    expect(detail.validTo).toBe("2026-01-01");
    expect(detail.links).toEqual([expect.objectContaining({ kind: "merge", successorName: "Sở Hợp Nhất" })]);
    const again = await importFile(mergeFile, "asOf=2025-07-01");
    expect(again).toMatchObject({ created: 0, ended: 0, unchanged: 3, linksCreated: 0, errors: [] });
  });

  it("writes the lineage on a second sheet of the xlsx export", async () => {
    const res = await t.app.inject({ url: "/api/units/export?asOf=2026-01-01&format=xlsx", headers: admin });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Đơn vị", "Kế thừa"]);
    expect(wb.worksheets[1]!.getRow(2).values).toEqual([undefined, "P.3", "Q.1", "merge", "01/01/2026"]);
  });

  it("does not let an officer create a root or reach units outside the scope", async () => {
    const tree = await t.services.units.tree(t.system, "2025-07-01");
    const p5 = tree.nodes.find((n) => n.code === "P.5")!;
    const officer = await t.userSession({
      username: "officer.transfer",
      roles: ["officer"],
      scopeUnitIds: [p5.id],
    });
    const before = await rowCounts(t.database);
    const report = await importFile(
      csv(["R,Tỉnh Khác,city,,,,01/07/2025,", "P.6.X,Phòng mới,division,government,P.6,,01/07/2025,"]),
      "",
      officer.headers,
    );
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringMatching(/Chỉ quản trị hệ thống/) }),
      expect.objectContaining({
        row: 3,
        message: expect.stringMatching(/Không tìm thấy đơn vị cấp trên mã P\.6/),
      }),
    ]);
    expect(await rowCounts(t.database)).toEqual(before);
    const res = await t.app.inject({
      url: "/api/units/export?asOf=2025-07-01&format=csv",
      headers: officer.headers,
    });
    expect(Number(res.headers["x-row-count"])).toBe(
      tree.nodes.filter((n) => n.parentId === p5.id).length + 1,
    );
  });

  it("refuses a file without the required columns, naming them", async () => {
    const report = await importFile(Buffer.from("Mã đơn vị,Tên\nX,Y\n"), "dryRun=true");
    expect(report.errors).toEqual([
      expect.objectContaining({
        row: 1,
        message: expect.stringMatching(/Thiếu cột: Tên đơn vị, Loại đơn vị, Hoạt động từ ngày/),
      }),
    ]);
  });
});

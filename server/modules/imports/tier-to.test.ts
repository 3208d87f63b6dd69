import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { parseCsvText } from "./csv.ts";
import {
  buildOrg,
  countRows,
  personRow,
  type RowValues,
  tempDir,
  writeCsv,
  writeXlsx,
} from "./imports.test-helpers.ts";

/**
 * The end of a management tier in the import (docs/import-format.md, "Ngày kết thúc diện quản lý"): typed
 * inclusive, the last day held (DOMAIN §9), stored as the day after it. A row with an end is a period of its
 * own: its tier must be in force on every day of it (the district tier until 30/6/2025), and it is added
 * beside the person's rows without closing any, so it may not overlap them.
 */

let t: TestApp;
const tmp = tempDir();
let serial = 300_000;

beforeAll(async () => {
  t = await createTestApp();
  await buildOrg(t);
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

/** A row for a person never imported before, with overrides. */
function freshRow(overrides: RowValues = {}): RowValues {
  serial += 1;
  return personRow(serial, overrides);
}

const run = async (rows: readonly RowValues[], options: { dryRun?: boolean } = {}) => {
  const file = await writeXlsx(tmp.file(`tier-to-${serial}-${Math.random()}.xlsx`), rows);
  return t.services.imports.importCadres(t.system, { path: file, fileName: "dien-quan-ly.xlsx" }, options);
};

async function tiersOf(staffCode: unknown) {
  const result = await t.db.execute<{ tier: string; validFrom: string; validTo: string | null }>(sql`
    SELECT t.tier, t.valid_from AS "validFrom", t.valid_to AS "validTo"
    FROM cadre_tiers t JOIN cadres c ON c.id = t.cadre_id
    WHERE c.staff_code = ${String(staffCode)} ORDER BY t.valid_from`);
  return result.rows;
}

describe("a row's tier period, checked on the row", () => {
  it.each([
    {
      name: "an end without a first day",
      cells: { tier: "Cơ sở", tierFrom: "", tierTo: "31/12/2024" },
      column: "tierFrom",
      message: /Thiếu Ngày bắt đầu diện quản lý/,
    },
    {
      name: "an end without a tier",
      cells: { tier: "", tierFrom: "01/01/2020", tierTo: "31/12/2024" },
      column: "tier",
      message: /Thiếu Diện quản lý/,
    },
    {
      name: "an end before the first day",
      cells: { tier: "Cơ sở", tierFrom: "01/01/2020", tierTo: "31/12/2019" },
      column: "tierTo",
      message: /phải từ ngày bắt đầu diện quản lý \(01\/01\/2020\) trở đi/,
    },
    {
      name: "an end that is no date",
      cells: { tier: "Cơ sở", tierFrom: "01/01/2020", tierTo: "31/02/2024" },
      column: "tierTo",
      message: /Ngày kết thúc diện quản lý không hợp lệ/,
    },
    {
      name: "a district tier past 30/6/2025",
      cells: { tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "01/07/2025" },
      column: "tierTo",
      message:
        /Diện quản lý này chỉ có đến 30\/06\/2025; Ngày kết thúc diện quản lý phải chậm nhất là 30\/06\/2025/,
    },
    {
      name: "a district tier starting after 30/6/2025",
      cells: { tier: "BTV Quận ủy", tierFrom: "01/07/2025", tierTo: "31/12/2025" },
      column: "tierTo",
      message: /chỉ có đến 30\/06\/2025/,
    },
    {
      name: "a district tier still held (no end)",
      cells: { tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "" },
      column: "tier",
      message: /chỉ có đến 30\/06\/2025; .*hãy ghi Ngày kết thúc diện quản lý \(chậm nhất 30\/06\/2025\)/,
    },
  ])("refuses $name, and writes nothing", async ({ cells, column, message }) => {
    const before = await countRows(t);
    const report = await run([freshRow(cells)]);
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, column, message: expect.stringMatching(message) }),
    ]);
    expect(await countRows(t)).toEqual(before);
  });

  it.each([
    {
      name: "a district tier ending on its last day",
      cells: { tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "30/06/2025" },
      stored: [{ tier: "district_standing", validFrom: "2020-01-01", validTo: "2025-07-01" }],
    },
    {
      name: "a one-day period (the end on the first day)",
      cells: { tier: "Cơ sở", tierFrom: "15/03/2021", tierTo: "15/03/2021" },
      stored: [{ tier: "grassroots", validFrom: "2021-03-15", validTo: "2021-03-16" }],
    },
    {
      name: "an end across a year, typed as ISO",
      cells: { tier: "Đảng ủy sở ngành", tierFrom: "2025-07-01", tierTo: "2025-12-31" },
      stored: [{ tier: "department_committee", validFrom: "2025-07-01", validTo: "2026-01-01" }],
    },
    {
      name: "no end: the tier still held",
      cells: { tier: "Cơ sở", tierFrom: "01/01/2020", tierTo: "" },
      stored: [{ tier: "grassroots", validFrom: "2020-01-01", validTo: null }],
    },
  ])("stores $name as the half-open period ending the day after", async ({ cells, stored }) => {
    const row = freshRow(cells);
    const report = await run([row]);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, created: 1 });
    expect(await tiersOf(row.staffCode)).toEqual(stored);
  });
});

describe("a period with an end beside the person's tiers", () => {
  it("adds a past district period under a current tier, closing nothing, and audits it", async () => {
    const row = freshRow({ tier: "Đảng ủy sở ngành", tierFrom: "01/07/2025" });
    await run([row]);
    const past = { ...row, tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "30/06/2025" };
    const report = await run([past]);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, updated: 1 });
    expect(await tiersOf(row.staffCode)).toEqual([
      { tier: "district_standing", validFrom: "2020-01-01", validTo: "2025-07-01" },
      { tier: "department_committee", validFrom: "2025-07-01", validTo: null },
    ]);
    const audit = await t.db.execute<{ before: Record<string, unknown>; after: Record<string, unknown> }>(sql`
      SELECT before, after FROM audit_log WHERE action = 'cadre.updated'
        AND entity_id = (SELECT id::text FROM cadres WHERE staff_code = ${String(row.staffCode)})`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after.tier).toEqual({
      tier: "district_standing",
      validFrom: "2020-01-01",
      validTo: "2025-07-01",
    });
    // No row of the person was closed.
    expect(audit.rows[0]!.before.tier).toBeUndefined();
  });

  it("refuses a period that overlaps a stored row, open or ended, and changes nothing", async () => {
    const open = freshRow({ tier: "Cơ sở", tierFrom: "01/01/2020" });
    const ended = freshRow({ tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "30/06/2025" });
    expect(await run([open, ended])).toMatchObject({ committed: true, created: 2 });
    const before = await countRows(t);
    const report = await run([
      // Over the open grassroots row: a row with an end does not close it.
      { ...open, tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "30/06/2025" },
      // The stored district period with another end: a correction is made on the record screen.
      { ...ended, tierTo: "31/05/2025" },
    ]);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [
        2,
        "tierFrom",
        expect.stringMatching(/trùng với dòng diện quản lý đã có của hồ sơ \(bắt đầu 01\/01\/2020\)/),
      ],
      [3, "tierFrom", expect.stringMatching(/trùng với dòng diện quản lý đã có/)],
    ]);
    expect(await countRows(t)).toEqual(before);
    expect(await tiersOf(open.staffCode)).toEqual([
      { tier: "grassroots", validFrom: "2020-01-01", validTo: null },
    ]);
  });

  it("accepts a period just before a stored one (ending the day before it starts)", async () => {
    const row = freshRow({ tier: "Cơ sở", tierFrom: "01/01/2022" });
    await run([row]);
    const report = await run([{ ...row, tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "31/12/2021" }]);
    expect(report.errors).toEqual([]);
    expect(await tiersOf(row.staffCode)).toEqual([
      { tier: "district_standing", validFrom: "2020-01-01", validTo: "2022-01-01" },
      { tier: "grassroots", validFrom: "2022-01-01", validTo: null },
    ]);
  });
});

describe("importing again", () => {
  it("the same file with ended tiers changes nothing: no row, no history, no audit but the import's", async () => {
    const rows = [
      freshRow({ tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "30/06/2025" }),
      freshRow({ tier: "Cơ sở", tierFrom: "01/03/2019", tierTo: "28/02/2023" }),
      freshRow({ tier: "Đảng ủy sở ngành", tierFrom: "01/07/2025" }),
    ];
    const first = await run(rows);
    expect(first).toMatchObject({ committed: true, created: 3 });
    const before = await countRows(t);
    expect(await run(rows)).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3 });
    const csv = writeCsv(tmp.file("tier-to-again.csv"), rows);
    expect(
      await t.services.imports.importCadres(t.system, { path: csv, fileName: "again.csv" }),
    ).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3, errorCount: 0 });
    const after = await countRows(t);
    expect({ ...after, audit_log: after.audit_log - 2 }).toEqual(before);
  });

  it("an export as of a day in an ended tier writes its last day, and imports again unchanged", async () => {
    const row = freshRow({ tier: "BTV Quận ủy", tierFrom: "01/01/2020", tierTo: "30/06/2025" });
    await run([row]);
    const admin = await t.userSession({ username: `tier.admin${serial}`, roles: ["admin"] });
    const res = await t.app.inject({
      method: "GET",
      url: `/api/cadres/export?format=csv&asOf=2024-05-31&q=${String(row.staffCode)}`,
      headers: admin.headers,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const [header, ...lines] = parseCsvText(res.body.replace(/^\uFEFF/, "")).map((r) => r.cells);
    expect(lines).toHaveLength(1);
    const cell = (key: string) => lines[0]![header!.indexOf(key)];
    expect([
      cell("Diện quản lý"),
      cell("Ngày bắt đầu diện quản lý"),
      cell("Ngày kết thúc diện quản lý"),
    ]).toEqual(["BTV Quận ủy", "01/01/2020", "30/06/2025"]);
    const file = tmp.file("tier-to-export.csv");
    fs.writeFileSync(file, res.rawPayload);
    const before = await countRows(t);
    expect(
      await t.services.imports.importCadres(t.system, { path: file, fileName: "export.csv" }),
    ).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 1, errorCount: 0 });
    const after = await countRows(t);
    expect({ ...after, audit_log: after.audit_log - 1 }).toEqual(before);
  });
});

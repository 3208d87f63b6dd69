import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CadrePage } from "../../../common/contracts/cadres.ts";
import type { ImportReport } from "../../../common/contracts/imports.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { parseCsvText } from "./csv.ts";
import { createExportsService } from "./exports.ts";
import {
  buildOrg,
  countRows,
  type Org,
  personRow,
  type RowValues,
  readXlsx,
  tempDir,
  writeXlsx,
} from "./imports.test-helpers.ts";

let t: TestApp;
let org: Org;
let admin: { headers: Record<string, string> };
let officer: { headers: Record<string, string> };
const tmp = tempDir();

/**
 * 60 people imported (as of the test clock, 2026-06-15): units alternate 00001 / 00004 (district 001),
 * every fifth in 00500 (district 017); every third a woman; tiers, staff types, qualifications vary.
 */
beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
  officer = await t.userSession({ username: "officer1", roles: ["officer"], scopeUnitIds: [org.A] });
  const rows: RowValues[] = Array.from({ length: 60 }, (_, k) =>
    personRow(500 + k, {
      unitCode: k % 5 === 0 ? "00500" : k % 2 === 0 ? "00001" : "00004",
      staffType: k % 4 === 0 ? "Viên chức" : "Công chức",
      tier: k % 6 === 0 ? "Đảng ủy sở ngành" : "Cơ sở",
      qualificationCode: k % 3 === 0 ? "master" : "university",
      stateManagementCode: k % 2 === 0 ? "expert" : "",
      stateManagementDate: k % 2 === 0 ? "20/11/2018" : "",
      birthplaceUnitCode: k % 7 === 0 ? "001" : "",
    }),
  );
  const report = await t.services.imports.importCadres(t.system, {
    path: await writeXlsx(tmp.file("people.xlsx"), rows),
    fileName: "people.xlsx",
  });
  expect(report.committed).toBe(true);
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

async function exportCsv(session: { headers: Record<string, string> }, query: string) {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/cadres/export?format=csv&${query}`,
    headers: session.headers,
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const records = parseCsvText(res.body.replace(/^\uFEFF/, ""));
  return { header: records[0]!.cells, rows: records.slice(1).map((r) => r.cells), res };
}

async function listCodes(session: { headers: Record<string, string> }, query: string): Promise<string[]> {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/cadres?pageSize=200&${query}`,
    headers: session.headers,
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const page = res.json() as CadrePage;
  expect(page.total).toBeLessThanOrEqual(200);
  return page.items.map((i) => i.staffCode);
}

describe("export", () => {
  it("exports exactly the rows of the list, in its order, for every filter", async () => {
    const titles = await t.services.posts.listTitles(t.system);
    const expert = titles.items.find((x) => x.code === "expert")!.id;
    const queries = [
      "",
      `unitId=${org.A}`,
      `unitId=${org.B1}`,
      "sex=female",
      "staffType=public_employee&tier=grassroots",
      "qualification=master",
      "ageFrom=40&ageTo=50",
      "q=tran thi",
      `titleId=${expert}&sex=male`,
      `unitId=${org.A1}&asOf=2019-06-01`,
      "includeLeft=true",
    ];
    for (const q of queries) {
      const expected = await listCodes(admin, q);
      const { rows } = await exportCsv(admin, q);
      expect(
        rows.map((r) => r[0]),
        q,
      ).toEqual(expected);
    }
    // Not one page: more rows than the list's default page size.
    const all = await exportCsv(admin, "");
    expect(all.rows.length).toBe(60);
    expect(all.res.headers["x-row-count"]).toBe("60");
  });

  it("an officer exports only their scope, without the sensitive columns", async () => {
    const { header, rows } = await exportCsv(officer, "");
    expect(rows.map((r) => r[0])).toEqual(await listCodes(officer, ""));
    expect(rows.length).toBe(48);
    expect(header).not.toContain("Số định danh cá nhân");
    expect(header).not.toContain("Mã dân tộc");
    expect(header).not.toContain("Mã tôn giáo");
    expect(header).toContain("Số hiệu cán bộ");
    const admins = await exportCsv(admin, "");
    const idColumn = admins.header.indexOf("Số định danh cá nhân");
    expect(idColumn).toBeGreaterThan(0);
    expect(admins.rows[0]![idColumn]).toMatch(/^\d{12}$/);
    // Outside the scope: refused like the list.
    const res = await t.app.inject({
      method: "GET",
      url: `/api/cadres/export?unitId=${org.B}`,
      headers: officer.headers,
    });
    expect(res.statusCode).toBe(404);
  });

  it("records every export in the audit trail with its filter and row count", async () => {
    await exportCsv(admin, `unitId=${org.A}&sex=female`);
    const audit = await t.db.execute<{ actorUsername: string; after: Record<string, unknown> }>(
      sql`SELECT actor_username AS "actorUsername", after FROM audit_log WHERE action = 'cadres.exported'
          ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]!.actorUsername).toBe("admin1");
    expect(audit.rows[0]!.after).toMatchObject({
      filter: { unitId: org.A, sex: "female", asOf: "2026-06-15" },
      rows: (await listCodes(admin, `unitId=${org.A}&sex=female`)).length,
      format: "csv",
      sensitiveColumns: true,
    });
    // The filter as the user gave it: an export has no page.
    expect(audit.rows[0]!.after.filter).not.toHaveProperty("page");
    expect(audit.rows[0]!.after.filter).not.toHaveProperty("pageSize");
  });

  it("keeps the ID number of an export filtered by it out of the audit trail (last four digits only)", async () => {
    const [someone] = (await t.services.cadres.list(t.system, { page: 1, pageSize: 1 })).items;
    const idNumber = (await t.services.cadres.get(t.system, someone!.id)).idNumber!;
    expect((await exportCsv(admin, `idNumber=${idNumber}`)).rows).toHaveLength(1);
    const rows = await t.db.execute<{ action: string; after: Record<string, unknown> }>(
      sql`SELECT action, after FROM audit_log WHERE action IN ('cadres.exported', 'cadre.id_number_searched')
          ORDER BY id DESC LIMIT 2`,
    );
    expect(rows.rows.map((r) => r.action).sort()).toEqual(["cadre.id_number_searched", "cadres.exported"]);
    expect(JSON.stringify(rows.rows)).not.toContain(idNumber);
    expect(JSON.stringify(rows.rows)).toContain(`********${idNumber.slice(-4)}`);
  });

  it("an export imported again changes nothing (xlsx with sensitive columns, csv without)", async () => {
    const xlsx = await t.app.inject({
      method: "GET",
      url: "/api/cadres/export?format=xlsx",
      headers: admin.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    const file = tmp.file("export.xlsx");
    fs.writeFileSync(file, xlsx.rawPayload);
    const sheet = await readXlsx(file);
    expect(sheet.length).toBe(61);
    const before = await countRows(t);
    const report = await t.services.imports.importCadres(t.system, { path: file, fileName: "export.xlsx" });
    expect(report).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 60, errorCount: 0 });
    const after = await countRows(t);
    expect({ ...after, audit_log: after.audit_log - 1 }).toEqual(before);

    const csv = await t.app.inject({
      method: "GET",
      url: "/api/cadres/export?format=csv",
      headers: officer.headers,
    });
    const csvFile = tmp.file("export.csv");
    fs.writeFileSync(csvFile, csv.rawPayload);
    const body = Buffer.from(fs.readFileSync(csvFile));
    const upload = await t.app.inject({
      method: "POST",
      url: "/api/imports/cadres?fileName=export.csv",
      headers: { ...officer.headers, "content-type": "text/csv" },
      payload: body,
    });
    expect(upload.statusCode, upload.body.slice(0, 300)).toBe(200);
    expect(upload.json() as ImportReport).toMatchObject({
      committed: true,
      created: 0,
      updated: 0,
      unchanged: 48,
    });
    const final = await countRows(t);
    expect({ ...final, audit_log: final.audit_log - 3 }).toEqual(before);
  });

  it("reads in pieces: another user's query is answered while a long export is still being read", async () => {
    // ADR 0001: on the embedded database one statement holds the session; an export of a city takes
    // seconds, so it is read in short statements and other users' statements run in between.
    let pieces = 0;
    let answeredAfterPiece: number | undefined;
    let probe: Promise<unknown> | undefined;
    const inPieces = createExportsService({
      db: t.db,
      audit: t.services.audit,
      clock: t.clock,
      cadres: t.services.cadres,
      pieceRows: 3,
      onPiece: () => {
        pieces += 1;
        probe ??= t.db.execute(sql`SELECT 1`).then(() => {
          answeredAfterPiece = pieces;
        });
      },
    });
    const prepared = await inPieces.exportCadres(t.system, { format: "csv", page: 1, pageSize: 1 });
    const file = tmp.file("pieces.csv");
    await prepared.write(file);
    await probe;
    expect(pieces).toBeGreaterThan(5);
    expect(answeredAfterPiece).toBeDefined();
    expect(answeredAfterPiece!).toBeLessThan(pieces);
    // The pieces together are the whole list, once each, in its order.
    const rows = parseCsvText(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "")).slice(1);
    expect(rows.map((r) => r.cells[0])).toEqual(await listCodes(admin, ""));
    expect(prepared.rows).toBe(60);
  });
});

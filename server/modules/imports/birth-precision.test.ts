import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CadreDetail, CadrePage } from "../../../common/contracts/cadres.ts";
import type { ImportReport } from "../../../common/contracts/imports.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { parseCsvText } from "./csv.ts";
import {
  buildOrg,
  countRows,
  idNumberFor,
  personRow,
  tempDir,
  writeCsv,
  writeXlsx,
} from "./imports.test-helpers.ts";

/**
 * Birth dates known only by month or year (Decree 135/2020 art. 3) through the import and the export:
 * "03/1975" and "1975" (as text, and as a number cell) are stored as their first day with the precision,
 * printed back as written, and an export imported again changes nothing.
 */

let t: TestApp;
let officer: { headers: Record<string, string> };
const tmp = tempDir();

beforeAll(async () => {
  t = await createTestApp();
  const org = await buildOrg(t);
  officer = await t.userSession({ username: "officer1", roles: ["officer"], scopeUnitIds: [org.A] });
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

const get = async (url: string) => {
  const res = await t.app.inject({ method: "GET", url: `/api${url}`, headers: officer.headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
};

async function record(staffCode: string): Promise<CadreDetail> {
  const page = (await get(`/cadres?q=${staffCode}`)).json() as CadrePage;
  return (await get(`/cadres/${page.items[0]!.id}`)).json() as CadreDetail;
}

describe("birth dates known by month or year through the import", () => {
  it("stores the first day, keeps the precision and prints it as known everywhere", async () => {
    const rows = [
      // (personRow(i) dates its career from the year 1965 + i % 35; these men are born in that year)
      personRow(10, {
        birthDate: "03/1975",
        idNumber: idNumberFor("male", "1975-03-01", 10),
        unitCode: "00001",
      }),
      personRow(38, {
        birthDate: "1968",
        idNumber: idNumberFor("male", "1968-01-01", 38),
        unitCode: "00001",
      }),
      personRow(7, { birthDate: 1972, idNumber: idNumberFor("male", "1972-01-01", 7), unitCode: "00001" }),
      personRow(50, {
        birthDate: "12/03/1980",
        idNumber: idNumberFor("male", "1980-03-12", 50),
        unitCode: "00001",
      }),
    ];
    const report = await t.services.imports.importCadres(t.system, {
      path: await writeXlsx(tmp.file("partial.xlsx"), rows),
      fileName: "partial.xlsx",
    });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, created: 4 });

    const [month, year, yearCell, day] = (await Promise.all(
      rows.map((r) => record(String(r.staffCode))),
    )) as [CadreDetail, CadreDetail, CadreDetail, CadreDetail];
    expect(month).toMatchObject({ birthDate: "1975-03-01", birthDatePrecision: "month" });
    expect(year).toMatchObject({ birthDate: "1968-01-01", birthDatePrecision: "year" });
    expect(yearCell).toMatchObject({ birthDate: "1972-01-01", birthDatePrecision: "year" });
    expect(day).toMatchObject({ birthDate: "1980-03-12", birthDatePrecision: "day" });
    // Known by year: born 1 January 1968, a man reaches 62 (the age from 2028) in 01/2030.
    expect(year.computed.retirement.retirementDate).toBe("2030-01-31");

    const cv = await get(`/cadres/${year.id}/cv?format=html`);
    expect(cv.body).toMatch(/\b1968\b/);
    expect(cv.body).not.toContain("01/01/1968");

    const csv = await get("/cadres/export?format=csv");
    const records = parseCsvText(csv.body.replace(/^\uFEFF/, ""));
    const col = records[0]!.cells.indexOf("Ngày sinh");
    const byCode = new Map(records.slice(1).map((r) => [r.cells[0], r.cells[col]]));
    expect(rows.map((r) => byCode.get(String(r.staffCode)))).toEqual([
      "03/1975",
      "1968",
      "1972",
      "12/03/1980",
    ]);

    const before = await countRows(t);
    const file = tmp.file("again.csv");
    fs.writeFileSync(file, csv.rawPayload);
    const again = await t.services.imports.importCadres(t.system, { path: file, fileName: "again.csv" });
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 4 });
    const after = await countRows(t);
    expect({ ...after, audit_log: after.audit_log - 1 }).toEqual(before);
  });

  it("updates the precision when a better-known date comes in, and undoes nothing else", async () => {
    const code = String(personRow(10).staffCode);
    const row = personRow(10, {
      birthDate: "17/03/1975",
      idNumber: idNumberFor("male", "1975-03-17", 10),
      unitCode: "00001",
    });
    const report = await t.services.imports.importCadres(t.system, {
      path: writeCsv(tmp.file("better.csv"), [row]),
      fileName: "better.csv",
    });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ committed: true, updated: 1 });
    expect(await record(code)).toMatchObject({ birthDate: "1975-03-17", birthDatePrecision: "day" });
  });

  it.each(["13/1975", "1975-13", "19755", "03/75", "31/02/1980"])(
    "refuses the birth date %s with the row named, writing nothing",
    async (birthDate) => {
      const before = await countRows(t);
      const report: ImportReport = await t.services.imports.importCadres(t.system, {
        path: writeCsv(tmp.file("bad.csv"), [personRow(9, { birthDate, unitCode: "00001" })]),
        fileName: "bad.csv",
      });
      expect(report.committed).toBe(false);
      expect(report.errors[0]).toMatchObject({ row: 2, column: "birthDate" });
      expect(report.errors[0]!.message).toContain("mm/yyyy");
      expect(await countRows(t)).toEqual(before);
    },
  );
});

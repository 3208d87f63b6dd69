import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Analysis, IndicatorDetail, Indicators } from "../../../common/contracts/indicators.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, type Org, titleIds } from "../cadres/cadres.test-helpers.ts";

/**
 * The dashboard's tables as spreadsheets: the same figures as the API for the same date and unit, and
 * only the reader's scope. Population on D: district A (Ba Đình) has two women and one man (one of the
 * women in ward A1), district B (Đông Anh) has two men.
 */
const D = "2026-01-01";
let t: TestApp;
let org: Org;
let admin: Record<string, string>;
let officerA: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  const title = await titleIds(t);
  const make = cadreFactory(t, { unitId: org.city, titleId: title.expert! });
  const at = (unitId: number) => ({
    assignment: { unitId, titleId: title.expert!, validFrom: "2010-01-01" },
  });
  await make({ fullName: "Trần Thị Bình", sex: "female", birthDate: "1975-03-12", ...at(org.districtA) });
  await make({ fullName: "Nguyễn Văn An", sex: "male", ...at(org.districtA) });
  await make({ fullName: "Lê Thị Chi", sex: "female", ...at(org.communeA1) });
  await make({ fullName: "Phạm Văn Dũng", ...at(org.districtB) });
  await make({ fullName: "Hoàng Văn Em", ...at(org.districtB) });
  // A figure of everyone: the share of women, at least 50 % (district B has none, so it is below target).
  await t.services.indicators.addVersion(t.system, "NU", {
    effectiveFrom: "2020-01-01",
    name: "Tỷ lệ nữ",
    nameEn: "Women",
    population: {},
    condition: { kind: "sex", sex: "female" },
    target: 50,
    direction: ">=",
    display: "percent",
    sortOrder: 99,
    active: true,
    reason: "Chỉ tiêu thử",
  });
  admin = (await t.userSession({ username: "quan.tri.bang", roles: ["admin"] })).headers;
  officerA = (
    await t.userSession({ username: "to.chuc.ba.dinh", roles: ["officer"], scopeUnitIds: [org.districtA] })
  ).headers;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function json<T>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await t.app.inject({ method: "GET", url, headers });
  expect(res.statusCode, url).toBe(200);
  return res.json() as T;
}

/** The rows of the downloaded workbook's first sheet, values as ExcelJS reads them (row 1 first). */
async function sheetRows(url: string, headers: Record<string, string>) {
  const res = await t.app.inject({ method: "GET", url, headers });
  expect(res.statusCode, url).toBe(200);
  expect(res.headers["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as ExcelJS.CellValue[]).slice(1);
  });
  return { rows, sheet, rowCount: Number(res.headers["x-row-count"]) };
}

describe("dashboard tables as spreadsheets", () => {
  it("writes the cards with the figures the API returns", async () => {
    const api = await json<Indicators>(`/api/indicators?asOf=${D}&unitId=${org.city}`, admin);
    const { rows, rowCount } = await sheetRows(`/api/indicators.xlsx?asOf=${D}&unitId=${org.city}`, admin);
    expect(rows[1]![0]).toContain("Thành phố Hà Nội");
    expect(rows[1]![0]).toContain("01/01/2026");
    expect(rows[2]!.slice(0, 5)).toEqual(["STT", "Mã", "Chỉ tiêu", "Tử số", "Mẫu số"]);
    const body = rows.slice(3);
    expect(rowCount).toBe(api.items.length);
    expect(body.map((r) => [r[1], r[3] ?? null, r[4] ?? null, r[5] ?? null])).toEqual(
      api.items.map((i) => [i.code, i.numerator, i.denominator, i.percent]),
    );
    const women = body.find((r) => r[1] === "NU")!;
    expect([women[3], women[4]]).toEqual([2, 5]);
  });

  it("writes the breakdown by child unit and the below-target table as the API returns them", async () => {
    const code = "NU";
    const detail = await json<IndicatorDetail>(`/api/indicators/${code}?asOf=${D}&unitId=${org.city}`, admin);
    const { rows } = await sheetRows(
      `/api/indicators/${code}/breakdown.xlsx?asOf=${D}&unitId=${org.city}`,
      admin,
    );
    const units = rows.slice(3, 3 + detail.byUnit.length);
    expect(units.map((r) => [r[0], r[1] ?? null, r[2] ?? null, r[3] ?? null])).toEqual(
      detail.byUnit.map((u) => [u.label, u.unit?.code ?? null, u.numerator, u.denominator]),
    );
    expect(units.map((r) => r[0])).toEqual(expect.arrayContaining(["Quận Ba Đình", "Huyện Đông Anh"]));
    const total = rows[3 + detail.byUnit.length]!;
    expect([total[2], total[3]]).toEqual([detail.indicator.numerator, detail.indicator.denominator]);

    const analysis = await json<Analysis>(`/api/indicators/analysis?asOf=${D}&unitId=${org.city}`, admin);
    const below = await sheetRows(
      `/api/indicators/analysis/below-target.xlsx?asOf=${D}&unitId=${org.city}`,
      admin,
    );
    const expected = analysis.belowTarget.flatMap((b) =>
      b.units.map((u) => [b.code, u.label, u.numerator, u.denominator]),
    );
    expect(expected).toContainEqual(["NU", "Huyện Đông Anh", 0, 2]);
    expect(below.rowCount).toBe(expected.length);
    expect(below.rows.slice(3).map((r) => [r[0], r[3], r[5], r[6]])).toEqual(expected);
  });

  it("gives an officer of one district only that district", async () => {
    const own = await sheetRows(`/api/indicators.xlsx?asOf=${D}`, officerA);
    expect(own.rows[1]![0]).toContain("Quận Ba Đình");
    const api = await json<Indicators>(`/api/indicators?asOf=${D}`, officerA);
    expect(own.rows.slice(3).map((r) => r[4] ?? null)).toEqual(api.items.map((i) => i.denominator));
    expect(api.items.find((i) => i.code === "NU")!.denominator).toBe(3);

    const code = "NU";
    const breakdown = await sheetRows(`/api/indicators/${code}/breakdown.xlsx?asOf=${D}`, officerA);
    const labels = breakdown.rows.slice(3).map((r) => String(r[0] ?? ""));
    expect(labels.join("|")).not.toContain("Đông Anh");
    expect(labels).toContain("Phường Phúc Xá");

    for (const url of [
      `/api/indicators.xlsx?asOf=${D}&unitId=${org.districtB}`,
      `/api/indicators.xlsx?asOf=${D}&unitId=${org.city}`,
      `/api/indicators/${code}/breakdown.xlsx?asOf=${D}&unitId=${org.districtB}`,
      `/api/indicators/analysis/below-target.xlsx?asOf=${D}&unitId=${org.districtB}`,
    ]) {
      const res = await t.app.inject({ method: "GET", url, headers: officerA });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it("writes the birth dates of the drill-down list as real date cells", async () => {
    const code = "NU";
    const { rows, sheet } = await sheetRows(
      `/api/indicators/${code}/people.xlsx?asOf=${D}&unitId=${org.districtA}&side=denominator`,
      admin,
    );
    const binh = rows.findIndex((r) => r[2] === "Trần Thị Bình");
    expect(binh).toBeGreaterThan(2);
    const cell = sheet.getRow(binh + 1).getCell(5);
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString().slice(0, 10)).toBe("1975-03-12");
    expect(cell.numFmt).toBe("dd/mm/yyyy");
  });
});

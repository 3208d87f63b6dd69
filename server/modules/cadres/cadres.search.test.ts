import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, type Org, titleIds } from "./cadres.test-helpers.ts";

let t: TestApp;
let org: Org;
let titles: Record<string, number>;
let admin: { headers: Record<string, string> };
const ids: Record<string, number> = {};

/**
 * Six people, asked about on 2026-06-15 (the test clock) unless a date is given:
 * - Nguyễn Văn Ánh: A1, born 1980, district standing tier, master's 2015, intermediate theory 2012
 * - Trần Thị Bích: A2, born 1990, university 2012, senior theory 2020, concurrent head of division
 * - Lê Văn An: B1, born 1961, college
 * - Phạm Anh Tuấn: A1 until 2024-01-01, then B1; 40 tomorrow
 * - Đỗ Thị Ánh: B1, 40 today
 * - Nguyễn Anh: A2, contract staff, born 29 February 2000
 */
beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  titles = await titleIds(t);
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
  const make = cadreFactory(t, { unitId: org.communeA1, titleId: titles.expert! });
  const sys = t.system;
  const h = t.services.histories;

  ids.anh = (await make({ fullName: "Nguyễn Văn Ánh", birthDate: "1980-05-10" })).id;
  await h.add(sys, ids.anh, "tiers", { tier: "department_committee", validFrom: "2015-01-01" });
  await h.add(sys, ids.anh, "qualifications", {
    category: "professional",
    levelCode: "university",
    obtainedOn: "2002-06-30",
  });
  await h.add(sys, ids.anh, "qualifications", {
    category: "professional",
    levelCode: "master",
    obtainedOn: "2015-06-30",
  });
  await h.add(sys, ids.anh, "qualifications", {
    category: "political_theory",
    levelCode: "intermediate",
    obtainedOn: "2012-01-01",
  });

  ids.bich = (
    await make({
      fullName: "Trần Thị Bích",
      sex: "female",
      birthDate: "1990-07-01",
      assignment: { unitId: org.communeA2, titleId: titles.expert!, validFrom: "2012-09-01" },
    })
  ).id;
  await h.add(sys, ids.bich, "tiers", { tier: "grassroots", validFrom: "2012-09-01" });
  await h.add(sys, ids.bich, "qualifications", {
    category: "professional",
    levelCode: "university",
    obtainedOn: "2012-06-30",
  });
  await h.add(sys, ids.bich, "qualifications", {
    category: "political_theory",
    levelCode: "senior",
    obtainedOn: "2020-01-01",
  });
  await h.add(sys, ids.bich, "assignments", {
    unitId: org.communeA2,
    titleId: titles.division_head!,
    isMain: false,
    validFrom: "2022-01-01",
  });

  ids.an = (
    await make({
      fullName: "Lê Văn An",
      birthDate: "1965-01-15",
      assignment: { unitId: org.communeB1, titleId: titles.expert!, validFrom: "2001-01-01" },
    })
  ).id;
  await h.add(sys, ids.an, "qualifications", {
    category: "professional",
    levelCode: "college",
    obtainedOn: "1990-06-30",
  });

  const tuan = await make({
    fullName: "Phạm Anh Tuấn",
    birthDate: "1986-06-16",
    assignment: { unitId: org.communeA1, titleId: titles.expert!, validFrom: "2010-01-01" },
  });
  ids.tuan = tuan.id;
  await h.end(sys, ids.tuan, "assignments", tuan.assignments[0]!.id, { endDate: "2024-01-01" });
  await h.add(sys, ids.tuan, "assignments", {
    unitId: org.communeB1,
    titleId: titles.expert!,
    validFrom: "2024-01-01",
  });

  ids.doAnh = (
    await make({
      fullName: "Đỗ Thị Ánh",
      sex: "female",
      birthDate: "1986-06-15",
      assignment: { unitId: org.communeB1, titleId: titles.expert!, validFrom: "2010-01-01" },
    })
  ).id;
  ids.nguyenAnh = (
    await make({
      fullName: "Nguyễn Anh",
      birthDate: "2000-02-29",
      staffType: "contract",
      assignment: { unitId: org.communeA2, titleId: titles.staff!, validFrom: "2022-03-01" },
    })
  ).id;
  // The ward is renamed on 2025-01-01: lists name it as it was on the date asked.
  await t.services.units.rename(sys, org.communeA1, {
    name: "Phường Phúc Xá (mới)",
    effectiveDate: "2025-01-01",
  });
});
afterAll(async () => t?.close());

type Page = {
  items: { id: number; fullName: string; unit: { id: number; name: string } | null; [k: string]: unknown }[];
  total: number;
};

async function list(query: string): Promise<Page> {
  const res = await t.app.inject({ method: "GET", url: `/api/cadres?${query}`, headers: admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const names = (p: Page) => p.items.map((i) => i.fullName).sort();

describe("name search ignores diacritics and case", () => {
  it.each([
    ["nguyen van anh", ["Nguyễn Văn Ánh"]],
    ["NGUYỄN VĂN ÁNH", ["Nguyễn Văn Ánh"]],
    ["anh", ["Nguyễn Anh", "Nguyễn Văn Ánh", "Phạm Anh Tuấn", "Đỗ Thị Ánh"]],
    ["Ánh", ["Nguyễn Anh", "Nguyễn Văn Ánh", "Phạm Anh Tuấn", "Đỗ Thị Ánh"]],
    ["nguyen anh", ["Nguyễn Anh", "Nguyễn Văn Ánh"]],
    ["do", ["Đỗ Thị Ánh"]], // two letters: a prefix of the name
    ["ng", ["Nguyễn Anh", "Nguyễn Văn Ánh"]],
    ["van a", ["Lê Văn An", "Nguyễn Văn Ánh"]], // a short word must start a word
    ["tuan pham", ["Phạm Anh Tuấn"]],
    ["xyz", []],
    ["100%", []],
  ])("%s finds %o", async (q, expected) => {
    expect(names(await list(`q=${encodeURIComponent(q)}`))).toEqual(expected);
  });

  it("finds a person by exact staff code", async () => {
    const detail = await t.services.cadres.get(t.system, ids.bich!);
    expect(names(await list(`q=${detail.staffCode}`))).toEqual(["Trần Thị Bích"]);
  });

  it("finds a staff code in any case and by its beginning", async () => {
    const detail = await t.services.cadres.get(t.system, ids.bich!);
    expect(names(await list(`q=${detail.staffCode.toLowerCase()}`))).toEqual(["Trần Thị Bích"]);
    const beginning = detail.staffCode.slice(0, -1).toLowerCase();
    const found = await list(`q=${beginning}`);
    expect(names(found)).toContain("Trần Thị Bích");
    expect(found.items.every((i) => String(i.staffCode).toLowerCase().startsWith(beginning))).toBe(true);
    expect(names(await list("q=zz-"))).toEqual([]);
  });
});

describe("filters as of a date", () => {
  it("takes the unit's subtree on the date, before and after a transfer", async () => {
    expect(names(await list(`unitId=${org.districtA}&asOf=2023-06-01`))).toEqual([
      "Nguyễn Anh",
      "Nguyễn Văn Ánh",
      "Phạm Anh Tuấn",
      "Trần Thị Bích",
    ]);
    expect(names(await list(`unitId=${org.districtA}&asOf=2024-01-01`))).toEqual([
      "Nguyễn Anh",
      "Nguyễn Văn Ánh",
      "Trần Thị Bích",
    ]);
    expect(names(await list(`unitId=${org.districtB}&asOf=2024-01-01`))).toEqual([
      "Lê Văn An",
      "Phạm Anh Tuấn",
      "Đỗ Thị Ánh",
    ]);
    // Before Nguyễn Anh started (2022-03-01) and Trần Thị Bích (2012-09-01)
    expect(names(await list(`unitId=${org.communeA2}&asOf=2012-01-01`))).toEqual([]);
  });

  it("names the unit as it was on the date", async () => {
    const before = await list(`q=nguyen van anh&asOf=2024-12-31`);
    const after = await list(`q=nguyen van anh&asOf=2025-01-01`);
    expect(before.items[0]!.unit).toEqual({ id: org.communeA1, name: "Phường Phúc Xá" });
    expect(after.items[0]!.unit).toEqual({ id: org.communeA1, name: "Phường Phúc Xá (mới)" });
  });

  it.each([
    ["tier=department_committee", ["Nguyễn Văn Ánh"]],
    ["tier=grassroots", ["Trần Thị Bích"]],
    ["tier=department_committee&asOf=2014-12-31", []],
    ["ageFrom=40&ageTo=50", ["Nguyễn Văn Ánh", "Đỗ Thị Ánh"]],
    ["ageFrom=40&ageTo=50&asOf=2026-06-16", ["Nguyễn Văn Ánh", "Phạm Anh Tuấn", "Đỗ Thị Ánh"]],
    ["ageTo=26", ["Nguyễn Anh"]],
    ["ageFrom=61", ["Lê Văn An"]],
    ["qualification=university", ["Nguyễn Văn Ánh", "Trần Thị Bích"]],
    ["qualification=master", ["Nguyễn Văn Ánh"]],
    ["qualification=master&asOf=2015-06-29", []],
    ["qualification=college", ["Lê Văn An", "Nguyễn Văn Ánh", "Trần Thị Bích"]],
    ["politicalTheory=intermediate", ["Nguyễn Văn Ánh", "Trần Thị Bích"]],
    ["politicalTheory=senior", ["Trần Thị Bích"]],
    ["sex=female", ["Trần Thị Bích", "Đỗ Thị Ánh"]],
    ["staffType=contract", ["Nguyễn Anh"]],
    ["titleId=DIVISION_HEAD", ["Trần Thị Bích"]],
    ["titleId=DIVISION_HEAD&asOf=2021-12-31", []],
    ["sex=male&qualification=university&unitId=A", ["Nguyễn Văn Ánh"]],
  ])("%s → %o", async (query, expected) => {
    const q = query
      .replace("DIVISION_HEAD", String(titles.division_head))
      .replace("unitId=A", `unitId=${org.districtA}`);
    const page = await list(q);
    expect(names(page)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it("describes each row as of the date", async () => {
    const page = await list("q=nguyen van anh");
    expect(page.items[0]).toEqual({
      id: ids.anh,
      staffCode: expect.any(String),
      fullName: "Nguyễn Văn Ánh",
      sex: "male",
      birthDate: "1980-05-10",
      birthDatePrecision: "day",
      age: 46,
      unit: { id: org.communeA1, name: "Phường Phúc Xá (mới)" },
      title: { id: titles.expert, name: "Chuyên viên" },
      staffType: "civil_servant",
      tier: "department_committee",
      highestQualification: { code: "master", name: "Thạc sĩ" },
      politicalTheory: { code: "intermediate", name: "Trung cấp" },
    });
  });

  it("refuses unknown level codes and reversed age bands", async () => {
    const unknown = await t.app.inject({
      method: "GET",
      url: "/api/cadres?qualification=phd",
      headers: admin.headers,
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe("CODE_UNKNOWN");
    const reversed = await t.app.inject({
      method: "GET",
      url: "/api/cadres?ageFrom=50&ageTo=40",
      headers: admin.headers,
    });
    expect(reversed.statusCode).toBe(400);
    const big = await t.app.inject({
      method: "GET",
      url: "/api/cadres?pageSize=201",
      headers: admin.headers,
    });
    expect(big.statusCode).toBe(400);
  });
});

describe("paging in Vietnamese name order", () => {
  // Given name first, then middle, then family; An < Anh < Ánh; "Nguyễn Anh" has no middle name.
  const ORDER = ["Lê Văn An", "Nguyễn Anh", "Đỗ Thị Ánh", "Nguyễn Văn Ánh", "Trần Thị Bích", "Phạm Anh Tuấn"];

  it("orders by given name, then middle and family name, across pages", async () => {
    const first = await list("pageSize=4&page=1");
    const second = await list("pageSize=4&page=2");
    expect(first.total).toBe(6);
    expect(second.total).toBe(6);
    expect([...first.items, ...second.items].map((i) => i.fullName)).toEqual(ORDER);
    expect(second.items).toHaveLength(2);
    expect((await list("pageSize=4&page=3")).items).toEqual([]);
  });
});

import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Analysis,
  DrillPage,
  IndicatorDetail,
  IndicatorResult,
  Indicators,
} from "../../../common/contracts/indicators.ts";
import { ageAt } from "../../../common/rules/age.ts";
import * as schema from "../../db/schema.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import {
  buildOrg,
  cadreFactory,
  keepDistrictTierOpen,
  type Org,
  titleIds,
} from "../cadres/cadres.test-helpers.ts";
import { loadPlacesSlice } from "../places/places.test-helpers.ts";
import { ageSql } from "./indicators.analysis.ts";
import { createIndicatorsService } from "./indicators.service.ts";

/**
 * A population of known composition on D = 2026-01-01 (DOMAIN §2 indicators), with people whose tier, post,
 * qualification or service changes around D and one whose 40th birthday is D.
 *
 * Standing-committee tiers on D (9): P1 P2 P3 P4 P7 P8 P9 P11 P12; not P5 (tier from D+1), P6 (tier until
 * D), P10 (left on D−1), P13 (grassroots).
 */
const D = "2026-01-01";

const NAMES: Record<string, string> = {
  P1: "Nguyễn Văn An",
  P2: "Trần Thị Bình",
  P3: "Lê Thị Chi",
  P4: "Phạm Văn Dũng",
  P5: "Hoàng Văn Em",
  P6: "Vũ Văn Giang",
  P7: "Đặng Thị Hà",
  P8: "Bùi Văn Hùng",
  P9: "Đỗ Văn Khánh",
  P10: "Hồ Thị Lan",
  P11: "Ngô Văn Minh",
  P12: "Dương Thị Ngọc",
  P13: "Lý Thị Oanh",
};

let t: TestApp;
let org: Org;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  await keepDistrictTierOpen(t);
  org = await buildOrg(t);
  // The territories the posts lead ("local", DOMAIN §2): district A is Ba Đình with wards A1 (Phúc Xá) and
  // A2 (Trúc Bạch); district B stands for Hoàn Kiếm here (the slice of the lists has no Đông Anh).
  const place = await loadPlacesSlice(t.db);
  for (const [unitId, key] of [
    [org.city, "2025-03:01"],
    [org.districtA, "2025-03:001"],
    [org.communeA1, "2025-03:00001"],
    [org.communeA2, "2025-03:00004"],
    [org.districtB, "2025-03:002"],
  ] as const)
    await t.services.units.setPlace(t.system, unitId, { placeId: place(key), reason: "Địa bàn" });
  const title = await titleIds(t);
  const make = cadreFactory(t, { unitId: org.city, titleId: title.expert! });
  const h = t.services.histories;
  const person = async (
    key: string,
    p: {
      sex: "male" | "female";
      born: string;
      unit: number;
      title: string;
      from?: string;
      to?: string;
      homeTown?: number;
      leftOn?: string;
    },
  ) => {
    const created = await make({
      fullName: NAMES[key]!,
      sex: p.sex,
      birthDate: p.born,
      ...(p.homeTown ? { homeTownUnitId: p.homeTown } : {}),
      ...(p.leftOn ? { leftOn: p.leftOn } : {}),
      assignment: {
        unitId: p.unit,
        titleId: title[p.title]!,
        validFrom: p.from ?? "2010-01-01",
        ...(p.to ? { validTo: p.to } : {}),
      },
    });
    ids[key] = created.id;
    return created.id;
  };
  const tier = (id: number, tierCode: string, validFrom: string, validTo?: string) =>
    h.add(t.system, id, "tiers", {
      tier: tierCode as "city_standing",
      validFrom,
      ...(validTo ? { validTo } : {}),
    });
  const qual = (id: number, category: string, levelCode: string, obtainedOn: string) =>
    h.add(t.system, id, "qualifications", { category: category as "professional", levelCode, obtainedOn });
  const training = (id: number, completedOn: string) =>
    t.db.execute(
      `INSERT INTO cadre_trainings (cadre_id, kind, course, completed_on) VALUES (${id}, 'knowledge_update', 'Cập nhật kiến thức', '${completedOn}')` as never,
    );

  const p1 = await person("P1", {
    sex: "male",
    born: "1990-03-01",
    unit: org.communeA1,
    title: "division_head",
  });
  await tier(p1, "district_standing", "2015-01-01");
  await qual(p1, "professional", "university", "2012-06-01");

  // 40 on D itself: not young under "< 40", young under "<= 40".
  const p2 = await person("P2", {
    sex: "female",
    born: "1986-01-01",
    unit: org.districtA,
    title: "district_committee_vice_chair",
  });
  await tier(p2, "city_standing", "2016-01-01");
  await qual(p2, "professional", "master", "2020-06-01");

  const p3 = await person("P3", {
    sex: "female",
    born: "1995-06-01",
    unit: org.communeB1,
    title: "commune_committee_vice_chair",
  });
  await tier(p3, "district_standing", "2020-01-01");

  // 36: young under the city/district threshold (40) but not the commune one (35).
  const p4 = await person("P4", {
    sex: "male",
    born: "1989-06-01",
    unit: org.communeB1,
    title: "commune_party_secretary",
  });
  await tier(p4, "district_standing", "2020-01-01");

  const p5 = await person("P5", {
    sex: "male",
    born: "1980-04-04",
    unit: org.city,
    title: "department_director",
  });
  await tier(p5, "city_standing", "2026-01-02");

  const p6 = await person("P6", { sex: "male", born: "1975-04-04", unit: org.city, title: "division_head" });
  await tier(p6, "department_committee", "2015-01-01", D);

  const p7 = await person("P7", {
    sex: "female",
    born: "1970-02-02",
    unit: org.city,
    title: "department_director",
  });
  await tier(p7, "city_standing", "2015-01-01");
  await qual(p7, "professional", "master", "2010-01-01");
  await qual(p7, "professional", "doctor", D);
  await training(p7, "2022-06-01");

  const p8 = await person("P8", {
    sex: "male",
    born: "1968-08-08",
    unit: org.districtA,
    title: "district_party_secretary",
    homeTown: org.communeA1,
  });
  await tier(p8, "city_standing", "2015-01-01");
  await qual(p8, "professional", "master", "2026-01-02");
  // 60 months before D is 2021-01-01: a course completed the day before does not count.
  await training(p8, "2020-12-31");

  // Secretary of district B from D on; before that head of a division there. Home town in district A.
  const p9 = await person("P9", {
    sex: "male",
    born: "1972-09-09",
    unit: org.districtB,
    title: "division_head",
    to: D,
    homeTown: org.communeA2,
  });
  await h.add(t.system, p9, "assignments", {
    unitId: org.districtB,
    titleId: title.district_party_secretary!,
    validFrom: D,
  });
  await tier(p9, "city_standing", "2015-01-01");
  await training(p9, "2021-01-02");

  const p10 = await person("P10", {
    sex: "female",
    born: "1966-10-10",
    unit: org.city,
    title: "department_deputy_director",
    leftOn: "2025-12-31",
  });
  await tier(p10, "city_standing", "2015-01-01");

  const p11 = await person("P11", {
    sex: "male",
    born: "1990-01-01",
    unit: org.city,
    title: "division_head",
  });
  await tier(p11, "department_committee", "2015-01-01");
  await qual(p11, "professional", "university", "2012-01-01");
  await qual(p11, "political_theory", "elementary", "2014-01-01");

  const p12 = await person("P12", {
    sex: "female",
    born: "1980-12-12",
    unit: org.city,
    title: "division_deputy",
  });
  await tier(p12, "department_committee", "2015-01-01");
  await qual(p12, "professional", "university", "2003-01-01");
  await qual(p12, "political_theory", "senior", "2019-01-01");

  const p13 = await person("P13", {
    sex: "female",
    born: "1999-01-01",
    unit: org.communeA1,
    title: "expert",
  });
  await tier(p13, "grassroots", "2021-01-01");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function get<T>(url: string, headers?: Record<string, string>): Promise<T> {
  const res = await t.app.inject({ method: "GET", url, headers: headers ?? {} });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

async function compute(asOf: string, unitId?: number): Promise<Map<string, IndicatorResult>> {
  const r = await t.services.indicators.compute(t.system, { asOf, ...(unitId ? { unitId } : {}) });
  return new Map(r.items.map((i) => [i.code, i]));
}

function pick(r: IndicatorResult | undefined) {
  return r && { numerator: r.numerator, denominator: r.denominator, value: r.value, status: r.status };
}

describe("indicators as of D over a known population", () => {
  it("computes every indicator of the catalogue exactly", async () => {
    const r = await compute(D, org.city);
    const expected: [string, number | null, number | null, number | string | null, string][] = [
      // Young by the person's management tier (under 40 for each): P1 (35), P3 (30), P4 (36, a commune
      // secretary in the district tier), P11 (36).
      ["I1", 4, 9, 44.44, "met"],
      ["I2", 4, 9, 44.44, "met"], // P2 P3 P7 P12
      ["I3", 2, 4, 50, "met"], // P2 master, P7 doctor obtained on D; P8's master comes after D
      // The district and department/sector tiers: P1, P3, P4 (district tier), P11, P12; only P12 qualifies
      // (P11 has elementary political theory only, P1 no political theory).
      ["I4", 1, 5, 20, "not_met"],
      ["I5", 2, 4, 50, "not_met"], // P7, P9 within 60 months; P8 a day too early; P2 none
      ["I6", null, null, null, "no_data"], // no evaluation records yet: not zero
      ["I7.3", 0, 0, null, "no_data"], // P4, home town unknown: left out (counted as unknown below)
      ["I7.4", 0, 0, null, "no_data"],
    ];
    for (const [code, numerator, denominator, value, status] of expected) {
      expect(pick(r.get(code)), code).toEqual({ numerator, denominator, value, status });
    }
    expect(r.get("I7.3")!.unknown).toBe(1);
    // No district level after 1/7/2025: the district figures (I7.1, I7.2, I7.5) end on 30/6/2025.
    for (const code of ["I7.1", "I7.2", "I7.5"]) expect(r.has(code), code).toBe(false);
    expect(r.get("I1")!.met).toBe(true);
    expect(r.get("I4")!.met).toBe(false);
    expect(r.get("I6")!.note).toMatch(/đánh giá/);
  });

  it("counts changes on the right side of D", async () => {
    // D−1: P6's tier still holds, P10 still serves, P5's tier has not begun.
    const before = await compute("2025-12-31", org.city);
    expect(before.get("I2")!.denominator).toBe(11);
    // P7's doctorate is obtained on D: master's already counts, so I3 stays 2 of 5 (P10 serves until D−1).
    expect(before.get("I3")!.denominator).toBe(5);
    // D+1: P5 in, P6 and P10 out; P8's master's now counts.
    const after = await compute("2026-01-02", org.city);
    expect(after.get("I2")!.denominator).toBe(10);
    expect(pick(after.get("I3"))).toEqual({ numerator: 3, denominator: 5, value: 60, status: "met" });
  });

  it("gives no data, not a division by zero, for an empty population", async () => {
    const r = await compute(D, org.communeA2);
    for (const item of r.values()) {
      expect(item.status, item.code).toBe("no_data");
      expect(item.value, item.code).toBeNull();
      expect(item.met, item.code).toBeNull();
    }
  });

  it("answers the same for a subtree", async () => {
    const r = await compute(D, org.districtA);
    // P1 (A1), P2, P8 are in district A's subtree.
    expect(pick(r.get("I2"))).toEqual({ numerator: 1, denominator: 3, value: 33.33, status: "met" });
    expect(pick(r.get("I1"))).toEqual({ numerator: 1, denominator: 3, value: 33.33, status: "met" });
  });

  it("breaks a figure down by child unit and by tier", async () => {
    const detail = await get<IndicatorDetail>(
      `/api/indicators/I2?asOf=${D}&unitId=${org.city}`,
      await adminHeaders(),
    );
    const byUnit = Object.fromEntries(detail.byUnit.map((r) => [r.unit!.id, [r.numerator, r.denominator]]));
    expect(byUnit).toEqual({ [org.districtA]: [1, 3], [org.districtB]: [1, 3], [org.city]: [2, 3] });
    const byTier = Object.fromEntries(detail.byTier.map((r) => [r.key, [r.numerator, r.denominator]]));
    expect(byTier).toEqual({
      city_standing: [2, 4],
      district_standing: [1, 3],
      department_committee: [1, 2],
    });
    expect(detail.byUnit.find((r) => r.unit!.id === org.city)!.label).toBe("Thành phố Hà Nội (trực tiếp)");
    const en = await get<IndicatorDetail>(`/api/indicators/I2?asOf=${D}&unitId=${org.city}`, {
      ...(await adminHeaders()),
      "accept-language": "en",
    });
    expect(en.byUnit.find((r) => r.unit!.id === org.city)!.label).toBe("Thành phố Hà Nội (directly)");
    expect(en.indicator.name).toBe("Women cadres");
    // The breakdown adds up to the figure.
    expect(detail.byUnit.reduce((s, r) => s + r.denominator!, 0)).toBe(detail.indicator.denominator);
  });
});

let admin: Record<string, string> | undefined;
async function adminHeaders() {
  admin ??= (await t.userSession({ username: "chi.tieu.admin", roles: ["admin"] })).headers;
  return admin;
}

describe("drill-down to the names behind a figure", () => {
  it("lists exactly the numerator and the denominator, and the spreadsheet agrees", async () => {
    const headers = await adminHeaders();
    const num = await get<DrillPage>(
      `/api/indicators/I2/people?asOf=${D}&unitId=${org.city}&side=numerator`,
      headers,
    );
    expect(num.items.map((p) => p.id).sort()).toEqual([ids.P2, ids.P3, ids.P7, ids.P12].sort());
    expect(num.total).toBe(4);
    const den = await get<DrillPage>(
      `/api/indicators/I2/people?asOf=${D}&unitId=${org.city}&side=denominator&pageSize=5`,
      headers,
    );
    expect(den.total).toBe(9);
    expect(den.items).toHaveLength(5);
    // A district bar: district A's people.
    const a = await get<DrillPage>(
      `/api/indicators/I2/people?asOf=${D}&unitId=${org.districtA}&side=denominator`,
      headers,
    );
    expect(a.items.map((p) => p.id).sort()).toEqual([ids.P1, ids.P2, ids.P8].sort());
    // The breakdown's own row: people placed in the city unit itself (P7, P11, P12), not below it.
    const direct = await get<DrillPage>(
      `/api/indicators/I2/people?asOf=${D}&unitId=${org.city}&side=denominator&directOnly=true`,
      headers,
    );
    expect(direct.items.map((p) => p.id).sort()).toEqual([ids.P7, ids.P11, ids.P12].sort());
    // A tier cell.
    const tier = await get<DrillPage>(
      `/api/indicators/I2/people?asOf=${D}&unitId=${org.city}&side=numerator&tier=city_standing`,
      headers,
    );
    expect(tier.items.map((p) => p.id).sort()).toEqual([ids.P2, ids.P7].sort());

    const res = await t.app.inject({
      method: "GET",
      url: `/api/indicators/I2/people.xlsx?asOf=${D}&unitId=${org.city}&side=numerator`,
      headers,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 3) codes.push(String(row.getCell(2).value));
    });
    expect(codes.sort()).toEqual(num.items.map((p) => p.staffCode).sort());
  });

  it("refuses the list of an indicator without data", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/indicators/I6/people?asOf=${D}`,
      headers: await adminHeaders(),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("INDICATOR_NO_DATA");
  });
});

describe("analysis views", () => {
  it("averages key leaders' ages by level, builds the age pyramid, compares leaders with all staff", async () => {
    const a = await t.services.indicators.analyse(t.system, { asOf: D, unitId: org.city });
    expect(a.keyLeadersAge).toEqual([
      { level: "city", count: 2, averageAge: 50, youngest: 45, oldest: 55 }, // P5, P7 (department directors)
      { level: "district", count: 3, averageAge: 50, youngest: 40, oldest: 57 }, // P2, P8, P9
      { level: "commune", count: 2, averageAge: 33, youngest: 30, oldest: 36 }, // P3, P4
    ]);
    // Twelve serving people with a main post (P10 left the day before D).
    expect(a.agePyramid.total).toBe(12);
    expect(a.agePyramid.averageAge).toBe(42.4);
    expect(Object.fromEntries(a.agePyramid.bands.map((b) => [b.band, [b.male, b.female]]))).toEqual({
      "<=30": [0, 2],
      "31-35": [1, 0],
      "36-40": [2, 1],
      "41-45": [1, 1],
      "46-50": [1, 0],
      "51-55": [1, 1],
      "56-60": [1, 0],
      ">60": [0, 0],
    });
    // Women and young among the standing-committee tiers are I2's and I1's own figures (the cards'); all
    // staff: the twelve serving people with a main post.
    expect(a.leadersVsAll).toEqual({
      leaders: {
        women: { code: "I2", numerator: 4, denominator: 9, percent: 44.44 },
        young: { code: "I1", numerator: 4, denominator: 9, percent: 44.44 },
      },
      all: {
        women: { numerator: 5, denominator: 12, percent: 41.67 },
        young: { numerator: 5, denominator: 12, percent: 41.67 },
      },
    });
    // Units of equal percent in id order (their order among themselves is not part of the contract).
    const below = Object.fromEntries(
      a.belowTarget.map((b) => [
        b.code,
        b.units.map((u) => [u.unit!.id, u.percent]).sort((x, y) => x[1]! - y[1]! || x[0]! - y[0]!),
      ]),
    );
    expect(below).toEqual({
      I1: [],
      I2: [],
      I3: [[org.districtB, 0]],
      // P1 (district A) and P3, P4 (district B) of the district tier: none qualified.
      I4: [
        [Math.min(org.districtA, org.districtB), 0],
        [Math.max(org.districtA, org.districtB), 0],
      ],
      I5: [[org.districtA, 0]],
    });
  });
});

describe("one figure, one value: the cards and the analysis", () => {
  it("give the same numerator and denominator for every indicator, unit and date", async () => {
    // The city's Party secretary, managed by the central tier: a leader by post, but outside the
    // standing-committee tiers that I1 and I2 count. The analysis once counted such leaders in its women
    // and young shares while the cards did not.
    const title = await titleIds(t);
    const secretary = await cadreFactory(t, { unitId: org.city, titleId: title.city_party_secretary! })({
      fullName: "Trịnh Văn Quang",
      staffCode: "T09001",
      sex: "male",
      birthDate: "1969-09-21",
      assignment: { unitId: org.city, titleId: title.city_party_secretary!, validFrom: "2022-03-28" },
    });
    await t.services.histories.add(t.system, secretary.id, "tiers", {
      tier: "central",
      validFrom: "2022-03-28",
    });
    for (const unitId of [org.city, org.districtA, org.districtB]) {
      for (const asOf of ["2025-12-31", D]) {
        const where = `unit ${unitId}, ${asOf}`;
        const cards = await compute(asOf, unitId);
        const a = await t.services.indicators.analyse(t.system, { asOf, unitId });
        for (const [measure, code] of [
          ["women", "I2"],
          ["young", "I1"],
        ] as const) {
          const share = a.leadersVsAll.leaders[measure]!;
          const card = cards.get(code)!;
          expect([share.numerator, share.denominator], `${measure}, ${where}`).toEqual([
            card.numerator,
            card.denominator,
          ]);
          expect(share.code).toBe(code);
        }
        expect(a.belowTarget.length, where).toBeGreaterThan(0);
        for (const b of a.belowTarget) {
          const card = cards.get(b.code)!;
          expect([b.total.numerator, b.total.denominator], `${b.code}, ${where}`).toEqual([
            card.numerator,
            card.denominator,
          ]);
        }
      }
    }
    // The secretary is staff all the same: the all-staff side counts him. The API sends what the service
    // computed (the figures' codes and totals included).
    const a = await t.services.indicators.analyse(t.system, { asOf: D, unitId: org.city });
    expect(
      await get<Analysis>(`/api/indicators/analysis?asOf=${D}&unitId=${org.city}`, await adminHeaders()),
    ).toEqual(JSON.parse(JSON.stringify(a)));
    expect(a.leadersVsAll.all.women).toEqual({ numerator: 5, denominator: 13, percent: 38.46 });
    expect(a.keyLeadersAge.find((r) => r.level === "city")!.count).toBe(3);
  });

  it("sends its statements one after the other, so that other users' statements run in between", async () => {
    const pool = new pg.Pool(t.database.pool.options);
    let inFlight = 0;
    let mostInFlight = 0;
    let statements = 0;
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args) => {
      inFlight += 1;
      statements += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const answer = query(...args);
      const done = () => {
        inFlight -= 1;
      };
      answer.then(done, done);
      return answer;
    };
    try {
      const service = createIndicatorsService({
        db: drizzle(pool, { schema }),
        audit: t.services.audit,
        clock: t.clock,
        units: t.services.units,
      });
      const a = await service.analyse(t.system, { asOf: D, unitId: org.city });
      expect(a).toEqual(await t.services.indicators.analyse(t.system, { asOf: D, unitId: org.city }));
      expect(statements).toBeGreaterThan(2);
      expect(mostInFlight).toBe(1);
    } finally {
      await pool.end();
    }
  });
});

describe("the catalogue is data, versioned by effective date", () => {
  it("applies a new young-age operator from its date on, and the old one before", async () => {
    const headers = await adminHeaders();
    const { versions } = await get<{ versions: { condition: unknown; population: unknown }[] }>(
      "/api/indicators/catalogue/I1",
      headers,
    );
    const current = versions[0]!;
    const body = {
      effectiveFrom: D,
      name: "Tỷ lệ cán bộ trẻ",
      nameEn: "Young cadres",
      population: current.population,
      condition: { ...(current.condition as object), operator: "<=" },
      target: 15,
      direction: ">=",
      display: "percent",
      sortOrder: 10,
      active: true,
      reason: "Thử nghiệm: tính cả người đúng 40 tuổi",
    };
    const res = await t.app.inject({
      method: "POST",
      url: "/api/indicators/catalogue/I1/versions",
      headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    // P2 turns 40 on D and now counts as young.
    expect(pick((await compute(D, org.city)).get("I1"))).toEqual({
      numerator: 5,
      denominator: 9,
      value: 55.56,
      status: "met",
    });
    // The day before, the first version applies: P2 is 39 then and young under either operator; P6 and P10
    // are in the population then and neither is young.
    expect(pick((await compute("2025-12-31", org.city)).get("I1"))).toEqual({
      numerator: 5,
      denominator: 11,
      value: 45.45,
      status: "met",
    });
    const history = await get<{ versions: { effectiveFrom: string; condition: { operator: string } }[] }>(
      "/api/indicators/catalogue/I1",
      headers,
    );
    expect(history.versions.map((v) => [v.effectiveFrom, v.condition.operator])).toEqual([
      ["2000-01-01", "<"],
      [D, "<="],
    ]);
    const again = await t.app.inject({
      method: "POST",
      url: "/api/indicators/catalogue/I1/versions",
      headers,
      payload: body,
    });
    expect(again.statusCode).toBe(409);
  });

  it("refuses definitions naming unknown codes and changes nothing", async () => {
    const headers = await adminHeaders();
    const before = await get<{ versions: unknown[] }>("/api/indicators/catalogue/I3", headers);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/indicators/catalogue/I3/versions",
      headers,
      payload: {
        effectiveFrom: "2027-01-01",
        name: "x",
        nameEn: "x",
        population: { tiers: ["city_standing"], titleCodes: ["no_such_title"] },
        condition: { kind: "qualification", category: "professional", atLeast: "phd" },
        target: 40,
        direction: ">=",
        display: "percent",
        sortOrder: 30,
        active: true,
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([
      { field: "condition.atLeast", code: "professional/phd" },
      { field: "population.titleCodes", code: "no_such_title" },
    ]);
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/indicators/catalogue/I3/versions",
      headers,
      payload: { effectiveFrom: "2027-01-01", name: "x", condition: { kind: "astrology" } },
    });
    expect(bad.statusCode).toBe(400);
    expect((await get<{ versions: unknown[] }>("/api/indicators/catalogue/I3", headers)).versions).toEqual(
      before.versions,
    );
  });
  it.each<[string, number]>([
    ["a negative target", -5],
    ["a percent target above 100", 3333],
  ])("refuses %s with 400 and changes nothing", async (_, target) => {
    const headers = await adminHeaders();
    const before = await get<{ versions: unknown[] }>("/api/indicators/catalogue/I3", headers);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/indicators/catalogue/I3/versions",
      headers,
      payload: {
        effectiveFrom: "2027-01-01",
        name: "Tỷ lệ nữ",
        nameEn: "Women",
        population: {},
        condition: { kind: "sex", sex: "female" },
        target,
        direction: ">=",
        display: "percent",
        sortOrder: 30,
        active: true,
        reason: "Thử mục tiêu sai",
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().details).toEqual([
      expect.objectContaining({ field: expect.stringContaining("target") }),
    ]);
    expect((await get<{ versions: unknown[] }>("/api/indicators/catalogue/I3", headers)).versions).toEqual(
      before.versions,
    );
  });
});

describe("access", () => {
  it("keeps users to their scope and their permissions", async () => {
    const officer = await t.userSession({
      username: "can.bo.to.chuc.a",
      roles: ["officer"],
      scopeUnitIds: [org.districtA],
    });
    // Default unit: the top of the officer's scope.
    const own = await get<Indicators>(`/api/indicators?asOf=${D}`, officer.headers);
    expect(own.unit.id).toBe(org.districtA);
    expect(own.items.find((i) => i.code === "I2")!.denominator).toBe(3);
    for (const url of [
      `/api/indicators?asOf=${D}&unitId=${org.districtB}`,
      `/api/indicators?asOf=${D}&unitId=${org.city}`,
      `/api/indicators/I2?asOf=${D}&unitId=${org.districtB}`,
      `/api/indicators/I2/people?asOf=${D}&unitId=${org.districtB}`,
      `/api/indicators/I2/people.xlsx?asOf=${D}&unitId=${org.districtB}`,
    ]) {
      const res = await t.app.inject({ method: "GET", url, headers: officer.headers });
      expect(res.statusCode, url).toBe(404);
    }
    const write = await t.app.inject({
      method: "POST",
      url: "/api/indicators/catalogue/I2/versions",
      headers: officer.headers,
      payload: {
        effectiveFrom: "2027-01-01",
        name: "x",
        nameEn: "x",
        population: {},
        condition: { kind: "sex", sex: "male" },
        target: null,
        direction: null,
        display: "percent",
        sortOrder: 1,
        active: true,
      },
    });
    expect(write.statusCode).toBe(403);

    const cadre = await t.userSession({ username: "mot.can.bo", roles: ["cadre"] });
    for (const url of [`/api/indicators?asOf=${D}`, `/api/indicators/I2/people?asOf=${D}`]) {
      const res = await t.app.inject({ method: "GET", url, headers: cadre.headers });
      expect(res.statusCode, url).toBe(403);
    }
    const anonymous = await t.app.inject({ method: "GET", url: `/api/indicators?asOf=${D}` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe("monthly series", () => {
  it("computes each month end with the definitions of that date", async () => {
    const s = await t.services.indicators.series(t.system, {
      from: "2025-11-10",
      to: "2026-01-02",
      unitId: org.city,
      code: "I2",
    });
    expect(s.dates).toEqual(["2025-11-30", "2025-12-31", "2026-01-02"]);
    expect(s.series[0]!.points.map((p) => p.denominator)).toEqual([11, 11, 10]);
  });

  it("gives on each of its dates the cards' figures of that date", async () => {
    // Tiers, posts, service, qualifications (P7's doctorate on D, P8's master's on D+1) and trainings change
    // around D; the series reads all its dates in one statement, the cards one date at a time.
    for (const [unitId, to] of [
      [org.city, D],
      [org.city, "2026-01-02"],
      [org.districtA, "2026-01-02"],
    ] as const) {
      const s = await t.services.indicators.series(t.system, { from: "2025-11-01", to, unitId });
      expect(s.dates).toEqual(["2025-11-30", "2025-12-31", to]);
      for (const [i, d] of s.dates.entries()) {
        const cards = await compute(d, unitId);
        for (const line of s.series) {
          const p = line.points[i]!;
          const card = cards.get(line.code)!;
          expect([p.numerator, p.denominator, p.unknown], `${line.code} ${d} unit ${unitId}`).toEqual([
            card.numerator,
            card.denominator,
            card.unknown,
          ]);
        }
      }
    }
  });
});

describe("age in SQL follows the rule of common/rules/age.ts", () => {
  const vectors: [string, string][] = [
    ["1988-02-29", "2027-02-28"], // common year: a year older on 28 February
    ["1988-02-29", "2027-02-27"],
    ["1988-02-29", "2028-02-28"], // leap year: not yet
    ["1988-02-29", "2028-02-29"],
    ["1986-01-01", "2026-01-01"], // birthday on D
    ["1986-01-02", "2026-01-01"],
    ["1985-12-31", "2026-01-01"],
    ["2000-03-01", "2026-02-28"],
  ];
  it.each(vectors)("born %s, age on %s", async (born, d) => {
    const r = await t.db.execute<{ age: number }>(sql`SELECT ${ageSql(sql`${born}::date`, d)} AS age`);
    expect(Number(r.rows[0]!.age)).toBe(ageAt(born, d));
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { loadPlacesSlice } from "../places/places.test-helpers.ts";
import { buildOrg, idNumberFor, type Org, titleIds } from "./cadres.test-helpers.ts";

let t: TestApp;
let org: Org;
let titles: Record<string, number>;
let admin: { headers: Record<string, string> };

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  titles = await titleIds(t);
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
});
afterAll(async () => t?.close());

const api = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api${url}`,
    headers: admin.headers,
    ...(payload === undefined ? {} : { payload }),
  });

async function countRows(table: string, where = "TRUE"): Promise<number> {
  const r = await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return r.rows[0].n;
}

const person = (over: Record<string, unknown> = {}) => ({
  staffCode: "HN-0001",
  fullName: "Nguyễn Văn Ánh",
  sex: "male",
  birthDate: "1975-03-20",
  staffType: "civil_servant",
  idNumber: idNumberFor("male", "1975-03-20", 1),
  ethnicityCode: "01",
  religionCode: "00",
  recruitmentDate: "1998-09-01",
  joinedAgencyDate: "2005-01-01",
  partyAdmissionDate: "2000-05-19",
  partyOfficialDate: "2001-05-19",
  health: "Tốt",
  ...over,
});

describe("a record with its histories", () => {
  let id: number;

  it("creates a person with a first main assignment and reads it back", async () => {
    const res = await api(
      "POST",
      "/cadres",
      person({
        homeTownUnitId: org.communeA2,
        assignment: {
          unitId: org.districtA,
          titleId: titles.district_committee_vice_chair,
          validFrom: "2021-03-01",
          appointedOn: "2021-03-01",
          decisionRef: "123/QĐ-UBND",
        },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    id = body.id;
    expect(body).toMatchObject({
      staffCode: "HN-0001",
      fullName: "Nguyễn Văn Ánh",
      idNumber: "001075000001",
      version: 1,
      masked: [],
      computed: {
        asOf: "2026-06-15",
        age: 51,
        current: { unit: { id: org.districtA, name: "Quận Ba Đình" }, since: "2021-03-01", monthsInPost: 63 },
        leadership: { appointedOn: "2021-03-01", termEndDate: "2026-02-28" },
        // No place is linked to the district yet: the post leads no known territory, origin unknown.
        isLocal: null,
      },
    });
    // born 03/1975: 62 years (from 2028) reached in 03/2037, pension from 04/2037
    expect(body.computed.retirement).toMatchObject({
      ageMonths: 744,
      retirementDate: "2037-03-31",
      pensionFrom: "2037-04-01",
    });
    const stored = await t.database.pool.query("SELECT search_name, sort_key FROM cadres WHERE id = $1", [
      id,
    ]);
    expect(stored.rows[0].search_name).toBe("nguyen van anh");
    expect(stored.rows[0].sort_key.startsWith("A")).toBe(true);
  });

  it("adds tiers, qualifications, salaries, rewards, family and work history", async () => {
    const adds: [string, Record<string, unknown>][] = [
      ["tiers", { tier: "department_committee", validFrom: "2021-03-01" }],
      [
        "qualifications",
        { category: "professional", levelCode: "university", obtainedOn: "1997-06-30", major: "Luật" },
      ],
      ["qualifications", { category: "professional", levelCode: "master", obtainedOn: "2012-10-01" }],
      ["qualifications", { category: "political_theory", levelCode: "senior", obtainedOn: "2015-01-10" }],
      [
        "qualifications",
        { category: "state_management", levelCode: "principal_expert", obtainedOn: "2016-01-10" },
      ],
      ["salaries", { gradeCode: "01.002", step: 4, coefficient: 5.42, validFrom: "2020-01-01" }],
      [
        "rewards",
        {
          form: "Bằng khen của Chủ tịch UBND Thành phố",
          decidedOn: "2019-12-20",
          reason: "Hoàn thành xuất sắc",
        },
      ],
      ["family", { side: "own", relation: "Bố", fullName: "Nguyễn Văn Bình", birthYear: 1950 }],
      [
        "work-history",
        {
          validFrom: "1998-09-01",
          validTo: "2005-01-01",
          unitText: "UBND huyện Từ Liêm",
          titleText: "Chuyên viên",
        },
      ],
    ];
    for (const [kind, payload] of adds) {
      const res = await api("POST", `/cadres/${id}/${kind}`, payload);
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
    }
    const res = await api("GET", `/cadres/${id}?asOf=2014-01-01`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.tiers).toHaveLength(1);
    expect(body.qualifications).toHaveLength(4);
    expect(body.salaries[0]).toMatchObject({
      gradeCode: "01.002",
      gradeName: "Chuyên viên chính (A2)",
      coefficient: 5.42,
    });
    expect(body.family[0]).toMatchObject({ relation: "Bố", fullName: "Nguyễn Văn Bình" });
    expect(body.workHistory[0]).toMatchObject({ unitText: "UBND huyện Từ Liêm", validTo: "2005-01-01" });
    // As of 2014: master's (2012) is the highest; political theory (2015) not yet; no post yet, no tier.
    expect(body.computed).toMatchObject({
      highestQualification: { code: "master" },
      politicalTheory: null,
      current: null,
      tier: null,
      age: 38,
    });
    const today = (await api("GET", `/cadres/${id}`)).json();
    expect(today.computed).toMatchObject({
      tier: "department_committee",
      politicalTheory: { code: "senior", name: "Cao cấp" },
      stateManagement: { code: "principal_expert" },
    });
  });

  it("corrects, ends and deletes rows, each audited with before and after", async () => {
    const detail = (await api("GET", `/cadres/${id}`)).json();
    const salary = detail.salaries[0];
    const fixed = await api("PATCH", `/cadres/${id}/salaries/${salary.id}`, {
      step: 5,
      reason: "nhập nhầm bậc",
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ step: 5, coefficient: 5.42 });

    const ended = await api("POST", `/cadres/${id}/salaries/${salary.id}/end`, { endDate: "2023-01-01" });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().validTo).toBe("2023-01-01");
    const again = await api("POST", `/cadres/${id}/salaries/${salary.id}/end`, { endDate: "2024-01-01" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("HISTORY_ALREADY_ENDED");

    const reward = detail.rewards[0];
    const noReason = await api("DELETE", `/cadres/${id}/rewards/${reward.id}`, {});
    expect(noReason.statusCode).toBe(400);
    const deleted = await api("DELETE", `/cadres/${id}/rewards/${reward.id}`, { reason: "nhập nhầm hồ sơ" });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await countRows("cadre_rewards", `cadre_id = ${id}`)).toBe(0);

    const audit = await t.database.pool.query(
      `SELECT action, before, after, reason FROM audit_log WHERE entity_type = 'cadre' AND entity_id = $1 ORDER BY id`,
      [String(id)],
    );
    const byAction = new Map(audit.rows.map((r) => [r.action, r]));
    expect(byAction.get("cadre.salary.corrected")).toMatchObject({
      before: { step: 4 },
      after: { step: 5 },
      reason: "nhập nhầm bậc",
    });
    expect(byAction.get("cadre.salary.ended")).toMatchObject({ after: { validTo: "2023-01-01" } });
    expect(byAction.get("cadre.reward.deleted")).toMatchObject({
      before: { form: "Bằng khen của Chủ tịch UBND Thành phố" },
      reason: "nhập nhầm hồ sơ",
    });
    expect(byAction.has("cadre.created")).toBe(true);
    expect(byAction.has("cadre.assignment.added")).toBe(true);
  });

  it("refuses overlapping main assignments and accepts a concurrent post over the same period", async () => {
    const before = await countRows("cadre_assignments", `cadre_id = ${id}`);
    const overlap = await api("POST", `/cadres/${id}/assignments`, {
      unitId: org.communeA1,
      titleId: titles.expert,
      validFrom: "2024-01-01",
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: "ASSIGNMENT_OVERLAP" });
    expect(await countRows("cadre_assignments", `cadre_id = ${id}`)).toBe(before);

    const concurrent = await api("POST", `/cadres/${id}/assignments`, {
      unitId: org.communeA1,
      titleId: titles.expert,
      isMain: false,
      validFrom: "2024-01-01",
    });
    expect(concurrent.statusCode, concurrent.body).toBe(201);
    // Making the concurrent post main by correction overlaps too.
    const promote = await api("PATCH", `/cadres/${id}/assignments/${concurrent.json().id}`, { isMain: true });
    expect(promote.statusCode).toBe(409);

    // An earlier main post that ends the day the current one starts is fine (half-open periods).
    const earlier = await api("POST", `/cadres/${id}/assignments`, {
      unitId: org.communeA1,
      titleId: titles.expert,
      validFrom: "2005-01-01",
      validTo: "2021-03-01",
    });
    expect(earlier.statusCode, earlier.body).toBe(201);
    const touching = await api("PATCH", `/cadres/${id}/assignments/${earlier.json().id}`, {
      validTo: "2021-03-02",
    });
    expect(touching.statusCode).toBe(409);
  });

  it("lets only one of two simultaneous overlapping main assignments through", async () => {
    const { id: other } = (
      await api("POST", "/cadres", person({ staffCode: "RACE-1", idNumber: null }))
    ).json();
    const post = (validFrom: string) =>
      api("POST", `/cadres/${other}/assignments`, {
        unitId: org.communeA2,
        titleId: titles.expert,
        validFrom,
      });
    const results = await Promise.all([post("2020-01-01"), post("2021-01-01"), post("2022-01-01")]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await countRows("cadre_assignments", `cadre_id = ${other}`)).toBe(1);
  });

  it("refuses overlapping management tiers", async () => {
    const res = await api("POST", `/cadres/${id}/tiers`, { tier: "city_standing", validFrom: "2025-01-01" });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("TIER_OVERLAP");
  });

  it("answers 409 to an update with a stale version and keeps the newer data", async () => {
    const first = await api("PATCH", `/cadres/${id}`, { version: 1, phone: "0912345678" });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, phone: "0912345678" });
    const stale = await api("PATCH", `/cadres/${id}`, { version: 1, phone: "0999999999" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "CADRE_VERSION_CONFLICT", details: { currentVersion: 2 } });
    const now = (await api("GET", `/cadres/${id}`)).json();
    expect(now.phone).toBe("0912345678");
  });

  it("recomputes the search name and sort key when the name changes", async () => {
    const res = await api("PATCH", `/cadres/${id}`, { version: 2, fullName: "Nguyễn Văn Ánh Dương" });
    expect(res.statusCode, res.body).toBe(200);
    const stored = await t.database.pool.query("SELECT search_name FROM cadres WHERE id = $1", [id]);
    expect(stored.rows[0].search_name).toBe("nguyen van anh duong");
  });
});

describe("bad input gets a clear error and changes nothing", () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    ["an ID number of 11 digits", { idNumber: "00107500000" }, 400, "VALIDATION_FAILED"],
    ["an ID number with a letter", { idNumber: "00107500000a" }, 400, "VALIDATION_FAILED"],
    [
      "an ID number of another birth year",
      { idNumber: idNumberFor("male", "1976-01-01", 9) },
      422,
      "CADRE_ID_NUMBER_MISMATCH",
    ],
    ["an unknown ethnicity", { ethnicityCode: "99" }, 422, "CODE_UNKNOWN"],
    ["an unknown academic title", { academicTitleCode: "emeritus" }, 422, "CODE_UNKNOWN"],
    [
      "a birth after recruitment",
      { birthDate: "1999-01-01", idNumber: null },
      422,
      "CADRE_DATES_INCONSISTENT",
    ],
    ["a date that does not exist", { birthDate: "1975-02-29" }, 400, "VALIDATION_FAILED"],
    ["an unknown sex", { sex: "other" }, 400, "VALIDATION_FAILED"],
    ["an unknown staff type", { staffType: "volunteer" }, 400, "VALIDATION_FAILED"],
    ["an unknown field", { nickname: "Ánh" }, 400, "VALIDATION_FAILED"],
    ["a home town unit that does not exist", { homeTownUnitId: 999999 }, 422, "CADRE_UNIT_UNKNOWN"],
  ])("refuses %s", async (_name, patch, status, code) => {
    const before = await countRows("cadres");
    const auditBefore = await countRows("audit_log");
    const res = await api(
      "POST",
      "/cadres",
      person({ staffCode: "BAD-1", idNumber: idNumberFor("male", "1975-03-20", 500), ...patch }),
    );
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(/\p{L}/u);
    expect(res.body).not.toMatch(/select|insert|stack/i);
    expect(await countRows("cadres")).toBe(before);
    expect(await countRows("audit_log")).toBe(auditBefore);
  });

  it("explains date problems field by field", async () => {
    const res = await api("POST", "/cadres", person({ staffCode: "BAD-2", recruitmentDate: "1970-01-01" }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toContainEqual({ field: "recruitmentDate", problem: "before_birth" });
  });

  it("answers malformed JSON with 400", async () => {
    const before = await countRows("cadres");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/cadres",
      headers: { ...admin.headers, "content-type": "application/json" },
      payload: '{"staffCode": "X", "fullName": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("MALFORMED_JSON");
    expect(await countRows("cadres")).toBe(before);
  });

  it("refuses a duplicate staff code or ID number", async () => {
    const a = await api(
      "POST",
      "/cadres",
      person({ staffCode: "DUP-1", idNumber: idNumberFor("male", "1975-03-20", 77) }),
    );
    expect(a.statusCode, a.body).toBe(201);
    const sameCode = await api("POST", "/cadres", person({ staffCode: "DUP-1", idNumber: null }));
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json().code).toBe("CADRE_STAFF_CODE_TAKEN");
    const sameId = await api(
      "POST",
      "/cadres",
      person({ staffCode: "DUP-2", idNumber: idNumberFor("male", "1975-03-20", 77) }),
    );
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json().code).toBe("CADRE_ID_NUMBER_TAKEN");
  });

  it("refuses history rows with unknown codes, reversed periods or dates before birth", async () => {
    const { id } = (await api("POST", "/cadres", person({ staffCode: "H-1", idNumber: null }))).json();
    const cases: [string, Record<string, unknown>, number, string][] = [
      [
        "qualifications",
        { category: "professional", levelCode: "senior", obtainedOn: "2000-01-01" },
        422,
        "CODE_UNKNOWN",
      ],
      ["salaries", { gradeCode: "99.999", step: 1, validFrom: "2000-01-01" }, 422, "CODE_UNKNOWN"],
      [
        "tiers",
        { tier: "grassroots", validFrom: "2010-01-01", validTo: "2009-01-01" },
        422,
        "HISTORY_END_BEFORE_START",
      ],
      ["tiers", { tier: "nobody", validFrom: "2010-01-01" }, 400, "VALIDATION_FAILED"],
      ["work-history", { validFrom: "1970-01-01", unitText: "X" }, 422, "HISTORY_BEFORE_BIRTH"],
      ["assignments", { unitId: org.communeA1, validFrom: "2010-01-01" }, 400, "VALIDATION_FAILED"],
      [
        "assignments",
        { unitId: org.communeA1, titleId: 999999, validFrom: "2010-01-01" },
        422,
        "TITLE_UNKNOWN",
      ],
      [
        "assignments",
        { unitId: org.communeA1, titleId: titles.expert, validFrom: "1999-01-01" },
        422,
        "ASSIGNMENT_UNIT_NOT_ACTIVE",
      ],
    ];
    for (const [kind, payload, status, code] of cases) {
      const res = await api("POST", `/cadres/${id}/${kind}`, payload);
      expect(res.statusCode, `${kind} ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
    }
    for (const table of [
      "cadre_qualifications",
      "cadre_salaries",
      "cadre_tiers",
      "cadre_work_history",
      "cadre_assignments",
    ]) {
      expect(await countRows(table, `cadre_id = ${id}`)).toBe(0);
    }
  });
});

describe("assignments to seats", () => {
  it("takes the unit and title from the seat and keeps inside its period", async () => {
    const seat = await api("POST", "/seats", {
      unitId: org.communeA1,
      titleId: titles.commune_committee_chair,
      quota: 1,
      validFrom: "2015-01-01",
    });
    expect(seat.statusCode, seat.body).toBe(201);
    const seatId = seat.json().id;
    const { id } = (await api("POST", "/cadres", person({ staffCode: "S-1", idNumber: null }))).json();
    const before = await api("POST", `/cadres/${id}/assignments`, { seatId, validFrom: "2014-01-01" });
    expect(before.statusCode).toBe(422);
    expect(before.json().code).toBe("ASSIGNMENT_OUTSIDE_SEAT_PERIOD");
    const mismatch = await api("POST", `/cadres/${id}/assignments`, {
      seatId,
      unitId: org.communeA2,
      validFrom: "2016-01-01",
    });
    expect(mismatch.json().code).toBe("ASSIGNMENT_SEAT_MISMATCH");
    const ok = await api("POST", `/cadres/${id}/assignments`, { seatId, validFrom: "2016-01-01" });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      seatId,
      unitId: org.communeA1,
      titleId: titles.commune_committee_chair,
      unitName: "Phường Phúc Xá",
    });
    const seats = (await api("GET", `/seats?unitId=${org.communeA1}`)).json();
    expect(seats.items.find((s: { id: number }) => s.id === seatId).occupied).toBe(1);
    const endSeat = await api("POST", `/seats/${seatId}/end`, { endDate: "2026-01-01" });
    expect(endSeat.statusCode).toBe(409);
    expect(endSeat.json().code).toBe("SEAT_HAS_ASSIGNMENTS");
  });
});

describe("derived facts", () => {
  it("tells a local head by the home town's place inside the territory the post leads, not the birthplace (default rule)", async () => {
    const place = await loadPlacesSlice(t.db);
    // District A governs Quận Ba Đình of the 1/3/2025 list.
    const link = await api("POST", `/units/${org.districtA}/place`, {
      placeId: place("2025-03:001"),
      reason: "Gắn địa danh cho quận",
    });
    expect(link.statusCode, link.body).toBe(200);
    const make = async (
      staffCode: string,
      homeTownPlaceId: number | null,
      birthplacePlaceId: number | null,
    ) => {
      const res = await api(
        "POST",
        "/cadres",
        person({
          staffCode,
          idNumber: null,
          homeTownPlaceId,
          birthplacePlaceId,
          assignment: {
            unitId: org.districtA,
            titleId: titles.district_party_secretary,
            validFrom: "2020-10-01",
          },
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      return res.json().computed;
    };
    const phucXa = place("2025-03:00001"); // a ward of Ba Đình
    const phucTan = place("2025-03:00037"); // a ward of Hoàn Kiếm, same city
    const tanDinh = place("2025-07:26737"); // Hồ Chí Minh City
    expect((await make("LOCAL-1", phucXa, tanDinh)).isLocal).toBe(true);
    expect((await make("LOCAL-2", tanDinh, phucXa)).isLocal).toBe(false);
    expect((await make("LOCAL-3", null, phucXa)).isLocal).toBe(null);
    const facts = await make("LOCAL-4", phucTan, phucTan);
    expect(facts).toMatchObject({
      isLocal: false,
      leadership: { title: { id: titles.district_party_secretary }, termEndDate: "2025-09-30" },
      current: { monthsInPost: 68 },
    });
  });
});

describe("management tiers are used only while they exist (DOMAIN §9)", () => {
  let id: number;
  beforeAll(async () => {
    const res = await api("POST", "/cadres", person({ staffCode: "TIER-1", idNumber: null }));
    id = res.json().id;
  });
  const tierRows = async () =>
    (
      await t.database.pool.query(
        "SELECT tier, valid_from::text AS f, valid_to::text AS t FROM cadre_tiers WHERE cadre_id = $1 ORDER BY valid_from",
        [id],
      )
    ).rows;

  // Each case is tried alone and removed again when accepted, so that the cases do not overlap each other.
  it.each([
    ["a district tier from 2020 still open", "district_standing", "2020-01-01", null, "TIER_NOT_IN_FORCE"],
    [
      "a district tier beginning 1/7/2025",
      "district_standing",
      "2025-07-01",
      "2025-12-01",
      "TIER_NOT_IN_FORCE",
    ],
    [
      "a district tier to 1/7/2025 inclusive",
      "district_standing",
      "2020-01-01",
      "2025-07-02",
      "TIER_NOT_IN_FORCE",
    ],
    ["a district tier to 30/6/2025", "district_standing", "2020-01-01", "2025-07-01", null],
    ["a district tier of 2015–2019", "district_standing", "2015-01-01", "2020-01-01", null],
    ["a committee directly under the city from 1/7/2025", "department_committee", "2025-07-01", null, null],
    ["the city standing committee from 2020, open", "city_standing", "2020-01-01", null, null],
  ] as const)("%s", async (_name, tier, validFrom, validTo, refusal) => {
    const res = await api("POST", `/cadres/${id}/tiers`, {
      tier,
      validFrom,
      ...(validTo ? { validTo } : {}),
    });
    if (refusal === null) {
      expect(res.statusCode, res.body).toBe(201);
      const removed = await api("DELETE", `/cadres/${id}/tiers/${res.json().id}`, { reason: "thử" });
      expect(removed.statusCode, removed.body).toBeLessThan(300);
      return;
    }
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: refusal,
      message: expect.stringContaining("chỉ có đến 30/06/2025"),
      details: {
        tier,
        name: "Diện Ban Thường vụ quận, huyện, thị ủy quản lý",
        lastDayInForce: "2025-06-30",
      },
    });
    expect(await tierRows()).toEqual([]);
  });

  it("ends a district row on 1/7/2025 at the latest, and leaves the rest of it alone", async () => {
    const added = await api("POST", `/cadres/${id}/tiers`, {
      tier: "district_standing",
      validFrom: "2020-01-01",
      validTo: "2025-07-01",
    });
    expect(added.statusCode, added.body).toBe(201);
    const rowId = added.json().id;
    // Stretching it past the tier's end is refused and changes nothing.
    const stretched = await api("PATCH", `/cadres/${id}/tiers/${rowId}`, { validTo: null, reason: "sửa" });
    expect(stretched.statusCode).toBe(422);
    expect(stretched.json().code).toBe("TIER_NOT_IN_FORCE");
    expect(await tierRows()).toEqual([{ tier: "district_standing", f: "2020-01-01", t: "2025-07-01" }]);
    // A correction of other fields is still taken.
    const noted = await api("PATCH", `/cadres/${id}/tiers/${rowId}`, {
      decisionRef: "12-QĐ/QU",
      reason: "bổ sung",
    });
    expect(noted.statusCode, noted.body).toBe(200);
    await api("DELETE", `/cadres/${id}/tiers/${rowId}`, { reason: "thử" });
  });

  it("keeps a stored open district row as it is, and lets it be ended when the tier ends, not later", async () => {
    // A row stored before the rule (an older import): the rule does not rewrite it.
    await t.database.pool.query(
      "INSERT INTO cadre_tiers (cadre_id, tier, valid_from) VALUES ($1, 'district_standing', '2018-01-01')",
      [id],
    );
    const [{ id: rowId }] = (
      await t.database.pool.query("SELECT id FROM cadre_tiers WHERE cadre_id = $1", [id])
    ).rows;
    const noted = await api("PATCH", `/cadres/${id}/tiers/${rowId}`, {
      decisionRef: "5-QĐ/QU",
      reason: "bổ sung",
    });
    expect(noted.statusCode, noted.body).toBe(200);
    const late = await api("POST", `/cadres/${id}/tiers/${rowId}/end`, {
      endDate: "2025-09-01",
      reason: "kết thúc",
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe("TIER_NOT_IN_FORCE");
    expect(await tierRows()).toEqual([{ tier: "district_standing", f: "2018-01-01", t: null }]);
    const ended = await api("POST", `/cadres/${id}/tiers/${rowId}/end`, {
      endDate: "2025-07-01",
      reason: "kết thúc",
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await tierRows()).toEqual([{ tier: "district_standing", f: "2018-01-01", t: "2025-07-01" }]);
  });
});

describe("API description", () => {
  it("lists the cadre, code and post routes in the OpenAPI document", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      "/api/codes",
      "/api/codes/{list}/{code}",
      "/api/titles",
      "/api/seats",
      "/api/seats/{id}/end",
      "/api/cadres",
      "/api/cadres/me",
      "/api/cadres/{id}",
      "/api/cadres/{id}/assignments/{rowId}/end",
      "/api/cadres/{id}/family/{rowId}",
      "/api/cadres/{id}/work-history",
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths).not.toContain("/api/cadres/{id}/rewards/{rowId}/end");
  });
});

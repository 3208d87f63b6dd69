import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, type Org, titleIds } from "../cadres/cadres.test-helpers.ts";

let t: TestApp;
let org: Org;
let titles: Record<string, number>;
let officerA: { headers: Record<string, string> };
let leaderA: { headers: Record<string, string> };

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  titles = await titleIds(t);
  officerA = await t.userSession({
    username: "officer.a",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
  });
  leaderA = await t.userSession({ username: "leader.a", roles: ["leader"], scopeUnitIds: [org.districtA] });
});
afterAll(async () => t?.close());

const call = (
  s: { headers: Record<string, string> },
  method: "GET" | "POST" | "PATCH",
  url: string,
  payload?: object,
) =>
  t.app.inject({
    method,
    url: `/api${url}`,
    headers: s.headers,
    ...(payload === undefined ? {} : { payload }),
  });

const seatCount = async () => (await t.database.pool.query("SELECT count(*)::int AS n FROM seats")).rows[0].n;

describe("titles catalogue", () => {
  it("is read in rank order and edited with posts.write, audited", async () => {
    const list = (await call(leaderA, "GET", "/titles?level=commune")).json().items;
    expect(list.map((x: { code: string }) => x.code)).toEqual([
      "commune_party_secretary",
      "commune_party_deputy_standing",
      "commune_committee_chair",
      "commune_committee_vice_chair",
    ]);
    const denied = await call(leaderA, "POST", "/titles", {
      code: "ward_police_chief",
      name: "Trưởng Công an phường",
      level: "commune",
    });
    expect(denied.statusCode).toBe(403);
    const created = await call(officerA, "POST", "/titles", {
      code: "ward_police_chief",
      name: "Trưởng Công an phường",
      level: "commune",
      isLeadership: true,
      rank: 44,
    });
    expect(created.statusCode, created.body).toBe(201);
    const dup = await call(officerA, "POST", "/titles", {
      code: "ward_police_chief",
      name: "X",
      level: "commune",
    });
    expect(dup.statusCode).toBe(409);
    const renamed = await call(officerA, "PATCH", `/titles/${created.json().id}`, {
      name: "Trưởng Công an xã/phường",
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      code: "ward_police_chief",
      name: "Trưởng Công an xã/phường",
      isLeadership: true,
    });
    const audit = await t.database.pool.query(
      "SELECT action, before, after FROM audit_log WHERE entity_type = 'title' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["title.created", "title.updated"]);
    expect(audit.rows[1].before.name).toBe("Trưởng Công an phường");
  });
});

describe("seats", () => {
  let seatId: number;

  it("are created in a unit of the scope, dated, with a quota", async () => {
    const res = await call(officerA, "POST", "/seats", {
      unitId: org.communeA1,
      titleId: titles.commune_committee_vice_chair,
      quota: 2,
      validFrom: "2021-01-01",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      unitName: "Phường Phúc Xá",
      titleName: "Phó Chủ tịch UBND xã/phường/thị trấn",
      quota: 2,
      occupied: 0,
    });
    seatId = res.json().id;
  });

  it("cannot be created outside the scope or before the unit exists, and nothing is created", async () => {
    const before = await seatCount();
    const outside = await call(officerA, "POST", "/seats", {
      unitId: org.communeB1,
      titleId: titles.expert,
      validFrom: "2021-01-01",
    });
    expect(outside.statusCode).toBe(404);
    const early = await call(officerA, "POST", "/seats", {
      unitId: org.communeA1,
      titleId: titles.expert,
      validFrom: "1999-01-01",
    });
    expect(early.statusCode).toBe(404); // not in scope on a date the unit did not exist
    const unknownTitle = await call(officerA, "POST", "/seats", {
      unitId: org.communeA1,
      titleId: 99999,
      validFrom: "2021-01-01",
    });
    expect(unknownTitle.statusCode).toBe(422);
    expect(unknownTitle.json().code).toBe("TITLE_UNKNOWN");
    const badQuota = await call(officerA, "POST", "/seats", {
      unitId: org.communeA1,
      titleId: titles.expert,
      quota: -1,
      validFrom: "2021-01-01",
    });
    expect(badQuota.statusCode).toBe(400);
    expect(await seatCount()).toBe(before);
  });

  it("are listed per unit or subtree as of a date, within the scope", async () => {
    const own = (await call(leaderA, "GET", `/seats?unitId=${org.communeA1}`)).json();
    expect(own.items.map((s: { id: number }) => s.id)).toEqual([seatId]);
    const subtree = (await call(leaderA, "GET", `/seats?unitId=${org.districtA}&subtree=true`)).json();
    expect(subtree.items.map((s: { id: number }) => s.id)).toEqual([seatId]);
    const flat = (await call(leaderA, "GET", `/seats?unitId=${org.districtA}`)).json();
    expect(flat.items).toEqual([]);
    const earlier = (await call(leaderA, "GET", `/seats?unitId=${org.communeA1}&asOf=2020-12-31`)).json();
    expect(earlier.items).toEqual([]);
    expect((await call(leaderA, "GET", `/seats?unitId=${org.communeB1}`)).statusCode).toBe(404);
  });

  it("end on a date after their start, once", async () => {
    const tooEarly = await call(officerA, "POST", `/seats/${seatId}/end`, { endDate: "2021-01-01" });
    expect(tooEarly.statusCode).toBe(422);
    const ended = await call(officerA, "POST", `/seats/${seatId}/end`, {
      endDate: "2025-07-01",
      reason: "sắp xếp bộ máy",
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().validTo).toBe("2025-07-01");
    expect((await call(officerA, "POST", `/seats/${seatId}/end`, { endDate: "2025-08-01" })).statusCode).toBe(
      409,
    );
    const today = (await call(leaderA, "GET", `/seats?unitId=${org.communeA1}`)).json();
    expect(today.items).toEqual([]);
    const withEnded = (await call(leaderA, "GET", `/seats?unitId=${org.communeA1}&includeEnded=true`)).json();
    expect(withEnded.items).toHaveLength(1);
    const officerB = await t.userSession({
      username: "officer.b",
      roles: ["officer"],
      scopeUnitIds: [org.districtB],
    });
    expect((await call(officerB, "POST", `/seats/${seatId}/end`, { endDate: "2025-08-01" })).statusCode).toBe(
      404,
    );
  });
});

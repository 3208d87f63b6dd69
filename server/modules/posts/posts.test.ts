import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Permission, Role } from "../../../common/enums/auth.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, type Org, titleIds } from "../cadres/cadres.test-helpers.ts";

type Session = { headers: Record<string, string> };

let t: TestApp;
let org: Org;
let titles: Record<string, number>;
let admin: Session;
let officerA: Session;
let leaderA: Session;
/** An officer of district A to whom an admin granted posts.write: seats of A, never the catalogue. */
let seatKeeperA: Session;

async function user(input: {
  username: string;
  roles: Role[];
  scopeUnitIds?: number[];
  extraPermissions?: Permission[];
}): Promise<Session> {
  const password = `Tz-${randomBytes(6).toString("hex")}-2026x`;
  await t.services.auth.createUser(t.system, {
    username: input.username,
    displayName: input.username,
    password,
    roles: input.roles,
    scopeUnitIds: input.scopeUnitIds ?? [],
    extraPermissions: input.extraPermissions ?? [],
    mustChangePassword: false,
  });
  return t.login(input.username, password);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  titles = await titleIds(t);
  admin = await user({ username: "admin1", roles: ["admin"] });
  officerA = await user({ username: "officer.a", roles: ["officer"], scopeUnitIds: [org.districtA] });
  leaderA = await user({ username: "leader.a", roles: ["leader"], scopeUnitIds: [org.districtA] });
  seatKeeperA = await user({
    username: "seats.a",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
    extraPermissions: ["posts.write"],
  });
});
afterAll(async () => t?.close());

const call = (s: Session, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api${url}`,
    headers: s.headers,
    ...(payload === undefined ? {} : { payload }),
  });

const seatCount = async () => (await t.database.pool.query("SELECT count(*)::int AS n FROM seats")).rows[0].n;

/** Every row of the catalogue and of the audit trail, to show that a refused change changed nothing. */
async function catalogueSnapshot() {
  const q = async (sql: string) => (await t.database.pool.query(sql)).rows;
  return {
    titles: await q("SELECT * FROM titles ORDER BY id"),
    versions: await q("SELECT * FROM title_versions ORDER BY id"),
    seats: await q("SELECT * FROM seats ORDER BY id"),
    audit: await q("SELECT count(*)::int AS n FROM audit_log"),
  };
}

describe("titles catalogue", () => {
  it("is read in rank order; admins add and rename titles, audited", async () => {
    const list = (await call(leaderA, "GET", "/titles?level=commune")).json().items;
    expect(list.map((x: { code: string }) => x.code)).toEqual([
      "commune_party_secretary",
      "commune_party_deputy_standing",
      "commune_committee_chair",
      "commune_committee_vice_chair",
    ]);
    expect(list[0]).toMatchObject({ isLeadership: true, isKey: true, attributesFrom: null });
    const created = await call(admin, "POST", "/titles", {
      code: "ward_police_chief",
      name: "Trưởng Công an phường",
      level: "commune",
      isLeadership: true,
      rank: 44,
    });
    expect(created.statusCode, created.body).toBe(201);
    const dup = await call(admin, "POST", "/titles", {
      code: "ward_police_chief",
      name: "X",
      level: "commune",
    });
    expect(dup.statusCode).toBe(409);
    const renamed = await call(admin, "PATCH", `/titles/${created.json().id}`, {
      name: "Trưởng Công an xã/phường",
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      code: "ward_police_chief",
      name: "Trưởng Công an xã/phường",
      isLeadership: true,
      attributesFrom: null,
    });
    const audit = await t.database.pool.query(
      "SELECT action, before, after FROM audit_log WHERE entity_type = 'title' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["title.created", "title.updated"]);
    expect(audit.rows[1].before.name).toBe("Trưởng Công an phường");
  });

  it("cannot be changed by officers, leaders, or a scoped user granted posts.write; nothing changes", async () => {
    const before = await catalogueSnapshot();
    const expert = titles.expert!;
    const attempts = [
      await call(officerA, "PATCH", `/titles/${expert}`, { isLeadership: true }),
      await call(officerA, "POST", "/titles", { code: "x_officer", name: "X", level: "staff" }),
      await call(leaderA, "PATCH", `/titles/${expert}`, { level: "city" }),
      await call(leaderA, "POST", "/titles", { code: "x_leader", name: "X", level: "staff" }),
      await call(seatKeeperA, "PATCH", `/titles/${expert}`, {
        isLeadership: true,
        effectiveFrom: "2020-01-01",
      }),
      await call(seatKeeperA, "POST", "/titles", { code: "x_scoped", name: "X", level: "staff" }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe("FORBIDDEN");
    }
    expect(await catalogueSnapshot()).toEqual(before);
  });

  it("takes a change of what figures read from its date on: earlier figures keep the old value", async () => {
    // Đoàn Văn Quý: Standing Committee of the city (I5's population when his post is a leadership one),
    // main post "Chánh Văn phòng" (a title made for this test, not a leadership title at first).
    const made = await call(admin, "POST", "/titles", {
      code: "office_chief_test",
      name: "Chánh Văn phòng (thử)",
      level: "department",
    });
    expect(made.statusCode, made.body).toBe(201);
    const titleId = made.json().id as number;
    const person = await cadreFactory(t, { unitId: org.city, titleId })({
      fullName: "Đoàn Văn Quý",
      birthDate: "1972-04-04",
    });
    await t.services.histories.add(t.system, person.id, "tiers", {
      tier: "city_standing",
      validFrom: "2010-01-01",
    });
    const i5 = async (asOf: string) =>
      (await t.services.indicators.compute(t.system, { unitId: org.city, asOf })).items.find(
        (i) => i.code === "I5",
      )!.denominator;
    const leading = async (asOf: string) =>
      (await t.services.cadres.get(t.system, person.id, asOf)).computed.leadership;
    expect([await i5("2026-06-15"), await i5("2026-07-01")]).toEqual([0, 0]);

    const res = await call(admin, "PATCH", `/titles/${titleId}`, {
      isLeadership: true,
      effectiveFrom: "2026-07-01",
      reason: "Quyết định sửa danh mục chức danh lãnh đạo",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isLeadership: true, attributesFrom: "2026-07-01" });

    // Today (2026-06-15) and any earlier date: as before. From 2026-07-01: a leader.
    expect([await i5("2025-12-31"), await i5("2026-06-30"), await i5("2026-07-01")]).toEqual([0, 0, 1]);
    expect(await leading("2026-06-30")).toBeNull();
    expect(await leading("2026-07-01")).toMatchObject({ title: { id: titleId } });
    const on = async (asOf: string) =>
      (await call(leaderA, "GET", `/titles?asOf=${asOf}`))
        .json()
        .items.find((x: { id: number }) => x.id === titleId);
    expect(await on("2026-06-30")).toMatchObject({ isLeadership: false, attributesFrom: null });
    expect(await on("2026-07-01")).toMatchObject({ isLeadership: true, attributesFrom: "2026-07-01" });
    const audit = await t.database.pool.query(
      "SELECT before, after, reason FROM audit_log WHERE action = 'title.updated' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]).toMatchObject({
      before: { isLeadership: false },
      after: { isLeadership: true, effectiveFrom: "2026-07-01" },
    });
  });

  it("dates each attribute on its own: a later change of one keeps the others' dates", async () => {
    const id = (
      await call(admin, "POST", "/titles", {
        code: "dated_test",
        name: "Thử ngày hiệu lực",
        level: "division",
      })
    ).json().id as number;
    const patch = async (body: object) => {
      const res = await call(admin, "PATCH", `/titles/${id}`, body);
      expect(res.statusCode, res.body).toBe(200);
    };
    await patch({ isLeadership: true, effectiveFrom: "2026-07-01" });
    await patch({ isKey: true, effectiveFrom: "2026-07-01" }); // same day: the same period
    await patch({ level: "department", effectiveFrom: "2025-01-01" }); // earlier, and from then on
    await patch({ level: "department", effectiveFrom: "2025-06-01" }); // already so: nothing to do
    const periods = await t.database.pool.query(
      `SELECT to_char(valid_from, 'YYYY-MM-DD') AS "from", to_char(valid_to, 'YYYY-MM-DD') AS "to",
              level, is_leadership AS "isLeadership", is_key AS "isKey"
       FROM title_versions WHERE title_id = $1 ORDER BY valid_from NULLS FIRST`,
      [id],
    );
    expect(periods.rows).toEqual([
      { from: null, to: "2025-01-01", level: "division", isLeadership: false, isKey: false },
      { from: "2025-01-01", to: "2026-07-01", level: "department", isLeadership: false, isKey: false },
      { from: "2026-07-01", to: null, level: "department", isLeadership: true, isKey: true },
    ]);
    const updates = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'title.updated' AND entity_id = $1",
      [String(id)],
    );
    expect(updates.rows[0].n).toBe(3);
  });

  it("refuses a bad date or value with 400 and changes nothing", async () => {
    const before = await catalogueSnapshot();
    for (const body of [
      { isLeadership: true, effectiveFrom: "2026-02-30" },
      { isLeadership: "yes" },
      { level: "galaxy" },
      { code: "renamed" },
    ]) {
      const res = await call(admin, "PATCH", `/titles/${titles.expert}`, body);
      expect(res.statusCode, res.body).toBe(400);
    }
    expect(await catalogueSnapshot()).toEqual(before);
  });
});

describe("seats", () => {
  let seatId: number;

  it("are created by admins only: an officer or a leader gets 403 and nothing is created", async () => {
    const before = await seatCount();
    for (const s of [officerA, leaderA]) {
      const res = await call(s, "POST", "/seats", {
        unitId: org.communeA1,
        titleId: titles.expert,
        validFrom: "2021-01-01",
      });
      expect(res.statusCode, res.body).toBe(403);
    }
    expect(await seatCount()).toBe(before);
  });

  it("are created in a unit of the scope, dated, with a quota", async () => {
    const res = await call(seatKeeperA, "POST", "/seats", {
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
    const outside = await call(seatKeeperA, "POST", "/seats", {
      unitId: org.communeB1,
      titleId: titles.expert,
      validFrom: "2021-01-01",
    });
    expect(outside.statusCode).toBe(404);
    const early = await call(seatKeeperA, "POST", "/seats", {
      unitId: org.communeA1,
      titleId: titles.expert,
      validFrom: "1999-01-01",
    });
    expect(early.statusCode).toBe(404); // not in scope on a date the unit did not exist
    const unknownTitle = await call(seatKeeperA, "POST", "/seats", {
      unitId: org.communeA1,
      titleId: 99999,
      validFrom: "2021-01-01",
    });
    expect(unknownTitle.statusCode).toBe(422);
    expect(unknownTitle.json().code).toBe("TITLE_UNKNOWN");
    const badQuota = await call(seatKeeperA, "POST", "/seats", {
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
    expect((await call(officerA, "POST", `/seats/${seatId}/end`, { endDate: "2025-07-01" })).statusCode).toBe(
      403,
    );
    const tooEarly = await call(seatKeeperA, "POST", `/seats/${seatId}/end`, { endDate: "2021-01-01" });
    expect(tooEarly.statusCode).toBe(422);
    const ended = await call(seatKeeperA, "POST", `/seats/${seatId}/end`, {
      endDate: "2025-07-01",
      reason: "sắp xếp bộ máy",
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().validTo).toBe("2025-07-01");
    expect((await call(admin, "POST", `/seats/${seatId}/end`, { endDate: "2025-08-01" })).statusCode).toBe(
      409,
    );
    const today = (await call(leaderA, "GET", `/seats?unitId=${org.communeA1}`)).json();
    expect(today.items).toEqual([]);
    const withEnded = (await call(leaderA, "GET", `/seats?unitId=${org.communeA1}&includeEnded=true`)).json();
    expect(withEnded.items).toHaveLength(1);
    const seatKeeperB = await user({
      username: "seats.b",
      roles: ["officer"],
      scopeUnitIds: [org.districtB],
      extraPermissions: ["posts.write"],
    });
    const before = await catalogueSnapshot();
    expect(
      (await call(seatKeeperB, "POST", `/seats/${seatId}/end`, { endDate: "2025-08-01" })).statusCode,
    ).toBe(404);
    expect(await catalogueSnapshot()).toEqual(before);
  });
});

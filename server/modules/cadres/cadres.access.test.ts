import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Permission, Role } from "../../../common/enums/auth.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, idNumberFor, type Org, titleIds } from "./cadres.test-helpers.ts";

type Session = { headers: Record<string, string> };

let t: TestApp;
let org: Org;
let titles: Record<string, number>;
let pA: number; // in district A
let pB: number; // in district B
let moved: number; // in district A until 2024-01-01, then in B
let familyRowB: number;
const ID_A = idNumberFor("female", "1982-11-02", 424242);
const ID_B = idNumberFor("male", "1979-01-30", 535353);
const HEALTH_A = "Viêm gan B mạn tính";
const FAMILY_A = "Hoàng Văn Thân";
const FAMILY_DETAILS_A = "Nguyên cán bộ Sở Tư pháp";

/** What the moved person's record holds today, none of it on record (or true) while they were in A. */
const MOVED_NOW = {
  phone: "0987000111",
  email: "minh.kv@example.vn",
  residence: "Số 12 đường Cổ Loa, Đông Anh",
  health: "Tăng huyết áp",
  major: "Quản lý công",
  reward: "Bằng khen của Chủ tịch UBND Thành phố",
  spouse: "Lại Thị Vân",
};

let officerA: Session; // scoped to district A, no sensitive grant
let officerAs: Session; // scoped to district A, with cadres.sensitive
let officerB: Session;
let leaderA: Session;
let selfUser: Session; // role cadre, linked to pA
let selfOfficer: Session; // officer in A whose own record is pA

async function user(input: {
  username: string;
  roles: Role[];
  scopeUnitIds?: number[];
  extraPermissions?: Permission[];
  cadreId?: number;
}): Promise<Session> {
  const password = `Tz-${randomBytes(6).toString("hex")}-2026x`;
  await t.services.auth.createUser(t.system, {
    username: input.username,
    displayName: input.username,
    password,
    roles: input.roles,
    scopeUnitIds: input.scopeUnitIds ?? [],
    extraPermissions: input.extraPermissions ?? [],
    cadreId: input.cadreId ?? null,
    mustChangePassword: false,
  });
  return t.login(input.username, password);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  titles = await titleIds(t);
  const make = cadreFactory(t, { unitId: org.communeA1, titleId: titles.expert! });
  const a = await make({
    fullName: "Hoàng Thị Lan",
    sex: "female",
    birthDate: "1982-11-02",
    idNumber: ID_A,
    ethnicityCode: "06",
    religionCode: "02",
    health: HEALTH_A,
  });
  pA = a.id;
  await t.services.histories.add(t.system, pA, "family", {
    side: "own",
    relation: "Bố",
    fullName: FAMILY_A,
    birthYear: 1950,
    details: FAMILY_DETAILS_A,
  });
  const b = await make({
    fullName: "Vũ Văn Hải",
    birthDate: "1979-01-30",
    idNumber: ID_B,
    assignment: { unitId: org.communeB1, titleId: titles.expert!, validFrom: "2010-01-01" },
  });
  pB = b.id;
  const fam = await t.services.histories.add(t.system, pB, "family", {
    side: "spouse",
    relation: "Vợ",
    fullName: "Đinh Thị Hoa",
  });
  familyRowB = fam.id;
  const m = await make({
    fullName: "Kiều Văn Minh",
    birthDate: "1985-03-03",
    phone: MOVED_NOW.phone,
    email: MOVED_NOW.email,
    residence: MOVED_NOW.residence,
    health: MOVED_NOW.health,
    joinedAgencyDate: "2024-01-01",
  });
  moved = m.id;
  await t.services.histories.end(t.system, moved, "assignments", m.assignments[0]!.id, {
    endDate: "2024-01-01",
  });
  await t.services.histories.add(t.system, moved, "assignments", {
    unitId: org.communeB1,
    titleId: titles.commune_committee_vice_chair!,
    validFrom: "2024-01-01",
  });
  // In A: a tier ended by the move, a salary step running across it. After the move: a tier in B, a
  // degree, a reward and a family member.
  const tierA = await t.services.histories.add(t.system, moved, "tiers", {
    tier: "grassroots",
    validFrom: "2015-01-01",
  });
  await t.services.histories.end(t.system, moved, "tiers", tierA.id, { endDate: "2024-01-01" });
  await t.services.histories.add(t.system, moved, "tiers", {
    tier: "department_committee",
    validFrom: "2024-01-01",
  });
  await t.services.histories.add(t.system, moved, "salaries", {
    gradeCode: "01.003",
    step: 4,
    validFrom: "2022-01-01",
    validTo: "2025-01-01",
  });
  await t.services.histories.add(t.system, moved, "qualifications", {
    category: "professional",
    levelCode: "master",
    major: MOVED_NOW.major,
    obtainedOn: "2025-05-20",
  });
  await t.services.histories.add(t.system, moved, "rewards", {
    form: MOVED_NOW.reward,
    decidedOn: "2025-12-01",
  });
  await t.services.histories.add(t.system, moved, "family", {
    side: "spouse",
    relation: "Vợ",
    fullName: MOVED_NOW.spouse,
  });

  officerA = await user({ username: "officer.a", roles: ["officer"], scopeUnitIds: [org.districtA] });
  officerAs = await user({
    username: "officer.a.s",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
    extraPermissions: ["cadres.sensitive"],
  });
  officerB = await user({ username: "officer.b", roles: ["officer"], scopeUnitIds: [org.districtB] });
  leaderA = await user({ username: "leader.a", roles: ["leader"], scopeUnitIds: [org.districtA] });
  selfUser = await user({ username: "lan.ht", roles: ["cadre"], cadreId: pA });
  selfOfficer = await user({
    username: "lan.officer",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
    cadreId: pA,
  });
});
afterAll(async () => t?.close());

const call = (s: Session, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api${url}`,
    headers: s.headers,
    ...(payload === undefined ? {} : { payload }),
  });

async function snapshot(id: number) {
  const q = async (sql: string) => (await t.database.pool.query(sql, [id])).rows;
  return {
    person: await q("SELECT * FROM cadres WHERE id = $1"),
    assignments: await q("SELECT * FROM cadre_assignments WHERE cadre_id = $1 ORDER BY id"),
    tiers: await q("SELECT * FROM cadre_tiers WHERE cadre_id = $1 ORDER BY id"),
    family: await q("SELECT * FROM cadre_family WHERE cadre_id = $1 ORDER BY id"),
  };
}

async function sensitiveReads(id: number): Promise<number> {
  const r = await t.database.pool.query(
    "SELECT count(*)::int AS n FROM audit_log WHERE action = 'cadre.sensitive_read' AND entity_id = $1",
    [String(id)],
  );
  return r.rows[0].n;
}

describe("scope: an officer of district A and a person of district B", () => {
  it("cannot read the person (404) nor find them in lists", async () => {
    const res = await call(officerA, "GET", `/cadres/${pB}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("CADRE_NOT_FOUND");
    expect(res.body).not.toContain("Vũ Văn Hải");
    const page = (await call(officerA, "GET", "/cadres?pageSize=200")).json();
    expect(page.items.map((i: { id: number }) => i.id).sort()).toEqual([pA].sort());
    expect((await call(officerA, "GET", `/cadres?q=hai`)).json().total).toBe(0);
    expect((await call(officerA, "GET", `/cadres?unitId=${org.districtB}`)).statusCode).toBe(404);
  });

  it("cannot change the person or their histories, and nothing changes", async () => {
    const before = await snapshot(pB);
    const attempts = [
      await call(officerA, "PATCH", `/cadres/${pB}`, { version: 1, phone: "0900000000" }),
      await call(officerA, "POST", `/cadres/${pB}/tiers`, { tier: "grassroots", validFrom: "2020-01-01" }),
      await call(officerA, "POST", `/cadres/${pB}/assignments/${before.assignments[0].id}/end`, {
        endDate: "2025-01-01",
      }),
      await call(officerA, "PATCH", `/cadres/${pB}/assignments/${before.assignments[0].id}`, {
        unitId: org.communeA1,
      }),
      await call(officerA, "DELETE", `/cadres/${pB}/assignments/${before.assignments[0].id}`, {
        reason: "thử xóa",
      }),
      await call(officerAs, "DELETE", `/cadres/${pB}/family/${familyRowB}`, { reason: "thử xóa" }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe("CADRE_NOT_FOUND");
    }
    expect(await snapshot(pB)).toEqual(before);
  });

  it("cannot bring a new person into district B", async () => {
    const count = async () =>
      (await t.database.pool.query("SELECT count(*)::int AS n FROM cadres")).rows[0].n;
    const before = await count();
    const outside = await call(officerA, "POST", "/cadres", {
      staffCode: "OUT-1",
      fullName: "Ngô Văn Ngoài",
      sex: "male",
      birthDate: "1990-01-01",
      staffType: "civil_servant",
      assignment: { unitId: org.communeB1, titleId: titles.expert, validFrom: "2020-01-01" },
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe("ASSIGNMENT_UNIT_OUT_OF_SCOPE");
    const nowhere = await call(officerA, "POST", "/cadres", {
      staffCode: "OUT-2",
      fullName: "Ngô Văn Ngoài",
      sex: "male",
      birthDate: "1990-01-01",
      staffType: "civil_servant",
    });
    expect(nowhere.statusCode).toBe(422);
    expect(nowhere.json().code).toBe("CADRE_NEEDS_ASSIGNMENT");
    expect(await count()).toBe(before);
  });

  it("follows a transfer: readable as of a date in A, not after the move", async () => {
    expect((await call(officerA, "GET", `/cadres/${moved}?asOf=2023-06-01`)).statusCode).toBe(200);
    expect((await call(officerA, "GET", `/cadres/${moved}`)).statusCode).toBe(404);
    expect((await call(officerB, "GET", `/cadres/${moved}`)).statusCode).toBe(200);
    expect((await call(officerB, "GET", `/cadres/${moved}?asOf=2023-06-01`)).statusCode).toBe(404);
  });

  it("shows the officer of A the moved person as of a date in A only: no later post, no current contact", async () => {
    for (const reader of [officerA, officerAs]) {
      const res = await call(reader, "GET", `/cadres/${moved}?asOf=2023-06-01`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.withheld.sort()).toEqual(["email", "family", "health", "phone", "residence"]);
      expect(body).toMatchObject({ phone: null, email: null, residence: null, health: null });
      expect(body).not.toHaveProperty("family");
      expect(body.joinedAgencyDate).toBeNull();
      // The post in A as it stood: still running on that date, its end (the move) not shown.
      expect(body.assignments).toEqual([
        expect.objectContaining({ unitId: org.communeA1, validFrom: "2010-01-01", validTo: null }),
      ]);
      expect(body.tiers).toEqual([expect.objectContaining({ tier: "grassroots", validTo: null })]);
      expect(body.salaries).toEqual([expect.objectContaining({ validFrom: "2022-01-01", validTo: null })]);
      expect(body.qualifications).toEqual([]);
      expect(body.rewards).toEqual([]);
      expect(body.computed.current.unit.id).toBe(org.communeA1);
      for (const later of [...Object.values(MOVED_NOW), "Xã Cổ Loa", "Phó Chủ tịch UBND", "2024-01-01"]) {
        expect(res.body, later).not.toContain(later);
      }
    }
  });

  it("exports the moved person for the office of A as of a date in A without their current contact", async () => {
    const byA = await call(officerA, "GET", "/cadres/export?format=csv&asOf=2023-06-01");
    expect(byA.statusCode, byA.body.slice(0, 300)).toBe(200);
    expect(byA.body).toContain("Kiều Văn Minh");
    for (const now of [MOVED_NOW.phone, MOVED_NOW.email, "00500"]) expect(byA.body, now).not.toContain(now);
    const byB = await call(officerB, "GET", "/cadres/export?format=csv");
    expect(byB.body).toContain(MOVED_NOW.phone);
    expect(byB.body).toContain(MOVED_NOW.email);
  });

  it("shows the whole record, facts as of the date, to whoever may read it today", async () => {
    const byB = (await call(officerB, "GET", `/cadres/${moved}`)).json();
    expect(byB).toMatchObject({ phone: MOVED_NOW.phone, residence: MOVED_NOW.residence, withheld: [] });
    expect(byB.assignments).toHaveLength(2);
    const bySystem = await t.services.cadres.get(t.system, moved, "2023-06-01");
    expect(bySystem).toMatchObject({ phone: MOVED_NOW.phone, withheld: [], joinedAgencyDate: "2024-01-01" });
    expect(bySystem.assignments).toHaveLength(2);
    expect(bySystem.family).toEqual([expect.objectContaining({ fullName: MOVED_NOW.spouse })]);
    expect(bySystem.computed.current?.unit.id).toBe(org.communeA1);
  });

  it("does not let the office the person left change the record, even as of a date in its scope", async () => {
    const before = await snapshot(moved);
    const version = before.person[0].version;
    const attempts = [
      await call(officerA, "PATCH", `/cadres/${moved}`, { version, phone: "0900000000" }),
      await call(officerA, "POST", `/cadres/${moved}/rewards`, {
        form: "Giấy khen",
        decidedOn: "2023-01-01",
      }),
      await call(officerA, "POST", `/cadres/${moved}/assignments/${before.assignments[0].id}/end`, {
        endDate: "2023-01-01",
      }),
    ];
    for (const res of attempts) expect(res.statusCode, res.body).toBe(404);
    expect(await snapshot(moved)).toEqual(before);
  });

  it("lets the officer of A change their own people", async () => {
    const res = await call(officerA, "PATCH", `/cadres/${pA}`, { version: 1, phone: "0911111111" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().phone).toBe("0911111111");
  });

  it("gives a leader read access only", async () => {
    expect((await call(leaderA, "GET", `/cadres/${pA}`)).statusCode).toBe(200);
    const res = await call(leaderA, "PATCH", `/cadres/${pA}`, { version: 2, phone: "0922222222" });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("FORBIDDEN");
  });
});

describe("sensitive fields", () => {
  it("are masked without cadres.sensitive, in detail and list, and the read is not logged as sensitive", async () => {
    const readsBefore = await sensitiveReads(pA);
    const res = await call(officerA, "GET", `/cadres/${pA}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ idNumber: null, ethnicityCode: null, religionCode: null, health: null });
    expect(body.masked.sort()).toEqual(["ethnicityCode", "family", "health", "idNumber", "religionCode"]);
    expect(body).not.toHaveProperty("family");
    for (const secret of [ID_A, HEALTH_A, FAMILY_A, FAMILY_DETAILS_A, "Công giáo", "Mường"]) {
      expect(res.body).not.toContain(secret);
    }
    const list = await call(officerA, "GET", "/cadres?pageSize=200");
    for (const secret of [ID_A, HEALTH_A, FAMILY_A]) expect(list.body).not.toContain(secret);
    expect(list.body).not.toMatch(/idNumber|religion|ethnicity|health|family/);
    expect(await sensitiveReads(pA)).toBe(readsBefore);
  });

  it("are present with cadres.sensitive, and each such read is audited", async () => {
    const readsBefore = await sensitiveReads(pA);
    const res = await call(officerAs, "GET", `/cadres/${pA}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      idNumber: ID_A,
      ethnicityCode: "06",
      religionCode: "02",
      health: HEALTH_A,
      masked: [],
    });
    expect(body.family).toEqual([expect.objectContaining({ fullName: FAMILY_A, details: FAMILY_DETAILS_A })]);
    expect(await sensitiveReads(pA)).toBe(readsBefore + 1);
    const row = await t.database.pool.query(
      "SELECT actor_username, entity_type FROM audit_log WHERE action = 'cadre.sensitive_read' ORDER BY id DESC LIMIT 1",
    );
    expect(row.rows[0]).toEqual({ actor_username: "officer.a.s", entity_type: "cadre" });
  });

  it("cannot be written without cadres.sensitive", async () => {
    const before = await snapshot(pA);
    const version = before.person[0].version;
    const idChange = await call(officerA, "PATCH", `/cadres/${pA}`, { version, idNumber: null });
    expect(idChange.statusCode).toBe(403);
    expect(idChange.json().code).toBe("CADRE_SENSITIVE_FORBIDDEN");
    const family = await call(officerA, "POST", `/cadres/${pA}/family`, {
      side: "own",
      relation: "Mẹ",
      fullName: "Lê Thị Mẹ",
    });
    expect(family.statusCode).toBe(403);
    expect(await snapshot(pA)).toEqual(before);
  });

  it("lets only cadres.sensitive search by ID number", async () => {
    const forbidden = await call(officerA, "GET", `/cadres?idNumber=${ID_A}`);
    expect(forbidden.statusCode).toBe(403);
    expect((await call(officerA, "GET", `/cadres?q=${ID_A}`)).json().total).toBe(0);
    const byQ = (await call(officerAs, "GET", `/cadres?q=${ID_A}`)).json();
    expect(byQ.items.map((i: { id: number }) => i.id)).toEqual([pA]);
    const byParam = (await call(officerAs, "GET", `/cadres?idNumber=${ID_A}`)).json();
    expect(byParam.items.map((i: { id: number }) => i.id)).toEqual([pA]);
    // Scope still applies to an exact ID number.
    expect((await call(officerAs, "GET", `/cadres?q=${ID_B}`)).json().total).toBe(0);
  });
});

describe("searches by ID number", () => {
  const searches = async () =>
    (
      await t.database.pool.query(
        `SELECT actor_username, entity_type, entity_id, after, at FROM audit_log
         WHERE action = 'cadre.id_number_searched' ORDER BY id`,
      )
    ).rows;

  it("are recorded: who searched, the number masked to its last four digits, what was found, and when", async () => {
    const before = (await searches()).length;
    await call(officerAs, "GET", `/cadres?idNumber=${ID_A}`);
    await call(officerAs, "GET", `/cadres?q=${ID_B}`); // out of scope: found nothing, still recorded
    const rows = (await searches()).slice(before);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      actor_username: "officer.a.s",
      entity_type: "cadre",
      entity_id: String(pA),
      after: { idNumber: `********${ID_A.slice(-4)}`, found: [pA] },
    });
    expect(rows[0].at).toBeInstanceOf(Date);
    expect(rows[1]).toMatchObject({
      entity_id: null,
      after: { idNumber: `********${ID_B.slice(-4)}`, found: [] },
    });
    const all = JSON.stringify(await searches());
    expect(all).not.toContain(ID_A);
    expect(all).not.toContain(ID_B);
  });

  it("are not recorded for searches that cannot match an ID number", async () => {
    const before = (await searches()).length;
    await call(officerAs, "GET", "/cadres?q=lan");
    await call(officerA, "GET", `/cadres?q=${ID_A}`); // no cadres.sensitive: digits do not match ID numbers
    expect((await call(officerA, "GET", `/cadres?idNumber=${ID_A}`)).statusCode).toBe(403);
    expect((await searches()).length).toBe(before);
  });
});

describe("one's own record", () => {
  it("can be read by the cadre it belongs to, and nothing else is visible to them", async () => {
    const me = await call(selfUser, "GET", "/cadres/me");
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ id: pA, fullName: "Hoàng Thị Lan", idNumber: ID_A });
    expect((await call(selfUser, "GET", `/cadres/${pA}`)).statusCode).toBe(200);
    const other = await call(selfUser, "GET", `/cadres/${pB}`);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain("Vũ Văn Hải");
    expect((await call(selfUser, "GET", "/cadres")).statusCode).toBe(403);
    expect((await call(selfUser, "GET", `/seats?unitId=${org.communeA1}`)).statusCode).toBe(403);
  });

  it("cannot be changed by its owner, even an officer in scope", async () => {
    const before = await snapshot(pA);
    const version = before.person[0].version;
    const bySelf = await call(selfUser, "PATCH", `/cadres/${pA}`, { version, phone: "0933333333" });
    expect(bySelf.statusCode).toBe(403);
    const byOfficer = await call(selfOfficer, "PATCH", `/cadres/${pA}`, { version, phone: "0933333333" });
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json().code).toBe("CADRE_OWN_RECORD_READ_ONLY");
    const history = await call(selfOfficer, "POST", `/cadres/${pA}/tiers`, {
      tier: "grassroots",
      validFrom: "2020-01-01",
    });
    expect(history.statusCode).toBe(403);
    expect(await snapshot(pA)).toEqual(before);
  });

  it("answers 404 on /cadres/me for an account without a record", async () => {
    const res = await call(officerA, "GET", "/cadres/me");
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("CADRE_NO_OWN_RECORD");
  });
});

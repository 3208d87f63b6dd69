import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditPage } from "../../../common/contracts/audit.ts";
import type { Permission, Role } from "../../../common/enums/auth.ts";
import { type Actor, permissionsFor } from "../../lib/actor.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, idNumberFor, type Org, titleIds } from "../cadres/cadres.test-helpers.ts";

/**
 * The audit page shows a reader the rows about what their scope reaches, and never the sensitive values
 * they could not read on the record itself (audit.policy.ts).
 *
 * Lan (pA) works in ward A1 of district A: ID number, ethnicity, religion, health and a father on record.
 * Hải (pB) works in commune B1 of district B. Ward A2 and commune B1 are renamed by the admin.
 */
type Session = { headers: Record<string, string> };

let t: TestApp;
let org: Org;
let pA: number;
let pB: number;
let auditorId: number;
let admin: Session;
let auditorA: Session; // audit.read for district A, no cadres.sensitive
let auditorAs: Session; // the same with cadres.sensitive
let officerA: Session; // no audit.read
const ID_A = idNumberFor("female", "1982-11-02", 424242);
const ID_B = idNumberFor("male", "1979-01-30", 535353);
const ID_IMPORTED = idNumberFor("female", "1982-11-02", 909090);
const ID_SEARCHED = idNumberFor("male", "1990-01-01", 777777);
const HEALTH_A = "Viêm gan B mạn tính";
const FATHER_A = "Hoàng Văn Thân";
const ETHNICITY_A = "06";

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
  const titles = await titleIds(t);
  const make = cadreFactory(t, { unitId: org.communeA1, titleId: titles.expert! });
  pA = (
    await make({
      fullName: "Hoàng Thị Lan",
      sex: "female",
      birthDate: "1982-11-02",
      idNumber: ID_A,
      ethnicityCode: ETHNICITY_A,
      religionCode: "02",
      health: HEALTH_A,
    })
  ).id;
  await t.services.histories.add(t.system, pA, "family", {
    side: "own",
    relation: "Bố",
    fullName: FATHER_A,
    birthYear: 1950,
  });
  pB = (
    await make({
      fullName: "Vũ Văn Hải",
      birthDate: "1979-01-30",
      idNumber: ID_B,
      assignment: { unitId: org.communeB1, titleId: titles.expert!, validFrom: "2010-01-01" },
    })
  ).id;
  await t.services.units.rename(t.system, org.communeA2, {
    name: "Phường Trúc Bạch Mới",
    effectiveDate: "2025-01-01",
  });
  await t.services.units.rename(t.system, org.communeB1, {
    name: "Xã Cổ Loa Mới",
    effectiveDate: "2025-01-01",
  });

  admin = await user({ username: "admin.scope", roles: ["admin"] });
  auditorA = await user({
    username: "auditor.a",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
    extraPermissions: ["audit.read"],
  });
  auditorAs = await user({
    username: "auditor.a.s",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
    extraPermissions: ["audit.read", "cadres.sensitive"],
  });
  officerA = await user({ username: "officer.a", roles: ["officer"], scopeUnitIds: [org.districtA] });
  auditorId = (await t.services.auth.listUsers(t.system)).find((u) => u.username === "auditor.a")!.id;

  // As the spreadsheet import writes them (set-based SQL): Lan's record updated from a file.
  await t.database.pool.query(
    `INSERT INTO audit_log (actor_username, action, entity_type, entity_id, before, after, reason)
     VALUES ('cli', 'cadre.updated', 'cadre', $1, jsonb_build_object('idNumber', $2::text),
             jsonb_build_object('idNumber', $3::text, 'fullName', 'Hoàng Thị Lan', 'version', 2), 'Nhập từ tệp a.xlsx, dòng 2')`,
    [String(pA), ID_A, ID_IMPORTED],
  );
  // An action of the auditor's own whose values nest a sensitive field (an export's filter).
  await t.database.pool.query(
    `INSERT INTO audit_log (actor_id, actor_username, action, entity_type, after)
     VALUES ($1, 'auditor.a', 'cadres.exported', 'cadre',
             jsonb_build_object('filter', jsonb_build_object('idNumber', $2::text, 'asOf', '2026-06-15'), 'rows', 0))`,
    [auditorId, ID_SEARCHED],
  );
});
afterAll(async () => t?.close());

async function browse(s: Session, query = "") {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/audit?pageSize=500&${query}`,
    headers: s.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { page: res.json() as AuditPage, body: res.body };
}

describe("the audit page for a reader scoped to district A", () => {
  it("lists the changes to district A's units and people and the reader's own actions, nothing else", async () => {
    const { page } = await browse(auditorA);
    const unitsOfA = new Set([org.districtA, org.communeA1, org.communeA2].map(String));
    for (const item of page.items) {
      const reachable =
        (item.entityType === "unit" && unitsOfA.has(item.entityId!)) ||
        (item.entityType === "cadre" && item.entityId === String(pA)) ||
        item.actorId === auditorId;
      expect(reachable, JSON.stringify(item)).toBe(true);
    }
    const seen = page.items.map((i) => `${i.entityType}:${i.entityId}:${i.action}`);
    expect(seen).toContain(`cadre:${pA}:cadre.created`);
    expect(seen).toContain(`cadre:${pA}:cadre.family_member.added`);
    expect(seen).toContain(`unit:${org.communeA2}:unit.renamed`);
    expect(seen).not.toContain(`unit:${org.communeB1}:unit.renamed`);
    expect(seen.some((s) => s.startsWith(`cadre:${pB}:`))).toBe(false);
    expect(page.items.some((i) => i.entityType === "user" && i.actorId !== auditorId)).toBe(false);
    expect(page.total).toBe(page.items.length);
  });

  it("withholds ID numbers, ethnicity, religion, health and family, and says so", async () => {
    const { page, body } = await browse(auditorA);
    for (const secret of [ID_A, ID_IMPORTED, ID_SEARCHED, HEALTH_A, FATHER_A])
      expect(body).not.toContain(secret);

    const created = page.items.find((i) => i.action === "cadre.created" && i.entityId === String(pA))!;
    expect(created.after).toMatchObject({
      fullName: "Hoàng Thị Lan",
      idNumber: null,
      ethnicityCode: null,
      religionCode: null,
      health: null,
    });
    expect([...created.masked].sort()).toEqual(["ethnicityCode", "health", "idNumber", "religionCode"]);

    const family = page.items.find((i) => i.action === "cadre.family_member.added")!;
    expect(family.after).toEqual({ kind: "family", id: expect.any(Number) });
    expect(family.masked).toEqual(["family"]);

    const imported = page.items.find((i) => i.reason === "Nhập từ tệp a.xlsx, dòng 2")!;
    expect(imported.before).toEqual({ idNumber: null });
    expect(imported.after).toEqual({ idNumber: null, fullName: "Hoàng Thị Lan", version: 2 });

    const exported = page.items.find((i) => i.action === "cadres.exported")!;
    expect(exported.after).toEqual({ filter: { idNumber: null, asOf: "2026-06-15" }, rows: 0 });
    expect(exported.masked).toEqual(["idNumber"]);
  });

  it.each([
    ["an ID number", ID_A],
    ["an ID number from an import", ID_IMPORTED],
    ["an ID number nested in a filter", ID_SEARCHED],
    ["the start of an ID number", ID_A.slice(0, 8)],
    ["a health note", HEALTH_A],
    ["a family member's name", FATHER_A],
    ["the key and value as stored", `"idNumber": "${ID_A}`],
  ])("finds no row by %s", async (_what, q) => {
    const { page } = await browse(auditorA, `q=${encodeURIComponent(q)}`);
    expect(page.items).toEqual([]);
    expect(page.total).toBe(0);
  });

  it("still finds rows by what the reader may see", async () => {
    const { page } = await browse(auditorA, `q=${encodeURIComponent("Hoàng Thị Lan")}`);
    expect(page.items.map((i) => i.action).sort()).toEqual(["cadre.created", "cadre.updated"]);
    expect((await browse(auditorA, `q=${encodeURIComponent("Trúc Bạch Mới")}`)).page.total).toBe(1);
  });

  it("shows the sensitive values to a reader with cadres.sensitive, and finds rows by them", async () => {
    const { page } = await browse(auditorAs);
    const created = page.items.find((i) => i.action === "cadre.created" && i.entityId === String(pA))!;
    expect(created.after).toMatchObject({ idNumber: ID_A, health: HEALTH_A, ethnicityCode: ETHNICITY_A });
    expect(created.masked).toEqual([]);
    const found = await browse(auditorAs, `q=${ID_A}`);
    expect(found.page.items.map((i) => i.entityId)).toEqual([String(pA), String(pA)]);
    // Still only district A: Hải's ID number is out of scope.
    expect((await browse(auditorAs, `q=${ID_B}`)).page.total).toBe(0);
  });

  it("is refused to an officer without audit.read", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/audit", headers: officerA.headers });
    expect(res.statusCode).toBe(403);
  });

  it("refuses the chain check to a scoped reader: a break names rows of any scope", async () => {
    const scoped: Actor = {
      kind: "user",
      userId: auditorId,
      username: "auditor.a",
      roles: ["officer"],
      permissions: permissionsFor(["officer"], ["audit.read"]),
      scope: [org.districtA],
    };
    await expect(t.services.audit.verifyChain(scoped)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

/**
 * Entries about people who moved or left: a scoped reader sees the entries of the days the person lay in
 * their scope (as they may open the record as of those days), and every entry about someone in their
 * scope today, by the rule the records use (the main post; without one, the last main post held).
 *
 * Minh was in ward A1 until 2024-01-01 (Vietnamese day), in commune B1 since. Liên was in ward A2 until
 * 2025-06-01 and has held no post since. Hải (pB) has always been in B1.
 */
describe("the audit page about people who moved or left", () => {
  let moved: number;
  let left: number;
  let auditorB: Session;

  /** An entry about the person at an instant (as the import writes rows: set-based SQL). */
  async function entryAt(cadreId: number, at: string, reason: string) {
    await t.database.pool.query(
      `INSERT INTO audit_log (at, actor_username, action, entity_type, entity_id, after, reason)
       VALUES ($1::timestamptz, 'cli', 'cadre.updated', 'cadre', $2, '{}'::jsonb, $3)`,
      [at, String(cadreId), reason],
    );
  }

  beforeAll(async () => {
    const titles = await titleIds(t);
    const person = (staffCode: string, fullName: string, unitId: number, birthDate: string, serial: number) =>
      t.services.cadres.create(t.system, {
        staffCode,
        fullName,
        sex: "male",
        birthDate,
        staffType: "civil_servant",
        idNumber: idNumberFor("male", birthDate, serial),
        assignment: { unitId, titleId: titles.expert!, validFrom: "2010-01-01" },
      });
    const m = await person("MOVED01", "Đỗ Văn Minh", org.communeA1, "1984-04-04", 616161);
    moved = m.id;
    await t.services.histories.end(t.system, moved, "assignments", m.assignments[0]!.id, {
      endDate: "2024-01-01",
    });
    await t.services.histories.add(t.system, moved, "assignments", {
      unitId: org.communeB1,
      titleId: titles.expert!,
      validFrom: "2024-01-01",
    });
    const l = await person("LEFT01", "Phan Văn Liên", org.communeA2, "1970-07-07", 717171);
    left = l.id;
    await t.services.histories.end(t.system, left, "assignments", l.assignments[0]!.id, {
      endDate: "2025-06-01",
    });

    await entryAt(moved, "2023-05-10T03:00:00Z", "Minh ở A1");
    await entryAt(moved, "2023-12-31T16:30:00Z", "Minh, 23:30 ngày cuối ở A1");
    await entryAt(moved, "2023-12-31T17:30:00Z", "Minh, 00:30 ngày đầu ở B1");
    await entryAt(moved, "2025-02-01T03:00:00Z", "Minh ở B1");
    await entryAt(left, "2024-03-01T03:00:00Z", "Liên ở A2");
    await entryAt(left, "2026-01-10T03:00:00Z", "Liên đã thôi giữ chức danh");
    await entryAt(pB, "2023-05-10T03:00:00Z", "Hải ở B1");

    auditorB = await user({
      username: "auditor.b",
      roles: ["officer"],
      scopeUnitIds: [org.districtB],
      extraPermissions: ["audit.read"],
    });
  });

  /** The reasons of the entries about a person that the reader sees (entries without one read "—"). */
  async function reasonsAbout(s: Session, cadreId: number) {
    const { page } = await browse(s, `entityType=cadre&entityId=${cadreId}`);
    expect(page.total).toBe(page.items.length);
    return page.items.map((i) => i.reason ?? "—");
  }

  it("shows the office a person left the entries of the days the person was in its units, and no later one", async () => {
    expect((await reasonsAbout(auditorA, moved)).sort()).toEqual(["Minh ở A1", "Minh, 23:30 ngày cuối ở A1"]);
  });

  it("shows the office a person is in today every entry about them, those before they came included", async () => {
    expect(await reasonsAbout(auditorB, moved)).toEqual(await reasonsAbout(admin, moved));
    expect(await reasonsAbout(auditorB, moved)).toContain("Minh ở A1");
  });

  it("shows the last office of someone who holds no post today every entry about them, as the record", async () => {
    const seen = await reasonsAbout(auditorA, left);
    expect(seen).toEqual(await reasonsAbout(admin, left));
    expect(seen).toEqual(expect.arrayContaining(["Liên ở A2", "Liên đã thôi giữ chức danh"]));
    const record = await t.app.inject({
      method: "GET",
      url: `/api/cadres/${left}`,
      headers: auditorA.headers,
    });
    expect(record.statusCode).toBe(200);
  });

  it("hides every entry about a person who was never in the reader's scope", async () => {
    expect(await reasonsAbout(auditorA, pB)).toEqual([]);
    expect(await reasonsAbout(auditorB, left)).toEqual([]);
    expect(await reasonsAbout(admin, pB)).toContain("Hải ở B1");
  });
});

describe("the audit page for an admin", () => {
  it("lists every row, unmasked", async () => {
    const { page, body } = await browse(admin);
    const { rows } = await t.database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log");
    expect(page.total).toBe(rows[0]!.n);
    for (const secret of [ID_A, ID_B, HEALTH_A, FATHER_A]) expect(body).toContain(secret);
    expect(page.items.every((i) => i.masked.length === 0)).toBe(true);
    expect((await browse(admin, `q=${ID_B}`)).page.total).toBe(1);
  });
});

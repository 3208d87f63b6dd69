import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntryDto, AuditPage } from "../../../common/contracts/audit.ts";
import type { Permission, Role } from "../../../common/enums/auth.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, type Org, titleIds } from "../cadres/cadres.test-helpers.ts";

/**
 * The audit page names what it shows: the actor by their display name, the subject by its name and code,
 * the changed fields by their labels with values formatted for people — and never names a subject the
 * reader could not see by itself (audit.subjects.ts).
 *
 * Lan (T00001) works in ward A1 of district A; Hải (T00002) in commune B1 of district B. Mai Thị Kiểm is an
 * administrator who edits Lan's record; Đỗ Văn Soát reads the trail for district A only.
 */
type Session = { headers: Record<string, string> };

let t: TestApp;
let org: Org;
let pA: number;
let pB: number;
let auditorId: number;
let admin: Session;
let auditorA: Session;
let ethnicity01: string;
let ethnicity06: string;

async function user(input: {
  username: string;
  displayName: string;
  roles: Role[];
  scopeUnitIds?: number[];
  extraPermissions?: Permission[];
}): Promise<Session> {
  const password = `Tz-${randomBytes(6).toString("hex")}-2026x`;
  await t.services.auth.createUser(t.system, {
    ...input,
    password,
    scopeUnitIds: input.scopeUnitIds ?? [],
    extraPermissions: input.extraPermissions ?? [],
    mustChangePassword: false,
  });
  return t.login(input.username, password);
}

async function browse(s: Session, query = "", language = "vi"): Promise<AuditPage> {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/audit?pageSize=500&${query}`,
    headers: { ...s.headers, "accept-language": language },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AuditPage;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  const titles = await titleIds(t);
  const make = cadreFactory(t, { unitId: org.communeA1, titleId: titles.expert! });
  const lan = await make({
    fullName: "Hoàng Thị Lan",
    sex: "female",
    birthDate: "1982-11-02",
    ethnicityCode: "01",
  });
  pA = lan.id;
  pB = (
    await make({
      fullName: "Vũ Văn Hải",
      birthDate: "1979-01-30",
      assignment: { unitId: org.communeB1, titleId: titles.expert!, validFrom: "2010-01-01" },
    })
  ).id;
  await t.services.units.rename(t.system, org.communeB1, {
    name: "Xã Cổ Loa Mới",
    effectiveDate: "2025-01-01",
  });
  const { rows } = await t.database.pool.query<{ code: string; name: string }>(
    "SELECT code, name FROM code_lists WHERE list = 'ethnicity' AND code IN ('01', '06')",
  );
  ethnicity01 = rows.find((r) => r.code === "01")!.name;
  ethnicity06 = rows.find((r) => r.code === "06")!.name;

  admin = await user({ username: "kiem.admin", displayName: "Mai Thị Kiểm", roles: ["admin"] });
  auditorA = await user({
    username: "soat.a",
    displayName: "Đỗ Văn Soát",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
    extraPermissions: ["audit.read", "cadres.sensitive"],
  });
  auditorId = (await t.services.auth.listUsers(t.system)).find((u) => u.username === "soat.a")!.id;

  const res = await t.app.inject({
    method: "PATCH",
    url: `/api/cadres/${pA}`,
    headers: admin.headers,
    payload: {
      version: lan.version,
      birthDate: "1982-12-02",
      ethnicityCode: "06",
      phone: "0912345678",
      reason: "Sửa theo giấy khai sinh",
    },
  });
  expect(res.statusCode, res.body).toBe(200);

  // Rows the auditor sees only because they wrote them: about Hải, about commune B1 (both outside district
  // A today), about another user's account, and a move of a unit of A under a unit of B.
  await t.database.pool.query(
    `INSERT INTO audit_log (actor_id, actor_username, action, entity_type, entity_id, before, after)
     VALUES ($1, 'soat.a', 'cadre.updated', 'cadre', $2, '{"phone": null}', '{"phone": "0900000000"}'),
            ($1, 'soat.a', 'unit.renamed', 'unit', $3, '{"name": "Xã Cổ Loa"}', '{"name": "Xã Cổ Loa Mới"}'),
            ($1, 'soat.a', 'user.created', 'user', $4, NULL, '{"username": "x"}'),
            ($1, 'soat.a', 'unit.moved', 'unit', $5, jsonb_build_object('parentId', $6::int),
             jsonb_build_object('parentId', $7::int))`,
    [
      auditorId,
      String(pB),
      String(org.communeB1),
      String((await t.services.auth.listUsers(t.system)).find((u) => u.username === "kiem.admin")!.id),
      String(org.communeA2),
      org.districtA,
      org.districtB,
    ],
  );
});
afterAll(async () => t?.close());

function rowOf(page: AuditPage, match: (e: AuditEntryDto) => boolean): AuditEntryDto {
  const row = page.items.find(match);
  expect(row, "row not found").toBeDefined();
  return row!;
}

describe("an audit row of a cadre edit", () => {
  const isEdit = (e: AuditEntryDto) =>
    e.action === "cadre.updated" && e.entityId === String(pA) && e.actorUsername === "kiem.admin";

  it("names the person and the editor, and keeps the ids", async () => {
    const edit = rowOf(await browse(admin, "action=cadre.updated"), isEdit);
    expect(edit.subject).toEqual({ name: "Hoàng Thị Lan", code: "T00001" });
    expect(edit.actorName).toBe("Mai Thị Kiểm");
    expect(edit.actionLabel).toBe("Sửa hồ sơ cán bộ");
    expect(edit.entityId).toBe(String(pA));
    expect(edit.actorId).toEqual(expect.any(Number));
  });

  it("lists only the changed fields, labelled, with dates as dd/mm/yyyy and codes by name", async () => {
    const edit = rowOf(await browse(admin, "action=cadre.updated"), isEdit);
    expect(edit.changes).toEqual([
      { field: "birthDate", label: "Ngày sinh", before: "02/11/1982", after: "02/12/1982" },
      { field: "ethnicityCode", label: "Dân tộc", before: ethnicity01, after: ethnicity06 },
      { field: "phone", label: "Điện thoại", before: null, after: "0912345678" },
    ]);
    // The raw values stay for experts.
    expect(edit.after).toMatchObject({ birthDate: "1982-12-02", ethnicityCode: "06" });
  });

  it("speaks English when asked", async () => {
    const edit = rowOf(await browse(admin, "action=cadre.updated", "en"), isEdit);
    expect(edit.actionLabel).toBe("Cadre record updated");
    expect(edit.changes.map((c) => c.label)).toEqual(["Date of birth", "Ethnicity", "Phone"]);
  });

  it("marks a withheld value as withheld to a reader without cadres.sensitive, not as unchanged", async () => {
    const reader = await user({
      username: "no.sensitive",
      displayName: "Lê Văn Thường",
      roles: ["officer"],
      scopeUnitIds: [org.districtA],
      extraPermissions: ["audit.read"],
    });
    const page = await browse(reader, "action=cadre.updated");
    const edit = rowOf(page, isEdit);
    expect(edit.changes.find((c) => c.field === "ethnicityCode")).toEqual({
      field: "ethnicityCode",
      label: "Dân tộc",
      before: "(không hiển thị)",
      after: "(không hiển thị)",
    });
    expect(JSON.stringify(edit)).not.toContain(ethnicity06);
  });
});

describe("names on the page of a reader scoped to district A", () => {
  it("names the people and units of district A", async () => {
    const page = await browse(auditorA);
    const created = rowOf(page, (e) => e.action === "cadre.created" && e.entityId === String(pA));
    expect(created.subject).toEqual({ name: "Hoàng Thị Lan", code: "T00001" });
  });

  it("never names a person, unit or account outside the scope, even on a row the reader wrote", async () => {
    const page = await browse(auditorA);
    const own = page.items.filter((e) => e.actorId === auditorId);
    const aboutHai = rowOf(page, (e) => e.entityType === "cadre" && e.entityId === String(pB));
    expect(aboutHai.subject).toBeNull();
    const aboutB1 = rowOf(page, (e) => e.entityType === "unit" && e.entityId === String(org.communeB1));
    expect(aboutB1.subject).toBeNull();
    const aboutUser = rowOf(page, (e) => e.action === "user.created" && e.actorId === auditorId);
    expect(aboutUser.subject).toBeNull();
    const moved = rowOf(page, (e) => e.action === "unit.moved" && e.actorId === auditorId);
    expect(moved.changes[0]!.before).toContain("(#");
    expect(moved.changes[0]!.after).toBe(`Đơn vị #${org.districtB}`);

    const body = JSON.stringify(own);
    expect(body).not.toContain("Vũ Văn Hải");
    expect(body).not.toContain("T00002");
    expect(body).not.toContain("Mai Thị Kiểm");
    // Ids stay: they are what the row says.
    expect(aboutHai.entityId).toBe(String(pB));
  });

  it("names the same rows for a whole-tree reader", async () => {
    const page = await browse(admin);
    const aboutHai = rowOf(page, (e) => e.entityType === "cadre" && e.entityId === String(pB) && !!e.actorId);
    expect(aboutHai.subject).toEqual({ name: "Vũ Văn Hải", code: "T00002" });
    const aboutB1 = rowOf(page, (e) => e.action === "unit.renamed" && e.entityId === String(org.communeB1));
    expect(aboutB1.subject?.name).toBe("Xã Cổ Loa Mới");
    const moved = rowOf(page, (e) => e.action === "unit.moved" && e.actorId === auditorId);
    expect(moved.changes[0]!.after).toMatch(/^.+ \(#\d+\)$/);
    expect(moved.changes[0]!.after).not.toMatch(/^Đơn vị #/);
  });
});

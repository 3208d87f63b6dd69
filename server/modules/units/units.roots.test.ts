import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCity, rowCounts } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";

// A province or a ministry starts with its own organisation: an administrator creates the root unit (no
// parent) through the API; nobody else may, and a refused request writes nothing.

let t: TestApp;
let admin: Record<string, string>;
let officer: Record<string, string>;
let leader: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const city = await buildCity(t.services.units, t.system);
  admin = (await t.userSession({ username: "admin.roots", roles: ["admin"] })).headers;
  officer = (
    await t.userSession({ username: "officer.roots", roles: ["officer"], scopeUnitIds: [city.id("city")] })
  ).headers;
  leader = (await t.userSession({ username: "leader.roots", roles: ["leader"] })).headers;
});
afterAll(async () => t?.close());

const root = (fields: Record<string, unknown> = {}) => ({
  name: "Ủy ban nhân dân tỉnh Thử",
  code: "T01",
  kind: "city",
  validFrom: "2025-07-01",
  reason: "Quyết định thành lập",
  ...fields,
});

const post = (headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: "POST", url: "/api/units/roots", headers, payload: payload as object });

describe("POST /api/units/roots", () => {
  it("lets an administrator create a root unit, which then heads its own tree", async () => {
    const res = await post(admin, root());
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      parentId: null,
      name: "Ủy ban nhân dân tỉnh Thử",
      code: "T01",
      path: [],
    });
    const tree = await t.app.inject({
      url: `/api/units/tree?asOf=2025-07-01&rootId=${created.id}`,
      headers: admin,
    });
    expect(tree.json().nodes).toEqual([expect.objectContaining({ id: created.id, parentId: null })]);
    const child = await t.app.inject({
      method: "POST",
      url: "/api/units",
      headers: admin,
      payload: { parentId: created.id, name: "Sở Nội vụ", kind: "department", validFrom: "2025-07-01" },
    });
    expect(child.statusCode, child.body).toBe(201);
    // The path lists the ancestors, root first.
    expect(child.json().path.map((p: { name: string }) => p.name)).toEqual(["Ủy ban nhân dân tỉnh Thử"]);
  });

  it.each([
    ["an officer scoped to a subtree", () => officer, "UNIT_ROOT_ADMIN_ONLY"],
    ["a leader, who may not change units at all", () => leader, "FORBIDDEN"],
  ])("refuses %s with 403 and writes nothing", async (_case, headers, code) => {
    const before = await rowCounts(t.database);
    const res = await post(headers(), root({ code: "T99", name: "Tỉnh không được tạo" }));
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(/quản trị|quyền/i);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it.each([
    ["no name", { name: "  " }, 400, "VALIDATION_FAILED"],
    ["an unknown kind", { kind: "empire" }, 400, "VALIDATION_FAILED"],
    ["a parent (roots have none)", { parentId: 1 }, 400, "VALIDATION_FAILED"],
    ["a date that does not exist", { validFrom: "2025-02-30" }, 400, "VALIDATION_FAILED"],
    ["a code another unit holds", { code: "T01", name: "Tỉnh trùng mã" }, 409, "UNIT_CODE_TAKEN"],
  ])("refuses a root with %s, writing nothing", async (_case, change, status, code) => {
    const before = await rowCounts(t.database);
    const res = await post(admin, root({ code: "T02", ...change }));
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("records the creation in the audit log", async () => {
    const res = await post(admin, root({ code: "T03", name: "Bộ Thử", kind: "department" }));
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await t.database.pool.query<{ action: string; actor: string }>(
      "SELECT action, actor_username AS actor FROM audit_log WHERE entity_type = 'unit' AND entity_id = $1",
      [String(res.json().id)],
    );
    expect(rows).toEqual([{ action: "unit.created", actor: "admin.roots" }]);
  });
});

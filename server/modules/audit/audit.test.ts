import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../../common/rules/dates.ts";
import { buildCity } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";

let t: TestApp;
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: Record<string, string>;
let adminId: number;
let clerk: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.services.units, t.system, { communesPerDistrict: 3 });
  admin = (await t.userSession({ username: "admin.audit", roles: ["admin"] })).headers;
  clerk = (await t.userSession({ username: "clerk.audit", roles: ["admin"] })).headers;
  adminId = (await t.services.auth.listUsers(t.system)).find((u) => u.username === "admin.audit")!.id;
});
afterAll(async () => t?.close());

type AuditRow = {
  actorId: number | null;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
};

/** The audit rows written while serving one request. */
async function auditOf(requestId: string): Promise<AuditRow[]> {
  const { rows } = await t.database.pool.query<AuditRow>(
    `SELECT actor_id AS "actorId", actor_username AS "actorUsername", action, entity_type AS "entityType",
            entity_id AS "entityId", before, after, reason, request_id AS "requestId"
     FROM audit_log WHERE request_id = $1`,
    [requestId],
  );
  return rows;
}

/** One checksum over every row of the audit trail. */
async function auditFingerprint() {
  const { rows } = await t.database.pool.query<{ n: number; h: string }>(
    `SELECT count(*)::int AS n, md5(string_agg(row_to_json(a)::text, '|' ORDER BY a.id)) AS h FROM audit_log a`,
  );
  return rows[0]!;
}

describe("the audit trail of unit changes", () => {
  const changes = [
    {
      action: "unit.created",
      request: () => ({
        url: "/api/units",
        payload: {
          parentId: city.id("d1"),
          name: "Phòng Tư pháp",
          kind: "division",
          validFrom: "2024-01-01",
        },
      }),
      entity: (body: { id: number }) => body.id,
      before: null,
      after: () =>
        expect.objectContaining({ name: "Phòng Tư pháp", parentId: city.id("d1"), validFrom: "2024-01-01" }),
    },
    {
      action: "unit.renamed",
      request: () => ({
        url: `/api/units/${city.id("d1.c1")}/rename`,
        payload: { name: "Phường Trung Tâm", effectiveDate: "2024-02-01" },
      }),
      entity: () => city.id("d1.c1"),
      before: () => ({ name: city.name("d1.c1") }),
      after: () => ({ name: "Phường Trung Tâm", effectiveDate: "2024-02-01" }),
    },
    {
      action: "unit.moved",
      request: () => ({
        url: `/api/units/${city.id("d1.c2")}/move`,
        payload: { parentId: city.id("d2"), effectiveDate: "2024-03-01" },
      }),
      entity: () => city.id("d1.c2"),
      before: () => ({ parentId: city.id("d1") }),
      after: () => ({ parentId: city.id("d2"), effectiveDate: "2024-03-01" }),
    },
    {
      action: "unit.ended",
      request: () => ({
        url: `/api/units/${city.id("d1.c3")}/end`,
        payload: { endDate: "2024-04-01", successorId: city.id("d1.c1"), lineageKind: "merge" },
      }),
      entity: () => city.id("d1.c3"),
      before: () => ({ validTo: null }),
      after: () => ({ validTo: "2024-04-01", successorId: city.id("d1.c1"), lineageKind: "merge" }),
    },
  ];

  it.each(changes)(
    "records $action with actor, entity, before/after, reason and the request id",
    async (change) => {
      const { url, payload } = change.request();
      const reason = `Quyết định số ${change.action}/QĐ-UBND`;
      const res = await t.app.inject({
        method: "POST",
        url,
        headers: admin,
        payload: { ...payload, reason },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      const requestId = res.headers["x-request-id"] as string;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

      const rows = await auditOf(requestId);
      expect(rows).toEqual([
        {
          actorId: adminId,
          actorUsername: "admin.audit",
          action: change.action,
          entityType: "unit",
          entityId: String(change.entity(res.json())),
          before: typeof change.before === "function" ? change.before() : change.before,
          after: change.after(),
          reason,
          requestId,
        },
      ]);
    },
  );

  it("writes no audit row for a refused change", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/units/${city.id("d2")}/rename`,
      headers: admin,
      payload: { name: city.name("d2"), effectiveDate: "2024-01-01" },
    });
    expect(res.statusCode).toBe(422);
    expect(await auditOf(res.headers["x-request-id"] as string)).toEqual([]);
  });
});

const ENGINE = process.env.DATABASE_URL ? "postgres" : "pglite";

describe(`the audit trail is append-only in the database (engine: ${ENGINE})`, () => {
  const changes = [
    ["UPDATE", "UPDATE audit_log SET reason = 'sửa lén', actor_username = 'ai đó'"],
    [
      "UPDATE of one row",
      "UPDATE audit_log SET after = '{}'::jsonb WHERE id = (SELECT max(id) FROM audit_log)",
    ],
    ["DELETE", "DELETE FROM audit_log"],
    ["DELETE of one row", "DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)"],
    ["TRUNCATE", "TRUNCATE audit_log"],
  ];

  // On PostgreSQL the application acts as canbo_app, which holds only SELECT and INSERT on audit_log: the
  // privilege check refuses before any trigger runs. PGlite has a single user: the trigger is the guard.
  it.each(changes)(
    "refuses %s through the application's connection and keeps every row",
    async (_op, statement) => {
      const before = await auditFingerprint();
      expect(before.n).toBeGreaterThan(0);
      await expect(t.database.pool.query(statement)).rejects.toThrow(
        ENGINE === "postgres" ? /permission denied for table audit_log/ : /append-only/,
      );
      expect(await auditFingerprint()).toEqual(before);
    },
  );

  it.each(changes)("refuses %s to the schema owner too, while the trigger stands", async (_op, statement) => {
    const before = await auditFingerprint();
    await expect(t.database.owner.pool.query(statement)).rejects.toThrow(/append-only/);
    expect(await auditFingerprint()).toEqual(before);
  });

  it.runIf(ENGINE === "postgres")(
    "gives the application's role no way to rewrite the chain head or the triggers",
    async () => {
      const { rows } = await t.database.pool.query<{ role: string }>("SELECT current_user AS role");
      expect(rows[0]!.role).toBe("canbo_app");
      for (const statement of [
        "UPDATE canbo_audit.chain_head SET last_id = 0",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete",
        "DROP TRIGGER audit_log_chain_link ON audit_log",
      ]) {
        await expect(t.database.pool.query(statement), statement).rejects.toThrow(
          /permission denied|must be owner/,
        );
      }
    },
  );

  it("still accepts new rows after the refusals", async () => {
    const before = await auditFingerprint();
    await t.database.pool.query(
      `INSERT INTO audit_log (actor_username, action, entity_type) VALUES ('test', 'test.append', 'test')`,
    );
    expect((await auditFingerprint()).n).toBe(before.n + 1);
  });
});

describe("browsing the audit trail", () => {
  type Page = { items: (AuditRow & { at: string })[]; total: number };
  const browse = async (query: string, headers = admin) => {
    const res = await t.app.inject({ method: "GET", url: `/api/audit?pageSize=500&${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };

  beforeAll(async () => {
    // The clerk makes two changes of their own; the admin made the four above.
    for (const [key, name] of [
      ["d2.c1", "Phường Của Văn Thư"],
      ["d2.c2", "Phường Văn Thư Hai"],
    ] as const) {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/units/${city.id(key)}/rename`,
        headers: clerk,
        payload: { name, effectiveDate: "2025-01-01" },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // Two rows written just before and just after midnight in Vietnam (UTC+7) on 2 March 2026.
    await t.database.pool.query(
      `INSERT INTO audit_log (at, actor_username, action, entity_type) VALUES
         ('2026-03-01T16:59:59Z', 'test', 'test.midnight', 'test'),
         ('2026-03-01T17:00:00Z', 'test', 'test.midnight', 'test')`,
    );
  });

  it("filters by actor", async () => {
    const page = await browse("actor=clerk.audit");
    expect(page.items.map((i) => i.action).filter((a) => a.startsWith("unit."))).toEqual([
      "unit.renamed",
      "unit.renamed",
    ]);
    expect(new Set(page.items.map((i) => i.actorUsername))).toEqual(new Set(["clerk.audit"]));
    expect((await browse("actor=CLERK.AUDIT")).total).toBe(page.total);
  });

  it.each([
    ["unit.", ["unit.created", "unit.ended", "unit.moved", "unit.renamed"]],
    ["unit.ren", ["unit.renamed"]],
    ["auth.log", ["auth.login"]],
    // % and _ are letters here, not wildcards.
    ["unit_", []],
    ["%", []],
  ])("filters by the action prefix %j", async (prefix, actions) => {
    const page = await browse(`action=${encodeURIComponent(prefix)}`);
    expect([...new Set(page.items.map((i) => i.action))].sort()).toEqual(actions);
  });

  it("filters by entity", async () => {
    const unit = String(city.id("d1.c1"));
    const page = await browse(`entityType=unit&entityId=${unit}`);
    // Created with the city, renamed by the admin, named successor of the ended commune.
    expect(page.items.map((i) => [i.entityId, i.action])).toEqual([
      [unit, "unit.renamed"],
      [unit, "unit.created"],
    ]);
  });

  it("filters by a date range of Vietnamese calendar days", async () => {
    const today = todayIn(new Date());
    const yesterday = todayIn(new Date(Date.now() - 86_400_000));
    const tomorrow = todayIn(new Date(Date.now() + 86_400_000));
    const all = (await browse("")).total;
    expect((await browse(`from=${today}&to=${today}`)).total).toBe(all - 2);
    expect((await browse(`from=${yesterday}&to=${yesterday}`)).total).toBe(0);
    expect((await browse(`from=${tomorrow}`)).total).toBe(0);
    expect((await browse(`to=${yesterday}`)).total).toBe(2);

    const midnight = (from: string, to: string) =>
      browse(`action=test.midnight&from=${from}&to=${to}`).then((p) => p.items.map((i) => i.at));
    expect(await midnight("2026-03-01", "2026-03-01")).toEqual(["2026-03-01T16:59:59.000Z"]);
    expect(await midnight("2026-03-02", "2026-03-02")).toEqual(["2026-03-01T17:00:00.000Z"]);
    expect(await midnight("2026-03-01", "2026-03-02")).toHaveLength(2);
  });

  it("is refused without audit.read", async () => {
    const officer = await t.userSession({
      username: "officer.audit",
      roles: ["officer"],
      scopeUnitIds: [city.id("city")],
    });
    const refused = await t.app.inject({ method: "GET", url: "/api/audit", headers: officer.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("FORBIDDEN");
    const anonymous = await t.app.inject({ method: "GET", url: "/api/audit" });
    expect(anonymous.statusCode).toBe(401);
  });
});

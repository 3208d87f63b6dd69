import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";

let t: TestApp;
let admin: { headers: Record<string, string> };
let officer: { headers: Record<string, string> };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
  officer = await t.userSession({ username: "officer1", roles: ["officer"] });
});
afterAll(async () => t?.close());

type Code = { list: string; code: string; name: string; rank: number; isActive: boolean };

describe("code lists", () => {
  it("are read by any signed-in user, one list in rank order", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/codes" })).statusCode).toBe(401);
    const res = await t.app.inject({
      method: "GET",
      url: "/api/codes?list=professional",
      headers: officer.headers,
    });
    expect(res.statusCode).toBe(200);
    const items: Code[] = res.json().items;
    expect(items.map((c) => c.code)).toEqual([
      "untrained",
      "elementary",
      "intermediate",
      "college",
      "university",
      "master",
      "doctor",
      "doctor_of_science",
    ]);
    const all: Code[] = (
      await t.app.inject({ method: "GET", url: "/api/codes", headers: officer.headers })
    ).json().items;
    expect(new Set(all.map((c) => c.list))).toContain("religion");
    expect(all.filter((c) => c.list === "ethnicity")).toHaveLength(54);
  });

  it("are edited by admins only: add, rename, deactivate — each audited", async () => {
    const denied = await t.app.inject({
      method: "POST",
      url: "/api/codes",
      headers: officer.headers,
      payload: { list: "language", code: "ielts65", name: "IELTS 6.5", rank: 45 },
    });
    expect(denied.statusCode).toBe(403);

    const added = await t.app.inject({
      method: "POST",
      url: "/api/codes",
      headers: admin.headers,
      payload: { list: "language", code: "ielts65", name: "IELTS 6.5", rank: 45 },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ list: "language", code: "ielts65", isActive: true });
    const again = await t.app.inject({
      method: "POST",
      url: "/api/codes",
      headers: admin.headers,
      payload: { list: "language", code: "ielts65", name: "IELTS", rank: 45 },
    });
    expect(again.statusCode).toBe(409);

    const renamed = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/language/ielts65",
      headers: admin.headers,
      payload: { name: "IELTS 6.5 trở lên", reason: "đổi tên theo hướng dẫn" },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe("IELTS 6.5 trở lên");

    const off = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/language/ielts65",
      headers: admin.headers,
      payload: { isActive: false },
    });
    expect(off.json().isActive).toBe(false);
    const active: Code[] = (
      await t.app.inject({ method: "GET", url: "/api/codes?list=language", headers: officer.headers })
    ).json().items;
    expect(active.map((c) => c.code)).not.toContain("ielts65");
    const withInactive: Code[] = (
      await t.app.inject({
        method: "GET",
        url: "/api/codes?list=language&includeInactive=true",
        headers: officer.headers,
      })
    ).json().items;
    expect(withInactive.map((c) => c.code)).toContain("ielts65");

    const missing = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/language/nope",
      headers: admin.headers,
      payload: { name: "X" },
    });
    expect(missing.statusCode).toBe(404);

    const audit = await t.database.pool.query(
      "SELECT action FROM audit_log WHERE entity_type = 'code' AND entity_id = 'language:ielts65' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["code.created", "code.updated", "code.deactivated"]);
  });

  it("tell other modules a level's rank and which codes are usable", async () => {
    const codes = t.services.codes;
    expect(await codes.levelRank(t.db, "professional", "university")).toBe(40);
    expect(await codes.levelRank(t.db, "professional", "nope")).toBeUndefined();
    await expect(
      codes.assertCodes(t.db, [
        { field: "a", list: "religion", code: "00" },
        { field: "b", list: "religion", code: "99" },
        { field: "c", list: "language", code: "ielts65" },
      ]),
    ).rejects.toMatchObject({
      code: "CODE_UNKNOWN",
      details: [
        { field: "b", list: "religion", code: "99" },
        { field: "c", list: "language", code: "ielts65" },
      ],
    });
    // A record that keeps a deactivated code it already had is fine.
    await expect(
      codes.assertCodes(t.db, [{ field: "c", list: "language", code: "ielts65" }], { allowInactive: true }),
    ).resolves.toBeUndefined();
  });
});

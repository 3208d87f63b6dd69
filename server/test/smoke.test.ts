import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("smoke", () => {
  it("answers health", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok" });
  });
  it("creates and reads a tree", async () => {
    const ids = await t.services.units.createMany(t.system, [
      { key: "city", name: "Thành phố Hà Nội", kind: "city", code: "01", validFrom: "2008-08-01" },
      {
        key: "d1",
        parentKey: "city",
        name: "Quận Ba Đình",
        kind: "district",
        code: "001",
        validFrom: "2008-08-01",
      },
      {
        key: "c1",
        parentKey: "d1",
        name: "Phường Phúc Xá",
        kind: "ward",
        code: "00001",
        validFrom: "2008-08-01",
      },
    ]);
    const admin = await t.userSession({ username: "root1", roles: ["admin"] });
    const res = await t.app.inject({
      method: "GET",
      url: "/api/units/tree?asOf=2024-01-01",
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().nodes).toHaveLength(3);
    const rn = await t.app.inject({
      method: "POST",
      url: `/api/units/${ids.get("c1")}/rename`,
      headers: admin.headers,
      payload: { name: "Phường Phúc Xá mới", effectiveDate: "2025-01-01" },
    });
    expect(rn.statusCode, rn.body).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import type { Database } from "../../db/client.ts";
import { fixedClock } from "../../lib/clock.ts";
import { buildCity } from "../../test/factories.ts";
import { createTestApp, TEST_NOW, type TestApp } from "../../test/harness.ts";
import { VERSION } from "../../version.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const expectedEngine = process.env.DATABASE_URL ? "postgres" : "pglite";
const config = { logLevel: "silent", sessionHours: 12, secureCookies: false } as const;

describe("health", () => {
  it(`reports ok, the engine in use (${expectedEngine}) and the version`, async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: expectedEngine, version: VERSION });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("reports degraded (503) when the database does not answer", async () => {
    const broken = {
      ...t.database,
      db: { execute: () => Promise.reject(new Error("connection refused")) },
    } as unknown as Database;
    const { app } = await buildApp({ database: broken, config, clock: fixedClock(TEST_NOW), logger: false });
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: "degraded", database: expectedEngine, version: VERSION });
    await app.close();
  });
});

/**
 * The routes the app serves, read from Fastify's route tree (printRoutes), as "METHOD /path" with
 * OpenAPI-style parameters. HEAD routes are the automatic twins of GET routes.
 */
function servedRoutes(tree: string): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split("\n")) {
    const m = /^([│ ]*)[└├]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const url = stack.join("").replace(/\/+/g, "/");
    for (const method of (m[3] ?? "").split(", ").filter((x) => x && x !== "HEAD")) {
      routes.add(`${method} ${url.replace(/:(\w+)/g, "{$1}")}`);
    }
  }
  return routes;
}

describe("the OpenAPI document", () => {
  it("lists every route served under /api, and only those", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([url, operations]) =>
        Object.keys(operations)
          .filter((m) => m !== "head")
          .map((m) => `${m.toUpperCase()} ${url}`),
      ),
    );
    const served = [...servedRoutes(t.app.printRoutes({ commonPrefix: false }))].filter(
      (r) => r.includes(" /api/") && !r.includes(" /api/docs"),
    );
    // The parser found the routes this file knows for sure exist.
    expect(served).toEqual(
      expect.arrayContaining(["GET /api/health", "POST /api/units/{id}/move", "GET /api/audit"]),
    );
    expect(new Set(served)).toEqual(documented);
  });

  it("describes the problem+json error bodies and the request schemas", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/docs/json" })).json();
    const create = doc.paths["/api/units"].post;
    expect(create.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["parentId", "name", "kind", "validFrom"]),
    );
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "403", "422"]));
  });
});

describe("requests nobody handles", () => {
  it.each([
    ["GET", "/api/no-such-thing"],
    ["POST", "/api/units/1/teleport"],
    ["DELETE", "/api/units/1"],
  ] as const)("%s %s → 404 problem+json ROUTE_NOT_FOUND", async (method, url) => {
    const res = await t.app.inject({ method, url });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual({
      type: "urn:canbo:error:route_not_found",
      code: "ROUTE_NOT_FOUND",
      message: "Không có địa chỉ API này.",
      requestId: res.headers["x-request-id"],
    });
  });

  it("serves the web app for any other page (the single-page app routes it)", async () => {
    const res = await t.app.inject({ method: "GET", url: "/don-vi/123" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
  });
});

describe("an unexpected failure", () => {
  let app: Awaited<ReturnType<typeof buildApp>>["app"];
  beforeAll(async () => {
    ({ app } = await buildApp({ database: t.database, config, clock: fixedClock(TEST_NOW), logger: false }));
    app.get("/api/test/crash", () => {
      throw new Error("Kaboom at /srv/canbo/server/secret.ts:42 — SELECT password_hash FROM users");
    });
    await app.ready();
  });
  afterAll(async () => app?.close());

  it("answers 500 INTERNAL with a generic message and the request id, without the stack", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/test/crash",
      headers: { "accept-language": "en" },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      type: "urn:canbo:error:internal",
      code: "INTERNAL",
      message: "An internal error occurred. Try again or report it with the request id.",
      requestId: res.headers["x-request-id"],
    });
    expect(res.body).not.toMatch(/Kaboom|secret|password_hash|\.ts:\d/);
  });

  it("hides a database error's SQL behind the same answer", async () => {
    const city = await buildCity(t.services.units, t.system);
    const admin = await t.userSession({ username: "admin.system", roles: ["admin"] });
    // A table the units service reads goes missing under it.
    await t.database.owner.pool.query("ALTER TABLE unit_closure RENAME TO unit_closure_away");
    try {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/units/${city.id("d1")}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: "INTERNAL", requestId: res.headers["x-request-id"] });
      expect(res.body).not.toMatch(/unit_closure|relation|SELECT|does not exist/);
    } finally {
      await t.database.owner.pool.query("ALTER TABLE unit_closure_away RENAME TO unit_closure");
    }
    const after = await t.app.inject({
      method: "GET",
      url: `/api/units/${city.id("d1")}`,
      headers: admin.headers,
    });
    expect(after.statusCode).toBe(200);
  });
});

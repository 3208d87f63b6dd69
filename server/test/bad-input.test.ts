import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCity } from "./factories.ts";
import { createTestApp, type TestApp } from "./harness.ts";

/**
 * Values a client can send that PostgreSQL cannot take — NUL, half a surrogate pair, year 0, integers
 * past int4, true for an id — in a JSON body, a query string or a path: each a 400 naming the field,
 * and nothing written. (They used to reach the database and answer 500, or be stored altered.)
 */
let t: TestApp;
let headers: Record<string, string>;
let city: Awaited<ReturnType<typeof buildCity>>;
let cadreId: number;

beforeAll(async () => {
  t = await createTestApp();
  headers = (await t.userSession({ username: "admin.input", roles: ["admin"] })).headers;
  city = await buildCity(t.services.units, t.system);
  const cadre = await t.app.inject({
    method: "POST",
    url: "/api/cadres",
    headers,
    payload: {
      staffCode: "BAD-0001",
      fullName: "Lê Văn Thử",
      sex: "male",
      birthDate: "1980-01-01",
      staffType: "civil_servant",
    },
  });
  expect(cadre.statusCode, cadre.body).toBe(201);
  cadreId = cadre.json().id;
});
afterAll(async () => t?.close());

/** Every table's row count, in one statement. */
async function allCounts(): Promise<Record<string, number>> {
  const tables = await t.database.pool.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const select = tables.rows.map((r) => `(SELECT count(*)::int FROM "${r.name}") AS "${r.name}"`).join(", ");
  return (await t.database.pool.query<Record<string, number>>(`SELECT ${select}`)).rows[0]!;
}

const unit = (fields: Record<string, unknown>) => ({
  parentId: city.id("d1"),
  name: "Phòng Thử",
  kind: "division",
  validFrom: "2024-01-01",
  ...fields,
});

type Case = [string, () => InjectOptions, string];

const cases: Case[] = [
  ["a NUL in a body's text", () => post("/api/units", unit({ name: "Phòng\u0000Thử" })), "body.name"],
  [
    "a lone high surrogate in a body's text",
    () => post("/api/units", unit({ name: "Phòng \ud800" })),
    "body.name",
  ],
  [
    "a lone low surrogate in a body's text",
    () => post("/api/units", unit({ name: "\udc00 Phòng" })),
    "body.name",
  ],
  [
    "year 0000 in a body's date",
    () => post("/api/units", unit({ validFrom: "0000-01-01" })),
    "body.validFrom",
  ],
  [
    "year 99999 in a body's date",
    () => post("/api/units", unit({ validFrom: "99999-01-01" })),
    "body.validFrom",
  ],
  ["true as a body's id", () => post("/api/units", unit({ parentId: true })), "body.parentId"],
  ["an id past int4 in a body", () => post("/api/units", unit({ parentId: 2_147_483_648 })), "body.parentId"],
  ["a fraction as a body's id", () => post("/api/units", unit({ parentId: 1.5 })), "body.parentId"],
  [
    "a version past int4",
    () => patch(`/api/cadres/${cadreId}`, { version: 2 ** 40, phone: "0912345678" }),
    "body.version",
  ],
  [
    "a scope unit past int4",
    () =>
      post("/api/users", {
        username: "nguoi.moi",
        displayName: "Người Mới",
        password: "Mat-khau-rat-dai-2026",
        roles: ["officer"],
        scopeUnitIds: [2_147_483_648],
      }),
    "body.scopeUnitIds.0",
  ],
  [
    "a NUL in a history row's text",
    () => post(`/api/cadres/${cadreId}/rewards`, { form: "Bằng khen\u0000", decidedOn: "2020-01-01" }),
    "body.form",
  ],
  [
    "year 0000 in a history row's date",
    () => post(`/api/cadres/${cadreId}/rewards`, { form: "Bằng khen", decidedOn: "0000-01-01" }),
    "body.decidedOn",
  ],
  ["year 0000 in a query's date", () => get("/api/units/tree?asOf=0000-01-01"), "querystring.asOf"],
  ["1e3 as a query's id", () => get("/api/units/tree?rootId=1e3"), "querystring.rootId"],
  ["a page past int4", () => get("/api/audit?page=99999999999"), "querystring.page"],
  ["a NUL in a query's text", () => get("/api/audit?q=a%00b"), "querystring.q"],
  ["a NUL in a search", () => get("/api/cadres?q=Nguy%00n"), "querystring.q"],
  ["an id past int4 in a path", () => get("/api/units/2147483648"), "params.id"],
  ["true as a path's id", () => get("/api/units/true"), "params.id"],
  ["a NUL in a path's text", () => patch("/api/codes/ethnicity/ab%00c", { name: "Dân tộc" }), "params.code"],
];

function post(url: string, payload: unknown): InjectOptions {
  return { method: "POST", url, headers, payload: payload as object };
}
function patch(url: string, payload: unknown): InjectOptions {
  return { method: "PATCH", url, headers, payload: payload as object };
}
function get(url: string): InjectOptions {
  return { method: "GET", url, headers };
}

describe(`bad input (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it.each(cases)(
    "refuses %s with 400, names the field and changes nothing",
    async (_case, request, field) => {
      const before = await allCounts();
      const res = await t.app.inject(request());
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json() as {
        code: string;
        message: string;
        details?: { field: string; message: string }[];
      };
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(
        body.details?.map((d) => d.field),
        res.body,
      ).toContain(field);
      for (const detail of body.details ?? []) expect(detail.message.length).toBeGreaterThan(0);
      expect(await allCounts()).toEqual(before);
    },
  );

  it("never answers 5xx to a query or path that is not valid UTF-8 once decoded or too long, and refuses in the usual form", async () => {
    for (const url of [
      "/api/cadres?q=%FF",
      "/api/cadres?q=%ED%A0%80",
      "/api/cadres?q=%",
      "/api/audit?actor=%C0%AF",
      "/api/units/%FF",
      "/api/units/%ED%A0%80",
      "/api/codes/ethnicity/%FF",
      `/api/units/${"9".repeat(120)}`,
      `/api/indicators/catalogue/${"Đ".repeat(200)}`,
    ]) {
      const before = await allCounts();
      const res = await t.app.inject(url.startsWith("/api/codes") ? patch(url, { name: "x" }) : get(url));
      expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      expect(res.body).not.toContain("\ufffd");
      if (res.statusCode >= 400)
        expect(res.headers["content-type"], url).toMatch(/^application\/problem\+json/);
      expect(await allCounts()).toEqual(before);
    }
  });
});

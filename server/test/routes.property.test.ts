import fc from "fast-check";
import type { InjectOptions } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { buildCity } from "./factories.ts";
import { createTestApp, type TestApp } from "./harness.ts";
import { hasUnstorableText, hostileValue, type JsonSchema, malformed, validish } from "./malformed.ts";

/**
 * Every route of the API, taken from its OpenAPI document so that a new route is covered without a
 * word here, fed generated bodies, query strings and paths that are nearly valid with one hostile
 * place: the answer is never a 5xx, a refused request writes nothing, and a JSON body or a declared
 * query parameter carrying NUL or half a surrogate pair is never accepted.
 */

type Parameter = { in: "path" | "query"; name: string; required?: boolean; schema: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
};
type Route = { method: string; path: string; operation: Operation };

/** Routes that would end the test's own session. */
const SKIPPED = new Set(["POST /api/auth/logout"]);
/** Tables a refused request may still write: sign-in bookkeeping (failed attempts, sessions). */
const BOOKKEEPING = /session|attempt|login|throttl/;

const t: TestApp = await createTestApp();
const headers = (await t.userSession({ username: "admin.props", roles: ["admin"] })).headers;
let countTables = "";
const routes = await setUp();
afterAll(async () => t?.close());

/** Data for the ids the generators pick (1–12), the routes of the OpenAPI document, the tables to count. */
async function setUp(): Promise<Route[]> {
  const city = await buildCity(t.services.units, t.system);
  for (const [i, name] of ["Lê Văn Một", "Phạm Thị Hai"].entries()) {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/cadres",
      headers,
      payload: {
        staffCode: `PROP-${i}`,
        fullName: name,
        sex: i ? "female" : "male",
        birthDate: "1980-05-05",
        staffType: "civil_servant",
        assignment: { unitId: city.id("d1"), titleId: 1, validFrom: "2020-01-01" },
      },
    });
    if (created.statusCode !== 201) throw new Error(created.body);
  }
  const tables = await t.database.pool.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  countTables = tables.rows
    .map((r) => r.name)
    .filter((name) => !BOOKKEEPING.test(name))
    .map((name) => `(SELECT count(*)::int FROM "${name}") AS "${name}"`)
    .join(", ");
  const spec = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation }))
      .filter((r) => !SKIPPED.has(`${r.method} ${r.path}`)),
  );
}

const counts = async () => (await t.database.pool.query(`SELECT ${countTables}`)).rows[0] as object;

/** A URL component for a generated value; text that no URL can carry goes as the bytes of a broken UTF-8. */
function urlComponent(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
}

/** The request for a route from generated parts. */
function requestOf(
  route: Route,
  parts: { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown },
) {
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => urlComponent(parts.path[name]));
  const query = Object.entries(parts.query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${urlComponent(v)}`)
    .join("&");
  const request: InjectOptions = {
    method: route.method as InjectOptions["method"],
    url: query ? `${url}?${query}` : url,
    headers,
  };
  if (parts.body !== undefined) request.payload = JSON.stringify(parts.body);
  if (parts.body !== undefined) request.headers = { ...headers, "content-type": "application/json" };
  return request;
}

/** Generated parts for a route: valid-ish path and query values, one of them (or the body) hostile. */
function partsOf(route: Route) {
  const parameters = route.operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === "path");
  const queryParams = parameters.filter((p) => p.in === "query");
  const object = (params: Parameter[]) =>
    fc.record(Object.fromEntries(params.map((p) => [p.name, validish(p.schema, p.name)])), {
      requiredKeys: params.filter((p) => p.required).map((p) => p.name),
    }) as fc.Arbitrary<Record<string, unknown>>;
  const bodySchema = route.operation.requestBody?.content?.["application/json"]?.schema;
  const spoilable = [...pathParams, ...queryParams].map((p) => p.name);
  return fc
    .record({
      path: object(pathParams),
      query: object(queryParams),
      body: bodySchema ? malformed(bodySchema) : fc.constant(undefined),
      spoil: fc.option(fc.tuple(fc.constantFrom("", ...spoilable), hostileValue), { freq: 2 }),
    })
    .map(({ path, query, body, spoil }) => {
      if (spoil?.[0]) {
        const target = pathParams.some((p) => p.name === spoil[0]) ? path : query;
        target[spoil[0]] = spoil[1];
      }
      return { path, query, body };
    });
}

describe(`every route (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("are found in the OpenAPI document", () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  let baseline: object | undefined;

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s never answers 5xx, and writes nothing when it refuses",
    async (_name, route) => {
      baseline ??= await counts();
      await fc.assert(
        fc.asyncProperty(partsOf(route), async (parts) => {
          const request = requestOf(route, parts);
          const res = await t.app.inject(request);
          const after = await counts();
          const shown = `${request.method} ${String(request.url).slice(0, 200)} ${String(request.payload ?? "").slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          const before = baseline;
          baseline = after;
          expect(res.statusCode, shown).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers["content-type"], shown).toMatch(/^application\/problem\+json/);
            expect(after, shown).toEqual(before);
          }
          const nulInQuery = Object.values(parts.query).some(
            (v) => typeof v === "string" && v.includes("\u0000"),
          );
          if (hasUnstorableText(parts.body) || nulInQuery)
            expect(res.statusCode, shown).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: route.method === "GET" ? 5 : 10 },
      );
    },
  );
});

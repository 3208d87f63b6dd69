import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNIT_NAME_MAX } from "../../../common/contracts/units.ts";
import { CoreErrors, messageOf } from "../../lib/errors.ts";
import { buildCity, rowCounts } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { UnitErrors } from "./units.errors.ts";

let t: TestApp;
let headers: Record<string, string>;
let city: Awaited<ReturnType<typeof buildCity>>;

beforeAll(async () => {
  t = await createTestApp();
  headers = (await t.userSession({ username: "admin.units", roles: ["admin"] })).headers;
  city = await buildCity(t.services.units, t.system);
});
afterAll(async () => t?.close());

/** A valid creation body under the city's first district, with the given fields replaced. */
const newUnit = (fields: Record<string, unknown> = {}) => ({
  parentId: city.id("d1"),
  name: "Phòng Nội vụ",
  kind: "division",
  validFrom: "2024-01-01",
  ...fields,
});

/** What every refusal looks like: problem+json, a code, a message, the request id, and nothing internal. */
function expectProblem(res: LightMyRequestResponse, status: number, code: string, lang: "vi" | "en" = "vi") {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({
    code,
    message: messageOf({ ...CoreErrors, ...UnitErrors }[code as keyof typeof UnitErrors]!, lang),
    requestId: res.headers["x-request-id"],
  });
  expect(body.type).toBe(`urn:canbo:error:${code.toLowerCase()}`);
  expect(res.body).not.toMatch(
    /stack|\bat \S+ \(|node_modules|\.ts:\d|SELECT|INSERT|UPDATE|unit_versions|ZodError/,
  );
  return body as { details?: { field: string; message: string }[] };
}

type BadRequest = {
  case: string;
  url: () => string;
  payload: () => string | Record<string, unknown>;
  status: number;
  code: string;
  /** The field the details must name (validation errors). */
  field?: string;
};

const badRequests: BadRequest[] = [
  {
    case: "a parent that does not exist",
    url: () => "/api/units",
    payload: () => newUnit({ parentId: 987_654 }),
    status: 422,
    code: "UNIT_PARENT_NOT_FOUND",
  },
  {
    case: "an end date before the unit's start",
    url: () => `/api/units/${city.id("d1.c1")}/end`,
    payload: () => ({ endDate: "1999-12-31" }),
    status: 422,
    code: "UNIT_END_BEFORE_START",
  },
  {
    case: "an end date equal to the unit's start",
    url: () => `/api/units/${city.id("d1.c1")}/end`,
    payload: () => ({ endDate: "2000-01-01" }),
    status: 422,
    code: "UNIT_END_BEFORE_START",
  },
  {
    case: "an empty name",
    url: () => "/api/units",
    payload: () => newUnit({ name: "" }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "body.name",
  },
  {
    case: "a name of spaces only",
    url: () => "/api/units",
    payload: () => newUnit({ name: "   \t " }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "body.name",
  },
  {
    case: "a name one character too long",
    url: () => "/api/units",
    payload: () => newUnit({ name: "Đ".repeat(UNIT_NAME_MAX + 1) }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "body.name",
  },
  {
    case: "a rename to an empty name",
    url: () => `/api/units/${city.id("d1")}/rename`,
    payload: () => ({ name: " ", effectiveDate: "2024-01-01" }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "body.name",
  },
  {
    case: "a body that is not JSON",
    url: () => "/api/units",
    payload: () => '{"parentId": 1, "name": "Phòng',
    status: 400,
    code: "MALFORMED_JSON",
  },
  {
    case: "a date that does not exist (29/02/2023)",
    url: () => "/api/units",
    payload: () => newUnit({ validFrom: "2023-02-29" }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "body.validFrom",
  },
  {
    case: "a rename on a date that does not exist",
    url: () => `/api/units/${city.id("d1")}/rename`,
    payload: () => ({ name: "Quận Mới", effectiveDate: "2023-02-29" }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "body.effectiveDate",
  },
  {
    case: "a field the API does not know",
    url: () => "/api/units",
    payload: () => newUnit({ isSecret: true }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "body",
  },
  {
    case: "a kind that does not exist",
    url: () => "/api/units",
    payload: () => newUnit({ kind: "galaxy" }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "body.kind",
  },
  {
    case: "a unit id that is not a number",
    url: () => "/api/units/abc/rename",
    payload: () => ({ name: "Quận Mới", effectiveDate: "2024-01-01" }),
    status: 400,
    code: "VALIDATION_FAILED",
    field: "params.id",
  },
];

describe("bad input to the units API", () => {
  it.each(badRequests)("answers $case with $status $code and changes nothing", async (bad) => {
    const before = await rowCounts(t.database);
    const payload = bad.payload();
    const res = await t.app.inject({
      method: "POST",
      url: bad.url(),
      headers: { ...headers, "content-type": "application/json" },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
    const body = expectProblem(res, bad.status, bad.code);
    if (bad.field) {
      expect(body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: bad.field, message: expect.any(String) })]),
      );
    }
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("names the unknown field in the details", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/units",
      headers,
      payload: newUnit({ isSecret: 1 }),
    });
    expect(JSON.stringify(expectProblem(res, 400, "VALIDATION_FAILED").details)).toContain("isSecret");
  });

  it("answers in English when the client asks for English", async () => {
    const before = await rowCounts(t.database);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/units",
      headers: { ...headers, "accept-language": "en-US,en;q=0.9,vi;q=0.5" },
      payload: newUnit({ parentId: 987_654 }),
    });
    expectProblem(res, 422, "UNIT_PARENT_NOT_FOUND", "en");
    expect(res.json().message).toBe("The parent unit does not exist on the chosen date.");
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("answers in Vietnamese by default and when Vietnamese comes first", async () => {
    for (const language of [undefined, "vi-VN,vi;q=0.9,en;q=0.8"]) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/units",
        headers: language ? { ...headers, "accept-language": language } : headers,
        payload: newUnit({ parentId: 987_654 }),
      });
      expectProblem(res, 422, "UNIT_PARENT_NOT_FOUND");
      expect(res.json().message).toMatch(/^Đơn vị cấp trên không tồn tại/);
    }
  });

  it("accepts the same request once it is valid (the cases above fail for their one reason)", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/units", headers, payload: newUnit() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: "Phòng Nội vụ",
      parentId: city.id("d1"),
      validFrom: "2024-01-01",
    });
  });
});

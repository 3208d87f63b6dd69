import Fastify, { type FastifyInstance, type InjectOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, CoreErrors } from "./errors.ts";
import { installErrorHandler, installJsonParser, languageOf, requireActor } from "./http.ts";

/** A bare app with the error handler and routes that fail in every way a real route can. */
let app: FastifyInstance;
beforeAll(async () => {
  const server = Fastify({ logger: false, bodyLimit: 1024 }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  installErrorHandler(server);
  installJsonParser(server);
  server.post(
    "/echo",
    { schema: { body: z.object({ name: z.string().min(1) }).strict() } },
    (req) => req.body,
  );
  server.get("/app-error", () => {
    throw new AppError(CoreErrors.CONFLICT, { details: { version: 3 } });
  });
  server.get("/service-zod", () => z.object({ age: z.number() }).parse({ age: "ba mươi" }));
  server.get("/crash", () => {
    throw new Error('relation "secret_table" does not exist: SELECT password_hash FROM users');
  });
  server.get("/crash-async", async () => {
    await Promise.resolve();
    throw new TypeError("Cannot read properties of undefined (reading 'id')");
  });
  server.get("/anonymous", (req) => requireActor(req).username);
  server.get(
    "/bad-response",
    { schema: { response: { 200: z.object({ id: z.number() }) } } },
    () => ({ id: "không phải số" }) as unknown as { id: number },
  );
  server.get("/language", (req) => ({ language: languageOf(req) }));
  app = server;
  await app.ready();
});
afterAll(async () => app?.close());

const INTERNAL_VI = "Đã có lỗi hệ thống. Hãy thử lại hoặc báo quản trị viên kèm mã yêu cầu.";

describe("the error handler", () => {
  it.each([
    ["an AppError", { method: "GET", url: "/app-error" }, 409, "CONFLICT"],
    [
      "a body failing its schema",
      { method: "POST", url: "/echo", payload: { name: "" } },
      400,
      "VALIDATION_FAILED",
    ],
    ["a zod error thrown by a service", { method: "GET", url: "/service-zod" }, 400, "VALIDATION_FAILED"],
    [
      "a body that is not JSON",
      { method: "POST", url: "/echo", payload: "{nope", headers: { "content-type": "application/json" } },
      400,
      "MALFORMED_JSON",
    ],
    [
      "an empty JSON body",
      { method: "POST", url: "/echo", payload: "", headers: { "content-type": "application/json" } },
      400,
      "MALFORMED_JSON",
    ],
    [
      "a body of an unknown type",
      { method: "POST", url: "/echo", payload: "<xml/>", headers: { "content-type": "application/xml" } },
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "a body over the limit",
      { method: "POST", url: "/echo", payload: { name: "x".repeat(2000) } },
      413,
      "PAYLOAD_TOO_LARGE",
    ],
    ["a request without a session", { method: "GET", url: "/anonymous" }, 401, "UNAUTHENTICATED"],
    ["an unexpected exception", { method: "GET", url: "/crash" }, 500, "INTERNAL"],
    ["an unexpected rejection", { method: "GET", url: "/crash-async" }, 500, "INTERNAL"],
    ["a response that breaks its own schema", { method: "GET", url: "/bad-response" }, 500, "INTERNAL"],
  ] as const)("answers %s with problem+json %i %s", async (_case, request, status, code) => {
    const res = await app.inject(request as InjectOptions);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({
      code,
      type: `urn:canbo:error:${code.toLowerCase()}`,
      requestId: expect.any(String),
    });
    expect(body.requestId.length).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/secret_table|password_hash|SELECT|TypeError|reading 'id'|\n\s+at |stack/);
    if (code === "INTERNAL") expect(body.message).toBe(INTERNAL_VI);
  });

  it("names the failing fields of a validation error", async () => {
    const res = await app.inject({ method: "POST", url: "/echo", payload: { name: "", extra: 1 } });
    const fields = res.json().details.map((d: { field: string }) => d.field);
    expect(fields).toContain("body.name");
    expect(JSON.stringify(res.json().details)).toContain("extra");
  });

  it("keeps the details an AppError carries", async () => {
    expect((await app.inject({ method: "GET", url: "/app-error" })).json().details).toEqual({ version: 3 });
  });

  it("asks for a retry delay with RATE_LIMITED", async () => {
    const limited = Fastify({ logger: false });
    installErrorHandler(limited);
    limited.get("/", () => {
      throw new AppError(CoreErrors.RATE_LIMITED);
    });
    const res = await limited.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    await limited.close();
  });
});

describe("the language of messages", () => {
  it.each([
    [undefined, "vi"],
    ["vi", "vi"],
    ["vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", "vi"],
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["  EN-gb", "en"],
    ["fr-FR,en;q=0.5", "vi"],
    ["english", "vi"],
  ])("Accept-Language %j → %s", async (header, language) => {
    const res = await app.inject({
      method: "GET",
      url: "/language",
      headers: header === undefined ? {} : { "accept-language": header },
    });
    expect(res.json()).toEqual({ language });
  });
});

describe("JSON bodies", () => {
  const json = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

  it.each([
    ["a byte that starts no character", json('{"name":"Nguy', [0xff], 'n"}')],
    ["a character cut short", json('{"name":"Nguy', [0xe1, 0xbb], '"}')],
    ["an overlong encoding of /", json('{"name":"a', [0xc0, 0xaf], 'b"}')],
    ["a surrogate encoded on its own (CESU-8)", json('{"name":"a', [0xed, 0xa0, 0x80], 'b"}')],
  ])("refuses invalid UTF-8 (%s) instead of storing U+FFFD", async (_case, payload) => {
    const res = await app.inject({
      method: "POST",
      url: "/echo",
      payload,
      headers: { "content-type": "application/json" },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      code: "MALFORMED_JSON",
      details: [{ field: "body", message: "Nội dung không phải văn bản UTF-8 hợp lệ" }],
    });
  });

  it("keeps every valid UTF-8 text as sent", async () => {
    const name = "Nguyễn Thị Ánh 𠀧 😀";
    const res = await app.inject({
      method: "POST",
      url: "/echo",
      payload: Buffer.from(JSON.stringify({ name })),
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ name });
  });

  it("still refuses prototype poisoning", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/echo",
      payload: '{"name":"a","__proto__":{"isAdmin":true}}',
      headers: { "content-type": "application/json" },
    });
    expect(res.statusCode).toBe(400);
  });
});

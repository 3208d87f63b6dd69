import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installErrorHandler } from "../../lib/http.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { countRows, headerOf, userActor } from "./imports.test-helpers.ts";
import { importsRoutes } from "./index.ts";

/** Uploads past the size limit: a 413 with a clear message, whatever way the file is sent. */

const LIMIT = 64 * 1024;
let t: TestApp;
let app: FastifyInstance;
let before: Awaited<ReturnType<typeof countRows>>;

beforeAll(async () => {
  t = await createTestApp();
  // The imports routes alone, with a small limit, behind an admin.
  app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.decorateRequest("actor", undefined);
  app.addHook("onRequest", async (req) => {
    req.actor = userActor({ userId: 1, roles: ["admin"] });
  });
  await app.register(
    importsRoutes({
      imports: t.services.imports,
      templates: t.services.templates,
      exports: t.services.exports,
      retirement: t.services.retirement,
      maxBytes: LIMIT,
    }),
    { prefix: "/api" },
  );
  await app.ready();
  before = await countRows(t);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

/** A CSV of the given size: a header, then rows. */
function csvOf(bytes: number): Buffer {
  const header = `${headerOf(["staffCode", "fullName"]).join(",")}\r\n`;
  const line = "CB000001,Nguyễn Văn An\r\n";
  const count = Math.ceil((bytes - Buffer.byteLength(header)) / Buffer.byteLength(line));
  return Buffer.from(header + line.repeat(count));
}

function multipart(content: Buffer) {
  const boundary = "----canbo-limit";
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describe("uploads over the size limit", () => {
  it("answers 413 to a multipart upload past the limit, with the limit and a Vietnamese message", async () => {
    const body = multipart(csvOf(LIMIT * 3));
    const res = await app.inject({ method: "POST", url: "/api/imports/cadres", ...body });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: "IMPORT_FILE_TOO_LARGE",
      message: "Tệp quá lớn để nhập.",
      details: { maxBytes: LIMIT },
    });
    expect(await countRows(t)).toEqual(before);
  });

  it("answers 413 to a raw upload past the limit", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/imports/cadres?fileName=lon.csv",
      headers: { "content-type": "text/csv" },
      payload: csvOf(LIMIT * 3),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "IMPORT_FILE_TOO_LARGE" });
  });

  it("answers 413 at once when the announced length is past the limit", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/imports/cadres?fileName=lon.csv",
      headers: { "content-type": "text/csv", "content-length": String(LIMIT * 100) },
      payload: csvOf(1000),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "IMPORT_FILE_TOO_LARGE" });
  });

  it("answers 413 to a multipart body of many parts", async () => {
    const boundary = "----canbo-parts";
    const fields = Array.from(
      { length: 50 },
      (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`,
    );
    const res = await app.inject({
      method: "POST",
      url: "/api/imports/cadres",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: `${fields.join("")}--${boundary}--\r\n`,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it("still takes a file just under the limit", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/imports/cadres?dryRun=true",
      ...multipart(csvOf(LIMIT - 1000)),
    });
    expect(res.statusCode).toBe(400); // read whole: the header is not the template's
    expect(res.json()).toMatchObject({ code: "IMPORT_HEADERS_INVALID" });
  });
});

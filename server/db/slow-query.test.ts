import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test/harness.ts";

/**
 * DESIGN §1: PGlite blocks the thread that runs it for the whole query, so it must never run on the
 * HTTP server's thread. Proved over real HTTP: while a slow query runs, a page that needs no database
 * still answers at once.
 */
const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-web-"));
const MARKER = "canbo-slow-query-test-page";
let t: TestApp;
let base: string;

beforeAll(async () => {
  fs.writeFileSync(path.join(webRoot, "index.html"), `<!doctype html><title>${MARKER}</title>`);
  t = await createTestApp({ webRoot });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  if (!address || typeof address === "string") throw new Error("no TCP address");
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

/** GET over the network; resolves with the status, the body and how long the answer took. */
async function timedGet(url: string) {
  const started = performance.now();
  const res = await fetch(`${base}${url}`);
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - started };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`a slow query (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("does not hold back the web app's index page", async () => {
    // Warm up: the first request pays for opening the connection and loading the static file handler.
    expect((await timedGet("/")).body).toContain(MARKER);

    let finished = false;
    const queryStarted = performance.now();
    const slow = t.database.pool.query("SELECT pg_sleep(2)").then(() => {
      finished = true;
      return performance.now() - queryStarted;
    });
    await sleep(200);

    const pages = [];
    for (let i = 0; i < 3; i++) {
      pages.push(await timedGet("/"));
      await sleep(50);
    }
    expect(finished, "the slow query was still running while the pages were asked for").toBe(false);
    // Needs the database: allowed to wait for the slow query (on PGlite, queries take turns).
    const health = timedGet("/api/health").catch((error: unknown) => ({ status: 0, error, ms: 0 }));

    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.body).toContain(MARKER);
    }
    // Were the server's thread blocked, every page would wait for the query's end (~1.8 s from here).
    // The fastest of three is taken so that a CPU busy with other test files cannot fail the test.
    const times = pages.map((p) => p.ms.toFixed(1)).join(", ");
    expect(Math.min(...pages.map((p) => p.ms)), `GET / took ${times} ms`).toBeLessThan(100);
    expect(Math.max(...pages.map((p) => p.ms)), `GET / took ${times} ms`).toBeLessThan(1000);
    expect(await slow).toBeGreaterThanOrEqual(1900);
    expect((await health).status).toBe(200);
  });
});

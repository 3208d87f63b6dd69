import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildLoadWorld,
  checkWrites,
  formatReport,
  type LoadResult,
  type LoadWorld,
  runLoad,
  totals,
  type WriteCheck,
} from "./concurrency-load.ts";
import { createTestApp, type TestApp } from "./harness.ts";

/**
 * Many sessions of five users read and write at once over real sockets and the real pool (ADR 0001: the
 * embedded database is one session shared by the pool's connections). Every answer must be for the
 * session's own user, masked unless the user holds cadres.sensitive, and within the user's scope; no
 * request may fail with a 5xx; every acknowledged write must be stored and every refused one must not.
 * CONCURRENCY_TEST_MS sets the length of the load (6 s); CONCURRENCY_REPORT=1 prints the figures. The
 * longer version: npm run bench:concurrency.
 */
const LOAD_MS = Number(process.env.CONCURRENCY_TEST_MS ?? 6000);

let t: TestApp;
let world: LoadWorld;
let result: LoadResult;
let writes: WriteCheck;

beforeAll(async () => {
  const t0 = performance.now();
  t = await createTestApp();
  const baseUrl = await t.listen();
  const t1 = performance.now();
  world = await buildLoadWorld({ services: t.services, system: t.system, baseUrl });
  const t2 = performance.now();
  // On a busy machine the run goes on (up to 3×) until enough was asked and written to mean something.
  result = await runLoad(world, {
    durationMs: LOAD_MS,
    atLeast: { requests: 400, writes: 60 },
    maxDurationMs: 3 * LOAD_MS,
  });
  writes = await checkWrites(t.database.pool, world, result.writes);
  if (process.env.CONCURRENCY_REPORT) {
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`app ${s(t1 - t0)}, world ${s(t2 - t1)}, load and checks ${s(performance.now() - t2)}`);
    console.log(formatReport(result));
    console.log(
      JSON.stringify({
        ...writes,
        acknowledgedMissing: writes.acknowledgedMissing.length,
        refusedPresent: writes.refusedPresent.length,
      }),
    );
  }
}, 300_000);
afterAll(async () => t?.close());

describe(`${LOAD_MS / 1000} s of concurrent sessions and writers`, () => {
  it("ran enough of every kind of request to mean something", () => {
    const count = (endpoint: string) => result.endpoints.get(endpoint)?.requests ?? 0;
    expect(count("GET /api/auth/me")).toBeGreaterThanOrEqual(30);
    expect(count("GET /api/cadres/:id")).toBeGreaterThanOrEqual(30);
    expect(count("GET /api/cadres")).toBeGreaterThanOrEqual(10);
    expect(writes.acknowledged).toBeGreaterThanOrEqual(10);
    expect(writes.refused).toBeGreaterThanOrEqual(5);
  });

  it("answers every session with its own user, masked and in scope, without a 5xx", () => {
    const { requests: _requests, ...violations } = totals(result);
    expect({ violations, incidents: result.incidents.slice(0, 10) }).toEqual({
      violations: {
        wrongUser: 0,
        unmasked: 0,
        outOfScope: 0,
        wrongAnswer: 0,
        serverError: 0,
        transport: 0,
        unexpectedStatus: 0,
      },
      incidents: [],
    });
  });

  it("stores every acknowledged write and nothing of a refused one", () => {
    expect({
      acknowledgedMissing: writes.acknowledgedMissing.slice(0, 10),
      refusedPresent: writes.refusedPresent.slice(0, 10),
      finalStateWrong: writes.finalStateWrong.slice(0, 10),
    }).toEqual({ acknowledgedMissing: [], refusedPresent: [], finalStateWrong: [] });
  });
});

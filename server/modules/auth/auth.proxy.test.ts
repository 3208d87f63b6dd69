import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type Services } from "../../app.ts";
import { trustedProxies } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { systemActor } from "../../lib/actor.ts";
import { openTestDatabase } from "../../test/harness.ts";
import { THROTTLE } from "./auth.policy.ts";
import { movableClock, sessionOf } from "./auth.test-helpers.ts";

// The server behind a reverse proxy at 10.1.1.1 (CANBO_TRUST_PROXY=10.1.1.1), reached by clients
// through it and, wrongly configured networks being what they are, directly too.
const PROXY = "10.1.1.1";
const clock = movableClock();
let database: Database;
let app: FastifyInstance;
let services: Services;

beforeAll(async () => {
  database = await openTestDatabase();
  ({ app, services } = await buildApp({
    database,
    config: {
      logLevel: "silent",
      sessionHours: 12,
      secureCookies: false,
      trustProxy: trustedProxies(PROXY)!,
    },
    clock,
    logger: false,
  }));
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

let serial = 0;
async function newUser() {
  const username = `proxy.${++serial}`;
  const password = `Tre-xanh-${serial}-Qz`;
  await services.auth.createUser(systemActor("test"), {
    username,
    displayName: username,
    password,
    roles: ["officer"],
    mustChangePassword: false,
  });
  return { username, password };
}

/** A login as it arrives: from `peer`, with the X-Forwarded-For header it carries. */
const login = (username: string, password: string, peer: string, forwardedFor?: string) =>
  app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    remoteAddress: peer,
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  });

async function recordedAddresses(username: string) {
  const { rows } = await database.db.execute<{ session: string; audit: string }>(sql`
    SELECT s.ip AS session, a.ip AS audit FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN audit_log a ON a.action = 'auth.login' AND a.entity_id = u.id::text
    WHERE u.username = ${username}`);
  return rows;
}

describe("the client's address behind a trusted proxy", () => {
  it("is the entry the proxy added, not what the client wrote into X-Forwarded-For", async () => {
    const u = await newUser();
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the address it saw.
    sessionOf(await login(u.username, u.password, PROXY, "6.6.6.6, 203.0.113.7"));
    expect(await recordedAddresses(u.username)).toEqual([{ session: "203.0.113.7", audit: "203.0.113.7" }]);
  });

  it("is the connection's own address when the request did not come through the proxy", async () => {
    const u = await newUser();
    sessionOf(await login(u.username, u.password, "198.51.100.9", "203.0.113.7"));
    expect(await recordedAddresses(u.username)).toEqual([{ session: "198.51.100.9", audit: "198.51.100.9" }]);
  });

  it("cannot be changed to escape the back-off", async () => {
    const u = await newUser();
    // A guesser at 203.0.113.50 writes a new address into every request; the user name is counted
    // against its one real address all the same.
    for (let i = 0; i < THROTTLE.pair.free; i++) {
      const res = await login(u.username, `Sai-${i}-mat-khau-x`, PROXY, `192.0.2.${i}, 203.0.113.50`);
      expect(res.statusCode).toBe(401);
    }
    const spoofed = await login(u.username, u.password, PROXY, "192.0.2.99, 203.0.113.50");
    expect(spoofed.statusCode).toBe(429);
    // Another client of the same proxy is a different address.
    expect((await login(u.username, u.password, PROXY, "203.0.113.51")).statusCode).toBe(200);
  });

  it("cannot be changed by a client that reaches the server directly", async () => {
    const u = await newUser();
    for (let i = 0; i < THROTTLE.pair.free; i++) {
      await login(u.username, `Sai-${i}-mat-khau-x`, "198.51.100.20", `203.0.113.${100 + i}`);
    }
    expect((await login(u.username, u.password, "198.51.100.20", "203.0.113.200")).statusCode).toBe(429);
  });
});

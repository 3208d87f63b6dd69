import * as argon2 from "@node-rs/argon2";
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { THROTTLE } from "./auth.policy.ts";
import { loginFrom, movableClock, sessionOf } from "./auth.test-helpers.ts";

// Every password verification is counted: a throttled attempt must be refused before it.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});
const verifications = () => vi.mocked(argon2.verify).mock.calls.length;

const clock = movableClock();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => t?.close());
// Each test starts a day later, so that no counter of an earlier test still holds.
beforeEach(() => clock.advanceMinutes(THROTTLE.forgetAfterHours * 60 + 1));

let serial = 0;
/** A user with a known password, and client addresses of its own. */
async function newUser() {
  const n = ++serial;
  const username = `thu.${n}`;
  const password = `Tre-xanh-${n}-Qz`;
  await t.services.auth.createUser(t.system, {
    username,
    displayName: `Người thử ${n}`,
    password,
    roles: ["officer"],
    mustChangePassword: false,
  });
  return { username, password, address: (i: number) => `10.${n}.${Math.floor(i / 250)}.${(i % 250) + 1}` };
}

const login = (username: string, password: string, address: string) =>
  loginFrom(t.app, username, password, address);
const retryAfter = (res: LightMyRequestResponse) => Number(res.headers["retry-after"]);

describe("the back-off of one user name at one address", () => {
  it(`lets ${THROTTLE.pair.free} wrong passwords through, then refuses even the right one and says how long to wait`, async () => {
    const u = await newUser();
    const home = u.address(0);
    for (let i = 0; i < THROTTLE.pair.free; i++) {
      expect((await login(u.username, `Sai-${i}-mat-khau-x`, home)).statusCode).toBe(401);
    }
    const before = verifications();
    const blocked = await login(u.username, u.password, home);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 30 } });
    expect(retryAfter(blocked)).toBe(30);
    expect(blocked.cookies).toEqual([]);
    expect(verifications()).toBe(before);

    clock.advanceSeconds(29);
    expect(retryAfter(await login(u.username, u.password, home))).toBe(1);
    clock.advanceSeconds(1);
    expect((await login(u.username, u.password, home)).statusCode).toBe(200);

    // A success starts the count again.
    for (let i = 0; i < THROTTLE.pair.free; i++) {
      expect((await login(u.username, `Sai-${i}-lan-hai-x`, home)).statusCode).toBe(401);
    }
    expect((await login(u.username, u.password, home)).statusCode).toBe(429);
  });

  it("doubles the wait after each further failure, up to 15 minutes", async () => {
    const u = await newUser();
    const home = u.address(0);
    for (let i = 0; i < THROTTLE.pair.free; i++) await login(u.username, `Sai-${i}-mat-khau-x`, home);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const blocked = await login(u.username, `Sai-nua-${i}-x`, home);
      expect(blocked.statusCode).toBe(429);
      waits.push(retryAfter(blocked));
      clock.advanceSeconds(retryAfter(blocked));
      expect((await login(u.username, `Sai-nua-${i}-x`, home)).statusCode).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    // Never a lock: once the wait is over, the right password opens a session.
    clock.advanceSeconds(THROTTLE.pair.maxWaitSeconds);
    expect((await login(u.username, u.password, home)).statusCode).toBe(200);
  });

  it("does not hold back another user name from the same address", async () => {
    const u = await newUser();
    const other = await newUser();
    for (let i = 0; i < THROTTLE.pair.free; i++) await login(u.username, `Sai-${i}-mat-khau-x`, u.address(0));
    expect((await login(u.username, u.password, u.address(0))).statusCode).toBe(429);
    expect((await login(other.username, other.password, u.address(0))).statusCode).toBe(200);
  });
});

describe("parallel guesses", () => {
  it(`verify at most ${THROTTLE.pair.free} of 150 wrong passwords sent at once from one address; the rest get 429 unverified`, async () => {
    const u = await newUser();
    const before = verifications();
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, i) => login(u.username, `Doan-${i}-mat-khau-x`, u.address(0))),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(THROTTLE.pair.free);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    expect(verifications() - before).toBeLessThanOrEqual(THROTTLE.pair.free);

    const right = await login(u.username, u.password, u.address(0));
    expect(right.statusCode).toBe(429);
    expect(right.cookies).toEqual([]);
  });

  it(`verify at most ${THROTTLE.user.free} of 150 wrong passwords sent at once from 150 addresses`, async () => {
    const u = await newUser();
    const before = verifications();
    const answers = await Promise.all(
      Array.from({ length: 150 }, (_, i) => login(u.username, `Doan-${i}-mat-khau-x`, u.address(i + 1))),
    );
    expect(answers.filter((a) => a.statusCode !== 429).length).toBeLessThanOrEqual(THROTTLE.user.free);
    expect(verifications() - before).toBeLessThanOrEqual(THROTTLE.user.free);
    expect((await login(u.username, u.password, u.address(500))).statusCode).toBe(429);
  });
});

describe("the real user while someone guesses the password", () => {
  it("is not held back at an address where they signed in lately, whatever is guessed elsewhere", async () => {
    const u = await newUser();
    const office = u.address(0);
    sessionOf(await login(u.username, u.password, office));
    // Guessers at 60 other addresses, each within its own address's free attempts.
    for (let i = 1; i <= 60; i++) await login(u.username, `Doan-${i}-mat-khau-x`, u.address(i));
    expect((await login(u.username, "Doan-0-mat-khau-x", u.address(999))).statusCode).toBe(429);
    expect((await login(u.username, u.password, office)).statusCode).toBe(200);
  });

  it("waits at most 5 minutes at a new address, however long the guessing goes on", async () => {
    const u = await newUser();
    let waited = 0;
    // Guessers at new addresses take every chance the user name's back-off gives, for two hours.
    for (let i = 0; waited < 2 * 3600; i++) {
      const res = await login(u.username, `Doan-${i}-mat-khau-x`, u.address(i % 1000));
      if (res.statusCode === 429) {
        expect(retryAfter(res)).toBeLessThanOrEqual(THROTTLE.user.maxWaitSeconds);
        clock.advanceSeconds(retryAfter(res));
        waited += retryAfter(res);
      }
    }
    // The guessers take the chance that just opened; the user, arriving now, waits for the next one.
    expect((await login(u.username, "Doan-cuoi-mat-khau-x", u.address(1001))).statusCode).toBe(401);
    const blocked = await login(u.username, u.password, "172.16.5.5");
    expect(blocked.statusCode).toBe(429);
    expect(retryAfter(blocked)).toBeLessThanOrEqual(THROTTLE.user.maxWaitSeconds);
    clock.advanceSeconds(retryAfter(blocked));
    expect((await login(u.username, u.password, "172.16.5.5")).statusCode).toBe(200);
  });
});

describe("one address trying many user names", () => {
  it(`is slowed down after ${THROTTLE.address.free} failures, for user names it has not signed in as`, async () => {
    const known = await newUser();
    const fresh = await newUser();
    const shared = "10.200.0.1";
    sessionOf(await login(known.username, known.password, shared));
    for (let i = 0; i < THROTTLE.address.free; i++) {
      expect((await login(`khong.co.${i}`, "Matkhau-thu-9x", shared)).statusCode).toBe(401);
    }
    expect((await login(fresh.username, fresh.password, shared)).statusCode).toBe(429);
    expect((await login(known.username, known.password, shared)).statusCode).toBe(200);
  });
});

describe("changing the password", () => {
  it("counts a wrong current password like a failed login", async () => {
    const u = await newUser();
    const session = sessionOf(await login(u.username, u.password, u.address(0)));
    const change = (currentPassword: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/password",
        headers: session,
        remoteAddress: u.address(0),
        payload: { currentPassword, newPassword: "Cay-tre-moc-7-Qz" },
      });
    for (let i = 0; i < THROTTLE.pair.free; i++) {
      expect((await change(`Sai-${i}-mat-khau-x`)).json().code).toBe("AUTH_WRONG_PASSWORD");
    }
    const before = verifications();
    const blocked = await change(u.password);
    expect(blocked.statusCode).toBe(429);
    expect(retryAfter(blocked)).toBe(30);
    expect(verifications()).toBe(before);
    // The same counter as logging in from there.
    expect((await login(u.username, u.password, u.address(0))).statusCode).toBe(429);

    clock.advanceSeconds(30);
    expect((await change(u.password)).statusCode).toBe(204);
    expect((await login(u.username, "Cay-tre-moc-7-Qz", u.address(0))).statusCode).toBe(200);
  });
});

describe("the counters' table", () => {
  it("forgets a counter after a day without failures, and deletes it", async () => {
    const u = await newUser();
    for (let i = 0; i < THROTTLE.pair.free; i++) await login(u.username, `Sai-${i}-mat-khau-x`, u.address(0));
    expect((await login(u.username, u.password, u.address(0))).statusCode).toBe(429);
    clock.advanceMinutes(THROTTLE.forgetAfterHours * 60 + 1);
    expect((await login(u.username, u.password, u.address(0))).statusCode).toBe(200);
    const { rows } = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM login_throttle WHERE last_at < ${new Date(clock.now().getTime() - THROTTLE.forgetAfterHours * 3_600_000).toISOString()}::timestamptz`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});

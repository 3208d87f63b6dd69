import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../common/contracts/users.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, type Org } from "../cadres/cadres.test-helpers.ts";
import { type Call, call, type Headers, makeAccount, sessionOf, snapshot } from "./users.test-helpers.ts";

/**
 * Who may manage accounts: the admin role only. Every other caller is refused every route of account
 * management with 403, reads nothing of the list, and changes nothing; several callers at once each get
 * their own answer.
 */

let t: TestApp;
let org: Org;
let target: { id: number; username: string; password: string };

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  await makeAccount(t, ["admin"], { prefix: "quantri" });
  target = await makeAccount(t, ["officer"], { scopeUnitIds: [org.districtB] });
});
afterAll(async () => t?.close());

const routes = (id: number): [string, Call][] => [
  ["the list", { method: "GET", url: "/api/users" }],
  [
    "creating",
    {
      method: "POST",
      url: "/api/users",
      payload: { username: "leo.thang", displayName: "X", password: "Cay-bang-2026-Qz", roles: ["admin"] },
    },
  ],
  ["changing", { method: "PATCH", url: `/api/users/${id}`, payload: { roles: ["admin"] } }],
  ["disabling", { method: "POST", url: `/api/users/${id}/disable` }],
  ["enabling", { method: "POST", url: `/api/users/${id}/enable` }],
  ["resetting the password", { method: "POST", url: `/api/users/${id}/password-reset`, payload: {} }],
  ["ending the sessions", { method: "POST", url: `/api/users/${id}/sessions/end` }],
];

describe("account management is the admin role's", () => {
  const callers = [
    ["an officer", ["officer"]],
    ["a leader", ["leader"]],
    ["a cadre", ["cadre"]],
  ] as const;
  for (const [who, roles] of callers) {
    it.each(routes(0).map(([name]) => name))(
      `refuses ${who} %s with 403, and nothing changes`,
      async (name) => {
        const caller = await makeAccount(t, [...roles], { scopeUnitIds: [org.districtA] });
        const session = await sessionOf(t, caller);
        const [, c] = routes(target.id).find(([n]) => n === name)!;
        const before = await snapshot(t);
        const res = await call(t, session, c);
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().code).toBe("FORBIDDEN");
        expect(res.body).not.toContain(target.username);
        expect(await snapshot(t)).toBe(before);
      },
    );
  }

  it("refuses an officer holding users.manage beyond the roles (it cannot be granted, but may be in old data)", async () => {
    const officer = await makeAccount(t, ["officer"], { scopeUnitIds: [org.districtA] });
    await t.database.pool.query("UPDATE users SET extra_permissions = '{users.manage}' WHERE id = $1", [
      officer.id,
    ]);
    const session = await sessionOf(t, officer);
    for (const [, c] of routes(target.id)) {
      const before = await snapshot(t);
      const res = await call(t, session, c);
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(403);
      expect(await snapshot(t)).toBe(before);
    }
  });

  it("answers 401 without a session, and changes nothing", async () => {
    for (const [, c] of routes(target.id)) {
      const before = await snapshot(t);
      const res = await t.app.inject(c);
      expect(res.statusCode).toBe(401);
      expect(await snapshot(t)).toBe(before);
    }
  });
});

describe("several callers at once", () => {
  it("gives each session its own answers", async () => {
    const admins = await Promise.all([1, 2, 3].map(() => makeAccount(t, ["admin"], { prefix: "qt" })));
    const officers = await Promise.all(
      [1, 2, 3].map(() => makeAccount(t, ["officer"], { scopeUnitIds: [org.districtA], prefix: "cb" })),
    );
    // Each admin renames an account of its own while every caller asks who it is and lists accounts.
    const targets = await Promise.all([1, 2, 3].map(() => makeAccount(t, ["leader"], { prefix: "dich" })));
    const sessions = new Map<string, Headers>();
    for (const a of [...admins, ...officers]) sessions.set(a.username, await sessionOf(t, a));

    type Expectation = { who: string; c: Call; check: (status: number, body: unknown) => void };
    const work: Expectation[] = [];
    for (let round = 0; round < 4; round++) {
      for (const [i, a] of admins.entries()) {
        const name = `Đổi bởi ${a.username} lần ${round}`;
        work.push({
          who: a.username,
          c: { method: "PATCH", url: `/api/users/${targets[i]!.id}`, payload: { displayName: name } },
          check: (status, body) => {
            expect(status).toBe(200);
            expect(body).toMatchObject({ id: targets[i]!.id, displayName: name });
          },
        });
        work.push({
          who: a.username,
          c: { method: "GET", url: "/api/users" },
          check: (status, body) => {
            expect(status).toBe(200);
            expect((body as Account[]).some((x) => x.username === a.username)).toBe(true);
          },
        });
      }
      for (const o of officers)
        work.push({
          who: o.username,
          c: { method: "GET", url: "/api/users" },
          check: (status) => expect(status).toBe(403),
        });
      for (const a of [...admins, ...officers])
        work.push({
          who: a.username,
          c: { method: "GET", url: "/api/auth/me" },
          check: (status, body) => {
            expect(status).toBe(200);
            expect(body).toMatchObject({ username: a.username });
          },
        });
    }
    const answers = await Promise.all(work.map((w) => call(t, sessions.get(w.who)!, w.c)));
    answers.forEach((res, i) => {
      work[i]!.check(res.statusCode, res.json());
    });
    // Every rename was recorded under the admin who made it.
    const { rows } = await t.database.pool.query<{ actor: string; id: string }>(
      "SELECT actor_username AS actor, entity_id AS id FROM audit_log WHERE action = 'user.updated'",
    );
    for (const [i, a] of admins.entries()) {
      const mine = rows.filter((r) => r.actor === a.username);
      expect(mine).toHaveLength(4);
      expect(new Set(mine.map((r) => r.id))).toEqual(new Set([String(targets[i]!.id)]));
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../common/contracts/users.ts";
import { messageOf } from "../../lib/errors.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, type Org } from "../cadres/cadres.test-helpers.ts";
import { AuthErrors } from "./auth.errors.ts";
import {
  auditOf,
  type Call,
  call,
  freshPassword,
  type Headers,
  loginAs,
  makeAccount,
  sessionOf,
  snapshot,
} from "./users.test-helpers.ts";

let t: TestApp;
let org: Org;
let admin: Awaited<ReturnType<typeof makeAccount>>;
let adminSession: Headers;
const bodies: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  admin = await makeAccount(t, ["admin"], { prefix: "quantri" });
  adminSession = await sessionOf(t, admin);
});
afterAll(async () => t?.close());

/** A request of the admin of this file; every answer is kept for the last test. */
async function asAdmin(c: Call) {
  const res = await call(t, adminSession, c);
  bodies.push(res.body);
  return res;
}
const me = (headers: Headers) => call(t, headers, { method: "GET", url: "/api/auth/me" });
const listed = async (id: number) =>
  ((await asAdmin({ method: "GET", url: "/api/users" })).json() as Account[]).find((a) => a.id === id);

describe("creating and listing accounts", () => {
  it("creates an account that must change its first password, listed with its scope's unit names", async () => {
    const created = await asAdmin({
      method: "POST",
      url: "/api/users",
      payload: {
        username: "Nguyen.Van.Moi",
        displayName: "Nguyễn Văn Mới",
        password: "Cay-bang-2026-Qz",
        roles: ["officer"],
        scopeUnitIds: [org.districtA],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(await listed(id)).toMatchObject({
      username: "nguyen.van.moi",
      displayName: "Nguyễn Văn Mới",
      roles: ["officer"],
      isActive: true,
      mustChangePassword: true,
      scopeUnits: [{ id: org.districtA, name: "Quận Ba Đình", code: "001" }],
      lastLoginAt: null,
      activeSessions: 0,
    });
    const login = await loginAs(t, "nguyen.van.moi", "Cay-bang-2026-Qz");
    expect(login.json()).toMatchObject({ mustChangePassword: true });
    const after = await listed(id);
    expect(after?.lastLoginAt).not.toBeNull();
    expect(after?.activeSessions).toBe(1);
    const [row] = await auditOf(t, id);
    expect(row).toMatchObject({ action: "user.created", actor_username: admin.username });
  });
});

describe("changing an account", () => {
  it("changes the display name, roles and scope, effective on the user's next request, and audits before and after", async () => {
    const user = await makeAccount(t, ["officer"], { scopeUnitIds: [org.districtA] });
    const session = await sessionOf(t, user);
    expect((await me(session)).json().scope).toEqual([{ id: org.districtA, name: "Quận Ba Đình" }]);
    const res = await asAdmin({
      method: "PATCH",
      url: `/api/users/${user.id}`,
      payload: {
        displayName: "Trần Thị Đổi",
        roles: ["officer", "leader"],
        scopeUnitIds: [org.districtB, org.communeA1],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: "Trần Thị Đổi",
      roles: ["officer", "leader"],
      scopeUnitIds: [org.communeA1, org.districtB].sort((a, b) => a - b),
    });
    const now = (await me(session)).json();
    expect(now.roles).toEqual(["officer", "leader"]);
    expect(now.scope.map((s: { name: string }) => s.name).sort()).toEqual([
      "Huyện Đông Anh",
      "Phường Phúc Xá",
    ]);
    const rows = await auditOf(t, user.id);
    expect(rows.at(-1)).toMatchObject({
      action: "user.updated",
      actor_username: admin.username,
      before: {
        displayName: `Tài khoản ${user.username.split(".")[1]}`,
        roles: ["officer"],
        scopeUnitIds: [org.districtA],
      },
      after: { displayName: "Trần Thị Đổi", roles: ["officer", "leader"] },
    });
  });

  it("changes only the fields sent", async () => {
    const user = await makeAccount(t, ["leader"], { scopeUnitIds: [org.districtB] });
    const res = await asAdmin({
      method: "PATCH",
      url: `/api/users/${user.id}`,
      payload: { displayName: "Chỉ đổi tên" },
    });
    expect(res.json()).toMatchObject({ roles: ["leader"], scopeUnitIds: [org.districtB] });
  });

  const refused: [string, () => Promise<Call>, number, string][] = [
    [
      "an empty change",
      async () => ({ method: "PATCH", url: "/api/users/ID", payload: {} }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "no role at all",
      async () => ({ method: "PATCH", url: "/api/users/ID", payload: { roles: [] } }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "an unknown role",
      async () => ({ method: "PATCH", url: "/api/users/ID", payload: { roles: ["boss"] } }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "a field it does not know",
      async () => ({ method: "PATCH", url: "/api/users/ID", payload: { isActive: false } }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "a blank display name",
      async () => ({ method: "PATCH", url: "/api/users/ID", payload: { displayName: "   " } }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "an id that is not a number",
      async () => ({ method: "PATCH", url: "/api/users/abc", payload: { displayName: "X" } }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "a scope unit that does not exist",
      async () => ({
        method: "PATCH",
        url: "/api/users/ID",
        payload: { scopeUnitIds: [org.districtA, 999_999] },
      }),
      422,
      "AUTH_SCOPE_UNIT_NOT_FOUND",
    ],
    [
      "granting account management beyond the roles",
      async () => ({
        method: "PATCH",
        url: "/api/users/ID",
        payload: { extraPermissions: ["users.manage"] },
      }),
      422,
      "AUTH_PERMISSION_NOT_GRANTABLE",
    ],
    [
      "an account that does not exist",
      async () => ({ method: "PATCH", url: "/api/users/999999", payload: { displayName: "X" } }),
      404,
      "AUTH_USER_NOT_FOUND",
    ],
    [
      "disabling an account that does not exist",
      async () => ({ method: "POST", url: "/api/users/999999/disable" }),
      404,
      "AUTH_USER_NOT_FOUND",
    ],
    [
      "a reset with a short password",
      async () => ({ method: "POST", url: "/api/users/ID/password-reset", payload: { password: "Ngan-1" } }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "a reset with a common password",
      async () => ({
        method: "POST",
        url: "/api/users/ID/password-reset",
        payload: { password: "Matkhau@2026" },
      }),
      422,
      "AUTH_COMMON_PASSWORD",
    ],
    [
      "a reset with a password without digits",
      async () => ({
        method: "POST",
        url: "/api/users/ID/password-reset",
        payload: { password: "Khong-co-chu-so" },
      }),
      422,
      "AUTH_WEAK_PASSWORD",
    ],
    [
      "a reset without a body",
      async () => ({ method: "POST", url: "/api/users/ID/password-reset" }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "enabling an active account",
      async () => ({ method: "POST", url: "/api/users/ID/enable" }),
      409,
      "AUTH_ALREADY_ENABLED",
    ],
    [
      "disabling oneself",
      async () => ({ method: "POST", url: `/api/users/${admin.id}/disable` }),
      409,
      "AUTH_CANNOT_DISABLE_SELF",
    ],
    [
      "resetting one's own password",
      async () => ({ method: "POST", url: `/api/users/${admin.id}/password-reset`, payload: {} }),
      409,
      "AUTH_CANNOT_RESET_OWN_PASSWORD",
    ],
  ];
  it.each(refused)("refuses %s, and nothing changes", async (_case, make, status, code) => {
    const user = await makeAccount(t, ["officer"], { scopeUnitIds: [org.districtA] });
    const session = await sessionOf(t, user);
    const c = await make();
    const before = await snapshot(t);
    const res = await asAdmin({ ...c, url: c.url!.toString().replace("ID", String(user.id)) });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshot(t)).toBe(before);
    expect((await me(session)).statusCode).toBe(200);
  });
});

describe("disabling and enabling", () => {
  it("ends the account's sessions at once and refuses its logins, until it is enabled again", async () => {
    const user = await makeAccount(t, ["officer"], { scopeUnitIds: [org.districtA] });
    const first = await sessionOf(t, user);
    const second = await sessionOf(t, user);
    expect((await me(first)).statusCode).toBe(200);

    const off = await asAdmin({ method: "POST", url: `/api/users/${user.id}/disable` });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ isActive: false, activeSessions: 0 });
    for (const session of [first, second]) {
      const res = await me(session);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("UNAUTHENTICATED");
      expect((await call(t, session, { method: "GET", url: "/api/units/tree" })).statusCode).toBe(401);
    }
    const refused = await loginAs(t, user.username, user.password);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe("AUTH_INVALID_CREDENTIALS");
    const again = await asAdmin({ method: "POST", url: `/api/users/${user.id}/disable` });
    expect(again.json().code).toBe("AUTH_ALREADY_DISABLED");

    const on = await asAdmin({ method: "POST", url: `/api/users/${user.id}/enable` });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().isActive).toBe(true);
    // The old sessions stay ended; a new login works.
    expect((await me(first)).statusCode).toBe(401);
    expect((await loginAs(t, user.username, user.password)).statusCode).toBe(200);

    const actions = (await auditOf(t, user.id)).map((r) => r.action);
    expect(actions.filter((a) => a.startsWith("user."))).toEqual([
      "user.created",
      "user.disabled",
      "user.enabled",
    ]);
    const disabled = (await auditOf(t, user.id)).find((r) => r.action === "user.disabled");
    expect(disabled).toMatchObject({
      actor_username: admin.username,
      after: { isActive: false, sessionsEnded: 2 },
    });
  });

  it("refuses a session that was open when its account was disabled, also when the session row is left", async () => {
    const user = await makeAccount(t, ["officer"]);
    const session = await sessionOf(t, user);
    // As if the account had been switched off by another path that left its sessions in place.
    await t.database.pool.query("UPDATE users SET is_active = false WHERE id = $1", [user.id]);
    expect((await me(session)).statusCode).toBe(401);
  });
});

describe("resetting a password", () => {
  it("generates a one-time password shown once, ends the sessions, and asks for a change at the next login", async () => {
    const user = await makeAccount(t, ["officer"], { scopeUnitIds: [org.districtA] });
    const old = await sessionOf(t, user);
    const res = await asAdmin({ method: "POST", url: `/api/users/${user.id}/password-reset`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    const { password, account } = res.json() as { password: string; account: Account };
    expect(password).toMatch(/^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{20}$/);
    expect(account).toMatchObject({ mustChangePassword: true, activeSessions: 0 });
    expect((await me(old)).statusCode).toBe(401);
    expect((await loginAs(t, user.username, user.password)).statusCode).toBe(401);
    const fresh = await sessionOf(t, { username: user.username, password });
    expect((await me(fresh)).json().mustChangePassword).toBe(true);
    const held = await call(t, fresh, { method: "GET", url: "/api/units/tree" });
    expect(held.json().code).toBe("AUTH_PASSWORD_CHANGE_REQUIRED");
    // Shown once: the list never carries it.
    expect((await asAdmin({ method: "GET", url: "/api/users" })).body).not.toContain(password);

    const [row] = (await auditOf(t, user.id)).filter((r) => r.action === "user.password_reset");
    expect(row).toMatchObject({
      actor_username: admin.username,
      after: { generated: true, sessionsEnded: 1 },
    });
    expect(JSON.stringify(row)).not.toContain(password);
  });

  it("sets the administrator's password without echoing it", async () => {
    const user = await makeAccount(t, ["leader"]);
    const chosen = freshPassword();
    const res = await asAdmin({
      method: "POST",
      url: `/api/users/${user.id}/password-reset`,
      payload: { password: chosen },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().password).toBeUndefined();
    expect(res.body).not.toContain(chosen);
    expect((await loginAs(t, user.username, chosen)).json()).toMatchObject({ mustChangePassword: true });
    const [row] = (await auditOf(t, user.id)).filter((r) => r.action === "user.password_reset");
    expect(row?.after).toMatchObject({ generated: false });
    expect(JSON.stringify(row)).not.toContain(chosen);
  });
});

describe("ending sessions", () => {
  it("ends every session of the account, which can log in again", async () => {
    const user = await makeAccount(t, ["officer"]);
    const sessions = [await sessionOf(t, user), await sessionOf(t, user)];
    const res = await asAdmin({ method: "POST", url: `/api/users/${user.id}/sessions/end` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ended: 2, account: { activeSessions: 0 } });
    for (const s of sessions) expect((await me(s)).statusCode).toBe(401);
    expect((await loginAs(t, user.username, user.password)).statusCode).toBe(200);
    const [row] = (await auditOf(t, user.id)).filter((r) => r.action === "user.sessions_ended");
    expect(row).toMatchObject({ actor_username: admin.username, after: { sessionsEnded: 2 } });
  });

  it("keeps the administrator's own current session when they end their own", async () => {
    const other = await makeAccount(t, ["admin"]);
    const current = await sessionOf(t, other);
    const elsewhere = await sessionOf(t, other);
    const res = await call(t, current, { method: "POST", url: `/api/users/${other.id}/sessions/end` });
    expect(res.json()).toMatchObject({ ended: 1 });
    expect((await me(current)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
  });
});

describe("the last active administrator", () => {
  // A database of its own: here the number of administrators is known.
  let own: TestApp;
  beforeAll(async () => {
    own = await createTestApp();
  });
  afterAll(async () => own?.close());

  it("can neither be disabled nor lose the admin role, with a clear message; a second admin lifts the block", async () => {
    const a = await makeAccount(own, ["admin"]);
    const b = await makeAccount(own, ["admin"]);
    const sa = await sessionOf(own, a);
    const sb = await sessionOf(own, b);
    expect((await call(own, sa, { method: "POST", url: `/api/users/${b.id}/disable` })).statusCode).toBe(200);

    const before = await snapshot(own);
    const demote = await call(own, sa, {
      method: "PATCH",
      url: `/api/users/${a.id}`,
      payload: { roles: ["officer"] },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({
      code: "AUTH_LAST_ADMIN",
      message: messageOf(AuthErrors.AUTH_LAST_ADMIN, "vi"),
    });
    expect(demote.json().message).toMatch(/quản trị viên cuối cùng/);
    await expect(own.services.auth.disableUser(own.system, a.id)).rejects.toMatchObject({
      code: "AUTH_LAST_ADMIN",
    });
    await expect(own.services.auth.updateUser(own.system, a.id, { roles: ["leader"] })).rejects.toMatchObject(
      { code: "AUTH_LAST_ADMIN" },
    );
    expect(await snapshot(own)).toBe(before);
    // Other changes of the last admin still go through.
    const renamed = await call(own, sa, {
      method: "PATCH",
      url: `/api/users/${a.id}`,
      payload: { displayName: "Quản trị duy nhất", roles: ["admin", "leader"] },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);

    expect((await call(own, sa, { method: "POST", url: `/api/users/${b.id}/enable` })).statusCode).toBe(200);
    expect((await me(sb)).statusCode).toBe(401);
    const demoted = await call(own, sa, {
      method: "PATCH",
      url: `/api/users/${a.id}`,
      payload: { roles: ["officer"] },
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
    // a is no admin any more: account management is closed to it at once.
    expect((await call(own, sa, { method: "GET", url: "/api/users" })).statusCode).toBe(403);
  });

  it("survives two administrators disabling each other at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const a = await makeAccount(own, ["admin"]);
      const b = await makeAccount(own, ["admin"]);
      // Only these two are active administrators.
      await own.database.pool.query(
        "UPDATE users SET is_active = false WHERE 'admin' = ANY(roles) AND id NOT IN ($1, $2)",
        [a.id, b.id],
      );
      const [sa, sb] = [await sessionOf(own, a), await sessionOf(own, b)];
      const answers = await Promise.all([
        call(own, sa, { method: "POST", url: `/api/users/${b.id}/disable` }),
        call(own, sb, { method: "POST", url: `/api/users/${a.id}/disable` }),
      ]);
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(
        statuses.filter((s) => s === 200),
        JSON.stringify(statuses),
      ).toHaveLength(1);
      for (const r of answers) expect([200, 401, 409]).toContain(r.statusCode);
      const { rows } = await own.database.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM users WHERE is_active AND 'admin' = ANY(roles)",
      );
      expect(rows[0]!.n).toBe(1);
    }
  });
});

describe("what leaves the server", () => {
  it("never sends a password hash, and the audit rows of accounts hold no password or hash", async () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) expect(body).not.toMatch(/\$argon2|password_?hash/i);
    const { rows } = await t.database.pool.query<{ text: string }>(
      "SELECT coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_log WHERE entity_type = 'user'",
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.text).not.toMatch(/\$argon2|"password"|passwordHash|password_hash/i);
  });
});

import { verify } from "@node-rs/argon2";
import { sql } from "drizzle-orm";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { messageOf } from "../../lib/errors.ts";
import { rowCounts } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { createAuditService } from "../audit/index.ts";
import { AuthErrors } from "./auth.errors.ts";
import { createAuthService, generatePassword } from "./auth.service.ts";
import { movableClock, sessionOf } from "./auth.test-helpers.ts";

const clock = movableClock();

let t: TestApp;
const bodies: string[] = [];
const sessionTokens = new Set<string>();

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => t?.close());

/** Every request of this file goes through here, so that the last test can read every response body. */
async function send(options: InjectOptions): Promise<LightMyRequestResponse> {
  const res = await t.app.inject(options);
  bodies.push(res.body);
  for (const c of res.cookies) if (c.name === "canbo_session" && c.value) sessionTokens.add(c.value);
  return res;
}

let addressSerial = 0;
/** A fresh client address, so that one test's failed logins do not count against another's. */
const newAddress = () => `10.0.0.${++addressSerial}`;

async function login(username: string, password: string, remoteAddress = "10.9.9.9") {
  return send({ method: "POST", url: "/api/auth/login", payload: { username, password }, remoteAddress });
}

let userSerial = 0;
/** A user with a known password (created by the system, as an admin would). */
async function newUser(roles: ("admin" | "officer")[] = ["officer"]) {
  const username = `user${++userSerial}`;
  const password = `Tre-xanh-${userSerial}-Qz`;
  await t.services.auth.createUser(t.system, {
    username,
    displayName: `Người dùng ${userSerial}`,
    password,
    roles,
    mustChangePassword: false,
  });
  return { username, password };
}

const me = (headers: Record<string, string>) => send({ method: "GET", url: "/api/auth/me", headers });

describe("the first administrator", () => {
  // These run first, on a database without users.
  it("is created with the given password when one is configured", async () => {
    // Inside a transaction that is rolled back, so that the next test starts from no user again.
    const rolledBack = new Error("roll back");
    await expect(
      t.db.transaction(async (tx) => {
        const auth = createAuthService({
          db: tx as unknown as Db,
          audit: createAuditService({ db: tx as unknown as Db }),
          clock,
          sessionHours: 12,
        });
        expect(await auth.ensureAdmin(t.system, "Cau-hinh-san-2026")).toEqual({
          created: true,
          password: undefined,
        });
        const { rows } = await tx.execute<{ hash: string; must: boolean }>(
          sql`SELECT password_hash AS hash, must_change_password AS must FROM users WHERE username = 'admin'`,
        );
        expect(rows).toHaveLength(1);
        expect(await verify(rows[0]!.hash, "Cau-hinh-san-2026")).toBe(true);
        expect(rows[0]!.must).toBe(false);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });

  it("is created once with a random password, to print, that must be changed", async () => {
    const first = await t.services.auth.ensureAdmin(t.system);
    expect(first.created).toBe(true);
    expect(first.password).toMatch(/^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{20}$/);
    const session = sessionOf(await login("admin", first.password!));
    expect((await me(session)).json()).toMatchObject({
      username: "admin",
      roles: ["admin"],
      mustChangePassword: true,
    });

    expect(await t.services.auth.ensureAdmin(t.system)).toEqual({ created: false });
    expect(await t.services.auth.ensureAdmin(t.system, "Mat-khau-khac-2026")).toEqual({ created: false });
    expect((await login("admin", "Mat-khau-khac-2026")).statusCode).toBe(401);
    expect((await t.services.auth.listUsers(t.system)).map((u) => u.username)).toEqual(["admin"]);
    const other = await t.services.auth.ensureAdmin(t.system);
    expect(other.password).toBeUndefined();
  });

  it("gets a different random password on every new installation", async () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
  });
});

describe("logging in", () => {
  it("sets an HttpOnly, SameSite=Strict session cookie", async () => {
    const { username, password } = await newUser();
    const res = await login(username, password);
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === "canbo_session")!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(session.value).toMatch(/^[\w-]{40,}$/);
    // The CSRF token is readable by the page (it must echo it), the session token is not.
    expect(res.cookies.find((c) => c.name === "canbo_csrf")).toMatchObject({ sameSite: "Strict" });
    expect(res.body).not.toContain(session.value);
    expect(res.json()).toMatchObject({ username, roles: ["officer"] });
  });

  it("answers a wrong password exactly as an unknown user", async () => {
    const { username } = await newUser();
    const wrong = await login(username, "Sai-mat-khau-2026", newAddress());
    const unknown = await login("nobody.here", "Sai-mat-khau-2026", newAddress());
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.cookies).toEqual([]);
    }
    const { requestId: _a, ...wrongBody } = wrong.json();
    const { requestId: _b, ...unknownBody } = unknown.json();
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody).toMatchObject({
      code: "AUTH_INVALID_CREDENTIALS",
      message: messageOf(AuthErrors.AUTH_INVALID_CREDENTIALS, "vi"),
    });
  });

  it("accepts the user name in any case and with spaces around it", async () => {
    const { username, password } = await newUser();
    expect((await login(`  ${username.toUpperCase()} `, password)).statusCode).toBe(200);
  });
});

describe("CSRF protection of changes", () => {
  let session: Record<string, string>;
  let otherSession: Record<string, string>;
  beforeAll(async () => {
    const admin = await newUser(["admin"]);
    session = sessionOf(await login(admin.username, admin.password));
    otherSession = sessionOf(await login(admin.username, admin.password));
  });

  const changes: { what: string; url: string; payload?: Record<string, unknown> }[] = [
    {
      what: "creating a user",
      url: "/api/users",
      payload: { username: "csrf.victim", displayName: "X", password: "Mat-khau-2026-x", roles: ["admin"] },
    },
    {
      what: "creating a unit",
      url: "/api/units",
      payload: { parentId: 1, name: "Đơn vị giả", kind: "other", validFrom: "2026-01-01" },
    },
    {
      what: "changing the password",
      url: "/api/auth/password",
      payload: { currentPassword: "x", newPassword: "Moi-2026-abcd" },
    },
    { what: "logging out", url: "/api/auth/logout" },
  ];
  const tokens: [string, () => Record<string, string>][] = [
    ["without a token", () => ({ cookie: session.cookie! })],
    ["with a wrong token", () => ({ cookie: session.cookie!, "x-csrf-token": "not-the-token" })],
    [
      "with another session's token",
      () => ({ cookie: session.cookie!, "x-csrf-token": otherSession["x-csrf-token"]! }),
    ],
  ];
  const cases = changes.flatMap((c) => tokens.map(([how, headers]) => ({ ...c, how, headers })));

  it.each(cases)("refuses $what $how with 403 CSRF_INVALID, and nothing changes", async (c) => {
    const tables = ["users", "sessions", "units", "audit_log"];
    const before = await rowCounts(t.database, tables);
    const res = await send({ method: "POST", url: c.url, headers: c.headers(), payload: c.payload });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe("CSRF_INVALID");
    expect(await rowCounts(t.database, tables)).toEqual(before);
    expect((await me(session)).statusCode).toBe(200);
  });

  it("accepts the change with the session's own token", async () => {
    const res = await send({ method: "POST", url: "/api/auth/logout", headers: otherSession });
    expect(res.statusCode).toBe(204);
  });
});

describe("logging out", () => {
  it("ends the session: the same cookie is no longer signed in", async () => {
    const { username, password } = await newUser();
    const session = sessionOf(await login(username, password));
    expect((await me(session)).statusCode).toBe(200);
    const out = await send({ method: "POST", url: "/api/auth/logout", headers: session });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === "canbo_session")?.value).toBe("");
    const after = await me(session);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe("UNAUTHENTICATED");
  });

  it("ends a session when it expires", async () => {
    const { username, password } = await newUser();
    const session = sessionOf(await login(username, password));
    clock.advanceMinutes(12 * 60 + 1);
    expect((await me(session)).statusCode).toBe(401);
  });
});

describe("changing one's password", () => {
  let user: { username: string; password: string };
  let session: Record<string, string>;
  beforeAll(async () => {
    user = await newUser();
    session = sessionOf(await login(user.username, user.password));
  });
  const change = (currentPassword: string, newPassword: string, headers = session) =>
    send({ method: "POST", url: "/api/auth/password", headers, payload: { currentPassword, newPassword } });

  it("requires the current password", async () => {
    const res = await change("Khong-phai-mat-khau-1", "Cay-tre-moc-2026-Qz");
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("AUTH_WRONG_PASSWORD");
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it.each([
    ["too short", (): string => "Ngan-1", 400, "VALIDATION_FAILED"],
    ["without digits", (): string => "Khong-co-chu-so-nao", 422, "AUTH_WEAK_PASSWORD"],
    ["without letters", (): string => "1234-5678-9012", 422, "AUTH_WEAK_PASSWORD"],
    [
      "containing the user name",
      (): string => `X-${user.username.toUpperCase()}-2026`,
      422,
      "AUTH_WEAK_PASSWORD",
    ],
    ["equal to the old one", (): string => user.password, 422, "AUTH_WEAK_PASSWORD"],
    [
      "that is common, with digits and symbols after it",
      (): string => "123456a@2026",
      422,
      "AUTH_COMMON_PASSWORD",
    ],
    ["that is common, in capitals with a year", (): string => "MATKHAU2026", 422, "AUTH_COMMON_PASSWORD"],
    ["that is common, with accents", (): string => "Mật-khẩu@2026", 422, "AUTH_COMMON_PASSWORD"],
    ["that is common, with digits before it", (): string => "2026anhyeuem", 422, "AUTH_COMMON_PASSWORD"],
    ["that is common, with symbols for letters", (): string => "P@ssw0rd2026!", 422, "AUTH_COMMON_PASSWORD"],
    ["that is a name and a year", (): string => "NguyenVanAnh1990", 422, "AUTH_COMMON_PASSWORD"],
  ] as const)("refuses a password %s", async (_case, newPassword, status, code) => {
    const res = await change(user.password, newPassword());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect((await me(session)).statusCode).toBe(200);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it("changes it, keeps this session and ends the user's other sessions", async () => {
    const elsewhere = sessionOf(await login(user.username, user.password));
    const res = await change(user.password, "Cay-tre-moc-2026-Qz");
    expect(res.statusCode, res.body).toBe(204);
    expect((await me(session)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await login(user.username, user.password)).statusCode).toBe(401);
    expect((await login(user.username, "Cay-tre-moc-2026-Qz")).statusCode).toBe(200);
  });

  it("clears the must-change flag of a first password", async () => {
    const username = "first.login";
    await t.services.auth.createUser(t.system, {
      username,
      displayName: "Lần đầu",
      password: "Tam-thoi-2026-x",
      roles: ["officer"],
    });
    const first = sessionOf(await login(username, "Tam-thoi-2026-x"));
    expect((await me(first)).json().mustChangePassword).toBe(true);
    expect((await change("Tam-thoi-2026-x", "Da-doi-2026-abc", first)).statusCode).toBe(204);
    expect((await me(first)).json().mustChangePassword).toBe(false);
  });
});

describe("a user who must change the password", () => {
  let session: Record<string, string>;
  const password = "Tam-thoi-2026-Qz";
  beforeAll(async () => {
    // An administrator, so that a refusal can only come from the pending password change.
    await t.services.auth.createUser(t.system, {
      username: "must.change",
      displayName: "Phải đổi mật khẩu",
      password,
      roles: ["admin"],
      mustChangePassword: true,
    });
    session = sessionOf(await login("must.change", password));
  });

  const refused: { what: string; method: "GET" | "POST"; url: string; payload?: unknown }[] = [
    { what: "the user list", method: "GET", url: "/api/users" },
    { what: "the unit tree", method: "GET", url: "/api/units/tree" },
    { what: "the cadre list", method: "GET", url: "/api/cadres" },
    { what: "the audit trail", method: "GET", url: "/api/audit" },
    {
      what: "creating a user",
      method: "POST",
      url: "/api/users",
      payload: { username: "by.must.change", displayName: "X", password: "Tre-xanh-99-Qz", roles: ["admin"] },
    },
    {
      what: "creating a unit",
      method: "POST",
      url: "/api/units",
      payload: { parentId: 1, name: "Đơn vị mới", kind: "other", validFrom: "2026-01-01" },
    },
  ];
  it.each(refused)(
    "is refused $what with 403 AUTH_PASSWORD_CHANGE_REQUIRED, and nothing changes",
    async (r) => {
      const tables = ["users", "units", "audit_log"];
      const before = await rowCounts(t.database, tables);
      const res = await send({
        method: r.method,
        url: r.url,
        headers: session,
        payload: r.payload as object,
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({
        code: "AUTH_PASSWORD_CHANGE_REQUIRED",
        message: messageOf(AuthErrors.AUTH_PASSWORD_CHANGE_REQUIRED, "vi"),
      });
      expect(await rowCounts(t.database, tables)).toEqual(before);
    },
  );

  it("may ask who they are, change the password, and then use the rest", async () => {
    expect((await me(session)).json().mustChangePassword).toBe(true);
    const changed = await send({
      method: "POST",
      url: "/api/auth/password",
      headers: session,
      payload: { currentPassword: password, newPassword: "Da-doi-2026-Qzx" },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await send({ method: "GET", url: "/api/users", headers: session })).statusCode).toBe(200);
  });

  it("may log out", async () => {
    await t.db.execute(sql`UPDATE users SET must_change_password = true WHERE username = 'must.change'`);
    const out = await send({ method: "POST", url: "/api/auth/logout", headers: session });
    expect(out.statusCode).toBe(204);
  });
});

describe("creating a user", () => {
  it("refuses a common password, and creates nothing", async () => {
    const admin = await newUser(["admin"]);
    const session = sessionOf(await login(admin.username, admin.password));
    const before = await rowCounts(t.database, ["users"]);
    const res = await send({
      method: "POST",
      url: "/api/users",
      headers: session,
      payload: { username: "pho.bien", displayName: "X", password: "Anhyeuem@2026", roles: ["officer"] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("AUTH_COMMON_PASSWORD");
    expect(await rowCounts(t.database, ["users"])).toEqual(before);
  });
});

describe("what leaves the server", () => {
  it("lists users without password hashes", async () => {
    const admin = await newUser(["admin"]);
    const session = sessionOf(await login(admin.username, admin.password));
    const res = await send({ method: "GET", url: "/api/users", headers: session });
    expect(res.statusCode).toBe(200);
    expect(res.json().length).toBeGreaterThan(3);
    for (const user of res.json()) expect(Object.keys(user)).not.toContain("passwordHash");
  });

  it("refuses the user list and user creation to a non-admin", async () => {
    const officer = await newUser(["officer"]);
    const session = sessionOf(await login(officer.username, officer.password));
    expect((await send({ method: "GET", url: "/api/users", headers: session })).statusCode).toBe(403);
    const created = await send({
      method: "POST",
      url: "/api/users",
      headers: session,
      payload: { username: "escalated", displayName: "X", password: "Mat-khau-2026-x", roles: ["admin"] },
    });
    expect(created.statusCode).toBe(403);
  });

  it("never put a password hash or a session token in any response body of this file", async () => {
    expect(bodies.length).toBeGreaterThan(40);
    expect(sessionTokens.size).toBeGreaterThan(10);
    for (const body of bodies) {
      expect(body).not.toMatch(/\$argon2|password_?hash/i);
      for (const token of sessionTokens) expect(body).not.toContain(token);
    }
  });
});

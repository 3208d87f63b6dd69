import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../server/lib/actor.ts";
import { messageOf } from "../server/lib/errors.ts";
import { AuthErrors } from "../server/modules/auth/auth.errors.ts";
import {
  auditOf,
  type Headers,
  loginAs,
  makeAccount,
  sessionOf,
  snapshot,
} from "../server/modules/auth/users.test-helpers.ts";
import { buildOrg, type Org } from "../server/modules/cadres/cadres.test-helpers.ts";
import { createTestApp, type TestApp } from "../server/test/harness.ts";
import { CliUsageError } from "./indicators.ts";
import { disableUser, enableUser, listUsers, resetUserPassword } from "./users.ts";

// `canbo user list | disable | enable | reset-password`: the API's account services run by the CLI's system
// actor — the same refusals (one active administrator always kept), audit rows and ended sessions. A refusal
// is a usage error (exit code 2) that changes nothing.

const ROOT = path.resolve(import.meta.dirname, "..");
const cli = systemActor("cli");

let t: TestApp;
let org: Org;
let admin: Awaited<ReturnType<typeof makeAccount>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  admin = await makeAccount(t, ["admin"], { prefix: "quantri" });
});
afterAll(async () => t?.close());

/** The account's management rows of the audit trail (logins are audited too, and left out), oldest first. */
const managementAudit = async (userId: number) =>
  (await auditOf(t, userId)).filter((row) => row.action.startsWith("user."));
const me = (headers: Headers) => t.app.inject({ method: "GET", url: "/api/auth/me", headers });

/** The usage error a command refuses with (it fails the test when the command goes through). */
async function refusal(work: Promise<unknown>): Promise<CliUsageError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliUsageError);
  expect((error as CliUsageError).exitCode).toBe(2);
  return error as CliUsageError;
}

describe("canbo user disable", () => {
  it("refuses to disable the last active administrator, changing nothing", async () => {
    const { rows } = await t.database.pool.query(
      "SELECT username FROM users WHERE is_active AND 'admin' = ANY(roles)",
    );
    expect(rows).toEqual([{ username: admin.username }]);
    const before = await snapshot(t);
    const error = await refusal(disableUser(t.services, cli, admin.username));
    expect(error.message).toBe(
      `${messageOf(AuthErrors.AUTH_LAST_ADMIN, "vi")} (${AuthErrors.AUTH_LAST_ADMIN.code})`,
    );
    expect(await snapshot(t)).toBe(before);
    await expect(sessionOf(t, admin)).resolves.toBeDefined();
  });

  it("disables an account: its open session is refused at once and it cannot log in; audited as the CLI", async () => {
    const user = await makeAccount(t, ["officer"], { scopeUnitIds: [org.districtA] });
    const session = await sessionOf(t, user);
    expect((await me(session)).statusCode).toBe(200);

    const text = await disableUser(t.services, cli, ` ${user.username.toUpperCase()} `);
    expect(text).toBe(`Đã vô hiệu hóa tài khoản ${user.username}; đã kết thúc 1 phiên đăng nhập.\n`);

    expect((await me(session)).statusCode).toBe(401);
    expect((await loginAs(t, user.username, user.password)).statusCode).toBe(401);
    const audit = await managementAudit(user.id);
    expect(audit.at(-1)).toMatchObject({
      action: "user.disabled",
      actor_username: "cli",
      before: { isActive: true },
      after: { isActive: false, sessionsEnded: 1 },
    });
  });

  it("disables an administrator while another one stays active", async () => {
    const second = await makeAccount(t, ["admin"]);
    await disableUser(t.services, cli, second.username);
    expect((await loginAs(t, second.username, second.password)).statusCode).toBe(401);
    // Enabled again: the accounts of this file keep one active admin beside the first.
    await enableUser(t.services, cli, second.username);
  });

  it("refuses an account already disabled, changing nothing", async () => {
    const user = await makeAccount(t, ["leader"]);
    await disableUser(t.services, cli, user.username);
    const before = await snapshot(t);
    const error = await refusal(disableUser(t.services, cli, user.username));
    expect(error.message).toContain(messageOf(AuthErrors.AUTH_ALREADY_DISABLED, "vi"));
    expect(await snapshot(t)).toBe(before);
  });
});

describe("canbo user enable", () => {
  it("lets a disabled account log in again, audited as the CLI", async () => {
    const user = await makeAccount(t, ["officer"]);
    await disableUser(t.services, cli, user.username);
    expect(await enableUser(t.services, cli, user.username)).toBe(
      `Đã kích hoạt lại tài khoản ${user.username}.\n`,
    );
    expect((await loginAs(t, user.username, user.password)).statusCode).toBe(200);
    expect((await managementAudit(user.id)).at(-1)).toMatchObject({
      action: "user.enabled",
      actor_username: "cli",
    });
  });
});

describe("canbo user reset-password", () => {
  it("sets the given password, which works and must be changed at the next login; the old one and its sessions end", async () => {
    const user = await makeAccount(t, ["officer"]);
    const session = await sessionOf(t, user);
    const result = await resetUserPassword(t.services, cli, user.username, "Hoa-sen-2026-Qx");
    expect(result.password).toBeUndefined();
    expect(result.text).toContain(`Đã đặt lại mật khẩu của tài khoản ${user.username}`);

    expect((await me(session)).statusCode).toBe(401);
    expect((await loginAs(t, user.username, user.password)).statusCode).toBe(401);
    const login = await loginAs(t, user.username, "Hoa-sen-2026-Qx");
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ mustChangePassword: true });
    expect((await managementAudit(user.id)).at(-1)).toMatchObject({
      action: "user.password_reset",
      actor_username: "cli",
      after: { generated: false, mustChangePassword: true, sessionsEnded: 1 },
    });
  });

  it("generates a password when none is given and returns it to be printed once; the audit never holds it", async () => {
    const user = await makeAccount(t, ["leader"]);
    const result = await resetUserPassword(t.services, cli, user.username, undefined);
    expect(result.password).toMatch(/.{10,}/);
    const login = await loginAs(t, user.username, result.password!);
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ mustChangePassword: true });
    const [row] = (await managementAudit(user.id)).filter((r) => r.action === "user.password_reset");
    expect(row).toMatchObject({ actor_username: "cli", after: { generated: true } });
    expect(JSON.stringify(row)).not.toContain(result.password!);
  });

  it.each([
    ["too short", "Ab1-ngan", AuthErrors.AUTH_WEAK_PASSWORD],
    ["without digits", "Khong-co-chu-so", AuthErrors.AUTH_WEAK_PASSWORD],
    ["a common password", "Anhyeuem@2026", AuthErrors.AUTH_COMMON_PASSWORD],
  ])("refuses a password %s before any change", async (_case, password, code) => {
    const user = await makeAccount(t, ["officer"]);
    const before = await snapshot(t);
    const error = await refusal(resetUserPassword(t.services, cli, user.username, password));
    expect(error.message).toBe(messageOf(code, "vi"));
    expect(await snapshot(t)).toBe(before);
    expect((await loginAs(t, user.username, user.password)).statusCode).toBe(200);
  });

  it("refuses a password containing the user name", async () => {
    const user = await makeAccount(t, ["officer"]);
    const before = await snapshot(t);
    await refusal(resetUserPassword(t.services, cli, user.username, `X-${user.username}-2026`));
    expect(await snapshot(t)).toBe(before);
  });
});

describe("an unknown user name", () => {
  it.each([
    ["disable", () => disableUser(t.services, cli, "khong.co.ai")],
    ["enable", () => enableUser(t.services, cli, "khong.co.ai")],
    ["reset-password", () => resetUserPassword(t.services, cli, "khong.co.ai", "Hoa-sen-2026-Qx")],
    ["reset-password (generated)", () => resetUserPassword(t.services, cli, "khong.co.ai", undefined)],
  ])("%s: exit code 2 with a clear message, nothing changed", async (_command, run) => {
    const before = await snapshot(t);
    const error = await refusal(run());
    expect(error.message).toContain(messageOf(AuthErrors.AUTH_USER_NOT_FOUND, "vi"));
    expect(error.message).toContain("“khong.co.ai”");
    expect(await snapshot(t)).toBe(before);
  });
});

describe("canbo user list", () => {
  it("shows each account's user name, name, roles, scope unit codes and whether it is disabled", async () => {
    const officer = await makeAccount(t, ["officer", "leader"], {
      scopeUnitIds: [org.districtA, org.districtB],
    });
    const off = await makeAccount(t, ["leader"], { scopeUnitIds: [org.communeA1] });
    await disableUser(t.services, cli, off.username);
    const lines = (await listUsers(t.services, cli)).split("\n");
    expect(lines[0]).toBe("Tên đăng nhập\tHọ tên\tVai trò\tPhạm vi (mã đơn vị)\tTrạng thái");
    const lineOf = (username: string) => lines.find((l) => l.startsWith(`${username}\t`));
    expect(lineOf(officer.username)).toMatch(/^tk\.\d+\tTài khoản \d+\tofficer,leader\t001,017\thoạt động$/);
    expect(lineOf(off.username)).toMatch(/\tleader\t00001\tvô hiệu hóa$/);
    expect(lineOf(admin.username)).toMatch(/\tadmin\ttoàn bộ\thoạt động$/);
  });
});

describe("the command line", () => {
  it("refuses a weak CANBO_NEW_USER_PASSWORD for reset-password with exit code 2, before opening the database", () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "canbo-cli-")), "data");
    const run = spawnSync(
      process.execPath,
      ["cli/bin.mjs", "--data", dataDir, "user", "reset-password", "nguyenvana"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "", CANBO_NEW_USER_PASSWORD: "Anhyeuem@2026" },
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Lỗi: ${messageOf(AuthErrors.AUTH_COMMON_PASSWORD, "vi")}`);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("names the account commands in its help, and the docs and setup's hints name no other", () => {
    const run = spawnSync(process.execPath, ["cli/bin.mjs", "user", "--help"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const commands = [...run.stdout.matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]);
    const accountCommands = ["create", "list", "disable", "enable", "reset-password"];
    expect(commands).toEqual(expect.arrayContaining(accountCommands));
    const named = ["README.md", "docs/getting-started.md", "cli/setup.ts"].flatMap((file) =>
      [
        ...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/(?:canbo -- |\| )user ([a-z][a-z-]*)/g),
      ].map((m) => m[1]),
    );
    expect(new Set(named)).toEqual(new Set(accountCommands));
  });
});

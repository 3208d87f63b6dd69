import { randomBytes } from "node:crypto";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { Role } from "../../../common/enums/auth.ts";
import type { TestApp } from "../../test/harness.ts";

export type Headers = Record<string, string>;

let serial = 0;

/** A password that passes the rule and differs every time. */
export const freshPassword = () => `Tz-${randomBytes(6).toString("hex")}-2026x`;

/** An account made by the system (as `canbo user create` would), with its password. */
export async function makeAccount(
  t: TestApp,
  roles: Role[],
  options: { scopeUnitIds?: number[]; prefix?: string } = {},
) {
  const username = `${options.prefix ?? "tk"}.${++serial}`;
  const password = freshPassword();
  const created = await t.services.auth.createUser(t.system, {
    username,
    displayName: `Tài khoản ${serial}`,
    password,
    roles,
    scopeUnitIds: options.scopeUnitIds ?? [],
    mustChangePassword: false,
  });
  return { id: created.id, username, password };
}

/** Logs in; the session's headers, or the failed answer. */
export async function loginAs(t: TestApp, username: string, password: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    remoteAddress: `10.20.${serial % 250}.${++serial % 250}`,
  });
  return res;
}

export function headersOf(res: LightMyRequestResponse): Headers {
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { cookie, "x-csrf-token": (res.json() as { csrfToken: string }).csrfToken };
}

export async function sessionOf(t: TestApp, account: { username: string; password: string }) {
  return headersOf(await loginAs(t, account.username, account.password));
}

/** Everything account management may change: accounts, scopes, sessions and the audit trail. */
export async function snapshot(t: TestApp): Promise<string> {
  const q = (text: string) => t.database.pool.query(text).then((r) => r.rows);
  return JSON.stringify({
    users: await q(
      "SELECT id, username, display_name, password_hash, roles, extra_permissions, is_active, must_change_password FROM users ORDER BY id",
    ),
    scopes: await q("SELECT user_id, unit_id FROM user_scopes ORDER BY 1, 2"),
    sessions: await q("SELECT id FROM sessions ORDER BY id"),
    audit: await q("SELECT count(*)::int AS n FROM audit_log"),
  });
}

export type Call = Pick<InjectOptions, "method" | "url" | "payload">;

export function call(t: TestApp, headers: Headers, c: Call) {
  return t.app.inject({ ...c, headers });
}

/** The audit rows about one account, oldest first. */
export async function auditOf(t: TestApp, userId: number) {
  const { rows } = await t.database.pool.query<{
    action: string;
    actor_username: string;
    before: unknown;
    after: unknown;
  }>(
    "SELECT action, actor_username, before, after FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id",
    [String(userId)],
  );
  return rows;
}

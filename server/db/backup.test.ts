import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../app.ts";
import { systemActor } from "../lib/actor.ts";
import { fixedClock } from "../lib/clock.ts";
import { verifyChain } from "../modules/audit/index.ts";
import { seed } from "../seed/seed.ts";
import { openTestDatabase } from "../test/harness.ts";
import { BACKUP_EXCLUDED_TABLES, backup, restore, tablesInDependencyOrder } from "./backup.ts";
import type { Database } from "./client.ts";

async function gunzipText(f: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of fs.createReadStream(f).pipe(createGunzip())) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** One checksum per table over all its rows in a canonical order. */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await tablesInDependencyOrder(database.pool)) {
    const r = await database.pool.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text)) AS h FROM "${t}" t`,
    );
    out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h}`;
  }
  return out;
}

let source: Database;
let target: Database;
let session: { token: string; csrfToken: string };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-backup-"));
const file = path.join(dir, "b.jsonl.gz");

beforeAll(async () => {
  [source, target] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  const services = createServices(source, fixedClock("2026-06-15T03:00:00Z"), 12);
  const system = systemActor("test");
  await seed({ db: source.db, units: services.units }, system, { profile: "demo" });
  await services.auth.createUser(system, {
    username: "officer1",
    displayName: "Cán bộ tổ chức",
    password: "Mat-khau-2026x",
    roles: ["officer"],
    scopeUnitIds: [1],
  });
  // A signed-in user: a session row (its token's hash and the CSRF token) and a login attempt.
  session = await services.auth.login("officer1", "Mat-khau-2026x", { ip: "10.0.0.7" });
});
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("reproduces every row of every table in a fresh database", async () => {
    const header = await backup(source, file);
    expect(header.tables.find((t) => t.name === "units")?.rows).toBeGreaterThan(2000);
    expect(header.tables.find((t) => t.name === "cadre_trainings")?.rows).toBeGreaterThan(0);
    await restore(target, file);
    const [a, b] = await Promise.all([fingerprint(source), fingerprint(target)]);
    expect(Object.keys(a).length).toBeGreaterThanOrEqual(9);
    for (const t of BACKUP_EXCLUDED_TABLES) {
      delete a[t];
      delete b[t];
    }
    expect(b).toEqual(a);
  });

  it("carries no session and no login attempt: a restored database signs nobody in", async () => {
    const text = await gunzipText(file);
    // Booleans, not toContain: a failure would print the whole backup.
    expect(text.includes(session.csrfToken), "the CSRF token is in the backup").toBe(false);
    const tokenHash = createHash("sha256").update(session.token).digest("hex");
    expect(text.includes(tokenHash), "the session's id is in the backup").toBe(false);
    const header = JSON.parse(text.slice(0, text.indexOf("\n")));
    const named = header.tables.map((t: { name: string }) => t.name);
    expect(named).toContain("users");
    expect(named).not.toContain("sessions");
    expect(named).not.toContain("login_attempts");
    const left = await target.pool.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM login_attempts) AS n",
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
    // Accounts survive with their password hashes: the restored system can be signed into again.
    const hashes = await target.pool.query("SELECT password_hash FROM users WHERE username = 'officer1'");
    expect(hashes.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it("rebuilds the audit trail's hash chain to the same head", async () => {
    const [before, after] = await Promise.all([verifyChain(source.db), verifyChain(target.db)]);
    expect(before).toMatchObject({ ok: true });
    expect(before.rows).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });

  it("continues identities after the restored ids", async () => {
    const services = createServices(target, fixedClock("2026-06-15T03:00:00Z"), 12);
    const created = await services.units.create(systemActor("test"), {
      parentId: 1,
      name: "Đơn vị sau khôi phục",
      kind: "agency",
      validFrom: "2026-01-01",
    });
    const max = await target.pool.query<{ m: number }>("SELECT max(id)::int AS m FROM units WHERE id <> $1", [
      created.id,
    ]);
    expect(created.id).toBeGreaterThan(max.rows[0]!.m);
  });

  it("refuses to restore into a database that already has data, changing nothing", async () => {
    const before = await fingerprint(target);
    await expect(restore(target, file)).rejects.toThrow(/trống/);
    expect(await fingerprint(target)).toEqual(before);
  });

  it("refuses a file that is not a backup", async () => {
    const junk = path.join(dir, "junk.gz");
    fs.writeFileSync(junk, "this is not gzip");
    const before = await fingerprint(source);
    const fresh = await openTestDatabase();
    try {
      await expect(restore(fresh, junk)).rejects.toThrow(/không/i);
    } finally {
      await fresh.close();
    }
    expect(await fingerprint(source)).toEqual(before);
  });
});

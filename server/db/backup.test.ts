import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createGunzip, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../app.ts";
import { systemActor } from "../lib/actor.ts";
import { fixedClock } from "../lib/clock.ts";
import { verifyChain } from "../modules/audit/index.ts";
import { seed } from "../seed/seed.ts";
import { createTestApp, openTestDatabase } from "../test/harness.ts";
import {
  BACKUP_EXCLUDED_TABLES,
  backup,
  READ_ONLY_GUARD_OFF,
  READ_ONLY_GUARD_ON,
  restore,
  tablesInDependencyOrder,
} from "./backup.ts";
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

describe("a backup while others work", () => {
  it("answers other users' reads between its pieces; a write meanwhile is refused (PGlite) or left out (PostgreSQL)", async () => {
    const during = path.join(dir, "during.jsonl.gz");
    let progressCalls = 0;
    let readAnsweredAt: number | undefined;
    let read: Promise<unknown> | undefined;
    let write: Promise<unknown> | undefined;
    const header = await backup(
      source,
      during,
      () => {
        progressCalls += 1;
        read ??= source.pool.query("SELECT count(*) FROM units").then(() => {
          readAnsweredAt = progressCalls;
        });
        write ??= source.pool
          .query("INSERT INTO login_attempts (username, succeeded) VALUES ('written-during-backup', false)")
          .then(
            () => "written",
            (e: { code?: string }) => e.code,
          );
      },
      { pagesPerPiece: 4 },
    );
    await read;
    expect(progressCalls).toBeGreaterThan(10);
    // Answered while the backup was still reading, not once it had finished.
    expect(readAnsweredAt).toBeDefined();
    expect(readAnsweredAt!).toBeLessThan(progressCalls);
    const outcome = await write;
    expect(outcome).toBe(source.engine === "pglite" ? "25006" : "written");
    // Either way the file is one state: the write is not in it, and the counts match the rows.
    const text = gunzipSync(fs.readFileSync(during)).toString("utf8");
    expect(text).not.toContain("written-during-backup");
    const lines = text
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => JSON.parse(l) as { table: string; rows: unknown[] });
    for (const t of header.tables) {
      const rows = lines.filter((l) => l.table === t.name).reduce((n, l) => n + l.rows.length, 0);
      expect(rows, t.name).toBe(t.rows);
    }
    // Once the backup has ended, writes are accepted again.
    await source.pool.query(
      "INSERT INTO login_attempts (username, succeeded) VALUES ('after-backup', false)",
    );
    await source.pool.query(
      "DELETE FROM login_attempts WHERE username IN ('after-backup', 'written-during-backup')",
    );
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "PGlite: a second backup is refused while one runs, and a backup process that dies leaves the database writable",
    async () => {
      const client = await source.pool.connect();
      await client.query(READ_ONLY_GUARD_ON);
      await expect(backup(source, path.join(dir, "second.jsonl.gz"))).rejects.toThrow(/sao lưu khác/);
      client.release(new Error("the backup process died")); // drops the connection without turning the guard off
      let outcome = "";
      for (let i = 0; i < 50 && outcome !== "written"; i++) {
        outcome = await source.pool
          .query("INSERT INTO login_attempts (username, succeeded) VALUES ('after-crash', false)")
          .then(
            () => "written",
            (e: { code?: string }) => String(e.code),
          );
        if (outcome !== "written") await new Promise((r) => setTimeout(r, 20));
      }
      expect(outcome).toBe("written");
      await source.pool.query("DELETE FROM login_attempts WHERE username = 'after-crash'");
    },
  );
});

describe.skipIf(Boolean(process.env.DATABASE_URL))("the API while a backup holds PGlite read-only", () => {
  it("reads as usual and answers a write with 503 BACKUP_IN_PROGRESS, in Vietnamese, changing nothing", async () => {
    const t = await createTestApp();
    try {
      const admin = await t.userSession({ username: "admin1", roles: ["admin"] });
      const root = (
        await t.services.units.createMany(t.system, [
          { key: "hn", name: "Thành phố Hà Nội", kind: "city", validFrom: "2020-01-01" },
        ])
      ).get("hn")!;
      const guard = await t.database.pool.connect();
      try {
        await guard.query(READ_ONLY_GUARD_ON);
        const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: admin.headers });
        expect(me.statusCode).toBe(200);
        const res = await t.app.inject({
          method: "POST",
          url: "/api/units",
          headers: admin.headers,
          payload: { parentId: root, name: "Ban mới", kind: "agency", validFrom: "2026-01-01" },
        });
        expect(res.statusCode, res.body).toBe(503);
        expect(res.headers["retry-after"]).toBeDefined();
        expect(res.json()).toMatchObject({
          code: "BACKUP_IN_PROGRESS",
          message: expect.stringMatching(/sao lưu/),
        });
      } finally {
        await guard.query(READ_ONLY_GUARD_OFF);
        guard.release();
      }
      const units = await t.database.pool.query(
        "SELECT count(*)::int AS n FROM unit_versions WHERE name = 'Ban mới'",
      );
      expect(units.rows[0]).toEqual({ n: 0 });
    } finally {
      await t.close();
    }
  });
});

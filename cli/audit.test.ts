import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import type { ChainReport } from "../server/modules/audit/index.ts";
import { openTestDatabase } from "../server/test/harness.ts";
import { chainVerdict } from "./audit.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const ENGINE = process.env.DATABASE_URL ? "postgres" : "pglite";
const run = promisify(execFile);
const HEAD = { lastId: 42, lastHash: "ab".repeat(32) };

describe("the verdict of canbo audit verify", () => {
  it.each<[string, ChainReport, 0 | 1, RegExp]>([
    ["an intact chain", { ok: true, rows: 40, head: HEAD }, 0, /toàn vẹn: 40 dòng.*dòng cuối #42/],
    [
      "an edited or orphaned row",
      { ok: false, rows: 17, head: HEAD, problem: "link", id: 19 },
      1,
      /bị đứt tại dòng #19: dòng này đã bị sửa, hoặc \(các\) dòng ngay trước nó đã bị xóa\.\n17 dòng đầu/,
    ],
    [
      "deleted last rows",
      { ok: false, rows: 39, head: HEAD, problem: "tail", id: 40 },
      1,
      /dừng ở dòng #40 nhưng phải kéo dài đến dòng #42: các dòng cuối đã bị xóa/,
    ],
    [
      "a head the rows do not reach",
      { ok: false, rows: 40, head: HEAD, problem: "head", id: 42 },
      1,
      /Đầu chuỗi băm không khớp/,
    ],
  ])("reports %s", (_what, report, exitCode, text) => {
    const verdict = chainVerdict(report);
    expect(verdict.exitCode).toBe(exitCode);
    expect(verdict.text).toMatch(text);
  });
});

describe(`canbo audit verify (engine: ${ENGINE})`, () => {
  let database: Database;
  let args: string[];
  let scratch: string | undefined;

  beforeAll(async () => {
    if (ENGINE === "postgres") {
      const opened = await openTestDatabase();
      database = opened;
      args = ["--database-url", opened.url!];
    } else {
      // The command reaches this process's embedded database through its socket, as a second canbo would.
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-audit-cli-"));
      database = await openDatabase({ dataDir: path.join(scratch, "data") });
      await runMigrations(database);
      args = ["--data", path.join(scratch, "data")];
    }
    await database.pool.query(`
      INSERT INTO audit_log (actor_username, action, entity_type, entity_id, after)
      SELECT 'cli-test', 'test.row', 'test', g::text, jsonb_build_object('n', g) FROM generate_series(1, 120) g`);
  });
  afterAll(async () => {
    await database?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const verify = () =>
    run(process.execPath, ["cli/bin.mjs", ...args, "audit", "verify"], {
      cwd: ROOT,
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: "" },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it("says the trail is intact, with its row count, and exits 0", async () => {
    const { rows } = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log");
    const result = await verify();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Nhật ký kiểm toán toàn vẹn: ${rows[0]!.n} dòng`);
  });

  it("names the row edited behind the triggers' back and exits 1", async () => {
    const { rows } = await database.pool.query<{ id: number }>(
      "SELECT id FROM audit_log WHERE action = 'test.row' AND entity_id = '60'",
    );
    const id = rows[0]!.id;
    const owner = await database.owner.pool.connect();
    try {
      await owner.query("BEGIN");
      await owner.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
      await owner.query(`UPDATE audit_log SET after = '{"n": 6000}' WHERE id = $1`, [id]);
      await owner.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
      await owner.query("COMMIT");
    } finally {
      owner.release();
    }
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Chuỗi băm bị đứt tại dòng #${id}`);
  });
});

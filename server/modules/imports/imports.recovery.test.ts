import { spawn } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../app.ts";
import { type Database, openDatabase } from "../../db/client.ts";
import { runMigrations } from "../../db/migrate.ts";
import { fixedClock } from "../../lib/clock.ts";
import { createTestApp, TEST_NOW, type TestApp } from "../../test/harness.ts";
import { type CadresBulkWriter, createCadresBulkWriter } from "../cadres/index.ts";
import { createImportsService } from "./imports.service.ts";
import { buildOrg, countRows, personRow, tempDir, writeCsv } from "./imports.test-helpers.ts";

/**
 * The import applies in short batches (ADR 0001), and stays all or nothing: a batch that fails, a record
 * someone changed meanwhile, or a process killed half-way leave nothing of the import.
 */
let t: TestApp;
const tmp = tempDir();

beforeAll(async () => {
  t = await createTestApp();
  await buildOrg(t);
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

const rowsFrom = (start: number, n: number, phone = "0912345678") =>
  Array.from({ length: n }, (_, k) => personRow(start + k, { phone }));

async function runStates() {
  const r = await t.db.execute<{ state: string; n: number }>(
    sql`SELECT state, count(*)::int AS n FROM import_runs GROUP BY state ORDER BY state`,
  );
  return Object.fromEntries(r.rows.map((x) => [x.state, x.n]));
}

/** A writer that fails on its n-th batch, after the earlier ones were committed. */
function failingOn(n: number): CadresBulkWriter {
  const real = createCadresBulkWriter({ audit: t.services.audit });
  let calls = 0;
  return {
    ...real,
    async applyStaged(tx, ctx) {
      calls++;
      if (calls === n) throw new Error("disk full");
      await real.applyStaged(tx, ctx);
    },
  };
}

const importer = (bulk: CadresBulkWriter) =>
  createImportsService({ db: t.db, audit: t.services.audit, bulk, clock: t.clock, batchSize: 5 });

describe("an import applied in batches", () => {
  it("is undone entirely when a later batch fails, and says so in the audit trail", async () => {
    // People that exist already and get changed, and new people, across several batches.
    await t.services.imports.importCadres(t.system, {
      path: writeCsv(tmp.file("first.csv"), rowsFrom(1, 12)),
      fileName: "first.csv",
    });
    const before = await countRows(t);
    const people = await t.db.execute(sql`SELECT * FROM cadres ORDER BY id`);
    const assignments = await t.db.execute(sql`SELECT * FROM cadre_assignments ORDER BY id`);

    const file = writeCsv(tmp.file("second.csv"), [...rowsFrom(1, 12, "0987654321"), ...rowsFrom(100, 8)]);
    await expect(
      importer(failingOn(3)).importCadres(t.system, { path: file, fileName: "second.csv" }),
    ).rejects.toThrow();

    const after = await countRows(t);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect((await t.db.execute(sql`SELECT * FROM cadres ORDER BY id`)).rows).toEqual(people.rows);
    expect((await t.db.execute(sql`SELECT * FROM cadre_assignments ORDER BY id`)).rows).toEqual(
      assignments.rows,
    );
    const undone = await t.db.execute<{ after: { undoneChanges: number } }>(
      sql`SELECT after FROM audit_log WHERE action = 'cadres.import_undone' ORDER BY id DESC LIMIT 1`,
    );
    expect(undone.rows[0]?.after.undoneChanges).toBeGreaterThan(0);
    expect(await runStates()).toMatchObject({ applied: 1, undone: 1 });
    // Nothing is left staged or journaled, and the next import runs.
    const left = await t.db.execute<{ n: number }>(
      sql`SELECT (SELECT count(*) FROM import_input) + (SELECT count(*) FROM import_undo) AS n`,
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
    const ok = await t.services.imports.importCadres(t.system, { path: file, fileName: "second.csv" });
    expect(ok).toMatchObject({ committed: true, created: 8, updated: 12 });
  });

  it("keeps the changes of a user who edited a person between the batches when it is undone", async () => {
    const real = createCadresBulkWriter({ audit: t.services.audit });
    let calls = 0;
    const editing: CadresBulkWriter = {
      ...real,
      async applyStaged(tx, ctx) {
        calls++;
        if (calls === 2) throw new Error("stop");
        await real.applyStaged(tx, ctx);
      },
      async undo(db, importId, pieceSize) {
        // Before the undo, someone edits a person of the first batch (their own transaction).
        await db.execute(
          sql`UPDATE cadres SET phone = '0900000001', version = version + 1 WHERE staff_code = ${personRow(200).staffCode}`,
        );
        return real.undo(db, importId, pieceSize);
      },
    };
    await t.services.imports.importCadres(t.system, {
      path: writeCsv(tmp.file("base.csv"), rowsFrom(200, 10)),
      fileName: "base.csv",
    });
    const file = writeCsv(tmp.file("edit.csv"), rowsFrom(200, 10, "0911111111"));
    await expect(
      importer(editing).importCadres(t.system, { path: file, fileName: "edit.csv" }),
    ).rejects.toThrow();
    const phones = await t.db.execute<{ staffCode: string; phone: string }>(sql`
      SELECT staff_code AS "staffCode", phone FROM cadres
      WHERE staff_code IN (${personRow(200).staffCode}, ${personRow(201).staffCode}) ORDER BY staff_code`);
    expect(phones.rows.map((r) => r.phone)).toEqual(["0900000001", "0912345678"]);
  });
});

// ---- a process killed half-way (PGlite folder on disk; PostgreSQL: a database of its own) ----

const CHILD = fileURLToPath(new URL("../../test/kill-import.child.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe.skipIf(Boolean(process.env.DATABASE_URL))("an import whose process is killed half-way", () => {
  it("leaves nothing once the server starts again", async () => {
    const dataDir = tmp.file("killed-data");
    const file = writeCsv(tmp.file("big.csv"), rowsFrom(1000, 60));
    // The child builds the organisation, imports 60 rows in batches of 5 and is killed (SIGKILL) while
    // its fourth batch is being written.
    const child = spawn(process.execPath, ["--import", "tsx/esm", CHILD, dataDir, file], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
    });
    child.stderr.on("data", (d) => {
      out += String(d);
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_c, s) => resolve(s)),
    );
    expect(signal, out).toBe("SIGKILL");
    expect(out).toContain("applying batch 4");

    const database: Database = await openDatabase({ dataDir });
    try {
      await runMigrations(database);
      const count = async () =>
        (
          await database.db.execute<{ n: number }>(
            sql`SELECT (SELECT count(*) FROM cadres) + (SELECT count(*) FROM cadre_assignments) AS n`,
          )
        ).rows[0]!.n;
      expect(Number(await count())).toBeGreaterThan(0); // batches 1–3 were committed before the kill
      const services = createServices(database, fixedClock(TEST_NOW), 12);
      expect(await services.imports.recoverAtStart()).toBe(1);
      expect(Number(await count())).toBe(0);
      const states = await database.db.execute<{ state: string }>(sql`SELECT state FROM import_runs`);
      expect(states.rows).toEqual([{ state: "undone" }]);
    } finally {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("a file with very many bad rows", () => {
  it("keeps a bounded number of errors in memory and counts the rest", async () => {
    const bad = Array.from({ length: 30 }, (_, k) =>
      personRow(5000 + k, { phone: "<script>", email: "not-an-email" }),
    );
    const file = writeCsv(tmp.file("many-bad.csv"), bad);
    const service = createImportsService({
      db: t.db,
      audit: t.services.audit,
      bulk: createCadresBulkWriter({ audit: t.services.audit }),
      clock: t.clock,
      errorsHeld: 7,
    });
    const report = await service.importCadres(t.system, { path: file, fileName: "many-bad.csv" });
    expect(report).toMatchObject({ committed: false, rows: 30, invalidRows: 30, errorCount: 60 });
    expect(report.errors.length).toBeLessThanOrEqual(7);
  });
});

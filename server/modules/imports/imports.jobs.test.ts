import fs from "node:fs";
import { setTimeout } from "node:timers/promises";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READ_ONLY_GUARD_OFF, READ_ONLY_GUARD_ON } from "../../db/backup.ts";
import type { Db } from "../../db/client.ts";
import { CoreErrors } from "../../lib/errors.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { type CadresBulkWriter, createCadresBulkWriter } from "../cadres/index.ts";
import { createImportJobs } from "./imports.jobs.ts";
import { createImportsService } from "./imports.service.ts";
import { buildOrg, countRows, personRow, tempDir, writeCsv } from "./imports.test-helpers.ts";

/**
 * An import job that the database stops reports what the API would answer for the same refusal (a
 * conflict, a backup holding the embedded database read-only), in Vietnamese, and leaves nothing written.
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

const rowsFrom = (start: number, n: number) => Array.from({ length: n }, (_, k) => personRow(start + k));

/** Starts importing the file as the API does (a job, batches of 5 rows). */
async function startJob(bulk: CadresBulkWriter, file: string, db: Db = t.db) {
  const imports = createImportsService({
    db,
    audit: t.services.audit,
    bulk,
    clock: t.clock,
    batchSize: 5,
    backupWait: { pollMs: 20, maxMs: 60_000 },
  });
  const jobs = createImportJobs({ imports, maxBytes: 10 * 1024 * 1024 });
  const upload = { stream: fs.createReadStream(file), fileName: "can-bo.csv" };
  const state = await jobs.start(t.system, upload, { dryRun: false });
  return {
    state,
    /** The job's end: its status, report or error. */
    async ended() {
      try {
        await state.done;
        return { job: structuredClone(state.job), failure: state.failure };
      } finally {
        jobs.clear();
      }
    },
  };
}

/** Imports the file as the API does (a job) and waits for its end. */
async function runJob(bulk: CadresBulkWriter, file: string) {
  return (await startJob(bulk, file)).ended();
}

/** What the driver throws for a serialisation failure, wrapped as drizzle wraps it. */
function serializationFailure(): Error {
  const refused = new pg.DatabaseError("could not serialize access due to concurrent update", 0, "error");
  refused.code = "40001";
  return new Error("Failed query", { cause: refused });
}

/** Everything an import writes, audit trail aside (an undo is recorded there). */
async function records() {
  const counts = await countRows(t);
  const people = await t.db.execute(sql`SELECT * FROM cadres ORDER BY id`);
  return { ...counts, audit_log: 0, people: people.rows };
}

describe("an import job stopped by the database", () => {
  it("reports a conflict, as the API would, when a batch meets a serialisation failure, and is undone", async () => {
    const real = createCadresBulkWriter({ audit: t.services.audit });
    let batches = 0;
    const failingSecond: CadresBulkWriter = {
      ...real,
      async applyStaged(tx, ctx) {
        batches++;
        if (batches === 2) throw serializationFailure();
        await real.applyStaged(tx, ctx);
      },
    };
    const before = await records();
    const { job, failure } = await runJob(failingSecond, writeCsv(tmp.file("conflict.csv"), rowsFrom(1, 12)));
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "CONFLICT", message: CoreErrors.CONFLICT.vi });
    expect(failure?.status).toBe(409);
    expect(await records()).toEqual(before);
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "PGlite: reports BACKUP_IN_PROGRESS with its message when a backup holds the database read-only, writing nothing",
    async () => {
      const file = writeCsv(tmp.file("during-backup.csv"), rowsFrom(100, 12));
      const before = await records();
      const guard = await t.database.pool.connect();
      let outcome: Awaited<ReturnType<typeof runJob>>;
      try {
        await guard.query(READ_ONLY_GUARD_ON);
        outcome = await runJob(createCadresBulkWriter({ audit: t.services.audit }), file);
      } finally {
        await guard.query(READ_ONLY_GUARD_OFF);
        guard.release();
      }
      expect(outcome.job.status).toBe("failed");
      expect(outcome.job.error).toEqual({
        code: "BACKUP_IN_PROGRESS",
        message: CoreErrors.BACKUP_IN_PROGRESS.vi,
        details: undefined,
      });
      expect(outcome.failure?.status).toBe(503);
      expect(await records()).toEqual(before);
      // Once the backup is over, the same file goes in.
      const again = await runJob(createCadresBulkWriter({ audit: t.services.audit }), file);
      expect(again.job).toMatchObject({ status: "done", report: { committed: true, created: 12 } });
    },
  );

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "PGlite: when a backup starts between two batches, waits for its end to undo the import, then reports it",
    async () => {
      const file = writeCsv(tmp.file("backup-midway.csv"), rowsFrom(300, 12));
      const before = await records();
      const guard = await t.database.pool.connect();
      // The backup's guard goes on as the backup sets it (its own connection, no transaction open) right
      // after the first batch was written: the import's next transaction starts read-only.
      let isBatchWritten = false;
      let isGuardOn = false;
      const db = new Proxy(t.db, {
        get(target, key, receiver) {
          if (key !== "transaction") return Reflect.get(target, key, receiver);
          return async (...args: Parameters<Db["transaction"]>) => {
            if (isBatchWritten && !isGuardOn) {
              isGuardOn = true;
              await guard.query(READ_ONLY_GUARD_ON);
            }
            return target.transaction(...args);
          };
        },
      });
      const real = createCadresBulkWriter({ audit: t.services.audit });
      let undoAttempts = 0;
      const watched: CadresBulkWriter = {
        ...real,
        async applyStaged(tx, ctx) {
          await real.applyStaged(tx, ctx);
          isBatchWritten = true;
        },
        async undo(on, importId, pieceSize) {
          undoAttempts++;
          return real.undo(on, importId, pieceSize);
        },
      };
      const run = await startJob(watched, file, db);
      try {
        while (undoAttempts < 3 && run.state.job.status === "running") await setTimeout(10);
        // The first batch is still written, the undo waits: the job has not ended yet.
        expect(run.state.job.status).toBe("running");
        expect((await countRows(t)).cadres).toBe(before.cadres + 5);
      } finally {
        await guard.query(READ_ONLY_GUARD_OFF);
        guard.release();
      }
      const { job } = await run.ended();
      expect(job.status).toBe("failed");
      expect(job.error).toMatchObject({
        code: "BACKUP_IN_PROGRESS",
        message: CoreErrors.BACKUP_IN_PROGRESS.vi,
      });
      expect(await records()).toEqual(before);
      const runs = await t.db.execute<{ state: string }>(
        sql`SELECT state FROM import_runs WHERE id = ${job.id}::uuid`,
      );
      expect(runs.rows).toEqual([{ state: "undone" }]);
      const left = await t.db.execute<{ n: number }>(
        sql`SELECT (SELECT count(*) FROM import_input) + (SELECT count(*) FROM import_undo) AS n`,
      );
      expect(Number(left.rows[0]?.n)).toBe(0);
    },
  );

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    "PGlite: answers an upload imported while it waits (no async) with 503 BACKUP_IN_PROGRESS and Retry-After",
    async () => {
      const admin = await t.userSession({ username: "admin.backup", roles: ["admin"] });
      const content = fs.readFileSync(writeCsv(tmp.file("sync.csv"), rowsFrom(200, 3)));
      const before = await records();
      const guard = await t.database.pool.connect();
      let res: Awaited<ReturnType<typeof t.app.inject>>;
      try {
        await guard.query(READ_ONLY_GUARD_ON);
        res = await t.app.inject({
          method: "POST",
          url: "/api/imports/cadres?fileName=sync.csv",
          headers: { ...admin.headers, "content-type": "application/octet-stream" },
          payload: content,
        });
      } finally {
        await guard.query(READ_ONLY_GUARD_OFF);
        guard.release();
      }
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers["retry-after"]).toBeDefined();
      expect(res.json()).toMatchObject({
        code: "BACKUP_IN_PROGRESS",
        message: CoreErrors.BACKUP_IN_PROGRESS.vi,
      });
      expect(await records()).toEqual(before);
    },
  );
});

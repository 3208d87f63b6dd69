import fs from "node:fs";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READ_ONLY_GUARD_OFF, READ_ONLY_GUARD_ON } from "../../db/backup.ts";
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

/** Imports the file as the API does (a job) and waits for its end. */
async function runJob(bulk: CadresBulkWriter, file: string) {
  const imports = createImportsService({
    db: t.db,
    audit: t.services.audit,
    bulk,
    clock: t.clock,
    batchSize: 5,
  });
  const jobs = createImportJobs({ imports, maxBytes: 10 * 1024 * 1024 });
  try {
    const state = await jobs.start(
      t.system,
      { stream: fs.createReadStream(file), fileName: "can-bo.csv" },
      {
        dryRun: false,
      },
    );
    await state.done;
    return { job: structuredClone(state.job), failure: state.failure };
  } finally {
    jobs.clear();
  }
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

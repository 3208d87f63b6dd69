// Benchmark: how long other users wait while long work runs on the embedded database (ADR 0001). PGlite is
// one session served one exchange at a time; long work must run in pieces so that a health check or a
// session lookup waits at most a fraction of a second. For each kind of long work — an export of every
// cadre (CSV), a backup, the dashboard's analysis for the city, the seed of the demo profile (into a fresh
// in-memory database, as the CLI's seed command does against a running server) — a probe sends
// `SELECT 1` through the pool every 50 ms while the work runs and records each probe's wait, counted from
// the moment it was due (a probe stuck for 3 s stands for the 60 probes due meanwhile, not one sample).
// Prints, per kind, the work's duration, the probes' max and p99 wait, and the longest hold of the session
// by one exchange (the host's gate statistics). With --compare FILE (the JSON of an earlier run, e.g. of
// the previous commit) it prints the ratios before → after; the run fails (exit 1) when a kind's p99 wait
// reaches the target of 1 s.
// Usage: npm run bench:long-work [-- --data DIR] [--only export,backup,analysis,seed] [--out FILE]
//          [--compare FILE]     (loads the hanoi profile into DIR, default .tmp/bench-hanoi, on first run)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createServices } from "../server/app.ts";
import { backup } from "../server/db/backup.ts";
import { type Database, openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { systemActor } from "../server/lib/actor.ts";
import { fixedClock } from "../server/lib/clock.ts";
import { SEED_REFERENCE_DATE } from "../server/seed/people.ts";
import { isEmpty, seed } from "../server/seed/seed.ts";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dataDir = option("--data") ?? ".tmp/bench-hanoi";
const KINDS = ["export", "backup", "analysis", "seed"] as const;
type Kind = (typeof KINDS)[number];
const only = (option("--only")?.split(",") ?? KINDS) as Kind[];
const outFile = option("--out");
const compareFile = option("--compare");
const D = SEED_REFERENCE_DATE;
const PROBE_EVERY_MS = 50;
const TARGET_P99_MS = 1000;

type Result = {
  kind: Kind;
  workMs: number;
  probes: number;
  maxWaitMs: number;
  p99WaitMs: number;
  /** Longest hold of the session by one exchange (host statistics), when the client exposes them. */
  maxHoldMs: number | null;
  /** Longest wait of a connection for the session in the host's queue (the rest of a probe's wait is
   * the trip to the worker thread and back, and CPU time on a busy machine). */
  maxGateWaitMs: number | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Runs the work while probing the database. Probes are due every PROBE_EVERY_MS from the start; one is
 * sent at each due time, or at once when the previous one came back late. A due probe waits from its due
 * time until the answer to the first probe sent at or after it — a probe stuck for 3 s stands for the 60
 * probes due meanwhile, not for one sample.
 */
async function probed(kind: Kind, database: Database, work: () => Promise<unknown>): Promise<Result> {
  await database.stats?.({ reset: true });
  const sent: { at: number; answeredAt: number }[] = [];
  const ask = async () => {
    const at = performance.now();
    await database.pool.query("SELECT 1");
    sent.push({ at, answeredAt: performance.now() });
  };
  let running = true;
  const start = performance.now();
  const prober = (async () => {
    while (running) {
      const sentAt = performance.now();
      await ask();
      const now = performance.now();
      const lastDue = start + Math.floor((now - start) / PROBE_EVERY_MS) * PROBE_EVERY_MS;
      // A probe came due while this one waited: send the next at once; otherwise at the next due time.
      if (lastDue <= sentAt) await sleep(lastDue + PROBE_EVERY_MS - now);
    }
  })();
  await work();
  const end = performance.now();
  running = false;
  await prober;
  await ask(); // serves the probes due after the last one sent
  const waits: number[] = [];
  for (let due = start; due < end; due += PROBE_EVERY_MS) {
    const serving = sent.find((s) => s.at >= due - 0.5);
    if (serving) waits.push(serving.answeredAt - due);
  }
  const stats = await database.stats?.();
  return {
    kind,
    workMs: Math.round(end - start),
    probes: waits.length,
    maxWaitMs: Math.round(Math.max(0, ...waits)),
    p99WaitMs: Math.round(percentile(waits, 99)),
    maxHoldMs: stats ? stats.maxHoldMs : null,
    maxGateWaitMs: stats ? stats.maxWaitMs : null,
  };
}

async function main() {
  if (process.env.DATABASE_URL) throw new Error("this benchmark measures the embedded database (PGlite)");
  const database = await openDatabase({ dataDir });
  const results: Result[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-long-work-"));
  try {
    await runMigrations(database);
    const services = createServices(database, fixedClock(`${D}T03:00:00Z`), 12);
    const system = systemActor("bench");
    if (await isEmpty(database.db)) {
      console.log("loading the hanoi profile (once, several minutes)…");
      await seed({ db: database.db, units: services.units }, system, { profile: "hanoi" });
    }
    const people = (await database.pool.query("SELECT count(*)::int AS n FROM cadres")).rows[0].n as number;
    console.log(`PGlite, ${people} people (${dataDir}); a probe every ${PROBE_EVERY_MS} ms`);

    const works: Record<Kind, () => Promise<Result>> = {
      export: () =>
        probed("export", database, async () => {
          const prepared = await services.exports.exportCadres(system, {
            format: "csv",
            asOf: D,
            page: 1,
            pageSize: 1,
          });
          await prepared.write(path.join(scratch, "export.csv"));
        }),
      backup: () => probed("backup", database, () => backup(database, path.join(scratch, "backup.jsonl.gz"))),
      analysis: () => probed("analysis", database, () => services.indicators.analyse(system, { asOf: D })),
      seed: async () => {
        // The seed loads only into an empty database: the demo profile into a fresh one, probed there.
        const fresh = await openDatabase({ dataDir: "memory" });
        try {
          await runMigrations(fresh);
          const freshServices = createServices(fresh, fixedClock(`${D}T03:00:00Z`), 12);
          return await probed("seed", fresh, () =>
            seed({ db: fresh.db, units: freshServices.units }, system, { profile: "demo" }),
          );
        } finally {
          await fresh.close();
        }
      },
    };
    for (const kind of only) {
      const r = await works[kind]();
      results.push(r);
      console.log(
        `${kind.padEnd(9)} work ${String(r.workMs).padStart(6)} ms | probes ${String(r.probes).padStart(4)} | ` +
          `wait max ${String(r.maxWaitMs).padStart(5)} ms, p99 ${String(r.p99WaitMs).padStart(5)} ms | ` +
          `longest hold ${r.maxHoldMs ?? "n/a"} ms, gate wait ${r.maxGateWaitMs ?? "n/a"} ms`,
      );
    }
  } finally {
    await database.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (outFile) fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  if (compareFile) {
    const before = JSON.parse(fs.readFileSync(compareFile, "utf8")) as Result[];
    console.log(`\nbefore (${compareFile}) → now; ratio = before / now`);
    for (const r of results) {
      const b = before.find((x) => x.kind === r.kind);
      if (!b) continue;
      const ratio = (x: number, y: number) => (y > 0 ? (x / y).toFixed(1) : "∞");
      console.log(
        `${r.kind.padEnd(9)} p99 wait ${b.p99WaitMs} → ${r.p99WaitMs} ms (×${ratio(b.p99WaitMs, r.p99WaitMs)}), ` +
          `max ${b.maxWaitMs} → ${r.maxWaitMs} ms (×${ratio(b.maxWaitMs, r.maxWaitMs)}), ` +
          `work ${b.workMs} → ${r.workMs} ms`,
      );
    }
  }
  const over = results.filter((r) => r.p99WaitMs >= TARGET_P99_MS);
  if (over.length) {
    console.log(`p99 wait at or over ${TARGET_P99_MS} ms: ${over.map((r) => r.kind).join(", ")}`);
    process.exitCode = 1;
  }
}

await main();

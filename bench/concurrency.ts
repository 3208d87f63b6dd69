// Benchmark: many sessions of different users reading and writing at once over real sockets, every answer
// checked (the longer version of server/test/concurrency.test.ts; same world and checks).
// Usage: npm run bench:concurrency [-- --seconds 60 --sessions 4 --readers 2 --cadres 10]
//        DATABASE_URL=postgres://… npm run bench:concurrency     (a fresh database on that server)
// Starts the server in this process on 127.0.0.1 over a fresh PGlite folder (or the fresh PostgreSQL
// database), builds the world, runs the load and prints per endpoint: requests, answers by status class,
// wrong-user, unmasked, out-of-scope and wrong answers, p50/p95/p99 latency and throughput; then checks the
// database: every acknowledged write stored, every refused one absent. Exits with code 1 on any violation.
// Options (or environment): --seconds (SECONDS, 60), --sessions per user (SESSIONS, 4), --readers per
// session (READERS, 2), --cadres per commune (CADRES, 10), --districts (DISTRICTS, 4), --updaters
// (UPDATERS, 6), --failers (FAILERS, 3). The load runs in the server's process: latencies include the
// client's share of the event loop.
import { performance } from "node:perf_hooks";
import { buildApp } from "../server/app.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { systemActor } from "../server/lib/actor.ts";
import { fixedClock } from "../server/lib/clock.ts";
import {
  buildLoadWorld,
  checkWrites,
  formatReport,
  runLoad,
  totals,
} from "../server/test/concurrency-load.ts";
import { openFresh } from "./import.ts";

const args = process.argv.slice(2);
const option = (name: string, env: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const raw = i >= 0 ? args[i + 1] : process.env[env];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name}: expected a number, got ${raw}`);
  return value;
};
const seconds = option("seconds", "SECONDS", 60);
const sessionsPerUser = option("sessions", "SESSIONS", 4);
const readersPerSession = option("readers", "READERS", 2);
const cadresPerCommune = option("cadres", "CADRES", 10);
const districts = option("districts", "DISTRICTS", 4);
const updaters = option("updaters", "UPDATERS", 6);
const failers = option("failers", "FAILERS", 3);

async function main(): Promise<number> {
  const { database, cleanup, where } = await openFresh();
  try {
    await runMigrations(database);
    const { app, services } = await buildApp({
      database,
      config: { logLevel: "silent", sessionHours: 12, secureCookies: false },
      clock: fixedClock("2026-06-15T03:00:00Z"),
      logger: false,
    });
    const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      let t = performance.now();
      const world = await buildLoadWorld(
        { services, system: systemActor("bench"), baseUrl },
        { districts, communesPerDistrict: 3, cadresPerCommune, sessionsPerUser },
      );
      console.log(
        `database: ${where}; server ${baseUrl}; ${world.cadres.length} people, ${world.sessions.length} sessions of 5 users (built in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
      );
      console.log(
        `load: ${seconds} s, ${world.sessions.length * readersPerSession} readers, 2 renamers, ${updaters} updaters, 1 history writer, ${failers} writers of refused changes`,
      );
      t = performance.now();
      const result = await runLoad(world, {
        durationMs: seconds * 1000,
        readersPerSession,
        updaters,
        failers,
      });
      console.log(`\n${formatReport(result)}`);
      const writes = await checkWrites(database.pool, world, result.writes);
      console.log(
        `\nwrites: ${writes.acknowledged} acknowledged, ${writes.refused} refused; acknowledged but missing ${writes.acknowledgedMissing.length}, refused but stored ${writes.refusedPresent.length}, people not in their last acknowledged state ${writes.finalStateWrong.length}`,
      );
      const v = totals(result);
      const bad =
        v.wrongUser +
        v.unmasked +
        v.outOfScope +
        v.wrongAnswer +
        v.serverError +
        v.transport +
        v.unexpectedStatus +
        writes.acknowledgedMissing.length +
        writes.refusedPresent.length +
        writes.finalStateWrong.length;
      if (result.incidents.length) {
        console.log("\nfirst incidents:");
        for (const i of result.incidents.slice(0, 20))
          console.log(`  ${i.violation} ${i.endpoint} ${i.user} ${i.status}: ${i.note}`);
      }
      for (const w of [...writes.acknowledgedMissing, ...writes.refusedPresent].slice(0, 20))
        console.log(`  write ${w.kind} ${w.marker} by ${w.user} answered ${w.status}`);
      for (const line of writes.finalStateWrong.slice(0, 10)) console.log(`  ${line}`);
      console.log(bad === 0 ? "\nOK: no violation" : `\nFAILED: ${bad} violations`);
      return bad === 0 ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();

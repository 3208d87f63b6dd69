// Benchmark: the subtree of a unit with 10,000 descendants as of a date (target < 20 ms on PGlite).
// Usage: npm run bench:subtree        (PGlite in a worker thread, as the server runs it)
//        DATABASE_URL=postgres://… npm run bench:subtree
// Prints p50/p95 of the service call and the ratio to the floor: the same question as one hand-written
// SQL statement sent straight through node-postgres; also a recursive CTE without the closure table.
import { performance } from "node:perf_hooks";
import { createServices } from "../server/app.ts";
import { openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { systemActor } from "../server/lib/actor.ts";
import { fixedClock } from "../server/lib/clock.ts";
import type { BulkUnit } from "../server/modules/units/index.ts";

const RUNS = Number(process.env.RUNS ?? 200);
const AS_OF = "2025-01-01";

async function main() {
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir: "memory" });
  await runMigrations(database);
  const services = createServices(database, fixedClock("2026-01-01T00:00:00Z"), 12);
  const system = systemActor("bench");

  // root → 20 districts → 25 communes → 19 bodies  = 20 + 500 + 9,500 = 10,020 descendants
  const nodes: BulkUnit[] = [{ key: "root", name: "Gốc", kind: "city", validFrom: "2008-01-01" }];
  for (let d = 0; d < 20; d++) {
    nodes.push({
      key: `d${d}`,
      parentKey: "root",
      name: `Quận ${d}`,
      kind: "district",
      validFrom: "2008-01-01",
    });
    for (let c = 0; c < 25; c++) {
      nodes.push({
        key: `d${d}c${c}`,
        parentKey: `d${d}`,
        name: `Phường ${d}-${c}`,
        kind: "ward",
        validFrom: "2008-01-01",
      });
      for (let b = 0; b < 19; b++) {
        nodes.push({
          key: `d${d}c${c}b${b}`,
          parentKey: `d${d}c${c}`,
          name: `Tổ ${d}-${c}-${b}`,
          kind: "other",
          validFrom: "2008-01-01",
        });
      }
    }
  }
  // Some history, so that the closure has dated rows to filter: 200 moves in 2015.
  const t0 = performance.now();
  const ids = await services.units.createMany(system, nodes);
  const setupMs = performance.now() - t0;
  for (let i = 0; i < 200; i++) {
    await services.units.move(system, ids.get(`d${i % 20}c${i % 25}b${i % 19}`)!, {
      parentId: ids.get(`d${(i + 1) % 20}c${(i + 3) % 25}`)!,
      effectiveDate: `2015-0${1 + (i % 9)}-1${i % 10}`,
    });
  }
  const root = ids.get("root")!;

  const time = async (fn: () => Promise<number>) => {
    for (let i = 0; i < 10; i++) await fn(); // warm up
    const samples: number[] = [];
    let n = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      n = await fn();
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    return { n, p50: samples[Math.floor(RUNS * 0.5)]!, p95: samples[Math.floor(RUNS * 0.95)]! };
  };

  const service = await time(async () => (await services.units.subtreeIds(database.db, root, AS_OF)).length);
  const floor = await time(
    async () =>
      (
        await database.pool.query(
          `SELECT descendant_id FROM unit_closure WHERE ancestor_id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date)`,
          [root, AS_OF],
        )
      ).rowCount ?? 0,
  );
  const recursive = await time(
    async () =>
      (
        await database.pool.query(
          `WITH RECURSIVE s(id) AS (SELECT $1::int UNION ALL
             SELECT v.unit_id FROM unit_versions v JOIN s ON v.parent_id = s.id
             WHERE v.valid_from <= $2::date AND (v.valid_to IS NULL OR v.valid_to > $2::date))
           SELECT id FROM s`,
          [root, AS_OF],
        )
      ).rowCount ?? 0,
  );
  const engine = database.engine;
  const fmt = (x: number) => x.toFixed(2).padStart(8);
  console.log(
    `subtree benchmark — engine ${engine}, ${nodes.length} units (created in ${(setupMs / 1000).toFixed(1)} s), ${RUNS} runs`,
  );
  console.log(`${"query".padEnd(34)} rows      p50 ms   p95 ms`);
  console.log(
    `${"units.subtreeIds (service)".padEnd(34)} ${String(service.n).padEnd(8)}${fmt(service.p50)} ${fmt(service.p95)}`,
  );
  console.log(
    `${"floor: closure SQL via pg".padEnd(34)} ${String(floor.n).padEnd(8)}${fmt(floor.p50)} ${fmt(floor.p95)}`,
  );
  console.log(
    `${"recursive CTE (no closure)".padEnd(34)} ${String(recursive.n).padEnd(8)}${fmt(recursive.p50)} ${fmt(recursive.p95)}`,
  );
  console.log(`ratio service/floor (p50): ${(service.p50 / floor.p50).toFixed(2)}`);
  console.log(
    `target: p95 < 20 ms on PGlite → ${service.p95 < 20 ? "met" : "NOT met"} (${service.p95.toFixed(2)} ms)`,
  );
  if (service.n !== floor.n || service.n !== recursive.n)
    console.log(`WARNING: row counts differ (${service.n}/${floor.n}/${recursive.n})`);
  await database.close();
}

await main();

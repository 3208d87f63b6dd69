// Benchmark: the cost of the audit hash chain on a set-based INSERT INTO audit_log … SELECT of 200,000 rows
// shaped like the spreadsheet import's (one row per person, the person's fields in `after`), and the time
// `canbo audit verify` takes to walk them.
// Usage: npx tsx bench/audit-chain.ts           (PGlite in a worker thread, as the server runs it)
//        DATABASE_URL=postgres://… npx tsx bench/audit-chain.ts
// Each run starts from a fresh database; "without chain" disables the three chain triggers (as the owner)
// and keeps the append-only one. Fails if the chain does not verify afterwards.
import { performance } from "node:perf_hooks";
import { type Database, openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { verifyChain } from "../server/modules/audit/index.ts";
import { openTestDatabase } from "../server/test/harness.ts";

const ROWS = Number(process.env.ROWS ?? 200_000);
const RUNS = Number(process.env.RUNS ?? 3);
const CHAIN_TRIGGERS = ["audit_log_chain_begin", "audit_log_chain_link", "audit_log_chain_end"];

const INSERT = `
  INSERT INTO audit_log (actor_id, actor_username, action, entity_type, entity_id, before, after, reason)
  SELECT 1, 'admin', 'cadre.created', 'cadre', g::text, NULL,
         jsonb_strip_nulls(jsonb_build_object(
           'staffCode', 'CB' || lpad(g::text, 6, '0'), 'idNumber', lpad((1000000000 + g)::text, 12, '0'),
           'fullName', 'Nguyễn Văn ' || g, 'sex', CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END,
           'birthDate', '1980-05-10', 'staffType', 'civil_servant', 'phone', '09' || lpad(g::text, 8, '0'),
           'assignment', jsonb_build_object('unitId', g % 500, 'titleId', 3, 'validFrom', '2020-01-01'),
           'importId', '6f1c2a9e-0000-4000-8000-000000000000')),
         'Nhập từ tệp can-bo.xlsx, dòng ' || (g + 1)
  FROM generate_series(1, $1::int) g`;

async function fresh(): Promise<Database> {
  if (process.env.DATABASE_URL) return openTestDatabase();
  const database = await openDatabase({ dataDir: "memory" });
  await runMigrations(database);
  return database;
}

async function run(chained: boolean): Promise<{ insertMs: number; verifyMs: number | null }> {
  const database = await fresh();
  try {
    if (!chained) {
      for (const name of CHAIN_TRIGGERS)
        await database.owner.pool.query(`ALTER TABLE audit_log DISABLE TRIGGER ${name}`);
    }
    const t0 = performance.now();
    await database.pool.query(INSERT, [ROWS]);
    const insertMs = performance.now() - t0;
    if (!chained) return { insertMs, verifyMs: null };
    const t1 = performance.now();
    const report = await verifyChain(database.db);
    const verifyMs = performance.now() - t1;
    if (!report.ok || report.rows !== ROWS)
      throw new Error(`chain does not verify: ${JSON.stringify(report)}`);
    return { insertMs, verifyMs };
  } finally {
    await database.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const engine = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  const plain: number[] = [];
  const chained: number[] = [];
  const verify: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push((await run(false)).insertMs);
    const c = await run(true);
    chained.push(c.insertMs);
    verify.push(c.verifyMs!);
  }
  const p = median(plain);
  const c = median(chained);
  console.log(`audit chain, ${ROWS} rows in one INSERT … SELECT on ${engine} (median of ${RUNS}):`);
  console.log(`  without chain  ${s(p)}`);
  console.log(
    `  with chain     ${s(c)}  (+${s(c - p)}, ×${(c / p).toFixed(2)}, ${(((c - p) / ROWS) * 1000).toFixed(1)} µs a row)`,
  );
  console.log(
    `  verify         ${s(median(verify))}  (${Math.round(ROWS / (median(verify) / 1000))} rows/s)`,
  );
}

await main();

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, grantToApp, type TestApp } from "../test/harness.ts";
import { analyzeTable } from "./statistics.ts";

/** The planner's statistics, refreshed in short statements by the application's own role (ADR 0001). */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.database.owner.pool.query(
    "CREATE TABLE stats_probe (id int PRIMARY KEY, kind text NOT NULL, note text)",
  );
  await grantToApp(t.database, "stats_probe");
  await t.db.execute(sql`INSERT INTO stats_probe
    SELECT g, CASE WHEN g % 10 = 0 THEN 'rare' ELSE 'common' END, NULL FROM generate_series(1, 5000) g`);
});
afterAll(async () => {
  await t?.database.owner.pool.query("DROP TABLE IF EXISTS stats_probe");
  await t?.close();
});

const estimatedRows = async () =>
  Number(
    (
      await t.db.execute<{ n: number }>(
        sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'stats_probe'::regclass`,
      )
    ).rows[0]!.n,
  );
const columnStats = async () =>
  (
    await t.db.execute<{ column: string; common: string | null }>(sql`
      SELECT attname AS column, most_common_vals::text AS common FROM pg_stats
      WHERE tablename = 'stats_probe' ORDER BY attname`)
  ).rows;

describe(`planner statistics in pieces (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("a quick pass gives the planner the table's row count", async () => {
    expect(await estimatedRows()).toBeLessThan(1);
    await analyzeTable(t.db, "stats_probe", "quick");
    expect(await estimatedRows()).toBe(5000);
  });

  it("a full pass, one column per statement, gives every column its distribution", async () => {
    await analyzeTable(t.db, "stats_probe", "full");
    const stats = await columnStats();
    expect(stats.map((s) => s.column)).toEqual(["id", "kind", "note"]);
    expect(stats.find((s) => s.column === "kind")!.common).toBe("{common,rare}");
  });

  it("refuses a table that does not exist, changing nothing", async () => {
    await expect(analyzeTable(t.db, "no_such_table", "quick")).rejects.toThrow(/no_such_table/);
  });
});

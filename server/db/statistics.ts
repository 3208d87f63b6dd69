import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";

/**
 * Fresh planner statistics for a table (the embedded database has no autovacuum), in statements short
 * enough for other users to pass between them (ADR 0001), through the owner's function (on PostgreSQL the
 * application's role does not own the tables):
 * - "quick": a coarse sample (statistics target 10) — row counts and rough distributions, what the planner
 *   needs while an import grows the tables (~60 ms on 200,000 people, against ~0.9 s for a full ANALYZE);
 * - "full": the configured target, one column per statement (~60–120 ms each).
 */
export async function analyzeTable(db: Db, table: string, mode: "quick" | "full"): Promise<void> {
  if (mode === "quick") {
    await db.execute(sql`SELECT canbo_analyze_columns(${table}::regclass, NULL, 10)`);
    return;
  }
  const columns = await db.execute<{ name: string }>(sql`
    SELECT attname AS name FROM pg_catalog.pg_attribute
    WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`);
  for (const { name } of columns.rows) {
    await db.execute(sql`SELECT canbo_analyze_columns(${table}::regclass, ARRAY[${name}]::text[], NULL)`);
  }
}

import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";

/** Column types the bulk loader sends as PostgreSQL arrays. */
export type ColumnType = "int" | "text" | "date" | "bool" | "numeric";
export type Column = readonly [name: string, type: ColumnType];
export type Cell = string | number | boolean | null;

/**
 * Rows gathered column by column for one table, written with one `INSERT … SELECT * FROM unnest(…)` per
 * batch: a single statement with one array parameter per column, whatever the number of rows.
 */
export function columnBatch(table: string, columns: readonly Column[]) {
  const values: Cell[][] = columns.map(() => []);
  const names = columns.map(([name]) => name).join(", ");
  return {
    table,
    get size(): number {
      return values[0]!.length;
    },
    push(...cells: Cell[]) {
      for (let i = 0; i < cells.length; i++) values[i]!.push(cells[i]!);
    },
    /** The INSERT of the gathered rows (null when none); empties the batch. */
    take(): { statement: SQL; rows: number } | null {
      const rows = values[0]!.length;
      if (rows === 0) return null;
      const arrays: SQL[] = columns.map(
        ([, type], i) => sql`${arrayLiteral(values[i]!, type)}::${sql.raw(type)}[]`,
      );
      for (const v of values) v.length = 0;
      return {
        statement: sql`INSERT INTO ${sql.identifier(table)} (${sql.raw(names)}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`,
        rows,
      };
    },
    /** Writes the gathered rows and empties the batch; returns how many rows were written. */
    async flush(tx: Executor): Promise<number> {
      const taken = this.take();
      if (!taken) return 0;
      await tx.execute(taken.statement);
      return taken.rows;
    },
  };
}
export type ColumnBatch = ReturnType<typeof columnBatch>;

/** A PostgreSQL array literal ({…}) of the values; text is quoted and escaped, null is NULL. */
export function arrayLiteral(values: readonly Cell[], type: ColumnType): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = "NULL";
    else if (type === "int" || type === "numeric") parts[i] = String(v);
    else if (type === "bool") parts[i] = v ? "t" : "f";
    else if (type === "date") parts[i] = String(v);
    else parts[i] = `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  }
  return `{${parts.join(",")}}`;
}

/** Takes n values from a table's identity sequence, in order, so that rows can reference each other. */
export async function reserveIds(tx: Executor, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const result = await tx.execute<{ id: number }>(sql`
    SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::int AS id FROM generate_series(1, ${n})`);
  return result.rows.map((r) => r.id);
}

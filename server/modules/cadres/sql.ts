import { type SQL, sql } from "drizzle-orm";

/** SQL fragments shared by the cadres repositories. */

/** A date that may reach SQL text: validated at the edge, checked again here. */
export function isoDate(d: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`bad date ${d}`);
  return d;
}

/** "the row's half-open period holds on date d" for the table alias. */
export function holds(alias: string, d: string): SQL {
  const a = sql.raw(alias);
  return sql`(${a}.valid_from <= ${isoDate(d)}::date AND (${a}.valid_to IS NULL OR ${a}.valid_to > ${d}::date))`;
}

/** An int[] parameter (node-postgres sends arrays as literals; the cast makes the type explicit). */
export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => String(Math.trunc(v))).join(",")}}`}::int[]`;
}

/** Escapes LIKE wildcards in user text (the default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

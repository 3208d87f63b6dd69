import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";

/** The hash before the first row (migration 0008_audit_hash_chain). */
export const GENESIS_HASH = "0".repeat(64);

export type ChainHead = { lastId: number; lastHash: string };

/** What `canbo audit verify` found. */
export type ChainReport =
  | { ok: true; rows: number; head: ChainHead }
  | {
      ok: false;
      /** Rows whose link held before the break. */
      rows: number;
      head: ChainHead;
      /**
       * - "link": the row at `id` does not follow from the row before it: it was edited, or rows between
       *   it and the previous one were deleted;
       * - "tail": the last rows were deleted (the chain ends before the head's last row);
       * - "head": the head names a row or a hash that the rows do not reach.
       */
      problem: "link" | "tail" | "head";
      /** The first row that breaks the chain, or the last intact one for "tail". */
      id: number | null;
    };

export type VerifyOptions = {
  /** Ids read per statement: the walk never holds a transaction or the embedded database for long. */
  batchSize?: number;
  onProgress?: (progress: { rows: number; lastId: number; head: ChainHead }) => void;
};

/**
 * Walks the audit chain in id order and recomputes every link: hash = sha256(previous hash ‖ content), with
 * the content built by the same SQL function as the trigger's. Reads the head first and stops at its last
 * row, so rows written while it runs do not disturb it.
 */
export async function verifyChain(db: Executor, options: VerifyOptions = {}): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const heads = await db.execute<{ lastId: number; lastHash: string }>(
    sql`SELECT last_id AS "lastId", last_hash AS "lastHash" FROM canbo_audit.chain_head`,
  );
  const head = heads.rows[0];
  if (!head) return { ok: false, rows: 0, head: { lastId: 0, lastHash: "" }, problem: "head", id: null };

  let previous = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  // Pieces are ranges of ids, not LIMITs: under ORDER BY … LIMIT the planner may fetch and hash the content
  // of every remaining row before sorting, which made the walk quadratic on PGlite.
  let from = 0;
  while (from < head.lastId) {
    const to = Math.min(from + batchSize, head.lastId);
    const batch = await db.execute<{ id: number; hash: string | null; content: string }>(sql`
      SELECT a.id, a.hash, audit_log_content(a) AS content FROM audit_log a
      WHERE a.id > ${from} AND a.id <= ${to} ORDER BY a.id`);
    for (const row of batch.rows) {
      const expected = createHash("sha256")
        .update(previous + row.content, "utf8")
        .digest("hex");
      if (row.hash !== expected) return { ok: false, rows, head, problem: "link", id: row.id };
      previous = expected;
      lastId = row.id;
      rows++;
    }
    options.onProgress?.({ rows, lastId, head });
    from = to;
    if (batch.rows.length === 0) {
      // A gap in the ids (rolled-back inserts leave some): jump to the next row.
      const next = await db.execute<{ id: number | null }>(
        sql`SELECT min(id) AS id FROM audit_log WHERE id > ${to} AND id <= ${head.lastId}`,
      );
      const id = next.rows[0]?.id;
      if (id == null) break;
      from = id - 1;
    }
  }
  if (lastId !== head.lastId) return { ok: false, rows, head, problem: "tail", id: lastId || null };
  if (previous !== head.lastHash) return { ok: false, rows, head, problem: "head", id: lastId || null };
  return { ok: true, rows, head };
}

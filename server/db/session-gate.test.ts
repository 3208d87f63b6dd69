import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantToApp, openTestDatabase } from "../test/harness.ts";
import type { Database } from "./client.ts";

/**
 * ADR 0001: the embedded database is one session shared by the pool's connections. Each connection's
 * statements and transactions must reach it whole; the same checks hold on PostgreSQL.
 */
let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  await database.owner.pool.query("CREATE TABLE gate_probe (owner text NOT NULL, n int NOT NULL)");
  await grantToApp(database, "gate_probe");
});
afterAll(() => database.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("connections sharing the database", () => {
  it("get the answers to their own parameterised statements", async () => {
    const answers = await Promise.all(
      Array.from({ length: 400 }, async (_, i) => {
        const result = await database.pool.query("SELECT $1::int AS v, $2::text AS who", [i, `user-${i}`]);
        return result.rows[0] as { v: number; who: string };
      }),
    );
    answers.forEach((row, i) => {
      expect(row).toEqual({ v: i, who: `user-${i}` });
    });
  });

  it("never see another connection's open transaction, and its rollback never takes their writes", async () => {
    const rolledBack = async (k: number) => {
      const client = await database.pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("INSERT INTO gate_probe (owner, n) VALUES ('rolled-back', $1)", [k]);
        await sleep(5);
        await client.query("ROLLBACK");
      } finally {
        client.release();
      }
    };
    const committed = async (k: number) => {
      await database.pool.query("INSERT INTO gate_probe (owner, n) VALUES ('committed', $1)", [k]);
    };
    const readers = async () => {
      const rows = await database.pool.query(
        "SELECT count(*)::int AS n FROM gate_probe WHERE owner = 'rolled-back'",
      );
      return (rows.rows[0] as { n: number }).n;
    };
    const work: Promise<unknown>[] = [];
    for (let k = 0; k < 40; k++) work.push(rolledBack(k), committed(k), readers());
    const results = await Promise.all(work);
    const seenUncommitted = results.filter((r, i) => i % 3 === 2 && r !== 0);
    expect(seenUncommitted).toEqual([]);
    const { rows } = await database.pool.query(
      "SELECT owner, count(*)::int AS n FROM gate_probe GROUP BY owner ORDER BY owner",
    );
    expect(rows).toEqual([{ owner: "committed", n: 40 }]);
  });

  it("roll back what a connection left open when it dies, and go on serving the others", async () => {
    const client = await database.pool.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO gate_probe (owner, n) VALUES ('abandoned', 1)");
    client.release(new Error("drop this connection")); // destroys the socket mid-transaction
    const { rows } = await database.pool.query(
      "SELECT count(*)::int AS n FROM gate_probe WHERE owner = 'abandoned'",
    );
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("keep an aborted transaction to its own connection until it rolls back", async () => {
    const client = await database.pool.connect();
    try {
      await client.query("BEGIN");
      await expect(client.query("SELECT 1/0")).rejects.toThrow();
      // Another connection is not caught in the failed transaction: it is answered once it ends.
      const other = database.pool.query("SELECT 42 AS v");
      await sleep(20);
      await client.query("ROLLBACK");
      expect((await other).rows[0]).toEqual({ v: 42 });
    } finally {
      client.release();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCity } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { GENESIS_HASH, verifyChain } from "./audit.chain.ts";

const ENGINE = process.env.DATABASE_URL ? "postgres" : "pglite";

let t: TestApp;
let admin: Record<string, string>;
let city: Awaited<ReturnType<typeof buildCity>>;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.services.units, t.system, { communesPerDistrict: 2 });
  admin = (await t.userSession({ username: "admin.chain", roles: ["admin"] })).headers;
});
afterAll(async () => t?.close());

const verify = () => t.services.audit.verifyChain(t.system);
const count = async () =>
  (await t.database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log")).rows[0]!.n;

/** A row as the database writes it in JSON (microseconds kept), to put back verbatim. */
type RawRow = { json: string; hash: string };

/**
 * Tampering as the schema owner would, behind the triggers' back; `undo` puts the row back as it was so the
 * next test starts from an intact chain.
 */
async function asOwnerWithoutTriggers(statement: string, params: unknown[] = []) {
  const client = await t.database.owner.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    await client.query(statement, params);
    await client.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

async function rowById(id: number): Promise<RawRow> {
  const { rows } = await t.database.owner.pool.query<RawRow>(
    "SELECT row_to_json(a)::text AS json, a.hash FROM audit_log a WHERE id = $1",
    [id],
  );
  return rows[0]!;
}

async function putBack(row: RawRow) {
  await asOwnerWithoutTriggers(
    "INSERT INTO audit_log SELECT * FROM json_populate_record(NULL::audit_log, $1::json)",
    [row.json],
  );
}

async function idsInChain(): Promise<number[]> {
  const { rows } = await t.database.pool.query<{ id: number }>("SELECT id FROM audit_log ORDER BY id");
  return rows.map((r) => r.id);
}

describe(`the audit hash chain (engine: ${ENGINE})`, () => {
  it("links every row written through the services, from the all-zero genesis hash", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/units/${city.id("d1.c1")}/rename`,
      headers: admin,
      payload: { name: "Phường Mới", effectiveDate: "2025-01-01", reason: "Nghị quyết sáp nhập" },
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = await verify();
    expect(report).toEqual({ ok: true, rows: await count(), head: expect.any(Object) });
    const ids = await idsInChain();
    expect(report.head).toEqual({ lastId: ids.at(-1), lastHash: (await rowById(ids.at(-1)!)).hash });
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it("links rows inserted set-based, many in one statement, and ignores a hash or a stale id sent by the client", async () => {
    await t.database.pool.query(`
      INSERT INTO audit_log (actor_username, action, entity_type, entity_id, after, reason)
      SELECT 'import', 'cadre.created', 'cadre', g::text, jsonb_build_object('staffCode', 'CB' || g), 'Nhập từ tệp, dòng ' || g
      FROM generate_series(1, 3000) g`);
    await t.database.pool.query(
      "INSERT INTO audit_log (id, actor_username, action, entity_type, hash) VALUES (1, 'x', 'forged', 'test', 'f00d')",
    );
    const ids = await idsInChain();
    expect(new Set(ids).size).toBe(ids.length);
    const forged = await t.database.pool.query<{ id: number; hash: string }>(
      "SELECT id, hash FROM audit_log WHERE action = 'forged'",
    );
    expect(forged.rows[0]!.id).toBe(ids.at(-1));
    expect(forged.rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verify()).toMatchObject({ ok: true, rows: ids.length });
  });

  it("reads the chain in bounded pieces", async () => {
    const pieces: number[] = [];
    const report = await verifyChain(t.db, { batchSize: 500, onProgress: ({ rows }) => pieces.push(rows) });
    expect(report.ok).toBe(true);
    expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(report.rows / 500));
    expect(pieces.at(-1)).toBe(report.rows);
  });

  it("walks over the ids that rolled-back inserts left unused", async () => {
    const client = await t.database.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        "INSERT INTO audit_log (actor_username, action, entity_type) SELECT 'x', 'test.undone', 'test' FROM generate_series(1, 20)",
      );
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    await t.database.pool.query(
      "INSERT INTO audit_log (actor_username, action, entity_type) VALUES ('x', 'test.after_gap', 'test')",
    );
    const ids = await idsInChain();
    expect(ids.at(-1)! - ids.at(-2)!).toBeGreaterThan(10);
    expect(await verifyChain(t.db, { batchSize: 3 })).toMatchObject({ ok: true, rows: ids.length });
  });

  it("keeps one chain under concurrent writers, in the order they took its head", async () => {
    const writers = Array.from({ length: 6 }, async (_, w) => {
      const client = await t.database.pool.connect();
      try {
        await client.query("BEGIN");
        for (let i = 0; i < 5; i++) {
          await client.query(
            "INSERT INTO audit_log (actor_username, action, entity_type, entity_id) VALUES ($1, 'test.concurrent', 'test', $2)",
            [`writer${w}`, String(i)],
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    });
    await Promise.all(writers);
    expect(await verify()).toMatchObject({ ok: true, rows: await count() });
  });

  it("finds an edited row and names it", async () => {
    const ids = await idsInChain();
    const target = ids[Math.floor(ids.length / 2)]!;
    const original = await rowById(target);
    await asOwnerWithoutTriggers("UPDATE audit_log SET reason = 'Không có lý do' WHERE id = $1", [target]);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, problem: "link", id: target });
    expect(report.rows).toBe(ids.indexOf(target));

    await asOwnerWithoutTriggers("DELETE FROM audit_log WHERE id = $1", [target]);
    await putBack(original);
    expect((await verify()).ok).toBe(true);
  });

  it("finds an edit that leaves the content the same but the instant moved", async () => {
    const target = (await idsInChain())[3]!;
    const original = await rowById(target);
    await asOwnerWithoutTriggers("UPDATE audit_log SET at = at - interval '1 microsecond' WHERE id = $1", [
      target,
    ]);
    expect(await verify()).toMatchObject({ ok: false, problem: "link", id: target });
    await asOwnerWithoutTriggers("DELETE FROM audit_log WHERE id = $1", [target]);
    await putBack(original);
    expect((await verify()).ok).toBe(true);
  });

  it("finds a deleted row: the chain breaks at the row after it", async () => {
    const ids = await idsInChain();
    const target = ids[10]!;
    const original = await rowById(target);
    await asOwnerWithoutTriggers("DELETE FROM audit_log WHERE id = $1", [target]);
    expect(await verify()).toMatchObject({ ok: false, problem: "link", id: ids[11] });
    await putBack(original);
    expect((await verify()).ok).toBe(true);
  });

  it("finds the last rows deleted", async () => {
    const ids = await idsInChain();
    const last = [await rowById(ids.at(-2)!), await rowById(ids.at(-1)!)];
    await asOwnerWithoutTriggers("DELETE FROM audit_log WHERE id >= $1", [ids.at(-2)]);
    expect(await verify()).toMatchObject({ ok: false, problem: "tail", id: ids.at(-3) });
    for (const row of last) await putBack(row);
    expect((await verify()).ok).toBe(true);
  });

  it("finds a row whose own link was recomputed after the edit: the next row no longer follows", async () => {
    const ids = await idsInChain();
    const target = ids.at(-5)!;
    const original = await rowById(target);
    await asOwnerWithoutTriggers("UPDATE audit_log SET reason = 'sửa' WHERE id = $1", [target]);
    await asOwnerWithoutTriggers(
      `UPDATE audit_log a SET hash = encode(sha256(convert_to(p.hash || audit_log_content(a), 'UTF8')), 'hex')
       FROM audit_log p WHERE a.id = $1 AND p.id = $2`,
      [target, ids.at(-6)],
    );
    expect(await verify()).toMatchObject({ ok: false, problem: "link", id: ids.at(-4) });
    await asOwnerWithoutTriggers("DELETE FROM audit_log WHERE id = $1", [target]);
    await putBack(original);
    expect((await verify()).ok).toBe(true);
  });
});

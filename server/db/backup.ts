import fs from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type pg from "pg";
import type { Database } from "./client.ts";
import { type PieceSize, pieceSize } from "./pieces.ts";

/**
 * Logical backup: every table of the public schema but those of BACKUP_EXCLUDED_TABLES as JSON rows (gzip,
 * one JSON document per line), read as one consistent state (see backup()). Engine-neutral: a PGlite
 * backup restores into PostgreSQL and back.
 */
export const BACKUP_FORMAT = "canbo-backup/1";
/** Tables that migrations fill with reference data (code lists, titles catalogue, indicator catalogue, rule settings). */
const REFERENCE_TABLES = [
  "code_lists",
  "code_corrections",
  "titles",
  "title_versions",
  "indicator_versions",
  "rule_settings",
];

/**
 * Tables a backup leaves out: open sessions (a session's id is the hash of a live cookie and its CSRF
 * token is in clear; restoring them would sign people in again on the restored system) and login attempts
 * (throttling state and client addresses, worthless after a restore). User accounts stay, password hashes
 * included: a restore must give back a system people can sign in to, and the hashes are argon2id, far less
 * sensitive than the records the same file holds (docs/security.md).
 */
export const BACKUP_EXCLUDED_TABLES: readonly string[] = [
  "sessions",
  "login_attempts",
  // the back-off state of password guessing
  "login_throttle",
  // an import's scratch rows; its journal (import_undo, import_runs) stays, so that a backup taken while an
  // import applied restores into a database that undoes it at start
  "import_input",
  "import_rows",
  "import_seen",
];

export type Progress = (table: string, rows: number) => void;

type Header = {
  format: string;
  createdAt: string;
  migration: string | null;
  tables: { name: string; rows: number }[];
};

/** Tables with a foreign key to themselves (their rows must be restored parents first). */
async function selfReferencingTables(client: pg.PoolClient | pg.Pool): Promise<string[]> {
  const result = await client.query<{ name: string }>(`
    SELECT DISTINCT c.conrelid::regclass::text AS name
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid = c.confrelid`);
  return result.rows.map((r) => r.name.replace(/"/g, ""));
}

/** Tables in an order that satisfies foreign keys (parents first). */
export async function tablesInDependencyOrder(client: pg.PoolClient | pg.Pool): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
  ).rows.map((r) => r.name);
  const deps = (
    await client.query<{ child: string; parent: string }>(`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`)
  ).rows;
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const d of deps) if (d.child === t && d.parent !== t) visit(d.parent.replace(/"/g, ""), path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function lastMigration(client: pg.PoolClient | pg.Pool): Promise<string | null> {
  try {
    const r = await client.query<{ hash: string }>(
      "SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1",
    );
    return r.rows[0]?.hash ?? null;
  } catch {
    return null;
  }
}

/** Options of a backup; tests use small pieces. */
export type BackupOptions = {
  /** PGlite: heap pages read per statement, fixed; by default sized to take ~100 ms each (db/pieces.ts). */
  pagesPerPiece?: number;
};

/**
 * A consistent backup on either engine, read so that other users go on working:
 * - PostgreSQL: one REPEATABLE READ READ ONLY snapshot read through a cursor; other sessions are never
 *   blocked by it (MVCC).
 * - PGlite is one database session (ADR 0001): a transaction held for the whole backup would make every
 *   other user wait for minutes. Instead the backup sets the session's default to read-only transactions
 *   (the read-only guard, below) and then reads every table in pieces of `pagesPerPiece` heap pages (a TID
 *   range scan, each piece its own statement); other users' reads run between the pieces, and their
 *   writes fail at once with SQLSTATE 25006, answered as "a backup is running, try again shortly". No
 *   write commits between the first and the last piece, so the pieces form one consistent state (ADR
 *   0003).
 */
export async function backup(
  database: Database,
  file: string,
  onProgress: Progress = () => {},
  options: BackupOptions = {},
): Promise<Header> {
  const client = await database.pool.connect();
  const tmp = `${file}.partial`;
  const inPieces = database.engine === "pglite";
  let guarded = false;
  try {
    if (inPieces) {
      await client.query(READ_ONLY_GUARD_ON);
      guarded = true;
    } else {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }
    const tables = (await tablesInDependencyOrder(client)).filter((t) => !BACKUP_EXCLUDED_TABLES.includes(t));
    // A table whose rows refer to rows of the same table (a place to the place above it) is written in id
    // order — parents were inserted first — so the restore inserts a parent before its children; the
    // physical order of the others is fine (their references point to earlier tables).
    const ordered = new Set([...(await selfReferencingTables(client)), "audit_log"]);
    const counts: Header["tables"] = [];
    for (const name of tables) {
      // A count of a million rows takes most of a second on PGlite: counted in pieces there too.
      const rows = inPieces
        ? await countInPieces(client, name, options.pagesPerPiece)
        : (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)).rows[0]!.n;
      counts.push({ name, rows });
    }
    const header: Header = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      migration: await lastMigration(client),
      tables: counts,
    };
    const gzip = createGzip();
    const out = fs.createWriteStream(tmp, { mode: 0o600 });
    const done = pipeline(gzip, out);
    const write = (line: string) =>
      gzip.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((r) => gzip.once("drain", () => r()));
    await write(JSON.stringify(header));
    for (const { name } of counts) {
      let total = 0;
      const emit = async (rows: { j: string }[]) => {
        if (rows.length === 0) return;
        await write(`{"table":${JSON.stringify(name)},"rows":[${rows.map((r) => r.j).join(",")}]}`);
        total += rows.length;
        onProgress(name, total);
      };
      // The audit trail in chain order: the restore links its rows again, one after the other, and arrives
      // at the same hashes (docs/audit.md).
      if (ordered.has(name) && inPieces) await readByIdInPieces(client, name, emit);
      else if (inPieces) await readInPieces(client, name, options.pagesPerPiece, emit);
      else await readThroughCursor(client, name, emit, ordered.has(name) ? " ORDER BY t.id" : "");
      onProgress(name, total);
    }
    gzip.end();
    await done;
    if (!inPieces) await client.query("COMMIT");
    fs.renameSync(tmp, file);
    return header;
  } catch (error) {
    if (!inPieces) await client.query("ROLLBACK").catch(() => {});
    fs.rmSync(tmp, { force: true });
    throw error;
  } finally {
    if (guarded) await client.query(READ_ONLY_GUARD_OFF).catch(() => {});
    client.release();
  }
}

/**
 * The read-only guard of PGlite's single session: while it is on, every transaction of every connection
 * starts read-only (default_transaction_read_only is a session setting, and the connections share the
 * session). Setting it is one statement, run when no other transaction is open (the host serves one
 * exchange at a time), so nothing written after it escapes the backup and nothing before it is missed.
 * It refuses a second backup while one runs. The marker comments let the PGlite host turn the guard off
 * when the connection that turned it on disappears (a backup process killed mid-way).
 */
export const READ_ONLY_GUARD_ON = `/* canbo:read-only-guard on */ DO $$ BEGIN
  IF current_setting('default_transaction_read_only') = 'on' THEN
    RAISE EXCEPTION 'Một bản sao lưu khác đang chạy (another backup is running).' USING ERRCODE = '55000';
  END IF;
  PERFORM set_config('default_transaction_read_only', 'on', false);
END $$`;
export const READ_ONLY_GUARD_OFF = "/* canbo:read-only-guard off */ SET default_transaction_read_only = off";

const BATCH = 2000;

async function readThroughCursor(
  client: pg.PoolClient,
  name: string,
  emit: (rows: { j: string }[]) => Promise<void>,
  order = "",
) {
  await client.query(
    `DECLARE canbo_backup CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${name}" t${order}`,
  );
  for (;;) {
    const batch = await client.query<{ j: string }>(`FETCH ${BATCH} FROM canbo_backup`);
    if (batch.rows.length === 0) break;
    await emit(batch.rows);
  }
  await client.query("CLOSE canbo_backup");
}

/** The table's heap pages, `[from, to)` ranges of them read by TID range scans (in physical order). */
async function forEachPageRange(
  client: pg.PoolClient,
  name: string,
  piece: PieceSize,
  read: (from: number, to: number) => Promise<void>,
) {
  const size = await client.query<{ pages: number }>(
    `SELECT (pg_relation_size('"${name}"') / current_setting('block_size')::int)::int AS pages`,
  );
  const last = size.rows[0]!.pages;
  for (let from = 0; from < last; ) {
    const to = from + piece.size;
    await piece.timed(() => read(from, to));
    from = to;
  }
}

const pageRange = (from: number, to: number) =>
  `t.ctid >= '(${Math.trunc(from)},0)'::tid AND t.ctid < '(${Math.trunc(to)},0)'::tid`;

/** Every row of a table with an integer id as JSON, in id order, a keyset page per statement. */
async function readByIdInPieces(
  client: pg.PoolClient,
  name: string,
  emit: (rows: { j: string }[]) => Promise<void>,
) {
  const piece = pieceSize({ initial: 2000, min: 100, max: 50_000 });
  let after = -1;
  for (;;) {
    const limit = piece.size;
    const rows = await piece.timed(() =>
      client.query<{ j: string; id: number }>(
        `SELECT row_to_json(t)::text AS j, t.id::bigint AS id FROM "${name}" t WHERE t.id > $1 ORDER BY t.id LIMIT ${limit}`,
        [after],
      ),
    );
    await emit(rows.rows.map((r) => ({ j: r.j })));
    if (rows.rows.length < limit) return;
    after = Number(rows.rows[rows.rows.length - 1]!.id);
  }
}

/** Every row of the table as JSON, a range of heap pages per statement. */
async function readInPieces(
  client: pg.PoolClient,
  name: string,
  pages: number | undefined,
  emit: (rows: { j: string }[]) => Promise<void>,
) {
  const piece = pages
    ? pieceSize({ initial: pages, min: pages, max: pages, fixed: true })
    : pieceSize({ initial: 16, min: 1, max: 4096 });
  await forEachPageRange(client, name, piece, async (from, to) => {
    const rows = await client.query<{ j: string }>(
      `SELECT row_to_json(t)::text AS j FROM "${name}" t WHERE ${pageRange(from, to)}`,
    );
    await emit(rows.rows);
  });
}

async function countInPieces(client: pg.PoolClient, name: string, pages: number | undefined) {
  const piece = pages
    ? pieceSize({ initial: pages, min: pages, max: pages, fixed: true })
    : pieceSize({ initial: 256, min: 1, max: 1 << 20 });
  let n = 0;
  await forEachPageRange(client, name, piece, async (from, to) => {
    const r = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${name}" t WHERE ${pageRange(from, to)}`,
    );
    n += r.rows[0]!.n;
  });
  return n;
}

/**
 * Restores a backup into an empty, migrated database (a fresh data folder). Refuses a database that
 * already has rows, and a backup made at another schema version. All or nothing: one transaction — on
 * PGlite it holds the session until it ends, which is acceptable for what restore is: filling a new, empty
 * data folder before anyone works in it (ADR 0003).
 */
export async function restore(
  database: Database,
  file: string,
  onProgress: Progress = () => {},
): Promise<Header> {
  if (!fs.existsSync(file)) throw new Error(`Không tìm thấy tệp sao lưu ${file}`);
  const client = await database.pool.connect();
  let header: Header | undefined;
  let lines: readline.Interface | undefined;
  try {
    await client.query("BEGIN");
    const tables = await tablesInDependencyOrder(client);
    for (const t of tables) {
      if (REFERENCE_TABLES.includes(t)) continue;
      const r = await client.query(`SELECT 1 FROM "${t}" LIMIT 1`);
      if (r.rows.length) throw new Error(`Chỉ khôi phục vào cơ sở dữ liệu trống: bảng ${t} đã có dữ liệu.`);
    }
    // Reference data comes with the migrations; the backup's copy (with its edits) replaces it.
    for (const t of [...REFERENCE_TABLES].reverse()) await client.query(`DELETE FROM "${t}"`);
    const restored = new Map<string, number>();
    // Created right before the loop: readline drops lines emitted before iteration starts.
    const gunzip = createGunzip();
    const input = fs.createReadStream(file);
    input.on("error", (e) => gunzip.destroy(e));
    lines = readline.createInterface({ input: input.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (!line.trim()) continue;
      if (!header) {
        header = JSON.parse(line) as Header;
        if (header.format !== BACKUP_FORMAT) throw new Error("Tệp không phải bản sao lưu canbo.");
        const current = await lastMigration(client);
        if (header.migration !== current) {
          throw new Error("Bản sao lưu thuộc phiên bản cơ sở dữ liệu khác với phiên bản đang chạy.");
        }
        continue;
      }
      const chunk = JSON.parse(line) as { table: string; rows: unknown[] };
      if (!tables.includes(chunk.table))
        throw new Error(`Bảng không xác định trong bản sao lưu: ${chunk.table}`);
      await client.query(
        `INSERT INTO "${chunk.table}" SELECT * FROM json_populate_recordset(NULL::"${chunk.table}", $1::json)`,
        [JSON.stringify(chunk.rows)],
      );
      const n = (restored.get(chunk.table) ?? 0) + chunk.rows.length;
      restored.set(chunk.table, n);
      onProgress(chunk.table, n);
    }
    if (!header) throw new Error("Tệp sao lưu rỗng.");
    for (const t of header.tables) {
      if ((restored.get(t.name) ?? 0) !== t.rows)
        throw new Error(`Tệp sao lưu bị thiếu dữ liệu ở bảng ${t.name}.`);
    }
    // Identity columns continue after the restored ids.
    const identities = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
    );
    for (const { table_name, column_name } of identities.rows) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('"${table_name}"', '${column_name}'), COALESCE((SELECT max("${column_name}") FROM "${table_name}"), 0) + 1, false)`,
      );
    }
    await client.query("COMMIT");
    return header;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    if ((error as NodeJS.ErrnoException).code === "Z_DATA_ERROR" || error instanceof SyntaxError) {
      throw new Error("Tệp không phải bản sao lưu canbo hợp lệ (không đọc được nội dung nén).");
    }
    throw error;
  } finally {
    client.release();
    lines?.close();
  }
}

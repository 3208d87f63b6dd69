import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema.ts";

// Calendar dates travel as YYYY-MM-DD strings end to end (DESIGN §4.6); node-postgres would otherwise
// turn them into local-midnight Date objects and shift days. int8 (counts, identities) fit in a double.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A query runner: the database itself or an open transaction. */
export type Executor = Db | Tx;
export type Engine = "pglite" | "postgres";

export type Database = {
  /** The application's connections: on PostgreSQL they act as the APP_ROLE (see openPostgres). */
  db: Db;
  pool: pg.Pool;
  /** The schema owner's connections, for migrations and grants (the same as db/pool on PGlite). */
  owner: { db: Db; pool: pg.Pool };
  engine: Engine;
  /** True when this process owns the PGlite folder (false when it goes through another process). */
  isOwner: boolean;
  /**
   * PGlite owner only: how long connections held and waited for the single session (ADR 0001), since the
   * start or the last call with `reset`. Benchmarks and tests of long work read it.
   */
  stats?(options?: { reset?: boolean }): Promise<GateStats>;
  close(): Promise<void>;
};

export type GateStats = {
  holds: number;
  maxHoldMs: number;
  maxWaitMs: number;
  totalWaitMs: number;
  waiting: number;
};

export type OpenOptions = {
  /** postgres://… — when set, PostgreSQL is used and dataDir is ignored. */
  databaseUrl?: string | undefined;
  /** The schema owner's login for migrations when it differs from databaseUrl's (docs/audit.md). */
  migrationDatabaseUrl?: string | undefined;
  /** Folder of the embedded database; "memory" for a throw-away in-memory database (tests, benchmarks). */
  dataDir?: string | "memory";
  poolSize?: number;
};

const HOST_SCRIPT = fileURLToPath(new URL("./pglite-host.mjs", import.meta.url));
const LOCK_FILE = "canbo.lock";
const SOCKET_PORT = 5432;

/** Opens the configured database: PostgreSQL through DATABASE_URL, otherwise PGlite in a worker thread. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, options.migrationDatabaseUrl, options.poolSize ?? 10);
  }
  return openPglite(options.dataDir ?? "./data", options.poolSize ?? 8);
}

/**
 * The role the application acts as on PostgreSQL: every table's rows, but only SELECT and INSERT on
 * audit_log. Migrations create it and grant its privileges (migrate.ts); it cannot log in by itself.
 */
export const APP_ROLE = "canbo_app";

function openPostgres(url: string, migrationUrl: string | undefined, poolSize: number): Database {
  // JIT compilation pays off for long analytical scans, not for canbo's short aggregates: the planner's
  // cost estimates for dated subtree queries (it takes a city's thousands of units for a handful) pushed
  // JIT on, and compiling took ~150 ms of a 50 ms query. Off for canbo's sessions (ADR 0004).
  // The role is set when the connection starts, so no query of the application ever runs as the owner
  // (and a missing role fails the connection instead of falling back to the owner).
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: `-c jit=off -c role=${APP_ROLE}`,
  });
  pool.on("error", () => {}); // an idle client dropped by the server must not crash the process
  const db = drizzle(pool, { schema });
  // Connects only when used: migrations at start, tests that act as the owner.
  const ownerPool = new pg.Pool({ connectionString: migrationUrl ?? url, max: 2, options: "-c jit=off" });
  ownerPool.on("error", () => {});
  const owner = { db: drizzle(ownerPool, { schema }), pool: ownerPool };
  return {
    db,
    pool,
    owner,
    engine: "postgres",
    isOwner: true,
    close: async () => {
      await pool.end();
      await ownerPool.end();
    },
  };
}

/**
 * `identity` tells this process apart from an earlier one with the same pid — after a container restart
 * the server is PID 1 again, and a pid alone would make the old lock look alive (boot id + the process's
 * start time in clock ticks since boot, from /proc; absent where there is no /proc).
 */
type LockInfo = { pid: number; identity?: string | undefined; socketDir: string; startedAt: string };

export class DataDirLockedError extends Error {}

async function openPglite(dataDir: string, poolSize: number): Promise<Database> {
  if (dataDir === "memory") {
    const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-pg-"));
    const host = await startHost("memory://", socketDir);
    return connectPglite(socketDir, poolSize, host, async () => {
      await host.stop();
      fs.rmSync(socketDir, { recursive: true, force: true });
    });
  }

  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = acquireLock(dir);
  if (lock.kind === "client") {
    // Another canbo process owns this folder: go through its socket, never open a second copy.
    await waitForSocket(lock.info.socketDir, 15_000);
    return connectPglite(lock.info.socketDir, Math.min(poolSize, 4), undefined, async () => {});
  }

  try {
    const host = await startHost(path.join(dir, "pgdata"), lock.info.socketDir);
    return connectPglite(lock.info.socketDir, poolSize, host, async () => {
      await host.stop();
      lock.release();
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** `host` is the worker this process runs (undefined when it goes through another process's socket). */
function connectPglite(
  socketDir: string,
  poolSize: number,
  host: Host | undefined,
  stop: () => Promise<void>,
): Database {
  const pool = new pg.Pool({
    host: socketDir,
    port: SOCKET_PORT,
    user: "postgres",
    database: "postgres",
    max: poolSize,
  });
  pool.on("error", () => {});
  const db = drizzle(pool, { schema });
  let closed = false;
  return {
    db,
    pool,
    // PGlite has a single user: the append-only trigger is the audit trail's guard there (docs/audit.md).
    owner: { db, pool },
    engine: "pglite",
    isOwner: host !== undefined,
    ...(host ? { stats: host.stats } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await stop();
    },
  };
}

type Host = { stop(): Promise<void>; stats(options?: { reset?: boolean }): Promise<GateStats> };

function startHost(dataDir: string, socketDir: string): Promise<Host> {
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  fs.rmSync(socketPath, { force: true });
  const worker = new Worker(HOST_SCRIPT, { workerData: { dataDir, socketPath } });
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string; message?: string }) => {
      if (msg.type === "ready") {
        worker.off("message", onMessage);
        resolve({
          stats: (options) =>
            new Promise<GateStats>((done) => {
              const onStats = (reply: { type: string; stats?: GateStats }) => {
                if (reply.type !== "stats" || !reply.stats) return;
                worker.off("message", onStats);
                done(reply.stats);
              };
              worker.on("message", onStats);
              worker.postMessage({ type: "stats", reset: options?.reset === true });
            }),
          stop: () =>
            new Promise<void>((done) => {
              const timer = setTimeout(() => void worker.terminate().then(() => done()), 10_000);
              const onClosed = (reply: { type: string }) => {
                if (reply.type !== "closed") return;
                worker.off("message", onClosed);
                clearTimeout(timer);
                void worker.terminate().then(() => done());
              };
              worker.on("message", onClosed);
              worker.postMessage({ type: "close" });
            }),
        });
      } else if (msg.type === "failed") {
        void worker.terminate();
        reject(new Error(`Không mở được cơ sở dữ liệu nhúng tại ${dataDir}: ${msg.message}`));
      }
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
  });
}

type Lock = { kind: "owner"; info: LockInfo; release(): void } | { kind: "client"; info: LockInfo };

/**
 * One owner per PGlite folder: two processes opening the same folder silently lose writes.
 * The owner holds `canbo.lock` (created exclusively); a live owner's socket is shared with others.
 */
function acquireLock(dir: string): Lock {
  const lockPath = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    const info: LockInfo = {
      pid: process.pid,
      identity: processIdentity(process.pid),
      socketDir: socketDirFor(dir),
      startedAt: new Date().toISOString(),
    };
    try {
      const fd = fs.openSync(lockPath, "wx", 0o600);
      fs.writeSync(fd, JSON.stringify(info));
      fs.closeSync(fd);
      const release = () => {
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
          if (current.pid === process.pid) fs.rmSync(lockPath, { force: true });
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return { kind: "owner", info, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = readLock(lockPath);
      if (held && isHolderAlive(held)) {
        if (held.pid === process.pid) {
          throw new DataDirLockedError(`Thư mục dữ liệu ${dir} đã được mở trong tiến trình này.`);
        }
        return { kind: "client", info: held };
      }
      fs.rmSync(lockPath, { force: true }); // stale lock of a process that died (or of an earlier run)
    }
  }
  throw new DataDirLockedError(`Không lấy được khóa thư mục dữ liệu ${dir}.`);
}

function readLock(lockPath: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Boot id and start time of a process, or undefined when it does not exist or /proc is unavailable. */
export function processIdentity(pid: number): string | undefined {
  try {
    const boot = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const startTicks = fields[19];
    return startTicks ? `${boot}:${startTicks}` : undefined;
  } catch {
    return undefined;
  }
}

/** The lock's process still runs: same pid and, where it was recorded, the same boot and start time. */
function isHolderAlive(held: LockInfo): boolean {
  if (!isAlive(held.pid)) return false;
  if (!held.identity) return true;
  const now = processIdentity(held.pid);
  return now === undefined ? true : now === held.identity;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The socket lives inside the data folder (its permissions keep other users out) unless the path is too long. */
function socketDirFor(dir: string): string {
  const inside = path.join(dir, `.s.PGSQL.${SOCKET_PORT}`);
  if (Buffer.byteLength(inside) < 100) return dir;
  const fallback = path.join(os.tmpdir(), `canbo-${randomBytes(6).toString("hex")}`);
  fs.mkdirSync(fallback, { mode: 0o700 });
  return fallback;
}

async function waitForSocket(socketDir: string, timeoutMs: number): Promise<void> {
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(socketPath)) {
    if (Date.now() > deadline) {
      throw new DataDirLockedError(
        `Thư mục dữ liệu đang được một tiến trình canbo khác giữ nhưng chưa sẵn sàng (${socketPath}). Hãy thử lại sau.`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

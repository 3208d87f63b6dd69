// Hosts PGlite off the HTTP server's main thread. PGlite runs queries synchronously in the thread that
// owns it, so it lives in this worker and serves the PostgreSQL wire protocol on a Unix socket; the
// app talks to it through node-postgres exactly as it talks to a PostgreSQL server.
//
// PGlite is ONE database session. Several client connections share it, so this host gives it to one
// connection at a time, for a whole exchange: from that connection's first message until PGlite
// answers ReadyForQuery with status "idle" (I) — the end of a simple query, of an extended-protocol
// Sync outside a transaction, or of COMMIT/ROLLBACK. Messages of other connections wait in FIFO order;
// nothing of two connections ever interleaves (ADR 0001). A connection that dies or idles while it
// holds the session is rolled back and dropped.
//
// The backup's read-only guard (server/db/backup.ts) is a setting of the one session, so it outlives the
// connection that set it: the host notes which connection turned it on (statements marked
// "canbo:read-only-guard") and turns it off when that connection disappears without doing so.
//
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader.
import net from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

const { dataDir, socketPath, idleInTransactionMs = 30_000, maxConnections = 64 } = workerData;

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

/** FIFO ownership of the single PGlite session. */
class SessionGate {
  holder = null;
  /** The connection whose backup turned the read-only guard on, if any. */
  guardHolder = null;
  waiting = [];
  heldSince = 0;
  stats = { holds: 0, maxHoldMs: 0, maxWaitMs: 0, totalWaitMs: 0 };

  /** Resolves when `conn` owns the session (at once if it already does). */
  acquire(conn) {
    if (this.holder === conn) return undefined;
    if (this.holder === null) {
      this.#take(conn, 0);
      return undefined;
    }
    const queuedAt = Date.now();
    return new Promise((resolve, reject) => {
      this.waiting.push({ conn, queuedAt, resolve, reject });
    });
  }

  release(conn) {
    if (this.holder !== conn) return;
    const held = Date.now() - this.heldSince;
    if (held > this.stats.maxHoldMs) this.stats.maxHoldMs = held;
    this.holder = null;
    const next = this.waiting.shift();
    if (next) {
      this.#take(next.conn, Date.now() - next.queuedAt);
      next.resolve();
    }
  }

  /** A closed connection leaves the queue. */
  forget(conn) {
    this.waiting = this.waiting.filter((w) => {
      if (w.conn !== conn) return true;
      w.reject(new Error("connection closed"));
      return false;
    });
  }

  #take(conn, waitedMs) {
    this.holder = conn;
    this.heldSince = Date.now();
    this.stats.holds += 1;
    this.stats.totalWaitMs += waitedMs;
    if (waitedMs > this.stats.maxWaitMs) this.stats.maxWaitMs = waitedMs;
  }
}

class Connection {
  buffer = Buffer.alloc(0);
  started = false;
  closed = false;
  /** Messages received and not yet run, in order. */
  pending = [];
  running = false;
  /** Status of the last ReadyForQuery PGlite sent to this connection: I, T or E; null mid-exchange. */
  status = "I";
  idleTimer = null;

  constructor(socket, db, gate) {
    this.socket = socket;
    this.db = db;
    this.gate = gate;
    socket.setNoDelay(true);
    socket.on("data", (data) => this.#onData(data));
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  #onData(data) {
    if (this.closed) return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    for (;;) {
      const message = this.#nextMessage();
      if (message === null) break;
      if (message === undefined) continue;
      this.pending.push(message);
    }
    void this.#drain();
  }

  /** The next complete message, undefined for one handled here, null when more bytes are needed. */
  #nextMessage() {
    const buf = this.buffer;
    if (!this.started) {
      if (buf.length < 8) return null;
      const length = buf.readInt32BE(0);
      const code = buf.readInt32BE(4);
      if (length < 8 || length > 10_000) {
        this.close();
        return null;
      }
      if (buf.length < length) return null;
      this.buffer = buf.subarray(length);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.socket.write("N");
        return undefined;
      }
      if (code === CANCEL_REQUEST || code !== PROTOCOL_3) {
        // PGlite has no backend to signal; a cancel request is dropped with its connection.
        this.close();
        return null;
      }
      this.started = true;
      return { type: "startup", bytes: Uint8Array.from(buf.subarray(0, length)) };
    }
    if (buf.length < 5) return null;
    const length = buf.readInt32BE(1);
    if (length < 4) {
      this.close();
      return null;
    }
    if (buf.length < length + 1) return null;
    const type = String.fromCharCode(buf[0]);
    const bytes = Uint8Array.from(buf.subarray(0, length + 1));
    this.buffer = buf.subarray(length + 1);
    return { type, bytes };
  }

  async #drain() {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.closed && this.pending.length > 0) {
        const message = this.pending.shift();
        if (message.type === "X") {
          // Terminate: whatever this connection left open is rolled back by close().
          this.close();
          return;
        }
        this.#stopIdleTimer();
        await this.gate.acquire(this);
        if (this.closed) return;
        await this.#run(message);
      }
      if (!this.closed && this.gate.holder === this) this.#startIdleTimer();
    } catch {
      this.close();
    } finally {
      this.running = false;
    }
  }

  async #run(message) {
    let tail = Buffer.alloc(0);
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(message.bytes, {
        onRawData: (data) => {
          if (data.length === 0) return;
          const copy = Buffer.from(data);
          tail = copy.length >= 6 ? copy.subarray(copy.length - 6) : Buffer.concat([tail, copy]).subarray(-6);
          if (!this.closed && this.socket.writable) this.socket.write(copy);
        },
      }),
    );
    // Simple queries, Sync and the startup end with ReadyForQuery ('Z', length 5, status).
    const endsExchange = message.type === "Q" || message.type === "S" || message.type === "startup";
    if (endsExchange && tail.length === 6 && tail[0] === 0x5a && tail.readInt32BE(1) === 5) {
      this.status = String.fromCharCode(tail[5]);
      if (message.type === "Q" && this.status === "I") await this.#noteGuard(message.bytes);
      if (this.status === "I") this.gate.release(this);
    } else {
      this.status = null;
    }
  }

  /** After a marked statement of the backup: who holds the read-only guard now (the session is idle). */
  async #noteGuard(bytes) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset + 5, Math.min(bytes.length - 5, 40)).toString();
    if (!head.includes("canbo:read-only-guard")) return;
    const result = await this.db.query("SELECT current_setting('default_transaction_read_only') AS v");
    const isOn = result.rows[0]?.v === "on";
    if (isOn && this.gate.guardHolder === null) this.gate.guardHolder = this;
    else if (!isOn && this.gate.guardHolder === this) this.gate.guardHolder = null;
  }

  #startIdleTimer() {
    this.#stopIdleTimer();
    this.idleTimer = setTimeout(() => this.close(), idleInTransactionMs);
    this.idleTimer.unref();
  }

  #stopIdleTimer() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.#stopIdleTimer();
    connections.delete(this);
    this.gate.forget(this);
    this.socket.destroy();
    if (this.gate.holder === this || this.gate.guardHolder === this) void this.#abandon();
  }

  /** Rolls back what a vanished connection left open, turns its read-only guard off, hands the session on. */
  async #abandon() {
    // Wait for a message still inside PGlite to finish before rolling back.
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    try {
      await this.gate.acquire(this);
      if (this.status !== "I") await this.db.exec("ROLLBACK");
    } catch {
      // nothing open
    }
    try {
      if (this.gate.guardHolder === this) {
        this.gate.guardHolder = null;
        await this.db.exec("SET default_transaction_read_only = off");
      }
    } catch {
      // the database is closing
    } finally {
      this.gate.release(this);
    }
  }
}

const connections = new Set();

try {
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const gate = new SessionGate();
  const server = net.createServer((socket) => {
    if (connections.size >= maxConnections) {
      socket.destroy();
      return;
    }
    connections.add(new Connection(socket, db, gate));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });
  parentPort.on("message", async (msg) => {
    if (msg?.type === "stats") {
      parentPort.postMessage({ type: "stats", stats: { ...gate.stats, waiting: gate.waiting.length } });
      if (msg.reset) gate.stats = { holds: 0, maxHoldMs: 0, maxWaitMs: 0, totalWaitMs: 0 };
      return;
    }
    if (msg?.type !== "close") return;
    try {
      server.close();
      for (const conn of [...connections]) conn.close();
      // Let rollbacks of abandoned exchanges finish before closing the database.
      for (let i = 0; i < 200 && gate.holder !== null; i++) await new Promise((r) => setTimeout(r, 10));
      await db.close();
    } finally {
      parentPort.postMessage({ type: "closed" });
    }
  });
  parentPort.postMessage({ type: "ready" });
} catch (error) {
  parentPort.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
}

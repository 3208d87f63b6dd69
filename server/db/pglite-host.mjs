// Hosts PGlite off the HTTP server's main thread. PGlite runs queries synchronously in the thread that
// owns it, so it lives in this worker and serves the PostgreSQL wire protocol on a Unix socket; the
// app talks to it through node-postgres exactly as it talks to a PostgreSQL server.
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const { dataDir, socketPath } = workerData;

try {
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 64 });
  await server.start();
  parentPort.on("message", async (msg) => {
    if (msg?.type !== "close") return;
    try {
      await server.stop();
      await db.close();
    } finally {
      parentPort.postMessage({ type: "closed" });
    }
  });
  parentPort.postMessage({ type: "ready" });
} catch (error) {
  parentPort.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
}

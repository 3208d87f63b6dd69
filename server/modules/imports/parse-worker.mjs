// Entry of the parse worker thread. A worker starts without the TypeScript loader of the thread that
// created it (node 20), so it registers one itself — tsx's require hook, which runs in this thread and
// starts in a fraction of the time of the ESM loader (its own thread) — then runs the worker.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { workerData } from "node:worker_threads";
import { register } from "tsx/cjs/api";

register();
createRequire(import.meta.url)(fileURLToPath(workerData.entry));

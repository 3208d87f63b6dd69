import { Worker } from "node:worker_threads";
import type { ImportFormat } from "../../../common/contracts/imports.ts";
import { AppError } from "../../lib/errors.ts";
import { ImportErrors } from "./imports.errors.ts";
import type { ParseMessage, ParseRequest } from "./parse-worker.ts";
import type { ReadRow } from "./sheet-rows.ts";
import type { XlsxLimits } from "./xlsx-reader.ts";

/**
 * Reading a file's rows in a worker thread, so that no file — damaged, hostile, or merely huge — can stall
 * the server's event loop or exhaust its memory: the worker has its own heap limit, and a batch of rows
 * that does not arrive in time ends it. Whatever happens to the worker, the caller gets an AppError of
 * the imports module (a 4xx), and the worker is gone when the reading ends, fails, or is abandoned.
 */

export type WorkerLimits = {
  /** Longest wait for the next batch of rows (the worker's work between two batches is linear and small). */
  batchTimeoutMs: number;
  /** The worker's JavaScript heap (a 200,000-row workbook with shared strings needs about 150 MB). */
  maxHeapMb: number;
  /** Cells per batch posted to this thread. */
  batchCells: number;
};

export const DEFAULT_WORKER_LIMITS: WorkerLimits = {
  batchTimeoutMs: 30_000,
  maxHeapMb: 1024,
  batchCells: 50_000,
};

export type WorkerReadOptions = {
  onBytes?: (bytesRead: number) => void;
  worker?: Partial<WorkerLimits>;
  limits?: Partial<XlsxLimits>;
  /** Which worksheet of an xlsx, by position (0: the first); a later sheet the workbook lacks has no rows. */
  sheet?: number;
};

const BOOT = new URL("./parse-worker.mjs", import.meta.url);
const ENTRY = new URL("./parse-worker.ts", import.meta.url).href;

const unreadable = (reason: "time" | "memory" | "crash", cause?: unknown) =>
  new AppError(ImportErrors.IMPORT_FILE_UNREADABLE, { details: { reason }, ...(cause ? { cause } : {}) });

/** The rows of the file, read by a worker thread under time and memory limits. */
export async function* readRowsInWorker(
  filePath: string,
  format: ImportFormat,
  options: WorkerReadOptions = {},
): AsyncGenerator<ReadRow> {
  const limits = { ...DEFAULT_WORKER_LIMITS, ...options.worker };
  const request: ParseRequest & { entry: string } = {
    entry: ENTRY,
    file: filePath,
    format,
    batchCells: limits.batchCells,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
  };
  const worker = new Worker(BOOT, {
    workerData: request,
    resourceLimits: {
      maxOldGenerationSizeMb: limits.maxHeapMb,
      maxYoungGenerationSizeMb: 32,
      stackSizeMb: 4,
    },
  });
  const queue: ParseMessage[] = [];
  let failure: AppError | undefined;
  let waiting: { resolve(m: ParseMessage): void; reject(e: AppError): void } | undefined;
  const fail = (error: AppError) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = undefined;
  };
  worker.on("message", (m: ParseMessage) => {
    if (waiting) {
      waiting.resolve(m);
      waiting = undefined;
    } else queue.push(m);
  });
  worker.on("error", (error: Error & { code?: string }) => {
    fail(unreadable(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crash", error));
  });
  worker.on("exit", (code) => fail(unreadable("crash", new Error(`parse worker exited with code ${code}`))));

  const next = (): Promise<ParseMessage> => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    if (failure) return Promise.reject(failure);
    return new Promise<ParseMessage>((resolve, reject) => {
      const timer = setTimeout(() => fail(unreadable("time")), limits.batchTimeoutMs);
      waiting = {
        resolve(m) {
          clearTimeout(timer);
          resolve(m);
        },
        reject(e) {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  };

  try {
    // Two batches asked for ahead: the worker reads the next while this thread handles the last.
    worker.postMessage("more");
    worker.postMessage("more");
    for (;;) {
      const m = await next();
      if (m.type === "error") {
        const code = ImportErrors[m.code as keyof typeof ImportErrors] ?? ImportErrors.IMPORT_FILE_UNREADABLE;
        throw new AppError(code, { details: m.details, cause: new Error(m.message) });
      }
      options.onBytes?.(m.bytesRead);
      if (m.type === "end") return;
      worker.postMessage("more");
      yield* m.rows;
    }
  } finally {
    worker.removeAllListeners("exit");
    await worker.terminate();
  }
}

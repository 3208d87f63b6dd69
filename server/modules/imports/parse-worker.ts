import { parentPort, workerData } from "node:worker_threads";
import type { ImportFormat } from "../../../common/contracts/imports.ts";
import { AppError } from "../../lib/errors.ts";
import { type ReadRow, readRowBatches } from "./sheet-rows.ts";
import type { XlsxLimits } from "./xlsx-reader.ts";

/**
 * The parse worker: reads the rows of one file and posts them to the server's thread in batches, one
 * batch per "more" it is sent (the importer's pace; at most a couple of batches wait in memory).
 * Started by readRowsInWorker (parse-worker-client.ts) with time and memory limits.
 */

export type ParseRequest = {
  file: string;
  format: ImportFormat;
  limits?: Partial<XlsxLimits>;
  /** Which worksheet of an xlsx, by position (0: the first). */
  sheet?: number;
  /** Cells per message: a batch of very wide rows is split so no message is large. */
  batchCells: number;
};

export type ParseMessage =
  | { type: "rows"; rows: ReadRow[]; bytesRead: number }
  | { type: "end"; bytesRead: number }
  | { type: "error"; code: string; details: unknown; message: string };

const port = parentPort!;
const request = workerData as ParseRequest & { entry: string };
let credit = 0;
let wake: (() => void) | undefined;
port.on("message", (m) => {
  if (m === "more") {
    credit++;
    wake?.();
  }
});

async function send(message: ParseMessage) {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = undefined;
  credit--;
  port.postMessage(message);
}

async function run() {
  let bytesRead = 0;
  try {
    const batches = readRowBatches(request.file, request.format, {
      onBytes: (n) => {
        bytesRead = n;
      },
      ...(request.limits ? { limits: request.limits } : {}),
      ...(request.sheet ? { sheet: request.sheet } : {}),
    });
    let rows: ReadRow[] = [];
    let cells = 0;
    for await (const batch of batches) {
      for (const row of batch) {
        rows.push(row);
        cells += row.cells.length + 1;
        if (cells >= request.batchCells) {
          await send({ type: "rows", rows, bytesRead });
          rows = [];
          cells = 0;
        }
      }
      if (rows.length) {
        await send({ type: "rows", rows, bytesRead });
        rows = [];
        cells = 0;
      }
    }
    port.postMessage({ type: "end", bytesRead } satisfies ParseMessage);
  } catch (error) {
    const e = error instanceof AppError ? error : undefined;
    port.postMessage({
      type: "error",
      code: e?.code ?? "IMPORT_FILE_UNREADABLE",
      details: e?.details ?? { reason: "crash" },
      message: error instanceof Error ? error.message : String(error),
    } satisfies ParseMessage);
  }
}

void run();

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ImportJob, ImportProgress, ImportReport } from "../../../common/contracts/imports.ts";
import type { Actor } from "../../lib/actor.ts";
import { appErrorOfDatabase } from "../../lib/database-errors.ts";
import { AppError, CoreErrors, messageOf } from "../../lib/errors.ts";
import { ImportErrors } from "./imports.errors.ts";
import type { ImportsService } from "./imports.service.ts";
import { createSpoolDir } from "./spool-dir.ts";
import { SNIFF_BYTES, sniffFormat } from "./spreadsheet.ts";

/**
 * Imports started over HTTP: the upload is spooled to a private temporary folder (refused as soon as its
 * first bytes show it is not a spreadsheet, or when it passes the size limit), then imported as a job
 * whose progress and report can be asked for (GET /api/imports/{id}) and whose error file can be
 * downloaded. Jobs live in memory for an hour; only the user who started one (or an admin) sees it.
 */

type JobState = {
  job: ImportJob;
  ownerId: number | null;
  errorFile: string | null;
  downloadName: string;
  done: Promise<void>;
  /** The unexpected error behind a failed job (logged by the route, never shown). */
  cause?: unknown;
  /** The error a failed job ended with, answered again to whoever waits for it. */
  failure?: AppError;
};

export type ImportJobs = ReturnType<typeof createImportJobs>;

const KEEP_MS = 60 * 60 * 1000;

export function createImportJobs({ imports, maxBytes }: { imports: ImportsService; maxBytes: number }) {
  const jobs = new Map<string, JobState>();
  let dir: string | undefined;
  const workDir = () => {
    dir ??= createSpoolDir();
    return dir;
  };

  /**
   * Spools an upload and starts importing it. Refuses at once what is not a spreadsheet or too large, and
   * when another import is running.
   */
  async function start(
    actor: Actor,
    upload: { stream: Readable; fileName: string },
    options: { dryRun: boolean },
  ): Promise<JobState> {
    if (imports.isRunning()) {
      upload.stream.resume();
      throw new AppError(ImportErrors.IMPORT_BUSY);
    }
    const id = randomUUID();
    const fileName = path.basename(upload.fileName || "tep-nhap").slice(0, 200);
    const file = path.join(workDir(), `${id}.upload`);
    await spool(upload.stream, file, maxBytes);
    const base = fileName.replace(/\.[^.]*$/, "");
    const state: JobState = {
      ownerId: actor.userId,
      errorFile: null,
      downloadName: `${base}-loi`,
      done: Promise.resolve(),
      job: {
        id,
        status: "running",
        fileName,
        dryRun: options.dryRun,
        startedAt: new Date().toISOString(),
        progress: { read: 0, validated: 0, written: 0, bytesRead: 0, bytesTotal: fs.statSync(file).size },
        report: null,
        error: null,
      },
    };
    jobs.set(id, state);
    const errorFile = path.join(workDir(), `${id}.errors`);
    state.done = imports
      .importCadres(
        actor,
        { path: file, fileName },
        {
          id,
          dryRun: options.dryRun,
          errorFilePath: errorFile,
          onProgress: (p: ImportProgress) => {
            state.job.progress = p;
          },
        },
      )
      .then((report: ImportReport) => {
        if (report.errorCount > 0 && fs.existsSync(errorFile)) {
          state.errorFile = errorFile;
          state.downloadName = `${base}-loi.${report.format}`;
          report.errorFileUrl = `/api/imports/${id}/error-file`;
        }
        state.job.report = report;
        state.job.status = "done";
      })
      .catch((error: unknown) => {
        // A refusal of the database reads as it would over HTTP: a backup running, a concurrent change…
        const e =
          error instanceof AppError
            ? error
            : (appErrorOfDatabase(error) ?? new AppError(CoreErrors.INTERNAL, { cause: error }));
        state.job.status = "failed";
        state.job.error = { code: e.code, message: messageOf(e.definition, "vi"), details: e.details };
        state.failure = e;
        if (e.code === "INTERNAL") state.cause = error;
      })
      .finally(() => {
        fs.rmSync(file, { force: true });
        const timer = setTimeout(() => forget(id), KEEP_MS);
        timer.unref();
      });
    return state;
  }

  function forget(id: string) {
    const state = jobs.get(id);
    if (state?.errorFile) fs.rmSync(state.errorFile, { force: true });
    jobs.delete(id);
  }

  /** A job of the actor (admins see every job). */
  function get(actor: Actor, id: string): JobState {
    const state = jobs.get(id);
    const mayRead = state && (state.ownerId === actor.userId || actor.roles.includes("admin"));
    if (!state || !mayRead) throw new AppError(ImportErrors.IMPORT_JOB_NOT_FOUND);
    return state;
  }

  /** Removes every job and file (server shutdown, tests). */
  function clear() {
    for (const id of [...jobs.keys()]) forget(id);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  }

  return { start, get, clear };
}

/**
 * Writes the stream to a file. The first bytes are checked before the rest is read: junk is refused
 * without reading it all; the size limit stops an oversized upload as soon as it is passed.
 */
export async function spool(stream: Readable, file: string, maxBytes: number): Promise<void> {
  const head: Buffer[] = [];
  let headBytes = 0;
  let total = 0;
  const iterator = stream[Symbol.asyncIterator]();
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = next.value as Buffer;
    head.push(chunk);
    headBytes += chunk.length;
  }
  const first = Buffer.concat(head);
  try {
    sniffFormat(first.subarray(0, SNIFF_BYTES), ended);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  total = first.length;
  if (total > maxBytes) {
    stream.destroy();
    throw new AppError(ImportErrors.IMPORT_FILE_TOO_LARGE, { details: { maxBytes } });
  }
  const out = fs.createWriteStream(file, { mode: 0o600 });
  try {
    await pipeline(async function* () {
      yield first;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const chunk = next.value as Buffer;
        total += chunk.length;
        if (total > maxBytes)
          throw new AppError(ImportErrors.IMPORT_FILE_TOO_LARGE, { details: { maxBytes } });
        yield chunk;
      }
    }, out);
  } catch (error) {
    stream.destroy();
    fs.rmSync(file, { force: true });
    throw error;
  }
}

import {
  type ImportFormat,
  type ImportProgress,
  type ImportReport,
  type ImportRowError,
  REPORT_ERRORS_MAX,
} from "../../../common/contracts/imports.ts";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import type { HistoriesService } from "../cadres/index.ts";
import { writeErrorFile } from "./error-file.ts";
import { ImportErrors } from "./imports.errors.ts";
import * as repo from "./imports.repo.ts";
import { isBlankRow } from "./layout.ts";
import { csvDelimiterOf, type SheetRow } from "./spreadsheet.ts";
import {
  addTrainings,
  missingTrainingColumns,
  parseTrainingRows,
  planTrainings,
  trainingsErrorLayout,
} from "./trainings.ts";

/**
 * A file of training courses only (issue 10, "trainings in the import and export", for CSV users): a CSV
 * holds one table, so the courses travel as a file of their own whose header row is the trainings columns
 * (trainings.ts), the file `GET /api/cadres/trainings/export` and `canbo export trainings` write. It goes
 * through the cadre import (route, page, `canbo import cadres`), recognised by its header, with the rules
 * of the trainings sheet of a cadre workbook: a row of a staff code unknown or outside the importer's
 * scope is a row error, a row identical to a course the person has (or to an earlier row) is left out, so
 * re-importing an export adds nothing; dry run; any bad row and nothing is written. The courses are added
 * in one transaction, through the cadres module's histories (one audit row each) and with the import's
 * own audit row: all or nothing without an undo journal.
 */

export type TrainingsFileDeps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  histories: Pick<HistoriesService, "addInTx">;
  /** Undoes the imports a dead process left active (the one-import-at-a-time rule of the cadre import). */
  recoverInterrupted: () => Promise<unknown>;
  /** Runs the work again while a backup holds the database read-only. */
  onceWritable: <T>(work: () => Promise<T>) => Promise<T>;
  errorsKept: number;
  maxRows: number;
};

export type TrainingsFileInput = {
  id: string;
  source: { path: string; fileName: string };
  format: ImportFormat;
  /** The header row, already read; `rows` continues after it. */
  header: SheetRow;
  rows: AsyncGenerator<SheetRow>;
  dryRun: boolean;
  today: string;
  started: number;
  progress: ImportProgress;
  report: () => void;
  errorFilePath?: string;
};

export async function importTrainingsFile(
  deps: TrainingsFileDeps,
  actor: Actor,
  input: TrainingsFileInput,
): Promise<ImportReport> {
  const { db, audit, histories } = deps;
  const { id, source, format, header, rows, dryRun, today, progress } = input;
  const missing = missingTrainingColumns(header.cells);
  if (missing.length > 0) {
    await rows.return(undefined);
    throw new AppError(ImportErrors.IMPORT_HEADERS_INVALID, {
      details: {
        summary: `Tệp đào tạo, bồi dưỡng thiếu cột: ${missing.join(", ")}.`,
        missing,
        unknown: [],
        duplicate: [],
      },
    });
  }

  await deps.recoverInterrupted();
  const registered = await db.transaction((tx) =>
    repo.beginRun(tx, { id, actorUsername: actor.username, fileName: source.fileName }),
  );
  if (!registered) {
    await rows.return(undefined);
    throw new AppError(ImportErrors.IMPORT_BUSY);
  }
  let state: repo.RunState = "failed";
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  let invalidRows = 0;
  const addErrors = (found: readonly ImportRowError[]) => {
    errorCount += found.length;
    for (const e of found) if (errors.length < deps.errorsKept) errors.push(e);
    invalidRows += new Set(found.map((e) => e.row)).size;
  };
  let dataRows = 0;
  let committed = false;
  const trainings = { rows: 0, added: 0, unchanged: 0 };
  try {
    const table: SheetRow[] = [header];
    for await (const row of rows) {
      if (isBlankRow(row.cells)) continue;
      dataRows++;
      if (dataRows > deps.maxRows)
        throw new AppError(ImportErrors.IMPORT_TOO_MANY_ROWS, { details: { maxRows: deps.maxRows } });
      table.push(row);
      progress.read = dataRows;
      if (dataRows % 1000 === 0) input.report();
    }
    if (dataRows === 0) throw new AppError(ImportErrors.IMPORT_NO_ROWS);
    const parsed = parseTrainingRows(table, "file");
    const planned = await db.transaction(async (tx) => {
      await repo.heartbeat(tx, id);
      return planTrainings(tx, actor, parsed.rows, { today, cadreSheetCodes: new Set(), place: "file" });
    });
    // A row's errors of the file and its problem with the records are never both reported (planned
    // rows are the valid ones), so the rows count once.
    addErrors([...parsed.errors, ...planned.errors]);
    trainings.rows = dataRows;
    trainings.added = planned.toAdd.length;
    trainings.unchanged = planned.unchanged;
    progress.validated = dataRows;
    input.report();

    if (dryRun || errorCount > 0) {
      state = "checked";
    } else {
      await db.transaction(async (tx) => {
        await repo.heartbeat(tx, id);
        const done = await addTrainings(tx, actor, histories, parsed.rows, { today, place: "file" });
        if (done.errors.length > 0) {
          addErrors(done.errors);
          throw new AppError(ImportErrors.IMPORT_RECORDS_CHANGED, {
            details: { rows: done.errors.slice(0, 20).map((e) => e.row) },
          });
        }
        trainings.added = done.added;
        trainings.unchanged = done.unchanged;
        await audit.record(tx, actor, {
          action: "cadres.imported",
          entityType: "import",
          entityId: id,
          after: {
            fileName: source.fileName,
            format,
            content: "trainings",
            rows: dataRows,
            trainingsAdded: done.added,
          },
        });
        await repo.setRunState(tx, id, "applied");
      });
      state = "applied";
      committed = true;
      progress.written = dataRows;
      input.report();
    }
  } catch (error) {
    state = "failed";
    try {
      await deps.onceWritable(() => db.transaction((tx) => repo.setRunState(tx, id, "failed")));
    } catch {
      // The database is gone too: the run stays active and is marked failed when it is back.
    }
    throw error;
  } finally {
    await rows.return(undefined);
    if (state === "checked")
      await deps.onceWritable(() => db.transaction((tx) => repo.setRunState(tx, id, "checked")));
  }

  errors.sort((a, b) => a.row - b.row);
  if (errors.length > 0 && input.errorFilePath) {
    const messages = new Map<number, string[]>();
    for (const e of errors) {
      const text = e.header && !e.message.startsWith(e.header) ? `${e.header}: ${e.message}` : e.message;
      messages.set(e.row, [...(messages.get(e.row) ?? []), text]);
    }
    await writeErrorFile({
      source: source.path,
      format,
      ...(format === "csv" ? { delimiter: await csvDelimiterOf(source.path) } : {}),
      headerRowNo: header.rowNo,
      layout: trainingsErrorLayout(header.cells),
      messages,
      target: input.errorFilePath,
    });
  }
  return {
    id,
    fileName: source.fileName,
    format,
    content: "trainings",
    dryRun,
    committed,
    rows: dataRows,
    invalidRows,
    created: 0,
    updated: 0,
    unchanged: 0,
    trainings,
    errorCount,
    errors: errors.slice(0, REPORT_ERRORS_MAX),
    errorsTruncated: errorCount > REPORT_ERRORS_MAX,
    errorFileUrl: null,
    seconds: Math.round((performance.now() - input.started) / 10) / 100,
  };
}

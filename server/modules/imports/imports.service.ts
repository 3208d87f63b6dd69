import { randomUUID } from "node:crypto";
import { setImmediate, setTimeout } from "node:timers/promises";
import {
  IMPORT_COLUMNS,
  type ImportProgress,
  type ImportReport,
  type ImportRowError,
  REPORT_ERRORS_MAX,
} from "../../../common/contracts/imports.ts";
import { formatDmy } from "../../../common/rules/dates.ts";
import type { Db } from "../../db/client.ts";
import { pieceSize } from "../../db/pieces.ts";
import { analyzeTable } from "../../db/statistics.ts";
import { type Actor, authorize, hasPermission, systemActor } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { appErrorOfDatabase } from "../../lib/database-errors.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import type { CadresBulkWriter, HistoriesService } from "../cadres/index.ts";
import { writeErrorFile } from "./error-file.ts";
import { ImportErrors } from "./imports.errors.ts";
import * as repo from "./imports.repo.ts";
import { isBlankRow, isHintRow, resolveHeader } from "./layout.ts";
import { createRowValidator, type ParsedRow } from "./rows.ts";
import { csvDelimiterOf, readRows, type SheetRow, sniffFile } from "./spreadsheet.ts";
import {
  addTrainings,
  isTrainingsHeader,
  parseTrainingRows,
  planTrainings,
  TRAININGS_SHEET_POSITION,
  type TrainingRow,
} from "./trainings.ts";
import { importTrainingsFile } from "./trainings-file.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  /** The cadres module's writer: the import writes records only through it. */
  bulk: CadresBulkWriter;
  clock: Clock;
  /** The cadres module's histories: training courses of the second sheet are added through it. */
  histories?: Pick<HistoriesService, "addInTx">;
  /** Largest file accepted (bytes). */
  maxBytes?: number;
  /** Rows per staging batch. */
  batchSize?: number;
  /** Row errors kept in memory (ERRORS_HELD by default). */
  errorsHeld?: number;
  /** How often, and how long at most, the tidying up after an import waits out a backup (BACKUP_WAIT). */
  backupWait?: { pollMs: number; maxMs: number };
};

/** A file to import, already on disk (the CLI's argument, or an upload spooled by the route). */
export type ImportSource = { path: string; fileName: string };

export type ImportOptions = {
  dryRun?: boolean;
  /** Where to write the error file when there are bad rows (none is written without it). */
  errorFilePath?: string;
  /** Called as rows are read, checked and written (the CLI's progress bar, the API's job status). */
  onProgress?: (progress: ImportProgress) => void;
  /** The import's id (the API's job id); a new one otherwise. */
  id?: string;
};

export type ImportsService = ReturnType<typeof createImportsService>;

/** Default limit of an upload: a 200,000-row workbook is ~30 MB, the same rows as CSV ~70 MB. */
export const DEFAULT_MAX_IMPORT_BYTES = 150 * 1024 * 1024;
/** More rows than the national profile (2M cadres) in one file is a mistake. */
export const MAX_IMPORT_ROWS = 2_500_000;
/** Rows per check batch: one batch is one short transaction (~150 ms on PGlite: ADR 0001). */
const DEFAULT_BATCH = 1_000;
/**
 * The apply phase writes more per row than the check reads (a 1,000-row batch held the embedded database
 * for ~450 ms, and a list request waits behind one batch per statement), so its transactions are sized by
 * time: slices of SLICE_ROWS checked rows, as many per transaction as take about APPLY_TARGET_MS.
 */
const SLICE_ROWS = 50;
const APPLY_TARGET_MS = 150;
/** Rows checked between two turns of the event loop. */
const YIELD_EVERY_ROWS = 50;
/** Tables an import writes, analysed after a large one. */
const IMPORTED_TABLES = [
  "cadres",
  "cadre_assignments",
  "cadre_tiers",
  "cadre_salaries",
  "cadre_qualifications",
];
/** An import refreshes the planner's statistics once it has written this many rows, then at each doubling. */
const ANALYZE_FIRST = 5_000;

/** Row errors kept in memory for the report and the error file; more are only counted. */
export const ERRORS_HELD = 100_000;

/** An active import whose process has not beaten for this long is taken as dead (another process). */
const STALE_SECONDS = 120;

/** Consecutive row ranges of at most `size` rows covering the batch (its rows are in row order). */
function slices(rows: readonly ParsedRow[], size: number): (repo.RowRange & { size: number })[] {
  const out: (repo.RowRange & { size: number })[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    out.push({ first: part[0]!.rowNo, last: part[part.length - 1]!.rowNo, size: part.length });
  }
  return out;
}

/**
 * A backup of the embedded database holds it read-only for as long as it reads (server/db/backup.ts): the
 * undo of an import it stopped is tried again every second, for at most half an hour.
 */
const BACKUP_WAIT = { pollMs: 1_000, maxMs: 30 * 60 * 1000 };

/** The key of a column, for ordering errors within a row as the columns stand in the template. */
const COLUMN_ORDER = new Map<string, number>(IMPORT_COLUMNS.map((c, i) => [c.key, i]));

export function createImportsService({
  db,
  audit,
  bulk,
  clock,
  histories,
  maxBytes,
  batchSize,
  errorsHeld,
  backupWait,
}: Deps) {
  const errorsKept = errorsHeld ?? ERRORS_HELD;
  const wait = backupWait ?? BACKUP_WAIT;
  const limit = maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const batchRows = batchSize ?? DEFAULT_BATCH;
  let running = false;

  /**
   * Imports cadre records from a spreadsheet (issue "Cadre records", item 5). Every row is checked and
   * every bad row reported with its row number, column and reason. A real run is all or nothing: one
   * transaction, written only when no row is bad. People are matched by staff code or ID number and
   * updated in place; histories get a new dated row (the previous one ends that day), never an overwrite;
   * a row equal to the record changes nothing. A dry run checks everything and changes nothing.
   */
  async function importCadres(
    actor: Actor,
    source: ImportSource,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    authorize(actor, "cadres.import");
    if (running) throw new AppError(ImportErrors.IMPORT_BUSY);
    running = true;
    try {
      return await run(actor, source, options);
    } finally {
      running = false;
    }
  }

  async function run(actor: Actor, source: ImportSource, options: ImportOptions): Promise<ImportReport> {
    const started = performance.now();
    const id = options.id ?? randomUUID();
    const dryRun = options.dryRun === true;
    const today = clock.today();
    const { format, size } = await sniffFile(source.path, limit);
    const progress: ImportProgress = { read: 0, validated: 0, written: 0, bytesRead: 0, bytesTotal: size };
    const report = () => options.onProgress?.({ ...progress });
    const rows = readRows(source.path, format, {
      onBytes: (n) => {
        progress.bytesRead = n;
      },
    });

    // The header is the first row that is not blank.
    let header: SheetRow | undefined;
    for (;;) {
      const next = await rows.next();
      if (next.done) break;
      if (!isBlankRow(next.value.cells)) {
        header = next.value;
        break;
      }
    }
    if (!header) throw new AppError(ImportErrors.IMPORT_FILE_EMPTY);
    // A file whose header is the trainings columns holds courses only (how a CSV carries them).
    if (isTrainingsHeader(header.cells))
      return importTrainingsFile(
        {
          db,
          audit,
          histories: historiesOrFail(),
          recoverInterrupted: () => recoverInterrupted({ staleSeconds: STALE_SECONDS }),
          onceWritable,
          errorsKept,
          maxRows: MAX_IMPORT_ROWS,
        },
        actor,
        {
          id,
          source,
          format,
          header,
          rows,
          dryRun,
          today,
          started,
          progress,
          report,
          ...(options.errorFilePath ? { errorFilePath: options.errorFilePath } : {}),
        },
      );
    const layout = resolveHeader(header.cells, { maySeeSensitive: hasPermission(actor, "cadres.sensitive") });

    const errors: ImportRowError[] = [];
    const counts: repo.BatchCounts = { created: 0, updated: 0, unchanged: 0 };
    // At most ERRORS_HELD errors are kept (for the report and the error file); the rest are counted. Bad
    // rows are counted as they come: a row's errors of the file come together, its problems with the
    // records together in one batch.
    let errorCount = 0;
    let invalidRows = 0;
    const addError = (e: ImportRowError) => {
      errorCount++;
      if (errors.length < errorsKept) errors.push(e);
    };
    const addProblems = (problems: readonly repo.RowProblem[]) => {
      for (const p of problems) addError(problemError(p));
      invalidRows += new Set(problems.map((p) => p.rowNo)).size;
    };
    let dataRows = 0;
    let committed = false;
    const cadreSheetCodes = new Set<string>();
    const trainings = { rows: 0, added: 0, unchanged: 0 };
    let trainingRows: TrainingRow[] = [];

    // One import at a time, in this process and in any other sharing the database; an import whose
    // process died is undone first.
    await recoverInterrupted({ staleSeconds: STALE_SECONDS });
    const registered = await db.transaction((tx) =>
      repo.beginRun(tx, { id, actorUsername: actor.username, fileName: source.fileName }),
    );
    if (!registered) throw new AppError(ImportErrors.IMPORT_BUSY);
    let state: repo.RunState = "failed";
    try {
      await db.transaction((tx) => repo.resetStaging(tx));
      const refs = await db.transaction((tx) => repo.loadReferences(tx, actor.scope));
      const validate = createRowValidator(refs, layout, today);

      // 1. Check: the valid rows are staged and compared with the records batch by batch, each batch a
      // short transaction of its own (others wait at most that long: ADR 0001). Nothing is written yet.
      // Rows are parsed here while the database checks the previous batch: at most one batch in flight.
      const ranges: (repo.RowRange & { size: number })[] = [];
      let batch: ParsedRow[] = [];
      let inFlight: Promise<void> = Promise.resolve();
      let failure: unknown;
      const flush = async (rowsOfBatch: ParsedRow[]) => {
        await inFlight;
        if (failure) throw failure;
        inFlight = checkBatch(rowsOfBatch).catch((error: unknown) => {
          failure = error;
        });
      };
      const checkBatch = async (rowsOfBatch: ParsedRow[]) => {
        const range = { first: rowsOfBatch[0]!.rowNo, last: rowsOfBatch[rowsOfBatch.length - 1]!.rowNo };
        const staged = repo.prepareStaging(rowsOfBatch);
        ranges.push(...slices(rowsOfBatch, batchSize ?? SLICE_ROWS));
        await db.transaction(async (tx) => {
          await repo.heartbeat(tx, id);
          await repo.stageInput(tx, staged);
          await repo.compareBatch(tx, range, { reserveIds: false });
          const problems = await repo.findProblems(tx, { scope: actor.scope, today });
          addProblems(problems);
          await repo.rememberMatched(tx);
          const c = await repo.countBatch(
            tx,
            problems.map((p) => p.rowNo),
          );
          counts.created += c.created;
          counts.updated += c.updated;
          counts.unchanged += c.unchanged;
        });
        progress.validated += rowsOfBatch.length;
        report();
      };

      let lastReport = 0;
      for await (const row of rows) {
        if (isBlankRow(row.cells) || isHintRow(layout, row.cells)) continue;
        dataRows++;
        if (dataRows > MAX_IMPORT_ROWS) {
          throw new AppError(ImportErrors.IMPORT_TOO_MANY_ROWS, { details: { maxRows: MAX_IMPORT_ROWS } });
        }
        progress.read = dataRows;
        // Checking rows is JavaScript on the server's thread while the previous batch's transaction runs:
        // let its statements through now and then, or the transaction (and everyone waiting behind it on
        // the embedded database) waits for the checking (ADR 0001).
        if (dataRows % YIELD_EVERY_ROWS === 0) await setImmediate();
        const result = validate(row);
        if (result.row) {
          batch.push(result.row);
          cadreSheetCodes.add(result.row.staffCode);
        } else {
          for (const e of result.errors) addError(e);
          invalidRows++;
          progress.validated++;
        }
        if (batch.length >= batchRows) {
          await flush(batch);
          batch = [];
        }
        if (dataRows - lastReport >= 1000) {
          lastReport = dataRows;
          report();
        }
      }
      if (batch.length) await flush(batch);
      await inFlight;
      if (failure) throw failure;
      report();
      if (dataRows === 0) throw new AppError(ImportErrors.IMPORT_NO_ROWS);

      // The training courses of the second sheet (xlsx only): checked against the file and the records,
      // added in the last transaction of the apply phase.
      if (format === "xlsx") {
        const sheetRows: SheetRow[] = [];
        for await (const r of readRows(source.path, format, { sheet: TRAININGS_SHEET_POSITION }))
          sheetRows.push(r);
        const parsed = parseTrainingRows(sheetRows);
        trainings.rows = parsed.rows.length + new Set(parsed.errors.map((e) => e.row)).size;
        const planned = await db.transaction((tx) =>
          planTrainings(tx, actor, parsed.rows, { today, cadreSheetCodes }),
        );
        for (const e of [...parsed.errors, ...planned.errors]) addError(e);
        invalidRows += new Set([...parsed.errors, ...planned.errors].map((e) => e.row)).size;
        trainingRows = parsed.rows;
        trainings.added = planned.toAdd.length;
        trainings.unchanged = planned.unchanged;
      }

      // 2. Apply, only a real run of a file without bad rows: batch by batch again, each batch locked,
      // compared once more with the records as they are now, written and journaled in one short
      // transaction. A problem that appeared meanwhile (someone else's change), an error or a crash
      // undoes what was applied (here, or when the server starts again): all or nothing.
      if (dryRun || errorCount > 0) {
        state = "checked";
      } else {
        await db.transaction(async (tx) => {
          await repo.setRunState(tx, id, "applying");
          await repo.forgetMatched(tx);
        });
        state = "applying";
        const ctx = { actor, fileName: source.fileName, importId: id, now: clock.now() };
        let nextAnalyze = ANALYZE_FIRST;
        // Tests that give a batch size get one transaction per batch, as in the check phase.
        const perPiece = pieceSize({
          initial: Math.ceil(200 / SLICE_ROWS),
          min: 1,
          max: Math.ceil(DEFAULT_BATCH / SLICE_ROWS),
          fixed: batchSize !== undefined,
          targetMs: APPLY_TARGET_MS,
        });
        for (let next = 0; next < ranges.length; ) {
          const group = ranges.slice(next, next + (batchSize === undefined ? perPiece.size : 1));
          next += group.length;
          const range = {
            first: group[0]!.first,
            last: group[group.length - 1]!.last,
            size: group.reduce((n, r) => n + r.size, 0),
          };
          const problems = await perPiece.timed(() =>
            db.transaction(async (tx) => {
              await repo.heartbeat(tx, id);
              await repo.lockNamed(tx, range);
              await repo.compareBatch(tx, range, { reserveIds: true });
              const found = await repo.findProblems(tx, { scope: actor.scope, today });
              if (found.length > 0) return found;
              await repo.rememberMatched(tx);
              await conflictsAsAppErrors(() => bulk.applyStaged(tx, ctx));
              return [];
            }),
          );
          if (problems.length > 0) {
            addProblems(problems);
            throw new AppError(ImportErrors.IMPORT_RECORDS_CHANGED, {
              details: { rows: problems.slice(0, 20).map((p) => p.rowNo) },
            });
          }
          progress.written += range.size;
          report();
          // The tables grow under the planner's feet (the embedded database has no autovacuum): fresh
          // statistics each time the written rows double keep every user's queries on good plans.
          if (progress.written >= nextAnalyze) {
            nextAnalyze *= 2;
            await analyze("quick");
          }
        }
        await db.transaction(async (tx) => {
          if (trainingRows.length > 0) {
            const done = await addTrainings(tx, actor, historiesOrFail(), trainingRows, {
              today,
              place: "sheet",
            });
            if (done.errors.length > 0) {
              for (const e of done.errors) addError(e);
              throw new AppError(ImportErrors.IMPORT_RECORDS_CHANGED, {
                details: { rows: done.errors.slice(0, 20).map((e) => e.row) },
              });
            }
            trainings.added = done.added;
            trainings.unchanged = done.unchanged;
          }
          await audit.record(tx, actor, {
            action: "cadres.imported",
            entityType: "import",
            entityId: id,
            after: {
              fileName: source.fileName,
              format,
              rows: dataRows,
              created: counts.created,
              updated: counts.updated,
              unchanged: counts.unchanged,
              trainingsAdded: trainings.added,
            },
          });
          await repo.setRunState(tx, id, "applied");
        });
        state = "applied";
        committed = true;
        // Fresh statistics for the planner (the embedded database has no autovacuum): without them the
        // first lists after a large import took seconds.
        if (counts.created + counts.updated >= ANALYZE_FIRST) await analyze("full");
      }
    } catch (error) {
      const wasApplying = state === "applying";
      state = "failed";
      try {
        // Undone before the failure is reported: a backup that stopped the import is waited out, so
        // that nothing of the import stays in the records once the user reads that it failed.
        if (wasApplying) await onceWritable(() => undoRun(id, source.fileName));
        else await onceWritable(() => db.transaction((tx) => repo.setRunState(tx, id, "failed")));
      } catch {
        // The database is gone too: the run stays active and is undone when it is back (recoverInterrupted).
      }
      throw error;
    } finally {
      await rows.return(undefined);
      // A backup that starts after the last batch does not turn an import that was applied into a failure.
      if (state === "checked")
        await onceWritable(() => db.transaction((tx) => repo.setRunState(tx, id, "checked")));
      if (state === "applied") await onceWritable(() => bulk.forget(db, id));
      await onceWritable(() => db.transaction((tx) => repo.resetStaging(tx)));
    }

    errors.sort(
      (a, b) =>
        a.row - b.row || (COLUMN_ORDER.get(a.column ?? "") ?? -1) - (COLUMN_ORDER.get(b.column ?? "") ?? -1),
    );
    if (errors.length && options.errorFilePath) {
      const messages = new Map<number, string[]>();
      for (const e of errors) {
        // The error file is the cadre sheet with a column Lỗi: errors of the trainings sheet are in the report.
        if (e.sheet) continue;
        const text = e.header && !e.message.startsWith(e.header) ? `${e.header}: ${e.message}` : e.message;
        messages.set(e.row, [...(messages.get(e.row) ?? []), text]);
      }
      await writeErrorFile({
        source: source.path,
        format,
        ...(format === "csv" ? { delimiter: await csvDelimiterOf(source.path) } : {}),
        headerRowNo: header.rowNo,
        layout,
        messages,
        target: options.errorFilePath,
      });
    }
    return {
      id,
      fileName: source.fileName,
      format,
      content: "cadres",
      dryRun,
      committed,
      rows: dataRows,
      invalidRows,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      ...(format === "xlsx" ? { trainings } : {}),
      errorCount,
      errors: errors.slice(0, REPORT_ERRORS_MAX),
      errorsTruncated: errorCount > REPORT_ERRORS_MAX,
      errorFileUrl: null,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  }

  function historiesOrFail(): Pick<HistoriesService, "addInTx"> {
    if (!histories) throw new Error("imports: no histories service");
    return histories;
  }

  /** Refreshes the statistics of the tables an import writes, one table at a time (short statements). */
  async function analyze(mode: "quick" | "full"): Promise<void> {
    for (const table of IMPORTED_TABLES) await analyzeTable(db, table, mode);
  }

  /**
   * Runs `work` again while a backup holds the database read-only (SQLSTATE 25006, answered as
   * BACKUP_IN_PROGRESS), every `wait.pollMs`, for at most `wait.maxMs`; any other error is thrown at once.
   */
  async function onceWritable<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + wait.maxMs;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (appErrorOfDatabase(error)?.code !== "BACKUP_IN_PROGRESS" || Date.now() >= deadline) throw error;
        await setTimeout(wait.pollMs);
      }
    }
  }

  /**
   * Takes an applying import back out and records that it was undone. An undo interrupted in turn resumes
   * where it stopped; the counts recorded are then those of the last attempt.
   */
  async function undoRun(id: string, fileName: string): Promise<void> {
    const { undone, kept } = await bulk.undo(db, id);
    await db.transaction(async (tx) => {
      await audit.record(tx, systemActor("import"), {
        action: "cadres.import_undone",
        entityType: "import",
        entityId: id,
        after: { fileName, undoneChanges: undone, keptLaterEdits: kept },
      });
      await repo.setRunState(tx, id, "undone");
    });
  }

  /**
   * Undoes the imports a dead process left active (all of them at start, before serving; later only those
   * that stopped beating for `staleSeconds`) and empties the staging tables they used.
   */
  async function recoverInterrupted(options: { staleSeconds: number }): Promise<number> {
    const stale = await db.transaction((tx) => repo.staleRuns(tx, options.staleSeconds));
    for (const run of stale) {
      if (run.state === "applying") await undoRun(run.id, run.fileName);
      else await db.transaction((tx) => repo.setRunState(tx, run.id, "failed"));
    }
    if (stale.length > 0) await db.transaction((tx) => repo.resetStaging(tx));
    return stale.length;
  }

  return {
    importCadres,
    isRunning: () => running,
    /** At start, before serving: every active import belongs to a process that is gone. */
    recoverAtStart: () => recoverInterrupted({ staleSeconds: 0 }),
  };
}

/**
 * A unique violation while writing means someone else wrote the same staff code or ID number after the
 * batch was checked (people are locked, new codes cannot be): a conflict to retry, not a crash.
 */
async function conflictsAsAppErrors(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    let e: unknown = error;
    for (let i = 0; i < 3 && e; i++) {
      if ((e as { code?: unknown }).code === "23505") {
        throw new AppError(CoreErrors.CONFLICT, {
          cause: error,
          details: { constraint: (e as { constraint?: string }).constraint },
        });
      }
      e = (e as { cause?: unknown }).cause;
    }
    throw error;
  }
}

/** The message of a row the records refuse (Vietnamese, like every message of the report). */
function problemError(p: repo.RowProblem): ImportRowError {
  const at = (key: string, message: string): ImportRowError => ({
    row: p.rowNo,
    column: key,
    header: IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? null,
    value: null,
    message,
  });
  const d = formatDmy(p.date);
  switch (p.problem) {
    case "id_number_other_person":
      return at("idNumber", "Số định danh cá nhân thuộc một hồ sơ khác với hồ sơ có số hiệu cán bộ này");
    case "same_person":
      return at("staffCode", `Cùng một người với dòng ${p.other} (trùng số hiệu hoặc số định danh)`);
    case "out_of_scope":
      return at("staffCode", "Hồ sơ này thuộc đơn vị ngoài phạm vi quản lý của bạn");
    case "needs_unit":
      return at("unitCode", "Hồ sơ mới cần Mã đơn vị công tác thuộc phạm vi quản lý của bạn");
    case "assignment_not_after":
      return at("assignmentFrom", `Ngày bắt đầu phải sau ngày bắt đầu chức danh hiện tại (${d})`);
    case "assignment_overlap":
      return at("assignmentFrom", `Ngày bắt đầu trùng với thời gian giữ chức danh trước (đến ${d})`);
    case "tier_not_after":
      return at("tierFrom", `Ngày bắt đầu phải sau ngày bắt đầu diện quản lý hiện tại (${d})`);
    case "tier_overlap":
      return at("tierFrom", `Ngày bắt đầu trùng với thời gian thuộc diện quản lý trước (đến ${d})`);
    case "tier_not_yet_in_force":
      return at("tier", `Diện quản lý này chỉ có từ ${d}; ngày bắt đầu diện quản lý phải từ ngày đó trở đi`);
    case "tier_ended":
      return at(
        "tier",
        `Diện quản lý này chỉ có đến ${d}; dòng không có Ngày kết thúc diện quản lý là diện đang giữ: hãy ghi Ngày kết thúc diện quản lý (chậm nhất ${d}), hoặc ghi diện có hiệu lực hiện nay`,
      );
    case "tier_to_past_end":
      return at(
        "tierTo",
        `Diện quản lý này chỉ có đến ${d}; Ngày kết thúc diện quản lý phải chậm nhất là ${d}`,
      );
    case "tier_period_overlap":
      return at(
        "tierFrom",
        `Thời gian thuộc diện quản lý trùng với dòng diện quản lý đã có của hồ sơ (bắt đầu ${d}); dòng có ngày kết thúc được thêm bên cạnh các dòng đã có, không thay thế dòng nào — sửa dòng đã có trên màn hình hồ sơ`,
      );
    case "tier_current_ended":
      return at(
        "tierFrom",
        `Diện quản lý hiện tại của hồ sơ chỉ có đến ${d}: diện mới phải bắt đầu chậm nhất vào ngày hôm sau (muộn hơn thì hãy kết thúc dòng cũ trên màn hình hồ sơ trước)`,
      );
    case "salary_not_after":
      return at("salaryFrom", `Ngày hưởng lương phải sau ngày hưởng bậc lương hiện tại (${d})`);
    case "salary_overlap":
      return at("salaryFrom", `Ngày hưởng lương trùng với thời gian hưởng bậc lương trước (đến ${d})`);
    case "party_official_without_admission":
      return at("partyOfficialDate", "Có ngày chính thức vào Đảng nhưng không có ngày vào Đảng");
    case "party_official_before_admission":
      return at("partyOfficialDate", `Ngày chính thức vào Đảng phải sau ngày vào Đảng (${d})`);
  }
}

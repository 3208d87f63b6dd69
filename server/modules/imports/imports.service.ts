import { randomUUID } from "node:crypto";
import {
  IMPORT_COLUMNS,
  type ImportProgress,
  type ImportReport,
  type ImportRowError,
  REPORT_ERRORS_MAX,
} from "../../../common/contracts/imports.ts";
import { formatDmy } from "../../../common/rules/dates.ts";
import type { Db } from "../../db/client.ts";
import { type Actor, authorize, hasPermission } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { writeErrorFile } from "./error-file.ts";
import * as repo from "./imports.repo.ts";
import { isBlankRow, isHintRow, resolveHeader } from "./layout.ts";
import { createRowValidator, type ParsedRow } from "./rows.ts";
import { csvDelimiterOf, readRows, type SheetRow, sniffFile } from "./spreadsheet.ts";
import "./imports.errors.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  /** Largest file accepted (bytes). */
  maxBytes?: number;
  /** Rows per staging batch. */
  batchSize?: number;
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
const DEFAULT_BATCH = 10_000;

/** Thrown inside the transaction to roll it back (dry runs, files with bad rows). */
class Rollback extends Error {}

/** The key of a column, for ordering errors within a row as the columns stand in the template. */
const COLUMN_ORDER = new Map<string, number>(IMPORT_COLUMNS.map((c, i) => [c.key, i]));

export function createImportsService({ db, audit, clock, maxBytes, batchSize }: Deps) {
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
    if (running) throw new AppError("IMPORT_BUSY");
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
    if (!header) throw new AppError("IMPORT_FILE_EMPTY");
    const layout = resolveHeader(header.cells, { maySeeSensitive: hasPermission(actor, "cadres.sensitive") });

    const errors: ImportRowError[] = [];
    const counts: repo.BatchCounts = { created: 0, updated: 0, unchanged: 0 };
    const badRows = new Set<number>();
    let dataRows = 0;

    try {
      await db.transaction(async (tx) => {
        const refs = await repo.loadReferences(tx, actor.scope);
        await repo.createStaging(tx);
        const validate = createRowValidator(refs, layout, today);

        // Rows are parsed here while the previous batch is checked and written by the database (another
        // thread, or another process): at most one batch in flight.
        let batch: ParsedRow[] = [];
        let inFlight: Promise<void> = Promise.resolve();
        let failure: unknown;
        const flush = async (rowsOfBatch: ParsedRow[]) => {
          await inFlight;
          if (failure) throw failure;
          inFlight = processBatch(rowsOfBatch).catch((error: unknown) => {
            failure = error;
          });
        };
        const processBatch = async (rowsOfBatch: ParsedRow[]) => {
          const writing = !dryRun && errors.length === 0;
          if (writing) await repo.lockNamed(tx, rowsOfBatch);
          await repo.compareBatch(tx, rowsOfBatch, { reserveIds: writing });
          const problems = await repo.findProblems(tx, { scope: actor.scope, today });
          for (const p of problems) addError(problemError(p));
          await repo.rememberMatched(tx);
          const c = await repo.countBatch(
            tx,
            problems.map((p) => p.rowNo),
          );
          counts.created += c.created;
          counts.updated += c.updated;
          counts.unchanged += c.unchanged;
          progress.validated += rowsOfBatch.length;
          if (writing && errors.length === 0) {
            await conflictsAsAppErrors(() =>
              repo.writeBatch(tx, { actor, fileName: source.fileName, importId: id, now: clock.now() }),
            );
            progress.written += rowsOfBatch.length;
          }
          report();
        };
        const addError = (e: ImportRowError) => {
          errors.push(e);
          badRows.add(e.row);
        };

        let lastReport = 0;
        for await (const row of rows) {
          if (isBlankRow(row.cells) || isHintRow(layout, row.cells)) continue;
          dataRows++;
          if (dataRows > MAX_IMPORT_ROWS) {
            throw new AppError("IMPORT_TOO_MANY_ROWS", { details: { maxRows: MAX_IMPORT_ROWS } });
          }
          progress.read = dataRows;
          const result = validate(row);
          if (result.row) batch.push(result.row);
          else {
            for (const e of result.errors) addError(e);
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
        if (dataRows === 0) throw new AppError("IMPORT_NO_ROWS");
        if (dryRun || errors.length > 0) throw new Rollback();
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
          },
        });
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    } finally {
      await rows.return(undefined);
    }

    const committed = !dryRun && errors.length === 0;
    errors.sort(
      (a, b) =>
        a.row - b.row || (COLUMN_ORDER.get(a.column ?? "") ?? -1) - (COLUMN_ORDER.get(b.column ?? "") ?? -1),
    );
    if (errors.length && options.errorFilePath) {
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
        layout,
        messages,
        target: options.errorFilePath,
      });
    }
    return {
      id,
      fileName: source.fileName,
      format,
      dryRun,
      committed,
      rows: dataRows,
      invalidRows: badRows.size,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      errorCount: errors.length,
      errors: errors.slice(0, REPORT_ERRORS_MAX),
      errorsTruncated: errors.length > REPORT_ERRORS_MAX,
      errorFileUrl: null,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  }

  return { importCadres, isRunning: () => running };
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
        throw new AppError("CONFLICT", {
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

import { eq, sql } from "drizzle-orm";
import type { ImportRowError } from "../../../common/contracts/imports.ts";
import { TRAINING_KINDS, type TrainingKind } from "../../../common/enums/cadres.ts";
import { formatDmy } from "../../../common/rules/dates.ts";
import type { Executor } from "../../db/client.ts";
import { cadres } from "../../db/schema.ts";
import type { Actor } from "../../lib/actor.ts";
import { type HistoriesService, inScopeOn, intArray, isoDate } from "../cadres/index.ts";
import { isBlankRow, normalizeHeader } from "./layout.ts";
import { dateOf, textOf } from "./rows.ts";
import { type Cell, excelDate, type SheetSpec, type SheetWriter } from "./sheets.ts";
import type { RawCell, SheetRow } from "./spreadsheet.ts";

/**
 * The person's training courses (bồi dưỡng, table cadre_trainings) in the cadre files: the second sheet of
 * the xlsx export and template, one row per course. An import adds a row only when the person has no
 * course with exactly the same values (kind, course, organiser, dates, note): re-importing an export
 * changes nothing, and importing the same new row twice adds it once. Rows are never changed or removed
 * by an import (corrections are made on the record's screen).
 */

/** The sheet's name (the second sheet of the workbook). */
export const TRAININGS_SHEET = "Đào tạo, bồi dưỡng";
/** Its position in the workbook (0-based): right after the cadre sheet. */
export const TRAININGS_SHEET_POSITION = 1;

export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  knowledge_update: "Cập nhật kiến thức",
  leadership_management: "Bồi dưỡng lãnh đạo quản lý",
  state_management: "Quản lý nhà nước",
  defence_security: "Quốc phòng - an ninh",
  language: "Ngoại ngữ",
  it: "Tin học",
  professional: "Chuyên môn nghiệp vụ",
  other: "Khác",
};

export type TrainingColumnKey =
  | "staffCode"
  | "fullName"
  | "kind"
  | "course"
  | "organiser"
  | "startedOn"
  | "completedOn"
  | "note";

export const TRAINING_COLUMNS: readonly { key: TrainingColumnKey; header: string; width: number }[] = [
  { key: "staffCode", header: "Số hiệu cán bộ", width: 16 },
  { key: "fullName", header: "Họ và tên (để đọc, không nhập)", width: 26 },
  { key: "kind", header: "Loại bồi dưỡng", width: 24 },
  { key: "course", header: "Tên khóa bồi dưỡng", width: 48 },
  { key: "organiser", header: "Cơ sở đào tạo, bồi dưỡng", width: 30 },
  { key: "startedOn", header: "Từ ngày", width: 12 },
  { key: "completedOn", header: "Đến ngày", width: 12 },
  { key: "note", header: "Ghi chú", width: 30 },
];

const HEADER_OF = new Map(TRAINING_COLUMNS.map((c) => [c.key, c.header]));
const BY_HEADER = new Map(TRAINING_COLUMNS.map((c) => [normalizeHeader(c.header), c.key]));
// The full name is read back under its short header too.
BY_HEADER.set(normalizeHeader("Họ và tên"), "fullName");
const KIND_BY_TEXT = new Map<string, TrainingKind>();
for (const k of TRAINING_KINDS) {
  KIND_BY_TEXT.set(normalizeHeader(k), k);
  KIND_BY_TEXT.set(normalizeHeader(TRAINING_KIND_LABELS[k]), k);
}

/** A training row of the file, checked. */
export type TrainingRow = {
  rowNo: number;
  staffCode: string;
  kind: TrainingKind;
  course: string;
  organiser: string | null;
  startedOn: string | null;
  completedOn: string | null;
  note: string | null;
};

/** The sheet (or the one table of a CSV) of the courses, with its header row first. */
export const TRAININGS_SHEET_SPEC: SheetSpec = {
  name: TRAININGS_SHEET,
  widths: TRAINING_COLUMNS.map((c) => c.width),
  textColumns: TRAINING_COLUMNS.flatMap((c, i) =>
    c.key === "startedOn" || c.key === "completedOn" ? [] : [i],
  ),
  frozenRows: 1,
};

/** Writes the trainings sheet of these people after the cadre sheet (xlsx only: a CSV has one table). */
export async function writeTrainingsSheet(
  tx: Executor,
  writer: SheetWriter,
  ids: readonly number[],
  options: TrainingRowsOptions,
): Promise<void> {
  writer.sheet(TRAININGS_SHEET_SPEC);
  await writeTrainingRows(tx, writer, ids, options);
}

export type TrainingRowsOptions = {
  pieceRows: number;
  asOf?: string;
  /** People the exporter may read only as of the date: their courses begun after it are left out. */
  asOfOnly?: ReadonlySet<number>;
  /** Called after each piece is read. */
  onPiece?: () => void;
};

/**
 * Writes the header and the courses of these people, in their order, on the writer's current sheet (the
 * second sheet of the cadre export, or the one table of the trainings export); returns the courses written.
 */
export async function writeTrainingRows(
  tx: Executor,
  writer: SheetWriter,
  ids: readonly number[],
  options: TrainingRowsOptions,
): Promise<number> {
  writer.row(
    TRAINING_COLUMNS.map((c) => c.header),
    "header",
  );
  let written = 0;
  for (let i = 0; i < ids.length; i += options.pieceRows) {
    const slice = ids.slice(i, i + options.pieceRows);
    const result = await tx.execute<{
      id: number;
      staffCode: string;
      fullName: string;
      kind: TrainingKind;
      course: string;
      organiser: string | null;
      startedOn: string | null;
      completedOn: string | null;
      note: string | null;
    }>(sql`
      SELECT p.id, p.staff_code AS "staffCode", p.full_name AS "fullName", t.kind, t.course, t.organiser,
             t.started_on::text AS "startedOn", t.completed_on::text AS "completedOn", t.note
      FROM unnest(${intArray(slice)}) WITH ORDINALITY AS x(id, ord)
      JOIN cadres p ON p.id = x.id
      JOIN cadre_trainings t ON t.cadre_id = p.id
      ORDER BY x.ord, t.started_on NULLS FIRST, t.completed_on NULLS LAST, t.id`);
    for (const t of result.rows) {
      // Someone read only as of a date: courses that began after it are not part of the record then.
      if (options.asOf && options.asOfOnly?.has(t.id) && t.startedOn !== null && t.startedOn > options.asOf)
        continue;
      const cells: Record<TrainingColumnKey, Cell> = {
        staffCode: t.staffCode,
        fullName: t.fullName,
        kind: TRAINING_KIND_LABELS[t.kind],
        course: t.course,
        organiser: t.organiser,
        startedOn: excelDate(t.startedOn),
        completedOn: excelDate(t.completedOn),
        note: t.note,
      };
      writer.row(TRAINING_COLUMNS.map((c) => cells[c.key]));
      written++;
    }
    options.onPiece?.();
    await writer.drain();
  }
  return written;
}

const LIMITS: Partial<Record<TrainingColumnKey, number>> = { course: 300, organiser: 300, note: 500 };

/**
 * Where the courses are read from: the second sheet of a cadre workbook, or a file of their own (a CSV, or
 * a workbook whose first sheet has the trainings header). Errors name the sheet only in the first case.
 */
export type TrainingsPlace = "sheet" | "file";

/** The column of each field in a header row (the first column of a repeated header). */
function columnsOf(cells: readonly RawCell[]): Map<TrainingColumnKey, number> {
  const at = new Map<TrainingColumnKey, number>();
  cells.forEach((cell, i) => {
    const key = BY_HEADER.get(normalizeHeader(textOf(cell)));
    if (key && !at.has(key)) at.set(key, i);
  });
  return at;
}

/**
 * True for the header of a trainings table: it has Loại bồi dưỡng or Tên khóa bồi dưỡng, which no column of
 * the cadre template is called. A sheet without either (the guide of an older template, a sheet of the
 * user's own) is not a trainings table.
 */
export function isTrainingsHeader(cells: readonly RawCell[]): boolean {
  const at = columnsOf(cells);
  return at.has("kind") || at.has("course");
}

/** The headers of the required columns a trainings header lacks. */
export function missingTrainingColumns(cells: readonly RawCell[]): string[] {
  const at = columnsOf(cells);
  return (["staffCode", "kind", "course"] as const).filter((k) => !at.has(k)).map((k) => HEADER_OF.get(k)!);
}

/**
 * The layout the error file needs of a trainings file: each column's kind, so that dates typed as Excel
 * dates are written back as dd/mm/yyyy.
 */
export function trainingsErrorLayout(cells: readonly RawCell[]): {
  headerCells: string[];
  byIndex: ({ kind: string } | null)[];
} {
  const headerCells = cells.map((c) => (c === null ? "" : String(c).trim()));
  const byIndex = headerCells.map((h) => {
    const key = BY_HEADER.get(normalizeHeader(h));
    if (!key) return null;
    return { kind: key === "startedOn" || key === "completedOn" ? "date" : "text" };
  });
  return { headerCells, byIndex };
}

/**
 * Checks the rows of a trainings table (header first, as read). Every error names the row and the column
 * (and the sheet, for the sheet of a cadre workbook), in Vietnamese. A table whose header is not a trainings
 * header (isTrainingsHeader) gives no rows.
 */
export function parseTrainingRows(
  rows: readonly SheetRow[],
  place: TrainingsPlace = "sheet",
): {
  rows: TrainingRow[];
  errors: ImportRowError[];
} {
  const errors: ImportRowError[] = [];
  const out: TrainingRow[] = [];
  const data = rows.filter((r) => !isBlankRow(r.cells));
  const header = data[0];
  if (!header) return { rows: out, errors };
  const at = columnsOf(header.cells);
  if (!isTrainingsHeader(header.cells)) return { rows: out, errors };
  const missing = missingTrainingColumns(header.cells);
  if (missing.length) {
    errors.push(
      trainingError(
        place,
        header.rowNo,
        null,
        null,
        `${place === "sheet" ? `Trang «${TRAININGS_SHEET}»` : "Tệp đào tạo, bồi dưỡng"} thiếu cột ${missing.map((h) => `«${h}»`).join(", ")}`,
      ),
    );
    return { rows: out, errors };
  }
  for (const row of data.slice(1)) {
    const cell = (k: TrainingColumnKey) => (at.has(k) ? row.cells[at.get(k)!] : undefined);
    const text = (k: TrainingColumnKey) => textOf(cell(k));
    const rowErrors: ImportRowError[] = [];
    const fail = (k: TrainingColumnKey, message: string) =>
      rowErrors.push(trainingError(place, row.rowNo, k, text(k) || null, message));
    const staffCode = text("staffCode");
    if (!staffCode) fail("staffCode", "Thiếu số hiệu cán bộ");
    const kindText = text("kind");
    const kind = KIND_BY_TEXT.get(normalizeHeader(kindText));
    if (!kindText) fail("kind", "Thiếu loại bồi dưỡng");
    else if (!kind)
      fail(
        "kind",
        `Loại bồi dưỡng không có trong danh sách (${Object.values(TRAINING_KIND_LABELS).join("; ")})`,
      );
    const course = text("course");
    if (!course) fail("course", "Thiếu tên khóa bồi dưỡng");
    for (const [k, max] of Object.entries(LIMITS) as [TrainingColumnKey, number][]) {
      if (text(k).length > max) fail(k, `${HEADER_OF.get(k)} tối đa ${max} ký tự`);
    }
    const date = (k: "startedOn" | "completedOn") => {
      if (!text(k)) return null;
      const d = dateOf(cell(k), row.date1904);
      if (d === undefined) fail(k, `${HEADER_OF.get(k)} không hợp lệ (dùng dd/mm/yyyy)`);
      return d ?? null;
    };
    const startedOn = date("startedOn");
    const completedOn = date("completedOn");
    if (startedOn && completedOn && completedOn < startedOn)
      fail("completedOn", `Đến ngày phải từ ngày bắt đầu (${formatDmy(startedOn)}) trở đi`);
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    out.push({
      rowNo: row.rowNo,
      staffCode,
      kind: kind!,
      course,
      organiser: text("organiser") || null,
      startedOn,
      completedOn,
      note: text("note") || null,
    });
  }
  return { rows: out, errors };
}

function trainingError(
  place: TrainingsPlace,
  row: number,
  key: TrainingColumnKey | null,
  value: string | null,
  message: string,
): ImportRowError {
  const at = {
    row,
    column: key === null ? null : `trainings.${key}`,
    header: key === null ? null : (HEADER_OF.get(key) ?? null),
    value,
  };
  // A file of its own is one table: the row is its row, as for the cadre sheet's errors.
  return place === "sheet"
    ? { ...at, message: `Trang «${TRAININGS_SHEET}», dòng ${row}: ${message}`, sheet: TRAININGS_SHEET }
    : { ...at, message };
}

const sameKey = (t: Omit<TrainingRow, "rowNo" | "staffCode">) =>
  JSON.stringify([t.kind, t.course, t.organiser, t.startedOn, t.completedOn, t.note]);

/**
 * Compares the checked rows with the records: a row of a staff code that is neither in the cadre sheet
 * nor a record in the actor's scope is a row error; a row identical to a course the person has, or to an
 * earlier row of the file, is left out. Returns the rows to add.
 */
export async function planTrainings(
  tx: Executor,
  actor: Actor,
  rows: readonly TrainingRow[],
  options: { today: string; cadreSheetCodes: ReadonlySet<string>; place?: TrainingsPlace },
): Promise<{ toAdd: TrainingRow[]; unchanged: number; errors: ImportRowError[] }> {
  const place = options.place ?? "sheet";
  const errors: ImportRowError[] = [];
  const codes = [...new Set(rows.map((r) => r.staffCode))];
  if (codes.length === 0) return { toAdd: [], unchanged: 0, errors };
  const scope = actor.scope;
  const inScope =
    scope === "all"
      ? sql`TRUE`
      : scope.length === 0
        ? sql`FALSE`
        : inScopeOn(sql`p.id`, scope, sql`${isoDate(options.today)}::date`);
  const people = await tx.execute<{ staffCode: string; inScope: boolean; birthDate: string }>(sql`
    SELECT p.staff_code AS "staffCode", ${inScope} AS "inScope", p.birth_date::text AS "birthDate"
    FROM ${cadres} p WHERE p.staff_code = ANY(${`{${codes.map((c) => `"${c.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[])`);
  const found = new Map(people.rows.map((p) => [p.staffCode, p.inScope]));
  const births = new Map(people.rows.map((p) => [p.staffCode, p.birthDate]));
  const existing = await tx.execute<{
    staffCode: string;
    kind: TrainingKind;
    course: string;
    organiser: string | null;
    startedOn: string | null;
    completedOn: string | null;
    note: string | null;
  }>(sql`
    SELECT p.staff_code AS "staffCode", t.kind, t.course, t.organiser, t.started_on::text AS "startedOn",
           t.completed_on::text AS "completedOn", t.note
    FROM cadre_trainings t JOIN ${cadres} p ON p.id = t.cadre_id
    WHERE p.staff_code = ANY(${`{${codes.map((c) => `"${c.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[])`);
  const seen = new Set(existing.rows.map((t) => `${t.staffCode}\u0000${sameKey(t)}`));
  const toAdd: TrainingRow[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const known = found.get(r.staffCode);
    if (known === undefined && !options.cadreSheetCodes.has(r.staffCode)) {
      errors.push(
        trainingError(
          place,
          r.rowNo,
          "staffCode",
          r.staffCode,
          place === "sheet"
            ? "Không có hồ sơ với số hiệu cán bộ này (trong hệ thống hoặc trên trang cán bộ của tệp)"
            : "Không có hồ sơ với số hiệu cán bộ này trong hệ thống",
        ),
      );
      continue;
    }
    if (known === false) {
      errors.push(
        trainingError(
          place,
          r.rowNo,
          "staffCode",
          r.staffCode,
          "Hồ sơ này thuộc đơn vị ngoài phạm vi quản lý của bạn",
        ),
      );
      continue;
    }
    // The record's rule: a course falls after the person's birth (someone new in the file is checked on
    // the cadre sheet's birth date when the course is added).
    const birth = births.get(r.staffCode);
    const early = (["startedOn", "completedOn"] as const).find(
      (k) => birth && r[k] !== null && r[k]! <= birth,
    );
    if (early) {
      errors.push(
        trainingError(
          place,
          r.rowNo,
          early,
          formatDmy(r[early]!),
          `${HEADER_OF.get(early)} phải sau ngày sinh của người này (${formatDmy(birth!)})`,
        ),
      );
      continue;
    }
    const key = `${r.staffCode}\u0000${sameKey(r)}`;
    if (seen.has(key)) {
      unchanged++;
      continue;
    }
    seen.add(key);
    toAdd.push(r);
  }
  return { toAdd, unchanged, errors };
}

/**
 * Adds the courses of checked rows, inside the import's last transaction: planned again against the
 * records as they are now (people created by the same import, courses added meanwhile), then each course
 * through the cadres module's histories (its rules and its audit row). A row that became bad since the
 * check is an error and nothing is added (the caller rolls back). Returns what was added and left out.
 */
export async function addTrainings(
  tx: Executor,
  actor: Actor,
  histories: Pick<HistoriesService, "addInTx">,
  rows: readonly TrainingRow[],
  options: { today: string; place: TrainingsPlace },
): Promise<{ added: number; unchanged: number; errors: ImportRowError[] }> {
  const planned = await planTrainings(tx, actor, rows, {
    today: options.today,
    cadreSheetCodes: new Set(),
    place: options.place,
  });
  if (planned.errors.length > 0) return { added: 0, unchanged: 0, errors: planned.errors };
  for (const t of planned.toAdd) {
    const [person] = await tx.select().from(cadres).where(eq(cadres.staffCode, t.staffCode)).for("update");
    await histories.addInTx(
      tx,
      actor,
      person!,
      "trainings",
      {
        kind: t.kind,
        course: t.course,
        organiser: t.organiser,
        startedOn: t.startedOn,
        completedOn: t.completedOn,
        note: t.note,
      },
      undefined,
    );
  }
  return { added: planned.toAdd.length, unchanged: planned.unchanged, errors: [] };
}

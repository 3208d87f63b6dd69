import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type {
  AssignmentRow,
  FamilyRow,
  HistoryKind,
  QualificationRow,
  RewardRow,
  SalaryRow,
  TierRow,
  TrainingRow,
  WorkHistoryRow,
} from "../../../common/contracts/cadres.ts";
import type { Executor } from "../../db/client.ts";
import { titleVersionHolds } from "../posts/index.ts";
import {
  cadreAssignments,
  cadreFamily,
  cadreQualifications,
  cadreRewards,
  cadreSalaries,
  cadreTiers,
  cadreTrainings,
  cadreWorkHistory,
} from "./schema.ts";
import { holds, intArray, isoDate } from "./sql.ts";

/**
 * Queries of the dated histories of a record. The write functions are generic over the kind (the
 * tables share the (cadre_id, id) key); the readers return the API shapes, names resolved in SQL.
 */

export const HISTORY_TABLES = {
  assignments: cadreAssignments,
  tiers: cadreTiers,
  qualifications: cadreQualifications,
  trainings: cadreTrainings,
  salaries: cadreSalaries,
  rewards: cadreRewards,
  family: cadreFamily,
  "work-history": cadreWorkHistory,
} as const;

/** A stored row with camelCase keys, as the table's Drizzle columns name them. */
export type StoredRow = Record<string, unknown> & { id: number; cadreId: number };

function columnsOf(kind: HistoryKind) {
  return Object.entries(getTableColumns(HISTORY_TABLES[kind])).map(([key, column]) => ({
    key,
    name: column.name,
  }));
}

function toStored(kind: HistoryKind, raw: Record<string, unknown>): StoredRow {
  const row: Record<string, unknown> = {};
  for (const { key, name } of columnsOf(kind)) row[key] = raw[name] ?? null;
  return row as StoredRow;
}

export async function getRow(
  tx: Executor,
  kind: HistoryKind,
  cadreId: number,
  id: number,
): Promise<StoredRow | undefined> {
  const table = HISTORY_TABLES[kind];
  const result = await tx.execute<Record<string, unknown>>(
    sql`SELECT * FROM ${table} WHERE cadre_id = ${cadreId} AND id = ${id}`,
  );
  return result.rows[0] ? toStored(kind, result.rows[0]) : undefined;
}

/** Inserts a row from camelCase values (unknown keys and undefined values are left out); returns its id. */
export async function insertRow(
  tx: Executor,
  kind: HistoryKind,
  values: Record<string, unknown>,
): Promise<number> {
  const cols = columnsOf(kind).filter((c) => c.key !== "id" && values[c.key] !== undefined);
  const result = await tx.execute<{ id: number }>(sql`
    INSERT INTO ${HISTORY_TABLES[kind]} (${sql.join(
      cols.map((c) => sql.identifier(c.name)),
      sql`, `,
    )})
    VALUES (${sql.join(
      cols.map((c) => sql`${values[c.key]}`),
      sql`, `,
    )})
    RETURNING id`);
  return result.rows[0]!.id;
}

export async function updateRow(
  tx: Executor,
  kind: HistoryKind,
  cadreId: number,
  id: number,
  values: Record<string, unknown>,
): Promise<void> {
  const cols = columnsOf(kind).filter(
    (c) => c.key !== "id" && c.key !== "cadreId" && values[c.key] !== undefined,
  );
  if (cols.length === 0) return;
  await tx.execute(sql`
    UPDATE ${HISTORY_TABLES[kind]} SET ${sql.join(
      cols.map((c) => sql`${sql.identifier(c.name)} = ${values[c.key]}`),
      sql`, `,
    )}
    WHERE cadre_id = ${cadreId} AND id = ${id}`);
}

export async function deleteRow(tx: Executor, kind: HistoryKind, cadreId: number, id: number): Promise<void> {
  await tx.execute(sql`DELETE FROM ${HISTORY_TABLES[kind]} WHERE cadre_id = ${cadreId} AND id = ${id}`);
}

/** Rows of the person whose period shares a day with [from, to), other than `exceptId`. */
export async function overlapping(
  tx: Executor,
  kind: "assignments" | "tiers" | "salaries",
  cadreId: number,
  period: { validFrom: string; validTo: string | null },
  options: { exceptId?: number | undefined; onlyMain?: boolean },
): Promise<{ id: number; validFrom: string; validTo: string | null }[]> {
  const conditions: SQL[] = [
    sql`cadre_id = ${cadreId}`,
    sql`(valid_to IS NULL OR valid_to > ${isoDate(period.validFrom)}::date)`,
  ];
  if (period.validTo !== null) conditions.push(sql`valid_from < ${isoDate(period.validTo)}::date`);
  if (options.exceptId !== undefined) conditions.push(sql`id <> ${options.exceptId}`);
  if (options.onlyMain) conditions.push(sql`is_main`);
  const result = await tx.execute<{ id: number; validFrom: string; validTo: string | null }>(sql`
    SELECT id, valid_from AS "validFrom", valid_to AS "validTo" FROM ${HISTORY_TABLES[kind]}
    WHERE ${sql.join(conditions, sql` AND `)} ORDER BY valid_from`);
  return result.rows;
}

/** Name of the unit on date d, or undefined when the unit does not exist then. */
export async function unitNameOn(tx: Executor, unitId: number, d: string): Promise<string | undefined> {
  const result = await tx.execute<{ name: string }>(sql`
    SELECT v.name FROM unit_versions v WHERE v.unit_id = ${unitId} AND ${holds("v", d)}`);
  return result.rows[0]?.name;
}

// ---- readers (API shapes) ----

const onlyRow = (alias: string, rowId: number | undefined) =>
  rowId === undefined ? sql`` : sql`AND ${sql.raw(alias)}.id = ${rowId}`;

/**
 * Assignments, newest first. A unit is named, and the title's leadership read, as they were during the
 * assignment: on d when the assignment holds then, else on its first day (later ones) or its last day
 * (earlier ones).
 */
export async function assignmentsOf(
  tx: Executor,
  cadreId: number,
  d: string,
  rowId?: number,
): Promise<AssignmentRow[]> {
  isoDate(d);
  const result = await tx.execute<AssignmentRow>(sql`
    SELECT a.id, a.seat_id AS "seatId", a.unit_id AS "unitId", COALESCE(uv.name, '') AS "unitName",
           a.title_id AS "titleId", t.name AS "titleName", tv.is_leadership AS "isLeadership",
           a.is_main AS "isMain", a.valid_from AS "validFrom", a.valid_to AS "validTo",
           a.appointed_on AS "appointedOn", a.decision_ref AS "decisionRef", a.note
    FROM cadre_assignments a
    JOIN titles t ON t.id = a.title_id
    CROSS JOIN LATERAL (
      SELECT CASE WHEN ${holds("a", d)} THEN ${d}::date
                  WHEN a.valid_from > ${d}::date THEN a.valid_from
                  ELSE a.valid_to - 1 END AS at) w
    LEFT JOIN LATERAL (
      SELECT v.name FROM unit_versions v WHERE v.unit_id = a.unit_id
      ORDER BY (v.valid_from <= w.at AND (v.valid_to IS NULL OR v.valid_to > w.at)) DESC, v.valid_from DESC
      LIMIT 1) uv ON TRUE
    JOIN title_versions tv ON tv.title_id = a.title_id AND ${titleVersionHolds("tv", sql`w.at`)}
    WHERE a.cadre_id = ${cadreId} ${onlyRow("a", rowId)}
    ORDER BY a.valid_from DESC, a.id DESC`);
  return result.rows;
}

export async function tiersOf(tx: Executor, cadreId: number, rowId?: number): Promise<TierRow[]> {
  const result = await tx.execute<TierRow>(sql`
    SELECT t.id, t.tier, t.valid_from AS "validFrom", t.valid_to AS "validTo", t.decision_ref AS "decisionRef"
    FROM cadre_tiers t WHERE t.cadre_id = ${cadreId} ${onlyRow("t", rowId)}
    ORDER BY t.valid_from DESC, t.id DESC`);
  return result.rows;
}

export async function qualificationsOf(
  tx: Executor,
  cadreId: number,
  rowId?: number,
): Promise<QualificationRow[]> {
  const result = await tx.execute<QualificationRow>(sql`
    SELECT q.id, q.category, q.level_code AS "levelCode", COALESCE(cl.name, q.level_code) AS "levelName",
           COALESCE(cl.rank, 0) AS rank, q.major, q.institution, q.study_mode AS "studyMode",
           q.started_on AS "startedOn", q.obtained_on AS "obtainedOn", q.note
    FROM cadre_qualifications q
    LEFT JOIN code_lists cl ON cl.list = q.category AND cl.code = q.level_code
    WHERE q.cadre_id = ${cadreId} ${onlyRow("q", rowId)}
    ORDER BY q.category, q.obtained_on DESC, q.id DESC`);
  return result.rows;
}

/** Training courses: unfinished ones first, then the most recently completed. */
export async function trainingsOf(tx: Executor, cadreId: number, rowId?: number): Promise<TrainingRow[]> {
  const result = await tx.execute<TrainingRow>(sql`
    SELECT tr.id, tr.kind, tr.course, tr.organiser, tr.started_on AS "startedOn",
           tr.completed_on AS "completedOn", tr.note
    FROM cadre_trainings tr WHERE tr.cadre_id = ${cadreId} ${onlyRow("tr", rowId)}
    ORDER BY tr.completed_on DESC NULLS FIRST, tr.started_on DESC NULLS LAST, tr.id DESC`);
  return result.rows;
}

export async function salariesOf(tx: Executor, cadreId: number, rowId?: number): Promise<SalaryRow[]> {
  const result = await tx.execute<SalaryRow>(sql`
    SELECT s.id, s.grade_code AS "gradeCode", COALESCE(cl.name, s.grade_code) AS "gradeName", s.step,
           s.coefficient::float8 AS coefficient, s.valid_from AS "validFrom", s.valid_to AS "validTo"
    FROM cadre_salaries s
    LEFT JOIN code_lists cl ON cl.list = 'civil_service_grade' AND cl.code = s.grade_code
    WHERE s.cadre_id = ${cadreId} ${onlyRow("s", rowId)}
    ORDER BY s.valid_from DESC, s.id DESC`);
  return result.rows;
}

export async function rewardsOf(tx: Executor, cadreId: number, rowId?: number): Promise<RewardRow[]> {
  const result = await tx.execute<RewardRow>(sql`
    SELECT r.id, r.form, r.decided_on AS "decidedOn", r.decision_ref AS "decisionRef", r.issuer, r.reason
    FROM cadre_rewards r WHERE r.cadre_id = ${cadreId} ${onlyRow("r", rowId)}
    ORDER BY r.decided_on DESC, r.id DESC`);
  return result.rows;
}

export async function familyOf(tx: Executor, cadreId: number, rowId?: number): Promise<FamilyRow[]> {
  const result = await tx.execute<FamilyRow>(sql`
    SELECT f.id, f.side, f.relation, f.full_name AS "fullName", f.birth_year AS "birthYear", f.details
    FROM cadre_family f WHERE f.cadre_id = ${cadreId} ${onlyRow("f", rowId)}
    ORDER BY f.side DESC, f.birth_year NULLS LAST, f.id`);
  return result.rows;
}

export async function workHistoryOf(
  tx: Executor,
  cadreId: number,
  rowId?: number,
): Promise<WorkHistoryRow[]> {
  const result = await tx.execute<WorkHistoryRow>(sql`
    SELECT w.id, w.valid_from AS "validFrom", w.valid_to AS "validTo", w.unit_text AS "unitText",
           w.title_text AS "titleText", w.description
    FROM cadre_work_history w WHERE w.cadre_id = ${cadreId} ${onlyRow("w", rowId)}
    ORDER BY w.valid_from, w.id`);
  return result.rows;
}

/** One presented row of a kind (after a change), or undefined. */
export async function presentedRow(
  tx: Executor,
  kind: HistoryKind,
  cadreId: number,
  id: number,
  d: string,
): Promise<unknown> {
  switch (kind) {
    case "assignments":
      return (await assignmentsOf(tx, cadreId, d, id))[0];
    case "tiers":
      return (await tiersOf(tx, cadreId, id))[0];
    case "qualifications":
      return (await qualificationsOf(tx, cadreId, id))[0];
    case "trainings":
      return (await trainingsOf(tx, cadreId, id))[0];
    case "salaries":
      return (await salariesOf(tx, cadreId, id))[0];
    case "rewards":
      return (await rewardsOf(tx, cadreId, id))[0];
    case "family":
      return (await familyOf(tx, cadreId, id))[0];
    case "work-history":
      return (await workHistoryOf(tx, cadreId, id))[0];
  }
}

// ---- seat occupancy, for the posts module ----

/** Number of people assigned to each seat on date d. */
export async function occupiedCounts(
  tx: Executor,
  seatIds: readonly number[],
  d: string,
): Promise<Map<number, number>> {
  if (seatIds.length === 0) return new Map();
  const result = await tx.execute<{ seatId: number; n: number }>(sql`
    SELECT a.seat_id AS "seatId", count(*)::int AS n FROM cadre_assignments a
    WHERE a.seat_id = ANY(${intArray(seatIds)}) AND ${holds("a", d)} GROUP BY a.seat_id`);
  return new Map(result.rows.map((r) => [r.seatId, r.n]));
}

/** Assignments to the seat that still hold on or after date d. */
export async function assignmentsFrom(
  tx: Executor,
  seatId: number,
  d: string,
): Promise<{ cadreId: number; id: number }[]> {
  const result = await tx.execute<{ cadreId: number; id: number }>(sql`
    SELECT a.cadre_id AS "cadreId", a.id FROM cadre_assignments a
    WHERE a.seat_id = ${seatId} AND (a.valid_to IS NULL OR a.valid_to > ${isoDate(d)}::date)
    ORDER BY a.cadre_id, a.id`);
  return result.rows;
}

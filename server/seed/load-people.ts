import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { pieceSize } from "../db/pieces.ts";
import { intArray } from "../modules/cadres/index.ts";
import { type ColumnBatch, columnBatch, reserveIds } from "./load.ts";
import type { PlaceRef } from "./organisation.ts";
import type { PersonRecord } from "./people.ts";
import type { PlannedSeat } from "./people-seats.ts";

/** Rows written per table by a seed run (the summary audit row carries them). */
export type LoadCounts = Record<string, number>;

/** Ids of the titles catalogue by code (reference data of migration 0004). */
export async function titleIdsByCode(tx: Executor): Promise<Map<string, number>> {
  const result = await tx.execute<{ id: number; code: string }>(sql`SELECT id, code FROM titles`);
  return new Map(result.rows.map((r) => [r.code, r.id]));
}

/** Writes the seats; returns their ids by plan index. `onIds` hears the ids before their rows are written. */
export async function loadSeats(
  tx: Executor,
  seats: readonly PlannedSeat[],
  unitIds: ReadonlyMap<string, number>,
  titleIds: ReadonlyMap<string, number>,
  batchSize = 5000,
  onIds: (ids: readonly number[]) => void = () => {},
): Promise<number[]> {
  const ids: number[] = [];
  const batch = columnBatch("seats", [
    ["id", "int"],
    ["unit_id", "int"],
    ["title_id", "int"],
    ["quota", "int"],
    ["valid_from", "date"],
    ["valid_to", "date"],
  ]);
  for (let i = 0; i < seats.length; i += batchSize) {
    const chunk = seats.slice(i, i + batchSize);
    const reserved = await reserveIds(tx, "seats", chunk.length);
    onIds(reserved);
    for (const [j, seat] of chunk.entries()) {
      const titleId = titleIds.get(seat.title);
      if (titleId === undefined) throw new Error(`Danh mục chức danh thiếu mã "${seat.title}".`);
      batch.push(
        reserved[j]!,
        unitIds.get(seat.unit.key)!,
        titleId,
        seat.quota,
        seat.validFrom,
        seat.validTo,
      );
      ids.push(reserved[j]!);
    }
    await batch.flush(tx);
  }
  return ids;
}

/**
 * Writes people in batches of `batchSize` persons: their ids are reserved from the identity sequence, then
 * every table receives one `unnest` insert per batch. The inserts run on `tx` — the caller's transaction —
 * or, with `commit`, in one transaction per batch that `commit` opens (the seed, so that a running
 * server's other users are answered between two batches), of at most `batchSize` persons, as many as
 * commit in ~250 ms. `onIds` hears each batch's person ids before
 * their rows are written (removePeople takes them back).
 */
export async function loadPeople(
  tx: Executor,
  input: {
    people: Iterable<PersonRecord>;
    unitIds: ReadonlyMap<string, number>;
    titleIds: ReadonlyMap<string, number>;
    seatIds: readonly number[];
    /** Ids of the places of the official lists, by "edition|code" (home towns and birthplaces). */
    placeIds?: ReadonlyMap<string, number>;
    batchSize?: number;
    onBatch?: (people: number) => void;
    commit?: (write: (tx: Executor) => Promise<void>) => Promise<void>;
    onIds?: (ids: readonly number[]) => void;
  },
): Promise<{ counts: LoadCounts; generateMs: number; waitMs: number }> {
  const { unitIds, titleIds, seatIds } = input;
  // A transaction per batch: sized to commit in ~250 ms (up to batchSize), so that others wait that long
  // at most; inside the caller's transaction: batchSize.
  const batch = input.commit
    ? pieceSize({ initial: 200, min: 25, max: input.batchSize ?? 5000, targetMs: 250 })
    : pieceSize({ initial: input.batchSize ?? 5000, min: 1, max: input.batchSize ?? 5000, fixed: true });
  const placeId = (place: PlaceRef | null) =>
    place === null ? null : (input.placeIds?.get(`${place.edition}|${place.code}`) ?? null);
  const cadres = columnBatch("cadres", [
    ["id", "int"],
    ["staff_code", "text"],
    ["id_number", "text"],
    ["full_name", "text"],
    ["sex", "text"],
    ["birth_date", "date"],
    ["birthplace_place_id", "int"],
    ["birthplace_text", "text"],
    ["home_town_place_id", "int"],
    ["home_town_text", "text"],
    ["ethnicity_code", "text"],
    ["religion_code", "text"],
    ["staff_type", "text"],
    ["phone", "text"],
    ["residence", "text"],
    ["occupation_before_recruitment", "text"],
    ["recruitment_date", "date"],
    ["recruitment_agency", "text"],
    ["joined_agency_date", "date"],
    ["party_admission_date", "date"],
    ["party_official_date", "date"],
    ["general_education", "text"],
    ["academic_title_code", "text"],
    ["academic_title_year", "int"],
    ["honorary_title", "text"],
    ["health", "text"],
    ["left_on", "date"],
    ["left_reason", "text"],
    ["search_name", "text"],
    ["sort_key", "text"],
  ]);
  const assignments = columnBatch("cadre_assignments", [
    ["cadre_id", "int"],
    ["seat_id", "int"],
    ["unit_id", "int"],
    ["title_id", "int"],
    ["is_main", "bool"],
    ["valid_from", "date"],
    ["valid_to", "date"],
    ["appointed_on", "date"],
    ["decision_ref", "text"],
  ]);
  const tiers = columnBatch("cadre_tiers", [
    ["cadre_id", "int"],
    ["tier", "text"],
    ["valid_from", "date"],
    ["valid_to", "date"],
  ]);
  const qualifications = columnBatch("cadre_qualifications", [
    ["cadre_id", "int"],
    ["category", "text"],
    ["level_code", "text"],
    ["major", "text"],
    ["institution", "text"],
    ["study_mode", "text"],
    ["started_on", "date"],
    ["obtained_on", "date"],
  ]);
  const salaries = columnBatch("cadre_salaries", [
    ["cadre_id", "int"],
    ["grade_code", "text"],
    ["step", "int"],
    ["coefficient", "numeric"],
    ["valid_from", "date"],
    ["valid_to", "date"],
  ]);
  const rewards = columnBatch("cadre_rewards", [
    ["cadre_id", "int"],
    ["form", "text"],
    ["decided_on", "date"],
    ["decision_ref", "text"],
    ["issuer", "text"],
    ["reason", "text"],
  ]);
  const family = columnBatch("cadre_family", [
    ["cadre_id", "int"],
    ["side", "text"],
    ["relation", "text"],
    ["full_name", "text"],
    ["birth_year", "int"],
    ["details", "text"],
  ]);
  const trainings = columnBatch("cadre_trainings", [
    ["cadre_id", "int"],
    ["kind", "text"],
    ["course", "text"],
    ["organiser", "text"],
    ["started_on", "date"],
    ["completed_on", "date"],
  ]);
  const workHistory = columnBatch("cadre_work_history", [
    ["cadre_id", "int"],
    ["valid_from", "date"],
    ["valid_to", "date"],
    ["unit_text", "text"],
    ["title_text", "text"],
    ["description", "text"],
  ]);
  // Parents before children: the histories reference cadres.
  const tables: ColumnBatch[] = [
    cadres,
    assignments,
    tiers,
    qualifications,
    salaries,
    rewards,
    family,
    workHistory,
    trainings,
  ];
  const counts: LoadCounts = Object.fromEntries(tables.map((t) => [t.table, 0]));

  // Generation (this thread) overlaps the writes of the previous batch (the database's thread or server):
  // a batch's INSERTs are sent without waiting, and awaited only before the next batch's ids are reserved.
  let pending: PersonRecord[] = [];
  let done = 0;
  let writing: Promise<void> = Promise.resolve();
  const timings = { generateMs: 0, waitMs: 0 };
  const send = async () => {
    const waitFrom = performance.now();
    await writing;
    const ids = await reserveIds(tx, "cadres", pending.length);
    input.onIds?.(ids);
    const buildFrom = performance.now();
    timings.waitMs += buildFrom - waitFrom;
    for (const [i, p] of pending.entries()) {
      const id = ids[i]!;
      cadres.push(
        id,
        p.staffCode,
        p.idNumber,
        p.fullName,
        p.sex,
        p.birthDate,
        placeId(p.birthplace),
        p.birthplaceText,
        placeId(p.homeTown),
        p.homeTownText,
        p.ethnicityCode,
        p.religionCode,
        p.staffType,
        p.phone,
        p.residence,
        p.occupationBeforeRecruitment,
        p.recruitmentDate,
        p.recruitmentAgency,
        p.joinedAgencyDate,
        p.partyAdmissionDate,
        p.partyOfficialDate,
        p.generalEducation,
        p.academicTitleCode,
        p.academicTitleYear,
        p.honoraryTitle,
        p.health,
        p.leftOn,
        p.leftReason,
        p.searchName,
        p.sortKey,
      );
      for (const a of p.assignments) {
        assignments.push(
          id,
          a.seatIndex === null ? null : seatIds[a.seatIndex]!,
          unitIds.get(a.unitKey)!,
          titleIds.get(a.title)!,
          a.isMain,
          a.validFrom,
          a.validTo,
          a.appointedOn,
          a.decisionRef,
        );
      }
      for (const t of p.tiers) tiers.push(id, t.tier, t.validFrom, t.validTo);
      for (const q of p.qualifications)
        qualifications.push(
          id,
          q.category,
          q.levelCode,
          q.major,
          q.institution,
          q.studyMode,
          q.startedOn,
          q.obtainedOn,
        );
      for (const s of p.salaries)
        salaries.push(id, s.gradeCode, s.step, s.coefficient, s.validFrom, s.validTo);
      for (const r of p.rewards) rewards.push(id, r.form, r.decidedOn, r.decisionRef, r.issuer, r.reason);
      for (const f of p.family) family.push(id, f.side, f.relation, f.fullName, f.birthYear, f.details);
      for (const w of p.workHistory)
        workHistory.push(id, w.validFrom, w.validTo, w.unitText, w.titleText, w.description);
      for (const c of p.trainings)
        trainings.push(id, c.kind, c.course, c.organiser, c.startedOn, c.completedOn);
    }
    const statements = tables.map((t) => [t.table, t.take()] as const);
    timings.generateMs += performance.now() - buildFrom;
    const batchDone = done + pending.length;
    pending = [];
    const write = async (batchTx: Executor) => {
      for (const [, taken] of statements) if (taken) await batchTx.execute(taken.statement);
    };
    writing = (async () => {
      const commit = input.commit;
      await batch.timed(() => (commit ? commit(write) : write(tx)));
      for (const [table, taken] of statements) if (taken) counts[table]! += taken.rows;
      done = batchDone;
      input.onBatch?.(done);
    })();
    // Keep a failed write from surfacing as an unhandled rejection before it is awaited.
    writing.catch(() => {});
  };
  try {
    let generatedFrom = performance.now();
    for (const person of input.people) {
      pending.push(person);
      // Let the event loop push the previous batch's statements to the database now and then — often:
      // with a transaction per batch, every statement the loop holds back keeps the transaction (and, on
      // PGlite, everyone else) waiting.
      if (pending.length % 25 === 0) {
        timings.generateMs += performance.now() - generatedFrom;
        await new Promise((resolve) => setImmediate(resolve));
        generatedFrom = performance.now();
      }
      if (pending.length >= batch.size) {
        timings.generateMs += performance.now() - generatedFrom;
        await send();
        generatedFrom = performance.now();
      }
    }
    timings.generateMs += performance.now() - generatedFrom;
    if (pending.length > 0) await send();
  } finally {
    const waitFrom = performance.now();
    await writing;
    timings.waitMs += performance.now() - waitFrom;
  }
  return { counts, generateMs: Math.round(timings.generateMs), waitMs: Math.round(timings.waitMs) };
}

/** The tables loadPeople writes besides `cadres`, children first (they reference cadres). */
const PERSON_TABLES = [
  "cadre_trainings",
  "cadre_work_history",
  "cadre_family",
  "cadre_rewards",
  "cadre_salaries",
  "cadre_qualifications",
  "cadre_tiers",
  "cadre_assignments",
] as const;

/**
 * Deletes the people of these ids with every row loadPeople wrote for them, then the seats of these ids:
 * a few thousand people per statement, one statement after the other.
 */
export async function removePeople(
  tx: Executor,
  cadreIds: readonly number[],
  seatIds: readonly number[],
  piece = 2000,
): Promise<void> {
  for (let i = 0; i < cadreIds.length; i += piece) {
    const ids = intArray(cadreIds.slice(i, i + piece));
    for (const table of PERSON_TABLES) {
      await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE cadre_id = ANY(${ids})`);
    }
    await tx.execute(sql`DELETE FROM cadres WHERE id = ANY(${ids})`);
  }
  for (let i = 0; i < seatIds.length; i += piece) {
    await tx.execute(sql`DELETE FROM seats WHERE id = ANY(${intArray(seatIds.slice(i, i + piece))})`);
  }
}

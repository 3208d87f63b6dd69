import {
  DATED_HISTORY_KINDS,
  type DeleteHistoryInput,
  DeleteHistorySchema,
  type EndHistoryInput,
  EndHistorySchema,
  HISTORY_CORRECTION_SCHEMAS,
  HISTORY_INPUT_SCHEMAS,
  type HistoryCorrection,
  type HistoryInput,
  type HistoryKind,
  type HistoryRow,
} from "../../../common/contracts/cadres.ts";
import { CATEGORY_CODE_LIST, type QualificationCategory } from "../../../common/enums/cadres.ts";
import { splitDate } from "../../../common/rules/age.ts";
import { laterDate, previousDay } from "../../../common/rules/career.ts";
import type { Db, Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import type { CodesService } from "../codes/index.ts";
import type { PostsService } from "../posts/index.ts";
import type { UnitsService } from "../units/index.ts";
import { assertMayWrite, assertMayWriteSensitive } from "./cadres.policy.ts";
import * as repo from "./cadres.repo.ts";
import * as rows from "./histories.repo.ts";
import "./cadres.errors.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  units: Pick<UnitsService, "isInScope">;
  posts: Pick<PostsService, "getSeat" | "getTitle">;
  codes: Pick<CodesService, "assertCodes">;
};

export type HistoriesService = ReturnType<typeof createHistoriesService>;

/** Names used in audit actions: cadre.<name>.added / corrected / ended / deleted. */
const AUDIT_NAME: Record<HistoryKind, string> = {
  assignments: "assignment",
  tiers: "tier",
  qualifications: "qualification",
  salaries: "salary",
  rewards: "reward",
  family: "family_member",
  "work-history": "work_history",
};

type Values = Record<string, unknown>;
type Ctx = { tx: Executor; actor: Actor; person: repo.PersonRow; today: string };

const isDated = (kind: HistoryKind): kind is (typeof DATED_HISTORY_KINDS)[number] =>
  (DATED_HISTORY_KINDS as readonly string[]).includes(kind);

/**
 * The dated histories of a record: add a row, correct a row, end a row on a date, delete a row entered
 * by mistake. Every change locks the person, checks scope and the rules of the kind, and is audited with
 * the row before and after.
 */
export function createHistoriesService({ db, audit, clock, units, posts, codes }: Deps) {
  /** Adds a row. */
  async function add<K extends HistoryKind>(
    actor: Actor,
    cadreId: number,
    kind: K,
    raw: HistoryInput<K>,
  ): Promise<HistoryRow<K>> {
    assertMayWrite(actor, cadreId);
    if (kind === "family") assertMayWriteSensitive(actor, ["family"]);
    const { fields, reason } = splitReason(kind, HISTORY_INPUT_SCHEMAS[kind].parse(raw) as Values);
    const today = clock.today();
    return db.transaction(async (tx) => {
      const person = await writablePerson(tx, actor, cadreId, today);
      const id = await addInTx(tx, actor, person, kind, fields, reason);
      return (await rows.presentedRow(tx, kind, cadreId, id, today)) as HistoryRow<K>;
    });
  }

  /** Adds a row inside the caller's transaction (a new record with its first assignment). */
  async function addInTx(
    tx: Executor,
    actor: Actor,
    person: repo.PersonRow,
    kind: HistoryKind,
    fields: Values,
    reason: string | undefined,
  ): Promise<number> {
    const values = await prepare({ tx, actor, person, today: clock.today() }, kind, fields, fields);
    const id = await rows.insertRow(tx, kind, { ...values, cadreId: person.id });
    await audit.record(tx, actor, {
      action: `cadre.${AUDIT_NAME[kind]}.added`,
      entityType: "cadre",
      entityId: person.id,
      after: { kind, id, ...values },
      reason,
    });
    return id;
  }

  /** Corrects a row that was recorded wrongly: only the fields sent change; the rules are checked again. */
  async function correct<K extends HistoryKind>(
    actor: Actor,
    cadreId: number,
    kind: K,
    rowId: number,
    raw: HistoryCorrection<K>,
  ): Promise<HistoryRow<K>> {
    assertMayWrite(actor, cadreId);
    if (kind === "family") assertMayWriteSensitive(actor, ["family"]);
    const { fields: patch, reason } = splitReason(
      kind,
      HISTORY_CORRECTION_SCHEMAS[kind].parse(raw) as Values,
    );
    const today = clock.today();
    return db.transaction(async (tx) => {
      const person = await writablePerson(tx, actor, cadreId, today);
      const ctx = { tx, actor, person, today };
      const before = await rows.getRow(tx, kind, cadreId, rowId);
      if (!before) throw new AppError("HISTORY_ROW_NOT_FOUND");
      if (kind === "assignments") await assertAssignmentReachable(ctx, before);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const values = await prepare(ctx, kind, { ...before, ...defined }, defined, before);
      const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => !sameValue(before[k], v)));
      if (Object.keys(changed).length) {
        await rows.updateRow(tx, kind, cadreId, rowId, changed);
        await audit.record(tx, actor, {
          action: `cadre.${AUDIT_NAME[kind]}.corrected`,
          entityType: "cadre",
          entityId: cadreId,
          before: { kind, id: rowId, ...pick(before, Object.keys(changed)) },
          after: { kind, id: rowId, ...changed },
          reason,
        });
      }
      return (await rows.presentedRow(tx, kind, cadreId, rowId, today)) as HistoryRow<K>;
    });
  }

  /** Ends an open row on a date (the first day it no longer holds). */
  async function end<K extends HistoryKind>(
    actor: Actor,
    cadreId: number,
    kind: K,
    rowId: number,
    raw: EndHistoryInput,
  ): Promise<HistoryRow<K>> {
    assertMayWrite(actor, cadreId);
    if (!isDated(kind)) throw new AppError("HISTORY_NOT_DATED");
    const input = EndHistorySchema.parse(raw);
    const today = clock.today();
    return db.transaction(async (tx) => {
      const person = await writablePerson(tx, actor, cadreId, today);
      const ctx = { tx, actor, person, today };
      const before = await rows.getRow(tx, kind, cadreId, rowId);
      if (!before) throw new AppError("HISTORY_ROW_NOT_FOUND");
      if (kind === "assignments") await assertAssignmentReachable(ctx, before);
      if (before.validTo !== null) {
        throw new AppError("HISTORY_ALREADY_ENDED", { details: { validTo: before.validTo } });
      }
      if (input.endDate <= String(before.validFrom)) {
        throw new AppError("HISTORY_END_BEFORE_START", {
          details: { validFrom: before.validFrom, endDate: input.endDate },
        });
      }
      await rows.updateRow(tx, kind, cadreId, rowId, { validTo: input.endDate });
      await audit.record(tx, actor, {
        action: `cadre.${AUDIT_NAME[kind]}.ended`,
        entityType: "cadre",
        entityId: cadreId,
        before: { kind, id: rowId, validTo: null },
        after: { kind, id: rowId, validTo: input.endDate },
        reason: input.reason,
      });
      return (await rows.presentedRow(tx, kind, cadreId, rowId, today)) as HistoryRow<K>;
    });
  }

  /**
   * Deletes a row that should never have been recorded (entered by mistake), with a reason. Rows that were
   * true once are ended or corrected instead; the audit keeps the deleted row.
   */
  async function remove(
    actor: Actor,
    cadreId: number,
    kind: HistoryKind,
    rowId: number,
    raw: DeleteHistoryInput,
  ): Promise<void> {
    assertMayWrite(actor, cadreId);
    if (kind === "family") assertMayWriteSensitive(actor, ["family"]);
    const input = DeleteHistorySchema.parse(raw);
    const today = clock.today();
    await db.transaction(async (tx) => {
      const person = await writablePerson(tx, actor, cadreId, today);
      const before = await rows.getRow(tx, kind, cadreId, rowId);
      if (!before) throw new AppError("HISTORY_ROW_NOT_FOUND");
      if (kind === "assignments") await assertAssignmentReachable({ tx, actor, person, today }, before);
      await rows.deleteRow(tx, kind, cadreId, rowId);
      await audit.record(tx, actor, {
        action: `cadre.${AUDIT_NAME[kind]}.deleted`,
        entityType: "cadre",
        entityId: cadreId,
        before: { kind, ...before },
        reason: input.reason,
      });
    });
  }

  /** The person, locked, if they exist and lie in the actor's scope today; otherwise not found. */
  async function writablePerson(tx: Executor, actor: Actor, cadreId: number, today: string) {
    const person = await repo.lockPerson(tx, cadreId);
    if (!person || !(await repo.personInScope(tx, cadreId, actor.scope, today))) {
      throw new AppError("CADRE_NOT_FOUND");
    }
    return person;
  }

  /**
   * Validates a row (new, or an existing one with corrections merged in) and returns the values to
   * store. `explicit` holds the fields the caller sent; `before` the stored row when correcting.
   */
  async function prepare(
    ctx: Ctx,
    kind: HistoryKind,
    row: Values,
    explicit: Values,
    before?: rows.StoredRow,
  ): Promise<Values> {
    const exceptId = before?.id;
    const str = (k: string) => (row[k] == null ? null : String(row[k]));
    const changedField = (k: string) => before === undefined || !sameValue(before[k], row[k]);
    switch (kind) {
      case "assignments":
        return prepareAssignment(ctx, row, explicit, exceptId);
      case "tiers": {
        const period = checkPeriod(ctx, str("validFrom")!, str("validTo"));
        const clash = await rows.overlapping(ctx.tx, "tiers", ctx.person.id, period, { exceptId });
        if (clash.length) throw new AppError("TIER_OVERLAP", { details: { conflicting: clash } });
        return { tier: row.tier, ...period, decisionRef: row.decisionRef ?? null };
      }
      case "qualifications": {
        const category = row.category as QualificationCategory;
        const levelCode = String(row.levelCode);
        if (changedField("category") || changedField("levelCode")) {
          await codes.assertCodes(ctx.tx, [
            { field: "levelCode", list: CATEGORY_CODE_LIST[category], code: levelCode },
          ]);
        }
        const obtainedOn = str("obtainedOn")!;
        assertAfterBirth(ctx, obtainedOn, "obtainedOn");
        const startedOn = str("startedOn");
        if (startedOn !== null && startedOn > obtainedOn) {
          throw new AppError("HISTORY_END_BEFORE_START", { details: { startedOn, obtainedOn } });
        }
        return {
          category,
          levelCode,
          major: row.major ?? null,
          institution: row.institution ?? null,
          studyMode: row.studyMode ?? null,
          startedOn,
          obtainedOn,
          note: row.note ?? null,
        };
      }
      case "salaries": {
        const gradeCode = String(row.gradeCode);
        if (changedField("gradeCode")) {
          await codes.assertCodes(ctx.tx, [
            { field: "gradeCode", list: "civil_service_grade", code: gradeCode },
          ]);
        }
        const period = checkPeriod(ctx, str("validFrom")!, str("validTo"));
        const clash = await rows.overlapping(ctx.tx, "salaries", ctx.person.id, period, { exceptId });
        if (clash.length) throw new AppError("SALARY_OVERLAP", { details: { conflicting: clash } });
        const coefficient = row.coefficient == null ? null : String(row.coefficient);
        return { gradeCode, step: Number(row.step), coefficient, ...period };
      }
      case "rewards": {
        const decidedOn = str("decidedOn")!;
        assertAfterBirth(ctx, decidedOn, "decidedOn");
        return {
          form: row.form,
          decidedOn,
          decisionRef: row.decisionRef ?? null,
          issuer: row.issuer ?? null,
          reason: row.reason ?? null,
        };
      }
      case "family": {
        const birthYear = row.birthYear == null ? null : Number(row.birthYear);
        if (birthYear !== null && birthYear > splitDate(ctx.today).y) {
          throw new AppError("CADRE_DATES_INCONSISTENT", {
            details: [{ field: "birthYear", problem: "in_future" }],
          });
        }
        return {
          side: row.side,
          relation: row.relation,
          fullName: row.fullName,
          birthYear,
          details: row.details ?? null,
        };
      }
      case "work-history": {
        const period = checkPeriod(ctx, str("validFrom")!, str("validTo"));
        return {
          ...period,
          unitText: row.unitText,
          titleText: row.titleText ?? null,
          description: row.description ?? null,
        };
      }
    }
  }

  async function prepareAssignment(ctx: Ctx, row: Values, explicit: Values, exceptId: number | undefined) {
    const { tx, actor, person } = ctx;
    const period = checkPeriod(ctx, String(row.validFrom), row.validTo == null ? null : String(row.validTo));
    const seatId = row.seatId == null ? null : Number(row.seatId);
    let unitId = Number(row.unitId);
    let titleId = Number(row.titleId);
    if (seatId !== null) {
      const seat = await posts.getSeat(tx, seatId);
      if (!seat) throw new AppError("ASSIGNMENT_SEAT_NOT_FOUND", { details: { seatId } });
      if (
        (explicit.unitId !== undefined && Number(explicit.unitId) !== seat.unitId) ||
        (explicit.titleId !== undefined && Number(explicit.titleId) !== seat.titleId)
      ) {
        throw new AppError("ASSIGNMENT_SEAT_MISMATCH", {
          details: { seatId, unitId: seat.unitId, titleId: seat.titleId },
        });
      }
      unitId = seat.unitId;
      titleId = seat.titleId;
      const insideSeat =
        seat.validFrom <= period.validFrom &&
        (seat.validTo === null || (period.validTo !== null && period.validTo <= seat.validTo));
      if (!insideSeat) {
        throw new AppError("ASSIGNMENT_OUTSIDE_SEAT_PERIOD", {
          details: { seatValidFrom: seat.validFrom, seatValidTo: seat.validTo },
        });
      }
    } else if (!(await posts.getTitle(tx, titleId))) {
      throw new AppError("TITLE_UNKNOWN", { details: { titleId } });
    }
    if ((await rows.unitNameOn(tx, unitId, period.validFrom)) === undefined) {
      throw new AppError("ASSIGNMENT_UNIT_NOT_ACTIVE", { details: { unitId, validFrom: period.validFrom } });
    }
    if (!(await units.isInScope(tx, actor, unitId, period.validFrom))) {
      throw new AppError("ASSIGNMENT_UNIT_OUT_OF_SCOPE", { details: { unitId } });
    }
    const isMain = row.isMain === undefined ? true : Boolean(row.isMain);
    if (isMain) {
      // One main post at a time (DESIGN §4.1): a person's main assignments never overlap.
      const clash = await rows.overlapping(tx, "assignments", person.id, period, {
        exceptId,
        onlyMain: true,
      });
      if (clash.length) throw new AppError("ASSIGNMENT_OVERLAP", { details: { conflicting: clash } });
    }
    const appointedOn = row.appointedOn == null ? null : String(row.appointedOn);
    if (appointedOn !== null) assertAfterBirth(ctx, appointedOn, "appointedOn");
    return {
      seatId,
      unitId,
      titleId,
      isMain,
      ...period,
      appointedOn,
      decisionRef: row.decisionRef ?? null,
      note: row.note ?? null,
    };
  }

  /** A stored assignment may be changed only by someone whose scope reaches its unit during it. */
  async function assertAssignmentReachable(ctx: Ctx, row: rows.StoredRow) {
    const unitId = Number(row.unitId);
    const validFrom = String(row.validFrom);
    const end = row.validTo == null ? ctx.today : previousDay(String(row.validTo));
    const lastDay = laterDate(end, validFrom);
    const reachable =
      (await units.isInScope(ctx.tx, ctx.actor, unitId, validFrom)) ||
      (await units.isInScope(ctx.tx, ctx.actor, unitId, lastDay));
    if (!reachable) throw new AppError("ASSIGNMENT_UNIT_OUT_OF_SCOPE", { details: { unitId } });
  }

  return { add, addInTx, correct, end, remove };
}

/** The audit reason travels with the input; for rewards `reason` is a field of the row itself. */
function splitReason(kind: HistoryKind, input: Values): { fields: Values; reason: string | undefined } {
  if (kind === "rewards") return { fields: input, reason: undefined };
  const { reason, ...fields } = input;
  return { fields, reason: typeof reason === "string" ? reason : undefined };
}

function checkPeriod(ctx: Ctx, validFrom: string, validTo: string | null) {
  if (validTo !== null && validTo <= validFrom) {
    throw new AppError("HISTORY_END_BEFORE_START", { details: { validFrom, validTo } });
  }
  assertAfterBirth(ctx, validFrom, "validFrom");
  return { validFrom, validTo };
}

function assertAfterBirth(ctx: Ctx, date: string, field: string) {
  if (date <= ctx.person.birthDate) {
    throw new AppError("HISTORY_BEFORE_BIRTH", { details: { field, date, birthDate: ctx.person.birthDate } });
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  if (
    typeof a === "string" &&
    typeof b === "string" &&
    /^-?\d+(\.\d+)?$/.test(a) &&
    /^-?\d+(\.\d+)?$/.test(b)
  ) {
    return Number(a) === Number(b);
  }
  return String(a) === String(b);
}

function pick(row: Values, keys: readonly string[]): Values {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

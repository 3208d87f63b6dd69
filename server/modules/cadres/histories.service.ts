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
import type { HistoryAuditRow } from "../../../common/enums/audit.ts";
import type { Db, Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import type { CodesService } from "../codes/index.ts";
import type { PostsService } from "../posts/index.ts";
import type { UnitsService } from "../units/index.ts";
import { CadreErrors } from "./cadres.errors.ts";
import { assertMayWrite, assertMayWriteSensitive } from "./cadres.policy.ts";
import * as repo from "./cadres.repo.ts";
import { createHistoryChecks, sameValue } from "./histories.checks.ts";
import * as rows from "./histories.repo.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  units: Pick<UnitsService, "isInScope">;
  posts: Pick<PostsService, "getSeat" | "getTitle">;
  codes: Pick<CodesService, "assertCodes" | "entry">;
};

export type HistoriesService = ReturnType<typeof createHistoriesService>;

/** Names used in audit actions: cadre.<name>.added / corrected / ended / deleted. */
const AUDIT_NAME: Record<HistoryKind, HistoryAuditRow> = {
  assignments: "assignment",
  tiers: "tier",
  qualifications: "qualification",
  trainings: "training",
  salaries: "salary",
  rewards: "reward",
  family: "family_member",
  "work-history": "work_history",
};

type Values = Record<string, unknown>;

const isDated = (kind: HistoryKind): kind is (typeof DATED_HISTORY_KINDS)[number] =>
  (DATED_HISTORY_KINDS as readonly string[]).includes(kind);

/**
 * The dated histories of a record: add a row, correct a row, end a row on a date, delete a row entered
 * by mistake. Every change locks the person, checks scope and the rules of the kind, and is audited with
 * the row before and after.
 */
export function createHistoriesService({ db, audit, clock, units, posts, codes }: Deps) {
  const checks = createHistoryChecks({ units, posts, codes });

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
    const values = await checks.prepare({ tx, actor, person, today: clock.today() }, kind, fields, fields);
    const id = await rows.insertRow(tx, kind, { ...values, cadreId: person.id });
    await audit.record(tx, actor, {
      action: `cadre.${AUDIT_NAME[kind]}.added`,
      entityType: "cadre",
      entityId: person.id,
      after: { kind, id, ...auditValues(values) },
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
      if (!before) throw new AppError(CadreErrors.HISTORY_ROW_NOT_FOUND);
      if (kind === "assignments") await checks.assertAssignmentReachable(ctx, before);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const values = await checks.prepare(ctx, kind, { ...before, ...defined }, defined, before);
      const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => !sameValue(before[k], v)));
      if (Object.keys(changed).length) {
        await rows.updateRow(tx, kind, cadreId, rowId, changed);
        await audit.record(tx, actor, {
          action: `cadre.${AUDIT_NAME[kind]}.corrected`,
          entityType: "cadre",
          entityId: cadreId,
          before: { kind, id: rowId, ...auditValues(pick(before, Object.keys(changed))) },
          after: { kind, id: rowId, ...auditValues(changed) },
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
    if (!isDated(kind)) throw new AppError(CadreErrors.HISTORY_NOT_DATED);
    const input = EndHistorySchema.parse(raw);
    const today = clock.today();
    return db.transaction(async (tx) => {
      const person = await writablePerson(tx, actor, cadreId, today);
      const ctx = { tx, actor, person, today };
      const before = await rows.getRow(tx, kind, cadreId, rowId);
      if (!before) throw new AppError(CadreErrors.HISTORY_ROW_NOT_FOUND);
      if (kind === "assignments") await checks.assertAssignmentReachable(ctx, before);
      if (before.validTo !== null) {
        throw new AppError(CadreErrors.HISTORY_ALREADY_ENDED, { details: { validTo: before.validTo } });
      }
      if (input.endDate <= String(before.validFrom)) {
        throw new AppError(CadreErrors.HISTORY_END_BEFORE_START, {
          details: { validFrom: before.validFrom, endDate: input.endDate },
        });
      }
      // Ending a tier row is a new claim about its last day: it must still fall while the tier exists.
      if (kind === "tiers") {
        await checks.assertTierInForce(
          ctx,
          String(before.tier),
          { validFrom: String(before.validFrom), validTo: input.endDate },
          { isNewTier: false },
        );
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
      if (!before) throw new AppError(CadreErrors.HISTORY_ROW_NOT_FOUND);
      if (kind === "assignments")
        await checks.assertAssignmentReachable({ tx, actor, person, today }, before);
      await rows.deleteRow(tx, kind, cadreId, rowId);
      await audit.record(tx, actor, {
        action: `cadre.${AUDIT_NAME[kind]}.deleted`,
        entityType: "cadre",
        entityId: cadreId,
        before: { kind, ...auditValues(before) },
        reason: input.reason,
      });
    });
  }

  /** The person, locked, if they exist and lie in the actor's scope today; otherwise not found. */
  async function writablePerson(tx: Executor, actor: Actor, cadreId: number, today: string) {
    const person = await repo.lockPerson(tx, cadreId);
    if (!person || !(await repo.personInScope(tx, cadreId, actor.scope, today))) {
      throw new AppError(CadreErrors.CADRE_NOT_FOUND);
    }
    return person;
  }

  return { add, addInTx, correct, end, remove };
}

/** The audit reason travels with the input; for rewards `reason` is a field of the row itself. */
function splitReason(kind: HistoryKind, input: Values): { fields: Values; reason: string | undefined } {
  if (kind === "rewards") return { fields: input, reason: undefined };
  const { reason, ...fields } = input;
  return { fields, reason: typeof reason === "string" ? reason : undefined };
}

/**
 * A row's values as the audit payload carries them after the history kind: a training's own `kind` column
 * is written `trainingKind`, so that it does not shadow the history kind.
 */
function auditValues(values: Values): Values {
  if (!("kind" in values)) return values;
  const { kind: trainingKind, ...rest } = values;
  return { trainingKind, ...rest };
}

function pick(row: Values, keys: readonly string[]): Values {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

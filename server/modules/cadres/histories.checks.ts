import type { HistoryKind } from "../../../common/contracts/cadres.ts";
import { CATEGORY_CODE_LIST, type QualificationCategory } from "../../../common/enums/cadres.ts";
import { splitDate } from "../../../common/rules/age.ts";
import { laterDate, previousDay } from "../../../common/rules/career.ts";
import { codePeriodProblem } from "../../../common/rules/code-validity.ts";
import { lastDayOf } from "../../../common/rules/periods.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { CodeErrors } from "../codes/codes.errors.ts";
import type { CodesService } from "../codes/index.ts";
import type { PostsService } from "../posts/index.ts";
import { PostErrors } from "../posts/posts.errors.ts";
import type { UnitsService } from "../units/index.ts";
import { CadreErrors } from "./cadres.errors.ts";
import type * as repo from "./cadres.repo.ts";
import * as rows from "./histories.repo.ts";

/**
 * The rules of each kind of history row: what a row must satisfy before it is stored (codes in their
 * lists, periods in order and after birth, no overlapping main posts, tiers or salaries, seats and units
 * that exist and lie in the actor's scope).
 */

type Deps = {
  units: Pick<UnitsService, "isInScope">;
  posts: Pick<PostsService, "getSeat" | "getTitle">;
  codes: Pick<CodesService, "assertCodes" | "entry">;
};

type Values = Record<string, unknown>;
export type CheckContext = { tx: Executor; actor: Actor; person: repo.PersonRow; today: string };
type Ctx = CheckContext;

export type HistoryChecks = ReturnType<typeof createHistoryChecks>;

export function createHistoryChecks({ units, posts, codes }: Deps) {
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
        // A stored row is not judged again for a change that leaves its tier and dates alone.
        if (changedField("tier") || changedField("validFrom") || changedField("validTo")) {
          await assertTierInForce(ctx, String(row.tier), period, { isNewTier: changedField("tier") });
        }
        const clash = await rows.overlapping(ctx.tx, "tiers", ctx.person.id, period, { exceptId });
        if (clash.length) throw new AppError(CadreErrors.TIER_OVERLAP, { details: { conflicting: clash } });
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
          throw new AppError(CadreErrors.HISTORY_END_BEFORE_START, { details: { startedOn, obtainedOn } });
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
      case "trainings": {
        const startedOn = str("startedOn");
        const completedOn = str("completedOn");
        if (startedOn !== null) assertAfterBirth(ctx, startedOn, "startedOn");
        if (completedOn !== null) assertAfterBirth(ctx, completedOn, "completedOn");
        // Completed on its last day, so a one-day course starts and completes on the same date.
        if (startedOn !== null && completedOn !== null && completedOn < startedOn) {
          throw new AppError(CadreErrors.HISTORY_END_BEFORE_START, { details: { startedOn, completedOn } });
        }
        return {
          kind: row.kind,
          course: row.course,
          organiser: row.organiser ?? null,
          startedOn,
          completedOn,
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
        if (clash.length) throw new AppError(CadreErrors.SALARY_OVERLAP, { details: { conflicting: clash } });
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
          throw new AppError(CadreErrors.CADRE_DATES_INCONSISTENT, {
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
      // A seat in a unit the actor never reaches is refused as a seat that does not exist.
      if (!seat || !(await units.isInScope(tx, actor, seat.unitId, "ever")))
        throw new AppError(CadreErrors.ASSIGNMENT_SEAT_NOT_FOUND, { details: { seatId } });
      if (
        (explicit.unitId !== undefined && Number(explicit.unitId) !== seat.unitId) ||
        (explicit.titleId !== undefined && Number(explicit.titleId) !== seat.titleId)
      ) {
        throw new AppError(CadreErrors.ASSIGNMENT_SEAT_MISMATCH, {
          details: { seatId, unitId: seat.unitId, titleId: seat.titleId },
        });
      }
      unitId = seat.unitId;
      titleId = seat.titleId;
      const insideSeat =
        seat.validFrom <= period.validFrom &&
        (seat.validTo === null || (period.validTo !== null && period.validTo <= seat.validTo));
      if (!insideSeat) {
        throw new AppError(CadreErrors.ASSIGNMENT_OUTSIDE_SEAT_PERIOD, {
          details: { seatValidFrom: seat.validFrom, seatValidTo: seat.validTo },
        });
      }
    } else if (!(await posts.getTitle(tx, titleId))) {
      throw new AppError(PostErrors.TITLE_UNKNOWN, { details: { titleId } });
    }
    // A unit the actor never reaches is refused as out of scope whether it exists or not, so the answer
    // does not tell which units exist outside the scope.
    if (!(await units.isInScope(tx, actor, unitId, "ever"))) {
      throw new AppError(CadreErrors.ASSIGNMENT_UNIT_OUT_OF_SCOPE, { details: { unitId } });
    }
    if ((await rows.unitNameOn(tx, unitId, period.validFrom)) === undefined) {
      throw new AppError(CadreErrors.ASSIGNMENT_UNIT_NOT_ACTIVE, {
        details: { unitId, validFrom: period.validFrom },
      });
    }
    if (!(await units.isInScope(tx, actor, unitId, period.validFrom))) {
      throw new AppError(CadreErrors.ASSIGNMENT_UNIT_OUT_OF_SCOPE, { details: { unitId } });
    }
    const isMain = row.isMain === undefined ? true : Boolean(row.isMain);
    if (isMain) {
      // One main post at a time (DESIGN §4.1): a person's main assignments never overlap.
      const clash = await rows.overlapping(tx, "assignments", person.id, period, {
        exceptId,
        onlyMain: true,
      });
      if (clash.length)
        throw new AppError(CadreErrors.ASSIGNMENT_OVERLAP, { details: { conflicting: clash } });
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

  /**
   * A tier row uses its code on every day of its period (DOMAIN §9): the district tier exists until
   * 30/6/2025, so a district row may neither begin on 1/7/2025 or later nor run past it (an open row from
   * 2020 included). A tier newly given to the row must also be an active entry of the list.
   */
  async function assertTierInForce(
    ctx: Ctx,
    tier: string,
    period: { validFrom: string; validTo: string | null },
    options: { isNewTier: boolean },
  ) {
    const entry = await codes.entry(ctx.tx, "management_tier", tier);
    if (!entry || (options.isNewTier && !entry.isActive)) {
      throw new AppError(CodeErrors.CODE_UNKNOWN, {
        details: [{ field: "tier", list: "management_tier", code: tier }],
      });
    }
    const problem = codePeriodProblem(entry, period.validFrom, period.validTo);
    if (problem) {
      throw new AppError(CadreErrors.TIER_NOT_IN_FORCE, {
        details: {
          problem,
          tier,
          name: entry.name,
          inForceFrom: entry.validFrom,
          lastDayInForce: lastDayOf(entry.validTo),
          validFrom: period.validFrom,
          validTo: period.validTo,
        },
      });
    }
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
    if (!reachable) throw new AppError(CadreErrors.ASSIGNMENT_UNIT_OUT_OF_SCOPE, { details: { unitId } });
  }

  return { prepare, assertAssignmentReachable, assertTierInForce };
}

function checkPeriod(ctx: Ctx, validFrom: string, validTo: string | null) {
  if (validTo !== null && validTo <= validFrom) {
    throw new AppError(CadreErrors.HISTORY_END_BEFORE_START, { details: { validFrom, validTo } });
  }
  assertAfterBirth(ctx, validFrom, "validFrom");
  return { validFrom, validTo };
}

function assertAfterBirth(ctx: Ctx, date: string, field: string) {
  if (date <= ctx.person.birthDate) {
    throw new AppError(CadreErrors.HISTORY_BEFORE_BIRTH, {
      details: { field, date, birthDate: ctx.person.birthDate },
    });
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
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

import {
  type RetirementOverrideInput,
  RetirementOverrideInputSchema,
  type RetirementOverrideRow,
  type RetiringPage,
  type RetiringQuery,
} from "../../../common/contracts/retirement.ts";
import { addMonthsClamped } from "../../../common/rules/age.ts";
import { addDays } from "../../../common/rules/dates.ts";
import { birthsRetiringBetween, retirementOf, type Sex } from "../../../common/rules/retirement.ts";
import {
  type OverrideProblem,
  overrideDate,
  overrideProblems,
  type RetirementOverride,
  retirementOn,
} from "../../../common/rules/retirement-override.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import type { UnitsService } from "../units/index.ts";
import { UnitErrors } from "../units/units.errors.ts";
import { CadreErrors } from "./cadres.errors.ts";
import { assertMayRead, assertMayWrite } from "./cadres.policy.ts";
import * as people from "./cadres.repo.ts";
import { RetirementErrors } from "./retirement.errors.ts";
import * as repo from "./retirement.repo.ts";
import { exceptionLimitsOn, loadRetirementSettings, noticeOn } from "./retirement.settings.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  units: Pick<UnitsService, "isInScope" | "get">;
};

export type RetirementService = ReturnType<typeof createRetirementService>;

/** The earliest retirement date the overdue list looks at (records begin long after). */
const OVERDUE_FROM = "1950-01-01";

/** At most this many rows in the spreadsheet of the retiring list (a city's 24 months are a few thousand). */
const RETIRING_EXPORT_MAX = 50_000;

/** Vietnamese text of what is wrong with an override. */
const PROBLEM_TEXT: Record<OverrideProblem, string> = {
  needs_date_or_age: "Nhập ngày nghỉ hưu hoặc tuổi nghỉ hưu",
  date_and_age: "Chỉ nhập một trong hai: ngày nghỉ hưu hoặc tuổi nghỉ hưu",
  statutory_takes_no_date: "Trở lại tuổi nghỉ hưu theo luật thì không nhập ngày hay tuổi",
  not_earlier: "Căn cứ này chỉ cho nghỉ hưu sớm hơn tuổi theo luật",
  not_later: "Căn cứ này chỉ cho nghỉ hưu muộn hơn tuổi theo luật",
  too_far: "Vượt quá số tháng căn cứ này cho phép so với tuổi theo luật",
};

/** A person's retirement overrides as the rule reads them. */
export function asOverrides(rows: readonly repo.OverrideRow[]): RetirementOverride[] {
  return rows.map((r) => ({
    validFrom: r.validFrom,
    kind: r.basisKind as RetirementOverride["kind"],
    retirementDate: r.retirementDate,
    ageMonths: r.ageMonths,
  }));
}

/**
 * Retirement (DOMAIN §6) on the cadre records: per-person overrides of the statutory date with their
 * legal basis (scoped and audited like every change of a record), and the "retiring soon" list.
 */
export function createRetirementService({ db, audit, clock, units }: Deps) {
  /** The person's overrides, oldest first (read like the record: in scope, or one's own). */
  async function overrides(actor: Actor, cadreId: number): Promise<RetirementOverrideRow[]> {
    const access = assertMayRead(actor, cadreId);
    if (access === "scoped" && !(await people.personInScope(db, cadreId, actor.scope, clock.today())))
      throw new AppError(CadreErrors.CADRE_NOT_FOUND);
    const person = await people.getPerson(db, cadreId);
    if (!person) throw new AppError(CadreErrors.CADRE_NOT_FOUND);
    const rows = await repo.overridesOf(db, cadreId);
    return rows.map((r) => present(r, person.birthDate));
  }

  /** Records an override of the person's retirement date from a date, after checking it against its basis. */
  async function addOverride(
    actor: Actor,
    cadreId: number,
    raw: RetirementOverrideInput,
  ): Promise<RetirementOverrideRow> {
    assertMayWrite(actor, cadreId);
    const { reason, ...input } = RetirementOverrideInputSchema.parse(raw);
    const today = clock.today();
    return db.transaction(async (tx) => {
      const person = await people.lockPerson(tx, cadreId);
      if (!person || !(await people.personInScope(tx, cadreId, actor.scope, today)))
        throw new AppError(CadreErrors.CADRE_NOT_FOUND);
      const settings = await loadRetirementSettings(tx);
      const statutory = retirementOf(person.sex as Sex, person.birthDate, settings.schedules);
      const value = {
        kind: input.kind,
        retirementDate: input.retirementDate ?? null,
        ageMonths: input.ageMonths ?? null,
      };
      const problems = overrideProblems(
        person.birthDate,
        statutory,
        value,
        exceptionLimitsOn(settings, input.validFrom),
      );
      if (problems.length) {
        throw new AppError(RetirementErrors.RETIREMENT_OVERRIDE_INVALID, {
          details: problems.map((p) => ({
            field: value.ageMonths !== null ? "body.ageMonths" : "body.retirementDate",
            message: PROBLEM_TEXT[p],
            problem: p,
            statutoryDate: statutory.retirementDate,
          })),
        });
      }
      const row = await repo.insertOverride(tx, {
        cadreId,
        validFrom: input.validFrom,
        basisKind: input.kind,
        retirementDate: value.retirementDate,
        ageMonths: value.ageMonths,
        documentRef: input.documentRef,
        documentDate: input.documentDate ?? null,
        note: input.note ?? null,
      });
      const presented = present(row, person.birthDate);
      await audit.record(tx, actor, {
        action: "cadre.retirement_override_added",
        entityType: "cadre",
        entityId: cadreId,
        after: { ...presented, statutoryDate: statutory.retirementDate },
        reason,
      });
      return presented;
    });
  }

  /**
   * People in the actor's scope, serving on the date, whose retirement date (override included) falls
   * within the next `within` months: the notice rule has them informed 6 months ahead and decided 3 months
   * ahead. Ordered by retirement date, then name.
   */
  async function retiring(actor: Actor, query: RetiringQuery): Promise<RetiringPage> {
    return retiringRows(actor, query, query.pageSize, (query.page - 1) * query.pageSize);
  }

  /** The whole list (for the spreadsheet), audited like a cadre export. */
  async function retiringAll(actor: Actor, query: Omit<RetiringQuery, "page" | "pageSize">) {
    const all = await retiringRows(actor, { ...query, page: 1, pageSize: 1 }, RETIRING_EXPORT_MAX, 0);
    const unitName =
      query.unitId !== undefined
        ? (await units.get(actor, query.unitId, all.asOf)).name
        : "toàn bộ phạm vi được giao";
    await db.transaction((tx) =>
      audit.record(tx, actor, {
        action: "cadres.retiring_exported",
        entityType: "cadre",
        entityId: null,
        after: { asOf: all.asOf, within: all.within, unitId: query.unitId ?? null, rows: all.items.length },
      }),
    );
    return { ...all, unitName };
  }

  async function retiringRows(
    actor: Actor,
    query: RetiringQuery,
    limit: number,
    offset: number,
  ): Promise<RetiringPage> {
    authorize(actor, "cadres.read");
    const d = query.asOf ?? clock.today();
    if (query.unitId !== undefined && !(await units.isInScope(db, actor, query.unitId, d)))
      throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    const settings = await loadRetirementSettings(db);
    const notice = noticeOn(settings, d);
    const overdue = query.overdue === true;
    // Retiring soon: dates in [d, d + within months]; overdue: every date before d.
    const from = overdue ? OVERDUE_FROM : d;
    const until = overdue ? addDays(d, -1) : addMonthsClamped(d, query.within);
    const births = (["male", "female"] as const).flatMap((sex) => {
      const run = birthsRetiringBetween(sex, settings.schedules, from, until);
      return run ? [{ sex, ...run }] : [];
    });
    const filter: repo.RetiringFilter = {
      d,
      from,
      until,
      overdue,
      scope: actor.scope,
      schedules: settings.schedules,
      births,
      limit,
      offset,
      ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
    };
    const [rows, total] = await Promise.all([repo.retiringPage(db, filter), repo.retiringCount(db, filter)]);
    const overridesBy = groupBy(
      await repo.overridesOfMany(
        db,
        rows.map((r) => r.id),
      ),
    );
    return {
      asOf: d,
      within: query.within,
      overdue,
      until,
      notice: {
        informMonths: notice.informMonths,
        decideMonths: notice.decideMonths,
        citation: notice.citation,
      },
      items: rows.map((r) => {
        const own = asOverrides(overridesBy.get(r.id) ?? []);
        const e = retirementOn({ sex: r.sex, birthDate: r.birthDate }, own, settings.schedules, d);
        return {
          id: r.id,
          staffCode: r.staffCode,
          fullName: r.fullName,
          sex: r.sex,
          birthDate: r.birthDate,
          birthDatePrecision: r.birthDatePrecision,
          unit: r.unitId !== null ? { id: r.unitId, name: r.unitName ?? "" } : null,
          title: r.titleId !== null ? { id: r.titleId, name: r.titleName ?? "" } : null,
          retirementDate: e.retirementDate,
          pensionFrom: e.pensionFrom,
          statutoryDate: e.statutoryDate,
          ageMonths: e.ageMonths,
          overrideKind: e.overrideKind,
          informBy: noticeDay(e.retirementDate, notice.informMonths),
          decideBy: noticeDay(e.retirementDate, notice.decideMonths),
        };
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  return { overrides, addOverride, retiring, retiringAll };
}

/** The retirement facts of one person as of d, override included (the record's computed facts). */
export async function retirementFactsOf(
  tx: Executor,
  person: { id: number; sex: string; birthDate: string },
  d: string,
) {
  const [settings, rows] = await Promise.all([loadRetirementSettings(tx), repo.overridesOf(tx, person.id)]);
  return retirementOn(
    { sex: person.sex as Sex, birthDate: person.birthDate },
    asOverrides(rows),
    settings.schedules,
    d,
  );
}

/** The last day to act `months` ahead of a retirement date (the day the period before it begins). */
function noticeDay(retirementDate: string, months: number): string {
  return addMonthsClamped(retirementDate, -months);
}

function present(r: repo.OverrideRow, birthDate: string): RetirementOverrideRow {
  return {
    id: r.id,
    validFrom: r.validFrom,
    kind: r.basisKind as RetirementOverrideRow["kind"],
    retirementDate: r.retirementDate,
    ageMonths: r.ageMonths,
    documentRef: r.documentRef,
    documentDate: r.documentDate,
    note: r.note,
    effectiveDate:
      r.basisKind === "statutory"
        ? null
        : overrideDate(birthDate, { retirementDate: r.retirementDate, ageMonths: r.ageMonths }),
  };
}

function groupBy(rows: readonly repo.OverrideRow[]): Map<number, repo.OverrideRow[]> {
  const map = new Map<number, repo.OverrideRow[]>();
  for (const r of rows) {
    const list = map.get(r.cadreId) ?? [];
    list.push(r);
    map.set(r.cadreId, list);
  }
  return map;
}

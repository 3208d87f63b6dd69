import type {
  Analysis,
  BreakdownRow,
  DrillPage,
  DrillQuery,
  Figure,
  IndicatorDefinition,
  IndicatorDetail,
  IndicatorResult,
  Indicators,
  IndicatorsQuery,
  IndicatorVersionInput,
  Series,
  SeriesQuery,
} from "../../../common/contracts/indicators.ts";
import { MANAGEMENT_TIERS, type ManagementTier } from "../../../common/enums/cadres.ts";
import { addMonthsClamped } from "../../../common/rules/age.ts";
import { daysInMonth } from "../../../common/rules/dates.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import {
  loadRetirementSchedules,
  presentListItem,
  type SearchFilter,
  searchCount,
  searchPage,
} from "../cadres/index.ts";
import type { UnitsService } from "../units/index.ts";
import { UnitErrors } from "../units/units.errors.ts";
import * as analysis from "./indicators.analysis.ts";
import { conditionAvailable } from "./indicators.compile.ts";
import { IndicatorErrors } from "./indicators.errors.ts";
import * as repo from "./indicators.repo.ts";

type Deps = { db: Db; audit: AuditService; clock: Clock; units: UnitsService };

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;

/** Why a figure has no data, by cause, and other words of the answers, by language. */
const WORDS = {
  vi: {
    empty: "Không có người trong đối tượng tính tại ngày này.",
    noRecords: "Chưa có dữ liệu: chỉ tiêu được tính khi có bản ghi đánh giá hằng tháng.",
    direct: "trực tiếp",
  },
  en: {
    empty: "Nobody is in the population on this date.",
    noRecords: "No data yet: the indicator is computed once monthly evaluation records exist.",
    direct: "directly",
  },
} as const;

/** Percent with 2 decimals, met/not met against the target, or "no data" for an empty population. */
export function figure(
  def: Pick<IndicatorDefinition, "target" | "direction" | "display">,
  numerator: number,
  denominator: number,
  unknown = 0,
): Figure {
  if (denominator === 0) {
    return {
      numerator: 0,
      denominator: 0,
      percent: null,
      value: null,
      met: null,
      status: "no_data",
      unknown,
    };
  }
  const percent = Math.round((numerator * 10_000) / denominator) / 100;
  let met: boolean | null = null;
  if (def.target !== null && def.direction !== null) {
    // Compared on the exact ratio, not the rounded percent.
    const scaled = numerator * 100;
    const goal = def.target * denominator;
    met = def.direction === ">=" ? scaled >= goal : scaled <= goal;
  }
  return {
    numerator,
    denominator,
    percent,
    value: def.display === "count" ? `${numerator}/${denominator}` : percent,
    met,
    status: met === null ? "no_target" : met ? "met" : "not_met",
    unknown,
  };
}

const NO_RECORDS: Figure = {
  numerator: null,
  denominator: null,
  percent: null,
  value: null,
  met: null,
  status: "no_data",
  unknown: 0,
};

function resultOf(
  def: IndicatorDefinition,
  counts: repo.Counts | undefined,
  lang: "vi" | "en",
): IndicatorResult {
  const base = {
    code: def.code,
    name: lang === "en" ? def.nameEn : def.name,
    target: def.target,
    direction: def.direction,
    display: def.display,
  };
  if (!conditionAvailable(def.condition)) return { ...base, ...NO_RECORDS, note: WORDS[lang].noRecords };
  const f = figure(def, counts?.numerator ?? 0, counts?.denominator ?? 0, counts?.unknown ?? 0);
  return { ...base, ...f, note: f.status === "no_data" ? WORDS[lang].empty : null };
}

/** Tiers in catalogue order, people without a tier last. */
function tierOrder(key: string): number {
  const i = MANAGEMENT_TIERS.indexOf(key as ManagementTier);
  return i < 0 ? MANAGEMENT_TIERS.length : i;
}

/** Last day of the month of d. */
function monthEnd(d: string): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return `${d.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, "0")}`;
}

export function createIndicatorsService({ db, audit, clock, units }: Deps) {
  /** The root unit asked for (checked against the actor's scope) or the top of the actor's scope. */
  async function resolveUnit(tx: Executor, actor: Actor, unitId: number | undefined, d: string) {
    let id = unitId;
    if (id === undefined) {
      id = actor.scope === "all" ? await repo.topUnitAt(tx, d) : actor.scope[0];
      if (id === undefined) throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    } else if (!(await units.isInScope(tx, actor, id, d))) {
      throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    }
    const info = await repo.unitInfo(tx, id, d);
    if (!info) throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    return info;
  }

  /**
   * The retirement rule's age schedule (dated settings): people past their retirement date who are still
   * serving by their records are left out of every population (DOMAIN §2) and listed for correction.
   */
  function schedules() {
    return loadRetirementSchedules(db);
  }

  function computable(defs: readonly IndicatorDefinition[]) {
    return defs.filter((def) => conditionAvailable(def.condition));
  }

  /** Every indicator of the catalogue in effect on asOf, for the unit subtree: one aggregate statement. */
  async function compute(
    actor: Actor,
    query: IndicatorsQuery,
    lang: "vi" | "en" = "vi",
  ): Promise<Indicators> {
    authorize(actor, "indicators.read");
    const d = query.asOf ?? clock.today();
    const unit = await resolveUnit(db, actor, query.unitId, d);
    const defs = await repo.catalogueAt(db, d);
    const rule = await schedules();
    const counts = await repo.countAll(db, computable(defs), unit.id, d, rule);
    const byCode = new Map(counts.map((c) => [c.key, c]));
    return {
      asOf: d,
      unit,
      items: defs.map((def) => resultOf(def, byCode.get(def.code), lang)),
      pastRetirement: await repo.pastRetirementCount(db, unit.id, d, rule),
    };
  }

  async function definitionAt(code: string, d: string): Promise<IndicatorDefinition> {
    const def = (await repo.catalogueAt(db, d)).find((x) => x.code === code);
    if (!def) throw new AppError(IndicatorErrors.INDICATOR_NOT_FOUND);
    return def;
  }

  /** One indicator with its breakdown by child unit and by management tier. */
  async function detail(
    actor: Actor,
    code: string,
    query: IndicatorsQuery,
    lang: "vi" | "en" = "vi",
  ): Promise<IndicatorDetail> {
    authorize(actor, "indicators.read");
    const d = query.asOf ?? clock.today();
    const unit = await resolveUnit(db, actor, query.unitId, d);
    const def = await definitionAt(code, d);
    if (!conditionAvailable(def.condition)) {
      return {
        asOf: d,
        unit,
        indicator: resultOf(def, undefined, lang),
        definition: def,
        byUnit: [],
        byTier: [],
      };
    }
    const rule = await schedules();
    const [byUnit, byTier, children] = await Promise.all([
      repo.countBy(db, def, "unit", unit.id, d, rule),
      repo.countBy(db, def, "tier", unit.id, d, rule),
      repo.childrenAt(db, unit.id, d),
    ]);
    const info = new Map<number, repo.UnitInfo>([
      [unit.id, unit],
      ...children.map((c) => [c.id, c] as const),
    ]);
    const unitRows: BreakdownRow[] = byUnit.map((c) => {
      const u = info.get(Number(c.key)) ?? {
        id: Number(c.key),
        name: `#${c.key}`,
        code: null,
        kind: "other",
      };
      const isRoot = u.id === unit.id;
      return {
        key: c.key,
        label: isRoot ? `${u.name} (${WORDS[lang].direct})` : u.name,
        unit: u,
        ...figure(def, c.numerator, c.denominator, c.unknown),
      };
    });
    unitRows.sort((a, b) => (a.percent ?? -1) - (b.percent ?? -1) || a.label.localeCompare(b.label, "vi"));
    const tierRows: BreakdownRow[] = byTier
      .map((c) => ({
        key: c.key,
        label: c.key,
        unit: null,
        ...figure(def, c.numerator, c.denominator, c.unknown),
      }))
      .sort((a, b) => tierOrder(a.key) - tierOrder(b.key));
    return {
      asOf: d,
      unit,
      // Every person of the subtree lies under exactly one child (or the unit itself): the rows add up.
      indicator: resultOf(
        def,
        {
          key: def.code,
          numerator: byUnit.reduce((n, c) => n + c.numerator, 0),
          denominator: byUnit.reduce((n, c) => n + c.denominator, 0),
          unknown: byUnit.reduce((n, c) => n + c.unknown, 0),
        },
        lang,
      ),
      definition: def,
      byUnit: unitRows,
      byTier: tierRows,
    };
  }

  /** Every indicator (or one) at the end of each month from `from` to `to` (the last point is `to`). */
  async function series(actor: Actor, query: SeriesQuery, lang: "vi" | "en" = "vi"): Promise<Series> {
    authorize(actor, "indicators.read");
    if (query.to < query.from)
      throw new AppError(CoreErrors.VALIDATION_FAILED, { details: [{ field: "to" }] });
    const dates: string[] = [];
    for (
      let m = monthEnd(query.from);
      dates.length < 37;
      m = monthEnd(addMonthsClamped(`${m.slice(0, 7)}-01`, 1))
    ) {
      if (m >= query.to) {
        dates.push(query.to);
        break;
      }
      dates.push(m);
    }
    if (dates.length > 36) throw new AppError(IndicatorErrors.INDICATOR_SERIES_TOO_LONG);
    const unit = await resolveUnit(db, actor, query.unitId, query.to);
    // The definitions in effect on each date apply. Those countAtDates computes are read for every date that
    // shares them in one statement; the others (holders of titles, the "local" rule) one statement per date.
    const catalogues = new Map<string, IndicatorDefinition[]>();
    for (const d of dates) {
      catalogues.set(
        d,
        (await repo.catalogueAt(db, d)).filter((x) => query.code === undefined || x.code === query.code),
      );
    }
    const together = (d: string) => computable(catalogues.get(d)!).filter(repo.computedAtDates);
    const sameDefs = new Map<string, string[]>();
    for (const d of dates) {
      const key = JSON.stringify(together(d).map((x) => [x.code, x.population, x.condition]));
      sameDefs.set(key, [...(sameDefs.get(key) ?? []), d]);
    }
    const counted = new Map<string, repo.Counts[]>();
    const rule = await schedules();
    for (const group of sameDefs.values()) {
      for (const [d, c] of await repo.countAtDates(db, together(group[0]!), unit.id, group, rule))
        counted.set(d, c);
    }
    const points: { d: string; results: IndicatorResult[] }[] = [];
    for (const d of dates) {
      const defs = catalogues.get(d)!;
      const rest = computable(defs).filter((x) => !repo.computedAtDates(x));
      const counts = [...(counted.get(d) ?? []), ...(await repo.countAll(db, rest, unit.id, d, rule))];
      const byCode = new Map(counts.map((c) => [c.key, c]));
      points.push({ d, results: defs.map((def) => resultOf(def, byCode.get(def.code), lang)) });
    }
    const codes = new Map<string, string>();
    for (const p of points) for (const r of p.results) if (!codes.has(r.code)) codes.set(r.code, r.name);
    return {
      unit,
      dates,
      series: [...codes].map(([code, name]) => ({
        code,
        name,
        points: points.map((p) => {
          const r = p.results.find((x) => x.code === code);
          const f = r ?? NO_RECORDS;
          return {
            asOf: p.d,
            numerator: f.numerator,
            denominator: f.denominator,
            percent: f.percent,
            value: f.value,
            met: f.met,
            status: f.status,
            unknown: f.unknown,
          };
        }),
      })),
    };
  }

  /** The filter of the cadre list for the people behind a figure. */
  async function drillFilter(actor: Actor, code: string, query: Omit<DrillQuery, "page" | "pageSize">) {
    authorize(actor, "indicators.read");
    authorize(actor, "cadres.read");
    const d = query.asOf ?? clock.today();
    const unit = await resolveUnit(db, actor, query.unitId, d);
    const def = await definitionAt(code, d);
    if (!conditionAvailable(def.condition)) throw new AppError(IndicatorErrors.INDICATOR_NO_DATA);
    const filter: SearchFilter = {
      d,
      // The population is already cut to the unit subtree, which lies in the actor's scope.
      scope: actor.scope,
      includeLeft: false,
      extra: repo.peopleCondition(def, query.side, unit.id, d, await schedules(), {
        tier: query.tier,
        directOnly: query.directOnly,
      }),
      limit: 0,
      offset: 0,
    };
    return { d, unit, def, filter };
  }

  /** The people in the numerator or the denominator of a figure, as the cadre list shows them. */
  async function people(
    actor: Actor,
    code: string,
    query: DrillQuery,
    lang: "vi" | "en" = "vi",
  ): Promise<DrillPage> {
    const { d, unit, def, filter } = await drillFilter(actor, code, query);
    const paged = { ...filter, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
    const [rows, total] = await Promise.all([searchPage(db, paged), searchCount(db, filter)]);
    return {
      asOf: d,
      unit,
      code: def.code,
      name: lang === "en" ? def.nameEn : def.name,
      side: query.side,
      items: rows.map((r) => presentListItem(r, d)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Every person behind a figure (for the spreadsheet), audited like a cadre export. */
  async function allPeople(actor: Actor, code: string, query: Omit<DrillQuery, "page" | "pageSize">) {
    const { d, unit, def, filter } = await drillFilter(actor, code, query);
    const total = await searchCount(db, filter);
    const rows = await searchPage(db, { ...filter, limit: Math.max(total, 1), offset: 0 });
    await db.transaction((tx) =>
      audit.record(tx, actor, {
        action: "indicators.people_exported",
        entityType: "indicator",
        entityId: null,
        after: {
          code: def.code,
          asOf: d,
          unitId: unit.id,
          side: query.side,
          tier: query.tier ?? null,
          rows: total,
        },
      }),
    );
    return { d, unit, def, items: rows.map((r) => presentListItem(r, d)) };
  }

  /**
   * The analysis views of the seed report: units below target for each indicator with a target, average
   * age of key leaders by level, the age pyramid, women and young shares among the cadres of the
   * standing-committee tiers vs all staff. The indicators' figures, totals and by child unit, come from the
   * cards' statement (repo.countAllBy): one population per definition, the same numbers everywhere. Two
   * statements over the staff, one after the other (ADR 0001).
   */
  async function analyse(actor: Actor, query: IndicatorsQuery, lang: "vi" | "en" = "vi"): Promise<Analysis> {
    authorize(actor, "indicators.read");
    const d = query.asOf ?? clock.today();
    const unit = await resolveUnit(db, actor, query.unitId, d);
    const defs = computable(await repo.catalogueAt(db, d));
    const targeted = defs.filter((def) => def.target !== null && def.direction !== null);
    const shared = analysis.shareDefinitions(defs);
    const read = defs.filter((def) => targeted.includes(def) || def === shared.women || def === shared.young);
    const children = await repo.childrenAt(db, unit.id, d);
    const rule = await schedules();
    const counts = await repo.countAllBy(db, read, unit.id, d, true, rule);
    const { keyLeadersAge, agePyramid, all } = await analysis.staffAnalysis(
      db,
      unit.id,
      d,
      analysis.youngCondition(defs),
      rule,
    );
    const totalOf = (code: string) => {
      const c = counts.find((x) => x.key === code && x.child === null);
      return { numerator: c?.numerator ?? 0, denominator: c?.denominator ?? 0, unknown: c?.unknown ?? 0 };
    };
    const indicatorShare = (def: IndicatorDefinition | undefined) => {
      if (!def) return null;
      const { numerator, denominator } = totalOf(def.code);
      return { code: def.code, ...analysis.shareOf(numerator, denominator) };
    };
    const info = new Map(children.map((c) => [c.id, c]));
    const belowTarget = targeted.map((def) => {
      const total = totalOf(def.code);
      return {
        code: def.code,
        name: lang === "en" ? def.nameEn : def.name,
        target: def.target!,
        direction: def.direction!,
        total: { ...analysis.shareOf(total.numerator, total.denominator), unknown: total.unknown },
        units: counts
          .flatMap((c) => {
            const u = c.key === def.code && c.child !== null ? info.get(Number(c.child)) : undefined;
            const f = figure(def, c.numerator, c.denominator, c.unknown);
            return u && f.status === "not_met" ? [{ key: c.child!, label: u.name, unit: u, ...f }] : [];
          })
          .sort((a, b) => (def.direction === ">=" ? a.percent! - b.percent! : b.percent! - a.percent!)),
      };
    });
    const leadersVsAll = {
      leaders: { women: indicatorShare(shared.women), young: indicatorShare(shared.young) },
      all,
    };
    return { asOf: d, unit, belowTarget, keyLeadersAge, agePyramid, leadersVsAll };
  }

  /** The catalogue in effect on a date. */
  async function catalogue(actor: Actor, asOf?: string) {
    authorize(actor, "indicators.read");
    const d = asOf ?? clock.today();
    return { asOf: d, items: await repo.catalogueAt(db, d) };
  }

  async function history(actor: Actor, code: string) {
    authorize(actor, "indicators.read");
    const versions = await repo.versionsOf(db, code);
    if (versions.length === 0) throw new AppError(IndicatorErrors.INDICATOR_NOT_FOUND);
    return { code, versions };
  }

  /** Adds a version of a definition (new or changed), effective from its date; versions are never edited. */
  async function addVersion(
    actor: Actor,
    code: string,
    input: IndicatorVersionInput,
  ): Promise<IndicatorDefinition> {
    authorize(actor, "indicators.manage");
    const { reason, ...version } = input;
    const problems: { field: string; code: string }[] = [];
    const leaves = version.condition.kind === "all" ? version.condition.of : [version.condition];
    for (const leaf of leaves) {
      if (leaf.kind === "qualification" && !(await repo.codeExists(db, leaf.category, leaf.atLeast))) {
        problems.push({ field: "condition.atLeast", code: `${leaf.category}/${leaf.atLeast}` });
      }
    }
    if (version.population.titleCodes) {
      const found = await repo.existingTitleCodes(db, version.population.titleCodes);
      for (const t of version.population.titleCodes) {
        if (!found.has(t)) problems.push({ field: "population.titleCodes", code: t });
      }
    }
    if (problems.length)
      throw new AppError(IndicatorErrors.INDICATOR_DEFINITION_INVALID, { details: problems });
    return db.transaction(async (tx) => {
      const created = await repo.insertVersion(tx, code, version, actor.username);
      if (!created) throw new AppError(IndicatorErrors.INDICATOR_VERSION_EXISTS);
      await audit.record(tx, actor, {
        action: "indicator.version_added",
        entityType: "indicator",
        entityId: created.id,
        after: created,
        reason: reason ?? null,
      });
      return created;
    });
  }

  return { compute, detail, series, analyse, people, allPeople, catalogue, history, addVersion };
}

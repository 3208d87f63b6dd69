import type { DrillSide } from "../../../../common/contracts/indicators.ts";
import { DRILL_SIDES } from "../../../../common/contracts/indicators.ts";
import { MANAGEMENT_TIERS, type ManagementTier } from "../../../../common/enums/cadres.ts";
import { addMonthsClamped } from "../../../../common/rules/age.ts";
import { type IsoDate, isIsoDate } from "../../../../common/rules/dates.ts";

/** What the dashboard shows, kept in its URL (?asOf=…&unitId=…&code=…) to be bookmarked and shared. */
export type DashboardParams = {
  /** Absent: today. */
  asOf?: string;
  /** Absent: the top of the user's scope, as the API chooses it. */
  unitId?: number;
  /** The indicator whose breakdown is shown; absent: the first of the catalogue. */
  code?: string;
};

/** A tier of the tier breakdown, or "none": the people who have no management tier on the date. */
export type DrillTier = ManagementTier | "none";

/**
 * What the drill-down list shows, in its URL:
 * /indicators/:code/people?asOf&unitId&side&tier&directOnly&page&pageSize.
 */
export type DrillParams = {
  asOf?: string;
  unitId?: number;
  side: DrillSide;
  tier?: DrillTier;
  /** Only the people placed in the unit itself, not in the units below it (the breakdown's "… (trực tiếp)" row). */
  directOnly?: boolean;
};

const DRILL_TIERS: readonly string[] = [...MANAGEMENT_TIERS, "none"];

/** True for a tier the drill-down lists: a management tier, or "none" (the tier breakdown's key for no tier). */
export function isDrillTier(value: string | null | undefined): value is DrillTier {
  return DRILL_TIERS.includes(value ?? "");
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

function isoDate(value: string | null): string | undefined {
  return value && isIsoDate(value) ? value : undefined;
}

/** Indicator codes as the catalogue allows them (I1, I7.2…). */
export function isIndicatorCode(value: string | null | undefined): value is string {
  return !!value && /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/.test(value);
}

/** Reads the dashboard's URL; what is malformed (a hand-edited link) is ignored. */
export function dashboardParamsOf(params: URLSearchParams): DashboardParams {
  const code = params.get("code");
  return {
    asOf: isoDate(params.get("asOf")),
    unitId: positiveInt(params.get("unitId")),
    code: isIndicatorCode(code) ? code : undefined,
  };
}

/** Reads the drill-down's URL; the side is the numerator unless the link says otherwise. */
export function drillParamsOf(params: URLSearchParams): DrillParams {
  const side = params.get("side");
  const tier = params.get("tier");
  return {
    asOf: isoDate(params.get("asOf")),
    unitId: positiveInt(params.get("unitId")),
    side: (DRILL_SIDES as readonly string[]).includes(side ?? "") ? (side as DrillSide) : "numerator",
    tier: isDrillTier(tier) ? tier : undefined,
    // Only "true" narrows the list: anything else is the whole subtree, as without the parameter.
    directOnly: params.get("directOnly") === "true" ? true : undefined,
  };
}

/**
 * The months of the trend line: the twelve month ends up to the as-of date (the last point is the date
 * itself). The series API counts from the month of `from` to the month of `to`.
 */
export function trendRange(asOf: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: `${addMonthsClamped(asOf, -11).slice(0, 7)}-01`, to: asOf };
}

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The drill-down's parameters as a query string says them, for its page and for the API (list and XLSX). */
export function drillQuery(params: DrillParams): Record<string, string | number | undefined> {
  return {
    asOf: params.asOf,
    unitId: params.unitId,
    side: params.side,
    tier: params.tier,
    directOnly: params.directOnly ? "true" : undefined,
  };
}

/** The list of the people behind a figure. */
export function drillPath(code: string, params: DrillParams): string {
  return withQuery(`/indicators/${encodeURIComponent(code)}/people`, drillQuery(params));
}

/** The dashboard showing an indicator of a unit on a date (the way back from a drill-down). */
export function dashboardPath(params: DashboardParams): string {
  return withQuery("/dashboard", { asOf: params.asOf, unitId: params.unitId, code: params.code });
}

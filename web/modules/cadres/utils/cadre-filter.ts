import { MANAGEMENT_TIERS, SEXES, STAFF_TYPES } from "../../../../common/enums/cadres.ts";
import { isIsoDate } from "../../../../common/rules/dates.ts";

/**
 * The filters of the cadre list (GET /api/cadres and GET /api/cadres/export take the same ones). They
 * live in the page's URL, so a filtered list can be bookmarked, shared and reloaded.
 */
export type CadreFilter = {
  q?: string;
  unitId?: number;
  asOf?: string;
  staffType?: (typeof STAFF_TYPES)[number];
  tier?: (typeof MANAGEMENT_TIERS)[number];
  titleId?: number;
  sex?: (typeof SEXES)[number];
  ageFrom?: number;
  ageTo?: number;
  qualification?: string;
  politicalTheory?: string;
};

export const FILTER_KEYS = [
  "q",
  "unitId",
  "asOf",
  "staffType",
  "tier",
  "titleId",
  "sex",
  "ageFrom",
  "ageTo",
  "qualification",
  "politicalTheory",
] as const satisfies readonly (keyof CadreFilter)[];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

function age(value: string | null): number | undefined {
  if (value === null || !/^\d{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 150 ? n : undefined;
}

function code(value: string | null): string | undefined {
  return value && /^[0-9A-Za-z._-]{1,32}$/.test(value) ? value : undefined;
}

/** Reads the filters from the URL; what is malformed (hand-edited link) is ignored, not sent. */
export function filterFromParams(params: URLSearchParams): CadreFilter {
  const q = params.get("q")?.trim().slice(0, 100);
  const asOf = params.get("asOf");
  return {
    q: q ? q : undefined,
    unitId: positiveInt(params.get("unitId")),
    asOf: asOf && isIsoDate(asOf) ? asOf : undefined,
    staffType: oneOf(STAFF_TYPES, params.get("staffType")),
    tier: oneOf(MANAGEMENT_TIERS, params.get("tier")),
    titleId: positiveInt(params.get("titleId")),
    sex: oneOf(SEXES, params.get("sex")),
    ageFrom: age(params.get("ageFrom")),
    ageTo: age(params.get("ageTo")),
    qualification: code(params.get("qualification")),
    politicalTheory: code(params.get("politicalTheory")),
  };
}

/** The filters as query parameters of the API (absent values left out). */
export function queryOf(filter: CadreFilter): Record<string, string | number | undefined> {
  const query: Record<string, string | number | undefined> = {};
  for (const key of FILTER_KEYS) query[key] = filter[key];
  return query;
}

/** True when any filter other than the search text is set. */
export function hasFilters(filter: CadreFilter): boolean {
  return FILTER_KEYS.some((key) => key !== "q" && filter[key] !== undefined);
}

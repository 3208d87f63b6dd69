import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type {
  Analysis,
  DrillPage,
  IndicatorDetail,
  Indicators,
  Series,
} from "../../../../common/contracts/indicators.ts";
import { api } from "../../../app/api-client.ts";
import { type DrillParams, drillQuery, trendRange } from "../utils/dashboard-params.ts";

/** Every cached answer about indicators starts with this key. Names come in the UI's language: it is part of the key. */
export const INDICATORS_KEY = ["indicators"] as const;

/** GET /api/indicators: every indicator of the catalogue for a unit subtree on a date; the old cards stay while the next date loads. */
export function useIndicators(asOf: string, unitId: number | undefined, language: string) {
  return useQuery({
    queryKey: [...INDICATORS_KEY, "list", asOf, unitId ?? "top", language],
    queryFn: ({ signal }) => api<Indicators>("/indicators", { query: { asOf, unitId }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * GET /api/indicators/series over the twelve month ends up to the date: one aggregate per month, so it is
 * the slowest answer of the page; it is asked for once the cards are there (`enabled`) and kept longer.
 */
export function useIndicatorTrend(
  asOf: string,
  unitId: number | undefined,
  language: string,
  enabled: boolean,
) {
  return useQuery({
    enabled,
    queryKey: [...INDICATORS_KEY, "series", asOf, unitId ?? "top", language],
    queryFn: ({ signal }) =>
      api<Series>("/indicators/series", { query: { ...trendRange(asOf), unitId }, signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * GET /api/indicators/analysis: units below target, key leaders' age by level, the age pyramid, women and
 * young among leaders and all staff. Asked for once the cards are there, like the series; the previous
 * date's or unit's views stay (dimmed) while the next load.
 */
export function useIndicatorAnalysis(
  asOf: string,
  unitId: number | undefined,
  language: string,
  enabled: boolean,
) {
  return useQuery({
    enabled,
    queryKey: [...INDICATORS_KEY, "analysis", asOf, unitId ?? "top", language],
    queryFn: ({ signal }) => api<Analysis>("/indicators/analysis", { query: { asOf, unitId }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/indicators/:code: one indicator with its breakdown by child unit and by management tier. */
export function useIndicatorDetail(
  code: string | undefined,
  asOf: string,
  unitId: number | undefined,
  language: string,
  enabled: boolean,
) {
  return useQuery({
    enabled: enabled && code !== undefined,
    queryKey: [...INDICATORS_KEY, "detail", code, asOf, unitId ?? "top", language],
    queryFn: ({ signal }) =>
      api<IndicatorDetail>(`/indicators/${encodeURIComponent(code!)}`, { query: { asOf, unitId }, signal }),
    // Another date or unit keeps the same indicator's charts on screen; another indicator starts blank.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[2] === code ? previous : undefined,
  });
}

/** GET /api/indicators/:code/people: one page of the people behind a figure, as the cadre list shows them. */
export function useIndicatorPeople(
  code: string,
  params: DrillParams,
  page: number,
  pageSize: number,
  language: string,
) {
  return useQuery({
    queryKey: [...INDICATORS_KEY, "people", code, params, page, pageSize, language],
    queryFn: ({ signal }) =>
      api<DrillPage>(`/indicators/${encodeURIComponent(code)}/people`, {
        query: { ...drillQuery(params), page, pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

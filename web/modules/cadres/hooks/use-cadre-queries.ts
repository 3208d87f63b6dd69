import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { CadreDetail, CadrePage } from "../../../../common/contracts/cadres.ts";
import type { Code, CodeListResponse } from "../../../../common/contracts/codes.ts";
import type { SeatList, TitleList } from "../../../../common/contracts/posts.ts";
import type { CodeListName } from "../../../../common/enums/cadres.ts";
import { api } from "../../../app/api-client.ts";
import { type CadreFilter, queryOf } from "../utils/cadre-filter.ts";

/** Every cached answer about cadre records starts with this key: one invalidation refreshes them all. */
export const CADRES_KEY = ["cadres"] as const;

/** GET /api/cadres: one page of the search; the previous page stays on screen while the next loads. */
export function useCadrePage(filter: CadreFilter, page: number, pageSize: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...CADRES_KEY, "list", filter, page, pageSize],
    queryFn: ({ signal }) =>
      api<CadrePage>("/cadres", { query: { ...queryOf(filter), page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * GET /api/cadres/:id (or /api/cadres/me) with the facts as of a date. Not kept stale: a read of
 * sensitive data is audited, but a record someone else just changed must not be shown old either.
 */
export function useCadreDetail(id: number | "me", asOf: string | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...CADRES_KEY, "detail", id, asOf ?? "today"],
    queryFn: ({ signal }) => api<CadreDetail>(`/cadres/${id}`, { query: { asOf }, signal }),
    // Another date of the same person keeps the page on screen; another person starts blank.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
  });
}

/** Every code list at once (a few hundred rows), inactive codes included so old records show names. */
export function useCodes() {
  return useQuery({
    queryKey: ["codes", "all"],
    queryFn: ({ signal }) => api<CodeListResponse>("/codes", { query: { includeInactive: "true" }, signal }),
    staleTime: 10 * 60_000,
    select: (data) => {
      const byList = new Map<CodeListName, Code[]>();
      for (const code of data.items) {
        const list = byList.get(code.list);
        if (list) list.push(code);
        else byList.set(code.list, [code]);
      }
      return byList;
    },
  });
}

/** The titles catalogue (chức danh), for filters and assignment forms. */
export function useTitles() {
  return useQuery({
    queryKey: ["posts", "titles"],
    queryFn: ({ signal }) => api<TitleList>("/titles", { signal }),
    staleTime: 10 * 60_000,
    select: (data) => data.items,
  });
}

/** The seats of one unit on a date, for the assignment form. */
export function useSeats(unitId: number | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: ["posts", "seats", unitId, asOf],
    queryFn: ({ signal }) => api<SeatList>("/seats", { query: { unitId, asOf }, signal }),
    enabled: unitId !== undefined,
    select: (data) => data.items,
  });
}

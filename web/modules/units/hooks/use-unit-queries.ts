import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { UnitDetail, UnitTree } from "../../../../common/contracts/units.ts";
import { api } from "../../../app/api-client.ts";

/** Every cached answer about units starts with this key: one invalidation refreshes them all. */
export const UNITS_KEY = ["units"] as const;

/** GET /api/units/tree?asOf: the whole visible tree as of a date. */
export function useUnitTree(asOf: string) {
  return useQuery({
    queryKey: [...UNITS_KEY, "tree", asOf],
    queryFn: ({ signal }) => api<UnitTree>("/units/tree", { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/units/:id?asOf: one unit with its history, lineage and path. */
export function useUnitDetail(id: number | undefined, asOf: string) {
  return useQuery({
    queryKey: [...UNITS_KEY, "detail", id, asOf],
    queryFn: ({ signal }) => api<UnitDetail>(`/units/${id}`, { query: { asOf }, signal }),
    enabled: id !== undefined,
  });
}

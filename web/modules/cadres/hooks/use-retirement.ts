import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  RetirementOverrideInput,
  RetirementOverrideRow,
  RetiringPage,
} from "../../../../common/contracts/retirement.ts";
import { api } from "../../../app/api-client.ts";
import { CADRES_KEY } from "./use-cadre-queries.ts";

/** GET /api/cadres/retiring: people retiring within the next months as of a date (scoped by the server). */
export function useRetiring(query: {
  asOf: string | undefined;
  within: number;
  page: number;
  pageSize: number;
  /** The people past their retirement date with no end of service recorded, instead. */
  overdue?: "true";
}) {
  return useQuery({
    queryKey: [...CADRES_KEY, "retiring", query],
    queryFn: ({ signal }) => api<RetiringPage>("/cadres/retiring", { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/cadres/:id/retirement-overrides. */
export function useRetirementOverrides(cadreId: number, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...CADRES_KEY, "retirement-overrides", cadreId],
    queryFn: ({ signal }) =>
      api<{ items: RetirementOverrideRow[] }>(`/cadres/${cadreId}/retirement-overrides`, { signal }),
    select: (data) => data.items,
  });
}

/** POST an override; the record's facts and the lists change with it. */
export function useAddRetirementOverride(cadreId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RetirementOverrideInput) =>
      api<RetirementOverrideRow>(`/cadres/${cadreId}/retirement-overrides`, { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CADRES_KEY }),
  });
}

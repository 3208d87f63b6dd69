import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  CatalogueSchema,
  IndicatorDefinition,
  IndicatorHistorySchema,
  IndicatorVersionInput,
} from "../../../../common/contracts/indicators.ts";
import { api } from "../../../app/api-client.ts";

type Catalogue = z.infer<typeof CatalogueSchema>;
type IndicatorHistory = z.infer<typeof IndicatorHistorySchema>;

/**
 * Every cached answer about indicators starts with this key: a new version changes figures as well as
 * the catalogue, so one invalidation refreshes both.
 */
const INDICATORS_KEY = ["indicators"] as const;

/** GET /api/indicators/catalogue?asOf: the definitions in effect on a date. */
export function useCatalogue(asOf: string) {
  return useQuery({
    queryKey: [...INDICATORS_KEY, "catalogue", asOf],
    queryFn: ({ signal }) => api<Catalogue>("/indicators/catalogue", { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/indicators/catalogue/:code: every version of one definition, oldest first. */
export function useIndicatorHistory(code: string | undefined) {
  return useQuery({
    queryKey: [...INDICATORS_KEY, "catalogue-history", code],
    queryFn: ({ signal }) =>
      api<IndicatorHistory>(`/indicators/catalogue/${encodeURIComponent(code ?? "")}`, { signal }),
    enabled: code !== undefined,
  });
}

/** POST /api/indicators/catalogue/:code/versions (indicators.manage). */
export function useAddIndicatorVersion(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IndicatorVersionInput) =>
      api<IndicatorDefinition>(`/indicators/catalogue/${encodeURIComponent(code)}/versions`, {
        method: "POST",
        body: input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INDICATORS_KEY }),
  });
}

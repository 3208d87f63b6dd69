import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PlaceSearchResponse } from "../../../../common/contracts/places.ts";
import type { PlaceTier } from "../../../../common/rules/places.ts";
import { api } from "../../../app/api-client.ts";

/** GET /api/places?q&asOf&level: places by name (without diacritics) or code; nothing asked for an empty query. */
export function usePlaceSearch(
  q: string,
  filter: { asOf?: string | undefined; level?: PlaceTier | undefined },
) {
  const query = q.trim();
  return useQuery({
    queryKey: ["places", "search", query, filter.asOf, filter.level],
    queryFn: ({ signal }) =>
      api<PlaceSearchResponse>("/places", {
        query: { q: query, asOf: filter.asOf, level: filter.level, limit: 30 },
        signal,
      }),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60 * 60 * 1000, // reference data: it changes with a new official list, not during a session
  });
}

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import {
  PlaceDetailSchema,
  PlaceParamsSchema,
  PlaceSearchQuerySchema,
  PlaceSearchResponseSchema,
} from "../../../common/contracts/places.ts";
import { requireActor } from "../../lib/http.ts";
import type { PlacesService } from "./places.service.ts";

const errors = ERROR_RESPONSES;
const tags = ["places"];

/** Read-only: the places come from the official lists (server/modules/places/data). */
export function placesRoutes(places: PlacesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/places",
      {
        schema: {
          tags,
          summary: "Search Vietnam's administrative units by name (without diacritics) or code",
          querystring: PlaceSearchQuerySchema,
          response: { 200: PlaceSearchResponseSchema, ...errors },
        },
      },
      (req) => places.search(requireActor(req), req.query),
    );
    app.get(
      "/places/:id",
      {
        schema: {
          tags,
          summary: "One administrative unit with its lineage",
          params: PlaceParamsSchema,
          response: { 200: PlaceDetailSchema, ...errors },
        },
      },
      (req) => places.get(requireActor(req), req.params.id),
    );
  };
}

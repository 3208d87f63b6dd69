import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { CadreIdParamsSchema } from "../../../common/contracts/cadres.ts";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import {
  RetirementOverrideInputSchema,
  RetirementOverrideListSchema,
  RetirementOverrideRowSchema,
  RetiringPageSchema,
  RetiringQuerySchema,
} from "../../../common/contracts/retirement.ts";
import { requireActor } from "../../lib/http.ts";
import type { RetirementService } from "./retirement.service.ts";

const errors = ERROR_RESPONSES;
const tags = ["cadres"];

export function retirementRoutes(retirement: RetirementService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/cadres/retiring",
      {
        schema: {
          tags,
          summary:
            "People whose retirement date falls within the next months as of a date (cadres.read, scoped)",
          querystring: RetiringQuerySchema,
          response: { 200: RetiringPageSchema, ...errors },
        },
      },
      (req) => retirement.retiring(requireActor(req), req.query),
    );
    app.get(
      "/cadres/:id/retirement-overrides",
      {
        schema: {
          tags,
          summary:
            "The person's retirement overrides with their legal basis (cadres.read, scoped; or one's own)",
          params: CadreIdParamsSchema,
          response: { 200: RetirementOverrideListSchema, ...errors },
        },
      },
      async (req) => ({ items: await retirement.overrides(requireActor(req), req.params.id) }),
    );
    app.post(
      "/cadres/:id/retirement-overrides",
      {
        schema: {
          tags,
          summary:
            "Record an earlier or later retirement from a date, with its legal basis (cadres.write, scoped)",
          params: CadreIdParamsSchema,
          body: RetirementOverrideInputSchema,
          response: { 201: RetirementOverrideRowSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await retirement.addOverride(requireActor(req), req.params.id, req.body)),
    );
  };
}

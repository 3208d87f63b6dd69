import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  CodeCorrectionListSchema,
  CodeCorrectionQuerySchema,
  CodeListQuerySchema,
  CodeListResponseSchema,
  CodeParamsSchema,
  CodeSchema,
  CreateCodeSchema,
  UpdateCodeSchema,
} from "../../../common/contracts/codes.ts";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import { requireActor } from "../../lib/http.ts";
import type { CodesService } from "./codes.service.ts";

const errors = ERROR_RESPONSES;
const tags = ["codes"];

export function codesRoutes(codes: CodesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/codes",
      {
        schema: {
          tags,
          summary: "Code lists (all, or one with ?list=; the entries in force on a day with ?asOf=)",
          querystring: CodeListQuerySchema,
          response: { 200: CodeListResponseSchema, ...errors },
        },
      },
      (req) => codes.list(requireActor(req), req.query),
    );
    app.get(
      "/codes/corrections",
      {
        schema: {
          tags,
          summary: "Corrections of the shipped lists: old codes and the codes that carry their meaning now",
          querystring: CodeCorrectionQuerySchema,
          response: { 200: CodeCorrectionListSchema, ...errors },
        },
      },
      (req) => codes.corrections(requireActor(req), req.query),
    );
    app.post(
      "/codes",
      {
        schema: {
          tags,
          summary: "Add a code to a list (codes.manage)",
          body: CreateCodeSchema,
          response: { 201: CodeSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await codes.create(requireActor(req), req.body)),
    );
    app.patch(
      "/codes/:list/:code",
      {
        schema: {
          tags,
          summary: "Rename, re-rank, deactivate or date a code (codes.manage)",
          params: CodeParamsSchema,
          body: UpdateCodeSchema,
          response: { 200: CodeSchema, ...errors },
        },
      },
      (req) => codes.update(requireActor(req), req.params.list, req.params.code, req.body),
    );
  };
}

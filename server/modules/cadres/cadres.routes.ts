import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CadreDetailQuerySchema,
  CadreDetailSchema,
  CadreIdParamsSchema,
  CadreListQuerySchema,
  CadrePageSchema,
  CreateCadreSchema,
  DATED_HISTORY_KINDS,
  DeleteHistorySchema,
  EndHistorySchema,
  HISTORY_CORRECTION_SCHEMAS,
  HISTORY_INPUT_SCHEMAS,
  HISTORY_KINDS,
  HISTORY_ROW_SCHEMAS,
  type HistoryKind,
  HistoryRowParamsSchema,
  UpdateCadreSchema,
} from "../../../common/contracts/cadres.ts";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import { requireActor } from "../../lib/http.ts";
import type { CadresService } from "./cadres.service.ts";
import type { HistoriesService } from "./histories.service.ts";

const errors = ERROR_RESPONSES;
const tags = ["cadres"];

const KIND_LABEL: Record<HistoryKind, string> = {
  assignments: "assignment (main or concurrent post)",
  tiers: "management tier",
  qualifications: "qualification",
  trainings: "training course (bồi dưỡng: knowledge update, leadership and management…)",
  salaries: "salary grade and step",
  rewards: "reward",
  family: "family member (needs cadres.sensitive)",
  "work-history": "work history line",
};

export function cadresRoutes(cadres: CadresService, histories: HistoriesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/cadres",
      {
        schema: {
          tags,
          summary: "Search cadre records as of a date (cadres.read, scoped)",
          querystring: CadreListQuerySchema,
          response: { 200: CadrePageSchema, ...errors },
        },
      },
      (req) => cadres.list(requireActor(req), req.query),
    );
    app.get(
      "/cadres/me",
      {
        schema: {
          tags,
          summary: "The signed-in user's own record",
          querystring: CadreDetailQuerySchema,
          response: { 200: CadreDetailSchema, ...errors },
        },
      },
      (req) => cadres.own(requireActor(req), req.query.asOf),
    );
    app.get(
      "/cadres/:id",
      {
        schema: {
          tags,
          summary: "One record with histories and facts as of a date (cadres.read, scoped; or one's own)",
          params: CadreIdParamsSchema,
          querystring: CadreDetailQuerySchema,
          response: { 200: CadreDetailSchema, ...errors },
        },
      },
      (req) => cadres.get(requireActor(req), req.params.id, req.query.asOf),
    );
    app.post(
      "/cadres",
      {
        schema: {
          tags,
          summary: "Create a record (cadres.write; sensitive fields need cadres.sensitive)",
          body: CreateCadreSchema,
          response: { 201: CadreDetailSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await cadres.create(requireActor(req), req.body)),
    );
    app.patch(
      "/cadres/:id",
      {
        schema: {
          tags,
          summary: "Change the person's fields, with the version read (cadres.write, scoped)",
          params: CadreIdParamsSchema,
          body: UpdateCadreSchema,
          response: { 200: CadreDetailSchema, ...errors },
        },
      },
      (req) => cadres.update(requireActor(req), req.params.id, req.body),
    );

    for (const kind of HISTORY_KINDS) {
      const row = HISTORY_ROW_SCHEMAS[kind] as z.ZodType<unknown>;
      const label = KIND_LABEL[kind];
      app.post(
        `/cadres/:id/${kind}`,
        {
          schema: {
            tags,
            summary: `Add a ${label} (cadres.write, scoped)`,
            params: CadreIdParamsSchema,
            body: HISTORY_INPUT_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>,
            response: { 201: row, ...errors },
          },
        },
        async (req, reply) =>
          reply
            .status(201)
            .send(await histories.add(requireActor(req), req.params.id, kind, req.body as never)),
      );
      app.patch(
        `/cadres/:id/${kind}/:rowId`,
        {
          schema: {
            tags,
            summary: `Correct a ${label} recorded wrongly (cadres.write, scoped)`,
            params: HistoryRowParamsSchema,
            body: HISTORY_CORRECTION_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>,
            response: { 200: row, ...errors },
          },
        },
        (req) =>
          histories.correct(requireActor(req), req.params.id, kind, req.params.rowId, req.body as never),
      );
      if ((DATED_HISTORY_KINDS as readonly string[]).includes(kind)) {
        app.post(
          `/cadres/:id/${kind}/:rowId/end`,
          {
            schema: {
              tags,
              summary: `End a ${label} on a date (cadres.write, scoped)`,
              params: HistoryRowParamsSchema,
              body: EndHistorySchema,
              response: { 200: row, ...errors },
            },
          },
          (req) => histories.end(requireActor(req), req.params.id, kind, req.params.rowId, req.body),
        );
      }
      app.delete(
        `/cadres/:id/${kind}/:rowId`,
        {
          schema: {
            tags,
            summary: `Delete a ${label} entered by mistake, with a reason (cadres.write, scoped; audited)`,
            params: HistoryRowParamsSchema,
            body: DeleteHistorySchema,
            response: { 204: z.null().describe("Deleted"), ...errors },
          },
        },
        async (req, reply) => {
          await histories.remove(requireActor(req), req.params.id, kind, req.params.rowId, req.body);
          return reply.status(204).send(null);
        },
      );
    }
  };
}

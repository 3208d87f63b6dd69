import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import {
  CreateRootUnitSchema,
  CreateUnitSchema,
  EndUnitSchema,
  MoveUnitSchema,
  RenameUnitSchema,
  SetUnitCodeSchema,
  SetUnitPlaceSchema,
  UnitDetailQuerySchema,
  UnitDetailSchema,
  UnitIdParamsSchema,
  UnitTreeQuerySchema,
  UnitTreeSchema,
} from "../../../common/contracts/units.ts";
import { requireActor } from "../../lib/http.ts";
import type { UnitsService } from "./units.service.ts";

const errors = ERROR_RESPONSES;
const tags = ["units"];

export function unitsRoutes(units: UnitsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/units/tree",
      {
        schema: {
          tags,
          summary: "The unit tree as of a date",
          querystring: UnitTreeQuerySchema,
          response: { 200: UnitTreeSchema, ...errors },
        },
      },
      (req) => units.tree(requireActor(req), req.query.asOf, req.query.rootId),
    );
    app.get(
      "/units/:id",
      {
        schema: {
          tags,
          summary: "One unit with its name history and lineage",
          params: UnitIdParamsSchema,
          querystring: UnitDetailQuerySchema,
          response: { 200: UnitDetailSchema, ...errors },
        },
      },
      (req) => units.get(requireActor(req), req.params.id, req.query.asOf),
    );
    app.post(
      "/units",
      {
        schema: {
          tags,
          summary: "Create a unit under a parent",
          body: CreateUnitSchema,
          response: { 201: UnitDetailSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await units.create(requireActor(req), req.body)),
    );
    app.post(
      "/units/roots",
      {
        schema: {
          tags,
          summary: "Create a root unit (no parent): administrators only",
          body: CreateRootUnitSchema,
          response: { 201: UnitDetailSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await units.createRoot(requireActor(req), req.body)),
    );
    app.post(
      "/units/:id/rename",
      {
        schema: {
          tags,
          summary: "Rename a unit from a date",
          params: UnitIdParamsSchema,
          body: RenameUnitSchema,
          response: { 200: UnitDetailSchema, ...errors },
        },
      },
      (req) => units.rename(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/units/:id/move",
      {
        schema: {
          tags,
          summary: "Move a unit under another parent from a date",
          params: UnitIdParamsSchema,
          body: MoveUnitSchema,
          response: { 200: UnitDetailSchema, ...errors },
        },
      },
      (req) => units.move(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/units/:id/end",
      {
        schema: {
          tags,
          summary: "End a unit on a date (units are never deleted)",
          params: UnitIdParamsSchema,
          body: EndUnitSchema,
          response: { 200: UnitDetailSchema, ...errors },
        },
      },
      (req) => units.end(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/units/:id/code",
      {
        schema: {
          tags,
          summary: "Change a unit's code (e.g. replace a proposed code by the official one)",
          params: UnitIdParamsSchema,
          body: SetUnitCodeSchema,
          response: { 200: UnitDetailSchema, ...errors },
        },
      },
      (req) => units.setCode(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/units/:id/place",
      {
        schema: {
          tags,
          summary: "Link a territorial unit to the administrative place it governs (or unlink with null)",
          params: UnitIdParamsSchema,
          body: SetUnitPlaceSchema,
          response: { 200: UnitDetailSchema, ...errors },
        },
      },
      (req) => units.setPlace(requireActor(req), req.params.id, req.body),
    );
  };
}

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import {
  CreateSeatSchema,
  CreateTitleSchema,
  EndSeatSchema,
  SeatIdParamsSchema,
  SeatListQuerySchema,
  SeatListSchema,
  SeatSchema,
  TitleIdParamsSchema,
  TitleListQuerySchema,
  TitleListSchema,
  TitleSchema,
  UpdateTitleSchema,
} from "../../../common/contracts/posts.ts";
import { requireActor } from "../../lib/http.ts";
import type { PostsService } from "./posts.service.ts";

const errors = ERROR_RESPONSES;
const tags = ["posts"];

export function postsRoutes(posts: PostsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/titles",
      {
        schema: {
          tags,
          summary: "The titles catalogue, attributes as of a date",
          querystring: TitleListQuerySchema,
          response: { 200: TitleListSchema, ...errors },
        },
      },
      (req) => posts.listTitles(requireActor(req), req.query),
    );
    app.post(
      "/titles",
      {
        schema: {
          tags,
          summary: "Add a title to the catalogue (admins: posts.write over the whole tree)",
          body: CreateTitleSchema,
          response: { 201: TitleSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await posts.createTitle(requireActor(req), req.body)),
    );
    app.patch(
      "/titles/:id",
      {
        schema: {
          tags,
          summary:
            "Edit a title; level, leadership, key and sensitive take effect from a date (admins: posts.write over the whole tree)",
          params: TitleIdParamsSchema,
          body: UpdateTitleSchema,
          response: { 200: TitleSchema, ...errors },
        },
      },
      (req) => posts.updateTitle(requireActor(req), req.params.id, req.body),
    );
    app.get(
      "/seats",
      {
        schema: {
          tags,
          summary: "Seats of a unit as of a date (posts.read, scoped)",
          querystring: SeatListQuerySchema,
          response: { 200: SeatListSchema, ...errors },
        },
      },
      (req) => posts.listSeats(requireActor(req), req.query),
    );
    app.post(
      "/seats",
      {
        schema: {
          tags,
          summary: "Create a seat: a title in a unit with a quota (admins: posts.write, scoped)",
          body: CreateSeatSchema,
          response: { 201: SeatSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await posts.createSeat(requireActor(req), req.body)),
    );
    app.post(
      "/seats/:id/end",
      {
        schema: {
          tags,
          summary: "End a seat on a date (admins: posts.write, scoped)",
          params: SeatIdParamsSchema,
          body: EndSeatSchema,
          response: { 200: SeatSchema, ...errors },
        },
      },
      (req) => posts.endSeat(requireActor(req), req.params.id, req.body),
    );
  };
}

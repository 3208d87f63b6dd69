import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateUserSchema, UserSchema } from "../../../common/contracts/auth.ts";
import { ProblemSchema } from "../../../common/contracts/common.ts";
import {
  AccountSchema,
  EndSessionsResultSchema,
  ResetPasswordResultSchema,
  ResetPasswordSchema,
  UpdateUserSchema,
  UserIdParamsSchema,
} from "../../../common/contracts/users.ts";
import { requireActor } from "../../lib/http.ts";
import type { AuthService } from "./auth.service.ts";

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

/** Account management (admins only; the service checks it). */
export function usersRoutes(auth: AuthService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/users",
      {
        schema: {
          tags: ["users"],
          summary: "List accounts (admins)",
          response: { 200: z.array(AccountSchema), ...errors },
        },
      },
      (req) => auth.listAccounts(requireActor(req)),
    );
    app.post(
      "/users",
      {
        schema: {
          tags: ["users"],
          summary: "Create an account (admins)",
          body: CreateUserSchema,
          response: { 201: UserSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await auth.createUser(requireActor(req), req.body)),
    );
    app.patch(
      "/users/:id",
      {
        schema: {
          tags: ["users"],
          summary: "Change an account's display name, roles, scope or extra permissions (admins)",
          params: UserIdParamsSchema,
          body: UpdateUserSchema,
          response: { 200: AccountSchema, ...errors },
        },
      },
      (req) => auth.updateUser(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/users/:id/disable",
      {
        schema: {
          tags: ["users"],
          summary: "Disable an account: it cannot log in and its sessions end at once (admins)",
          params: UserIdParamsSchema,
          response: { 200: AccountSchema, ...errors },
        },
      },
      (req) => auth.disableUser(requireActor(req), req.params.id),
    );
    app.post(
      "/users/:id/enable",
      {
        schema: {
          tags: ["users"],
          summary: "Enable a disabled account (admins)",
          params: UserIdParamsSchema,
          response: { 200: AccountSchema, ...errors },
        },
      },
      (req) => auth.enableUser(requireActor(req), req.params.id),
    );
    app.post(
      "/users/:id/password-reset",
      {
        schema: {
          tags: ["users"],
          summary:
            "Reset a password: the one sent, or a generated one returned this once; the user must change it at the next login (admins)",
          params: UserIdParamsSchema,
          body: ResetPasswordSchema,
          response: { 200: ResetPasswordResultSchema, ...errors },
        },
      },
      (req) => auth.resetPassword(requireActor(req), req.params.id, req.body),
    );
    app.post(
      "/users/:id/sessions/end",
      {
        schema: {
          tags: ["users"],
          summary: "End every session of an account (admins; one's own current session is kept)",
          params: UserIdParamsSchema,
          response: { 200: EndSessionsResultSchema, ...errors },
        },
      },
      (req) => auth.endSessions(requireActor(req), req.params.id, req.sessionToken),
    );
  };
}

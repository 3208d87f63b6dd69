import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ChangePasswordSchema, LoginSchema, MeSchema } from "../../../common/contracts/auth.ts";
import { ProblemSchema } from "../../../common/contracts/common.ts";
import { requireActor } from "../../lib/http.ts";
import type { AuthService } from "./auth.service.ts";
import { usersRoutes } from "./users.routes.ts";

export const SESSION_COOKIE = "canbo_session";
export const CSRF_COOKIE = "canbo_csrf";

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
};

export function authRoutes(
  auth: AuthService,
  options: { secureCookies: boolean; sessionHours: number },
): FastifyPluginAsyncZod {
  const cookie = {
    path: "/",
    sameSite: "strict" as const,
    secure: options.secureCookies,
    maxAge: options.sessionHours * 3600,
  };
  return async (app) => {
    app.post(
      "/auth/login",
      {
        schema: {
          tags: ["auth"],
          summary: "Log in; sets the session cookie",
          body: LoginSchema,
          response: { 200: MeSchema, ...errors },
        },
      },
      async (req, reply) => {
        const meta = { ip: req.ip, userAgent: req.headers["user-agent"], requestId: String(req.id) };
        const session = await auth.login(req.body.username, req.body.password, meta);
        const opened = await auth.sessionActor(session.token, meta);
        reply.setCookie(SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
        reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
        return auth.me(opened!.actor, session.csrfToken);
      },
    );
    app.post(
      "/auth/logout",
      { schema: { tags: ["auth"], summary: "Log out", response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        const actor = requireActor(req);
        await auth.logout(actor, req.sessionToken!);
        reply.clearCookie(SESSION_COOKIE, { path: "/" }).clearCookie(CSRF_COOKIE, { path: "/" });
        return reply.status(204).send(null);
      },
    );
    app.get(
      "/auth/me",
      { schema: { tags: ["auth"], summary: "The signed-in user", response: { 200: MeSchema, ...errors } } },
      (req) => auth.me(requireActor(req), req.csrfToken!),
    );
    app.post(
      "/auth/password",
      {
        schema: {
          tags: ["auth"],
          summary: "Change one's own password",
          body: ChangePasswordSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await auth.changePassword(requireActor(req), req.body, req.sessionToken!);
        return reply.status(204).send(null);
      },
    );
    await app.register(usersRoutes(auth));
  };
}

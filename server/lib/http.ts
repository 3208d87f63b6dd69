import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { Actor } from "./actor.ts";
import { AppError, type Language, problemOf } from "./errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
    sessionToken?: string;
    csrfToken?: string;
  }
}

/** English when the client asks for it first, Vietnamese otherwise. */
export function languageOf(request: FastifyRequest): Language {
  const header = request.headers["accept-language"];
  return typeof header === "string" && /^\s*en\b/i.test(header) ? "en" : "vi";
}

/** `attachment` with the UTF-8 name (RFC 6266) and an ASCII fallback. */
export function attachment(reply: FastifyReply, fileName: string) {
  const ascii =
    fileName
      .normalize("NFD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "") || "tep";
  reply.header(
    "content-disposition",
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
}

/** The signed-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED");
  return request.actor;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  return reply
    .status(error.status)
    .type("application/problem+json")
    .send(problemOf(error, languageOf(request), String(request.id)));
}

/** One error handler: AppErrors as problem+json; everything else mapped or hidden behind INTERNAL. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const error = toAppError(raw);
    if (error.code === "INTERNAL") request.log.error({ err: raw }, "unhandled error");
    else if (error.status >= 500) request.log.error({ err: raw }, error.code);
    if (error.code === "RATE_LIMITED") reply.header("retry-after", "900");
    if (error.code === "BACKUP_IN_PROGRESS") reply.header("retry-after", "60");
    return sendProblem(reply, request, error);
  });
}

/** SQLSTATE 25006: a write while the embedded database's backup holds it read-only (server/db/backup.ts). */
function isReadOnlyRefusal(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e; depth++) {
    if ((e as { code?: unknown }).code === "25006") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (isReadOnlyRefusal(error)) return new AppError("BACKUP_IN_PROGRESS", { cause: error });
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError("VALIDATION_FAILED", {
      details: error.validation.map((v) => ({
        field: [
          error.validationContext,
          ...String(v.instancePath ?? "")
            .split("/")
            .filter(Boolean),
        ].join("."),
        message: v.message,
      })),
    });
  }
  if (isResponseSerializationError(error)) return new AppError("INTERNAL", { cause: error });
  // zod errors thrown by services parsing their own input
  if (error.name === "ZodError" && "issues" in error) {
    const issues = (error as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    return new AppError("VALIDATION_FAILED", {
      details: issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })),
    });
  }
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("MALFORMED_JSON");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("UNSUPPORTED_MEDIA_TYPE");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("PAYLOAD_TOO_LARGE");
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError("MALFORMED_JSON");
  return new AppError("INTERNAL", { cause: error });
}

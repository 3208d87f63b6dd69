import { PassThrough, type Writable } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { Actor } from "./actor.ts";
import { appErrorOfDatabase, databaseErrorOf } from "./database-errors.ts";
import { AppError, CoreErrors, type Language, problemOf } from "./errors.ts";

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

/**
 * Sends a file as it is written: `write` fills the response stream; a failure while writing is logged and
 * destroys the stream, so the client sees a broken download, not a half file. `rows` goes to x-row-count.
 */
export function sendWrittenFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { fileName: string; contentType: string; rows?: number },
  write: (out: Writable) => Promise<unknown>,
) {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    request.log.error({ err: error }, `writing ${file.fileName} failed`);
    out.destroy(error as Error);
  });
  attachment(reply, file.fileName);
  if (file.rows !== undefined) reply.header("x-row-count", String(file.rows));
  return reply.type(file.contentType).send(out);
}

/** The signed-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(CoreErrors.UNAUTHENTICATED);
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
    // The database refused what validation let through: the client's fault, but a gap to close.
    else if (!(raw instanceof AppError) && databaseErrorOf(raw)) request.log.warn({ err: raw }, error.code);
    if (error.code === "RATE_LIMITED") reply.header("retry-after", String(retryAfterSeconds(error)));
    if (error.code === "BACKUP_IN_PROGRESS") reply.header("retry-after", "60");
    return sendProblem(reply, request, error);
  });
}

/** The wait a RATE_LIMITED error names (details.retryAfterSeconds), else 15 minutes. */
function retryAfterSeconds(error: AppError): number {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.ceil(seconds) : 900;
}

/** What is wrong with a URL that Fastify cannot route, by its error code. */
const URL_PROBLEMS: Record<string, string> = {
  FST_ERR_BAD_URL: "Địa chỉ chứa ký tự không hợp lệ",
  FST_ERR_MAX_PARAM_LENGTH: "Tham số trên địa chỉ quá dài",
};

/**
 * Errors Fastify meets before routing: a path whose percent-escapes are not UTF-8, or a path parameter
 * longer than any route takes, answers 400 in the problem+json form of every other refusal.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const urlProblem = URL_PROBLEMS[error.code];
  if (urlProblem) {
    const details = [{ field: "url", message: urlProblem }];
    return sendProblem(reply, request, new AppError(CoreErrors.VALIDATION_FAILED, { details }));
  }
  request.log.error({ err: error }, "framework error");
  return sendProblem(reply, request, toAppError(error));
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * JSON bodies must be UTF-8 (RFC 8259). Fastify's own parser decodes invalid bytes as U+FFFD, so a
 * mangled name would be stored without a word; here they are refused. Parsing itself stays Fastify's
 * (secure-json-parse, refusing __proto__ and constructor.prototype).
 */
export function installJsonParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = UTF8.decode(body as Buffer);
    } catch {
      return done(
        new AppError(CoreErrors.MALFORMED_JSON, {
          details: [{ field: "body", message: "Nội dung không phải văn bản UTF-8 hợp lệ" }],
        }),
        undefined,
      );
    }
    return parseJson(request, text, done);
  });
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  const fromDatabase = appErrorOfDatabase(error);
  if (fromDatabase) return fromDatabase;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(CoreErrors.VALIDATION_FAILED, {
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
  if (isResponseSerializationError(error)) return new AppError(CoreErrors.INTERNAL, { cause: error });
  // zod errors thrown by services parsing their own input
  if (error.name === "ZodError" && "issues" in error) {
    const issues = (error as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    return new AppError(CoreErrors.VALIDATION_FAILED, {
      details: issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })),
    });
  }
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError(CoreErrors.MALFORMED_JSON);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError(CoreErrors.UNSUPPORTED_MEDIA_TYPE);
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError(CoreErrors.PAYLOAD_TOO_LARGE);
  }
  if (error instanceof SyntaxError && error.statusCode === 400)
    return new AppError(CoreErrors.MALFORMED_JSON);
  return new AppError(CoreErrors.INTERNAL, { cause: error });
}

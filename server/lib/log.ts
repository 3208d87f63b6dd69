import { DrizzleQueryError } from "drizzle-orm/errors";
import type { FastifyRequest } from "fastify";
import pg from "pg";

// The log is read by people who may not see the records (operators, a hosting provider, a log service).
// Personal data reaches an error in three ways, and each is cut here rather than at every call site:
// drizzle puts the SQL parameters (names, ID numbers, phones) in its message and stack; PostgreSQL names
// the offending value in its message ("invalid input syntax for type date: \"…\"") and in its detail
// ("Key (id_number)=(…) already exists"); and search values travel in the query string of the URL.

/** Fields of a PostgreSQL error that name the failure, never the data. */
const DATABASE_FIELDS = [
  "code",
  "severity",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "routine",
] as const;

/** How deep a chain of causes is followed. */
const MAX_CAUSES = 5;

export type LoggedError = { type: string; message: string; stack: string; [field: string]: unknown };

/** An error as it is logged: type, message, stack and cause, without values the request carried. */
export function errorForLog(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: "(not an Error)", stack: "" };
  const fields: Record<string, unknown> = {};
  let message = error.message;
  if (error instanceof DrizzleQueryError) {
    // The statement has placeholders ($1, $2…); the parameters are the data.
    message = `Failed query: ${error.query}`;
  } else if (error instanceof pg.DatabaseError) {
    message = withoutQuotedValues(error.message);
    for (const field of DATABASE_FIELDS) if (error[field] !== undefined) fields[field] = error[field];
  } else {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") fields.code = code;
  }
  if (error.cause !== undefined && depth < MAX_CAUSES) fields.cause = errorForLog(error.cause, depth + 1);
  return {
    type: error.constructor?.name || error.name,
    message,
    stack: `${error.name}: ${message}\n${stackFrames(error)}`,
    ...fields,
  };
}

/** The "at …" lines of the stack: the stack starts with the message, which is not repeated. */
function stackFrames(error: Error): string {
  const stack = error.stack ?? "";
  const head = `${error.name}: ${error.message}`;
  const frames = stack.startsWith(head) ? stack.slice(head.length) : stack;
  return frames
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
}

/** PostgreSQL quotes the value it refused; identifiers are lost too, which is the price of certainty. */
function withoutQuotedValues(message: string): string {
  return message.replace(/"(?:[^"]|"")*"/g, '"…"');
}

/** The URL with its query values hidden (the keys stay): searches carry names and ID numbers. */
export function urlForLog(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      return eq < 0 ? pair : `${pair.slice(0, eq)}=…`;
    })
    .join("&");
  return `${url.slice(0, at)}?${query}`;
}

/** Pino serializers for Fastify's logger: `err` and `req` without personal data. */
export const LOG_SERIALIZERS = {
  err: (error: unknown) => errorForLog(error),
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: urlForLog(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};

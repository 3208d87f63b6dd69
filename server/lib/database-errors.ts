import pg from "pg";
import { AppError, CoreErrors } from "./errors.ts";

/**
 * What the database refused, as the AppError a client or a job reports: the error handler of the HTTP
 * layer (http.ts) and work that runs outside a request (the import's jobs) answer the same code and
 * message for the same refusal.
 */

/** The PostgreSQL error behind an error: drizzle wraps the driver's error as the cause of its own. */
export function databaseErrorOf(error: unknown): pg.DatabaseError | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e; depth++) {
    if (e instanceof pg.DatabaseError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What a value PostgreSQL refused (SQLSTATE class 22, data exception) was wrong with, for the client. */
const DATA_EXCEPTIONS: Record<string, string> = {
  "22001": "Giá trị quá dài",
  "22003": "Số nằm ngoài phạm vi cho phép",
  "22007": "Ngày giờ không hợp lệ",
  "22008": "Ngày giờ nằm ngoài phạm vi cho phép",
  "22021": "Văn bản chứa ký tự không hợp lệ",
  "22P02": "Giá trị sai định dạng",
  "22P05": "Văn bản chứa ký tự không hợp lệ",
};

/**
 * A refusal by the database that the request's data caused, as the AppError the client gets; undefined
 * for the server's own faults. Services map the constraints they know to their own codes first.
 */
export function appErrorOfDatabase(error: unknown): AppError | undefined {
  const code = databaseErrorOf(error)?.code;
  if (!code) return undefined;
  if (code.startsWith("22")) {
    const message = DATA_EXCEPTIONS[code] ?? "Giá trị không hợp lệ";
    return new AppError(CoreErrors.VALIDATION_FAILED, { cause: error, details: [{ field: "", message }] });
  }
  switch (code) {
    case "23502": // not null
    case "23514": // check
      return new AppError(CoreErrors.VALIDATION_FAILED, { cause: error });
    case "23503": // foreign key: the row referred to went away, or still has rows referring to it
    case "23505": // unique
    case "23P01": // exclusion
    case "40001": // serialization failure
    case "40P01": // deadlock
      return new AppError(CoreErrors.CONFLICT, { cause: error });
    case "25006": // a write while the embedded database's backup holds it read-only (server/db/backup.ts)
      return new AppError(CoreErrors.BACKUP_IN_PROGRESS, { cause: error });
  }
  return undefined;
}

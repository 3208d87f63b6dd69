import type { TFunction } from "i18next";
import { ApiError } from "../../../app/api-client.ts";

/** An import that failed: the answer to its upload (ApiError), or the error its job ended with. */
export type ImportFailureSource = Error | { code?: string; message: string; details?: unknown };

/** What the page says about a failed import: the alert's kind, its title and its lines. */
export type FailureText = { type: "error" | "warning"; title: string; lines: string[] };

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function codeOf(error: ImportFailureSource): string | undefined {
  if (error instanceof ApiError) return error.code;
  return error instanceof Error ? undefined : error.code;
}

/**
 * The text of a failed import. A backup running (BACKUP_IN_PROGRESS, over HTTP or as a job's error) is
 * no fault of the file: the page says that nothing was written — the server undoes an import a backup
 * stopped before it reports the failure — and when to try again. Otherwise the server's message, with
 * the columns it names (missing, unknown, repeated).
 */
export function failureText(error: ImportFailureSource, t: TFunction, isDryRun: boolean): FailureText {
  if (codeOf(error) === "BACKUP_IN_PROGRESS") {
    return {
      type: "warning",
      title: t("imports.backupRunning"),
      lines: [t(isDryRun ? "imports.backupRunningCheck" : "imports.backupRunningImport")],
    };
  }
  const details =
    error instanceof ApiError ? error.details : error instanceof Error ? undefined : error.details;
  const lines: string[] = [];
  if (details && typeof details === "object" && !Array.isArray(details)) {
    const d = details as Record<string, unknown>;
    if (typeof d.summary === "string") lines.push(d.summary);
    else {
      const missing = listOf(d.missing);
      const unknown = listOf(d.unknown);
      const duplicate = listOf(d.duplicate);
      if (missing.length) lines.push(`${t("imports.missingColumns")}: ${missing.join(", ")}`);
      if (unknown.length) lines.push(`${t("imports.unknownColumns")}: ${unknown.join(", ")}`);
      if (duplicate.length) lines.push(`${t("imports.duplicateColumns")}: ${duplicate.join(", ")}`);
    }
    const columns = listOf(d.columns);
    if (columns.length) lines.push(columns.join(", "));
  }
  return { type: "error", title: `${t("imports.failed")}: ${error.message}`, lines };
}

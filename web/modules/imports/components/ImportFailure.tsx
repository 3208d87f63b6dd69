import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../app/api-client.ts";

type Failure = { message: string; details?: unknown };

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * A file refused as a whole (not a spreadsheet, wrong headers, sensitive columns, another import
 * running…), with what the server said about it: the missing and unknown columns, for instance.
 */
export function ImportFailure({ error }: { error: Failure | Error }) {
  const { t } = useTranslation();
  const details = error instanceof ApiError ? error.details : (error as Failure).details;
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
  return (
    <Alert
      type="error"
      showIcon
      title={`${t("imports.failed")}: ${error.message}`}
      description={lines.length ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
      data-testid="import-failure"
    />
  );
}

import type { FormInstance } from "antd";
import { ApiError } from "../../../app/api-client.ts";

/**
 * Puts a server error where the user looks: field errors (details[].field such as "body.name") on the
 * matching form fields, everything else returned as one message for an Alert.
 */
export function applyServerError(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const placed: { name: string; errors: string[] }[] = [];
  const unplaced: string[] = [];
  for (const problem of error.fieldProblems) {
    const name = problem.field.replace(/^body\./, "").split(".")[0] ?? "";
    if (fields.includes(name)) placed.push({ name, errors: [problem.message] });
    else unplaced.push(problem.message);
  }
  if (placed.length) form.setFields(placed);
  if (placed.length && unplaced.length === 0) return undefined;
  return unplaced.length ? `${error.message} ${unplaced.join("; ")}` : error.message;
}

import { Form, type FormInstance } from "antd";
import { useState } from "react";
import { ApiError } from "./api-client.ts";

/**
 * Puts a server error where the user looks: field errors (details[].field such as "body.name" or
 * "body.assignment.validFrom") on the matching form fields, everything else returned as one message for
 * an Alert. `fields` names the form's fields, nested ones with dots ("assignment.validFrom").
 */
export function applyServerError(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  /** Server field → form field, when the form edits a value under another name (seatId → post). */
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const placed: { name: string[]; errors: string[] }[] = [];
  const unplaced: string[] = [];
  for (const problem of error.fieldProblems) {
    const sent = problem.field.replace(/^body\./, "");
    const path = aliases[sent] ?? aliases[sent.split(".")[0] ?? ""] ?? sent;
    const name = fields.includes(path) ? path : (path.split(".")[0] ?? "");
    if (fields.includes(name)) placed.push({ name: name.split("."), errors: [problem.message] });
    else unplaced.push(problem.message);
  }
  if (placed.length) form.setFields(placed);
  if (placed.length && unplaced.length === 0) return undefined;
  return unplaced.length ? `${error.message} ${unplaced.join("; ")}` : error.message;
}

/**
 * A form and the place for the server's refusal of it: `showServerError` puts field errors on their fields
 * (applyServerError) and keeps the rest as `problem`, which the modal shows above its buttons.
 */
export function useFormWithServerErrors<Values>(
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  return {
    form,
    problem,
    clearProblem: () => setProblem(undefined),
    showServerError: (error: unknown) => setProblem(applyServerError(form, error, fields, aliases)),
  };
}

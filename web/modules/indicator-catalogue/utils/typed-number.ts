/**
 * Numbers as people type them in a form. Vietnamese writes the decimal mark as a comma ("2,5"), English
 * as a point; either mark is taken as the decimal mark in either language, because both are typed. A
 * value that is not one number (letters, two marks, a thousands grouping) is refused, never read as
 * another number: the old input stripped the comma and read "2,5" as 25.
 */

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** The number typed, null for an empty field, NaN for text that is not one number. */
export function parseTypedNumber(text: string): number | null {
  const compact = text.trim().replace(/\s+/g, "");
  if (compact === "") return null;
  if (!NUMBER.test(compact)) return Number.NaN;
  return Number(compact.replace(",", "."));
}

/** A number as the language writes it: 12,5 in Vietnamese, 12.5 in English; no grouping. */
export function formatTypedNumber(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  const text = String(value);
  return language === "vi" ? text.replace(".", ",") : text;
}

import type { FormRule } from "antd";
import type { Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import { endOf, lastDayOf } from "../../../../common/rules/periods.ts";
import { dayjsOf, isoOf } from "../../../app/dates.ts";

/** A picker value as the API wants it: YYYY-MM-DD, or null when empty. */
export function isoOrNull(value: Dayjs | null | undefined): string | null {
  return value ? isoOf(value) : null;
}

/** A YYYY-MM-DD value as a picker value (null when empty, so that the field is really cleared). */
export function pickerOf(iso: string | null | undefined): Dayjs | null {
  return dayjsOf(iso) ?? null;
}

/**
 * The end of a stored period as the picker shows it: the last day held (the API's validTo is the first day
 * no longer held, DOMAIN §9). Empty while the period is open.
 */
export function lastDayPickerOf(validTo: string | null | undefined): Dayjs | null {
  return pickerOf(lastDayOf(validTo ?? null));
}

/** The last day typed in the picker as the API's exclusive validTo (the next day); null when empty. */
export function endOrNull(lastDay: Dayjs | null | undefined): string | null {
  return endOf(isoOrNull(lastDay));
}

/** Free text as the API wants it: trimmed, null when empty. */
export function textOrNull(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

/** The optional reason of a change: trimmed, absent when empty. */
export function reasonOf(value: unknown): string | undefined {
  return textOrNull(value) ?? undefined;
}

export function requiredRule(t: TFunction): FormRule {
  return { required: true, message: t("history.required") };
}

export function requiredTextRule(t: TFunction): FormRule {
  return { required: true, whitespace: true, message: t("history.required") };
}

export function maxRule(t: TFunction, max: number): FormRule {
  return { max, message: t("cadreForm.tooLong", { max }) };
}

/**
 * The last day of a period is on or after its first day: both are held, so a last day equal to the first
 * is a one-day period.
 */
export function endAfterStartRule(t: TFunction, startField: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_, value: Dayjs | null | undefined) => {
      const start = getFieldValue(startField) as Dayjs | null | undefined;
      if (value && start && value.isBefore(start, "day")) throw new Error(t("history.toAfterFrom"));
    },
  });
}

/** The keys whose values differ, compared as JSON (the body of a correction sends only those). */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter(
    (key) => JSON.stringify(after[key] ?? null) !== JSON.stringify(before[key] ?? null),
  );
}

import dayjs from "dayjs";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { endAfterStartRule, endOrNull, lastDayPickerOf } from "./form-values.ts";

describe("the end field of a period form shows and takes the last day held", () => {
  it.each([
    ["2026-04-01", "31/03/2026"],
    ["2024-03-01", "29/02/2024"],
    ["2025-01-01", "31/12/2024"],
  ])("a row stored up to %s opens with %s in the picker", (validTo, shown) => {
    expect(lastDayPickerOf(validTo)?.format("DD/MM/YYYY")).toBe(shown);
  });

  it.each([
    ["2026-03-31", "2026-04-01"],
    ["2024-02-29", "2024-03-01"],
    ["2024-12-31", "2025-01-01"],
  ])("picking the last day %s sends validTo %s", (picked, validTo) => {
    expect(endOrNull(dayjs(picked))).toBe(validTo);
  });

  it("leaves an open period open", () => {
    expect(lastDayPickerOf(null)).toBeNull();
    expect(endOrNull(null)).toBeNull();
  });

  it("sends back what it showed, so an untouched end is not a change", () => {
    expect(endOrNull(lastDayPickerOf("2026-04-01"))).toBe("2026-04-01");
  });
});

describe("the last day is checked against the first", () => {
  const t = ((key: string) => key) as unknown as TFunction;
  const check = async (from: string, lastDay: string) => {
    const rule = endAfterStartRule(t, "validFrom") as (form: unknown) => {
      validator: (rule: unknown, value: unknown) => Promise<void>;
    };
    const { validator } = rule({ getFieldValue: () => dayjs(from) });
    return validator({}, dayjs(lastDay));
  };

  it("accepts a last day equal to the first (a one-day period)", async () => {
    await expect(check("2024-02-29", "2024-02-29")).resolves.toBeUndefined();
  });

  it("refuses a last day before the first", async () => {
    await expect(check("2024-02-29", "2024-02-28")).rejects.toThrow("history.toAfterFrom");
  });
});

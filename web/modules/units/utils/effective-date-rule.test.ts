import dayjs from "dayjs";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { effectiveDateRules } from "./effective-date-rule.ts";

// The key and its values, so that the test sees which date the message names.
const t = ((key: string, values?: Record<string, string>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

async function check(unit: { validFrom: string; validTo: string | null }, date: string) {
  const rule = effectiveDateRules(t, unit)[1] as { validator: (r: unknown, v: unknown) => Promise<void> };
  return rule.validator({}, dayjs(date));
}

describe("a rename or move date falls while the unit exists", () => {
  // Ended with 30/06/2025 as its last day: stored [2020-01-01, 2025-07-01).
  const unit = { validFrom: "2020-01-01", validTo: "2025-07-01" };

  it("accepts the last day the unit exists", async () => {
    await expect(check(unit, "2025-06-30")).resolves.toBeUndefined();
  });

  it("refuses the day after, naming the last day, not the stored end", async () => {
    await expect(check(unit, "2025-07-01")).rejects.toThrow('unitForm.dateAfterEnd {"date":"30/06/2025"}');
  });
});

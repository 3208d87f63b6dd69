import { describe, expect, it } from "vitest";
import { endOf, formatPeriod, lastDayOf, lastMonthOf } from "./periods.ts";

describe("the last day of a half-open period and back", () => {
  it.each([
    // stored end (first day no longer held), last day held
    ["2026-04-01", "2026-03-31"], // the example of DOMAIN §9
    ["2024-03-01", "2024-02-29"], // leap year: February ends on the 29th
    ["2023-03-01", "2023-02-28"], // common year
    ["2025-01-01", "2024-12-31"], // year end
    ["2024-07-01", "2024-06-30"], // 30-day month
    ["2024-08-01", "2024-07-31"], // 31-day month
    ["2024-02-29", "2024-02-28"], // ending on the leap day itself
  ] as const)("a period ending before %s was last held on %s", (validTo, lastDay) => {
    expect(lastDayOf(validTo)).toBe(lastDay);
    expect(endOf(lastDay)).toBe(validTo);
  });

  it("keeps an open end open both ways", () => {
    expect(lastDayOf(null)).toBeNull();
    expect(endOf(null)).toBeNull();
  });
});

describe("a period as users read it", () => {
  it.each([
    ["2021-04-01", "2026-04-01", "vi", "từ 01/04/2021 đến 31/03/2026"],
    ["2021-04-01", null, "vi", "từ 01/04/2021 đến nay"],
    ["2024-02-29", "2024-03-01", "vi", "từ 29/02/2024 đến 29/02/2024"], // a one-day period [d, d+1)
    ["2024-12-31", "2025-01-01", "vi", "từ 31/12/2024 đến 31/12/2024"],
    ["2020-01-01", "2025-01-01", "vi", "từ 01/01/2020 đến 31/12/2024"],
    ["2021-04-01", "2026-04-01", "en", "from 01/04/2021 to 31/03/2026"],
    ["2021-04-01", null, "en", "from 01/04/2021 to present"],
  ] as const)("[%s, %s) in %s reads “%s”", (from, to, lang, text) => {
    expect(formatPeriod(from, to, lang)).toBe(text);
  });
});

describe("the last month of a period (month-precision tables)", () => {
  it.each([
    ["2024-07-01", "06/2024"], // ended on 30 June
    ["2024-07-02", "07/2024"], // held on 1 July
    ["2025-01-01", "12/2024"],
    [null, null],
  ] as const)("a period ending before %s was last held in %s", (validTo, month) => {
    expect(lastMonthOf(validTo)).toBe(month);
  });
});

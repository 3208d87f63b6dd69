import { describe, expect, it } from "vitest";
import { codeInForceOn, codePeriodProblem } from "./code-validity.ts";

// The district tier holds until 30/6/2025: its entry ends (exclusively) on 2025-07-01.
const district = { validFrom: null, validTo: "2025-07-01" };
const open = { validFrom: null, validTo: null };
// An entry that begins on a day, like the lower-secondary teacher grades of Circular 03/2021.
const from2021 = { validFrom: "2021-03-20", validTo: null };

describe("codePeriodProblem: a dated value uses a code in force on every day of its period", () => {
  it.each([
    [
      "district row 2020 → 30/6/2025 (ends the day the tier ends)",
      district,
      "2020-01-01",
      "2025-07-01",
      null,
    ],
    ["district row ending earlier", district, "2020-01-01", "2023-05-01", null],
    ["district row of one day, 30/6/2025", district, "2025-06-30", "2025-07-01", null],
    ["district row from 2020, still open", district, "2020-01-01", null, "ended"],
    ["district row running one day past 30/6/2025", district, "2020-01-01", "2025-07-02", "ended"],
    ["district row starting 1/7/2025", district, "2025-07-01", "2025-09-01", "ended"],
    ["district row starting 1/7/2025, open", district, "2025-07-01", null, "ended"],
    ["an open entry, open row", open, "1990-01-01", null, null],
    ["an entry from 2021: row from that day", from2021, "2021-03-20", null, null],
    [
      "an entry from 2021: row starting the day before",
      from2021,
      "2021-03-19",
      "2022-01-01",
      "not_yet_in_force",
    ],
  ] as const)("%s", (_name, entry, from, to, problem) => {
    expect(codePeriodProblem(entry, from, to)).toBe(problem);
  });
});

describe("codeInForceOn", () => {
  it.each([
    [district, "2025-06-30", true],
    [district, "2025-07-01", false],
    [from2021, "2021-03-19", false],
    [from2021, "2021-03-20", true],
    [open, "1900-01-01", true],
  ] as const)("%j on %s → %s", (entry, day, expected) => {
    expect(codeInForceOn(entry, day)).toBe(expected);
  });
});

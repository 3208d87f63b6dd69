import { describe, expect, it } from "vitest";
import { isTermPassed } from "./term-end.ts";

describe("an appointment term end on the date shown", () => {
  it.each<[string, string, boolean]>([
    ["2026-02-28", "2026-06-15", true],
    ["2026-02-28", "2026-03-01", true],
    ["2026-02-28", "2026-02-28", false], // its last day is still within the term
    ["2026-02-28", "2025-12-31", false],
  ])("a term ending %s has passed on %s: %s", (end, asOf, expected) => {
    expect(isTermPassed(end, asOf)).toBe(expected);
  });
});

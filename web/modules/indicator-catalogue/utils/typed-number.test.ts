import { describe, expect, it } from "vitest";
import { formatTypedNumber, parseTypedNumber } from "./typed-number.ts";

describe("a number typed in a form", () => {
  it.each<[string, number | null]>([
    ["2,5", 2.5],
    ["33,33", 33.33],
    ["2.5", 2.5],
    [" 15 ", 15],
    ["0", 0],
    ["100", 100],
    ["-5", -5],
    ["", null],
    ["   ", null],
  ])("reads %j as %s", (text, expected) => {
    expect(parseTypedNumber(text)).toBe(expected);
  });

  it.each(["abc", "12a", "1,2,3", "1.000,5", "2,", ",5", "--1", "1e3", "½"])(
    "refuses %j instead of reading another number",
    (text) => {
      expect(parseTypedNumber(text)).toBeNaN();
    },
  );

  it("writes the decimal mark of the language", () => {
    expect(formatTypedNumber(12.5, "vi")).toBe("12,5");
    expect(formatTypedNumber(12.5, "en")).toBe("12.5");
    expect(formatTypedNumber(null, "vi")).toBe("");
    expect(parseTypedNumber(formatTypedNumber(33.33, "vi"))).toBe(33.33);
  });
});

import { describe, expect, it } from "vitest";
import { isEnterInDateField, parseTypedDate } from "./dates.ts";

describe("a date typed in a date field", () => {
  it.each(["01/06/1983", "1/6/1983", "01.06.1983", "1.6.1983", "01-06-1983", "01061983", "1983-06-01"])(
    "reads %j as 1 June 1983",
    (text) => {
      expect(parseTypedDate(text)?.format("YYYY-MM-DD")).toBe("1983-06-01");
    },
  );

  it.each(["31.02.1983", "32061983", "0106198", "1983", "1/6/83", "hôm qua", ""])("refuses %j", (text) => {
    expect(parseTypedDate(text)).toBeUndefined();
  });
});

describe("Enter in a form", () => {
  const inside = (selector: string) => ({ closest: (s: string) => (s === selector ? {} : null) });

  it("is kept by a date field, which confirms the date instead of submitting", () => {
    expect(isEnterInDateField({ key: "Enter", target: inside(".ant-picker") })).toBe(true);
  });

  it("still submits from a text field, and other keys pass", () => {
    expect(isEnterInDateField({ key: "Enter", target: inside(".ant-input") })).toBe(false);
    expect(isEnterInDateField({ key: "Tab", target: inside(".ant-picker") })).toBe(false);
  });
});

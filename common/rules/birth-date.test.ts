import { describe, expect, it } from "vitest";
import { birthDateFields, formatBirthDate, parseBirthDate, storedBirthDate } from "./birth-date.ts";

describe("birth dates known to the day, the month or the year (Decree 135/2020 art. 3)", () => {
  it.each([
    ["12/03/1980", { date: "1980-03-12", precision: "day" }],
    ["1980-03-12", { date: "1980-03-12", precision: "day" }],
    ["03/1975", { date: "1975-03-01", precision: "month" }],
    ["3/1975", { date: "1975-03-01", precision: "month" }],
    ["03-1975", { date: "1975-03-01", precision: "month" }],
    ["1975-03", { date: "1975-03-01", precision: "month" }],
    ["1975", { date: "1975-01-01", precision: "year" }],
    [" 1975 ", { date: "1975-01-01", precision: "year" }],
    ["13/1975", undefined],
    ["00/1975", undefined],
    ["31/02/1980", undefined],
    ["0000", undefined],
    ["75", undefined],
    ["1975/03", undefined],
    ["", undefined],
  ] as const)("reads %j", (text, expected) => {
    expect(parseBirthDate(text)).toEqual(expected);
  });

  it.each([
    ["1980-03-12", "day", "12/03/1980"],
    ["1975-03-01", "month", "03/1975"],
    ["1975-01-01", "year", "1975"],
  ] as const)("prints %s known to the %s as %s", (date, precision, text) => {
    expect(formatBirthDate(date, precision)).toBe(text);
    expect(parseBirthDate(text)).toEqual({ date, precision });
  });

  it("stores the first day of what is known", () => {
    expect(storedBirthDate("1975-06-15", "year")).toBe("1975-01-01");
    expect(storedBirthDate("1975-06-15", "month")).toBe("1975-06-01");
    expect(storedBirthDate("1975-06-15", "day")).toBe("1975-06-15");
  });

  it("completes a change of only the date or only the precision from the record", () => {
    const stored = { birthDate: "1975-06-15", birthDatePrecision: "day" };
    expect(birthDateFields({}, stored)).toEqual({});
    expect(birthDateFields({ birthDatePrecision: "month" }, stored)).toEqual({
      birthDate: "1975-06-01",
      birthDatePrecision: "month",
    });
    expect(birthDateFields({ birthDate: "1976-08-20" }, { ...stored, birthDatePrecision: "year" })).toEqual({
      birthDate: "1976-01-01",
      birthDatePrecision: "year",
    });
    expect(birthDateFields({ birthDate: "1976-08-20" })).toEqual({
      birthDate: "1976-08-20",
      birthDatePrecision: "day",
    });
  });
});

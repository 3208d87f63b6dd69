import { describe, expect, it } from "vitest";
import {
  checkPersonDates,
  idNumberProblems,
  idNumberSexCenturyDigit,
  type PersonDates,
} from "./cadre-checks.ts";

const TODAY = "2026-06-15";

describe("consistency of a person's dates", () => {
  const base: PersonDates = { birthDate: "1980-05-10" };
  it.each<[string, Partial<PersonDates>, string[]]>([
    ["a plain record", { recruitmentDate: "2003-09-01", joinedAgencyDate: "2010-01-01" }, []],
    ["birth in the future", { birthDate: "2027-01-01" }, ["birthDate:in_future"]],
    ["birth before 1900", { birthDate: "1899-12-31" }, ["birthDate:too_early"]],
    ["recruited before birth", { recruitmentDate: "1979-01-01" }, ["recruitmentDate:before_birth"]],
    ["recruited on the birth date", { recruitmentDate: "1980-05-10" }, ["recruitmentDate:before_birth"]],
    ["recruited at 14", { recruitmentDate: "1995-05-09" }, ["recruitmentDate:under_working_age"]],
    ["recruited on the 15th birthday", { recruitmentDate: "1995-05-10" }, []],
    ["recruited in the future", { recruitmentDate: "2026-07-01" }, ["recruitmentDate:in_future"]],
    [
      "joined the agency before the first recruitment",
      { recruitmentDate: "2003-09-01", joinedAgencyDate: "2003-08-31" },
      ["joinedAgencyDate:before_recruitment"],
    ],
    ["Party at 17", { partyAdmissionDate: "1998-05-09" }, ["partyAdmissionDate:under_party_age"]],
    ["Party at 18", { partyAdmissionDate: "1998-05-10", partyOfficialDate: "1999-05-10" }, []],
    [
      "full member without admission",
      { partyOfficialDate: "2005-01-01" },
      ["partyOfficialDate:without_admission"],
    ],
    [
      "full member before admission",
      { partyAdmissionDate: "2005-01-01", partyOfficialDate: "2004-12-31" },
      ["partyOfficialDate:before_admission"],
    ],
    ["academic title before birth", { academicTitleYear: 1980 }, ["academicTitleYear:before_birth"]],
    [
      "left before recruitment",
      { recruitmentDate: "2003-09-01", leftOn: "2003-01-01" },
      ["leftOn:before_recruitment"],
    ],
  ])("%s", (_name, patch, expected) => {
    const problems = checkPersonDates({ ...base, ...patch }, TODAY).map((p) => `${p.field}:${p.problem}`);
    expect(problems).toEqual(expected);
  });
});

describe("structure of the 12-digit ID number (Circular 59/2021/TT-BCA)", () => {
  it.each<[string, "male" | "female", string, string[]]>([
    ["001080012345", "male", "1980-05-10", []],
    ["001180012345", "female", "1980-05-10", []],
    ["001205012345", "male", "2005-01-01", []],
    ["001305012345", "female", "2005-01-01", []],
    ["001080012345", "female", "1980-05-10", ["sex"]],
    ["001081012345", "male", "1980-05-10", ["birth_year"]],
    ["001280012345", "male", "1980-05-10", ["century"]],
    ["00108001234", "male", "1980-05-10", ["format"]],
    ["00108001234a", "male", "1980-05-10", ["format"]],
  ])("%s for a %s born %s: %o", (id, sex, born, expected) => {
    expect(idNumberProblems(id, sex, born)).toEqual(expected);
  });

  it.each([
    ["male", 1975, 0],
    ["female", 1999, 1],
    ["male", 2001, 2],
    ["female", 2010, 3],
  ] as const)("the century-and-sex digit of a %s born in %i is %i", (sex, year, digit) => {
    expect(idNumberSexCenturyDigit(sex, year)).toBe(digit);
  });
});

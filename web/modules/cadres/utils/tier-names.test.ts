import { describe, expect, it } from "vitest";
import type { Code } from "../../../../common/contracts/codes.ts";
import type { CodeListName } from "../../../../common/enums/cadres.ts";
import type { CodeLists } from "./code-names.ts";
import { tierName, tierOptions } from "./tier-names.ts";

const entry = (code: string, name: string, nameEn: string, validTo: string | null = null): Code => ({
  list: "management_tier",
  code,
  name,
  nameEn,
  rank: 0,
  isActive: true,
  validFrom: null,
  validTo,
  basis: null,
});
const lists: CodeLists = new Map<CodeListName, Code[]>([
  [
    "management_tier",
    [
      entry("central", "Diện Bộ Chính trị, Ban Bí thư quản lý", "Politburo"),
      entry("city_standing", "Diện Ban Thường vụ Thành ủy quản lý", "City standing committee"),
      entry("district_standing", "Diện Ban Thường vụ quận, huyện, thị ủy quản lý", "District", "2025-07-01"),
      entry("department_committee", "Diện đảng ủy các sở, ngành, đảng ủy trực thuộc quản lý", "Departments"),
      { ...entry("grassroots", "Diện cơ sở quản lý", "Grassroots"), isActive: false },
    ],
  ],
]);
const fallback = (tier: string) => `i18n:${tier}`;

describe("tierName", () => {
  it("reads the list's name in the user's language, the translation while the list loads", () => {
    expect(tierName(lists, "city_standing", "vi", fallback)).toBe("Diện Ban Thường vụ Thành ủy quản lý");
    expect(tierName(lists, "city_standing", "en", fallback)).toBe("City standing committee");
    expect(tierName(undefined, "city_standing", "vi", fallback)).toBe("i18n:city_standing");
  });
});

describe("tierOptions: tiers in force over the chosen period", () => {
  const codes = (period?: Parameters<typeof tierOptions>[3]) =>
    tierOptions(lists, "vi", fallback, period).map((o) => o.value);
  it.each([
    [
      "no date yet: every active tier",
      {},
      ["central", "city_standing", "district_standing", "department_committee"],
    ],
    [
      "a row from 2020, open: no district tier",
      { from: "2020-01-01" },
      ["central", "city_standing", "department_committee"],
    ],
    [
      "a row of 2020 ending by 1/7/2025: the district tier too",
      { from: "2020-01-01", to: "2025-07-01" },
      ["central", "city_standing", "district_standing", "department_committee"],
    ],
    [
      "a row from 1/7/2025",
      { from: "2025-07-01", to: "2026-01-01" },
      ["central", "city_standing", "department_committee"],
    ],
    [
      "a stored row keeps its own tier, even an inactive one",
      { from: "2020-01-01", keep: "grassroots" },
      ["central", "city_standing", "department_committee", "grassroots"],
    ],
  ] as const)("%s", (_name, period, expected) => {
    expect(codes(period)).toEqual(expected);
  });

  it("offers the fixed codes with their translations while the list is loading", () => {
    expect(tierOptions(undefined, "en", fallback, { from: "2026-01-01" })).toHaveLength(5);
  });
});

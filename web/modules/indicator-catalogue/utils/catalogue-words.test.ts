import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConditionSpec, PopulationSpec } from "../../../../common/contracts/indicators.ts";
import { en } from "../../../app/i18n/en.ts";
import { vi } from "../../../app/i18n/vi.ts";
import {
  type CatalogueWords,
  describeCondition,
  describePopulation,
  describeTarget,
} from "./catalogue-words.ts";

const LEVELS: Record<string, string> = {
  "professional/master": "Thạc sĩ",
  "professional/university": "Đại học",
  "political_theory/intermediate": "Trung cấp",
};
const TITLES: Record<string, string> = { district_party_secretary: "Bí thư Quận ủy, Huyện ủy, Thị ủy" };

let words: CatalogueWords;
let english: CatalogueWords;

beforeAll(async () => {
  const make = async (language: "vi" | "en"): Promise<CatalogueWords> => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: language,
      resources: { vi: { translation: vi }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    return {
      t: i18n.t,
      language,
      levelName: (category, code) => LEVELS[`${category}/${code}`] ?? code,
      titleName: (code) => TITLES[code] ?? code,
    };
  };
  words = await make("vi");
  english = await make("en");
});

/** I1 of migration 0007: Resolution 04's young-cadre thresholds. */
const I1_YOUNG: ConditionSpec = {
  kind: "young",
  operator: "<",
  thresholds: { central: 45, city: 40, department: 40, district: 40, division: 40, commune: 35, staff: 40 },
};

/** I4 of migration 0007: a university degree and intermediate political theory. */
const I4_ALL: ConditionSpec = {
  kind: "all",
  of: [
    { kind: "qualification", category: "professional", atLeast: "university" },
    { kind: "qualification", category: "political_theory", atLeast: "intermediate" },
  ],
};

describe("a condition in words", () => {
  const cases: [string, ConditionSpec, string][] = [
    ["I1's default thresholds lead with the common one", I1_YOUNG, "Tuổi < 40 (cấp xã < 35, diện TW < 45)"],
    [
      "an 'at most' operator and a changed district threshold",
      {
        ...I1_YOUNG,
        operator: "<=",
        thresholds: { ...(I1_YOUNG as { thresholds: Record<string, number> }).thresholds, district: 38 },
      } as ConditionSpec,
      "Tuổi ≤ 40 (cấp xã ≤ 35, cấp huyện ≤ 38, diện TW ≤ 45)",
    ],
    [
      "one threshold for every level has no exceptions",
      {
        kind: "young",
        operator: "<",
        thresholds: {
          central: 40,
          city: 40,
          department: 40,
          district: 40,
          division: 40,
          commune: 40,
          staff: 40,
        },
      },
      "Tuổi < 40",
    ],
    [
      "I1 of migration 0016: under 40 for every management tier",
      {
        kind: "young",
        operator: "<",
        thresholds: {
          central: 40,
          city_standing: 40,
          district_standing: 40,
          department_committee: 40,
          grassroots: 40,
        },
      },
      "Tuổi < 40",
    ],
    [
      "a tier's own threshold is named by the tier",
      {
        kind: "young",
        operator: "<",
        thresholds: {
          central: 45,
          city_standing: 40,
          district_standing: 40,
          department_committee: 40,
          grassroots: 35,
        },
      },
      "Tuổi < 40 (Cơ sở < 35, Trung ương < 45)",
    ],
    ["women", { kind: "sex", sex: "female" }, "Nữ"],
    [
      "a qualification names the level from the code list",
      { kind: "qualification", category: "professional", atLeast: "master" },
      "Trình độ chuyên môn ≥ Thạc sĩ",
    ],
    [
      "a knowledge update within five years",
      { kind: "training", trainingKind: "knowledge_update", withinMonths: 60 },
      "Cập nhật kiến thức trong 60 tháng",
    ],
    [
      "not local by home town",
      { kind: "not_local", includeBirthplace: false },
      "Không phải người địa phương (quê quán)",
    ],
    [
      "not local by home town or birthplace",
      { kind: "not_local", includeBirthplace: true },
      "Không phải người địa phương (quê quán, nơi sinh)",
    ],
    [
      "evaluated, which has no data yet",
      { kind: "evaluated" },
      "Có phiếu đánh giá tháng được duyệt — chưa có dữ liệu",
    ],
    [
      "I4's 'all' joins its conditions",
      I4_ALL,
      "Trình độ chuyên môn ≥ Đại học và Lý luận chính trị ≥ Trung cấp",
    ],
    [
      "an unknown level shows its code",
      { kind: "qualification", category: "professional", atLeast: "xyz" },
      "Trình độ chuyên môn ≥ xyz",
    ],
  ];
  it.each(cases)("%s", (_, condition, expected) => {
    expect(describeCondition(condition, words)).toBe(expected);
  });

  it("reads in English when the user chose English", () => {
    expect(describeCondition(I1_YOUNG, english)).toBe("Age < 40 (commune level < 35, central tier < 45)");
    expect(describeCondition(I4_ALL, english)).toBe(
      "Professional level ≥ Đại học and Political theory ≥ Trung cấp",
    );
  });
});

describe("a population in words", () => {
  const cases: [string, PopulationSpec, string][] = [
    [
      "the standing-committee tiers of I1",
      { tiers: ["city_standing", "district_standing", "department_committee"] },
      "Diện BTV Thành ủy; BTV Quận/Huyện ủy; Đảng ủy sở, ngành",
    ],
    [
      "leaders of a tier (I5)",
      { tiers: ["city_standing"], leadersOnly: true },
      "Diện BTV Thành ủy · Lãnh đạo",
    ],
    ["leaders only", { leadersOnly: true }, "Lãnh đạo"],
    [
      "holders of a title (I7.1)",
      { titleCodes: ["district_party_secretary"] },
      "Bí thư Quận ủy, Huyện ủy, Thị ủy",
    ],
    ["staff types", { staffTypes: ["cadre", "civil_servant"] }, "Cán bộ, Công chức"],
    ["nobody left out (I6)", {}, "Toàn bộ CBCCVC đang công tác"],
  ];
  it.each(cases)("%s", (_, population, expected) => {
    expect(describePopulation(population, words)).toBe(expected);
  });
});

describe("a target in words", () => {
  it.each([
    [{ target: 15, direction: ">=", display: "percent" }, "≥ 15%"],
    [{ target: 12.5, direction: "<=", display: "percent" }, "≤ 12,5%"],
    [{ target: 3, direction: ">=", display: "count" }, "≥ 3"],
    [{ target: null, direction: null, display: "count" }, "Không có mục tiêu"],
  ] as const)("%o reads %s", (def, expected) => {
    expect(describeTarget(def, words)).toBe(expected);
  });
});

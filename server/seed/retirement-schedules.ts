import type { RetirementSchedule } from "../../common/rules/retirement.ts";

/**
 * The retirement ages the generator plans careers with: the versions of the setting retirement.age that
 * migration 0015 ships (the generator plans before any database exists). A test
 * (server/modules/cadres/retirement.test.ts) checks they equal the database's, so the seed never puts a
 * serving person past the date the records compute.
 */
export const SEED_RETIREMENT_SCHEDULES: readonly RetirementSchedule[] = [
  {
    validFrom: "1900-01-01",
    baseMonths: { male: 720, female: 660 },
    stepMonths: { male: 0, female: 0 },
    capMonths: { male: 720, female: 660 },
    citation: "Bộ luật Lao động 2012, Điều 187 (và các bộ luật trước): nam đủ 60 tuổi, nữ đủ 55 tuổi",
  },
  {
    validFrom: "2021-01-01",
    baseMonths: { male: 723, female: 664 },
    stepMonths: { male: 3, female: 4 },
    capMonths: { male: 744, female: 720 },
    citation:
      "Bộ luật Lao động 2019, Điều 169; Nghị định 135/2020/NĐ-CP, Điều 4 và Phụ lục I: nam 60 tuổi 3 tháng, nữ 55 tuổi 4 tháng năm 2021, mỗi năm thêm 3 tháng (nam), 4 tháng (nữ), đến 62 tuổi (nam, năm 2028), 60 tuổi (nữ, năm 2035)",
  },
];

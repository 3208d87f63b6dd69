import type { Sex } from "../../common/enums/cadres.ts";
import { isoOf, yearOf, years } from "./people-dates.ts";
import { FAMILY_NAMES, vietnameseName } from "./people-names.ts";
import type { TitleClass, TitleCode } from "./people-seats.ts";
import type { Random } from "./random.ts";

/** The CV's dated sections of one person, as the generator writes them (dates as YYYY-MM-DD). */
export type SalaryRow = {
  gradeCode: string;
  step: number;
  coefficient: string;
  validFrom: string;
  validTo: string | null;
};
export type RewardRow = {
  form: string;
  decidedOn: string;
  decisionRef: string;
  issuer: string;
  reason: string;
};
export type FamilyRow = {
  side: "own" | "spouse";
  relation: string;
  fullName: string;
  birthYear: number;
  details: string;
};

/** Salary scales: coefficient of step 1, increment per step, number of steps, months between steps. */
const SCALES: Record<string, readonly [number, number, number, number]> = {
  "01.001": [6.2, 0.36, 6, 36],
  "01.002": [4.4, 0.34, 8, 36],
  "01.003": [2.34, 0.33, 9, 36],
  "01.004": [2.1, 0.31, 10, 36],
  "01.005": [1.86, 0.18, 12, 24],
  "V.07.04.30": [4.4, 0.34, 8, 36],
  "V.07.04.31": [4.0, 0.34, 8, 36],
  "V.08.01.01": [5.75, 0.36, 6, 36],
  "V.08.01.02": [4.0, 0.34, 8, 36],
  "V.08.01.03": [2.34, 0.33, 9, 36],
};

/** The grades of a career with the day each began: a higher grade after the years a class usually needs. */
function gradePath(
  rnd: Random,
  cls: TitleClass,
  title: TitleCode,
  recruitmentDay: number,
): [string, number][] {
  const r = recruitmentDay;
  switch (cls) {
    case "top":
    case "city_deputy":
    case "dept_head":
      return [
        ["01.003", r],
        ["01.002", r + years(rnd.int(9, 12))],
        ["01.001", r + years(rnd.int(18, 23))],
      ];
    case "dept_deputy":
    case "district_head":
      return rnd.chance(0.4)
        ? [
            ["01.003", r],
            ["01.002", r + years(rnd.int(9, 13))],
            ["01.001", r + years(rnd.int(20, 25))],
          ]
        : [
            ["01.003", r],
            ["01.002", r + years(rnd.int(9, 13))],
          ];
    case "district_deputy":
    case "division_head":
    case "division_deputy":
    case "commune_head":
    case "commune_deputy":
      return rnd.chance(0.7)
        ? [
            ["01.003", r],
            ["01.002", r + years(rnd.int(12, 17))],
          ]
        : [["01.003", r]];
    case "teacher":
      return rnd.chance(0.2)
        ? [
            ["V.07.04.31", r],
            ["V.07.04.30", r + years(rnd.int(15, 20))],
          ]
        : [["V.07.04.31", r]];
    case "physician":
      return rnd.chance(0.6)
        ? [
            ["V.08.01.03", r],
            ["V.08.01.02", r + years(rnd.int(9, 12))],
            ...(rnd.chance(0.15) ? [["V.08.01.01", r + years(rnd.int(20, 24))] as [string, number]] : []),
          ]
        : [["V.08.01.03", r]];
    case "staff":
      return [[rnd.chance(0.4) ? "01.004" : "01.005", r]];
    default:
      if (title === "senior_expert")
        return [
          ["01.003", r],
          ["01.002", r + years(10)],
          ["01.001", r + years(20)],
        ];
      if (title === "principal_expert")
        return [
          ["01.003", r],
          ["01.002", r + years(rnd.int(8, 12))],
        ];
      return rnd.chance(0.25)
        ? [
            ["01.003", r],
            ["01.002", r + years(rnd.int(12, 16))],
          ]
        : [["01.003", r]];
  }
}

/**
 * Salary grade and step over time (item 30): a step every 36 months (24 for grade B), a higher grade at
 * the step whose coefficient first reaches the old one. Only the rows of the last ten years are kept.
 */
export function salariesOf(input: {
  rnd: Random;
  cls: TitleClass;
  title: TitleCode;
  recruitmentDay: number;
  /** Exclusive end (the day after the last day of service), or the reference date for serving people. */
  endDay: number;
  isServing: boolean;
}): SalaryRow[] {
  const { rnd, cls, title, recruitmentDay, endDay, isServing } = input;
  const path = gradePath(rnd, cls, title, recruitmentDay).filter(([, from]) => from < endDay);
  const periods: { grade: string; step: number; coefficient: number; from: number }[] = [];
  for (const [i, [grade, from]] of path.entries()) {
    const [base, inc, steps, months] = SCALES[grade]!;
    const until = path[i + 1]?.[1] ?? endDay;
    const previous = periods[periods.length - 1]?.coefficient ?? 0;
    let step = 1;
    while (step < steps && base + inc * (step - 1) < previous) step++;
    for (let day = from; day < until && step <= steps; step++, day += Math.round((months / 12) * 365.25)) {
      periods.push({ grade, step, coefficient: base + inc * (step - 1), from: day });
    }
  }
  const keepFrom = endDay - years(10);
  const rows: SalaryRow[] = [];
  for (const [i, p] of periods.entries()) {
    const to = periods[i + 1]?.from ?? (isServing ? null : endDay);
    if (to !== null && to <= keepFrom) continue;
    rows.push({
      gradeCode: p.grade,
      step: p.step,
      coefficient: p.coefficient.toFixed(2),
      validFrom: isoOf(p.from),
      validTo: to === null ? null : isoOf(to),
    });
  }
  return rows;
}

const OCCUPATIONS = [
  "Nghỉ hưu",
  "Nông dân",
  "Công nhân",
  "Giáo viên",
  "Kinh doanh tự do",
  "Công chức",
  "Viên chức",
  "Nhân viên văn phòng",
  "Bộ đội",
];

/**
 * Family (item 36): parents on the own side, a spouse and children for most adults, sometimes the
 * spouse's parents — between two and six people.
 */
export function familyOf(input: {
  rnd: Random;
  sex: Sex;
  fullName: string;
  birthDay: number;
  referenceYear: number;
  place: string;
}): FamilyRow[] {
  const { rnd, sex, fullName, birthDay, referenceYear, place } = input;
  const born = yearOf(birthDay);
  const age = referenceYear - born;
  const family = fullName.split(" ")[0]!;
  const rows: FamilyRow[] = [];
  const lifeOf = (year: number) => {
    const old = referenceYear - year;
    if (old > 78 && rnd.chance(0.5))
      return `Đã mất năm ${rnd.int(Math.max(year + 55, referenceYear - 15), referenceYear - 1)}`;
    if (old >= 60) return `Nghỉ hưu, trú tại ${place}`;
    return `${rnd.pick(OCCUPATIONS.slice(1))}, trú tại ${place}`;
  };
  const fatherYear = born - rnd.int(24, 36);
  rows.push({
    side: "own",
    relation: "Bố đẻ",
    fullName: vietnameseName(rnd, "male", family),
    birthYear: fatherYear,
    details: lifeOf(fatherYear),
  });
  const motherYear = born - rnd.int(20, 33);
  rows.push({
    side: "own",
    relation: "Mẹ đẻ",
    fullName: vietnameseName(rnd, "female"),
    birthYear: motherYear,
    details: lifeOf(motherYear),
  });
  const married = age >= 26 ? rnd.chance(0.92) : rnd.chance(0.35);
  if (married) {
    const spouseSex: Sex = sex === "male" ? "female" : "male";
    const spouseYear = born + (sex === "male" ? rnd.int(-1, 6) : rnd.int(-6, 1));
    const spouseFamily = rnd.weighted(FAMILY_NAMES);
    rows.push({
      side: "own",
      relation: sex === "male" ? "Vợ" : "Chồng",
      fullName: vietnameseName(rnd, spouseSex, spouseFamily),
      birthYear: spouseYear,
      details: `${rnd.pick(OCCUPATIONS.slice(2))}, trú tại ${place}`,
    });
    const childFamily = sex === "male" ? family : spouseFamily;
    const children = age < 30 ? rnd.int(0, 1) : age < 38 ? rnd.int(1, 2) : rnd.int(1, 3);
    let year = born + rnd.int(25, 31);
    for (let i = 0; i < children && year < referenceYear; i++) {
      const childSex: Sex = rnd.chance(0.52) ? "male" : "female";
      const childAge = referenceYear - year;
      rows.push({
        side: "own",
        relation: childSex === "male" ? "Con trai" : "Con gái",
        fullName: vietnameseName(rnd, childSex, childFamily),
        birthYear: year,
        details:
          childAge < 6
            ? "Còn nhỏ"
            : childAge < 18
              ? "Học sinh"
              : childAge < 23
                ? "Sinh viên"
                : rnd.pick(OCCUPATIONS.slice(2)),
      });
      year += rnd.int(2, 5);
    }
    if (rows.length < 6 && rnd.chance(0.45)) {
      const inLawYear = spouseYear - rnd.int(24, 34);
      rows.push({
        side: "spouse",
        relation: sex === "male" ? "Bố vợ" : "Bố chồng",
        fullName: vietnameseName(rnd, "male", spouseFamily),
        birthYear: inLawYear,
        details: lifeOf(inLawYear),
      });
    }
    if (rows.length < 6 && rnd.chance(0.45)) {
      const inLawYear = spouseYear - rnd.int(21, 32);
      rows.push({
        side: "spouse",
        relation: sex === "male" ? "Mẹ vợ" : "Mẹ chồng",
        fullName: vietnameseName(rnd, "female"),
        birthYear: inLawYear,
        details: lifeOf(inLawYear),
      });
    }
  } else if (rnd.chance(0.6)) {
    const siblingSex: Sex = rnd.chance(0.5) ? "male" : "female";
    const siblingYear = born + rnd.int(-6, 6);
    rows.push({
      side: "own",
      relation: siblingYear < born ? (siblingSex === "male" ? "Anh ruột" : "Chị ruột") : "Em ruột",
      fullName: vietnameseName(rnd, siblingSex, family),
      birthYear: siblingYear,
      details:
        siblingYear > referenceYear - 22
          ? "Sinh viên"
          : `${rnd.pick(OCCUPATIONS.slice(2))}, trú tại ${place}`,
    });
  }
  return rows.slice(0, 6);
}

/** Rewards (item 35): a few per career, more for leaders, decided at year ends. */
export function rewardsOf(input: {
  rnd: Random;
  cls: TitleClass;
  unitName: string;
  cityName: string;
  recruitmentDay: number;
  lastDay: number;
}): RewardRow[] {
  const { rnd, cls, unitName, cityName, recruitmentDay, lastDay } = input;
  const isLeader = cls !== "expert" && cls !== "teacher" && cls !== "physician" && cls !== "staff";
  const count = isLeader ? rnd.int(0, 3) : rnd.chance(0.35) ? rnd.int(1, 2) : 0;
  const rows: RewardRow[] = [];
  const firstYear = yearOf(recruitmentDay) + 2;
  const lastYear = yearOf(lastDay) - 1;
  if (lastYear < firstYear) return rows;
  const used = new Set<number>();
  for (let i = 0; i < count; i++) {
    const year = rnd.int(firstYear, lastYear);
    if (used.has(year)) continue;
    used.add(year);
    const u = rnd.next();
    const [form, issuer, ref] =
      isLeader && u < 0.08
        ? ["Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "QĐ-TTg"]
        : u < 0.3
          ? [`Bằng khen của Chủ tịch UBND ${cityName}`, `Chủ tịch UBND ${cityName}`, "QĐ-UBND"]
          : u < 0.45
            ? ["Chiến sĩ thi đua cơ sở", unitName, "QĐ-KT"]
            : ["Giấy khen", unitName, "QĐ-KT"];
    const decided = `${year + 1}-01-${String(rnd.int(5, 28)).padStart(2, "0")}`;
    if (decided > isoOf(lastDay)) continue;
    rows.push({
      form,
      decidedOn: decided,
      decisionRef: `${rnd.int(10, 4999)}/${ref}`,
      issuer,
      reason: `Hoàn thành xuất sắc nhiệm vụ năm ${year}`,
    });
  }
  return rows.sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : 1));
}

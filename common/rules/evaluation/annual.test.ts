import { describe, expect, it } from "vitest";
import {
  annualByAverage,
  annualByMonthlyGrades,
  annualDecided,
  type MonthGrade,
  type PeriodScore,
  type WorkingTime,
} from "./annual.ts";
import type { Grade } from "./scheme.ts";
import {
  DECREE_90_ANNUAL,
  DECREE_335_MONTHLY,
  HANOI_3814_MONTHLY_2022,
  HANOI_3814_MONTHLY_2026,
} from "./templates.ts";

const month = (m: number, year = 2026) => `${year}-${String(m).padStart(2, "0")}-01`;
const FULL_YEAR: WorkingTime = { monthsInService: 12, legalAbsenceMonths: 0, maternityMonths: 0 };

describe("Decree 335: the average of the year's period scores", () => {
  it("carries a transferee's scores from the old unit: six months at 80 there, six at 92 here → 86, HTT", () => {
    const periods: PeriodScore[] = [
      ...[1, 2, 3, 4, 5, 6].map((m) => ({ periodStart: month(m), unitId: "so-tai-chinh", score: 80 })),
      ...[7, 8, 9, 10, 11, 12].map((m) => ({
        periodStart: month(m),
        unitId: "ubnd-phuong-ba-dinh",
        score: 92,
      })),
    ];
    const r = annualByAverage(DECREE_335_MONTHLY, 2026, periods);
    expect(r).toMatchObject({
      kind: "graded",
      average: 86,
      grade: "good",
      periodsCounted: 12,
      units: ["so-tai-chinh", "ubnd-phuong-ba-dinh"],
    });
  });

  it("rates a maternity leave on the actual working time: the six months away are left out", () => {
    const periods: PeriodScore[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => ({
      periodStart: month(m),
      unitId: "u",
      score: m >= 3 && m <= 8 ? 0 : 91,
      isAbsent: m >= 3 && m <= 8,
    }));
    expect(annualByAverage(DECREE_335_MONTHLY, 2026, periods)).toMatchObject({
      kind: "graded",
      average: 91,
      grade: "excellent",
      periodsCounted: 6,
    });
  });

  it("averages to hundredths and grades at the boundary (89.99 is HTT)", () => {
    const periods = [90, 89.99, 89.98].map((score, i) => ({ periodStart: month(i + 1), unitId: "u", score }));
    expect(annualByAverage(DECREE_335_MONTHLY, 2026, periods)).toMatchObject({
      average: 89.99,
      grade: "good",
    });
  });

  it("forces KHT for a discipline in the year, naming it", () => {
    const periods = [1, 2, 3].map((m) => ({ periodStart: month(m), unitId: "u", score: 95 }));
    const d = [{ kind: "discipline_in_year" as const, documentRef: "QĐ 7/QĐ-KL", on: "2026-11-02" }];
    const r = annualByAverage(DECREE_335_MONTHLY, 2026, periods, d);
    expect(r.kind === "graded" && [r.grade, r.gradeResult?.reasons]).toEqual([
      "notCompleted",
      [{ kind: "disqualified", disqualification: d[0] }],
    ]);
  });

  it("counts only the year's periods, and refuses to grade none or two scores for one month", () => {
    const last = { periodStart: "2025-12-01", unitId: "u", score: 50 };
    const jan = { periodStart: month(1), unitId: "u", score: 70 };
    expect(annualByAverage(DECREE_335_MONTHLY, 2026, [last, jan])).toMatchObject({
      average: 70,
      periodsCounted: 1,
    });
    expect(annualByAverage(DECREE_335_MONTHLY, 2026, [last])).toEqual({
      kind: "not_graded",
      reason: "no_period_worked",
    });
    expect(
      annualByAverage(DECREE_335_MONTHLY, 2026, [jan, { ...jan, unitId: "new-unit", score: 90 }]),
    ).toEqual({
      kind: "not_graded",
      reason: "duplicate_period",
    });
  });
});

/** Twelve months of 2026 graded from a string: "A" … "D", "-" for a month away. */
function months(grades: string, year = 2026): MonthGrade[] {
  const byLetter: Record<string, Grade> = { A: "excellent", B: "good", C: "completed", D: "notCompleted" };
  return [...grades].map((g, i) => ({
    periodStart: month(i + 1, year),
    unitId: i < 6 ? "old" : "new",
    grade: byLetter[g] ?? "notCompleted",
    isAbsent: g === "-",
  }));
}

describe("Hà Nội: the monthly grades as the main basis (default rule, a setting to confirm)", () => {
  it.each([
    ["AAAAAAAAABBB", "excellent"], // 75% A, no D
    ["AAAAAAAABBBB", "good"], // 67% A: not enough; all B or better
    ["AAAAAAAAAAAD", "completed"], // a D month bars A and B
    ["BBBBBBBBCCCC", "completed"], // 67% B or better: under 70%
    ["CCCCCCDDDDDD", "completed"], // 50% C or better
    ["CCCCCDDDDDDD", "notCompleted"],
  ])("%s → %s", (grades, grade) => {
    const r = annualByMonthlyGrades(HANOI_3814_MONTHLY_2026, 2026, months(grades), FULL_YEAR);
    expect(r.kind === "graded" && r.grade).toBe(grade);
  });

  it("says the rule is a default awaiting confirmation", () => {
    const rule = HANOI_3814_MONTHLY_2026.annual;
    expect(rule.kind === "monthly_grades" && rule.isDefaultToConfirm).toBe(true);
  });

  it("counts a transferee's months in both units and leaves out the months away (2026)", () => {
    const r = annualByMonthlyGrades(HANOI_3814_MONTHLY_2026, 2026, months("----AAAAAAAB"), {
      monthsInService: 12,
      legalAbsenceMonths: 4,
      maternityMonths: 0,
    });
    expect(r).toMatchObject({ kind: "graded", grade: "excellent", periodsCounted: 8, units: ["old", "new"] });
  });

  it("applies Decree 90's partial-year limits before 2026", () => {
    const time = (inService: number, absence: number, maternity: number): WorkingTime => ({
      monthsInService: inService,
      legalAbsenceMonths: absence,
      maternityMonths: maternity,
    });
    const t = HANOI_3814_MONTHLY_2022;
    // a legal absence of 4 months: at most "completed"
    expect(annualByMonthlyGrades(t, 2025, months("----AAAAAAAA", 2025), time(12, 4, 0))).toMatchObject({
      kind: "graded",
      grade: "completed",
      gradeBeforeLimit: "excellent",
      limit: { kind: "at_most", grade: "completed" },
    });
    // recruited in August: 5 months worked → not graded
    expect(annualByMonthlyGrades(t, 2025, months("AAAAA", 2025), time(5, 0, 0))).toEqual({
      kind: "not_graded",
      reason: "worked_too_little",
    });
    // 7 months of maternity: graded on the 5 months worked
    expect(annualByMonthlyGrades(t, 2025, months("AAAAA-------", 2025), time(12, 0, 7))).toMatchObject({
      kind: "graded",
      grade: "excellent",
      periodsCounted: 5,
    });
  });
});

describe("before 2026: Decree 90's partial-year rules on the grade the body decides", () => {
  it.each([
    // months in service, legal absence, maternity, proposed → result
    [12, 0, 0, "excellent", "excellent"],
    [12, 2, 0, "excellent", "excellent"],
    [12, 3, 0, "excellent", "completed"],
    [12, 5, 0, "good", "completed"],
    [12, 5, 0, "notCompleted", "notCompleted"],
    [12, 6, 0, "good", "completed"], // worked exactly 6: graded, and capped (DOMAIN's "<6" read monotone)
    [12, 7, 0, "good", "not graded"],
    [5, 0, 0, "good", "not graded"],
    [6, 0, 0, "good", "good"],
    [12, 0, 8, "good", "good"], // maternity: graded on the actual working time
    [12, 0, 5, "excellent", "excellent"],
    [12, 4, 3, "excellent", "completed"], // worked 5 with maternity: graded, the absence still caps it
  ] as const)(
    "%d months in service, %d absent, %d on maternity, proposed %s → %s",
    (inService, absence, maternity, proposed, expected) => {
      const r = annualDecided(DECREE_90_ANNUAL, proposed, {
        monthsInService: inService,
        legalAbsenceMonths: absence,
        maternityMonths: maternity,
      });
      expect(r.kind === "graded" ? r.grade : "not graded").toBe(expected);
    },
  );
});

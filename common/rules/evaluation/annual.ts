import type { IsoDate } from "../dates.ts";
import {
  type AnnualRule,
  GRADES,
  type Grade,
  gradeRank,
  type PartialYearRule,
  type SchemeTemplate,
  worseGrade,
} from "./scheme.ts";
import { type Disqualification, type GradeResult, gradeOf, roundPoints } from "./scoring.ts";

/** A person's working time in the year, in months (DOMAIN §3: absence, sickness, maternity). */
export type WorkingTime = {
  /** Months the person was in service in the year (12 for the whole year). */
  monthsInService: number;
  /** Months of legal absence other than maternity (sickness, leave the law allows). */
  legalAbsenceMonths: number;
  maternityMonths: number;
};

export type PartialYearLimit = { kind: "free" } | { kind: "not_graded" } | { kind: "at_most"; grade: Grade };

/**
 * Decree 90/2020 as amended by 48/2023: worked under 6 months in the year → not graded, unless on maternity
 * leave (then graded on the actual working time); a legal absence of 3 months or more → at most "completed".
 * DOMAIN writes "3–<6 months": 6 or more leaves under 6 months worked in a full year (not graded); someone absent
 * exactly 6 of 12 months worked 6 and is graded, and is capped too, so that more absence never grades higher.
 * Maternity excuses the 6-month minimum only: another legal absence still caps the grade.
 */
export function partialYearLimit(rule: PartialYearRule, time: WorkingTime): PartialYearLimit {
  const worked = time.monthsInService - time.legalAbsenceMonths - time.maternityMonths;
  const isExcused = rule.isMaternityExcepted && time.maternityMonths > 0;
  if (worked < rule.minMonthsWorked && !isExcused) return { kind: "not_graded" };
  const { fromMonths, maxGrade } = rule.cappedAbsence;
  if (time.legalAbsenceMonths >= fromMonths) return { kind: "at_most", grade: maxGrade };
  return { kind: "free" };
}

export type AnnualResult =
  | { kind: "not_graded"; reason: "worked_too_little" | "no_period_worked" | "duplicate_period" }
  | {
      kind: "graded";
      grade: Grade;
      /** The grade before a partial-year limit lowered it. */
      gradeBeforeLimit: Grade;
      limit: PartialYearLimit;
      /** Decree 335: the mean of the periods; Hà Nội: undefined. */
      average?: number;
      gradeResult?: GradeResult;
      periodsCounted: number;
      /** Units whose periods were counted (a transferee's old unit included). */
      units: string[];
    };

/** One period's score, from whichever unit rated it. `isAbsent`: the whole period away (sickness, maternity…). */
export type PeriodScore = { periodStart: IsoDate; unitId: string; score: number; isAbsent?: boolean };

function limitGrade(grade: Grade, limit: PartialYearLimit): Grade {
  return limit.kind === "at_most" ? worseGrade(grade, limit.grade) : grade;
}

function checkYearPeriods<T extends { periodStart: IsoDate; isAbsent?: boolean }>(
  periods: readonly T[],
  year: number,
) {
  const inYear = periods.filter((p) => p.periodStart.startsWith(`${year}-`));
  const starts = inYear.map((p) => p.periodStart);
  const hasDuplicate = new Set(starts).size !== starts.length;
  return { worked: inYear.filter((p) => !p.isAbsent), hasDuplicate };
}

/**
 * Decree 335/2025: the annual grade is graded from the average of the year's period scores, wherever the person
 * worked them (a transferee's old unit sends its scores), on the actual working time (periods wholly absent
 * are left out), then any disqualification of the year forces "not completed". One score per period: two for
 * the same period (both units rated the month of the move) are a conflict to settle, not to average.
 */
export function annualByAverage(
  template: SchemeTemplate,
  year: number,
  periods: readonly PeriodScore[],
  disqualifications: readonly Disqualification[] = [],
): AnnualResult {
  const rule = template.annual as Extract<AnnualRule, { kind: "average_of_periods" }>;
  const { worked, hasDuplicate } = checkYearPeriods(periods, year);
  if (hasDuplicate) return { kind: "not_graded", reason: "duplicate_period" };
  if (worked.length === 0) return { kind: "not_graded", reason: "no_period_worked" };
  const average = roundPoints(worked.reduce((s, p) => s + p.score, 0) / worked.length, rule.decimals);
  const gradeResult = gradeOf(average, template, { disqualifications });
  return {
    kind: "graded",
    grade: gradeResult.grade,
    gradeBeforeLimit: gradeResult.grade,
    limit: { kind: "free" },
    average,
    gradeResult,
    periodsCounted: worked.length,
    units: [...new Set(worked.map((p) => p.unitId))],
  };
}

export type MonthGrade = { periodStart: IsoDate; unitId: string; grade: Grade; isAbsent?: boolean };

/**
 * Hà Nội: the monthly grades are the main basis of the annual grade. The first step reached wins: at least its
 * percent of the rated months at or above its grade, and (when set) no month at or below its floor grade; none
 * reached → "not completed". Absent months are not rated. Before 2026 the partial-year limits of Decree 90 apply
 * on top; a disqualification of the year forces "not completed".
 */
export function annualByMonthlyGrades(
  template: SchemeTemplate,
  year: number,
  months: readonly MonthGrade[],
  time: WorkingTime,
  disqualifications: readonly Disqualification[] = [],
): AnnualResult {
  const rule = template.annual as Extract<AnnualRule, { kind: "monthly_grades" }>;
  const limit = rule.partialYear ? partialYearLimit(rule.partialYear, time) : ({ kind: "free" } as const);
  if (limit.kind === "not_graded") return { kind: "not_graded", reason: "worked_too_little" };
  const { worked, hasDuplicate } = checkYearPeriods(months, year);
  if (hasDuplicate) return { kind: "not_graded", reason: "duplicate_period" };
  if (worked.length === 0) return { kind: "not_graded", reason: "no_period_worked" };
  const percentAtOrAbove = (g: Grade) =>
    (worked.filter((m) => gradeRank(m.grade) <= gradeRank(g)).length * 100) / worked.length;
  const step = rule.steps.find(
    (s) =>
      percentAtOrAbove(s.atOrAbove) >= s.minPercentMonths &&
      (s.noMonthAtOrBelow === undefined ||
        !worked.some((m) => gradeRank(m.grade) >= gradeRank(s.noMonthAtOrBelow!))),
  );
  const byMonths: Grade = step?.grade ?? GRADES[GRADES.length - 1]!;
  const gradeBeforeLimit = disqualifications.length ? "notCompleted" : byMonths;
  return {
    kind: "graded",
    grade: limitGrade(gradeBeforeLimit, limit),
    gradeBeforeLimit,
    limit,
    periodsCounted: worked.length,
    units: [...new Set(worked.map((m) => m.unitId))],
  };
}

/**
 * Before 2026 (Decree 90): the body decides the grade; the partial-year limits say whether it may grade at all
 * and how high.
 */
export function annualDecided(template: SchemeTemplate, proposed: Grade, time: WorkingTime): AnnualResult {
  const rule = template.annual as Extract<AnnualRule, { kind: "decided" }>;
  const limit = partialYearLimit(rule.partialYear, time);
  if (limit.kind === "not_graded") return { kind: "not_graded", reason: "worked_too_little" };
  return {
    kind: "graded",
    grade: limitGrade(proposed, limit),
    gradeBeforeLimit: proposed,
    limit,
    periodsCounted: 0,
    units: [],
  };
}

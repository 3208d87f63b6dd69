import type { StaffType } from "../../enums/cadres.ts";
import type { IsoDate } from "../dates.ts";

/**
 * An evaluation scheme is a dated template (DOMAIN §3): a criteria tree with points, grade bands, a quota
 * rule, a period and an annual rule. Every number a rule applies lives here, in a version that holds from
 * `validFrom` with the legal text it comes from, so that a new regulation is a new version (loaded from the
 * settings later), not a code change; a record keeps the code and `validFrom` of the version it was made under.
 */

/** The four grades (DOMAIN §1: HTXS / HTT / HT / KHT; Hà Nội monthly A / B / C / D), best first. */
export const GRADES = ["excellent", "good", "completed", "notCompleted"] as const;
export type Grade = (typeof GRADES)[number];

/** How a grade ranks: 0 is the best. */
export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade);
}

/** The lower (worse) of two grades. */
export function worseGrade(a: Grade, b: Grade): Grade {
  return gradeRank(a) >= gradeRank(b) ? a : b;
}

export const PERIOD_KINDS = ["month", "quarter", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Which system the evaluation belongs to: the State's (agency) or the Party's (DOMAIN §3 "Party layer"). */
export const TRACKS = ["state", "party"] as const;
export type Track = (typeof TRACKS)[number];

/**
 * One node of the criteria tree. A `group` adds its children and is clamped to [0, maxPoints]; an `item` is
 * scored from 0 to maxPoints; a `bonus` adds up to maxPoints; a `deduction` takes up to maxPoints off its group.
 * `needsReason`: the form must say in writing why (a bonus under 3814-QĐ/TU: "phải nêu rõ nội dung công việc
 * đạt điểm thưởng").
 */
export type CriterionNode = {
  code: string;
  /** Vietnamese label, as printed on the form. */
  label: string;
  kind: "group" | "item" | "bonus" | "deduction";
  maxPoints: number;
  needsReason?: boolean;
  /** Who decides the points, when the form says so ("Thủ trưởng đơn vị thẩm định và quyết định"). */
  decidedBy?: "head";
  /** Items scored from the task-completion share (Hà Nội block II.2): share bands → point ranges. */
  completionBands?: readonly CompletionBand[];
  /** Items filled from the products (Decree 335 task results): not typed in, computed. */
  isComputed?: boolean;
  /** Conduct for which points are taken off (the form's "Nội dung bị trừ điểm"), for the screen. */
  deductionGrounds?: readonly string[];
  children?: readonly CriterionNode[];
};

/** A share of tasks completed (percent, from inclusive) and the points range it gives (max exclusive unless top). */
export type CompletionBand = {
  minSharePercent: number;
  minPoints: number;
  maxPoints: number;
  isMaxInclusive: boolean;
};

/**
 * A grade band: a score at or above `minScore` gets the grade, best band first. Conditions beyond the score
 * (Regulation 366: HTXS needs ≥ 30% of tasks exceeding requirements) drop the grade to the next band when unmet.
 */
export type GradeBand = {
  grade: Grade;
  minScore: number;
  /** Vietnamese label of the grade in this scheme ("Loại A", "Hoàn thành xuất sắc nhiệm vụ"). */
  label: string;
  shortLabel: string;
  conditions?: {
    /** Percent of tasks that exceeded requirements, at least. */
    minPercentTasksExceeding?: number;
    /** Percent of tasks done on time, at least. */
    minPercentTasksOnTime?: number;
  };
};

/** How "N% of M people" becomes a whole number of people. */
export const QUOTA_ROUNDINGS = ["floor", "round", "ceil"] as const;
export type QuotaRounding = (typeof QUOTA_ROUNDINGS)[number];

/**
 * The cap on the top grade. `base` is what the percentage is of: everyone rated in the group, or those graded
 * "good" or better (HTXS is chosen among those who reached HTT), or those graded exactly "good". `exception`:
 * how far an authorised override with a reason may go, counted on its own base (null percent: no figure known).
 */
export type QuotaRule = {
  grade: Grade;
  maxPercent: number;
  base: "rated" | "good_or_above" | "good_only";
  groupBy: "unit" | "unit_and_duty_group";
  rounding: QuotaRounding;
  exception: {
    maxPercent: number | null;
    base: "all_staff" | "rated" | "good_or_above";
    /** "Should not exceed" (3814-QĐ/TU): beyond it an override still passes, with a warning. */
    isSoft: boolean;
    label: string;
  } | null;
  citation: string;
};

export const DISQUALIFIER_KINDS = [
  "discipline_in_year",
  "degradation_conclusion",
  "corruption_in_charged_unit",
] as const;
export type DisqualifierKind = (typeof DISQUALIFIER_KINDS)[number];

/** Partial-year rules of Decree 90/2020 (as amended by 48/2023). */
export type PartialYearRule = {
  /** Worked fewer months than this in the year → not graded (maternity excepted). */
  minMonthsWorked: number;
  /** A legal absence (maternity aside) of at least `fromMonths` → at most `maxGrade`. */
  cappedAbsence: { fromMonths: number; maxGrade: Grade };
  /** Maternity leave keeps the right to a grade, on the actual working time. */
  isMaternityExcepted: boolean;
};

/**
 * The annual grade's rule. `average_of_periods` (Decree 335): the mean of the year's period scores, graded by the
 * bands. `monthly_grades` (Hà Nội): the first step whose share of rated months at or above a grade is reached,
 * with no month at or below `noMonthAtOrBelow`. `decided` (Decree 90): graded by the body, with partial-year limits.
 */
export type AnnualRule =
  | { kind: "average_of_periods"; decimals: number; citation: string }
  | {
      kind: "monthly_grades";
      steps: readonly MonthlyGradeStep[];
      /** The steps are a default awaiting the city's confirmation (DOMAIN: "the rule a setting"). */
      isDefaultToConfirm: boolean;
      /** Decree 90's partial-year limits, while they are in force (before 2026). */
      partialYear: PartialYearRule | null;
      citation: string;
    }
  | { kind: "decided"; partialYear: PartialYearRule; citation: string };

export type MonthlyGradeStep = {
  grade: Grade;
  /** At least this percent of the rated months graded `atOrAbove` or better. */
  minPercentMonths: number;
  atOrAbove: Grade;
  /** No rated month graded this or worse (omit for no such limit). */
  noMonthAtOrBelow?: Grade;
};

/** Decree 335 task results from products (see task-results.ts). */
export type TaskResultRule = {
  /** Percent of a product's quality points taken off for each major error. */
  qualityPercentPerMajorError: number;
  /** Percent of a product's progress points taken off for each delay not due to an objective cause. */
  progressPercentPerDelay: number;
  /** The leader's unit-result criterion when anyone they manage is "not completed". */
  leaderUnitResultIfAnyoneNotCompleted: number;
  /** Task points = mean of the criteria (3 for staff, 6 for leaders) × this. */
  scale: number;
  /** Rounding of the task points. */
  decimals: number;
  /** True while the formula awaits confirmation against the decree's text; `source` says where it comes from. */
  isToVerify: boolean;
  source: string;
};

export type SchemeTemplate = {
  /** Stable code of the scheme; versions of one scheme share it. */
  code: string;
  validFrom: IsoDate;
  /** Vietnamese name, as shown to the unit choosing it. */
  name: string;
  track: Track;
  period: PeriodKind;
  /** Total points of the form (the criteria tree adds up to it). */
  maxScore: number;
  criteria: readonly CriterionNode[];
  /** Best first; empty for a scheme graded without points (Decree 90). */
  bands: readonly GradeBand[];
  quota: QuotaRule | null;
  disqualifiers: readonly DisqualifierKind[];
  /** Disqualifiers that apply to leaders only. */
  leaderOnlyDisqualifiers: readonly DisqualifierKind[];
  taskResults: TaskResultRule | null;
  annual: AnnualRule;
  citation: string;
};

/** A unit's (or the city's default) choice of a scheme for a staff type from a date, until `validTo` (exclusive). */
export type SchemeChoice = {
  staffType: StaffType;
  track: Track;
  schemeCode: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  citation: string;
};

export type SchemePick =
  | { ok: true; template: SchemeTemplate; choice: SchemeChoice }
  | { ok: false; reason: "no_scheme_chosen" | "choices_overlap" | "no_template_version" };

/** The version of a scheme in force on a date: the latest whose validFrom is on or before it. */
export function templateVersionOn(
  templates: readonly SchemeTemplate[],
  code: string,
  date: IsoDate,
): SchemeTemplate | undefined {
  return templates
    .filter((t) => t.code === code && t.validFrom <= date)
    .reduce<SchemeTemplate | undefined>(
      (best, t) => (!best || t.validFrom > best.validFrom ? t : best),
      undefined,
    );
}

/**
 * The scheme in force for a staff type on a date, on a track, from a list of dated choices: the choice whose
 * [validFrom, validTo) holds the date, then the version of its template in force on that date. Two choices
 * holding the same date are a configuration error, named rather than settled by order.
 */
export function schemeInForce(
  choices: readonly SchemeChoice[],
  templates: readonly SchemeTemplate[],
  staffType: StaffType,
  date: IsoDate,
  track: Track = "state",
): SchemePick {
  const holding = choices.filter(
    (c) =>
      c.staffType === staffType &&
      c.track === track &&
      c.validFrom <= date &&
      (c.validTo === null || date < c.validTo),
  );
  if (holding.length === 0) return { ok: false, reason: "no_scheme_chosen" };
  if (holding.length > 1) return { ok: false, reason: "choices_overlap" };
  const choice = holding[0] as SchemeChoice;
  const template = templateVersionOn(templates, choice.schemeCode, date);
  if (!template) return { ok: false, reason: "no_template_version" };
  return { ok: true, template, choice };
}

/** Every leaf item of a criteria tree, depth first. */
export function leavesOf(nodes: readonly CriterionNode[]): CriterionNode[] {
  return nodes.flatMap((n) => (n.children ? leavesOf(n.children) : [n]));
}

/**
 * Shape problems of a template: a group whose scored children (items and groups) do not add up to its max, a
 * tree that does not add up to the scheme's total, bands not in descending order. Empty when sound.
 */
export function templateProblems(t: SchemeTemplate): string[] {
  const problems: string[] = [];
  const walk = (n: CriterionNode) => {
    if (!n.children) return;
    const sum = n.children
      .filter((c) => c.kind === "item" || c.kind === "group" || c.kind === "bonus")
      .reduce((s, c) => s + c.maxPoints, 0);
    if (sum !== n.maxPoints) problems.push(`${n.code}: children add up to ${sum}, not ${n.maxPoints}`);
    n.children.forEach(walk);
  };
  t.criteria.forEach(walk);
  const total = t.criteria.reduce((s, n) => s + n.maxPoints, 0);
  if (t.criteria.length && total !== t.maxScore)
    problems.push(`criteria add up to ${total}, not ${t.maxScore}`);
  t.bands.forEach((b, i) => {
    const next = t.bands[i + 1];
    if (next && next.minScore >= b.minScore) problems.push(`band ${b.grade} not above ${next.grade}`);
    if (gradeRank(b.grade) !== i) problems.push(`band ${i} is ${b.grade}`);
  });
  const codes = new Set<string>();
  const collect = (n: CriterionNode) => {
    if (codes.has(n.code)) problems.push(`${n.code}: code used twice`);
    codes.add(n.code);
    n.children?.forEach(collect);
  };
  t.criteria.forEach(collect);
  return problems;
}

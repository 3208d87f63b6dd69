import type { IsoDate } from "../dates.ts";
import {
  type CompletionBand,
  type CriterionNode,
  type DisqualifierKind,
  type Grade,
  type GradeBand,
  gradeRank,
  type SchemeTemplate,
} from "./scheme.ts";

/** A misuse of a rule by its caller (a score outside the scale, a scheme without bands): a bug, not bad input. */
export class EvaluationRuleError extends Error {
  constructor(
    readonly code: "score_out_of_range" | "scheme_without_bands" | "share_out_of_range",
    message: string,
  ) {
    super(message);
    this.name = "EvaluationRuleError";
  }
}

/** Points are kept to hundredths (the bands are read at 89.99 / 90): sums are rounded there, not left to float. */
export function roundPoints(x: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round((x + Number.EPSILON) * f) / f;
}

/** One line of a filled form: the points given, the written reason, and for block II.2 the completion share. */
export type FilledItem = {
  points: number;
  reason?: string | undefined;
  completionSharePercent?: number | undefined;
};
/** A filled form: leaf criterion code → its line. */
export type FilledForm = Readonly<Record<string, FilledItem>>;

export const FORM_PROBLEMS = [
  "unknown_item",
  "missing_item",
  "not_a_number",
  "negative_points",
  "over_max",
  "reason_required",
  "outside_completion_band",
] as const;
export type FormProblemCode = (typeof FORM_PROBLEMS)[number];
export type FormProblem = { item: string; problem: FormProblemCode };

/** Vietnamese messages of the form problems, for the screen and the API's 4xx. */
export const FORM_PROBLEM_MESSAGES: Record<FormProblemCode, string> = {
  unknown_item: "Tiêu chí không có trong mẫu phiếu",
  missing_item: "Chưa chấm điểm tiêu chí này",
  not_a_number: "Điểm phải là một số",
  negative_points: "Điểm không được âm",
  over_max: "Điểm vượt quá điểm tối đa của tiêu chí",
  reason_required: "Phải nêu rõ lý do (nội dung công việc đạt điểm thưởng hoặc bị trừ điểm)",
  outside_completion_band: "Điểm không khớp với tỷ lệ hoàn thành công việc",
};

export type FormScore =
  | { ok: true; total: number; sections: { code: string; points: number }[] }
  | { ok: false; problems: FormProblem[] };

/** The band of the completion share (percent of tasks completed on time and to quality). */
export function completionBandOf(sharePercent: number, bands: readonly CompletionBand[]): CompletionBand {
  if (!(sharePercent >= 0 && sharePercent <= 100))
    throw new EvaluationRuleError("share_out_of_range", `completion share ${sharePercent}% is not 0–100`);
  const band = bands.find((b) => sharePercent >= b.minSharePercent);
  if (!band) throw new EvaluationRuleError("share_out_of_range", `no band for ${sharePercent}%`);
  return band;
}

/**
 * The points proposed for a completion share: proportional (share × the item's max / 100). For the Hà Nội
 * bands this lands inside the band every time (90% → 45, 80% → 40, 70% → 35); the reviewer may move it
 * within the band.
 */
export function proposedCompletionPoints(sharePercent: number, item: CriterionNode): number {
  const bands = item.completionBands ?? [];
  const band = completionBandOf(sharePercent, bands);
  const proposal = roundPoints((sharePercent * item.maxPoints) / 100);
  // Keep the proposal inside its band when a template's bands are not proportional.
  const top = band.isMaxInclusive ? band.maxPoints : roundPoints(band.maxPoints - 0.01);
  return Math.min(Math.max(proposal, band.minPoints), top);
}

function isWithinBand(points: number, band: CompletionBand): boolean {
  return (
    points >= band.minPoints && (band.isMaxInclusive ? points <= band.maxPoints : points < band.maxPoints)
  );
}

/**
 * Totals a filled form against its template: every item within [0, max]; a bonus or deduction that needs a
 * written reason has one; a completion item agrees with its share's band; a group is its items and bonuses
 * minus its deductions, kept within [0, its max]. Returns every problem, or the total and each top section.
 */
export function scoreForm(template: SchemeTemplate, form: FilledForm): FormScore {
  const problems: FormProblem[] = [];
  const known = new Set<string>();

  const pointsOf = (node: CriterionNode): number => {
    if (node.children) {
      let sum = 0;
      for (const child of node.children) {
        const p = pointsOf(child);
        sum += child.kind === "deduction" ? -p : p;
      }
      return Math.min(Math.max(roundPoints(sum), 0), node.maxPoints);
    }
    known.add(node.code);
    const line = form[node.code];
    if (!line) {
      if (node.kind === "item") problems.push({ item: node.code, problem: "missing_item" });
      return 0;
    }
    const p = line.points;
    if (typeof p !== "number" || !Number.isFinite(p)) {
      problems.push({ item: node.code, problem: "not_a_number" });
      return 0;
    }
    if (p < 0) problems.push({ item: node.code, problem: "negative_points" });
    else if (p > node.maxPoints) problems.push({ item: node.code, problem: "over_max" });
    if (node.needsReason && p > 0 && !line.reason?.trim())
      problems.push({ item: node.code, problem: "reason_required" });
    if (node.completionBands && line.completionSharePercent !== undefined) {
      const share = line.completionSharePercent;
      if (!(share >= 0 && share <= 100) || !isWithinBand(p, completionBandOf(share, node.completionBands)))
        problems.push({ item: node.code, problem: "outside_completion_band" });
    }
    return p;
  };

  const sections = template.criteria.map((n) => ({ code: n.code, points: pointsOf(n) }));
  for (const code of Object.keys(form))
    if (!known.has(code)) problems.push({ item: code, problem: "unknown_item" });
  if (problems.length) return { ok: false, problems };
  const total = Math.min(roundPoints(sections.reduce((s, x) => s + x.points, 0)), template.maxScore);
  return { ok: true, total, sections };
}

/** Discipline forms (DOMAIN §5), mildest first; "reprimand or above" is every form from `reprimand`. */
export const DISCIPLINE_FORMS = [
  "reprimand",
  "warning",
  "salary_step_reduction",
  "demotion",
  "removal_from_office",
  "dismissal_from_elected_office",
  "forced_resignation",
  "expulsion",
] as const;
export type DisciplineForm = (typeof DISCIPLINE_FORMS)[number];

/** The facts a disqualifier is read from, each with the document that records it. */
export type DisqualifierFacts = {
  isLeader: boolean;
  disciplines: readonly { form: DisciplineForm; decidedOn: IsoDate; documentRef: string }[];
  degradationConclusions: readonly { concludedOn: IsoDate; documentRef: string }[];
  /** Corruption or waste concluded in a unit under the leader's direct charge. */
  corruptionInChargedUnit: readonly { concludedOn: IsoDate; documentRef: string }[];
};

export type Disqualification = { kind: DisqualifierKind; documentRef: string; on: IsoDate };

export const DISQUALIFIER_LABELS: Record<DisqualifierKind, string> = {
  discipline_in_year: "Bị kỷ luật từ khiển trách trở lên trong năm",
  degradation_conclusion: "Có kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống",
  corruption_in_charged_unit: "Để xảy ra tham nhũng, lãng phí tại đơn vị do mình trực tiếp phụ trách",
};

/**
 * The disqualifiers of a scheme that apply to a person for a period ending on `periodEnd`: facts dated from
 * 1 January of that year up to the period's end ("in the year": a discipline in March disqualifies March to
 * December, not the year before). Leader-only kinds apply to leaders only.
 */
export function disqualificationsFor(
  template: SchemeTemplate,
  facts: DisqualifierFacts,
  periodEnd: IsoDate,
): Disqualification[] {
  const yearStart = `${periodEnd.slice(0, 4)}-01-01`;
  const inYear = (d: IsoDate) => d >= yearStart && d <= periodEnd;
  const applies = (k: DisqualifierKind) =>
    template.disqualifiers.includes(k) && (facts.isLeader || !template.leaderOnlyDisqualifiers.includes(k));
  const out: Disqualification[] = [];
  if (applies("discipline_in_year"))
    for (const d of facts.disciplines)
      if (inYear(d.decidedOn) && DISCIPLINE_FORMS.indexOf(d.form) >= DISCIPLINE_FORMS.indexOf("reprimand"))
        out.push({ kind: "discipline_in_year", documentRef: d.documentRef, on: d.decidedOn });
  if (applies("degradation_conclusion"))
    for (const c of facts.degradationConclusions)
      if (inYear(c.concludedOn))
        out.push({ kind: "degradation_conclusion", documentRef: c.documentRef, on: c.concludedOn });
  if (applies("corruption_in_charged_unit"))
    for (const c of facts.corruptionInChargedUnit)
      if (inYear(c.concludedOn))
        out.push({ kind: "corruption_in_charged_unit", documentRef: c.documentRef, on: c.concludedOn });
  return out;
}

/** Facts a band's conditions read (Regulation 366): shares of the period's tasks, in percent. */
export type BandFacts = {
  percentTasksExceeding?: number | undefined;
  percentTasksOnTime?: number | undefined;
};

export type GradeReason =
  | { kind: "disqualified"; disqualification: Disqualification }
  | {
      kind: "condition_unmet";
      grade: Grade;
      condition: "minPercentTasksExceeding" | "minPercentTasksOnTime";
    };

export type GradeResult = { grade: Grade; band: GradeBand; reasons: GradeReason[] };

/**
 * The grade of a score under a scheme: the first band whose minimum it reaches, dropped to the next band while
 * a condition of the band is unmet (or its fact unknown), and forced to "not completed" by any disqualification,
 * every cause named.
 */
export function gradeOf(
  score: number,
  template: SchemeTemplate,
  options: { facts?: BandFacts; disqualifications?: readonly Disqualification[] } = {},
): GradeResult {
  const bands = template.bands;
  if (!bands.length)
    throw new EvaluationRuleError("scheme_without_bands", `${template.code} grades without points`);
  if (!(Number.isFinite(score) && score >= 0 && score <= template.maxScore))
    throw new EvaluationRuleError("score_out_of_range", `score ${score} is not 0–${template.maxScore}`);
  const reasons: GradeReason[] = [];
  let i = bands.findIndex((b) => score >= b.minScore);
  if (i < 0) i = bands.length - 1;
  for (; i < bands.length - 1; i++) {
    const c = (bands[i] as GradeBand).conditions;
    const grade = (bands[i] as GradeBand).grade;
    const exceeding = options.facts?.percentTasksExceeding;
    const onTime = options.facts?.percentTasksOnTime;
    if (
      c?.minPercentTasksExceeding !== undefined &&
      !(exceeding !== undefined && exceeding >= c.minPercentTasksExceeding)
    )
      reasons.push({ kind: "condition_unmet", grade, condition: "minPercentTasksExceeding" });
    else if (
      c?.minPercentTasksOnTime !== undefined &&
      !(onTime !== undefined && onTime >= c.minPercentTasksOnTime)
    )
      reasons.push({ kind: "condition_unmet", grade, condition: "minPercentTasksOnTime" });
    else break;
  }
  const disqualifications = options.disqualifications ?? [];
  if (disqualifications.length) {
    for (const d of disqualifications) reasons.push({ kind: "disqualified", disqualification: d });
    i = bands.findIndex((b) => b.grade === "notCompleted");
  }
  const band = bands[i] as GradeBand;
  return { grade: band.grade, band, reasons };
}

/** True when `grade` is `than` or better. */
export function isAtLeast(grade: Grade, than: Grade): boolean {
  return gradeRank(grade) <= gradeRank(than);
}

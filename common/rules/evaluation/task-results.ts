import type { TaskResultRule } from "./scheme.ts";
import { EvaluationRuleError, roundPoints } from "./scoring.ts";

/**
 * Decree 335/2025 task results from the products of a job position (DOMAIN §3): (a) quantity, (b) quality,
 * (c) progress, and for leaders (d) their unit's result, (đ) capacity to organise, (e) capacity to unite.
 * Every percentage is 0–100; the points are the mean of the criteria × the rule's scale (70).
 */

/** One product line of the period's task list, as the catalogue converts it. */
export type ProductResult = {
  productCode: string;
  /** Conversion coefficient of the product in the job position's catalogue (1 = the standard product). */
  coefficient: number;
  assignedQuantity: number;
  doneQuantity: number;
  /** Major errors found in the product. */
  majorErrors: number;
  /** Delays past the deadline. */
  delays: number;
  /** Of those delays, the ones whose objective cause the authority confirmed: not counted. */
  objectiveDelays?: number;
};

export type LeaderFacts = {
  /** Anyone the leader manages graded "not completed" in the period. */
  isAnyoneManagedNotCompleted: boolean;
  /** Capacity to organise, as the reviewer scores it (percent). */
  organisePercent: number;
  /** Capacity to unite, as the reviewer scores it (percent). */
  unitePercent: number;
};

export type TaskResults = {
  quantityPercent: number;
  qualityPercent: number;
  progressPercent: number;
  /** Leaders only. */
  unitResultPercent?: number;
  organisePercent?: number;
  unitePercent?: number;
  /** Mean of the criteria used (3 for staff, 6 for leaders). */
  meanPercent: number;
  /** The task-results points (0 to the scale). */
  points: number;
  /** The formula awaits confirmation (the rule's note says from where). */
  isToVerify: boolean;
  source: string;
};

/** A product line's weight in converted products: quantity × its conversion coefficient. */
export function productWeight(quantity: number, coefficient: number): number {
  return quantity * coefficient;
}

/** What is left of a share after `count` cuts of `percentEach` percent of it, never below 0. */
function afterCuts(count: number, percentEach: number): number {
  return Math.max(0, 100 - count * percentEach);
}

function percentOf(value: number, label: string): number {
  if (!(Number.isFinite(value) && value >= 0 && value <= 100))
    throw new EvaluationRuleError("share_out_of_range", `${label} ${value}% is not 0–100`);
  return value;
}

/**
 * The task results of a period. Quantity: converted products done ÷ assigned (capped at 100%). Quality and
 * progress: each product line's points are its share of the converted products done; each major error takes
 * 25% of that line's quality points, each delay (objective causes excepted) 25% of its progress points, a line
 * never below 0. A period with nothing done has no quality or progress to credit (0%).
 */
export function taskResultsOf(
  rule: TaskResultRule,
  products: readonly ProductResult[],
  leader?: LeaderFacts,
): TaskResults {
  for (const p of products)
    if (
      ![
        p.coefficient,
        p.assignedQuantity,
        p.doneQuantity,
        p.majorErrors,
        p.delays,
        p.objectiveDelays ?? 0,
      ].every((n) => Number.isFinite(n) && n >= 0)
    )
      throw new EvaluationRuleError(
        "share_out_of_range",
        `product ${p.productCode}: negative or non-numeric figure`,
      );
  const assigned = products.reduce((s, p) => s + productWeight(p.assignedQuantity, p.coefficient), 0);
  const done = products.reduce((s, p) => s + productWeight(p.doneQuantity, p.coefficient), 0);
  const quantityPercent = assigned > 0 ? Math.min(100, (done / assigned) * 100) : 0;
  const weighted = (cut: (p: ProductResult) => number) =>
    done > 0
      ? products.reduce((s, p) => s + productWeight(p.doneQuantity, p.coefficient) * cut(p), 0) / done
      : 0;
  const qualityPercent = weighted((p) => afterCuts(p.majorErrors, rule.qualityPercentPerMajorError));
  const progressPercent = weighted((p) =>
    afterCuts(Math.max(0, p.delays - (p.objectiveDelays ?? 0)), rule.progressPercentPerDelay),
  );
  const criteria = [quantityPercent, qualityPercent, progressPercent];
  let leaderPart: Pick<TaskResults, "unitResultPercent" | "organisePercent" | "unitePercent"> = {};
  if (leader) {
    const unitResultPercent = leader.isAnyoneManagedNotCompleted
      ? rule.leaderUnitResultIfAnyoneNotCompleted
      : 100;
    const organisePercent = percentOf(leader.organisePercent, "organise");
    const unitePercent = percentOf(leader.unitePercent, "unite");
    criteria.push(unitResultPercent, organisePercent, unitePercent);
    leaderPart = { unitResultPercent, organisePercent, unitePercent };
  }
  const meanPercent = criteria.reduce((s, x) => s + x, 0) / criteria.length;
  return {
    quantityPercent: roundPoints(quantityPercent),
    qualityPercent: roundPoints(qualityPercent),
    progressPercent: roundPoints(progressPercent),
    ...leaderPart,
    meanPercent: roundPoints(meanPercent),
    points: roundPoints((meanPercent * rule.scale) / 100, rule.decimals),
    isToVerify: rule.isToVerify,
    source: rule.source,
  };
}

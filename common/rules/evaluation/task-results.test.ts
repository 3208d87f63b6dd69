import { describe, expect, it } from "vitest";
import { gradeOf, scoreForm } from "./scoring.ts";
import { type ProductResult, productWeight, taskResultsOf } from "./task-results.ts";
import { DECREE_335_MONTHLY } from "./templates.ts";

const RULE = DECREE_335_MONTHLY.taskResults!;

const product = (over: Partial<ProductResult> & { productCode: string }): ProductResult => ({
  coefficient: 1,
  assignedQuantity: 1,
  doneQuantity: 1,
  majorErrors: 0,
  delays: 0,
  ...over,
});

describe("Decree 335 task results from products", () => {
  it("weighs a product by quantity × its conversion coefficient", () => {
    expect(productWeight(3, 1.5)).toBe(4.5);
    expect(productWeight(0, 2)).toBe(0);
  });

  it("scores quantity, quality (−25% per major error) and progress (−25% per delay, objective causes excepted)", () => {
    // A report counts as 2 standard products, a letter as 1: 10 + 10 assigned, 10 + 8 done → 90%.
    // The reports carry one major error: their quality is 75%; the letters were late twice, once for an
    // objective cause the authority confirmed: their progress is 75%. Each weighed by what was done (10 and 8).
    const r = taskResultsOf(RULE, [
      product({
        productCode: "report",
        coefficient: 2,
        assignedQuantity: 5,
        doneQuantity: 5,
        majorErrors: 1,
      }),
      product({
        productCode: "letter",
        assignedQuantity: 10,
        doneQuantity: 8,
        delays: 2,
        objectiveDelays: 1,
      }),
    ]);
    expect(r).toMatchObject({
      quantityPercent: 90,
      qualityPercent: 86.11, // (10 × 75 + 8 × 100) / 18
      progressPercent: 88.89, // (10 × 100 + 8 × 75) / 18
      meanPercent: 88.33,
      points: 61.83, // 265 / 3 × 70 / 100
      isToVerify: true,
    });
    expect(r.source).toMatch(/cần đối chiếu/);
    expect(r.unitResultPercent).toBeUndefined();
  });

  it.each([
    [0, 100],
    [1, 75],
    [2, 50],
    [3, 25],
    [4, 0],
    [5, 0],
  ])(
    "a product with %d major errors keeps %d%% of its quality points, never less than 0",
    (errors, quality) => {
      const r = taskResultsOf(RULE, [product({ productCode: "p", majorErrors: errors })]);
      expect(r.qualityPercent).toBe(quality);
    },
  );

  it.each([
    [1, 0, 75],
    [3, 0, 25],
    [6, 0, 0],
    [2, 2, 100],
    [3, 1, 50],
  ])("%d delays of which %d objective leave %d%% of the progress points", (delays, objective, progress) => {
    const r = taskResultsOf(RULE, [product({ productCode: "p", delays, objectiveDelays: objective })]);
    expect(r.progressPercent).toBe(progress);
  });

  it("caps quantity at 100% when more was done than assigned, and gives nothing for nothing done", () => {
    expect(taskResultsOf(RULE, [product({ productCode: "p", doneQuantity: 3 })]).quantityPercent).toBe(100);
    const idle = taskResultsOf(RULE, [product({ productCode: "p", doneQuantity: 0 })]);
    expect([idle.quantityPercent, idle.qualityPercent, idle.progressPercent, idle.points]).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it("refuses a negative figure", () => {
    expect(() => taskResultsOf(RULE, [product({ productCode: "p", majorErrors: -1 })])).toThrow(/negative/);
  });

  it.each([
    [false, 100, 66.5], // (100 + 100 + 100 + 100 + 80 + 90) / 6 × 0.7
    [true, 50, 60.67], // (100 + 100 + 100 + 50 + 80 + 90) / 6 × 0.7
  ])(
    "a leader with anyone managed 'not completed' = %s: unit result %d%%, %d points",
    (anyKht, unit, points) => {
      const r = taskResultsOf(RULE, [product({ productCode: "p" })], {
        isAnyoneManagedNotCompleted: anyKht,
        organisePercent: 80,
        unitePercent: 90,
      });
      expect(r.unitResultPercent).toBe(unit);
      expect(r.points).toBe(points);
    },
  );

  it("refuses a leader's capacity scored off the 0–100 scale", () => {
    expect(() =>
      taskResultsOf(RULE, [product({ productCode: "p" })], {
        isAnyoneManagedNotCompleted: false,
        organisePercent: 101,
        unitePercent: 90,
      }),
    ).toThrow(/organise/);
  });

  it("fills the form's task block: 27 general + 61.83 = 88.83, good (HTT)", () => {
    const tasks = taskResultsOf(RULE, [
      product({
        productCode: "report",
        coefficient: 2,
        assignedQuantity: 5,
        doneQuantity: 5,
        majorErrors: 1,
      }),
      product({
        productCode: "letter",
        assignedQuantity: 10,
        doneQuantity: 8,
        delays: 2,
        objectiveDelays: 1,
      }),
    ]);
    const r = scoreForm(DECREE_335_MONTHLY, { I: { points: 27 }, II: { points: tasks.points } });
    expect(r.ok && r.total).toBe(88.83);
    expect(gradeOf(88.83, DECREE_335_MONTHLY).band.shortLabel).toBe("HTT");
  });
});

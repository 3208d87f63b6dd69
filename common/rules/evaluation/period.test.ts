import { describe, expect, it } from "vitest";
import { defaultDeadlines, periodStarting } from "./period.ts";

describe("evaluation periods", () => {
  it("runs a month from its first day to the next month's first day, the last day inclusive", () => {
    expect(periodStarting("month", "2026-12-01")).toEqual({
      kind: "month",
      from: "2026-12-01",
      to: "2027-01-01",
      lastDay: "2026-12-31",
    });
    expect(periodStarting("month", "2026-02-01")?.lastDay).toBe("2026-02-28");
  });

  it("runs a quarter from January, April, July or October only", () => {
    expect(periodStarting("quarter", "2026-10-01")?.to).toBe("2027-01-01");
    expect(periodStarting("quarter", "2026-05-01")).toBeUndefined();
    expect(periodStarting("month", "2026-05-02")).toBeUndefined();
  });

  it("sets the self-assessment by the 3rd working day of the next month and the decision by the 10th", () => {
    // 1/6/2026 is a Monday: Mon, Tue, Wed.
    expect(defaultDeadlines("2026-06-01")).toEqual({
      selfAssessmentDue: "2026-06-03",
      approvalDue: "2026-06-10",
    });
    // 1/8/2026 is a Saturday: Mon 3, Tue 4, Wed 5.
    expect(defaultDeadlines("2026-08-01").selfAssessmentDue).toBe("2026-08-05");
  });
});

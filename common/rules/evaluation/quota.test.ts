import { describe, expect, it } from "vitest";
import { checkQuota, QUOTA_MESSAGES, quotaAllowed } from "./quota.ts";
import { DECREE_90_ANNUAL, DECREE_335_MONTHLY, HANOI_3814_MONTHLY_2022 } from "./templates.ts";

const HANOI = HANOI_3814_MONTHLY_2022.quota!;
const LAW = DECREE_335_MONTHLY.quota!;

describe("rounding of a share of people (floor: the share may not be passed)", () => {
  it.each([
    [30, 1, 0],
    [30, 3, 0],
    [30, 4, 1],
    [30, 10, 3],
    [30, 11, 3],
    [30, 20, 6],
    [20, 5, 1],
    [20, 9, 1],
    [40, 10, 4],
  ])("%d%% of %d people is %d", (percent, people, allowed) => {
    expect(quotaAllowed(percent, people, "floor")).toBe(allowed);
  });

  it("can be read otherwise as data", () => {
    expect([
      quotaAllowed(30, 11, "round"),
      quotaAllowed(30, 11, "ceil"),
      quotaAllowed(30, 3, "round"),
    ]).toEqual([3, 4, 1]);
  });
});

describe("Hà Nội: A ≤ 30% of those rated in the unit-month; up to 40% of all staff as an exception", () => {
  it.each([
    // others' grades, all staff, → decision, allowed, used, base
    [{ good: 9 }, 10, "within_quota", 3, 0, 10],
    [{ excellent: 2, good: 7 }, 10, "within_quota", 3, 2, 10],
    [{ excellent: 3, good: 6 }, 10, "refused", 3, 3, 10],
    [{ good: 2 }, 3, "refused", 0, 0, 3],
    [{}, 1, "refused", 0, 0, 1],
    [{ excellent: 3, good: 7 }, 11, "refused", 3, 3, 11],
  ] as const)(
    "others %o of %d staff: one more A is %s (%d allowed, %d used of %d)",
    (others, allStaff, decision, allowed, used, base) => {
      const v = checkQuota(HANOI, { others, allStaff });
      expect(v).toMatchObject({ decision, allowed, used, base, warnings: [] });
      if (decision === "refused") {
        expect(v.refusal).toBe("over_quota");
        expect(QUOTA_MESSAGES[v.refusal!]).toMatch(/^Vượt tỷ lệ tối đa/);
      }
    },
  );

  it("lets an A over 30% through with an override and its reason, within 40% of all staff", () => {
    const q = { others: { excellent: 3, good: 6 }, allStaff: 10 };
    expect(checkQuota(HANOI, { ...q, override: { reason: "  " } })).toMatchObject({
      decision: "refused",
      refusal: "override_without_reason",
    });
    expect(
      checkQuota(HANOI, { ...q, override: { reason: "Đơn vị dẫn đầu phong trào thi đua của quận" } }),
    ).toMatchObject({
      decision: "granted_by_override",
      allowed: 3,
      used: 3,
      exception: { allowed: 4, used: 3, base: 10 },
      warnings: [],
    });
  });

  it("counts the exception on all staff, rated or not, and warns past it (a soft cap)", () => {
    // 8 rated of 12 on staff: 30% of 8 = 2; 40% of 12 = 4
    const q = {
      others: { excellent: 4, good: 3 },
      allStaff: 12,
      override: { reason: "Thành tích đặc biệt" },
    };
    expect(checkQuota(HANOI, q)).toMatchObject({
      decision: "granted_by_override",
      allowed: 2,
      base: 8,
      exception: { allowed: 4, used: 4, base: 12 },
      warnings: ["over_soft_cap"],
    });
  });
});

describe("Decree 335: HTXS ≤ 20% of those graded HTT in the unit and group of similar duties", () => {
  it.each([
    // HTXS are chosen among those who reached HTT: the base counts HTXS with HTT, the candidate included
    [{ good: 4 }, "within_quota", 1, 0, 5],
    [{ excellent: 1, good: 3 }, "refused", 1, 1, 5],
    [{ excellent: 1, good: 8 }, "within_quota", 2, 1, 10],
    [{ excellent: 1, good: 8, completed: 20 }, "within_quota", 2, 1, 10],
    [{ good: 3, completed: 10, notCompleted: 1 }, "refused", 0, 0, 4],
  ] as const)(
    "others %o: one more HTXS is %s (%d allowed, %d used of %d)",
    (others, decision, allowed, used, base) => {
      expect(checkQuota(LAW, { others })).toMatchObject({ decision, allowed, used, base });
    },
  );

  it("lets an outstanding organisation exceed with an override, warning that the figure is not confirmed", () => {
    const v = checkQuota(LAW, {
      others: { excellent: 1, good: 3 },
      override: { reason: "Cơ quan được đánh giá xuất sắc" },
    });
    expect(v).toMatchObject({
      decision: "granted_by_override",
      exception: { allowed: null },
      warnings: ["exception_figure_unconfirmed"],
    });
  });

  it("refuses every excess where the scheme has no exception (Decree 90)", () => {
    const q = DECREE_90_ANNUAL.quota!;
    expect(checkQuota(q, { others: { excellent: 1, good: 3 }, override: { reason: "x" } })).toMatchObject({
      decision: "refused",
      refusal: "no_exception_in_scheme",
    });
  });
});

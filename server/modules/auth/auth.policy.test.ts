import { describe, expect, it } from "vitest";
import { backoffSeconds, THROTTLE } from "./auth.policy.ts";

describe("the back-off", () => {
  it("waits nothing for the free checks, then doubles from 30 seconds up to the maximum", () => {
    const waits = Array.from({ length: 13 }, (_, n) => backoffSeconds(n, THROTTLE.pair));
    expect(waits).toEqual([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(backoffSeconds(10_000, THROTTLE.user)).toBe(THROTTLE.user.maxWaitSeconds);
  });
});

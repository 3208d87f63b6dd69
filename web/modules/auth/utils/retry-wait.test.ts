import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../app/api-client.ts";
import { throttledMessage } from "./retry-wait.ts";

const t = ((key: string, values: Record<string, number>) =>
  `${key} ${JSON.stringify(values)}`) as unknown as TFunction;
const limited = (details?: unknown) => new ApiError(429, "RATE_LIMITED", "x", details);

describe("the wait after too many wrong passwords", () => {
  it.each([
    [{ retryAfterSeconds: 30 }, 'login.throttledSeconds {"seconds":30}'],
    [{ retryAfterSeconds: 1 }, 'login.throttledSeconds {"seconds":1}'],
    [{ retryAfterSeconds: 120 }, 'login.throttledMinutes {"minutes":2}'],
    [{ retryAfterSeconds: 899 }, 'login.throttledMinutes {"minutes":15}'],
    [undefined, 'login.throttledMinutes {"minutes":15}'],
    [{ retryAfterSeconds: "soon" }, 'login.throttledMinutes {"minutes":15}'],
  ])("%j reads %s", (details, text) => {
    expect(throttledMessage(limited(details), t)).toBe(text);
  });
});

import { todayIn } from "../../common/rules/dates.ts";

/** The source of "now" and "today" (Asia/Ho_Chi_Minh), replaceable in tests. */
export type Clock = { now(): Date; today(): string };

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayIn(new Date()),
};

/** A clock stopped at the given instant (tests). */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at), today: () => todayIn(at) };
}

import { NewPasswordSchema } from "../../../common/contracts/auth.ts";

/**
 * How long a key waits after failed password checks: the first `free` checks go through at once, then
 * each further check waits firstWaitSeconds, doubling with every failure, at most maxWaitSeconds.
 */
export type BackoffRule = { free: number; firstWaitSeconds: number; maxWaitSeconds: number };

/**
 * Back-off of password checks (logins and password changes); a check counts as a failure until the
 * password turns out right. There is no lock: every key is only slowed down, and for a bounded time.
 * - `pair`: one user name from one address — what one guesser at one address gets.
 * - `address`: one address across user names — one address trying a common password on many users.
 * - `user`: one user name from every address — guessers spread over many addresses.
 * An address from which the user signed in during the last `knownAddressDays` is held back by its
 * own `pair` counter only, so guessing from elsewhere does not keep the user out of their usual place;
 * from a new address the user waits at most the `user` rule's maximum. A success clears the pair's
 * counter; a key without failures for `forgetAfterHours` starts again from zero.
 */
export const THROTTLE = {
  pair: { free: 5, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60 },
  address: { free: 30, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60 },
  user: { free: 10, firstWaitSeconds: 30, maxWaitSeconds: 5 * 60 },
  knownAddressDays: 30,
  forgetAfterHours: 24,
} as const satisfies Record<string, BackoffRule | number>;

/** The wait after `failures` counted checks (the same formula as the SQL of auth.throttle.ts). */
export function backoffSeconds(failures: number, rule: BackoffRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxWaitSeconds, rule.firstWaitSeconds * 2 ** Math.min(failures - rule.free, 30));
}

/** A password a user may choose: long enough, letters and digits, not the user name, not the old one. */
export function isAcceptablePassword(password: string, username: string, previous?: string): boolean {
  if (!NewPasswordSchema.safeParse(password).success) return false;
  if (!/[A-Za-zÀ-ỹ]/.test(password) || !/\d/.test(password)) return false;
  if (password.toLowerCase().includes(username.toLowerCase())) return false;
  return password !== previous;
}

import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import { type BackoffRule, backoffSeconds, THROTTLE } from "./auth.policy.ts";
import { loginAttempts, loginThrottle } from "./schema.ts";

type Deps = { db: Db; clock: Clock };

/** A reserved password check: counted as a failure unless the password turns out right. */
export type ReservedCheck = {
  /** The password was right: the pair's counter starts again, the shared counters get this check back. */
  succeeded(): Promise<void>;
};

/**
 * Back-off of password checks (logins and password changes), per user name + address, per address and
 * per user name (the policy is in auth.policy.ts). A check is reserved before the password is
 * verified, by one INSERT … ON CONFLICT DO UPDATE per key: PostgreSQL takes the key's row lock and
 * re-evaluates the condition on the newest row, and PGlite runs one statement at a time, so parallel
 * guesses cannot all read "under the limit" and then all verify.
 */
export function createLoginThrottle({ db, clock }: Deps) {
  let lastSweep = 0;

  async function reserve(username: string, ip: string | undefined): Promise<ReservedCheck> {
    const now = clock.now();
    await sweep(now);
    const address = ip ?? "unknown";
    const pair = { key: `pair:${username}|${address}`, rule: THROTTLE.pair };
    const shared = (await isKnownAddress(username, address, now))
      ? []
      : [
          { key: `addr:${address}`, rule: THROTTLE.address },
          { key: `user:${username}`, rule: THROTTLE.user },
        ];
    const held: string[] = [];
    for (const { key, rule } of [pair, ...shared]) {
      if (await take(key, rule, now)) {
        held.push(key);
        continue;
      }
      // Refused: the checks this request already took are given back, since no password is verified.
      for (const k of held) await giveBack(k);
      throw new AppError(CoreErrors.RATE_LIMITED, {
        details: { retryAfterSeconds: await waitOf(key, rule, now) },
      });
    }
    return {
      async succeeded() {
        await db.delete(loginThrottle).where(eq(loginThrottle.key, pair.key));
        for (const { key } of shared) await giveBack(key);
      },
    };
  }

  /** One statement: counts a check against the key if its wait is over, and says whether it did. */
  async function take(key: string, rule: BackoffRule, now: Date): Promise<boolean> {
    const forgetBefore = new Date(now.getTime() - THROTTLE.forgetAfterHours * 3_600_000);
    const { rows } = await db.execute<{ failures: number }>(sql`
      INSERT INTO login_throttle AS t (key, failures, last_at)
      VALUES (${key}, 1, ${now.toISOString()}::timestamptz)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN t.last_at < ${forgetBefore.toISOString()}::timestamptz THEN 1
                        ELSE t.failures + 1 END,
        last_at = excluded.last_at
      WHERE t.last_at < ${forgetBefore.toISOString()}::timestamptz
         OR t.failures < ${rule.free}::int
         OR t.last_at + make_interval(secs => least(
              ${rule.maxWaitSeconds}::float8,
              ${rule.firstWaitSeconds}::float8 * power(2, least(t.failures - ${rule.free}::int, 30))
            )) <= ${now.toISOString()}::timestamptz
      RETURNING failures`);
    return rows.length === 1;
  }

  async function giveBack(key: string) {
    await db
      .update(loginThrottle)
      .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
      .where(eq(loginThrottle.key, key));
  }

  /** Seconds until the key takes a check again (at least 1: the refusal was just made). */
  async function waitOf(key: string, rule: BackoffRule, now: Date): Promise<number> {
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
    if (!row) return 1;
    const until = row.lastAt.getTime() + backoffSeconds(row.failures, rule) * 1000;
    return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  }

  /** An address this user signed in from lately: only the pair's own counter holds it back. */
  async function isKnownAddress(username: string, address: string, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - THROTTLE.knownAddressDays * 86_400_000);
    const [row] = await db
      .select({ id: loginAttempts.id })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.username, username),
          eq(loginAttempts.ip, address),
          eq(loginAttempts.succeeded, true),
          gt(loginAttempts.at, since),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  /** Forgotten counters are deleted now and then, so that a flood of names does not stay. */
  async function sweep(now: Date) {
    if (now.getTime() - lastSweep < 3_600_000) return;
    lastSweep = now.getTime();
    const forgetBefore = new Date(now.getTime() - THROTTLE.forgetAfterHours * 3_600_000);
    await db.delete(loginThrottle).where(lt(loginThrottle.lastAt, forgetBefore));
  }

  return { reserve };
}

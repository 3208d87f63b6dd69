import fs from "node:fs";
import { NewPasswordSchema } from "../../../common/contracts/auth.ts";
import { ADMIN_ONLY_PERMISSIONS } from "../../../common/contracts/users.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import { AuthErrors } from "./auth.errors.ts";

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

/** What a user who must change the password may still call: who am I, log out, change it. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  "GET /api/auth/me",
  "POST /api/auth/logout",
  "POST /api/auth/password",
  "POST /api/auth/login",
  "GET /api/health",
]);

/** Whether a session whose password must be changed may make this request. */
export function isAllowedBeforePasswordChange(method: string, url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${method} ${path}`) || path.startsWith("/api/docs");
}

/** Lower case, without Vietnamese accents, letters and digits only: how passwords are compared. */
function comparable(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/giu, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  fs
    .readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map(comparable)
    .filter(Boolean),
);

const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  $: "s",
  "5": "s",
  "0": "o",
  "1": "i",
  "3": "e",
  "!": "i",
};

/**
 * A password from the list of common passwords (common-passwords.txt), in any case, with or without
 * Vietnamese accents, also with digits or symbols added before or after it ("Matkhau2026",
 * "123456a@2024") and with the usual letter-for-symbol swaps ("P@ssw0rd!").
 */
export function isCommonPassword(password: string): boolean {
  const text = password.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const stripped = text.replace(/[^\p{L}]+$/u, "");
  const stems = [text, stripped, text.replace(/^[^\p{L}]+/u, ""), stripped.replace(/^[^\p{L}]+/u, "")];
  return stems.some((stem) => {
    const plain = comparable(stem);
    const unswapped = comparable([...stem].map((c) => LEET[c] ?? c).join(""));
    return (plain && COMMON_PASSWORDS.has(plain)) || (unswapped && COMMON_PASSWORDS.has(unswapped));
  });
}

/**
 * The password rule, the same for the API, the command line and the first administrator: at least
 * PASSWORD_MIN characters with letters and digits, not containing the user name, not the old
 * password, and not a common password (isCommonPassword). Answers the error code of the first broken
 * part, or undefined when the password is acceptable.
 */
export function passwordProblem(
  password: string,
  username: string,
  previous?: string,
): "AUTH_WEAK_PASSWORD" | "AUTH_COMMON_PASSWORD" | undefined {
  if (!NewPasswordSchema.safeParse(password).success) return "AUTH_WEAK_PASSWORD";
  if (!/[A-Za-zÀ-ỹ]/.test(password) || !/\d/.test(password)) return "AUTH_WEAK_PASSWORD";
  const name = comparable(username);
  if (password.toLowerCase().includes(username.toLowerCase())) return "AUTH_WEAK_PASSWORD";
  if (name.length >= 3 && comparable(password).includes(name)) return "AUTH_WEAK_PASSWORD";
  if (password === previous) return "AUTH_WEAK_PASSWORD";
  if (isCommonPassword(password)) return "AUTH_COMMON_PASSWORD";
  return undefined;
}

/**
 * Accounts are managed by the admin role itself: users.manage, and the role that grants it, so that a
 * permission granted to one user beyond their roles can never open account management.
 */
export function authorizeUserManagement(actor: Actor): void {
  authorize(actor, "users.manage");
  if (!actor.roles.includes("admin"))
    throw new AppError(CoreErrors.FORBIDDEN, { details: { permission: "users.manage" } });
}

/** Refuses extra permissions that only the admin role may hold. */
export function assertGrantable(extraPermissions: readonly string[]): void {
  if (extraPermissions.some((p) => (ADMIN_ONLY_PERMISSIONS as readonly string[]).includes(p)))
    throw new AppError(AuthErrors.AUTH_PERMISSION_NOT_GRANTABLE);
}

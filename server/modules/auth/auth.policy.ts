import { NewPasswordSchema } from "../../../common/contracts/auth.ts";

/** Login throttling: failures counted over a window, per user name and per address. */
export const THROTTLE = { windowMinutes: 15, maxFailuresPerUser: 5, maxFailuresPerIp: 30 } as const;

/** A password a user may choose: long enough, letters and digits, not the user name, not the old one. */
export function isAcceptablePassword(password: string, username: string, previous?: string): boolean {
  if (!NewPasswordSchema.safeParse(password).success) return false;
  if (!/[A-Za-zÀ-ỹ]/.test(password) || !/\d/.test(password)) return false;
  if (password.toLowerCase().includes(username.toLowerCase())) return false;
  return password !== previous;
}

import type { TFunction } from "i18next";
import type { ApiError } from "../../../app/api-client.ts";

/** How long the server asks to wait (details.retryAfterSeconds); 15 minutes when it does not say. */
export function retryAfterSeconds(error: ApiError): number {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.ceil(seconds) : 15 * 60;
}

/** The sentence telling a user how long to wait after too many wrong passwords. */
export function throttledMessage(error: ApiError, t: TFunction): string {
  const seconds = retryAfterSeconds(error);
  return seconds < 90
    ? t("login.throttledSeconds", { seconds })
    : t("login.throttledMinutes", { minutes: Math.ceil(seconds / 60) });
}

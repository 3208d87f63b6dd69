import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { todayIn } from "../../../common/rules/dates.ts";
import { TEST_NOW } from "../../test/harness.ts";

/** A clock the tests move forward (back-off waits, session expiry). */
export function movableClock(start = TEST_NOW) {
  return {
    at: new Date(start),
    now() {
      return new Date(this.at);
    },
    today() {
      return todayIn(this.at);
    },
    advanceSeconds(seconds: number) {
      this.at = new Date(this.at.getTime() + seconds * 1000);
    },
    advanceMinutes(minutes: number) {
      this.advanceSeconds(minutes * 60);
    },
  };
}

type Injector = { inject(options: InjectOptions): Promise<LightMyRequestResponse> };

/** POST /api/auth/login from the given client address. */
export function loginFrom(app: Injector, username: string, password: string, remoteAddress = "10.9.9.9") {
  return app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    remoteAddress,
  });
}

/** Headers of a signed-in session (cookie + CSRF token), from a successful login response. */
export function sessionOf(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { cookie, "x-csrf-token": res.json().csrfToken as string };
}

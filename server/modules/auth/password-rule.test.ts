import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { PASSWORD_MIN } from "../../../common/contracts/auth.ts";
import { PASSWORD_RULE } from "../../../common/contracts/users.ts";
import { en } from "../../../web/app/i18n/en.ts";
import { vi } from "../../../web/app/i18n/vi.ts";
import { loadConfig } from "../../config.ts";
import { messageOf } from "../../lib/errors.ts";
import { AuthErrors } from "./auth.errors.ts";
import { passwordProblem } from "./auth.policy.ts";

const read = (path: string) => fs.readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const oneLine = (text: string) => text.replace(/\s+/g, " ");

/** The password rule is said once (PASSWORD_RULE, PASSWORD_MIN) and repeated the same everywhere. */
describe("the password rule, said the same everywhere", () => {
  it("is the README's rule, and the README names no other length", () => {
    const readme = oneLine(read("README.md"));
    expect(readme).toContain(PASSWORD_RULE.en);
    const lengths = [...readme.matchAll(/(?:≥|at least)\s*(\d+)\s*(?:characters|chars)/gi)].map((m) =>
      Number(m[1]),
    );
    expect(lengths.length).toBeGreaterThan(0);
    expect(new Set(lengths)).toEqual(new Set([PASSWORD_MIN]));
  });

  it("is the command line's help and the weak-password message", () => {
    expect(oneLine(read("cli/canbo.ts"))).toContain("PASSWORD_RULE.vi");
    expect(messageOf(AuthErrors.AUTH_WEAK_PASSWORD, "vi")).toContain(PASSWORD_RULE.vi);
    expect(messageOf(AuthErrors.AUTH_WEAK_PASSWORD, "en")).toContain(PASSWORD_RULE.en);
  });

  it("is the screens' hint", () => {
    expect(vi.password.hint).toContain("{{rule}}");
    expect(en.password.hint).toContain("{{rule}}");
    expect(JSON.stringify([vi.password, en.password])).not.toMatch(/\b(1[1-9]|[2-9]\d)\b/);
  });

  it("takes for CANBO_ADMIN_PASSWORD the length every other password takes", () => {
    const shortest = "Bq7-xanh-w".slice(0, PASSWORD_MIN);
    expect(shortest).toHaveLength(PASSWORD_MIN);
    expect(passwordProblem(shortest, "admin")).toBeUndefined();
    expect(loadConfig({ CANBO_ADMIN_PASSWORD: shortest }).adminPassword).toBe(shortest);
    expect(() => loadConfig({ CANBO_ADMIN_PASSWORD: shortest.slice(0, -1) })).toThrow(PASSWORD_RULE.vi);
  });
});

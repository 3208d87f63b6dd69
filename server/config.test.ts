import { describe, expect, it } from "vitest";
import { loadConfig, trustedProxies } from "./config.ts";

describe("CANBO_TRUST_PROXY", () => {
  it.each([
    [undefined, false],
    ["0", false],
    ["false", false],
    // Never Fastify's `true`, which believes the left-most X-Forwarded-For entry (the client's own).
    ["1", ["loopback"]],
    ["true", ["loopback"]],
    ["10.0.0.5", ["10.0.0.5"]],
    ["10.0.0.5, 10.1.0.0/16 ,fd00::/8", ["10.0.0.5", "10.1.0.0/16", "fd00::/8"]],
    ["uniquelocal", ["uniquelocal"]],
  ] as const)("%s trusts %j", (value, trusted) => {
    expect(loadConfig(value === undefined ? {} : { CANBO_TRUST_PROXY: value }).trustProxy).toEqual(trusted);
  });

  it.each(["2", "yes", "10.0.0.300", "10.0.0.0/33", "10.0.0.1,", "example.org", "*"])(
    "refuses %s with a message naming the variable",
    (value) => {
      expect(trustedProxies(value)).toBeUndefined();
      expect(() => loadConfig({ CANBO_TRUST_PROXY: value })).toThrow(/CANBO_TRUST_PROXY/);
    },
  );
});

describe("CANBO_ADMIN_PASSWORD", () => {
  it("follows the password rule, so that a common one stops the start with a clear message", () => {
    expect(() => loadConfig({ CANBO_ADMIN_PASSWORD: "Matkhau@2026" })).toThrow(/CANBO_ADMIN_PASSWORD/);
    expect(loadConfig({ CANBO_ADMIN_PASSWORD: "Cau-hinh-san-2026" }).adminPassword).toBe("Cau-hinh-san-2026");
  });
});

import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("CANBO_ADMIN_PASSWORD", () => {
  it("follows the password rule, so that a common one stops the start with a clear message", () => {
    expect(() => loadConfig({ CANBO_ADMIN_PASSWORD: "Matkhau@2026" })).toThrow(/CANBO_ADMIN_PASSWORD/);
    expect(loadConfig({ CANBO_ADMIN_PASSWORD: "Cau-hinh-san-2026" }).adminPassword).toBe("Cau-hinh-san-2026");
  });
});

import { defineConfig } from "vitest/config";

// Browser journeys: Debian's chromium driven by playwright-core against a real `canbo start`.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    env: { TZ: "UTC" },
  },
});

import { defineConfig } from "vitest/config";

// Vitest gets its own config: the Vite config's root is web/.
export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "common/**/*.test.ts", "cli/**/*.test.ts", "web/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { TZ: "UTC" },
  },
});

import path from "node:path";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  CANBO_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL phải bắt đầu bằng postgres:// (must start with postgres://)")
    .optional(),
  /** The schema owner's login when DATABASE_URL is a login without ownership (docs/audit.md). */
  CANBO_MIGRATION_DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      "CANBO_MIGRATION_DATABASE_URL phải bắt đầu bằng postgres:// (must start with postgres://)",
    )
    .optional(),
  CANBO_ADMIN_PASSWORD: z.string().min(12, "CANBO_ADMIN_PASSWORD cần ít nhất 12 ký tự").optional(),
  CANBO_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  CANBO_SESSION_HOURS: z.coerce.number().positive().default(12),
  /** Behind a reverse proxy: trust X-Forwarded-For for client addresses (login throttling, audit). */
  CANBO_TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Set behind HTTPS so that cookies carry the Secure flag. */
  CANBO_SECURE_COOKIES: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  migrationDatabaseUrl: string | undefined;
  adminPassword: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  sessionHours: number;
  secureCookies: boolean;
  trustProxy: boolean;
};

/**
 * Reads the configuration from the environment (documented in README.md); CLI flags override it.
 * Throws a readable message naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CANBO_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.CANBO_MIGRATION_DATABASE_URL,
    adminPassword: e.CANBO_ADMIN_PASSWORD,
    logLevel: e.CANBO_LOG_LEVEL,
    sessionHours: e.CANBO_SESSION_HOURS,
    secureCookies: e.CANBO_SECURE_COOKIES,
    trustProxy: e.CANBO_TRUST_PROXY,
  };
  const merged = {
    ...config,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  if (merged.dataDir) merged.dataDir = path.resolve(merged.dataDir);
  return merged;
}

import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { PASSWORD_RULE } from "../common/contracts/users.ts";
import { passwordProblem } from "./modules/auth/auth.policy.ts";

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
  // The one password rule of every account (passwordProblem), with user name "admin".
  CANBO_ADMIN_PASSWORD: z
    .string()
    .refine(
      (v) => passwordProblem(v, "admin") === undefined,
      `CANBO_ADMIN_PASSWORD cần ${PASSWORD_RULE.vi} (tên đăng nhập: admin) — needs ${PASSWORD_RULE.en}`,
    )
    .optional(),
  CANBO_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  CANBO_SESSION_HOURS: z.coerce.number().positive().default(12),
  /**
   * Behind a reverse proxy: which X-Forwarded-For entries to believe for the client's address (login
   * back-off, sessions, audit). See trustedProxies().
   */
  CANBO_TRUST_PROXY: z
    .string()
    .default("0")
    .transform((v, ctx) => {
      const trusted = trustedProxies(v);
      if (trusted === undefined) {
        ctx.addIssue({
          code: "custom",
          message:
            "cần 0, 1 (proxy trên cùng máy) hoặc địa chỉ/dải địa chỉ của proxy, vd 10.0.0.5,10.1.0.0/16 " +
            "(0, 1 for a proxy on this machine, or the proxies' addresses)",
        });
        return z.NEVER;
      }
      return trusted;
    }),
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
  /** false, or the addresses of the trusted reverse proxies (trustedProxies). */
  trustProxy: TrustProxy;
};

export type TrustProxy = false | string[];

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * CANBO_TRUST_PROXY as Fastify's trustProxy: the proxies whose X-Forwarded-For entries are believed,
 * never `true` (that believes the left-most entry, which the client writes itself):
 * - "0"/"false" (default): no proxy; the address is the connection's.
 * - "1"/"true": a proxy on the same machine (loopback addresses).
 * - addresses or CIDR ranges of the proxies (or loopback, linklocal, uniquelocal), comma-separated.
 * X-Forwarded-For is read only on connections from a trusted proxy, right to left, and the client's
 * address is the first entry that is not a trusted proxy: the one the outermost proxy added, whatever
 * the client sent. undefined when the value is none of these.
 */
export function trustedProxies(value: string): TrustProxy | undefined {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "0" || text === "false") return false;
  if (text === "1" || text === "true") return ["loopback"];
  const entries = text.split(",").map((e) => e.trim());
  const isRange = (entry: string) => {
    if (NAMED_RANGES.has(entry)) return true;
    const [address, bits, ...rest] = entry.split("/");
    const family = net.isIP(address ?? "");
    if (!family || rest.length) return false;
    if (bits === undefined) return true;
    return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  };
  return entries.every(isRange) ? entries : undefined;
}

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

import { randomBytes } from "node:crypto";
import pg from "pg";
import { buildApp } from "../app.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { runMigrations } from "../db/migrate.ts";
import { systemActor } from "../lib/actor.ts";
import { type Clock, fixedClock } from "../lib/clock.ts";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped again by close(); `url` reaches it from another process).
 * `migrate: false` leaves it empty, for tests of a migration that migrate it themselves.
 */
export async function openTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  const migrate = options.migrate ?? true;
  if (!url) {
    const database = await openDatabase({ dataDir: "memory" });
    if (migrate) await runMigrations(database);
    return database;
  }
  const name = `canbo_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: testUrl.toString(), poolSize: 5 });
  if (migrate) await runMigrations(database);
  const close = database.close;
  return {
    ...database,
    url: testUrl.toString(),
    async close() {
      await close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export const TEST_NOW = "2026-06-15T03:00:00Z";

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The HTTP app over a fresh database, with helpers to make users and sessions. */
/**
 * Lets the application's role use tables a test made as the owner (on PostgreSQL the app acts as
 * canbo_app, which may not create tables; on PGlite there is one user and nothing to grant).
 */
export async function grantToApp(database: Database, ...tables: string[]): Promise<void> {
  if (database.engine !== "postgres") return;
  for (const table of tables) {
    await database.owner.pool.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO canbo_app`);
  }
  await database.owner.pool.query("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO canbo_app");
}

export async function createTestApp(
  options: {
    clock?: Clock;
    webRoot?: string;
    /** Receives the log (level info) instead of no log at all. */
    logStream?: { write(line: string): void };
    secureCookies?: boolean;
  } = {},
) {
  const database = await openTestDatabase();
  const clock = options.clock ?? fixedClock(TEST_NOW);
  const { app, services } = await buildApp({
    database,
    config: {
      logLevel: options.logStream ? "info" : "silent",
      sessionHours: 12,
      secureCookies: options.secureCookies ?? false,
    },
    clock,
    logger: options.logStream !== undefined,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });
  await app.ready();
  const system = systemActor("test");

  /** Creates a user and logs in; returns headers that carry the session and the CSRF token. */
  async function userSession(input: {
    username: string;
    roles: ("admin" | "officer" | "leader" | "cadre")[];
    scopeUnitIds?: number[];
  }) {
    const password = `Tz-${randomBytes(6).toString("hex")}-2026x`;
    await services.auth.createUser(system, {
      username: input.username,
      displayName: input.username,
      password,
      roles: input.roles,
      scopeUnitIds: input.scopeUnitIds ?? [],
      mustChangePassword: false,
    });
    return login(input.username, password);
  }

  async function login(username: string, password: string) {
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    return { cookie, headers: { cookie, "x-csrf-token": csrf } };
  }

  return {
    app,
    services,
    database,
    db: database.db,
    system,
    clock,
    userSession,
    login,
    /** Serves the app on a loopback port — real sockets and the real pool — and returns its base URL. */
    listen: () => app.listen({ host: "127.0.0.1", port: 0 }),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/harness.ts";
import { APP_ROLE, type Database, openDatabase } from "./client.ts";
import { MIGRATIONS_DIR, runMigrations } from "./migrate.ts";

/**
 * The separate-logins setup of docs/audit.md: the owner migrates (CANBO_MIGRATION_DATABASE_URL), the server
 * logs in as a role that is only a member of canbo_app. Then not even RESET ROLE reaches the owner's rights.
 * PostgreSQL only: PGlite has a single user.
 */
const APP_LOGIN = "canbo_test_app_login";

describe.skipIf(!process.env.DATABASE_URL)("a server that logs in without owning the schema", () => {
  let migrated: Database & { url?: string };
  let appUrl: string;

  beforeAll(async () => {
    migrated = await openTestDatabase();
    // Roles belong to the cluster: made once, tolerating another test file making it at the same moment.
    await migrated.owner.pool
      .query(`CREATE ROLE ${APP_LOGIN} LOGIN IN ROLE ${APP_ROLE}`)
      .catch((e: { code?: string }) => {
        if (e.code !== "42710" && e.code !== "23505") throw e;
      });
    const url = new URL(migrated.url!);
    url.username = APP_LOGIN;
    appUrl = url.toString();
  });
  afterAll(async () => migrated?.close());

  it("starts once the owner has migrated, and cannot change the audit trail even after RESET ROLE", async () => {
    const server = await openDatabase({ databaseUrl: appUrl });
    try {
      await runMigrations(server); // nothing pending: no owner rights needed
      await server.pool.query(
        "INSERT INTO audit_log (actor_username, action, entity_type) VALUES ('t', 'test.row', 'test')",
      );
      for (const statement of [
        "RESET ROLE; UPDATE audit_log SET reason = 'sửa lén'",
        "RESET ROLE; DELETE FROM audit_log",
        "RESET ROLE; TRUNCATE audit_log",
      ]) {
        await expect(server.pool.query(statement), statement).rejects.toThrow(/permission denied/);
      }
    } finally {
      await server.close();
    }
  });

  it("refuses to start on a database with migrations to apply, and says how to apply them", async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const name = `canbo_t_empty_${process.pid}`;
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(appUrl);
    url.pathname = `/${name}`;
    const server = await openDatabase({ databaseUrl: url.toString() });
    try {
      await expect(runMigrations(server)).rejects.toThrow(
        /chạy `canbo migrate` với CANBO_MIGRATION_DATABASE_URL/,
      );
    } finally {
      await server.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe("the migrations journal", () => {
  it("dates every migration after the one before it (drizzle applies only those newer than the last applied)", () => {
    const entries = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
    // 0009–0011 carry dates earlier than 0008's (branches generated in parallel and renumbered at merge).
    // They landed together, so no database stopped between them; they stay as they are (changing a date
    // would make databases that applied it apply it again). Every later migration must be newer than all
    // before it, or databases that have the earlier ones would skip it.
    const KNOWN_OUT_OF_ORDER = new Set([9, 10, 11]);
    let newest = 0;
    entries.forEach((entry, index) => {
      if (!KNOWN_OUT_OF_ORDER.has(index))
        expect(entry.folderMillis, `migration ${index}`).toBeGreaterThan(newest);
      newest = Math.max(newest, entry.folderMillis);
    });
  });
});

import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type pg from "pg";
import { APP_ROLE, type Database } from "./client.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Applies the committed SQL migrations as the schema owner; a second run is a no-op. On PostgreSQL it then
 * grants the application's role its privileges (after each run that applied something, so tables of new
 * migrations get them). With nothing to apply it changes nothing, so a server whose DATABASE_URL is a
 * login without ownership starts once `canbo migrate` has run as the owner (docs/audit.md).
 */
export async function runMigrations(database: Pick<Database, "owner" | "engine">): Promise<void> {
  if (database.engine === "postgres" && !(await hasPendingMigrations(database.owner.pool))) return;
  try {
    await migrate(database.owner.db, { migrationsFolder: MIGRATIONS_DIR });
  } catch (error) {
    // drizzle wraps the driver's error: the SQLSTATE is on its cause.
    const { code, cause } = error as { code?: string; cause?: { code?: string } };
    if ((cause?.code ?? code) !== "42501") throw error;
    throw new Error(
      "Có migration chưa được áp dụng nhưng tài khoản CSDL này không sở hữu lược đồ: hãy chạy `canbo migrate` " +
        "với CANBO_MIGRATION_DATABASE_URL là tài khoản chủ sở hữu (xem docs/audit.md).",
      { cause: error },
    );
  }
  if (database.engine === "postgres") await grantAppRole(database.owner.pool);
}

/** True unless the database has applied the newest migration of the journal (drizzle's own test). */
async function hasPendingMigrations(pool: pg.Pool): Promise<boolean> {
  const newest = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).at(-1)?.folderMillis ?? 0;
  try {
    const { rows } = await pool.query<{ last: string | null }>(
      "SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations",
    );
    return Number(rows[0]?.last ?? 0) < newest;
  } catch {
    return true; // no journal yet: a new database
  }
}

/** PostgreSQL error codes of a role created at the same moment by another database of the cluster. */
const ROLE_EXISTS = new Set(["42710", "23505"]);

/**
 * The application's role: every table's rows, but on audit_log only SELECT and INSERT (no UPDATE, DELETE,
 * TRUNCATE), read-only on the chain head and the migrations journal. Roles belong to the whole cluster while
 * grants belong to one database, so the role is created once (tolerating a parallel creation) and the grants
 * are made in each database.
 */
async function grantAppRole(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const exists = async () =>
      (await client.query("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", [APP_ROLE])).rows.length >
      0;
    if (!(await exists())) {
      try {
        await client.query(`CREATE ROLE ${APP_ROLE} NOLOGIN`);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!(code && ROLE_EXISTS.has(code) && (await exists()))) throw appRoleError(error);
      }
    }
    // The owner must be able to become the role (superusers can already); PostgreSQL 16 no longer lets
    // the creator of a role SET it without a grant.
    const canSet = await client.query<{ ok: boolean }>(
      "SELECT rolsuper OR pg_catalog.pg_has_role(current_user, $1, 'MEMBER') AS ok FROM pg_catalog.pg_roles WHERE rolname = current_user",
      [APP_ROLE],
    );
    if (!canSet.rows[0]?.ok)
      await client.query(`GRANT ${APP_ROLE} TO CURRENT_USER`).catch((e) => {
        throw appRoleError(e);
      });
    await client.query("BEGIN");
    await client.query(`
      GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
      REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${APP_ROLE};
      GRANT TRUNCATE ON import_input, import_rows, import_seen TO ${APP_ROLE};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
      GRANT USAGE ON SCHEMA canbo_audit TO ${APP_ROLE};
      REVOKE ALL ON canbo_audit.chain_head FROM ${APP_ROLE};
      GRANT SELECT ON canbo_audit.chain_head TO ${APP_ROLE};
      GRANT USAGE ON SCHEMA drizzle TO ${APP_ROLE};
      GRANT SELECT ON drizzle.__drizzle_migrations TO ${APP_ROLE};`);
    await client.query("COMMIT");
    // Fail at start, not at the first request, when the owner cannot act as the role.
    await client.query(`SET ROLE ${APP_ROLE}`);
    await client.query("RESET ROLE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function appRoleError(error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `Không tạo được vai trò ${APP_ROLE} cho ứng dụng (${reason}). Tài khoản trong DATABASE_URL cần quyền ` +
      `CREATEROLE, hoặc quản trị viên CSDL tạo sẵn: CREATE ROLE ${APP_ROLE} NOLOGIN; GRANT ${APP_ROLE} TO <tài khoản>; ` +
      "(xem docs/audit.md).",
  );
}

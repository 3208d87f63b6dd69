import { buildApp, createServices } from "./app.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { runMigrations } from "./db/migrate.ts";
import { systemActor } from "./lib/actor.ts";
import { systemClock } from "./lib/clock.ts";
import { removeStaleSpoolDirs } from "./modules/imports/index.ts";
import { loadPlaces, shippedPlaces } from "./modules/places/index.ts";
import { isEmpty, type SeedProgress, seed } from "./seed/seed.ts";

/** How long a stop may take before connections are cut; below Docker's and systemd's default grace. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export type StartOptions = {
  /** Load the demo organisation when the database is empty (first start of `npm start`). */
  seedDemoIfEmpty?: boolean;
  onSeedProgress?: SeedProgress;
  /** Called once with the generated admin password (it is shown once and never stored in clear). */
  onAdminCreated?: (password: string | undefined) => void;
};

/** Start: open the database, migrate, first-start work, then listen. Returns a stop function. */
export async function startServer(config: Config, options: StartOptions = {}) {
  const database: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationDatabaseUrl: config.migrationDatabaseUrl,
    dataDir: config.dataDir,
  });
  if (!database.isOwner) {
    await database.close();
    throw new Error(`Thư mục dữ liệu ${config.dataDir} đang được một máy chủ canbo khác sử dụng.`);
  }
  try {
    await runMigrations(database);
    // The official lists of places: loaded once, in pieces (a no-op once done).
    await loadPlaces(database.db, shippedPlaces());
    removeStaleSpoolDirs(); // uploads of a server killed mid-import
    const system = systemActor("system");
    const services = createServices(database, systemClock, config.sessionHours);
    // An import the previous run of the server left half-applied is undone before anyone reads.
    await services.imports.recoverAtStart();
    if (options.seedDemoIfEmpty && (await isEmpty(database.db))) {
      await seed({ db: database.db, units: services.units }, systemActor("seed"), {
        profile: "demo",
        onProgress: options.onSeedProgress,
      });
    }
    const admin = await services.auth.ensureAdmin(system, config.adminPassword);
    if (admin.created) options.onAdminCreated?.(admin.password);
    const { app } = await buildApp({ database, config });
    await app.listen({ port: config.port, host: config.host });
    return {
      app,
      database,
      /**
       * Stops within `deadlineMs` (a container runtime kills the process 10 s after SIGTERM): requests in
       * flight get until then to finish, then every connection still open — stuck, slow or half-sent — is
       * closed, and the database is closed last.
       */
      async stop(deadlineMs = SHUTDOWN_DEADLINE_MS) {
        const closed = app.close();
        const forced = await Promise.race([closed.then(() => false), sleep(deadlineMs / 2).then(() => true)]);
        if (forced) {
          app.server.closeAllConnections();
          await Promise.race([closed, sleep(deadlineMs / 4)]);
        }
        await Promise.race([database.close(), sleep(deadlineMs / 4)]);
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

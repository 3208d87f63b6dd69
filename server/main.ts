import { buildApp, createServices } from "./app.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { runMigrations } from "./db/migrate.ts";
import { systemActor } from "./lib/actor.ts";
import { systemClock } from "./lib/clock.ts";
import { isEmpty, type SeedProgress, seed } from "./seed/seed.ts";

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
    const system = systemActor("system");
    const services = createServices(database, systemClock, config.sessionHours);
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
      async stop() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

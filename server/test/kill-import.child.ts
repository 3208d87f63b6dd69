// A server process killed (SIGKILL) while an import writes its fourth batch: imports.recovery.test.ts
// starts it, then checks that nothing of the import is left once the database is opened again.
import { createServices } from "../app.ts";
import { openDatabase } from "../db/client.ts";
import { runMigrations } from "../db/migrate.ts";
import { systemActor } from "../lib/actor.ts";
import { fixedClock } from "../lib/clock.ts";
import { createCadresBulkWriter } from "../modules/cadres/index.ts";
import { createImportsService } from "../modules/imports/imports.service.ts";
import { buildOrg } from "../modules/imports/imports.test-helpers.ts";
import { TEST_NOW, type TestApp } from "./harness.ts";

const [dataDir, file] = process.argv.slice(2) as [string, string];
const database = await openDatabase({ dataDir });
await runMigrations(database);
const clock = fixedClock(TEST_NOW);
const services = createServices(database, clock, 12);
const system = systemActor("test");
await buildOrg({ services, system } as unknown as TestApp);

const real = createCadresBulkWriter({ audit: services.audit });
let calls = 0;
const imports = createImportsService({
  db: database.db,
  audit: services.audit,
  clock,
  batchSize: 5,
  bulk: {
    ...real,
    async applyStaged(tx, ctx) {
      calls++;
      await real.applyStaged(tx, ctx);
      if (calls === 4) {
        console.log("applying batch 4");
        process.kill(process.pid, "SIGKILL");
        await new Promise(() => {}); // never commits
      }
    },
  },
});
await imports.importCadres(system, { path: file, fileName: "big.csv" });
console.log("import finished: the kill did not happen");

import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { startServer } from "./main.ts";

/** A stop (SIGTERM) ends within its deadline even when a client keeps a request half-sent. PGlite only. */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-stop-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(Boolean(process.env.DATABASE_URL))("stopping the server", () => {
  it("ends within the deadline with a stuck connection open, and frees the data folder", async () => {
    const dataDir = path.join(scratch, "data");
    const config = loadConfig({
      CANBO_DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      CANBO_LOG_LEVEL: "silent",
      CANBO_ADMIN_PASSWORD: "Mot-mat-khau-dai-2026",
    });
    const server = await startServer(config);
    const address = server.app.server.address() as net.AddressInfo;
    const stuck = net.connect(address.port, "127.0.0.1");
    await new Promise((resolve) => stuck.once("connect", resolve));
    stuck.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n"); // the headers never end
    stuck.on("error", () => {});

    const started = Date.now();
    await server.stop(2_000);
    const took = Date.now() - started;
    stuck.destroy();

    expect(took).toBeLessThan(2_500);
    expect(fs.existsSync(path.join(dataDir, "canbo.lock"))).toBe(false);
  }, 60_000);
});

import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export const E2E_ADMIN_PASSWORD = "Quan-tri-E2E-2026";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminPassword: string;
  }
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Starts `canbo start --demo` on a fresh data folder, as a new user would, and waits for health. */
export async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "..");
  if (!fs.existsSync(path.join(root, "web/dist/index.html")))
    throw new Error("Build the web app first: npm run build");
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-e2e-"));
  const port = await freePort();
  const log = fs.createWriteStream(path.join(dataDir, "server.log"));
  server = spawn(
    process.execPath,
    ["cli/bin.mjs", "--data", dataDir, "start", "--demo", "--port", String(port), "--host", "127.0.0.1"],
    {
      cwd: root,
      env: {
        ...process.env,
        CANBO_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
        DATABASE_URL: "",
        CANBO_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`canbo start exited: ${fs.readFileSync(path.join(dataDir, "server.log"), "utf8")}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("canbo did not start within 150 s");
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("adminPassword", E2E_ADMIN_PASSWORD);
}

export async function teardown() {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server?.once("exit", r));
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

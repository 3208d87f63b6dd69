import { execFile, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, DataDirLockedError, openDatabase, processIdentity } from "./client.ts";

/**
 * DESIGN §1: two processes opening the same PGlite folder silently lose writes. The first process owns
 * the folder (lock file); another process goes through the owner's socket; the same process opening it
 * twice is a mistake and says so. PGlite only: PostgreSQL has no folder.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLIENT = fileURLToPath(new URL("./client.ts", import.meta.url));
const run = promisify(execFile);

let scratch: string;
let dataDir: string;
let lockFile: string;
let childScript: string;
const readLock = () => JSON.parse(fs.readFileSync(lockFile, "utf8")) as { pid: number; socketDir: string };

/** A second canbo process: opens the folder, writes a row through whatever it got, reports what it was. */
const CHILD = `
import { openDatabase } from ${JSON.stringify(CLIENT)};
const database = await openDatabase({ dataDir: process.argv[2] });
await database.pool.query("INSERT INTO probe (written_by, pid) VALUES ('child', $1)", [process.pid]);
console.log(JSON.stringify({ isOwner: database.isOwner, engine: database.engine, pid: process.pid }));
await database.close();
`;

let owner: Database | undefined;

describe.skipIf(Boolean(process.env.DATABASE_URL))("the PGlite data folder", () => {
  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-lock-"));
    dataDir = path.join(scratch, "data");
    lockFile = path.join(dataDir, "canbo.lock");
    childScript = path.join(scratch, "child.mjs");
    fs.writeFileSync(childScript, CHILD);
    owner = await openDatabase({ dataDir });
    await owner.pool.query("CREATE TABLE probe (written_by text NOT NULL, pid int NOT NULL)");
  });
  afterAll(async () => {
    await owner?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("is owned by the process that opened it first, which holds the lock", () => {
    expect(owner!.isOwner).toBe(true);
    expect(owner!.engine).toBe("pglite");
    expect(readLock().pid).toBe(process.pid);
  });

  it("cannot be opened a second time by the same process", async () => {
    const second = openDatabase({ dataDir });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(/đã được mở trong tiến trình này/);
    expect(readLock().pid).toBe(process.pid);
  });

  it("is reached by another process through the owner's socket, never by a second copy", async () => {
    const lockBefore = fs.readFileSync(lockFile, "utf8");
    const entriesBefore = fs.readdirSync(dataDir).sort();
    const { stdout } = await run(process.execPath, ["--import", "tsx/esm", childScript, dataDir], {
      cwd: ROOT,
      timeout: 30_000,
    });
    const child = JSON.parse(stdout.trim().split("\n").pop()!) as { isOwner: boolean; pid: number };
    expect(child.isOwner).toBe(false);
    expect(child.pid).not.toBe(process.pid);

    // The child's row is in the owner's database: both talked to the same PGlite.
    const { rows } = await owner!.pool.query('SELECT written_by AS "writtenBy", pid FROM probe');
    expect(rows).toEqual([{ writtenBy: "child", pid: child.pid }]);
    // The lock still names this process, and the child left nothing of its own in the folder.
    expect(fs.readFileSync(lockFile, "utf8")).toBe(lockBefore);
    expect(fs.readdirSync(dataDir).sort()).toEqual(entriesBefore);
  });

  it("is released on close, and a stale lock of a dead process is taken over", async () => {
    await owner!.close();
    owner = undefined;
    expect(fs.existsSync(lockFile)).toBe(false);

    // A process that has exited leaves its lock behind (a crash, a power cut).
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid!;
    expect(() => process.kill(dead, 0)).toThrow();
    fs.writeFileSync(
      lockFile,
      JSON.stringify({ pid: dead, socketDir: dataDir, startedAt: "2026-01-01T00:00:00Z" }),
    );

    owner = await openDatabase({ dataDir });
    expect(owner.isOwner).toBe(true);
    expect(readLock().pid).toBe(process.pid);
    // Same folder, same data.
    const { rows } = await owner.pool.query("SELECT count(*)::int AS n FROM probe");
    expect(rows[0].n).toBe(1);
  });

  it("is taken over after a restart in which the server got the same pid again (PID 1 in a container)", async () => {
    await owner!.close();
    owner = undefined;
    // The previous run was this very pid, started at another time (or on another boot).
    fs.writeFileSync(
      lockFile,
      JSON.stringify({
        pid: process.pid,
        identity: "an-earlier-boot:12345",
        socketDir: dataDir,
        startedAt: "2026-01-01T00:00:00Z",
      }),
    );
    owner = await openDatabase({ dataDir });
    expect(owner.isOwner).toBe(true);
    expect(readLock().pid).toBe(process.pid);
    expect(readLock()).toHaveProperty("identity", processIdentity(process.pid));

    // A live process other than the one that wrote the lock (pid reused) does not hold it either.
    await owner.close();
    owner = undefined;
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      fs.writeFileSync(
        lockFile,
        JSON.stringify({ pid: other.pid, identity: "another-process:1", socketDir: dataDir, startedAt: "x" }),
      );
      owner = await openDatabase({ dataDir });
      expect(owner.isOwner).toBe(true);
    } finally {
      other.kill();
    }
  });
});

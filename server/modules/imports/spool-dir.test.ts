import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSpoolDir, removeStaleSpoolDirs } from "./spool-dir.ts";

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-spool-test-"));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

/** A folder holding a half-written upload. */
function folder(name: string): string {
  const dir = path.join(tmpDir, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "5b0e.upload"), "Số hiệu cán bộ,Họ và tên\r\n");
  return dir;
}

/** The id of a process that ran and was killed. */
async function killedPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await new Promise((resolve) => child.once("spawn", resolve));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  return child.pid!;
}

describe("temporary upload folders", () => {
  it("names this server's folder with its process id, private to its user", () => {
    const dir = createSpoolDir(tmpDir);
    expect(path.basename(dir)).toMatch(new RegExp(`^canbo-imports-${process.pid}-`));
    expect(fs.statSync(dir).mode & 0o077).toBe(0);
    fs.rmSync(dir, { recursive: true });
  });

  it("removes at start the folders of a server that was killed, keeps those of servers still running", async () => {
    const killed = folder(`canbo-imports-${await killedPid()}-a1b2c3`);
    const running = folder(`canbo-imports-${process.ppid}-d4e5f6`);
    // In a container the server is PID 1 after each restart: a folder with our own id is a previous run's.
    const ownIdOfPreviousRun = folder(`canbo-imports-${process.pid}-g7h8i9`);
    const olderVersionStale = folder("canbo-imports-Xy12Zt");
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(olderVersionStale, twoDaysAgo, twoDaysAgo);
    const olderVersionRecent = folder("canbo-imports-Qw34Er");
    const unrelated = folder("other-app-123-x");

    const removed = removeStaleSpoolDirs({ tmpDir });

    expect(removed.sort()).toEqual([killed, ownIdOfPreviousRun, olderVersionStale].sort());
    for (const dir of removed) expect(fs.existsSync(dir)).toBe(false);
    for (const dir of [running, olderVersionRecent, unrelated]) expect(fs.existsSync(dir)).toBe(true);
  });

  it("leaves a missing or unreadable temporary folder alone", () => {
    expect(removeStaleSpoolDirs({ tmpDir: path.join(tmpDir, "does-not-exist") })).toEqual([]);
  });
});

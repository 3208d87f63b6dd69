import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The private folder where a server keeps uploads while it imports them, and their error files. Its name
 * carries the server's process id, so that a server starting after one was killed mid-import (the files of
 * a killed process are never removed by it) knows which folders nobody owns any more, and removes them.
 */

const PREFIX = "canbo-imports-";
/** A folder of an older version (no process id in its name) is stale once untouched for this long. */
const UNNAMED_STALE_MS = 24 * 60 * 60 * 1000;

/** Creates this process's spool folder (readable by this user only). */
export function createSpoolDir(tmpDir = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(tmpDir, `${PREFIX}${process.pid}-`));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the spool folders of servers that are no longer running; called once at start, before this
 * server makes its own. A folder named with this process's own id is stale too: in a container the server
 * is PID 1 after every restart. Returns the folders removed.
 */
export function removeStaleSpoolDirs(
  options: { tmpDir?: string; isRunning?: (pid: number) => boolean; now?: number } = {},
): string[] {
  const tmpDir = options.tmpDir ?? os.tmpdir();
  const running = options.isRunning ?? isRunning;
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(tmpDir).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = path.join(tmpDir, name);
    try {
      const stat = fs.lstatSync(dir);
      if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) continue;
      const pid = /^(\d+)-/.exec(name.slice(PREFIX.length))?.[1];
      const stale =
        pid === undefined
          ? now - stat.mtimeMs > UNNAMED_STALE_MS
          : Number(pid) === process.pid || !running(Number(pid));
      if (!stale) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // another server's folder, or gone meanwhile: not ours to worry about
    }
  }
  return removed;
}

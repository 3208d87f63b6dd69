import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messageOf } from "../server/lib/errors.ts";
import { AuthErrors } from "../server/modules/auth/auth.errors.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("canbo user create", () => {
  it.each([
    ["a common password", "Anhyeuem@2026", AuthErrors.AUTH_COMMON_PASSWORD],
    ["a password containing the user name", "X-nguyenvana-2026", AuthErrors.AUTH_WEAK_PASSWORD],
  ])("refuses %s from CANBO_NEW_USER_PASSWORD before opening the database", (_case, password, code) => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "canbo-cli-")), "data");
    const run = spawnSync(
      process.execPath,
      [
        "cli/bin.mjs",
        "--data",
        dataDir,
        "user",
        "create",
        "nguyenvana",
        "--name",
        "Nguyễn Văn A",
        "--role",
        "officer",
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "", CANBO_NEW_USER_PASSWORD: password },
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Lỗi: ${messageOf(code, "vi")}`);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

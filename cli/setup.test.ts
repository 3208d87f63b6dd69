import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowCounts } from "../server/test/factories.ts";
import { createTestApp, type TestApp } from "../server/test/harness.ts";
import { CliUsageError } from "./indicators.ts";
import { isFreshDatabase, rootOfOptions, runSetup } from "./setup.ts";

// `canbo setup`: on an empty database, the root unit of the user's own organisation and the first
// administrator; on a database that holds anything, a refusal (exit code 2) that changes nothing.

const ROOT = path.resolve(import.meta.dirname, "..");
const TODAY = "2026-06-15";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const options = { rootName: "Ủy ban nhân dân tỉnh Thử", rootCode: "T01", rootKind: "city" };

describe("canbo setup (on the services)", () => {
  it.each([
    ["no root name", { rootName: " " }, /Thiếu --root-name/],
    ["an unknown kind", { rootKind: "empire" }, /--root-kind không hợp lệ/],
    ["a code with spaces", { rootCode: "T 01" }, /Mã đơn vị chỉ gồm/],
    ["a date that does not exist", { validFrom: "2025-02-30" }, /Ngày không hợp lệ/],
  ])("refuses %s before opening the database", (_case, change, message) => {
    expect(() => rootOfOptions({ ...options, ...change }, TODAY)).toThrow(message);
    expect(() => rootOfOptions({ ...options, ...change }, TODAY)).toThrow(CliUsageError);
  });

  it("refuses a place code that is not in the list of the start date, writing nothing", async () => {
    const root = rootOfOptions({ ...options, place: "99999" }, TODAY);
    await expect(runSetup(t.services, t.db, t.system, root, undefined)).rejects.toThrow(
      /Không có địa danh mã 99999/,
    );
    expect(await isFreshDatabase(t.db)).toBe(true);
  });

  it("creates the root unit and the admin account, prints the password once and says what to do next", async () => {
    const root = rootOfOptions({ ...options, validFrom: "2025-07-01" }, TODAY);
    const result = await runSetup(t.services, t.db, t.system, root, undefined);
    expect(result.password).toMatch(/.{12,}/);
    expect(result.text).toContain(
      "Đã tạo đơn vị gốc “Ủy ban nhân dân tỉnh Thử” (mã T01, hoạt động từ 01/07/2025)",
    );
    expect(result.text).toContain("import units");
    expect(result.text).toContain("docs/getting-started.md");
    const tree = await t.services.units.tree(t.system, "2025-07-01");
    expect(tree.nodes).toEqual([
      expect.objectContaining({ name: "Ủy ban nhân dân tỉnh Thử", parentId: null }),
    ]);
    // The generated password opens the admin account.
    await expect(t.login("admin", result.password!)).resolves.toBeDefined();
  });

  it("refuses a database that already holds data with exit code 2 and changes nothing", async () => {
    const before = await rowCounts(t.database, ["units", "users", "audit_log"]);
    const root = rootOfOptions({ ...options, rootCode: "T02" }, TODAY);
    const error = await runSetup(t.services, t.db, t.system, root, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as CliUsageError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/CSDL đã có dữ liệu.*chỉ chạy trên CSDL trống/);
    expect(await rowCounts(t.database, ["units", "users", "audit_log"])).toEqual(before);
  });
});

/** The environment of the command, with no password given: setup then generates one. */
function withoutAdminPassword(): NodeJS.ProcessEnv {
  const { CANBO_ADMIN_PASSWORD: _, ...env } = process.env;
  return { ...env, DATABASE_URL: "" };
}

describe("canbo setup (the command)", () => {
  it("sets up an empty data directory once, then refuses with exit code 2", () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "canbo-setup-")), "data");
    const run = () =>
      spawnSync(
        process.execPath,
        [
          "cli/bin.mjs",
          "--data",
          dataDir,
          "setup",
          "--root-name",
          "Bộ Thử nghiệm",
          "--root-code",
          "B01",
          "--root-kind",
          "agency",
        ],
        { cwd: ROOT, encoding: "utf8", env: withoutAdminPassword() },
      );
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("Đã tạo đơn vị gốc “Bộ Thử nghiệm” (mã B01");
    expect(first.stdout).toMatch(/Tài khoản: admin\n\s+Mật khẩu: +\S{12,}/);
    expect(first.stdout).toContain("Bước tiếp theo");
    const second = run();
    expect(second.status).toBe(2);
    expect(second.stderr).toContain("CSDL đã có dữ liệu");
    expect(second.stdout).not.toContain("Mật khẩu");
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }, 120_000);
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCity, rowCounts } from "../server/test/factories.ts";
import { createTestApp, type TestApp } from "../server/test/harness.ts";
import { CliUsageError } from "./indicators.ts";
import { exportUnits, importUnits } from "./units.ts";

// `canbo import units` / `canbo export units`: the tree file through the same service as the API.

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  await buildCity(t.services.units, t.system);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-units-"));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER =
  "Mã đơn vị,Tên đơn vị,Loại đơn vị,Khối,Mã đơn vị cấp trên,Mã địa danh,Hoạt động từ ngày,Hoạt động đến ngày";

describe("canbo import units / export units", () => {
  it("imports a file in a dry run, then for real, and its export back unchanged", async () => {
    const file = path.join(dir, "to-chuc.csv");
    fs.writeFileSync(
      file,
      `${HEADER}\nS1,Sở Một,city,,,,01/01/2024,\nS1.1,Phòng Một,division,government,S1,,01/01/2024,\n`,
    );
    const dry = await importUnits(t.services, t.system, file, { dryRun: true });
    expect(dry).toEqual({
      text: "Chạy thử: không có dòng lỗi. Nếu nhập: 2 dòng đơn vị: tạo 2, kết thúc 0, không đổi 0; 0 dòng kế thừa: thêm 0. Chưa thay đổi gì.\n",
      exitCode: 0,
    });
    expect((await importUnits(t.services, t.system, file, {})).text).toMatch(/^Đã nhập cây tổ chức: 2 dòng/);
    const out = path.join(dir, "xuat.xlsx");
    expect(await exportUnits(t.services, t.system, out, { asOf: "2024-01-01" })).toMatch(
      /^Đã xuất \d+ đơn vị/,
    );
    const before = await rowCounts(t.database);
    const again = await importUnits(t.services, t.system, out, { asOf: "2024-01-01" });
    expect(again.text).toMatch(/tạo 0, kết thúc 0, không đổi \d+/);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("lists the wrong rows and exits with 1, writing nothing", async () => {
    const file = path.join(dir, "loi.csv");
    fs.writeFileSync(
      file,
      `${HEADER}\nS2,Sở Hai,province,,,,01/01/2024,\nS2.1,Phòng Hai,division,,S9,,01/01/2024,\n`,
    );
    const before = await rowCounts(t.database);
    const result = await importUnits(t.services, t.system, file, {});
    expect(result.exitCode).toBe(1);
    expect(result.text).toContain(
      "Đơn vị, dòng 2, Loại đơn vị: Loại đơn vị “province” không có trong danh mục",
    );
    expect(result.text).toContain("Đơn vị, dòng 3, Mã đơn vị cấp trên: Không tìm thấy đơn vị cấp trên mã S9");
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("refuses a file that is not a spreadsheet as a usage error", async () => {
    const file = path.join(dir, "anh.png");
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    await expect(importUnits(t.services, t.system, file, {})).rejects.toBeInstanceOf(CliUsageError);
    await expect(importUnits(t.services, t.system, path.join(dir, "khong-co.csv"), {})).rejects.toThrow(
      /Không có tệp/,
    );
  });
});

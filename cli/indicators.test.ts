import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Indicators } from "../common/contracts/indicators.ts";
import {
  buildOrg,
  cadreFactory,
  keepDistrictTierOpen,
  titleIds,
} from "../server/modules/cadres/cadres.test-helpers.ts";
import { createTestApp, type TestApp } from "../server/test/harness.ts";
import { CliUsageError, indicatorLines, indicatorsTable, parseAsOf, runIndicators } from "./indicators.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

/** A result as the service answers it: a percent, a count figure, an empty population, no records. */
const KNOWN: Indicators = {
  asOf: "2026-01-01",
  unit: { id: 1, name: "Thành phố Hà Nội", code: "01", kind: "city" },
  items: [
    {
      code: "I1",
      name: "Tỷ lệ cán bộ trẻ",
      numerator: 949,
      denominator: 7058,
      percent: 13.45,
      value: 13.45,
      met: false,
      status: "not_met",
      unknown: 0,
      target: 15,
      direction: ">=",
      display: "percent",
      note: null,
    },
    {
      code: "I3",
      name: "Tỷ lệ có trình độ thạc sĩ, tiến sĩ",
      numerator: 127,
      denominator: 300,
      percent: 42.33,
      value: 42.33,
      met: true,
      status: "met",
      unknown: 0,
      target: 40,
      direction: ">=",
      display: "percent",
      note: null,
    },
    {
      code: "I6",
      name: "Tỷ lệ được đánh giá, xếp loại hằng tháng",
      numerator: null,
      denominator: null,
      percent: null,
      value: null,
      met: null,
      status: "no_data",
      unknown: 0,
      target: null,
      direction: null,
      display: "percent",
      note: "Chưa có dữ liệu: chỉ tiêu được tính khi có bản ghi đánh giá hằng tháng.",
    },
    {
      code: "I7.1",
      name: "Bí thư cấp huyện không là người địa phương",
      numerator: 28,
      denominator: 30,
      percent: 93.33,
      value: "28/30",
      met: null,
      status: "no_target",
      unknown: 0,
      target: null,
      direction: null,
      display: "count",
      note: null,
    },
    {
      code: "I7.3",
      name: "Bí thư cấp xã không là người địa phương",
      numerator: 0,
      denominator: 0,
      percent: null,
      value: null,
      met: null,
      status: "no_data",
      unknown: 0,
      target: 12.5,
      direction: "<=",
      display: "percent",
      note: "Không có người trong đối tượng tính tại ngày này.",
    },
  ],
  pastRetirement: 0,
};

describe("canbo indicators — output", () => {
  it("lists code, name, numerator, denominator, value, target and met, in this order, values as given", () => {
    const lines = indicatorLines(KNOWN);
    expect(lines.map((l) => Object.keys(l))).toEqual(
      KNOWN.items.map(() => ["code", "name", "numerator", "denominator", "value", "target", "met"]),
    );
    expect(lines.map((l) => l.value)).toEqual([13.45, 42.33, null, "28/30", null]);
    expect(lines[0]).toEqual({
      code: "I1",
      name: "Tỷ lệ cán bộ trẻ",
      numerator: 949,
      denominator: 7058,
      value: 13.45,
      target: 15,
      met: false,
    });
  });

  it("prints an aligned table in Vietnamese number format with the status in words", () => {
    const lines = indicatorsTable(KNOWN).split("\n");
    expect(lines[0]).toBe("Chỉ tiêu tại ngày 01/01/2026 — Thành phố Hà Nội (mã 01)");
    const table = lines.slice(2, 9);
    const cells = table.map((l) => l.split(" | ").map((c) => c.trim()));
    expect(cells[0]).toEqual(["Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Mục tiêu", "Đạt"]);
    expect(cells.slice(2)).toEqual([
      ["I1", "Tỷ lệ cán bộ trẻ", "949", "7.058", "13,45%", "≥ 15%", "Chưa đạt"],
      ["I3", "Tỷ lệ có trình độ thạc sĩ, tiến sĩ", "127", "300", "42,33%", "≥ 40%", "Đạt"],
      ["I6", "Tỷ lệ được đánh giá, xếp loại hằng tháng", "—", "—", "—", "—", "Chưa có dữ liệu"],
      ["I7.1", "Bí thư cấp huyện không là người địa phương", "28", "30", "28/30", "—", "—"],
      ["I7.3", "Bí thư cấp xã không là người địa phương", "0", "0", "—", "≤ 12,5%", "Chưa có dữ liệu"],
    ]);
    // Every column starts at the same place on every line; numbers are right-aligned.
    const bars = (l: string) => [...l].flatMap((ch, i) => (ch === "|" ? [i] : []));
    for (const l of table) expect(bars(l)).toEqual(bars(table[0]!));
    expect(table[2]!.indexOf("  949 |")).toBeGreaterThan(0);
    expect(lines.slice(-3)).toEqual([
      "Ghi chú:",
      "  I6: Chưa có dữ liệu: chỉ tiêu được tính khi có bản ghi đánh giá hằng tháng.",
      "  I7.3: Không có người trong đối tượng tính tại ngày này.",
    ]);
  });

  it("says how many people past retirement with an open record the figures left out", () => {
    const lines = indicatorsTable({ ...KNOWN, pastRetirement: 1234 }).split("\n");
    expect(lines.at(-1)).toBe(
      "  1.234 người đã quá ngày nghỉ hưu nhưng hồ sơ chưa ghi nhận thôi công tác: không tính trong các chỉ tiêu (danh sách: Sắp nghỉ hưu › Đã quá tuổi).",
    );
  });

  it("accepts YYYY-MM-DD (and dd/mm/yyyy) and refuses a date that does not exist, as a usage error", () => {
    expect(parseAsOf("2023-06-30")).toBe("2023-06-30");
    expect(parseAsOf("30/06/2023")).toBe("2023-06-30");
    for (const bad of ["2023-02-29", "2023-13-01", "hôm qua", undefined]) {
      expect(() => parseAsOf(bad)).toThrow(CliUsageError);
    }
  });
});

describe("canbo indicators — on a database", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await keepDistrictTierOpen(t);
    const org = await buildOrg(t);
    const title = await titleIds(t);
    // Code 900 names two units in turn: one until 2015, its namesake from 2015 on.
    const old = await t.services.units.create(t.system, {
      parentId: org.city,
      name: "Ban Cũ",
      code: "900",
      kind: "other",
      validFrom: "2000-01-01",
    });
    await t.services.units.end(t.system, old.id, { endDate: "2015-01-01" });
    const current = await t.services.units.create(t.system, {
      parentId: org.city,
      name: "Ban Mới",
      code: "900",
      kind: "other",
      validFrom: "2015-01-01",
    });
    const make = cadreFactory(t, { unitId: current.id, titleId: title.division_head! });
    const person = async (fullName: string, sex: "male" | "female", birthDate: string) => {
      const p = await make({
        fullName,
        sex,
        birthDate,
        assignment: { unitId: current.id, titleId: title.division_head!, validFrom: "2016-01-01" },
      });
      await t.services.histories.add(t.system, p.id, "tiers", {
        tier: "district_standing",
        validFrom: "2016-01-01",
      });
    };
    await person("Trần Thị Bình", "female", "1990-03-01");
    await person("Lê Văn Cường", "male", "1970-05-10");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("computes the catalogue for the unit carrying the code on the date", async () => {
    const out = await runIndicators(t.services, t.system, {
      asOf: "2026-01-01",
      unit: "900",
      format: "json",
    });
    const lines = JSON.parse(out) as ReturnType<typeof indicatorLines>;
    const byCode = Object.fromEntries(lines.map((l) => [l.code, l]));
    expect(byCode.I1).toMatchObject({ numerator: 1, denominator: 2, value: 50, target: 15, met: true });
    expect(byCode.I2).toMatchObject({ numerator: 1, denominator: 2, value: 50, met: true });
    expect(byCode.I6).toMatchObject({ numerator: null, denominator: null, value: null, met: null });

    // In 2010 the code named the old unit, where nobody is counted.
    const past = await runIndicators(t.services, t.system, {
      asOf: "2010-01-01",
      unit: "900",
      format: "table",
    });
    expect(past.split("\n")[0]).toBe("Chỉ tiêu tại ngày 01/01/2010 — Ban Cũ (mã 900)");
    expect(past).toMatch(/I1 +\| Tỷ lệ cán bộ trẻ +\| +0 \| +0 \| +— \| +≥ 15% \| Chưa có dữ liệu/);
  });

  it("answers an unknown unit code with a Vietnamese usage error", async () => {
    const run = runIndicators(t.services, t.system, { asOf: "2026-01-01", unit: "999", format: "table" });
    await expect(run).rejects.toThrow(CliUsageError);
    await expect(run).rejects.toThrow('Không có đơn vị nào mang mã "999" vào ngày 01/01/2026');
  });

  it("exits with code 2 and says why when the date is not a date", () => {
    const run = spawnSync(process.execPath, ["cli/bin.mjs", "indicators", "--as-of", "2023-02-30"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "" },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Lỗi: Ngày không hợp lệ: "2023-02-30"');
    expect(run.stdout).toBe("");
  });
});

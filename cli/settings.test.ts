import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../server/test/harness.ts";
import { CliUsageError } from "./indicators.ts";
import { addSettingVersion, listSettings } from "./settings.ts";

// `canbo settings`: the rule parameters with their dated versions, and a version added from the command line
// through the same checks as the API; a mistake is a usage error that changes nothing.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("canbo settings", () => {
  it("lists every setting with its versions and citations", async () => {
    const text = await listSettings(t.services, t.system);
    expect(text).toContain("retirement.age\n  từ 01/01/1900");
    expect(text).toContain("căn cứ: Bộ luật Lao động 2019, Điều 169");
  });

  it("adds a version, which the listing then shows with who added it", async () => {
    const out = await addSettingVersion(t.services, t.system, {
      key: "retirement.notice",
      from: "2027-07-01",
      value: '{"informMonths":9,"decideMonths":3}',
      citation: "Nghị định thử nghiệm 2/2027/NĐ-CP",
    });
    expect(out).toBe("Đã thêm phiên bản của retirement.notice từ 01/07/2027.\n");
    expect(await listSettings(t.services, t.system)).toMatch(/từ 01\/07\/2027 {2}\{.*"informMonths":9/);
  });

  it.each([
    ["a date that does not exist", { from: "2027-02-30" }, /Ngày không hợp lệ/],
    ["a value that is not JSON", { value: "{informMonths:9}" }, /phải là JSON/],
    ["a value of the wrong shape", { value: '{"informMonths":"9"}' }, /không đúng cấu trúc/],
    ["an unknown setting", { key: "retirement.nope" }, /Không có tham số/],
    ["a date that already has a version", { from: "2021-01-01" }, /đã có một phiên bản/],
    ["no citation", { citation: " " }, /căn cứ pháp lý/],
  ])("refuses %s as a usage error and changes nothing", async (_case, change, message) => {
    const before = await listSettings(t.services, t.system);
    const input = {
      key: "retirement.notice",
      from: "2028-01-01",
      value: '{"informMonths":6,"decideMonths":3}',
      citation: "Văn bản thử",
      ...change,
    };
    const error = await addSettingVersion(t.services, t.system, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as Error).message).toMatch(message);
    expect(await listSettings(t.services, t.system)).toBe(before);
  });
});

import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";

// The short adoption journey of issue 10: a department brings its organisation and its people. As the
// administrator: import a small tree under the existing root (first with an unknown parent code, which
// the check reports and nothing is written; then fixed and imported), import three cadres into two of
// the new units through the cadre import page, export them, and check that the exported file imported
// again changes nothing.

let browser: Browser;
let page: Page;
const baseUrl = inject("baseUrl");
const stamp = Date.now().toString(36).slice(-5).toUpperCase();
const code = (suffix: string) => `T${stamp}-${suffix}`;
let rootCode: string;

const TREE_HEADER =
  "Mã đơn vị,Tên đơn vị,Loại đơn vị,Khối,Mã đơn vị cấp trên,Mã địa danh,Hoạt động từ ngày,Hoạt động đến ngày";

/** A root's new children: two offices, a district with two communes, a school under the first commune. */
function treeCsv(schoolParent: string): string {
  const rows = [
    [code("NV"), `Phòng Nội vụ thử nghiệm ${stamp}`, "department", "", rootCode],
    [code("TC"), `Phòng Tài chính thử nghiệm ${stamp}`, "department", "", rootCode],
    [code("H"), `Huyện Thử Nghiệm ${stamp}`, "district", "", rootCode],
    [code("X1"), `Xã An Bình ${stamp}`, "commune", "", code("H")],
    [code("X2"), `Xã Phú Lộc ${stamp}`, "commune", "", code("H")],
    [code("TH"), `Trường Tiểu học An Bình ${stamp}`, "public_service_unit", "", schoolParent],
  ];
  return [TREE_HEADER, ...rows.map((r) => [...r, "", "01/01/2026", ""].join(","))].join("\r\n");
}

const staff = [
  [`${stamp}-001`, "Nguyễn Thị Lan", "Nữ", "12/03/1985", code("X1")],
  [`${stamp}-002`, "Trần Văn Hùng", "Nam", "05/09/1979", code("X1")],
  [`${stamp}-003`, "Lê Thị Mai", "Nữ", "20/11/1990", code("TH")],
];

/** The cadre import's columns (docs/import-format.md), by their keys. */
function cadresCsv(): string {
  const header = "staffCode,fullName,sex,birthDate,staffType,unitCode,titleCode,assignmentFrom";
  const rows = staff.map(([staffCode, name, sex, born, unit]) =>
    [staffCode, name, sex, born, "Công chức", unit, "expert", "01/02/2026"].join(","),
  );
  return [header, ...rows].join("\r\n");
}

const csvFile = (name: string, text: string) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(text, "utf8"),
});

type Node = { id: number; parentId: number | null; code: string | null; name: string };
async function treeNodes(): Promise<Node[]> {
  const res = await page.request.get(`${baseUrl}/api/units/tree`);
  expect(res.ok()).toBe(true);
  return (await res.json()).nodes as Node[];
}

const countOf = async (testId: string) =>
  (await page.getByTestId(testId).locator(".ant-statistic-content-value").textContent())?.trim();

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: "vi-VN",
    acceptDownloads: true,
  });
  page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByTestId("login-username").fill("admin");
  await page.getByTestId("login-password").fill(inject("adminPassword"));
  await page.getByTestId("login-submit").click();
  await page.getByTestId("home-welcome").waitFor();
  const roots = (await treeNodes()).filter((n) => n.parentId === null && n.code);
  expect(roots.length).toBeGreaterThan(0);
  rootCode = roots[0]!.code!;
});
afterAll(async () => {
  await browser?.close();
});

describe("adoption journey", () => {
  it("checks a tree file with an unknown parent code: the row error is shown and nothing is written", async () => {
    await page.getByTestId("menu-units").click();
    await page.getByTestId("unit-tree").waitFor();
    await page.getByTestId("units-import").click();
    const panel = page.getByTestId("tree-import");
    await panel.waitFor();
    await panel
      .locator("input[type=file]")
      .setInputFiles(csvFile("co-cau-loi.csv", treeCsv(code("KHONGCO"))));
    await page.getByTestId("tree-import-dry-run").click();
    const errors = page.getByTestId("tree-import-errors");
    await errors.waitFor({ timeout: 30_000 });
    // One error, on the school's row (the header is row 1), in the parent code's column.
    const rows = errors.locator("tbody tr.ant-table-row");
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator("td").allTextContents();
    expect(cells.slice(0, 3)).toEqual(["Đơn vị", "7", "Mã đơn vị cấp trên"]);
    expect(cells[3]).toContain(`Không tìm thấy đơn vị cấp trên mã ${code("KHONGCO")}`);
    expect(await page.getByTestId("tree-import-status").textContent()).toContain("1 lỗi");
    expect(await page.getByTestId("tree-import-run").isDisabled()).toBe(true);
    const codes = new Set((await treeNodes()).map((n) => n.code));
    expect(codes.has(code("NV"))).toBe(false);
    expect(codes.has(code("H"))).toBe(false);
  });

  it("imports the fixed file and sees the new units in the tree", async () => {
    const panel = page.getByTestId("tree-import");
    await panel.locator("input[type=file]").setInputFiles(csvFile("co-cau.csv", treeCsv(code("X1"))));
    await page.getByTestId("tree-import-dry-run").click();
    await expect
      .poll(() => page.getByTestId("tree-import-status").textContent(), { timeout: 30_000 })
      .toContain("Tệp hợp lệ");
    expect(await countOf("tree-import-count-created")).toBe("6");
    await page.getByTestId("tree-import-run").click();
    await page.locator(".ant-modal-confirm").getByRole("button", { name: "Nhập", exact: true }).click();
    const result = page.getByTestId("tree-import-result");
    await expect
      .poll(() => result.getByTestId("tree-import-status").textContent(), { timeout: 30_000 })
      .toContain("Đã nhập xong: 6 đơn vị mới");
    const byCode = new Map((await treeNodes()).map((n) => [n.code, n]));
    expect(byCode.get(code("X1"))?.parentId).toBe(byCode.get(code("H"))?.id);
    expect(byCode.get(code("TH"))?.parentId).toBe(byCode.get(code("X1"))?.id);
    // Back on the tree, which has been refreshed: the school is there.
    await page.getByTestId("tree-import-close").click();
    await page.getByTestId("unit-search").fill(`Trường Tiểu học An Bình ${stamp}`);
    const school = page.locator('[data-testid^="unit-node-"]', {
      hasText: `Trường Tiểu học An Bình ${stamp}`,
    });
    await school.first().waitFor({ timeout: 30_000 });
  });

  it("imports three cadres into two of the new units", async () => {
    await page.goto(`${baseUrl}/cadres/import`);
    await page.locator("input[type=file]").setInputFiles(csvFile("can-bo.csv", cadresCsv()));
    await page.getByTestId("import-dry-run").click();
    await expect
      .poll(() => page.getByTestId("import-status").textContent(), { timeout: 60_000 })
      .toContain("Tệp hợp lệ");
    expect(await countOf("import-count-created")).toBe("3");
    await page.getByTestId("import-run").click();
    await page
      .locator(".ant-modal-confirm")
      .getByRole("button", { name: "Nhập dữ liệu", exact: true })
      .click();
    const result = page.getByTestId("import-result");
    await expect
      .poll(() => result.getByTestId("import-status").textContent(), { timeout: 60_000 })
      .toContain("Đã nhập xong: 3 hồ sơ mới");
  });

  it("exports the district's cadres, and the exported file imported again changes nothing", async () => {
    const district = (await treeNodes()).find((n) => n.code === code("H"));
    expect(district).toBeDefined();
    await page.goto(`${baseUrl}/cadres?unitId=${district!.id}`);
    await page.getByTestId("cadre-export-csv").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("cadre-export-csv").click(),
    ]);
    const exported = fs.readFileSync(await download.path());
    const text = exported.toString("utf8");
    for (const [staffCode, name] of staff) {
      expect(text).toContain(staffCode);
      expect(text).toContain(name);
    }
    expect(text).toContain(`Xã An Bình ${stamp}`); // the unit's name beside its code

    await page.goto(`${baseUrl}/cadres/import`);
    await page.locator("input[type=file]").setInputFiles({
      name: download.suggestedFilename(),
      mimeType: "text/csv",
      buffer: exported,
    });
    await page.getByTestId("import-dry-run").click();
    await expect
      .poll(() => page.getByTestId("import-status").textContent(), { timeout: 60_000 })
      .toContain("Tệp hợp lệ");
    expect(await countOf("import-count-rows")).toBe("3");
    expect(await countOf("import-count-created")).toBe("0");
    expect(await countOf("import-count-updated")).toBe("0");
    expect(await countOf("import-count-unchanged")).toBe("3");
  });
});

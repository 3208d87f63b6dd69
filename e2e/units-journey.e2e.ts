import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";

// The foundation journey of issue #2: log in, create a unit under a ward, rename it, see both
// changes on the audit page, log out — in Debian's chromium against `canbo start --demo`.

let browser: Browser;
let page: Page;
const baseUrl = inject("baseUrl");
const stamp = Date.now().toString(36).slice(-5).toUpperCase();
const createdName = `Phòng Văn hóa và Thông tin E2E ${stamp}`;
const renamedName = `Phòng Văn hóa, Thể thao E2E ${stamp}`;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "vi-VN" });
});
afterAll(async () => {
  await browser?.close();
});

describe("foundation journey", () => {
  it("logs in with the admin account", async () => {
    await page.goto(baseUrl);
    await page.getByTestId("login-username").fill("admin");
    await page.getByTestId("login-password").fill(inject("adminPassword"));
    await page.getByTestId("login-submit").click();
    await page.getByTestId("home-welcome").waitFor();
    expect(await page.getByTestId("current-user").textContent()).toContain("Quản trị");
  });

  it("finds a ward by its name typed without diacritics (the district it replaced ended on 30/6/2025)", async () => {
    await page.getByTestId("menu-units").click();
    await page.getByTestId("unit-tree").waitFor();
    await page.getByTestId("unit-search").fill("ba dinh");
    // Today's tree has no "Quận Ba Đình": the district level ended on 1/7/2025.
    const ward = page.locator('[data-testid^="unit-node-"]', { hasText: /^Phường Ba Đình$/ });
    await ward.first().click();
    await expect.poll(() => page.getByTestId("unit-detail-name").textContent()).toBe("Phường Ba Đình");
    expect(await page.locator('[data-testid^="unit-node-"]', { hasText: /^Quận Ba Đình$/ }).count()).toBe(0);
  });

  it("creates a unit under the ward", async () => {
    await page.getByTestId("unit-create").click();
    await page.getByTestId("unit-form-name").fill(createdName);
    await page.getByTestId("unit-form-code").fill(`E2E${stamp}`);
    // Started at the beginning of the year, typed dd/mm/yyyy; Enter confirms the date, the button submits.
    const start = page
      .locator('[data-testid="unit-form-date"]')
      .locator("xpath=self::input | .//input")
      .first();
    await start.fill("01/01/2026");
    await start.press("Enter");
    await page.getByTestId("unit-form-submit").click();
    await page.getByTestId("unit-form-name").waitFor({ state: "detached" });
    // The new unit appears in the tree under the ward; open it.
    await page.getByTestId("unit-search").fill(stamp);
    const created = page.locator('[data-testid^="unit-node-"]', { hasText: createdName });
    await created.first().click();
    await expect
      .poll(() => page.getByTestId("unit-detail-name").textContent(), { timeout: 30_000 })
      .toBe(createdName);
    expect(await page.getByTestId("unit-path").textContent()).toContain("Phường Ba Đình");
    expect(await page.getByTestId("unit-detail").textContent()).toContain("01/01/2026");
  });

  it("renames it and keeps the old name in its history", async () => {
    await page.getByTestId("unit-rename").click();
    const name = page.getByTestId("unit-form-name");
    // The dialog starts with the current name; type over it once it is there.
    await expect.poll(() => name.inputValue(), { timeout: 30_000 }).toBe(createdName);
    await name.fill(renamedName);
    await expect.poll(() => name.inputValue()).toBe(renamedName);
    await page.getByTestId("unit-form-submit").click();
    await expect
      .poll(() => page.getByTestId("unit-detail-name").textContent(), { timeout: 30_000 })
      .toBe(renamedName);
    const history = (await page.getByTestId("unit-history").textContent()) ?? "";
    expect(history).toContain(createdName);
    expect(history).toContain(renamedName);
  });

  it("shows both changes on the audit page", async () => {
    await page.getByTestId("menu-audit").click();
    const table = page.getByTestId("audit-table");
    await table.waitFor();
    // Narrow the trail to this run's unit by the text of its values, then open both rows.
    await page.getByTestId("audit-filter-text").fill(stamp);
    await page.getByTestId("audit-filter-submit").click();
    await expect.poll(() => table.locator("tbody tr.ant-table-row").count(), { timeout: 30_000 }).toBe(2);
    const rows = (await table.textContent()) ?? "";
    expect(rows).toContain("Thêm đơn vị");
    expect(rows).toContain("Đổi tên đơn vị");
    for (const icon of await table.locator("tbody .ant-table-row-expand-icon").all()) await icon.click();
    await expect.poll(() => table.textContent()).toContain(renamedName);
    expect(await table.textContent()).toContain(createdName);
  });

  it("logs out and lands on the login page", async () => {
    await page.getByTestId("logout").click();
    await page.getByTestId("login-username").waitFor();
    const me = await page.request.get(`${baseUrl}/api/auth/me`);
    expect(me.status()).toBe(401);
  });
});

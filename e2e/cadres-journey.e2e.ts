import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { foldVietnamese } from "../common/text/vietnamese.ts";
import { launchBrowser } from "./browser.ts";

// The cadre-record journey of issue #3: find a person by an unaccented name, open the CV, change their
// political theory level, see the change in the history and on the audit page, download the DOCX.

let browser: Browser;
let page: Page;
const baseUrl = inject("baseUrl");
let person: { id: number; fullName: string };

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
  // A demo person with a Vietnamese name that has diacritics, whom the unaccented name finds on page 1.
  const res = await page.request.get(`${baseUrl}/api/cadres?q=nguyen&pageSize=50`);
  const rows = (await res.json()).items as { id: number; fullName: string }[];
  for (const r of rows.filter((x) => x.fullName !== foldVietnamese(x.fullName))) {
    const found = await page.request.get(
      `${baseUrl}/api/cadres?q=${encodeURIComponent(foldVietnamese(r.fullName))}&pageSize=50`,
    );
    if (((await found.json()).items as { id: number }[]).some((x) => x.id === r.id)) {
      person = r;
      break;
    }
  }
  expect(person).toBeDefined();
});
afterAll(async () => {
  await browser?.close();
});

describe("cadre record journey", () => {
  it("finds the person by the name typed without diacritics", async () => {
    await page.getByTestId("menu-cadres").click();
    const search = page.getByTestId("cadre-search");
    const typed = foldVietnamese(person.fullName);
    await search.waitFor();
    // Type until the page has taken the query into its URL (the box syncs with the URL on load).
    await expect
      .poll(
        async () => {
          if ((await search.inputValue()) !== typed) await search.fill(typed);
          return decodeURIComponent(page.url()).replace(/\+/g, " ");
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain(`q=${typed}`);
    const row = page.getByTestId(`cadre-row-${person.id}`);
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await expect
      .poll(() => page.getByTestId("cadre-detail-name").textContent(), { timeout: 30_000 })
      .toContain(person.fullName);
  });

  it("opens the CV on the official form", async () => {
    const [cv] = await Promise.all([
      page.context().waitForEvent("page"),
      page.getByTestId("cadre-cv-html").click(),
    ]);
    await cv.waitForLoadState();
    const text = (await cv.textContent("body")) ?? "";
    expect(text).toContain("SƠ YẾU LÝ LỊCH");
    expect(text).toContain(person.fullName.toUpperCase());
    await cv.close();
  });

  it("changes the political theory level and sees it in the history", async () => {
    await page.getByTestId("cadre-tab-qualifications").click();
    await page.getByTestId("history-add-qualifications-political_theory").click();
    // Each step is checked before the next: on a busy machine a click during the drop-down's animation
    // can be lost, and the form would then (rightly) refuse to save without a level.
    const level = page.getByTestId("history-level");
    await expect
      .poll(
        async () => {
          if (!((await level.textContent()) ?? "").includes("Cử nhân")) {
            await level.click();
            await page.locator(".ant-select-item-option", { hasText: "Cử nhân" }).first().click();
          }
          return level.textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain("Cử nhân");
    const obtained = page
      .locator('[data-testid="history-obtained-on"]')
      .locator("xpath=self::input | .//input")
      .first();
    await obtained.fill("15/03/2025");
    // Enter confirms the date only; the button submits.
    await obtained.press("Enter");
    expect(await obtained.inputValue()).toBe("15/03/2025");
    await page.getByTestId("history-form-submit").click();
    // The form closes once saved; if it stays open, what it says is the reason.
    const modal = page.locator(".ant-modal-wrap:visible");
    await expect
      .poll(
        async () => ((await modal.count()) ? `still open: ${await modal.first().textContent()}` : "closed"),
        {
          timeout: 30_000,
        },
      )
      .toBe("closed");
    const table = page.getByTestId("history-table-qualifications");
    await expect.poll(() => table.textContent(), { timeout: 30_000 }).toContain("15/03/2025");
    expect(await table.textContent()).toContain("Cử nhân");
  });

  it("shows the change on the audit page", async () => {
    await page.getByTestId("menu-audit").click();
    const table = page.getByTestId("audit-table");
    await table.waitFor();
    // Reads of the record (sensitive fields, audited) come after the change; the change is there too.
    await expect.poll(() => table.textContent(), { timeout: 30_000 }).toContain("Thêm trình độ");
    expect(await table.textContent()).toContain("Xem thông tin nhạy cảm");
  });

  it("downloads the CV as a Word document", async () => {
    await page.goBack();
    await page.getByTestId("cadre-cv-docx").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("cadre-cv-docx").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 2).toString()).toBe("PK"); // a zip container, as every .docx is
    expect(bytes.length).toBeGreaterThan(3000);
  });
});

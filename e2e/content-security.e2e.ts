import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";

// The pages work under the server's Content-Security-Policy (scripts from our own files only, styles
// inline for antd, no framing): chromium reports every directive it had to enforce, and none may be.

let browser: Browser;
let page: Page;
const baseUrl = inject("baseUrl");
const violations: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "vi-VN" });
  await page.exposeFunction("reportViolation", (text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
});
afterAll(async () => {
  await browser?.close();
});

describe("content security policy", () => {
  it("is sent with the page", async () => {
    const res = await page.goto(baseUrl);
    expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
    expect(res?.headers()["x-frame-options"]).toBe("DENY");
  });

  it("lets the app log in and draw its pages without a single violation", async () => {
    await page.getByTestId("login-username").fill("admin");
    await page.getByTestId("login-password").fill(inject("adminPassword"));
    await page.getByTestId("login-submit").click();
    await page.getByTestId("home-welcome").waitFor();
    await page.getByTestId("menu-units").click();
    await page.getByTestId("unit-tree").waitFor();
    await page.getByTestId("menu-dashboard").click();
    await page.getByTestId("dashboard-subtitle").waitFor();
    expect(violations.join("\n")).toBe("");
  });

  it("lets the API docs draw their operations without a single violation", async () => {
    await page.goto(`${baseUrl}/api/docs/`);
    await page.locator(".swagger-ui .opblock").first().waitFor({ timeout: 30_000 });
    expect(violations.join("\n")).toBe("");
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./test/harness.ts";

/** The built web app's index page has this shape: module scripts from /assets, nothing inline. */
const INDEX_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8" /><title>canbo</title>
<script type="module" crossorigin src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>`;

const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-web-"));
let t: TestApp;

beforeAll(async () => {
  fs.writeFileSync(path.join(webRoot, "index.html"), INDEX_HTML);
  t = await createTestApp({ webRoot });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string[]> {
  expect(typeof header, "content-security-policy header").toBe("string");
  return new Map(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("security headers", () => {
  it.each([
    ["the web app's page", "/"],
    ["a page of the web app's own routing", "/units"],
    ["the API", "/api/health"],
    ["an API error", "/api/no-such-route"],
    ["the API docs", "/api/docs"],
  ])("%s runs only our own scripts and cannot be framed", async (_case, url) => {
    const res = await t.app.inject({ method: "GET", url });
    expect(res.statusCode).toBeLessThan(500);
    const csp = directives(res.headers["content-security-policy"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serves pages whose scripts all come from files, as the policy requires", async () => {
    for (const url of ["/", "/api/docs/"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      const scripts = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, url).toBeGreaterThan(0);
      for (const [, attributes, content] of scripts) {
        expect(attributes, url).toMatch(/\bsrc=/);
        expect(content!.trim(), url).toBe("");
      }
      expect(res.body, url).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it("does not ask for HTTPS when the server runs without it (secure cookies off)", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("asks browsers to keep to HTTPS when cookies are secure", async () => {
    const secure = await createTestApp({ secureCookies: true });
    try {
      for (const url of ["/", "/api/health"]) {
        const res = await secure.app.inject({ method: "GET", url });
        expect(res.headers["strict-transport-security"], url).toMatch(/^max-age=\d{7,}/);
      }
    } finally {
      await secure.close();
    }
  });
});

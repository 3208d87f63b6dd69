import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createTestApp, grantToApp, type TestApp } from "../test/harness.ts";
import { errorForLog, urlForLog } from "./log.ts";

/** A person whose every value would be a leak if it reached the log. */
const PERSON = {
  staffCode: "LOG-0001",
  idNumber: "001190004242",
  fullName: "Trần Thị Bí Mật",
  sex: "female",
  birthDate: "1990-04-02",
  staffType: "civil_servant",
  phone: "0912 345 678",
  residence: "Số 9 ngõ Kín, phường Giấu Tên",
};
const PERSONAL_VALUES = ["001190004242", "Bí Mật", "0912 345 678", "ngõ Kín", "Giấu Tên"];

let t: TestApp;
let headers: Record<string, string>;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ logStream: { write: (line) => void lines.push(line) } });
  headers = (await t.userSession({ username: "admin.log", roles: ["admin"] })).headers;
});
afterAll(async () => t?.close());

const logText = () => lines.join("");

describe(`the log (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("records a failed query by its statement and SQLSTATE, without the values of its parameters", async () => {
    // A fault of the server's own making: the statement that writes a person no longer fits the table.
    await t.database.owner.pool.query("ALTER TABLE cadres RENAME COLUMN residence TO residence_moved");
    try {
      lines.length = 0;
      const res = await t.app.inject({ method: "POST", url: "/api/cadres", headers, payload: PERSON });
      expect(res.statusCode, res.body).toBe(500);
    } finally {
      await t.database.owner.pool.query("ALTER TABLE cadres RENAME COLUMN residence_moved TO residence");
    }
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const failure = logged.find((l) => l.msg === "unhandled error") as { err: Record<string, unknown> };
    expect(failure, logText()).toBeDefined();
    // Enough to find the fault: the statement (placeholders only), the SQLSTATE, the stack.
    expect(String(failure.err.message)).toMatch(/^Failed query: insert into "cadres" .*\$1/);
    expect(failure.err.cause).toMatchObject({ code: "42703" });
    expect(String(failure.err.stack)).toMatch(/\n\s+at /);
    for (const value of PERSONAL_VALUES) expect(logText()).not.toContain(value);
    expect(logText()).not.toMatch(/params:/);
  });

  it("writes no line for an ordinary request at the default level, one at debug", async () => {
    lines.length = 0;
    const quiet = await t.app.inject({ method: "GET", url: "/api/units/tree", headers });
    expect(quiet.statusCode, quiet.body).toBe(200);
    expect(lines).toEqual([]);
    t.app.log.level = "debug";
    try {
      await t.app.inject({ method: "GET", url: "/api/units/tree", headers });
    } finally {
      t.app.log.level = "info";
    }
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; req?: { url: string } });
    expect(logged.filter((l) => l.msg === "request completed").map((l) => l.req?.url)).toEqual([
      "/api/units/tree",
    ]);
  });

  it("records a search's URL without the values asked for", async () => {
    lines.length = 0;
    t.app.log.level = "debug";
    onTestFinished(() => {
      t.app.log.level = "info";
    });
    const q = encodeURIComponent("Bí Mật");
    const res = await t.app.inject({
      method: "GET",
      url: `/api/cadres?q=${q}&idNumber=001190004242&page=1`,
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(logText()).toContain("/api/cadres?q=…&idNumber=…&page=…");
    expect(logText()).not.toContain("001190004242");
    expect(logText()).not.toContain(q);
  });

  it("drops the value PostgreSQL quotes in its message and names in its detail", async () => {
    const refused = await t.db.execute(sql`SELECT ${"0912345678x"}::int`).catch((e: unknown) => e);
    const duplicate = await t.database.pool
      .query("INSERT INTO cadres (staff_code) SELECT staff_code FROM cadres LIMIT 1")
      .catch((e: unknown) => e);
    await t.database.owner.db.execute(sql`CREATE TABLE log_probe (v text UNIQUE)`);
    await grantToApp(t.database, "log_probe");
    await t.db.execute(sql`INSERT INTO log_probe VALUES (${"001190004242"})`);
    const unique = await t.db
      .execute(sql`INSERT INTO log_probe VALUES (${"001190004242"})`)
      .catch((e: unknown) => e);
    const logged = JSON.stringify([refused, duplicate, unique].map((e) => errorForLog(e)));
    expect(logged).toContain('"code":"22P02"');
    expect(logged).toContain('"code":"23505"');
    expect(logged).not.toContain("0912345678x");
    expect(logged).not.toContain("001190004242");
  });
});

describe("urlForLog", () => {
  it.each([
    ["/api/units/5", "/api/units/5"],
    ["/api/cadres?q=Nguy%E1%BB%85n", "/api/cadres?q=…"],
    ["/api/audit?q=a&q=b&flag", "/api/audit?q=…&q=…&flag"],
    ["/api/cadres?", "/api/cadres?"],
  ])("%s → %s", (url, logged) => {
    expect(urlForLog(url)).toBe(logged);
  });
});

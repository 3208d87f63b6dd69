import fs from "node:fs";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { textCell, workbookOf } from "./hostile-files.test-helpers.ts";
import { spool } from "./imports.jobs.ts";
import {
  buildOrg,
  countRows,
  headerOf,
  personRow,
  tempDir,
  writeCsv,
  writeXlsx,
} from "./imports.test-helpers.ts";

/** Files refused as a whole: each gets a clear error and changes nothing. */

let t: TestApp;
const tmp = tempDir();
let before: Awaited<ReturnType<typeof countRows>>;

beforeAll(async () => {
  t = await createTestApp();
  await buildOrg(t);
  before = await countRows(t);
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

async function refusal(file: string): Promise<AppError> {
  try {
    await t.services.imports.importCadres(t.system, { path: file, fileName: file.split("/").pop()! });
  } catch (error) {
    expect(await countRows(t)).toEqual(before);
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the file was not refused");
}

describe("malformed files", () => {
  it("a picture or random bytes named .xlsx", async () => {
    fs.writeFileSync(tmp.file("photo.xlsx"), Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
    expect(await refusal(tmp.file("photo.xlsx"))).toMatchObject({
      code: "IMPORT_NOT_SPREADSHEET",
      details: { detected: "PNG" },
    });
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 256;
    fs.writeFileSync(tmp.file("random.xlsx"), random);
    expect((await refusal(tmp.file("random.xlsx"))).code).toBe("IMPORT_NOT_SPREADSHEET");
    fs.writeFileSync(tmp.file("old.xls"), Buffer.from("d0cf11e0a1b11ae1", "hex"));
    expect((await refusal(tmp.file("old.xls"))).code).toBe("IMPORT_OLD_EXCEL");
  });

  it("a damaged workbook, and a ZIP that is not a workbook", async () => {
    const good = await writeXlsx(tmp.file("good.xlsx"), [personRow(1)]);
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(tmp.file("truncated.xlsx"), bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await refusal(tmp.file("truncated.xlsx"))).code).toBe("IMPORT_XLSX_CORRUPT");
    // A Word document is a ZIP too.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("x");
    const zipOfOther = Buffer.from(await workbook.xlsx.writeBuffer());
    const renamed = Buffer.from(
      zipOfOther.toString("latin1").replaceAll("xl/workbook.xml", "xl/workbook.xmX"),
      "latin1",
    );
    fs.writeFileSync(tmp.file("other.xlsx"), renamed);
    expect((await refusal(tmp.file("other.xlsx"))).code).toBe("IMPORT_XLSX_CORRUPT");
  });

  it("an empty file, a file of blank lines, a header without rows", async () => {
    fs.writeFileSync(tmp.file("empty.csv"), "");
    expect((await refusal(tmp.file("empty.csv"))).code).toBe("IMPORT_FILE_EMPTY");
    fs.writeFileSync(tmp.file("blank.csv"), "\uFEFF\r\n\r\n ,, \r\n");
    expect((await refusal(tmp.file("blank.csv"))).code).toBe("IMPORT_FILE_EMPTY");
    const headerOnly = writeCsv(tmp.file("header.csv"), []);
    expect((await refusal(headerOnly)).code).toBe("IMPORT_NO_ROWS");
    const headerOnlyXlsx = await writeXlsx(tmp.file("header.xlsx"), []);
    expect((await refusal(headerOnlyXlsx)).code).toBe("IMPORT_NO_ROWS");
  });

  it("wrong headers: names the missing, unknown and repeated columns", async () => {
    const header = headerOf(["staffCode", "fullName", "sex", "staffType", "unitCode"]);
    header.push("Ngay sinh nhat", "Họ và tên");
    const file = writeCsv(tmp.file("headers.csv"), [personRow(2)], { header });
    const error = await refusal(file);
    expect(error.code).toBe("IMPORT_HEADERS_INVALID");
    expect(error.details).toMatchObject({
      missing: ["Ngày sinh", "Mã chức danh", "Ngày bắt đầu giữ chức danh"],
      unknown: ["F: Ngay sinh nhat"],
      duplicate: ["G: Họ và tên"],
    });
    expect((error.details as { summary: string }).summary).toMatch(/Thiếu cột: Ngày sinh/);
    // A table that is not ours at all.
    fs.writeFileSync(tmp.file("other.csv"), "a,b,c\r\n1,2,3\r\n");
    expect((await refusal(tmp.file("other.csv"))).code).toBe("IMPORT_HEADERS_INVALID");
  });

  it("a CSV with broken quoting names the row", async () => {
    const rows = [personRow(3), personRow(4), personRow(5)];
    const good = writeCsv(tmp.file("quotes.csv"), rows);
    const lines = fs.readFileSync(good, "utf8").split("\r\n");
    lines[2] = lines[2]!.replace("Hà Nội", 'Hà "Nội');
    fs.writeFileSync(tmp.file("broken.csv"), lines.join("\r\n"));
    expect(await refusal(tmp.file("broken.csv"))).toMatchObject({
      code: "IMPORT_CSV_MALFORMED",
      details: { row: 3 },
    });
    lines[2] = lines[2]!.replace('Hà "Nội', '"Hà Nội');
    fs.writeFileSync(tmp.file("unclosed.csv"), lines.join("\r\n"));
    expect(await refusal(tmp.file("unclosed.csv"))).toMatchObject({ code: "IMPORT_CSV_MALFORMED" });
  });

  it("a text file that is not UTF-8", async () => {
    const latin1 = Buffer.from("Số hiệu cán bộ,Họ và tên\r\nA1,Nguyễn Văn Á\r\n", "latin1");
    const withBadByte = Buffer.concat([Buffer.from("Số hiệu cán bộ\r\n"), Buffer.from([0xc3, 0x28]), latin1]);
    fs.writeFileSync(tmp.file("latin.csv"), withBadByte);
    expect((await refusal(tmp.file("latin.csv"))).code).toBe("IMPORT_NOT_SPREADSHEET");
  });
});

describe("uploads are spooled with a size limit", () => {
  it("stops an upload past the limit without keeping it", async () => {
    const source = new PassThrough();
    const target = tmp.file("spooled.csv");
    const done = spool(source, target, 100_000);
    source.write(`${headerOf(["staffCode"]).join(",")}\r\n`);
    for (let i = 0; i < 2000; i++) source.write(`CB${String(i).padStart(60, "0")}\r\n`);
    source.end();
    await expect(done).rejects.toMatchObject({ code: "IMPORT_FILE_TOO_LARGE" });
    expect(fs.existsSync(target)).toBe(false);
  });

  it("refuses junk from its first bytes, before the rest arrives", async () => {
    const source = new PassThrough();
    const done = spool(source, tmp.file("junk.bin"), 1e9);
    const chunk = Buffer.alloc(64 * 1024, 0);
    source.write(chunk);
    source.write(chunk); // more would follow; the spool has already said no
    await expect(done).rejects.toMatchObject({ code: "IMPORT_NOT_SPREADSHEET" });
    expect(source.destroyed).toBe(true);
  });
});

describe("hostile files through the upload route", () => {
  let admin: { headers: Record<string, string> };
  let baseline: Awaited<ReturnType<typeof countRows>>;
  beforeAll(async () => {
    admin = await t.userSession({ username: "admin-hostile", roles: ["admin"] });
    baseline = await countRows(t); // the session's own audit rows included
  });

  const post = (bytes: Buffer, name: string) =>
    t.app.inject({
      method: "POST",
      url: `/api/imports/cadres?fileName=${name}`,
      headers: { ...admin.headers, "content-type": "application/octet-stream" },
      payload: bytes,
    });

  it("answers 400 to the tiny workbook with a cell ZZZZZZZ1, and goes on serving", async () => {
    const bytes = workbookOf(`<row r="1">${textCell("ZZZZZZZ1", "x")}</row>`);
    expect(bytes.length).toBeLessThan(1024);
    const res = await post(bytes, "zzz.xlsx");
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "IMPORT_FILE_BEYOND_LIMITS", details: { cell: "ZZZZZZZ1" } });
    expect(res.json().message).toMatch(/XFD/);
    expect(await countRows(t)).toEqual(baseline);
    expect((await t.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
  });

  it("answers 80,000 unclosed <row> tags with a 400 quickly, while other requests are answered", async () => {
    const bytes = workbookOf("<row>".repeat(80_000));
    let healthChecks = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const res = await t.app.inject({ method: "GET", url: "/api/health" });
        if (res.statusCode === 200) healthChecks++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const started = performance.now();
    const res = await post(bytes, "rows.xlsx");
    const seconds = (performance.now() - started) / 1000;
    polling = false;
    await poll;
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "IMPORT_XLSX_CORRUPT" });
    expect(seconds).toBeLessThan(10);
    expect(healthChecks).toBeGreaterThan(0);
    expect(await countRows(t)).toEqual(baseline);
  });

  it("answers a zip bomb with a 400", async () => {
    const res = await post(workbookOf(" ".repeat(64 * 1024 * 1024)), "bomb.xlsx");
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "IMPORT_XLSX_INFLATED" });
    expect(await countRows(t)).toEqual(baseline);
  });
});

describe("bad cells in the report", () => {
  it("echoes at most 100 characters of a bad cell", async () => {
    const file = writeCsv(tmp.file("long-cell.csv"), [
      personRow(7, { fullName: `Nguyễn ${"A".repeat(30_000)}` }),
    ]);
    const report = await t.services.imports.importCadres(t.system, { path: file, fileName: "long-cell.csv" });
    const error = report.errors.find((e) => e.column === "fullName")!;
    expect(error.value).toHaveLength(101);
    expect(error.value!.startsWith("Nguyễn AAA")).toBe(true);
    expect(report.committed).toBe(false);
  });
});

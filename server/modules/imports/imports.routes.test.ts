import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportJob, ImportReport } from "../../../common/contracts/imports.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import {
  ALL_KEYS,
  buildOrg,
  countRows,
  type Org,
  personRow,
  type RowValues,
  readXlsx,
  tempDir,
  writeCsv,
  writeXlsx,
} from "./imports.test-helpers.ts";

let t: TestApp;
let org: Org;
let admin: { headers: Record<string, string> };
/** An organisation officer of district 001 (wards 00001, 00004, 00777), without sensitive fields. */
let officer: { headers: Record<string, string> };
let leader: { headers: Record<string, string> };
const tmp = tempDir();
let serial = 300_000;

const NON_SENSITIVE = ALL_KEYS.filter(
  (k) => !["idNumber", "ethnicityCode", "ethnicityName", "religionCode", "religionName"].includes(k),
);

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
  officer = await t.userSession({ username: "officer1", roles: ["officer"], scopeUnitIds: [org.A] });
  leader = await t.userSession({ username: "leader1", roles: ["leader"], scopeUnitIds: [org.A] });
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

function freshRows(n: number, overrides: (i: number) => RowValues = () => ({})): RowValues[] {
  const start = serial;
  serial += n;
  return Array.from({ length: n }, (_, k) => personRow(start + k, overrides(start + k)));
}

/** A multipart/form-data body with one file field. */
function multipart(fileName: string, content: Buffer, type = "application/octet-stream") {
  const boundary = `----canbo${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

async function upload(
  session: { headers: Record<string, string> },
  file: string,
  query = "",
  as: "multipart" | "raw" = "multipart",
) {
  const content = fs.readFileSync(file);
  const name = file.split("/").pop()!;
  if (as === "raw") {
    return t.app.inject({
      method: "POST",
      url: `/api/imports/cadres?fileName=${encodeURIComponent(name)}${query ? `&${query}` : ""}`,
      headers: { ...session.headers, "content-type": "application/octet-stream" },
      payload: content,
    });
  }
  const body = multipart(name, content);
  return t.app.inject({
    method: "POST",
    url: `/api/imports/cadres${query ? `?${query}` : ""}`,
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
}

describe("template", () => {
  it("has the header, a hint row, and a sheet Hướng dẫn with the columns and the valid codes", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/imports/template?format=xlsx",
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain("mau-nhap-can-bo.xlsx");
    const file = tmp.file("template.xlsx");
    fs.writeFileSync(file, res.rawPayload);
    const sheet = await readXlsx(file, "Cán bộ");
    expect(sheet[0]).toContain("Số hiệu cán bộ");
    expect(sheet[0]).toContain("Số định danh cá nhân");
    expect(sheet[1]![0]).toMatch(/Bắt buộc/);
    const guide = (await readXlsx(file, "Hướng dẫn")).map((r) => r.join("|"));
    expect(guide.some((l) => l.startsWith("Ngày sinh|birthDate|Có"))).toBe(true);
    expect(guide.some((l) => l.startsWith("00001|Phường Phúc Xá"))).toBe(true);
    expect(guide.some((l) => l.startsWith("university|Đại học"))).toBe(true);
    expect(guide.some((l) => l.startsWith("expert|Chuyên viên"))).toBe(true);
    // The template itself, untouched, is header and hints only: nothing to import.
    const res2 = await upload(admin, file);
    expect(res2.statusCode).toBe(400);
    expect(res2.json().code).toBe("IMPORT_NO_ROWS");
  });

  it("leaves out sensitive columns and units outside the scope for an officer without cadres.sensitive", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/imports/template?format=csv",
      headers: officer.headers,
    });
    expect(res.statusCode).toBe(200);
    const header = res.body.replace(/^\uFEFF/, "").split("\r\n")[0]!;
    expect(header).toContain("Số hiệu cán bộ");
    expect(header).not.toContain("Số định danh cá nhân");
    expect(header).not.toContain("Mã dân tộc");
    const xlsx = await t.app.inject({
      method: "GET",
      url: "/api/imports/template",
      headers: officer.headers,
    });
    const file = tmp.file("template-officer.xlsx");
    fs.writeFileSync(file, xlsx.rawPayload);
    const guide = (await readXlsx(file, "Hướng dẫn")).map((r) => r.join("|"));
    expect(guide.some((l) => l.startsWith("00001|"))).toBe(true);
    expect(guide.some((l) => l.startsWith("00500|"))).toBe(false);
  });

  it("is refused to users who may not import", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/imports/template", headers: leader.headers });
    expect(res.statusCode).toBe(403);
  });
});

describe("uploads", () => {
  it("a multipart dry run reports and changes nothing; a raw upload imports", async () => {
    const rows = freshRows(20);
    const file = await writeXlsx(tmp.file("api.xlsx"), rows);
    const before = await countRows(t);
    const dry = await upload(admin, file, "dryRun=true");
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, committed: false, created: 20, errorCount: 0 });
    expect(await countRows(t)).toEqual(before);

    const real = await upload(admin, file, "", "raw");
    expect(real.statusCode).toBe(200);
    const report = real.json() as ImportReport;
    expect(report).toMatchObject({ committed: true, created: 20, fileName: "api.xlsx" });
    const job = await t.app.inject({
      method: "GET",
      url: `/api/imports/${report.id}`,
      headers: admin.headers,
    });
    expect(job.json()).toMatchObject({ status: "done", progress: { read: 20, validated: 20, written: 20 } });
    // Another user cannot see the job.
    const other = await t.app.inject({
      method: "GET",
      url: `/api/imports/${report.id}`,
      headers: officer.headers,
    });
    expect(other.statusCode).toBe(404);
  });

  it("runs as a job with progress when asked, and serves the error file of bad rows", async () => {
    const rows = freshRows(30);
    const goodBirthDate = String(rows[9]!.birthDate);
    rows[4]!.titleCode = "khong_co";
    rows[9]!.birthDate = "1/13/1980";
    const file = await writeXlsx(tmp.file("async.xlsx"), rows);
    const started = await upload(admin, file, "async=true");
    expect(started.statusCode).toBe(202);
    const { id } = started.json() as ImportJob;
    let job: ImportJob;
    for (;;) {
      job = (await t.app.inject({ method: "GET", url: `/api/imports/${id}`, headers: admin.headers })).json();
      if (job.status !== "running") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job.status).toBe("done");
    expect(job.report).toMatchObject({ committed: false, invalidRows: 2 });
    expect(job.report!.errors.map((e) => e.row)).toEqual([6, 11]);
    expect(job.report!.errorFileUrl).toBe(`/api/imports/${id}/error-file`);
    const errorFile = await t.app.inject({
      method: "GET",
      url: job.report!.errorFileUrl!,
      headers: admin.headers,
    });
    expect(errorFile.statusCode).toBe(200);
    expect(errorFile.headers["content-disposition"]).toContain("async-loi.xlsx");
    const saved = tmp.file("async-loi.xlsx");
    fs.writeFileSync(saved, errorFile.rawPayload);
    const sheet = await readXlsx(saved);
    const errorColumn = sheet[0]!.length - 1;
    expect(sheet[0]![errorColumn]).toBe("Lỗi");
    expect(sheet[5]![errorColumn]).toMatch(/Không có chức danh mã “khong_co”/);
    expect(sheet[10]![errorColumn]).toMatch(/Ngày sinh không hợp lệ/);
    expect(sheet[3]![errorColumn] ?? "").toBe("");
    // Fixed and uploaded again, the error file imports (its column Lỗi is ignored).
    sheet[5]![ALL_KEYS.indexOf("titleCode")] = "expert";
    sheet[10]![ALL_KEYS.indexOf("birthDate")] = goodBirthDate;
    const fixed = tmp.file("fixed.csv");
    fs.writeFileSync(
      fixed,
      `\uFEFF${sheet.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n")}\r\n`,
    );
    const again = await upload(admin, fixed);
    expect(again.json()).toMatchObject({ committed: true, created: 30, errorCount: 0 });
  });

  it("refuses files that are not spreadsheets as soon as their first bytes are read", async () => {
    const before = await countRows(t);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(2000, 7),
    ]);
    fs.writeFileSync(tmp.file("photo.xlsx"), png);
    const res = await upload(admin, tmp.file("photo.xlsx"));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "IMPORT_NOT_SPREADSHEET", details: { detected: "PNG" } });

    // 50 MB of random bytes: refused from the first 64 KB, the rest never spooled.
    const junk = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < junk.length; i += 4)
      junk.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
    const started = Date.now();
    const big = await t.app.inject({
      method: "POST",
      url: "/api/imports/cadres?fileName=junk.xlsx",
      headers: { ...admin.headers, "content-type": "application/octet-stream" },
      payload: junk,
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().code).toBe("IMPORT_NOT_SPREADSHEET");
    expect(Date.now() - started).toBeLessThan(10_000);

    const empty = await t.app.inject({
      method: "POST",
      url: "/api/imports/cadres?fileName=empty.csv",
      headers: { ...admin.headers, "content-type": "application/octet-stream" },
      payload: Buffer.alloc(0),
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe("IMPORT_FILE_EMPTY");
    expect(await countRows(t)).toEqual(before);
  });

  it("needs cadres.import", async () => {
    const file = await writeXlsx(tmp.file("leader.xlsx"), freshRows(1));
    const res = await upload(leader, file);
    expect(res.statusCode).toBe(403);
  });
});

describe("scope", () => {
  it("an officer cannot import into units outside their scope, nor change people outside it", async () => {
    // Someone in commune 00500 (district 017), outside the officer's district.
    const [outsider] = freshRows(1, () => ({ unitCode: "00500" }));
    const seeded = await upload(admin, await writeXlsx(tmp.file("outsider.xlsx"), [outsider!]));
    expect(seeded.json()).toMatchObject({ committed: true });

    const before = await countRows(t);
    const rows = freshRows(4);
    rows[1]!.unitCode = "00500"; // a new person placed outside the scope
    rows[2]!.unitCode = ""; // a new person without a unit
    rows[2]!.titleCode = "";
    rows[2]!.assignmentFrom = "";
    const moved = { ...outsider!, unitCode: "00001", assignmentFrom: "01/06/2025" }; // moved in by the officer
    const file = writeCsv(tmp.file("scoped.csv"), [...rows, moved], { keys: NON_SENSITIVE });
    const res = await upload(officer, file);
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "unitCode"],
      [4, "unitCode"],
      [6, "staffCode"],
    ]);
    expect(report.errors[0]!.message).toMatch(/ngoài phạm vi quản lý/);
    expect(report.errors[1]!.message).toMatch(/Hồ sơ mới cần Mã đơn vị công tác/);
    expect(report.errors[2]!.message).toMatch(/ngoài phạm vi quản lý/);
    expect(await countRows(t)).toEqual(before);

    // The rows in scope alone go through.
    const ok = writeCsv(tmp.file("scoped-ok.csv"), [rows[0]!, rows[3]!], { keys: NON_SENSITIVE });
    expect((await upload(officer, ok)).json()).toMatchObject({ committed: true, created: 2 });
  });

  it("refuses sensitive columns from an officer without cadres.sensitive, naming them", async () => {
    const file = await writeXlsx(tmp.file("sensitive.xlsx"), freshRows(1));
    const res = await upload(officer, file);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: "IMPORT_SENSITIVE_COLUMNS",
      details: {
        columns: ["Số định danh cá nhân", "Mã dân tộc", "Tên dân tộc", "Mã tôn giáo", "Tên tôn giáo"],
      },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import {
  buildOrg,
  countRows,
  idNumberFor,
  personRow,
  type RowValues,
  tempDir,
  writeCsv,
} from "./imports.test-helpers.ts";

/**
 * One rule for every way into the records: each bad value below is refused by the API (POST /api/cadres)
 * and by the spreadsheet import alike, naming the same field, and neither writes anything.
 */
let t: TestApp;
let headers: Record<string, string>;
const tmp = tempDir();

beforeAll(async () => {
  t = await createTestApp();
  await buildOrg(t);
  headers = (await t.userSession({ username: "paths-admin", roles: ["admin"] })).headers;
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

type Case = {
  field: "phone" | "email" | "staffCode" | "fullName" | "idNumber" | "birthDate";
  api: unknown;
  file: string;
};

const BAD: Case[] = [
  { field: "phone", api: "<script>alert(1)</script>", file: "<script>alert(1)</script>" },
  { field: "phone", api: "12", file: "12" },
  { field: "phone", api: "0912 345 678 ext. abc", file: "0912 345 678 ext. abc" },
  { field: "email", api: "a@b", file: "a@b" },
  { field: "email", api: "x<y>@hanoi.gov.vn", file: "x<y>@hanoi.gov.vn" },
  { field: "email", api: `${"a".repeat(195)}@hanoi.gov.vn`, file: `${"a".repeat(195)}@hanoi.gov.vn` },
  { field: "staffCode", api: "HN 0001", file: "HN 0001" },
  { field: "staffCode", api: "Ấ-0001", file: "Ấ-0001" },
  { field: "staffCode", api: "X".repeat(33), file: "X".repeat(33) },
  { field: "fullName", api: "Nguyễn Văn 2", file: "Nguyễn Văn 2" },
  { field: "fullName", api: "<b>Lê</b>", file: "<b>Lê</b>" },
  { field: "fullName", api: "A", file: "A" },
  { field: "idNumber", api: "12345", file: "12345" },
  { field: "birthDate", api: "2099-01-01", file: "01/01/2099" },
];

const apiBody = (c: Case, i: number) => ({
  staffCode: `PATH-${i}`,
  fullName: "Nguyễn Văn Ánh",
  sex: "male",
  birthDate: "1975-03-20",
  staffType: "civil_servant",
  idNumber: idNumberFor("male", "1975-03-20", 9000 + i),
  [c.field]: c.api,
});

describe("the same bad value through the API and through the import", () => {
  it.each(BAD.map((c, i) => [c.field, c.api, c, i] as const))(
    "%s = %j is refused by both, and nothing is written",
    async (_field, _value, c, i) => {
      const before = await countRows(t);

      const res = await t.app.inject({ method: "POST", url: "/api/cadres", headers, payload: apiBody(c, i) });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      const details = (res.json().details ?? []) as { field: string }[];
      expect(details.map((d) => d.field.replace(/^body\./, ""))).toContain(c.field);

      const row: RowValues = personRow(50_000 + i, { [c.field]: c.file });
      const file = writeCsv(tmp.file(`bad-${i}.csv`), [row]);
      const report = await t.services.imports.importCadres(t.system, {
        path: file,
        fileName: `bad-${i}.csv`,
      });
      expect(report.committed).toBe(false);
      expect(report.errors.map((e) => e.column)).toContain(c.field);

      expect(await countRows(t)).toEqual(before);
    },
  );

  it("accepts the same good values through both", async () => {
    const good = { phone: "(024) 3825.1234", email: "nguyen.van-anh@hanoi.gov.vn" };
    const res = await t.app.inject({
      method: "POST",
      url: "/api/cadres",
      headers,
      payload: { ...apiBody({ field: "phone", api: good.phone, file: "" }, 999), email: good.email },
    });
    expect(res.statusCode, res.body).toBe(201);
    const file = writeCsv(tmp.file("good.csv"), [personRow(60_000, good)]);
    const report = await t.services.imports.importCadres(t.system, { path: file, fileName: "good.csv" });
    expect(report).toMatchObject({ committed: true, created: 1 });
  });
});

import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CadreDetail, CadrePage } from "../../../common/contracts/cadres.ts";
import type { RetirementOverrideRow, RetiringPage } from "../../../common/contracts/retirement.ts";
import { retirementOf } from "../../../common/rules/retirement.ts";
import { SEED_RETIREMENT_SCHEDULES } from "../../seed/retirement-schedules.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, type Org, titleIds } from "./cadres.test-helpers.ts";
import { loadRetirementSettings } from "./retirement.settings.ts";
import { effectiveRetirementSql } from "./retirement.sql.ts";

type Session = { headers: Record<string, string> };

let t: TestApp;
let org: Org;
let officerA: Session; // scoped to district A
let officerB: Session; // scoped to district B
let make: ReturnType<typeof cadreFactory>;

/** People of district A and B, by name (the test clock's today is 2026-06-15). */
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  const titles = await titleIds(t);
  make = cadreFactory(t, { unitId: org.communeA1, titleId: titles.expert! });
  officerA = await t.userSession({
    username: "officer.a",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
  });
  officerB = await t.userSession({
    username: "officer.b",
    roles: ["officer"],
    scopeUnitIds: [org.districtB],
  });

  const people: [string, Parameters<typeof make>[0], "A" | "B"][] = [
    // Men reaching their age in 2026 retire at 61y6m; women at 57.
    ["Đỗ Văn Sáu", { fullName: "Đỗ Văn Sáu", birthDate: "1964-12-20" }, "A"], // 30/06/2026
    ["Lê Văn Tám", { fullName: "Lê Văn Tám", birthDate: "1965-02-05" }, "A"], // 31/08/2026
    ["Phan Văn Mười", { fullName: "Phan Văn Mười", birthDate: "1965-04-11" }, "A"], // 31/10/2026
    ["Vũ Văn Chạp", { fullName: "Vũ Văn Chạp", birthDate: "1965-06-11" }, "A"], // 31/12/2026: too late
    ["Ngô Thị Bảy", { fullName: "Ngô Thị Bảy", sex: "female", birthDate: "1969-08-03" }, "A"], // 31/08/2026
    // Only the year known: 1 January 1965 → 31/07/2026.
    [
      "Trịnh Văn Năm",
      { fullName: "Trịnh Văn Năm", birthDate: "1965-01-01", birthDatePrecision: "year" },
      "A",
    ],
    // Statutory 30/06/2032; retires early in the reorganisation (below).
    ["Cao Văn Sớm", { fullName: "Cao Văn Sớm", birthDate: "1970-06-10" }, "A"],
    // Left service before the date: not listed.
    ["Mai Văn Nghỉ", { fullName: "Mai Văn Nghỉ", birthDate: "1965-03-09", leftOn: "2026-03-31" }, "A"],
    ["Hà Văn Bên", { fullName: "Hà Văn Bên", birthDate: "1965-02-17" }, "B"], // 31/08/2026, district B
  ];
  const inB = { unitId: org.communeB1, titleId: titles.expert!, validFrom: "2010-01-01" };
  for (const [name, input, side] of people)
    ids[name] = (await make(side === "A" ? input : { ...input, assignment: inB })).id;
});
afterAll(async () => t?.close());

const call = (s: Session, method: "GET" | "POST", url: string, payload?: object) =>
  t.app.inject({ method, url: `/api${url}`, headers: s.headers, ...(payload ? { payload } : {}) });

async function retiring(s: Session, query: string): Promise<RetiringPage> {
  const res = await call(s, "GET", `/cadres/retiring?${query}`);
  expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
  return res.json() as RetiringPage;
}

async function counts() {
  const q = async (table: string) =>
    (await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  return { overrides: await q("cadre_retirement_overrides"), audit: await q("audit_log") };
}

describe("retirement date on the record (DOMAIN §6, shipped settings)", () => {
  it.each([
    ["male", "1961-01-01", "month", 723, "2021-05-01"],
    ["male", "1961-10-01", "month", 726, "2022-05-01"],
    ["male", "1965-01-01", "month", 738, "2026-08-01"],
    ["female", "1966-01-01", "month", 664, "2021-06-01"],
    ["female", "1966-09-01", "month", 668, "2022-06-01"],
    ["female", "1975-01-01", "month", 716, "2034-10-01"],
  ] as const)(
    "%s born %s (known to the %s): %i months, pension from %s",
    async (sex, born, precision, age, pension) => {
      // Out of service already, so that they stay out of the lists below.
      const p = await make({
        fullName: "Người Thử Véc",
        sex,
        birthDate: born,
        birthDatePrecision: precision,
        leftOn: "2020-12-31",
      });
      expect(p.computed.retirement).toMatchObject({
        ageMonths: age,
        pensionFrom: pension,
        statutoryDate: p.computed.retirement.retirementDate,
        overrideKind: null,
      });
    },
  );

  it("ships the settings the generator plans with, each with its citation", async () => {
    const settings = await loadRetirementSettings(t.db);
    expect(settings.schedules).toEqual(SEED_RETIREMENT_SCHEDULES);
    expect(settings.schedules[1]!.citation).toContain("Điều 169");
    expect(settings.notice[0]).toMatchObject({ informMonths: 6, decideMonths: 3 });
  });

  it("computes the same date in SQL as the rule, for every month of birth 1955–1990", async () => {
    const settings = await loadRetirementSettings(t.db);
    const result = await t.db.execute<{ sex: "male" | "female"; born: string; d: string }>(sql`
      SELECT x.sex, x.born::text AS born,
        ${effectiveRetirementSql(settings.schedules, { sex: sql.raw("x.sex"), birth: sql.raw("x.born") })}::text AS d
      FROM (SELECT s.sex, (g + interval '14 days')::date AS born
            FROM unnest(ARRAY['male', 'female']) s(sex),
                 generate_series('1955-01-01'::date, '1990-12-01'::date, interval '1 month') g) x
      LEFT JOIN LATERAL (SELECT NULL::text AS basis_kind, NULL::date AS retirement_date, NULL::int AS age_months) ro
        ON TRUE`);
    expect(result.rows.length).toBe(2 * 36 * 12);
    for (const r of result.rows)
      expect(r.d, `${r.sex} ${r.born}`).toBe(retirementOf(r.sex, r.born, settings.schedules).retirementDate);
  });
});

describe("birth date precision through the API", () => {
  it("keeps what is known and stores the first day", async () => {
    const res = await call(officerA, "POST", "/cadres", {
      staffCode: "PREC01",
      fullName: "Tạ Văn Năm",
      sex: "male",
      birthDate: "1975-06-15",
      birthDatePrecision: "year",
      staffType: "civil_servant",
      assignment: { unitId: org.communeA2, titleId: (await titleIds(t)).expert, validFrom: "2010-01-01" },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as CadreDetail;
    expect(created).toMatchObject({ birthDate: "1975-01-01", birthDatePrecision: "year" });
    const list = (await call(officerA, "GET", "/cadres?q=PREC01")).json() as CadrePage;
    expect(list.items[0]).toMatchObject({ birthDate: "1975-01-01", birthDatePrecision: "year" });

    const patched = await call(officerA, "PATCH" as "POST", `/cadres/${created.id}`, {
      version: created.version,
      birthDate: "1975-03-20",
      birthDatePrecision: "month",
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ birthDate: "1975-03-01", birthDatePrecision: "month" });
    const cv = await call(officerA, "GET", `/cadres/${created.id}/cv?format=html`);
    expect(cv.body).toContain("03/1975");
    expect(cv.body).not.toContain("01/03/1975");
  });

  it("refuses an unknown precision with 400, changing nothing", async () => {
    const before = await t.database.pool.query("SELECT count(*)::int AS n FROM cadres");
    const res = await call(officerA, "POST", "/cadres", {
      staffCode: "PREC02",
      fullName: "Tạ Văn Sai",
      sex: "male",
      birthDate: "1975-06-15",
      birthDatePrecision: "decade",
      staffType: "civil_servant",
      assignment: { unitId: org.communeA2, titleId: (await titleIds(t)).expert, validFrom: "2010-01-01" },
    });
    expect(res.statusCode).toBe(400);
    const after = await t.database.pool.query("SELECT count(*)::int AS n FROM cadres");
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe("retiring soon (notice rule: inform 6 months ahead, decide 3 months ahead)", () => {
  it("lists the people of the officer's units retiring within 6 and within 3 months, by date", async () => {
    const six = await retiring(officerA, "asOf=2026-06-15&within=6");
    expect(six).toMatchObject({ asOf: "2026-06-15", within: 6, until: "2026-12-15" });
    expect(six.notice).toMatchObject({ informMonths: 6, decideMonths: 3 });
    // By date, then by given name; Vũ Văn Chạp (31/12/2026) is past 15/12/2026, Mai Văn Nghỉ has left.
    expect(six.items.map((i) => [i.fullName, i.retirementDate])).toEqual([
      ["Đỗ Văn Sáu", "2026-06-30"],
      ["Trịnh Văn Năm", "2026-07-31"],
      ["Ngô Thị Bảy", "2026-08-31"],
      ["Lê Văn Tám", "2026-08-31"],
      ["Phan Văn Mười", "2026-10-31"],
    ]);
    expect(six.total).toBe(5);
    expect(six.items[1]).toMatchObject({
      birthDate: "1965-01-01",
      birthDatePrecision: "year",
      ageMonths: 738,
      pensionFrom: "2026-08-01",
      informBy: "2026-01-31",
      decideBy: "2026-04-30",
    });

    const three = await retiring(officerA, "asOf=2026-06-15&within=3");
    expect(three.items.map((i) => i.fullName)).toEqual([
      "Đỗ Văn Sáu",
      "Trịnh Văn Năm",
      "Ngô Thị Bảy",
      "Lê Văn Tám",
    ]);
    const page2 = await retiring(officerA, "asOf=2026-06-15&within=6&pageSize=2&page=2");
    expect(page2.items.map((i) => i.fullName)).toEqual(["Ngô Thị Bảy", "Lê Văn Tám"]);
    expect(page2.total).toBe(5);
  });

  it("shows an officer of another district nobody of district A", async () => {
    const b = await retiring(officerB, "asOf=2026-06-15&within=6");
    expect(b.items.map((i) => i.fullName)).toEqual(["Hà Văn Bên"]);
    const res = await call(officerB, "GET", `/cadres/retiring?asOf=2026-06-15&unitId=${org.districtA}`);
    expect(res.statusCode).toBe(404);
  });

  it("downloads the whole list as a spreadsheet, in the page's order with its notice dates, audited", async () => {
    const page = await retiring(officerA, "asOf=2026-06-15&within=6");
    const res = await call(officerA, "GET", "/cadres/retiring.xlsx?asOf=2026-06-15&within=6");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain("sap-nghi-huu-6-thang-2026-06-15.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 3) rows.push([3, 8, 10].map((c) => row.getCell(c).value));
    });
    // The dates are Excel dates of those days (shown dd/mm/yyyy), not text.
    expect(rows).toEqual(
      page.items.map((p) => [
        p.fullName,
        new Date(`${p.retirementDate}T00:00:00Z`),
        new Date(`${p.informBy}T00:00:00Z`),
      ]),
    );
    expect(sheet.getRow(4).getCell(8).numFmt).toBe("dd/mm/yyyy");
    const audit = await t.database.pool.query(
      "SELECT after FROM audit_log WHERE action = 'cadres.retiring_exported' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0].after).toMatchObject({ asOf: "2026-06-15", within: 6, rows: page.items.length });
  });

  it("refuses another district's officer the spreadsheet of district A, writing nothing", async () => {
    const before = await counts();
    const res = await call(officerB, "GET", `/cadres/retiring.xlsx?asOf=2026-06-15&unitId=${org.districtA}`);
    expect(res.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it.each(["within=0", "within=25", "within=six", "asOf=2026-02-30", "page=0"])(
    "refuses %s with 400",
    async (query) => {
      expect((await call(officerA, "GET", `/cadres/retiring?${query}`)).statusCode).toBe(400);
    },
  );
});

describe("retirement overrides", () => {
  it("moves the date on the record and in the list, from the override's date on", async () => {
    const id = ids["Cao Văn Sớm"]!;
    const before = await counts();
    const res = await call(officerA, "POST", `/cadres/${id}/retirement-overrides`, {
      validFrom: "2026-05-01",
      kind: "reorganisation",
      retirementDate: "2026-10-31",
      documentRef: "125/QĐ-UBND",
      documentDate: "2026-04-20",
      note: "Nghỉ hưu trước tuổi khi sắp xếp đơn vị hành chính",
      reason: "Quyết định của UBND quận",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: "reorganisation", effectiveDate: "2026-10-31" });
    expect(await counts()).toEqual({ overrides: before.overrides + 1, audit: before.audit + 1 });
    const audit = await t.database.pool.query(
      "SELECT action, after FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1",
      [String(id)],
    );
    expect(audit.rows[0]).toMatchObject({ action: "cadre.retirement_override_added" });
    expect(audit.rows[0].after).toMatchObject({ documentRef: "125/QĐ-UBND", statutoryDate: "2032-06-30" });

    const record = (await call(officerA, "GET", `/cadres/${id}`)).json() as CadreDetail;
    expect(record.computed.retirement).toMatchObject({
      retirementDate: "2026-10-31",
      pensionFrom: "2026-11-01",
      statutoryDate: "2032-06-30",
      overrideKind: "reorganisation",
    });
    const earlier = (await call(officerA, "GET", `/cadres/${id}?asOf=2026-04-30`)).json() as CadreDetail;
    expect(earlier.computed.retirement).toMatchObject({ retirementDate: "2032-06-30", overrideKind: null });

    const list = await retiring(officerA, "asOf=2026-06-15&within=6");
    expect(list.items.find((i) => i.id === id)).toMatchObject({
      retirementDate: "2026-10-31",
      statutoryDate: "2032-06-30",
      overrideKind: "reorganisation",
    });
    expect((await retiring(officerA, "asOf=2026-04-30&within=6")).items.some((i) => i.id === id)).toBe(false);
  });

  it("takes someone out of the list when a later retirement is recorded, and back with 'statutory'", async () => {
    const id = ids["Lê Văn Tám"]!;
    const add = (body: object) => call(officerA, "POST", `/cadres/${id}/retirement-overrides`, body);
    expect(
      (
        await add({
          validFrom: "2026-06-01",
          kind: "later_academic",
          ageMonths: 62 * 12 + 6,
          documentRef: "88/QĐ-ĐHQG",
        })
      ).statusCode,
    ).toBe(201);
    expect((await retiring(officerA, "asOf=2026-06-15&within=6")).items.some((i) => i.id === id)).toBe(false);
    const record = (await call(officerA, "GET", `/cadres/${id}`)).json() as CadreDetail;
    expect(record.computed.retirement).toMatchObject({ retirementDate: "2027-08-31", ageMonths: 750 });

    expect(
      (await add({ validFrom: "2026-06-10", kind: "statutory", documentRef: "90/QĐ-ĐHQG" })).statusCode,
    ).toBe(201);
    const back = await retiring(officerA, "asOf=2026-06-15&within=6");
    expect(back.items.find((i) => i.id === id)).toMatchObject({
      retirementDate: "2026-08-31",
      overrideKind: null,
    });
    const rows = (await call(officerA, "GET", `/cadres/${id}/retirement-overrides`)).json() as {
      items: RetirementOverrideRow[];
    };
    expect(rows.items.map((r) => [r.kind, r.effectiveDate])).toEqual([
      ["later_academic", "2027-08-31"],
      ["statutory", null],
    ]);
  });

  it("lets an officer of another district neither read nor write the overrides of district A", async () => {
    const id = ids["Phan Văn Mười"]!;
    const before = await counts();
    const write = await call(officerB, "POST", `/cadres/${id}/retirement-overrides`, {
      validFrom: "2026-06-01",
      kind: "earlier",
      retirementDate: "2025-12-31",
      documentRef: "1/QĐ",
    });
    expect(write.statusCode).toBe(404);
    expect((await call(officerB, "GET", `/cadres/${id}/retirement-overrides`)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      "a date after the statutory one for an earlier retirement",
      { kind: "earlier", retirementDate: "2027-03-31" },
      422,
    ],
    ["more than 5 years earlier", { kind: "earlier", retirementDate: "2021-09-30" }, 422],
    ["both a date and an age", { kind: "later_academic", retirementDate: "2028-10-31", ageMonths: 760 }, 422],
    ["no date nor age", { kind: "later_academic" }, 422],
    ["a date with 'statutory'", { kind: "statutory", retirementDate: "2026-10-31" }, 422],
    ["an unknown basis", { kind: "friendship", retirementDate: "2026-09-30" }, 400],
    ["a date that does not exist", { kind: "earlier", retirementDate: "2026-02-30" }, 400],
    ["an age out of range", { kind: "later_academic", ageMonths: 2000 }, 400],
    ["no document", { kind: "earlier", retirementDate: "2025-12-31", documentRef: "" }, 400],
    ["an unknown field", { kind: "earlier", retirementDate: "2025-12-31", approvedBy: "x" }, 400],
  ] as const)("refuses %s, changing nothing", async (_, body, status) => {
    const id = ids["Phan Văn Mười"]!;
    const before = await counts();
    const res = await call(officerA, "POST", `/cadres/${id}/retirement-overrides`, {
      validFrom: "2026-06-01",
      documentRef: "12/QĐ-UBND",
      ...body,
    });
    expect(res.statusCode, res.body).toBe(status);
    expect((res.json() as { message: string }).message).toMatch(
      /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
    );
    expect(await counts()).toEqual(before);
  });
});

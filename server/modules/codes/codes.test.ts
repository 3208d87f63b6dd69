import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";

let t: TestApp;
let admin: { headers: Record<string, string> };
let officer: { headers: Record<string, string> };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
  officer = await t.userSession({ username: "officer1", roles: ["officer"] });
});
afterAll(async () => t?.close());

type Code = {
  list: string;
  code: string;
  name: string;
  rank: number;
  isActive: boolean;
  validFrom: string | null;
  validTo: string | null;
};

describe("code lists", () => {
  it("are read by any signed-in user, one list in rank order", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/codes" })).statusCode).toBe(401);
    const res = await t.app.inject({
      method: "GET",
      url: "/api/codes?list=professional",
      headers: officer.headers,
    });
    expect(res.statusCode).toBe(200);
    const items: Code[] = res.json().items;
    expect(items.map((c) => c.code)).toEqual([
      "untrained",
      "elementary",
      "intermediate",
      "college",
      "university",
      "master",
      "doctor",
      "doctor_of_science",
    ]);
    const all: Code[] = (
      await t.app.inject({ method: "GET", url: "/api/codes", headers: officer.headers })
    ).json().items;
    expect(new Set(all.map((c) => c.list))).toContain("religion");
    expect(all.filter((c) => c.list === "ethnicity")).toHaveLength(54);
  });

  it("are edited by admins only: add, rename, deactivate — each audited", async () => {
    const denied = await t.app.inject({
      method: "POST",
      url: "/api/codes",
      headers: officer.headers,
      payload: { list: "language", code: "ielts65", name: "IELTS 6.5", rank: 45 },
    });
    expect(denied.statusCode).toBe(403);

    const added = await t.app.inject({
      method: "POST",
      url: "/api/codes",
      headers: admin.headers,
      payload: { list: "language", code: "ielts65", name: "IELTS 6.5", rank: 45 },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ list: "language", code: "ielts65", isActive: true });
    const again = await t.app.inject({
      method: "POST",
      url: "/api/codes",
      headers: admin.headers,
      payload: { list: "language", code: "ielts65", name: "IELTS", rank: 45 },
    });
    expect(again.statusCode).toBe(409);

    const renamed = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/language/ielts65",
      headers: admin.headers,
      payload: { name: "IELTS 6.5 trở lên", reason: "đổi tên theo hướng dẫn" },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe("IELTS 6.5 trở lên");

    const off = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/language/ielts65",
      headers: admin.headers,
      payload: { isActive: false },
    });
    expect(off.json().isActive).toBe(false);
    const active: Code[] = (
      await t.app.inject({ method: "GET", url: "/api/codes?list=language", headers: officer.headers })
    ).json().items;
    expect(active.map((c) => c.code)).not.toContain("ielts65");
    const withInactive: Code[] = (
      await t.app.inject({
        method: "GET",
        url: "/api/codes?list=language&includeInactive=true",
        headers: officer.headers,
      })
    ).json().items;
    expect(withInactive.map((c) => c.code)).toContain("ielts65");

    const missing = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/language/nope",
      headers: admin.headers,
      payload: { name: "X" },
    });
    expect(missing.statusCode).toBe(404);

    const audit = await t.database.pool.query(
      "SELECT action FROM audit_log WHERE entity_type = 'code' AND entity_id = 'language:ielts65' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["code.created", "code.updated", "code.deactivated"]);
  });

  it("tell other modules a level's rank and which codes are usable", async () => {
    const codes = t.services.codes;
    expect(await codes.levelRank(t.db, "professional", "university")).toBe(40);
    expect(await codes.levelRank(t.db, "professional", "nope")).toBeUndefined();
    await expect(
      codes.assertCodes(t.db, [
        { field: "a", list: "religion", code: "00" },
        { field: "b", list: "religion", code: "99" },
        { field: "c", list: "language", code: "ielts65" },
      ]),
    ).rejects.toMatchObject({
      code: "CODE_UNKNOWN",
      details: [
        { field: "b", list: "religion", code: "99" },
        { field: "c", list: "language", code: "ielts65" },
      ],
    });
    // A record that keeps a deactivated code it already had is fine.
    await expect(
      codes.assertCodes(t.db, [{ field: "c", list: "language", code: "ielts65" }], { allowInactive: true }),
    ).resolves.toBeUndefined();
  });

  it("take a date: a code is only usable for a day it is in force on", async () => {
    const codes = t.services.codes;
    // Circular 03/2021/TT-BGDĐT: lower-secondary teachers' codes in force from 20/3/2021.
    const grade = { field: "salary.gradeCode", list: "civil_service_grade" as const, code: "V.07.04.30" };
    await expect(codes.assertCodes(t.db, [{ ...grade, on: "2021-03-19" }])).rejects.toMatchObject({
      code: "CODE_UNKNOWN",
      details: [{ ...grade, on: "2021-03-19" }],
    });
    await expect(codes.assertCodes(t.db, [{ ...grade, on: "2021-03-20" }])).resolves.toBeUndefined();
    await expect(codes.assertCodes(t.db, [grade])).resolves.toBeUndefined();
  });
});

describe("dated code lists", () => {
  const listOn = async (list: string, asOf?: string) =>
    (
      await t.app.inject({
        method: "GET",
        url: `/api/codes?list=${list}${asOf ? `&asOf=${asOf}` : ""}`,
        headers: officer.headers,
      })
    ).json().items as Code[];

  it("read as of a date show the entries in force then", async () => {
    const teachers = (items: Code[]) => items.filter((c) => c.code.startsWith("V.07.")).map((c) => c.code);
    expect(teachers(await listOn("civil_service_grade", "2021-03-19"))).toEqual([]);
    // In rank order: grade III, II, I.
    expect(teachers(await listOn("civil_service_grade", "2021-03-20"))).toEqual([
      "V.07.04.32",
      "V.07.04.31",
      "V.07.04.30",
    ]);
    const [first] = (await listOn("civil_service_grade")).filter((c) => c.code === "V.07.04.30");
    expect(first).toMatchObject({
      validFrom: "2021-03-20",
      validTo: null,
      basis: "Thông tư 03/2021/TT-BGDĐT",
    });
  });

  it("change on a day: the old entry ends the day the new one begins, earlier dates keep the old list", async () => {
    const post = (payload: object) =>
      t.app.inject({ method: "POST", url: "/api/codes", headers: admin.headers, payload });
    expect((await post({ list: "it", code: "cert_old", name: "Chứng chỉ A", rank: 5 })).statusCode).toBe(201);
    const ended = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/it/cert_old",
      headers: admin.headers,
      payload: { validTo: "2025-07-01", basis: "Văn bản thay thế", reason: "danh mục mới từ 01/7/2025" },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const added = await post({
      list: "it",
      code: "cert_new",
      name: "Chứng chỉ mới",
      rank: 5,
      validFrom: "2025-07-01",
      basis: "Văn bản thay thế",
    });
    expect(added.statusCode, added.body).toBe(201);
    const its = (items: Code[]) => items.map((c) => c.code).filter((c) => c.startsWith("cert_"));
    expect(its(await listOn("it", "2025-06-30"))).toEqual(["cert_old"]);
    expect(its(await listOn("it", "2025-07-01"))).toEqual(["cert_new"]);
    // Without a date every entry is listed: old records still find the name of their code.
    expect(its(await listOn("it"))).toEqual(["cert_new", "cert_old"]);
  });

  it("hold the management tiers: the district tier until 30/6/2025, the others on both sides of it", async () => {
    const codes = (items: Code[]) => items.map((c) => c.code);
    expect(codes(await listOn("management_tier", "2025-06-30"))).toEqual([
      "grassroots",
      "department_committee",
      "district_standing",
      "city_standing",
      "central",
    ]);
    expect(codes(await listOn("management_tier", "2025-07-01"))).toEqual([
      "grassroots",
      "department_committee",
      "city_standing",
      "central",
    ]);
    const all = await listOn("management_tier");
    expect(all.find((c) => c.code === "district_standing")).toMatchObject({
      name: "Diện Ban Thường vụ quận, huyện, thị ủy quản lý",
      validTo: "2025-07-01",
    });
    expect(all.find((c) => c.code === "city_standing")?.name).toBe("Diện Ban Thường vụ Thành ủy quản lý");
    expect(all.find((c) => c.code === "department_committee")?.name).toBe(
      "Diện đảng ủy các sở, ngành, đảng ủy trực thuộc quản lý",
    );
    expect(all.every((c) => (c as Code & { nameEn: string | null }).nameEn)).toBe(true);
  });

  it("refuse a new code in the management tiers (their codes are fixed), and change nothing", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/codes",
      headers: admin.headers,
      payload: { list: "management_tier", code: "commune_standing", name: "Diện BTV xã quản lý" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("CODE_LIST_FIXED");
    expect((await listOn("management_tier")).map((c) => c.code)).not.toContain("commune_standing");
    // Renaming an entry stays possible.
    const renamed = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/management_tier/grassroots",
      headers: admin.headers,
      payload: { nameEn: "Managed by grassroots committees", reason: "dịch lại" },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it("refuse a period that ends before it begins, and change nothing", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/codes",
      headers: admin.headers,
      payload: { list: "it", code: "cert_bad", name: "X", validFrom: "2025-07-01", validTo: "2025-07-01" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe("CODE_PERIOD_INVALID");
    expect(bad.json().message).toMatch(/phải sau ngày bắt đầu/);
    const reopened = await t.app.inject({
      method: "PATCH",
      url: "/api/codes/it/cert_new",
      headers: admin.headers,
      payload: { validTo: "2025-01-01" },
    });
    expect(reopened.statusCode).toBe(422);
    expect((await listOn("it")).map((c) => c.code)).not.toContain("cert_bad");
    expect((await listOn("it")).find((c) => c.code === "cert_new")?.validTo).toBeNull();
  });

  it("say which old codes a correction moved, and to which codes", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/codes/corrections" })).statusCode).toBe(401);
    const res = await t.app.inject({
      method: "GET",
      url: "/api/codes/corrections?list=religion",
      headers: officer.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const items: { list: string; oldCode: string; oldName: string; newCode: string; newName: string }[] =
      res.json().items;
    expect(items.every((c) => c.list === "religion")).toBe(true);
    expect(items).toContainEqual(
      expect.objectContaining({ oldCode: "03", oldName: "Tin lành", newCode: "08", newName: "Tin Lành" }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ oldCode: "09", oldName: "Cơ đốc Phục lâm", newCode: "15" }),
    );
    const all = (
      await t.app.inject({ method: "GET", url: "/api/codes/corrections", headers: officer.headers })
    ).json().items as { list: string; oldCode: string; newCode: string }[];
    expect(all).toContainEqual(
      expect.objectContaining({ list: "civil_service_grade", oldCode: "V.07.03.07", newCode: "V.07.04.30" }),
    );
    expect(all).toContainEqual(expect.objectContaining({ list: "ethnicity", oldCode: "31", newCode: "31" }));
  });
});

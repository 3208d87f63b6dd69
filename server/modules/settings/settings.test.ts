import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { loadRetirementSettings, noticeOn } from "../cadres/retirement.settings.ts";

// Rule parameters through the API: every version with its citation; an admin adds a version from a date
// (a change of law) and the rules read it from that date; bad values and repeated dates change nothing.

let t: TestApp;
let admin: { headers: Record<string, string> };
let officer: { headers: Record<string, string> };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
  officer = await t.userSession({ username: "officer1", roles: ["officer"] });
});
afterAll(async () => t?.close());

const get = (url: string, as = admin) => t.app.inject({ method: "GET", url, headers: as.headers });
const post = (url: string, payload: unknown, as = admin) =>
  t.app.inject({ method: "POST", url, headers: as.headers, payload: payload as object });

describe("rule settings", () => {
  it("lists the shipped versions with their citations to any signed-in user", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/settings" })).statusCode).toBe(401);
    const res = await get("/api/settings", officer);
    expect(res.statusCode).toBe(200);
    const age = res.json().items.find((s: { key: string }) => s.key === "retirement.age");
    expect(age.versions.map((v: { validFrom: string }) => v.validFrom)).toEqual(["1900-01-01", "2021-01-01"]);
    expect(age.versions[1].citation).toContain("Nghị định 135/2020/NĐ-CP");
    expect(age.versions[1].createdBy).toBe("system");
  });

  it("adds a version from a date that the rule reads from then on, audited; a second one from that date is refused", async () => {
    const body = {
      validFrom: "2027-01-01",
      value: { informMonths: 12, decideMonths: 6 },
      citation: "Nghị định thử nghiệm số 1/2027/NĐ-CP",
      reason: "Văn bản mới",
    };
    const res = await post("/api/settings/retirement.notice/versions", body);
    expect(res.statusCode).toBe(201);
    expect(res.json().versions.at(-1)).toMatchObject({ validFrom: "2027-01-01", createdBy: "admin1" });
    const rules = await loadRetirementSettings(t.db);
    expect(noticeOn(rules, "2026-12-31").informMonths).toBe(6);
    expect(noticeOn(rules, "2027-01-01").informMonths).toBe(12);

    const again = await post("/api/settings/retirement.notice/versions", {
      ...body,
      value: { informMonths: 1, decideMonths: 1 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("SETTING_VERSION_EXISTS");
    expect((await get("/api/settings/retirement.notice")).json().versions.at(-1).value).toEqual({
      informMonths: 12,
      decideMonths: 6,
    });
    const audit = await t.database.pool.query(
      "SELECT entity_id FROM audit_log WHERE action = 'setting.version_added'",
    );
    expect(audit.rows.map((r) => r.entity_id)).toEqual(["retirement.notice"]);
  });

  it.each([
    ["a missing field", { informMonths: 6 }],
    ["a negative number", { informMonths: -1, decideMonths: 3 }],
    ["a fraction", { informMonths: 6.5, decideMonths: 3 }],
    ["text", { informMonths: "sáu", decideMonths: 3 }],
    ["an unknown field", { informMonths: 6, decideMonths: 3, extra: 1 }],
    ["no object", 6],
  ])("refuses a value with %s (422) and changes nothing", async (_case, value) => {
    const before = (await get("/api/settings/retirement.notice")).json();
    const res = await post("/api/settings/retirement.notice/versions", {
      validFrom: "2028-01-01",
      value,
      citation: "Văn bản thử",
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("SETTING_VALUE_INVALID");
    expect((await get("/api/settings/retirement.notice")).json()).toEqual(before);
  });

  it("answers 404 for an unknown setting and 403 to a user who may not change the rules", async () => {
    expect((await get("/api/settings/retirement.unknown")).statusCode).toBe(404);
    const res = await post(
      "/api/settings/retirement.notice/versions",
      { validFrom: "2029-01-01", value: { informMonths: 6, decideMonths: 3 }, citation: "Văn bản thử" },
      officer,
    );
    expect(res.statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowCounts } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { createCodeProposer } from "./units.codes.ts";

// Every unit has a code, so that cadres can be imported into any unit: a unit created without an official
// code gets one proposed (parent code + "." + number, "DV" + number for a root), unique among all units,
// and the user may replace it.

describe("createCodeProposer", () => {
  it.each([
    ["the first child of a coded parent", [], ["01"], ["01.1"]],
    ["siblings in turn", [], ["01", "01"], ["01.1", "01.2"]],
    ["a number already taken", ["01.1", "01.3"], ["01", "01", "01"], ["01.2", "01.4", "01.5"]],
    ["roots and units under a parent without code", ["DV1"], [null, null], ["DV2", "DV3"]],
    ["a parent code too long to take a suffix", [], ["X".repeat(30)], ["DV1"]],
  ])("proposes for %s", (_case, taken, parents, expected) => {
    const proposer = createCodeProposer(taken as string[]);
    expect((parents as (string | null)[]).map((p) => proposer.propose(p))).toEqual(expected);
  });
});

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userSession({ username: "admin.codes", roles: ["admin"] })).headers;
});
afterAll(async () => t?.close());

const post = (url: string, payload: object) => t.app.inject({ method: "POST", url, headers: admin, payload });

describe("units created without a code", () => {
  it("get a code built on their parent's, in one batch and one by one", async () => {
    const ids = await t.services.units.createMany(t.system, [
      { key: "p", name: "Tỉnh Mã", code: "91", kind: "city", validFrom: "2020-01-01" },
      { key: "a", parentKey: "p", name: "Sở A", kind: "department", validFrom: "2020-01-01" },
      { key: "a1", parentKey: "a", name: "Phòng A1", kind: "division", validFrom: "2020-01-01" },
      // An official code later in the batch is never proposed to an earlier unit.
      { key: "b", parentKey: "p", name: "Sở B", code: "91.1", kind: "department", validFrom: "2020-01-01" },
    ]);
    const code = async (key: string) => (await t.services.units.get(t.system, ids.get(key)!)).code;
    expect([await code("a"), await code("a1"), await code("b")]).toEqual(["91.2", "91.2.1", "91.1"]);
    const one = await post("/api/units", {
      parentId: ids.get("p"),
      name: "Sở C",
      kind: "department",
      validFrom: "2021-01-01",
    });
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json().code).toBe("91.3");
    const root = await post("/api/units/roots", { name: "Bộ Mã", kind: "agency", validFrom: "2021-01-01" });
    expect(root.json().code).toMatch(/^DV\d+$/);
  });

  it("lets the user replace a proposed code by the official one, audited", async () => {
    const created = (
      await post("/api/units/roots", { name: "Tỉnh Đổi Mã", kind: "city", validFrom: "2021-01-01" })
    ).json();
    const res = await post(`/api/units/${created.id}/code`, { code: "92", reason: "Mã thống kê" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().code).toBe("92");
    const { rows } = await t.database.pool.query(
      "SELECT before->>'code' AS before, after->>'code' AS after FROM audit_log WHERE action = 'unit.code_set' AND entity_id = $1",
      [String(created.id)],
    );
    expect(rows).toEqual([{ before: created.code, after: "92" }]);
  });

  it.each([
    ["a code another unit holds", { code: "91" }, 409, "UNIT_CODE_TAKEN"],
    ["an empty code", { code: " " }, 400, "VALIDATION_FAILED"],
    ["a code with spaces", { code: "9 2" }, 400, "VALIDATION_FAILED"],
  ])("refuses %s and changes nothing", async (_case, body, status, code) => {
    const created = (
      await post("/api/units/roots", { name: `Tỉnh ${_case}`, kind: "city", validFrom: "2021-01-01" })
    ).json();
    const before = await rowCounts(t.database);
    const res = await post(`/api/units/${created.id}/code`, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect((await t.services.units.get(t.system, created.id)).code).toBe(created.code);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("does not let an officer change the code of a unit outside their scope", async () => {
    const ids = await t.services.units.createMany(t.system, [
      { key: "x", name: "Tỉnh X", code: "93", kind: "city", validFrom: "2020-01-01" },
      { key: "y", name: "Tỉnh Y", code: "94", kind: "city", validFrom: "2020-01-01" },
    ]);
    const officer = await t.userSession({
      username: "officer.codes",
      roles: ["officer"],
      scopeUnitIds: [ids.get("x")!],
    });
    const res = await t.app.inject({
      method: "POST",
      url: `/api/units/${ids.get("y")}/code`,
      headers: officer.headers,
      payload: { code: "95" },
    });
    expect(res.statusCode).toBe(404);
    expect((await t.services.units.get(t.system, ids.get("y")!)).code).toBe("94");
  });
});

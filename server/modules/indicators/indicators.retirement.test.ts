import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../../common/contracts/indicators.ts";
import type { RetiringPage } from "../../../common/contracts/retirement.ts";
import { retirementOf } from "../../../common/rules/retirement.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, type Org, titleIds } from "../cadres/cadres.test-helpers.ts";
import { loadRetirementSettings } from "../cadres/index.ts";

/**
 * People past their retirement date whose records have no end of service are not serving cadres (DOMAIN §2):
 * every figure leaves them out from the day after the date, the dashboard says how many there are, and
 * they are listed for correction. One whose end of service is recorded, or whose later retirement is
 * recorded as an override, counts as the records say.
 */
const D = "2026-01-01";

let t: TestApp;
let org: Org;
let officer: Record<string, string>;
let overdueDate: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  officer = (await t.userSession({ username: "qa.officer", roles: ["officer"], scopeUnitIds: [org.city] }))
    .headers;
  const title = await titleIds(t);
  const make = cadreFactory(t, { unitId: org.city, titleId: title.department_deputy_director! });
  const h = t.services.histories;
  const person = async (key: string, input: { sex: "male" | "female"; born: string; leftOn?: string }) => {
    const created = await make({
      fullName: key,
      sex: input.sex,
      birthDate: input.born,
      ...(input.leftOn ? { leftOn: input.leftOn } : {}),
      assignment: { unitId: org.city, titleId: title.department_deputy_director!, validFrom: "2010-01-01" },
    });
    await h.add(t.system, created.id, "tiers", { tier: "city_standing", validFrom: "2010-01-01" });
    ids[key] = created.id;
  };
  // Serving by her record, but her retirement date passed in 2015 (a record nobody closed).
  await person("Nguyễn Thị Quá", { sex: "female", born: "1960-05-10" });
  // The same age, her end of service recorded: counted until that day, as the record says.
  await person("Trần Thị Đủ", { sex: "female", born: "1960-05-10", leftOn: "2030-12-31" });
  // Born the same day, retirement postponed by a recorded decision: serving.
  await person("Lê Thị Kéo", { sex: "female", born: "1960-05-10" });
  await t.services.retirement.addOverride(t.system, ids["Lê Thị Kéo"]!, {
    validFrom: "2015-01-01",
    kind: "later_woman_leader",
    ageMonths: 60 * 12,
    documentRef: "12/QĐ-UBND",
  });
  // Young and serving.
  await person("Phạm Thị Trẻ", { sex: "female", born: "1990-01-01" });
  const settings = await loadRetirementSettings(t.db);
  overdueDate = retirementOf("female", "1960-05-10", settings.schedules).retirementDate;
}, 120_000);
afterAll(async () => t?.close());

async function figures(asOf: string) {
  const r = await t.services.indicators.compute(t.system, { asOf, unitId: org.city });
  return { items: new Map<string, IndicatorResult>(r.items.map((i) => [i.code, i])), past: r.pastRetirement };
}

describe("people past retirement with no end of service", () => {
  it("count until their retirement date and are left out of every figure from the day after", async () => {
    expect(overdueDate).toBe("2015-05-31");
    const on = await figures(overdueDate);
    expect(on.items.get("I2")!.denominator).toBe(4);
    expect(on.past).toBe(0);
    // The day after: the one whose later retirement is recorded still counts (until 31/05/2020, at 60).
    const after = await figures("2015-06-01");
    expect(after.items.get("I2")!.denominator).toBe(3);
    expect(after.past).toBe(1);
    // Today both are past their dates; the recorded end of service and the young one count.
    const today = await figures(D);
    expect(today.items.get("I2")!.denominator).toBe(2);
    expect(today.past).toBe(2);
  });

  it("are listed for correction, in the scope, with the spreadsheet", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/cadres/retiring?asOf=${D}&overdue=true`,
      headers: officer,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as RetiringPage;
    expect(page.overdue).toBe(true);
    expect(page.items.map((i) => [i.fullName, i.retirementDate])).toEqual([
      ["Nguyễn Thị Quá", "2015-05-31"],
      ["Lê Thị Kéo", "2020-05-31"],
    ]);
    const file = await t.app.inject({
      method: "GET",
      url: `/api/cadres/retiring.xlsx?asOf=${D}&overdue=true`,
      headers: officer,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["x-row-count"]).toBe("2");
  });

  it("shows another district's officer nobody of the city's units", async () => {
    const other = (
      await t.userSession({ username: "qa.other", roles: ["officer"], scopeUnitIds: [org.districtB] })
    ).headers;
    const res = await t.app.inject({
      method: "GET",
      url: `/api/cadres/retiring?asOf=${D}&overdue=true`,
      headers: other,
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as RetiringPage).total).toBe(0);
  });
});

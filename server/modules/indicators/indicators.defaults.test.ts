import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../../common/contracts/indicators.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import {
  buildOrg,
  cadreFactory,
  keepDistrictTierOpen,
  type Org,
  titleIds,
} from "../cadres/cadres.test-helpers.ts";

/**
 * The corrected defaults of the shipped catalogue (DOMAIN §2): young is keyed by the person's management
 * tier (under 40 for each), I4 counts the district and department/sector tiers.
 */
const D = "2026-01-01";
const MIGRATION = new URL("../../db/migrations/0016_indicators_local_and_defaults.sql", import.meta.url);

let t: TestApp;
let org: Org;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  await keepDistrictTierOpen(t);
  org = await buildOrg(t);
  admin = (await t.userSession({ username: "defaults.admin", roles: ["admin"] })).headers;
  const title = await titleIds(t);
  const make = cadreFactory(t, { unitId: org.city, titleId: title.expert! });
  const h = t.services.histories;
  const person = async (fullName: string, born: string, unitId: number, titleCode: string, tier: string) => {
    const created = await make({
      fullName,
      birthDate: born,
      assignment: { unitId, titleId: title[titleCode]!, validFrom: "2020-01-01" },
    });
    await h.add(t.system, created.id, "tiers", {
      tier: tier as "district_standing",
      validFrom: "2020-01-01",
    });
    return created.id;
  };
  // 38 on D: a commune secretary managed by the district's standing committee.
  await person("Trần Văn Bình", "1987-06-01", org.communeB1, "commune_party_secretary", "district_standing");
  // 45 on D, district tier, university degree and intermediate political theory: counts in I4.
  const qualified = await person(
    "Lê Thị Hoa",
    "1980-06-01",
    org.districtA,
    "district_committee_vice_chair",
    "district_standing",
  );
  await h.add(t.system, qualified, "qualifications", {
    category: "professional",
    levelCode: "university",
    obtainedOn: "2002-06-01",
  });
  await h.add(t.system, qualified, "qualifications", {
    category: "political_theory",
    levelCode: "intermediate",
    obtainedOn: "2015-06-01",
  });
}, 120_000);
afterAll(async () => t?.close());

async function figures(asOf: string): Promise<Map<string, IndicatorResult>> {
  const r = await t.services.indicators.compute(t.system, { asOf, unitId: org.city });
  return new Map(r.items.map((i) => [i.code, i]));
}
const counts = (r: IndicatorResult | undefined) => r && [r.numerator, r.denominator];

/** The statements of the migration that corrects the shipped versions, run again (they are idempotent). */
async function runCorrection() {
  const statements = readFileSync(MIGRATION, "utf8").split("--> statement-breakpoint");
  for (const statement of statements) await t.db.execute(sql.raw(statement));
}

describe("corrected defaults of the shipped catalogue", () => {
  it("counts a 38-year-old commune secretary in the district tier as young", async () => {
    // Both are in the district tier: the secretary (38) is young, the vice-chair (45) is not.
    expect(counts((await figures(D)).get("I1"))).toEqual([1, 2]);
  });

  it("counts a person of the district tier in I4", async () => {
    expect(counts((await figures(D)).get("I4"))).toEqual([1, 2]);
  });

  it("corrects the shipped versions on every date and leaves a version a user added untouched", async () => {
    // A version an admin added, keyed the older way (by the post's level, commune posts under 35).
    const legacy = {
      kind: "young",
      operator: "<",
      thresholds: {
        central: 45,
        city: 40,
        department: 40,
        district: 40,
        division: 40,
        commune: 35,
        staff: 40,
      },
    };
    const version = {
      effectiveFrom: "2027-01-01",
      name: "Tỷ lệ cán bộ trẻ (ngưỡng theo cấp)",
      nameEn: "Young cadres (by level)",
      population: { tiers: ["district_standing"] },
      condition: legacy,
      target: 15,
      direction: ">=",
      display: "percent",
      sortOrder: 10,
      active: true,
      reason: "Ngưỡng riêng của đơn vị",
    };
    // A new version keys the thresholds by tier: the older shape is refused now, changing nothing …
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/indicators/catalogue/I1/versions",
      headers: admin,
      payload: version,
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.body).toContain("theo diện quản lý");
    // … but one written before, as it was stored then, stays and is computed as written.
    await t.db.execute(sql`INSERT INTO indicator_versions (code, effective_from, name, name_en, population,
        condition, target, direction, display, sort_order, active, created_by)
      VALUES ('I1', '2027-01-01', ${version.name}, ${version.nameEn}, ${JSON.stringify(version.population)}::jsonb,
        ${JSON.stringify(legacy)}::jsonb, 15, '>=', 'percent', 10, true, 'defaults.admin')`);
    const rowsOf = async () =>
      (
        await t.db.execute<{
          effective_from: string;
          created_by: string;
          population: unknown;
          condition: unknown;
        }>(
          sql`SELECT effective_from::text, created_by, population, condition FROM indicator_versions
            WHERE code IN ('I1', 'I4') ORDER BY code, effective_from`,
        )
      ).rows;
    const before = await rowsOf();
    // The shipped versions as they were written before the correction.
    await t.db.execute(sql`UPDATE indicator_versions SET population = '{"tiers":["department_committee"]}'
      WHERE code = 'I4' AND created_by = 'system'`);
    await t.db.execute(
      sql`UPDATE indicator_versions SET condition = ${JSON.stringify(legacy)}::jsonb WHERE code = 'I1' AND created_by = 'system'`,
    );
    expect(counts((await figures(D)).get("I4"))).toEqual([0, 0]);
    await runCorrection();
    expect(await rowsOf()).toEqual(before);
    expect(before.find((r) => r.effective_from === "2027-01-01")).toMatchObject({
      created_by: "defaults.admin",
      condition: legacy,
    });
    // Both shipped corrections hold for any date, the past included.
    expect(counts((await figures("2021-01-01")).get("I1"))).toEqual([1, 2]);
    expect(counts((await figures(D)).get("I4"))).toEqual([1, 2]);
    // The admin's version is computed as written: by the post's level, the commune secretary (39) is not young.
    expect(counts((await figures("2027-01-01")).get("I1"))).toEqual([0, 2]);
  });
});

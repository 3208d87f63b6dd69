import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DrillPage, IndicatorResult } from "../../../common/contracts/indicators.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { cadreFactory, titleIds } from "../cadres/cadres.test-helpers.ts";
import { loadPlacesSlice } from "../places/places.test-helpers.ts";

/**
 * The "local" rule of the non-local figures (DOMAIN §2): the home town lies inside the territory the post
 * leads — the place of the post's unit or of its nearest ancestor that governs one. Places from the slice of
 * the official lists (places.test-helpers.ts): Ba Đình district (Phúc Xá, Trúc Bạch, Ngọc Hà), Hoàn Kiếm
 * (Phúc Tân), Hồ Chí Minh City (Tân Định); from 1/7/2025 Hồng Hà ward formed from Phúc Xá and Phúc Tân.
 */
const OLD = "2025-06-01";
const NEW = "2025-08-01";

let t: TestApp;
let place: (key: string) => number;
const unit: Record<string, number> = {};
const person: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  place = await loadPlacesSlice(t.db);
  const ids = await t.services.units.createMany(t.system, [
    {
      key: "city",
      name: "Thành phố Hà Nội",
      kind: "city",
      placeId: place("2025-03:01"),
      validFrom: "2000-01-01",
    },
    {
      key: "badinh",
      parentKey: "city",
      name: "Quận Ba Đình",
      kind: "district",
      placeId: place("2025-03:001"),
      validFrom: "2000-01-01",
    },
    {
      key: "phucxa",
      parentKey: "badinh",
      name: "Phường Phúc Xá",
      kind: "ward",
      placeId: place("2025-03:00001"),
      validFrom: "2000-01-01",
    },
    // The ward's Party committee governs no place: its posts lead the ward's territory.
    {
      key: "phucxaParty",
      parentKey: "phucxa",
      name: "Đảng ủy phường Phúc Xá",
      kind: "party_committee",
      validFrom: "2000-01-01",
    },
    {
      key: "trucbach",
      parentKey: "badinh",
      name: "Phường Trúc Bạch",
      kind: "ward",
      placeId: place("2025-03:00004"),
      validFrom: "2000-01-01",
    },
    {
      key: "ngocha",
      parentKey: "badinh",
      name: "Phường Ngọc Hà",
      kind: "ward",
      placeId: place("2025-03:00016"),
      validFrom: "2000-01-01",
    },
    // A ward whose place is not linked yet: its heads' territory is the district's.
    {
      key: "unlinked",
      parentKey: "badinh",
      name: "Phường chưa gắn địa bàn",
      kind: "ward",
      validFrom: "2000-01-01",
    },
    {
      key: "honghaa",
      parentKey: "city",
      name: "Phường Hồng Hà",
      kind: "ward",
      placeId: place("2025-07:00097"),
      validFrom: "2025-07-01",
    },
  ]);
  for (const [k, id] of ids) unit[k] = id;
  const title = await titleIds(t);
  const make = cadreFactory(t, { unitId: unit.city!, titleId: title.expert! });
  const add = async (
    key: string,
    at: string,
    titleCode: string,
    origin: { homeTownPlaceId?: number; homeTownUnitId?: number; birthplacePlaceId?: number },
    from = "2020-01-01",
  ) => {
    const created = await make({
      fullName: `Người ${key}`,
      ...origin,
      assignment: { unitId: unit[at]!, titleId: title[titleCode]!, validFrom: from },
    });
    person[key] = created.id;
  };
  const sec = "commune_party_secretary";
  // Secretaries of the 2025-03 wards of Ba Đình, asked on OLD.
  await add("local", "phucxaParty", sec, { homeTownPlaceId: place("2025-03:00001") });
  await add("sameDistrict", "trucbach", sec, { homeTownPlaceId: place("2025-03:00001") });
  await add("otherProvince", "ngocha", sec, { homeTownPlaceId: place("2025-03:26734") });
  await add("unknown", "trucbach", sec, {});
  // Home town known only to district level while the post leads one of its wards: cannot be told.
  await add("districtOnly", "ngocha", sec, { homeTownPlaceId: place("2025-03:001") });
  // Older record: home town as a unit of the tree; the unit's place stands for it.
  await add("legacyLinked", "phucxa", sec, { homeTownUnitId: unit.phucxa! });
  await add("legacyUnlinked", "phucxa", sec, { homeTownUnitId: unit.phucxaParty! });
  // The territory is the nearest ancestor with a place: the district for a ward not linked yet.
  await add("nearestAncestor", "unlinked", sec, { homeTownPlaceId: place("2025-03:00016") });
  // Deputies at commune and district level.
  await add("viceLocal", "phucxa", "commune_committee_vice_chair", {
    homeTownPlaceId: place("2025-03:00001"),
  });
  await add("deputyAway", "trucbach", "commune_party_deputy_standing", {
    homeTownPlaceId: place("2025-03:00037"),
  });
  await add("districtViceLocal", "badinh", "district_committee_vice_chair", {
    homeTownPlaceId: place("2025-03:00004"),
  });
  await add("districtDeputyAway", "badinh", "district_party_deputy_standing", {
    homeTownPlaceId: place("2025-03:00037"),
  });
  await add("districtDeputyUnknown", "badinh", "district_party_deputy_standing", {}, "2021-01-01");
  // The 2025-07 ward: home towns recorded as 2025-03 wards, matched through the lineage.
  await add("mergedIn", "honghaa", sec, { homeTownPlaceId: place("2025-03:00037") }, "2025-07-01");
  await add(
    "mergedInChair",
    "honghaa",
    "commune_committee_chair",
    { homeTownPlaceId: place("2025-03:00016") },
    "2025-07-01",
  );
}, 120_000);
afterAll(async () => t?.close());

async function figures(asOf: string, unitId: number): Promise<Map<string, IndicatorResult>> {
  const r = await t.services.indicators.compute(t.system, { asOf, unitId });
  return new Map(r.items.map((i) => [i.code, i]));
}
const pick = (r: IndicatorResult | undefined) =>
  r && { numerator: r.numerator, denominator: r.denominator, unknown: r.unknown, status: r.status };

describe("not local: home town outside the territory the post leads", () => {
  it("counts a commune secretary from another commune of the same district, or another province, as not local; leaves unknown origins out", async () => {
    const r = await figures(OLD, unit.city!);
    // Local: "local" (through the Party committee's ward), "legacyLinked". Not local: "sameDistrict",
    // "otherProvince", "nearestAncestor" (Ngọc Hà lies in Ba Đình: local). Unknown: "unknown",
    // "districtOnly", "legacyUnlinked".
    expect(pick(r.get("I7.3"))).toEqual({ numerator: 2, denominator: 5, unknown: 3, status: "no_target" });
    // Commune deputies: "deputyAway" (Phúc Tân, Hoàn Kiếm) not local, "viceLocal" local.
    expect(pick(r.get("I7.6"))).toEqual({ numerator: 1, denominator: 2, unknown: 0, status: "no_target" });
    // District deputies: the vice-chair from Trúc Bạch is local to Ba Đình; the deputy from Phúc Tân is not.
    expect(pick(r.get("I7.5"))).toEqual({ numerator: 1, denominator: 2, unknown: 1, status: "no_target" });
    // Figures without a "local" test leave nobody out.
    expect(r.get("I2")!.unknown).toBe(0);
  });

  it("matches a home town recorded as a 2025-03 ward to the 2025-07 ward it merged into", async () => {
    const r = await figures(NEW, unit.honghaa!);
    // Phúc Tân merged wholly into Hồng Hà: local. Ngọc Hà went to Ba Đình and Ngọc Hà wards: not local.
    expect(pick(r.get("I7.3"))).toEqual({ numerator: 0, denominator: 1, unknown: 0, status: "no_target" });
    expect(pick(r.get("I7.4"))).toEqual({ numerator: 1, denominator: 1, unknown: 0, status: "no_target" });
  });

  it("shows the unknown ones beside the figure and lists them by name", async () => {
    const admin = (await t.userSession({ username: "local.admin", roles: ["admin"] })).headers;
    const list = async (side: string) => {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/indicators/I7.3/people?asOf=${OLD}&unitId=${unit.city}&side=${side}`,
        headers: admin,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as DrillPage).items.map((i) => i.id).sort((a, b) => a - b);
    };
    const ids = (...keys: string[]) => keys.map((k) => person[k]!).sort((a, b) => a - b);
    expect(await list("unknown")).toEqual(ids("unknown", "districtOnly", "legacyUnlinked"));
    expect(await list("denominator")).toEqual(
      ids("local", "legacyLinked", "sameDistrict", "otherProvince", "nearestAncestor"),
    );
    expect(await list("numerator")).toEqual(ids("sameDistrict", "otherProvince"));
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UnitDetail } from "../../../common/contracts/units.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, type Org } from "../cadres/cadres.test-helpers.ts";
import { loadPlacesSlice } from "../places/places.test-helpers.ts";

// The test organisation: city (Hà Nội) → district A (Ba Đình) → ward A1 (Phúc Xá), A2; district B → B1.
// The officer's scope is district A.
let t: TestApp;
let org: Org;
let place: (key: string) => number;
let officer: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  place = await loadPlacesSlice(t.db);
  officer = (
    await t.userSession({ username: "officer.a", roles: ["officer"], scopeUnitIds: [org.districtA] })
  ).headers;
});
afterAll(async () => t?.close());

const setPlace = (unitId: number, payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: `/api/units/${unitId}/place`, headers: officer, payload });
const auditRows = async (unitId: number) =>
  (
    await t.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity_type = 'unit' AND entity_id = ${String(unitId)} AND action = 'unit.place_set'`,
    )
  ).rows.length;

describe("the place a territorial unit governs", () => {
  it("is linked through the API, shown in words on the unit, and audited", async () => {
    const res = await setPlace(org.communeA1, {
      placeId: place("2025-03:00001"),
      reason: "Theo danh mục 2025",
    });
    expect(res.statusCode, res.body).toBe(200);
    const unit: UnitDetail = res.json();
    expect(unit.placeId).toBe(place("2025-03:00001"));
    expect(unit.place?.fullName).toBe("Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội");
    expect(await auditRows(org.communeA1)).toBe(1);
    const tree = await t.app.inject({ method: "GET", url: "/api/units/tree", headers: officer });
    expect(tree.json().nodes.find((n: { id: number }) => n.id === org.communeA1).placeId).toBe(
      place("2025-03:00001"),
    );
  });

  it("is given when a unit is created, and removed with null", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/units",
      headers: officer,
      payload: {
        parentId: org.districtA,
        name: "Phường Trúc Bạch",
        kind: "ward",
        placeId: place("2025-03:00004"),
        validFrom: "2020-01-01",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: number = created.json().id;
    expect(created.json().place.name).toBe("Phường Trúc Bạch");
    const removed = await setPlace(id, { placeId: null });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ placeId: null, place: null });
  });

  it("refuses a unit that is not territorial, and a place that does not exist, changing nothing", async () => {
    const division = await t.services.units.create(t.system, {
      parentId: org.districtA,
      name: "Phòng Nội vụ",
      kind: "division",
      validFrom: "2020-01-01",
    });
    const notTerritorial = await setPlace(division.id, { placeId: place("2025-03:001") });
    expect(notTerritorial.statusCode).toBe(422);
    expect(notTerritorial.json().code).toBe("UNIT_PLACE_NOT_TERRITORIAL");
    const unknown = await setPlace(org.communeA2, { placeId: 1_999_999 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe("PLACE_UNKNOWN");
    expect((await t.services.units.get(t.system, org.communeA2)).placeId).toBe(null);
    expect(await auditRows(org.communeA2)).toBe(0);
  });

  it("cannot be changed by an officer outside the unit's scope: it reads as not found", async () => {
    const res = await setPlace(org.communeB1, { placeId: place("2025-03:26734") });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("UNIT_NOT_FOUND");
    expect((await t.services.units.get(t.system, org.communeB1)).placeId).toBe(null);
  });
});

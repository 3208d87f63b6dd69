import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CadreDetail } from "../../../common/contracts/cadres.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import {
  buildOrg,
  type Org,
  personRow,
  type RowValues,
  tempDir,
  writeCsv,
} from "../imports/imports.test-helpers.ts";
import { loadPlacesSlice } from "../places/places.test-helpers.ts";
import { titleIds } from "./cadres.test-helpers.ts";

// Home town (quê quán) and birthplace (nơi sinh) as places of the official lists (places.test-helpers.ts:
// Phúc Xá 00001 and Trúc Bạch 00004 of the 2025-03 list; Ba Đình 00004 and Hồng Hà 00097 of the 2025-07 list).
let t: TestApp;
let org: Org;
let place: (key: string) => number;
let officer: Record<string, string>;
const tmp = tempDir();

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  place = await loadPlacesSlice(t.db);
  officer = (await t.userSession({ username: "officer.places", roles: ["officer"], scopeUnitIds: [org.A] }))
    .headers;
});
afterAll(async () => {
  await t?.close();
  tmp.remove();
});

async function newPerson(fields: Record<string, unknown>) {
  const expert = (await titleIds(t)).expert!;
  return t.app.inject({
    method: "POST",
    url: "/api/cadres",
    headers: officer,
    payload: {
      staffCode: `PL${Math.floor(Math.random() * 1e6)}`,
      fullName: "Nguyễn Văn Quê",
      sex: "male",
      birthDate: "1980-05-10",
      staffType: "civil_servant",
      assignment: { unitId: org.A1, titleId: expert, validFrom: "2010-01-01" },
      ...fields,
    },
  });
}

describe("home town and birthplace as places", () => {
  it("are set through the API and read back in words, the record printing them on the CV", async () => {
    const res = await newPerson({ homeTownPlaceId: place("2025-03:00001"), homeTownText: "Thôn Đông" });
    expect(res.statusCode, res.body).toBe(201);
    const person: CadreDetail = res.json();
    expect(person.homeTownPlace).toMatchObject({
      edition: "2025-03",
      fullName: "Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội",
    });
    expect(person.homeTownText).toBe("Thôn Đông");

    const updated = await t.app.inject({
      method: "PATCH",
      url: `/api/cadres/${person.id}`,
      headers: officer,
      payload: { version: person.version, birthplacePlaceId: place("2025-07:00097") },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().birthplacePlace.fullName).toBe("Phường Hồng Hà, Thành phố Hà Nội");
    const audit = await t.db.execute<{ after: Record<string, unknown> }>(
      sql`SELECT after FROM audit_log WHERE action = 'cadre.updated' AND entity_id = ${String(person.id)}`,
    );
    expect(audit.rows[0]!.after).toMatchObject({ birthplacePlaceId: place("2025-07:00097") });

    const cv = await t.services.cv.model(t.system, person.id);
    const text = JSON.stringify(cv);
    expect(text).toContain("Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội");
    expect(text).toContain("Phường Hồng Hà, Thành phố Hà Nội");
  });

  it("refuses a place that does not exist, writing nothing", async () => {
    const res = await newPerson({ staffCode: "PLBAD1", homeTownPlaceId: 1_999_999 });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("PLACE_UNKNOWN");
    const { rows } = await t.db.execute(sql`SELECT 1 FROM cadres WHERE staff_code = 'PLBAD1'`);
    expect(rows).toHaveLength(0);
  });
});

describe("the import's place code columns", () => {
  const importRows = async (rows: RowValues[]) => {
    const file = writeCsv(tmp.file(`places-${Math.random()}.csv`), rows);
    return t.services.imports.importCadres(t.system, { path: file, fileName: "places.csv" }, {});
  };
  const homeTownOf = async (staffCode: string) =>
    (
      await t.db.execute<{ id: number | null }>(
        sql`SELECT home_town_place_id AS id FROM cadres WHERE staff_code = ${staffCode}`,
      )
    ).rows[0]?.id;

  it("read a code in the list its column names: the same code is two places in two lists", async () => {
    const report = await importRows([
      personRow(900_001, { homeTownPlaceCode: "00004", homeTownUnitCode: null }),
      personRow(900_002, { homeTownPlaceCodeOld: "00004", homeTownUnitCode: null }),
    ]);
    expect(report.errors, JSON.stringify(report.errors)).toEqual([]);
    const [a, b] = [900_001, 900_002].map((i) => String(personRow(i).staffCode));
    expect(await homeTownOf(a!)).toBe(place("2025-07:00004")); // Phường Ba Đình (2025-07)
    expect(await homeTownOf(b!)).toBe(place("2025-03:00004")); // Phường Trúc Bạch (2025-03)
  });

  it("refuse a code that is not in the list, and both columns of one field at once", async () => {
    const report = await importRows([
      personRow(900_011, { homeTownPlaceCode: "00001" }), // 00001 is not a code of the 2025-07 list
      personRow(900_012, { birthplacePlaceCode: "00097", birthplacePlaceCodeOld: "00001" }),
    ]);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.message])).toEqual([
      [2, "Không có địa danh mã “00001” trong danh mục 2025-07"],
      [3, "Chỉ ghi một trong hai cột “Mã địa danh nơi sinh” và “Mã địa danh nơi sinh (danh mục 2025-03)”"],
    ]);
  });
});

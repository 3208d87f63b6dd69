import type { CadreDetail, CreateCadreInput } from "../../../common/contracts/cadres.ts";
import { splitDate } from "../../../common/rules/age.ts";
import { idNumberSexCenturyDigit } from "../../../common/rules/cadre-checks.ts";
import type { TestApp } from "../../test/harness.ts";
import type { BulkUnit } from "../units/index.ts";

/**
 * Factories for cadre tests: a small organisation (city → districts A and B → communes), titles by code,
 * and people with consistent defaults. Each test file builds its own data on its own database.
 */

export type Org = {
  city: number;
  districtA: number;
  communeA1: number;
  communeA2: number;
  districtB: number;
  communeB1: number;
};

/** City 01 → district 001 (wards 00001, 00004) and district 017 (commune 00500), all from 2000. */
export const TEST_ORG_UNITS: BulkUnit[] = [
  { key: "city", name: "Thành phố Hà Nội", kind: "city", code: "01", validFrom: "2000-01-01" },
  {
    key: "A",
    parentKey: "city",
    name: "Quận Ba Đình",
    kind: "district",
    code: "001",
    validFrom: "2000-01-01",
  },
  {
    key: "A1",
    parentKey: "A",
    name: "Phường Phúc Xá",
    kind: "ward",
    code: "00001",
    validFrom: "2000-01-01",
  },
  {
    key: "A2",
    parentKey: "A",
    name: "Phường Trúc Bạch",
    kind: "ward",
    code: "00004",
    validFrom: "2000-01-01",
  },
  {
    key: "B",
    parentKey: "city",
    name: "Huyện Đông Anh",
    kind: "district",
    code: "017",
    validFrom: "2000-01-01",
  },
  { key: "B1", parentKey: "B", name: "Xã Cổ Loa", kind: "commune", code: "00500", validFrom: "2000-01-01" },
];

export async function buildOrg(t: TestApp): Promise<Org> {
  const ids = await t.services.units.createMany(t.system, TEST_ORG_UNITS);
  const id = (k: string) => ids.get(k)!;
  return {
    city: id("city"),
    districtA: id("A"),
    communeA1: id("A1"),
    communeA2: id("A2"),
    districtB: id("B"),
    communeB1: id("B1"),
  };
}

/**
 * Opens the district tier past 30/6/2025 (as an admin could date the list), for fixtures whose districts go
 * on after the reform: their people keep district-tier rows open on dates in 2026.
 */
export async function keepDistrictTierOpen(t: TestApp): Promise<void> {
  await t.services.codes.update(t.system, "management_tier", "district_standing", {
    validTo: null,
    reason: "Dữ liệu thử: quận, huyện còn sau 01/07/2025",
  });
}

/** Title ids by catalogue code (migration 0004 seeds the catalogue). */
export async function titleIds(t: TestApp): Promise<Record<string, number>> {
  const { items } = await t.services.posts.listTitles(t.system);
  return Object.fromEntries(items.map((x) => [x.code, x.id]));
}

/** A 12-digit ID number consistent with sex and birth date (Circular 59/2021 structure). */
export function idNumberFor(sex: "male" | "female", birthDate: string, serial: number): string {
  const year = splitDate(birthDate).y;
  return `001${idNumberSexCenturyDigit(sex, year)}${String(year % 100).padStart(2, "0")}${String(serial).padStart(6, "0")}`;
}

/** Makes people through the service as the system actor, with defaults that pass every check. */
export function cadreFactory(t: TestApp, defaults: { unitId: number; titleId: number }) {
  let n = 0;
  return async function make(
    overrides: Partial<CreateCadreInput> & { fullName: string },
  ): Promise<CadreDetail> {
    n += 1;
    const sex = overrides.sex ?? "male";
    const birthDate = overrides.birthDate ?? "1980-05-10";
    return t.services.cadres.create(t.system, {
      staffCode: `T${String(n).padStart(5, "0")}`,
      sex,
      birthDate,
      staffType: "civil_servant",
      idNumber: idNumberFor(sex, birthDate, n),
      assignment: { unitId: defaults.unitId, titleId: defaults.titleId, validFrom: "2010-01-01" },
      ...overrides,
    });
  };
}

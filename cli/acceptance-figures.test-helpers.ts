import fs from "node:fs";
import path from "node:path";
import type { ManagementTier } from "../common/enums/cadres.ts";
import type { UnitKind } from "../common/enums/units.ts";

/**
 * The population of the acceptance test of the report's figures (acceptance-figures.test.ts, where the counts
 * are derived): people by group, with the units they work in, as rows of the documented import format.
 */

export const AS_OF = "2024-05-31";
/** The last day of the district standing committees' tier (migration 0018_management_tier_codes). */
const DISTRICT_TIER_LAST_DAY = "2025-06-30";
const ROOT = path.resolve(import.meta.dirname, "..");
const PLACES_2025_03 = path.join(ROOT, "server/modules/places/data/vn-places-2025-03.tsv");

/** Percent as the service rounds it (2 decimals). */
export const percentOf = (numerator: number, denominator: number) =>
  Math.round((numerator * 10_000) / denominator) / 100;

/** Per group of people: size and how many are young, women, not local, meeting I3 (masters) or I4. */
export const GROUPS = {
  districtSecretaries: { size: 30, young: 0, women: 3, notLocal: 28, masters: 18 },
  districtChairs: { size: 30, young: 0, women: 4, notLocal: 22, masters: 15 },
  districtDeputies: { size: 409, young: 20, women: 110, notLocal: 159, masters: 150 },
  departmentLeaders: { size: 31, young: 1, women: 9, masters: 29 },
  communeSecretaries: { size: 310, young: 40, women: 70, notLocal: 212, i4: 230 },
  communeChairs: { size: 301, young: 35, women: 75, notLocal: 184, i4: 221 },
  communeDeputies: { size: 610, young: 110, women: 290, notLocal: 280, i4: 460 },
  districtDivisions: { size: 22, young: 5, women: 10, i4: 12 },
  departmentDivisions: { size: 30, young: 12, women: 21, i4: 17 },
} as const;
export type GroupKey = keyof typeof GROUPS;
export const CITY_STANDING: GroupKey[] = [
  "districtSecretaries",
  "districtChairs",
  "districtDeputies",
  "departmentLeaders",
];
export const BELOW_CITY: GroupKey[] = [
  "communeSecretaries",
  "communeChairs",
  "communeDeputies",
  "districtDivisions",
  "departmentDivisions",
];
export const total = (keys: GroupKey[], field: "size" | "young" | "women" | "masters" | "i4") =>
  keys.reduce((s, k) => s + ((GROUPS[k] as Partial<Record<string, number>>)[field] ?? 0), 0);

/** Exactly k of n indices, spread evenly; shift rotates which ones (another attribute, other people). */
function chosen(n: number, k: number, shift = 0): boolean[] {
  return Array.from({ length: n }, (_, i) => {
    const j = (i + shift) % n;
    return Math.floor(((j + 1) * k) / n) > Math.floor((j * k) / n);
  });
}

export type PlaceRow = { code: string; name: string; kind: string; parent: string };
type Origin = { list: "2025-03" | "2025-07"; code: string };
type Person = {
  title: string;
  unitCode: string;
  tier: ManagementTier | null;
  from: string;
  tierFrom?: string;
  /** The last day of the tier (inclusive), when it has ended. */
  tierTo?: string;
  staffType: "Cán bộ" | "Công chức";
  female: boolean;
  birthDate: string;
  qualification?: { code: string; date: string };
  politicalTheory?: { code: string; date: string };
  homeTown?: Origin;
};

/** Hà Nội's districts and communes of the 2025-03 list (the statistics office's codes). */
export function hanoiPlaces() {
  const rows = fs
    .readFileSync(PLACES_2025_03, "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((line): PlaceRow => {
      const [code, name, kind, , parent] = line.split("\t");
      return { code: code!, name: name!, kind: kind!, parent: parent ?? "" };
    });
  const districts = rows.filter((r) => r.parent === "01");
  const communesOf = new Map(districts.map((d) => [d.code, rows.filter((r) => r.parent === d.code)]));
  return { districts, communesOf };
}

const FIRST_NAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Vũ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Ngô",
  "Dương",
  "Lý",
];
const MEN = ["Văn", "Đức", "Quang", "Minh", "Hữu"];
const WOMEN = ["Thị", "Thu", "Thanh", "Ngọc", "Minh"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long"];
const GIVEN2 = ["Mai", "Nam", "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thắng", "Trang", "Tuấn", "Vân", "Yến"];
function nameOf(i: number, female: boolean): string {
  const middle = (female ? WOMEN : MEN)[i % 5]!;
  const given = [...GIVEN, ...GIVEN2][Math.floor(i / 5) % 24]!;
  return `${FIRST_NAMES[Math.floor(i / 120) % 12]} ${middle} ${given}`;
}

/** A birth date: young (under 40 on AS_OF) or not, spread over the years; women not past retirement. */
function birthDateOf(i: number, young: boolean, female: boolean): string {
  const [lo, span] = young ? [1985, 11] : female ? [1970, 14] : [1966, 18];
  const y = lo + ((i * 7) % span);
  return `${y}-${String(((i * 5) % 12) + 1).padStart(2, "0")}-${String(((i * 11) % 28) + 1).padStart(2, "0")}`;
}
const yearOf = (d: string) => Number(d.slice(0, 4));
/** A diploma some years after birth, never after 2023 (all of them held before the date). */
const diplomaDate = (birth: string, years: number) => `${Math.min(yearOf(birth) + years, 2023)}-06-30`;

/** The professional degree and political theory of someone meeting I4 or not, in turn of several kinds. */
function i4Qualifications(p: Person, i: number, passes: boolean): void {
  const b = p.birthDate;
  if (passes) {
    const kinds = [
      [
        { code: "university", date: diplomaDate(b, 22) },
        { code: "intermediate", date: diplomaDate(b, 30) },
      ],
      [
        { code: "master", date: diplomaDate(b, 28) },
        { code: "senior", date: diplomaDate(b, 32) },
      ],
      [
        { code: "university", date: diplomaDate(b, 22) },
        { code: "bachelor", date: diplomaDate(b, 33) },
      ],
      [
        { code: "doctor", date: diplomaDate(b, 33) },
        { code: "intermediate", date: diplomaDate(b, 29) },
      ],
    ] as const;
    [p.qualification, p.politicalTheory] = kinds[i % kinds.length]!;
    return;
  }
  const kinds = [
    // College degree: below university.
    [
      { code: "college", date: diplomaDate(b, 21) },
      { code: "intermediate", date: diplomaDate(b, 30) },
    ],
    // Elementary political theory: below intermediate.
    [
      { code: "university", date: diplomaDate(b, 22) },
      { code: "elementary", date: diplomaDate(b, 26) },
    ],
    // No political theory recorded.
    [{ code: "university", date: diplomaDate(b, 22) }, undefined],
    // Intermediate political theory obtained after the date.
    [
      { code: "university", date: diplomaDate(b, 22) },
      { code: "intermediate", date: "2024-10-01" },
    ],
    // Intermediate professional degree with senior political theory.
    [
      { code: "intermediate", date: diplomaDate(b, 20) },
      { code: "senior", date: diplomaDate(b, 32) },
    ],
  ] as const;
  const [q, pt] = kinds[i % kinds.length]!;
  p.qualification = q;
  if (pt) p.politicalTheory = pt;
}

/** The people of the file, by group, with the units they work in (codes given to the units below). */
export function buildPeople(
  hanoi: ReturnType<typeof hanoiPlaces>,
  communes: PlaceRow[],
  divisionDistricts: string[],
) {
  const people: Person[] = [];
  const districts = hanoi.districts;
  let serial = 0;
  const districtIndex = new Map(districts.map((d, i) => [d.code, i]));
  const otherProvince: Origin[] = [
    { list: "2025-03", code: "14755" }, // Phường Hàm Rồng, Thanh Hóa
    { list: "2025-03", code: "36" }, // Tỉnh Nam Định
    { list: "2025-07", code: "40" }, // Nghệ An, in the list of 1/7/2025
  ];

  /** The group's people with sex, age, and whether not local, by index. */
  function group(
    key: GroupKey,
    make: (i: number, notLocal: boolean, young: boolean, female: boolean) => Person,
  ) {
    const g = GROUPS[key] as { size: number; young: number; women: number; notLocal?: number };
    const young = chosen(g.size, g.young, 3);
    const women = chosen(g.size, g.women, 7);
    const notLocal = chosen(g.size, g.notLocal ?? 0, 1);
    const list: Person[] = [];
    for (let i = 0; i < g.size; i++) {
      serial += 1;
      list.push(make(i, notLocal[i]!, young[i]!, women[i]!));
    }
    people.push(...list);
    return list;
  }
  const base = (female: boolean, young: boolean, i: number) => ({
    female,
    birthDate: birthDateOf(serial + i, young, female),
  });

  /** District heads: local when the home town is the district or one of its communes. */
  const districtOrigin = (districtCode: string, i: number, notLocal: boolean): Origin => {
    const own = hanoi.communesOf.get(districtCode)!;
    if (!notLocal)
      return i % 2
        ? { list: "2025-03", code: districtCode }
        : { list: "2025-03", code: own[i % own.length]!.code };
    const next = districts[(districtIndex.get(districtCode)! + 1 + (i % 5)) % districts.length]!;
    const choices: Origin[] = [
      { list: "2025-03", code: hanoi.communesOf.get(next.code)![0]!.code },
      { list: "2025-03", code: next.code },
      ...otherProvince,
    ];
    return choices[i % choices.length]!;
  };
  /** Commune heads: local only when the home town is the commune itself (not another of the same district). */
  const communeOrigin = (commune: PlaceRow, i: number, notLocal: boolean): Origin => {
    if (!notLocal) return { list: "2025-03", code: commune.code };
    const siblings = hanoi.communesOf.get(commune.parent)!.filter((c) => c.code !== commune.code);
    const elsewhere = districts[(districtIndex.get(commune.parent)! + 7) % districts.length]!;
    const choices: Origin[] = [
      { list: "2025-03", code: siblings[i % siblings.length]!.code },
      { list: "2025-03", code: siblings[(i + 1) % siblings.length]!.code },
      { list: "2025-03", code: hanoi.communesOf.get(elsewhere.code)![0]!.code },
      ...otherProvince,
    ];
    return choices[i % choices.length]!;
  };
  const cityStandingQualifications = (key: GroupKey, list: Person[]) => {
    const g = GROUPS[key] as { masters: number };
    const masters = chosen(list.length, g.masters, 5);
    list.forEach((p, i) => {
      const b = p.birthDate;
      p.politicalTheory = { code: "senior", date: diplomaDate(b, 35) };
      if (masters[i]) {
        const kinds = ["master", "master", "doctor", "master", "doctor_of_science"] as const;
        p.qualification = { code: kinds[i % kinds.length]!, date: diplomaDate(b, 30) };
      } else p.qualification = { code: "university", date: diplomaDate(b, 22) };
    });
    return { masters, list };
  };
  const i4Group = (key: GroupKey, list: Person[]) => {
    const passes = chosen(list.length, (GROUPS[key] as { i4: number }).i4, 2);
    list.forEach((p, i) => {
      i4Qualifications(p, i, passes[i]!);
    });
    return passes;
  };
  // The district standing committees' tier ends with the district level on 30/6/2025 (DOMAIN §9): its rows
  // are written with that last day, which leaves the figures as of AS_OF as they are.
  const head = (
    title: string,
    unitCode: string,
    tier: ManagementTier | null,
    extra: Partial<Person> = {},
  ) => ({
    title,
    unitCode,
    tier,
    from: "2020-10-01",
    ...(tier === "district_standing" ? { tierTo: DISTRICT_TIER_LAST_DAY } : {}),
    staffType: "Cán bộ" as const,
    ...extra,
  });

  // ---- tier city_standing: district heads and deputies, department leaders ----
  cityStandingQualifications(
    "districtSecretaries",
    group("districtSecretaries", (i, notLocal, young, female) => ({
      ...head("district_party_secretary", `${districts[i]!.code}-DU`, "city_standing"),
      ...base(female, young, i),
      homeTown: districtOrigin(districts[i]!.code, i, notLocal),
    })),
  );
  cityStandingQualifications(
    "districtChairs",
    group("districtChairs", (i, notLocal, young, female) => ({
      ...head("district_committee_chair", `${districts[i]!.code}-UB`, "city_standing"),
      ...base(female, young, i),
      homeTown: districtOrigin(districts[i]!.code, i, notLocal),
    })),
  );
  const deputies = cityStandingQualifications(
    "districtDeputies",
    group("districtDeputies", (i, notLocal, young, female) => {
      const d = districts[i % districts.length]!.code;
      const standing = i < districts.length;
      return {
        ...head(
          standing ? "district_party_deputy_standing" : "district_committee_vice_chair",
          `${d}-${standing ? "DU" : "UB"}`,
          "city_standing",
        ),
        ...base(female, young, i),
        homeTown: districtOrigin(d, i, notLocal),
      };
    }),
  );
  // Boundaries of "young" (a 40th birthday on the date is not under 40) and of a degree's date.
  deputies.list.find((p) => p.birthDate >= "1985")!.birthDate = "1984-06-01";
  deputies.list.find((p) => p.birthDate < "1984" && !p.female)!.birthDate = "1984-05-31";
  const firstMaster = deputies.masters.indexOf(true);
  deputies.list[firstMaster]!.qualification = { code: "master", date: AS_OF };
  // Masters obtained after the date: not yet masters (and no other degree recorded).
  deputies.masters
    .flatMap((m, i) => (m ? [] : [i]))
    .slice(0, 18)
    .forEach((i) => {
      deputies.list[i]!.qualification = { code: "master", date: "2024-08-15" };
    });
  cityStandingQualifications(
    "departmentLeaders",
    group("departmentLeaders", (i, _notLocal, young, female) => ({
      ...head(
        i < DEPARTMENTS.length ? "department_director" : "department_deputy_director",
        DEPARTMENTS[i % DEPARTMENTS.length]!.code,
        "city_standing",
        { from: "2021-03-01", staffType: "Công chức" },
      ),
      ...base(female, young, i),
    })),
  );

  // ---- tier district_standing: commune heads and deputies, district division heads ----
  const secretaries = group("communeSecretaries", (i, notLocal, young, female) => ({
    ...head("commune_party_secretary", `${communes[i]!.code}-DU`, "district_standing"),
    ...base(female, young, i),
    homeTown: communeOrigin(communes[i]!, i, notLocal),
  }));
  const passes = i4Group("communeSecretaries", secretaries);
  // Intermediate political theory obtained on the date itself counts.
  const boundary = secretaries[passes.indexOf(true)]!;
  boundary.qualification = { code: "university", date: diplomaDate(boundary.birthDate, 22) };
  boundary.politicalTheory = { code: "intermediate", date: AS_OF };
  i4Group(
    "communeChairs",
    group("communeChairs", (i, notLocal, young, female) => ({
      ...head("commune_committee_chair", `${communes[i]!.code}-UB`, "district_standing"),
      ...base(female, young, i),
      homeTown: communeOrigin(communes[i]!, i, notLocal),
    })),
  );
  i4Group(
    "communeDeputies",
    group("communeDeputies", (i, notLocal, young, female) => {
      const c = communes[i % communes.length]!;
      const standing = i < communes.length;
      return {
        ...head(
          standing ? "commune_party_deputy_standing" : "commune_committee_vice_chair",
          `${c.code}-${standing ? "DU" : "UB"}`,
          "district_standing",
        ),
        ...base(female, young, i),
        homeTown: communeOrigin(c, i, notLocal),
      };
    }),
  );
  i4Group(
    "districtDivisions",
    group("districtDivisions", (i, _notLocal, young, female) => ({
      ...head(
        i % 2 ? "division_deputy" : "division_head",
        `${divisionDistricts[i >> 1]}-PNV`,
        "district_standing",
        {
          from: "2022-01-01",
          staffType: "Công chức",
        },
      ),
      ...base(female, young, i),
    })),
  );

  // ---- tier department_committee: division heads of the departments ----
  i4Group(
    "departmentDivisions",
    group("departmentDivisions", (i, _notLocal, young, female) => ({
      ...head(
        i < DEPARTMENTS.length ? "division_head" : "division_deputy",
        `${DEPARTMENTS[i % DEPARTMENTS.length]!.code}-VP`,
        "department_committee",
        { from: "2022-01-01", staffType: "Công chức" },
      ),
      ...base(female, young, i),
    })),
  );

  // ---- outside every population ----
  const outside = (n: number, make: (i: number) => Person) => {
    for (let i = 0; i < n; i++) {
      serial += 1;
      people.push(make(i));
    }
  };
  const youngWoman = (i: number) => ({ female: true, birthDate: birthDateOf(serial + i, true, true) });
  const master = (p: Person) => ({
    ...p,
    qualification: { code: "master", date: diplomaDate(p.birthDate, 25) },
  });
  // Commune staff of the grassroots tier.
  outside(40, (i) =>
    master({
      ...head("expert", `${communes[i]!.code}-UB`, "grassroots", { staffType: "Công chức" }),
      ...youngWoman(i),
    }),
  );
  // Department staff without a management tier.
  outside(10, (i) => ({
    ...head("expert", `${DEPARTMENTS[i % DEPARTMENTS.length]!.code}-VP`, null, { staffType: "Công chức" }),
    ...youngWoman(i),
  }));
  // The city Party secretary, managed by the Central Committee.
  outside(1, () => ({
    ...head("city_party_secretary", "TU", "central"),
    female: false,
    birthDate: "1968-03-12",
    qualification: { code: "doctor", date: "2005-06-30" },
    homeTown: { list: "2025-03", code: "36" },
  }));
  // Chairs of the last 9 communes, appointed after the date (the posts are vacant on it).
  outside(communes.length - GROUPS.communeChairs.size, (i) => ({
    ...head(
      "commune_committee_chair",
      `${communes[GROUPS.communeChairs.size + i]!.code}-UB`,
      "district_standing",
      {
        from: "2024-06-15",
      },
    ),
    ...youngWoman(i),
    homeTown: otherProvince[i % otherProvince.length]!,
  }));
  // Commune staff who enter the district standing committee's tier after the date.
  outside(5, (i) =>
    master({
      ...head("expert", `${communes[i]!.code}-DU`, "district_standing", {
        staffType: "Công chức",
        tierFrom: "2024-07-01",
      }),
      ...youngWoman(i),
    }),
  );
  return people;
}

export const DEPARTMENTS = [
  { code: "SNV", name: "Sở Nội vụ" },
  { code: "STC", name: "Sở Tài chính" },
  { code: "SXD", name: "Sở Xây dựng" },
  { code: "SYT", name: "Sở Y tế" },
  { code: "SGDDT", name: "Sở Giáo dục và Đào tạo" },
];

const TIER_TEXT: Record<ManagementTier, string> = {
  central: "Trung ương",
  city_standing: "BTV Thành ủy",
  district_standing: "BTV Quận ủy",
  department_committee: "Đảng ủy sở ngành",
  grassroots: "Cơ sở",
};
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The people as a CSV file of the documented format (column keys as headers, codes, dd/mm/yyyy dates). */
export function csvOf(people: Person[]): string {
  const header = [
    "staffCode",
    "fullName",
    "sex",
    "birthDate",
    "staffType",
    "homeTownPlaceCode",
    "homeTownPlaceCodeOld",
    "qualificationCode",
    "qualificationDate",
    "politicalTheoryCode",
    "politicalTheoryDate",
    "unitCode",
    "titleCode",
    "assignmentFrom",
    "tier",
    "tierFrom",
    "tierTo",
  ];
  const lines = people.map((p, i) =>
    [
      `HN-${String(i + 1).padStart(6, "0")}`,
      nameOf(i, p.female),
      p.female ? "Nữ" : "Nam",
      dmy(p.birthDate),
      p.staffType,
      p.homeTown?.list === "2025-07" ? p.homeTown.code : "",
      p.homeTown?.list === "2025-03" ? p.homeTown.code : "",
      p.qualification?.code ?? "",
      p.qualification ? dmy(p.qualification.date) : "",
      p.politicalTheory?.code ?? "",
      p.politicalTheory ? dmy(p.politicalTheory.date) : "",
      p.unitCode,
      p.title,
      dmy(p.from),
      p.tier ? TIER_TEXT[p.tier] : "",
      p.tier ? dmy(p.tierFrom ?? p.from) : "",
      p.tier && p.tierTo ? dmy(p.tierTo) : "",
    ].join(","),
  );
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

export const KIND_OF_PLACE: Record<string, UnitKind> = {
  Quận: "district",
  Huyện: "district",
  "Thị xã": "town",
  Phường: "ward",
  Xã: "commune",
  "Thị trấn": "township",
};

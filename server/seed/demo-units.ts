import type { UnitKind } from "../../common/enums/units.ts";
import { shippedPlaces } from "../modules/places/index.ts";
import type { PlaceRecord } from "../modules/places/places.data.ts";
import type { OrgChange, Origin, SeedOrganisation, SeedUnit, UnitRole } from "./organisation.ts";
import { createRandom, mixSeed } from "./random.ts";
import { readTsv } from "./reference.ts";

// Hà Tây merged into Hà Nội on 1/8/2008: the demo organisation starts then.
const HANOI_FROM = "2008-08-01";
// Resolution 132/NQ-CP: Từ Liêm district split into Nam Từ Liêm and Bắc Từ Liêm on 1/4/2014.
const TU_LIEM_SPLIT = "2014-04-01";
// The city's departments and the Party's boards merged on 1/3/2025 (DOMAIN §10).
const DEPARTMENTS_MERGED = "2025-03-01";
// From 1/7/2025 no district level: 126 communes and wards directly under the city (DOMAIN §10).
const TWO_TIER_FROM = "2025-07-01";
// The official lists of places (server/modules/places/data): of 1/3/2025 and from 1/7/2025.
const MARCH_2025 = "2025-03";
const JULY_2025 = "2025-07";

const CITY_PARTY_BODIES = [
  "Văn phòng Thành ủy",
  "Ban Tổ chức Thành ủy",
  "Ban Tuyên giáo Thành ủy",
  "Ban Dân vận Thành ủy",
  "Ủy ban Kiểm tra Thành ủy",
  "Ban Nội chính Thành ủy",
];
const CITY_DEPARTMENTS = [
  ["Văn phòng UBND Thành phố", "agency"],
  ["Sở Nội vụ", "department"],
  ["Sở Tài chính", "department"],
  ["Sở Kế hoạch và Đầu tư", "department"],
  ["Sở Xây dựng", "department"],
  ["Sở Giao thông vận tải", "department"],
  ["Sở Giáo dục và Đào tạo", "department"],
  ["Sở Y tế", "department"],
  ["Sở Tư pháp", "department"],
  ["Sở Công Thương", "department"],
  ["Sở Tài nguyên và Môi trường", "department"],
  ["Sở Nông nghiệp và Phát triển nông thôn", "department"],
  ["Sở Lao động - Thương binh và Xã hội", "department"],
  ["Sở Văn hóa và Thể thao", "department"],
  ["Sở Du lịch", "department"],
  ["Sở Khoa học và Công nghệ", "department"],
  ["Sở Thông tin và Truyền thông", "department"],
  ["Sở Quy hoạch - Kiến trúc", "department"],
  ["Thanh tra Thành phố", "agency"],
  ["Ban Dân tộc Thành phố", "agency"],
  // From 1/3/2025 (keys city.ubnd.20 and .21).
  ["Sở Nông nghiệp và Môi trường", "department"],
  ["Sở Dân tộc và Tôn giáo", "department"],
] as const;
/** Index of the first department formed on 1/3/2025. */
const FIRST_MERGED_DEPARTMENT = 20;
/** The Party board formed on 1/3/2025 (key city.tu.6). */
const MERGED_PARTY_BOARD = "Ban Tuyên giáo và Dân vận Thành ủy";
/**
 * The mergers of 1/3/2025 [DOMAIN §10; names as Hà Nội announced them]: Planning and Investment into
 * Finance, Transport into Construction, Information and Communications into Science and Technology, Labour
 * into Home Affairs (its social and child-care work to Health), Natural Resources with Agriculture, the
 * Ethnic Minorities board into the new department of Ethnic and Religious Affairs, the Party's
 * Propaganda and Mass Mobilisation boards into one.
 */
const DEPARTMENT_MERGERS: readonly (readonly [readonly string[], string])[] = [
  [["city.ubnd.3"], "city.ubnd.2"],
  [["city.ubnd.5"], "city.ubnd.4"],
  [["city.ubnd.16"], "city.ubnd.15"],
  [["city.ubnd.12"], "city.ubnd.1"],
  [["city.ubnd.10", "city.ubnd.11"], "city.ubnd.20"],
  [["city.ubnd.19"], "city.ubnd.21"],
  [["city.tu.2", "city.tu.3"], "city.tu.6"],
];
const LABOUR_DEPARTMENT = 12;
/**
 * Provinces around Hà Nội some staff come from (statistics-office codes): Nam Định, Thái Bình, Hưng Yên,
 * Hải Dương, Bắc Ninh, Vĩnh Phúc, Phú Thọ, Hà Nam, Ninh Bình, Thanh Hóa, Nghệ An, Hòa Bình.
 */
const NEIGHBOUR_PROVINCES = ["36", "34", "33", "30", "27", "26", "25", "35", "37", "38", "40", "17"];
const CITY_MASS_ORGS = [
  "Thành đoàn Hà Nội",
  "Hội Liên hiệp Phụ nữ Thành phố",
  "Hội Nông dân Thành phố",
  "Hội Cựu chiến binh Thành phố",
  "Liên đoàn Lao động Thành phố",
];
const CITY_PUBLIC_SERVICE: readonly (readonly [string, UnitRole])[] = [
  ["Trường Đại học Thủ đô Hà Nội", "university"],
  ["Bệnh viện Đa khoa Xanh Pôn", "hospital"],
  ["Đài Phát thanh và Truyền hình Hà Nội", "media"],
  ["Báo Hà Nội Mới", "media"],
];
// Index of the departments that run the city's hospitals and upper-secondary schools.
const EDUCATION_DEPARTMENT = 6;
const HEALTH_DEPARTMENT = 7;
/** City hospitals under the Department of Health (names in the style of Hà Nội's). */
const CITY_HOSPITALS = [
  "Bệnh viện Thanh Nhàn",
  "Bệnh viện Đức Giang",
  "Bệnh viện Đống Đa",
  "Bệnh viện Đa khoa Hà Đông",
  "Bệnh viện Đa khoa Sơn Tây",
  "Bệnh viện Tim Hà Nội",
  "Bệnh viện Phụ sản Hà Nội",
  "Bệnh viện Nhi Hà Nội",
  "Bệnh viện Thận Hà Nội",
  "Bệnh viện Ung bướu Hà Nội",
  "Bệnh viện Mắt Hà Nội",
  "Bệnh viện Bắc Thăng Long",
  "Bệnh viện Đa khoa Hòe Nhai",
  "Bệnh viện Đa khoa Đức Giang",
  "Bệnh viện Tâm thần Hà Nội",
  "Bệnh viện Phổi Hà Nội",
  "Bệnh viện Da liễu Hà Nội",
  "Bệnh viện Y học cổ truyền Hà Nội",
  "Bệnh viện Đa khoa Vân Đình",
  "Bệnh viện Đa khoa Ba Vì",
  "Bệnh viện Đa khoa Sóc Sơn",
  "Bệnh viện Đa khoa Đông Anh",
  "Bệnh viện Đa khoa Thạch Thất",
  "Bệnh viện Đa khoa Chương Mỹ",
  "Bệnh viện Đa khoa Mê Linh",
  "Bệnh viện Đa khoa Gia Lâm",
  "Bệnh viện Đa khoa Thanh Trì",
  "Bệnh viện Đa khoa Hoài Đức",
  "Bệnh viện Đa khoa Phúc Thọ",
  "Bệnh viện Đa khoa Đan Phượng",
  "Bệnh viện Đa khoa Quốc Oai",
  "Bệnh viện Đa khoa Thường Tín",
  "Bệnh viện Đa khoa Phú Xuyên",
  "Bệnh viện Đa khoa Mỹ Đức",
  "Bệnh viện Đa khoa Thanh Oai",
  "Bệnh viện Đa khoa Xanh Pôn cơ sở 2",
  "Bệnh viện Đa khoa Hồng Ngọc công lập",
  "Bệnh viện Phục hồi chức năng Hà Nội",
  "Bệnh viện Nội tiết Hà Nội",
  "Bệnh viện Lão khoa Hà Nội",
];
/** Namesakes of Hà Nội's public upper-secondary schools; the rest are named after their district. */
const SCHOOL_NAMESAKES = [
  "Chu Văn An",
  "Phan Đình Phùng",
  "Phạm Hồng Thái",
  "Nguyễn Trãi",
  "Kim Liên",
  "Lê Quý Đôn",
  "Trần Phú",
  "Việt Đức",
  "Thăng Long",
  "Trần Nhân Tông",
  "Đoàn Kết",
  "Yên Hòa",
  "Nhân Chính",
  "Quang Trung",
  "Đống Đa",
  "Tây Hồ",
  "Cầu Giấy",
  "Ngọc Hồi",
  "Nguyễn Gia Thiều",
  "Lý Thường Kiệt",
  "Cao Bá Quát",
  "Nguyễn Du",
  "Xuân Đỉnh",
  "Thượng Cát",
  "Đại Mỗ",
  "Trung Văn",
  "Mỹ Đình",
  "Hoàng Văn Thụ",
  "Việt Nam - Ba Lan",
  "Trương Định",
  "Lê Lợi",
  "Ngô Quyền",
  "Tùng Thiện",
  "Xuân Khanh",
  "Minh Quang",
  "Bất Bạt",
  "Quảng Oai",
  "Ngọc Tảo",
  "Vân Cốc",
  "Hồng Thái",
  "Tân Lập",
  "Thạch Bàn",
];
const UPPER_SCHOOLS_TOTAL = 110;
// Districts that belonged to Hà Tây province until 1/8/2008 (statistics-office codes).
const HA_TAY_DISTRICTS = new Set([
  "268",
  "269",
  "271",
  "272",
  "273",
  "274",
  "275",
  "276",
  "277",
  "278",
  "279",
  "280",
  "281",
  "282",
]);
const DISTRICT_DIVISIONS = [
  "Văn phòng HĐND và UBND",
  "Phòng Nội vụ",
  "Phòng Tài chính - Kế hoạch",
  "Phòng Tư pháp",
  "Phòng Giáo dục và Đào tạo",
  "Phòng Y tế",
  "Thanh tra",
];

/**
 * The demo organisation, Hà Nội as it was on every date since 1/8/2008: the city's Party committee,
 * council, People's Committee and departments (merged on 1/3/2025); the 30 district-level units (plus Từ
 * Liêm before its 2014 split) until 30/6/2025, each with its bodies, divisions and health centre, and
 * their 526 communes and wards of the official list of 1/3/2025 (real names and codes), each with its
 * Party committee, People's Committee, three schools and a health station; from 1/7/2025 the 126 communes
 * and wards of Resolution 1656/NQ-UBTVQH15 with their Party committee, People's Committee and its three
 * divisions, linked to the old communes by the official lineage, the schools and health stations moved
 * under them and the health centres under the Department of Health. City hospitals and upper-secondary
 * schools under their departments. Every unit carries its role (which seats it has), the district and
 * commune it lies in, and territorial units the place they govern. (The communes merged in late 2024 —
 * 579 before, 526 after — are shown with the 2025 list on earlier dates too: no older list is shipped.)
 */
export function demoUnits(seed = 1): SeedOrganisation {
  // Sizes and public-service names come from their own stream.
  const rs = createRandom(mixSeed(seed, 0x5e));
  const out: SeedUnit[] = [];
  const origins: Origin[] = [];
  const add = (u: Omit<SeedUnit, "size"> & { size?: number }) => {
    out.push({ ...u, size: u.size ?? 1 });
    return u.key;
  };
  const size = (min: number, max: number) => Math.round((min + rs.next() * (max - min)) * 100) / 100;
  const city = add({
    key: "city",
    name: "Thành phố Hà Nội",
    code: "01",
    kind: "city",
    validFrom: HANOI_FROM,
    role: "territory",
    place: { edition: MARCH_2025, code: "01" },
  });
  const tu = add({
    key: "city.tu",
    parentKey: city,
    name: "Thành ủy Hà Nội",
    kind: "party_committee",
    bloc: "party",
    validFrom: HANOI_FROM,
    role: "city_party",
  });
  for (const [i, name] of CITY_PARTY_BODIES.entries()) {
    add({
      key: `city.tu.${i}`,
      parentKey: tu,
      name,
      kind: "agency",
      bloc: "party",
      validFrom: HANOI_FROM,
      role: "city_party_board",
      size: i === 0 ? 1.6 : 1,
    });
  }
  add({
    key: `city.tu.${CITY_PARTY_BODIES.length}`,
    parentKey: tu,
    name: MERGED_PARTY_BOARD,
    kind: "agency",
    bloc: "party",
    validFrom: DEPARTMENTS_MERGED,
    role: "city_party_board",
  });
  add({
    key: "city.hdnd",
    parentKey: city,
    name: "HĐND Thành phố Hà Nội",
    kind: "people_council",
    bloc: "government",
    validFrom: HANOI_FROM,
    role: "city_council",
  });
  const ubnd = add({
    key: "city.ubnd",
    parentKey: city,
    name: "UBND Thành phố Hà Nội",
    kind: "people_committee",
    bloc: "government",
    validFrom: HANOI_FROM,
    role: "city_committee",
  });
  for (const [i, [name, kind]] of CITY_DEPARTMENTS.entries()) {
    add({
      key: `city.ubnd.${i}`,
      parentKey: ubnd,
      name,
      kind,
      bloc: "government",
      validFrom: i >= FIRST_MERGED_DEPARTMENT ? DEPARTMENTS_MERGED : HANOI_FROM,
      role: "department",
      size: kind === "agency" ? size(0.5, 0.8) : size(0.8, 1.4),
    });
  }
  add({
    key: "city.mttq",
    parentKey: city,
    name: "Ủy ban MTTQ Việt Nam Thành phố Hà Nội",
    kind: "front",
    bloc: "front",
    validFrom: HANOI_FROM,
    role: "city_front",
  });
  for (const [i, name] of CITY_MASS_ORGS.entries()) {
    add({
      key: `city.org.${i}`,
      parentKey: city,
      name,
      kind: "mass_organisation",
      bloc: "front",
      validFrom: HANOI_FROM,
      role: "mass_organisation",
    });
  }
  for (const [i, [name, role]] of CITY_PUBLIC_SERVICE.entries()) {
    add({
      key: `city.sn.${i}`,
      parentKey: ubnd,
      name,
      kind: "public_service_unit",
      bloc: "public_service",
      validFrom: HANOI_FROM,
      role,
      size: size(0.8, 1.3),
    });
  }
  for (const [i, name] of CITY_HOSPITALS.entries()) {
    add({
      key: `city.bv.${i}`,
      parentKey: `city.ubnd.${HEALTH_DEPARTMENT}`,
      name,
      kind: "public_service_unit",
      bloc: "public_service",
      validFrom: HANOI_FROM,
      role: "hospital",
      size: size(0.6, 1.5),
    });
  }

  const districts = readTsv("hanoi-districts-2024.tsv").map((d) => ({
    code: d.code!,
    name: d.name!,
    kind: (d.kind === "quận" ? "district_urban" : d.kind === "thị xã" ? "town" : "district_rural") as
      | "district_urban"
      | "district_rural"
      | "town",
    validFrom: d.code === "019" || d.code === "021" ? TU_LIEM_SPLIT : HANOI_FROM,
  }));
  // Từ Liêm (rural district) existed until its split.
  const tuLiem = {
    code: "019",
    name: "Từ Liêm",
    kind: "district_rural" as const,
    validFrom: HANOI_FROM,
    validTo: TU_LIEM_SPLIT,
  };

  // The official list of 1/3/2025: Hà Nội's 526 communes under their districts, with the 2025 lineage.
  const places = shippedPlaces();
  const march = places.editions.find((e) => e.edition === MARCH_2025)!.places;
  const communesOf = new Map<string, PlaceRecord[]>();
  for (const place of march) {
    if (place.level !== "commune" || !place.parentCode) continue;
    const list = communesOf.get(place.parentCode);
    if (list) list.push(place);
    else communesOf.set(place.parentCode, [place]);
  }
  const lineage = places.lineages.find((l) => l.newEdition === JULY_2025)!.links;
  const newCodes = new Set(readTsv("hanoi-communes-2025.tsv").map((c) => c.ma_so!));
  /** Old commune code → the 2025 communes it went into (several when it was split). */
  const successorsOf = new Map<string, string[]>();
  for (const link of lineage) {
    if (!newCodes.has(link.newCode)) continue;
    const list = successorsOf.get(link.oldCode);
    if (list) list.push(link.newCode);
    else successorsOf.set(link.oldCode, [link.newCode]);
  }

  const communeKeyOf = new Map<string, string>();
  const communeSize = new Map<string, number>();
  const districtOfCommune = new Map<string, string>();
  const addDistrict = (d: (typeof districts)[number] & { validTo?: string }, keyPrefix: string) => {
    const prefix = d.kind === "district_urban" ? "Quận" : d.kind === "town" ? "Thị xã" : "Huyện";
    const kind: UnitKind = d.kind === "town" ? "town" : "district";
    // Every district-level unit ended on 1/7/2025 (Từ Liêm earlier, at its split).
    const validTo = d.validTo ?? TWO_TIER_FROM;
    const key = add({
      key: keyPrefix,
      parentKey: city,
      name: `${prefix} ${d.name}`,
      code: d.code,
      kind,
      validFrom: d.validFrom,
      validTo,
      role: "territory",
      ...(d.validTo ? {} : { place: { edition: MARCH_2025, code: d.code } }),
    });
    const inDistrict = { districtKey: key, validFrom: d.validFrom, validTo };
    const partyName = d.kind === "district_urban" ? "Quận ủy" : d.kind === "town" ? "Thị ủy" : "Huyện ủy";
    add({
      key: `${key}.party`,
      parentKey: key,
      name: `${partyName} ${d.name}`,
      kind: "party_committee",
      bloc: "party",
      role: "district_party",
      ...inDistrict,
    });
    add({
      key: `${key}.hdnd`,
      parentKey: key,
      name: `HĐND ${prefix.toLowerCase()} ${d.name}`,
      kind: "people_council",
      bloc: "government",
      role: "district_council",
      ...inDistrict,
    });
    const ub = add({
      key: `${key}.ubnd`,
      parentKey: key,
      name: `UBND ${prefix.toLowerCase()} ${d.name}`,
      kind: "people_committee",
      bloc: "government",
      role: "district_committee",
      ...inDistrict,
    });
    for (const [i, name] of DISTRICT_DIVISIONS.entries()) {
      add({
        key: `${ub}.${i}`,
        parentKey: ub,
        name,
        kind: "division",
        bloc: "government",
        role: "district_division",
        size: size(0.8, 1.3),
        ...inDistrict,
      });
    }
    add({
      key: `${key}.mttq`,
      parentKey: key,
      name: `Ủy ban MTTQ ${prefix.toLowerCase()} ${d.name}`,
      kind: "front",
      bloc: "front",
      role: "district_front",
      ...inDistrict,
    });
    // The health centre outlived its district: from 1/7/2025 it belongs to the Department of Health.
    add({
      key: `${ub}.ttyt`,
      parentKey: ub,
      name: `Trung tâm Y tế ${prefix.toLowerCase()} ${d.name}`,
      kind: "public_service_unit",
      bloc: "public_service",
      role: "health_centre",
      size: size(0.7, 1.4),
      districtKey: key,
      validFrom: d.validFrom,
      ...(d.validTo ? { validTo: d.validTo } : {}),
    });
    if (d.validTo) return key;
    for (const place of communesOf.get(d.code) ?? []) {
      const ckind: UnitKind =
        place.kind === "Phường" ? "ward" : place.kind === "Thị trấn" ? "township" : "commune";
      const label = place.kind;
      const cname = place.name.slice(label.length + 1);
      const ckey = add({
        key: `${key}.c${place.code}`,
        parentKey: key,
        name: place.name,
        code: place.code,
        kind: ckind,
        role: "territory",
        place: { edition: MARCH_2025, code: place.code },
        ...inDistrict,
      });
      communeKeyOf.set(place.code, ckey);
      districtOfCommune.set(ckey, key);
      const inCommune = { ...inDistrict, communeKey: ckey };
      const csize = size(0.6, 1.5);
      communeSize.set(ckey, csize);
      add({
        key: `${ckey}.party`,
        parentKey: ckey,
        name: `Đảng ủy ${label.toLowerCase()} ${cname}`,
        kind: "party_committee",
        bloc: "party",
        role: "commune_party",
        ...inCommune,
      });
      add({
        key: `${ckey}.ubnd`,
        parentKey: ckey,
        name: `UBND ${label.toLowerCase()} ${cname}`,
        kind: "people_committee",
        bloc: "government",
        role: "commune_committee",
        size: csize,
        ...inCommune,
      });
      // Schools and the health station outlived their commune: from 1/7/2025 under the new one.
      const schools: readonly (readonly [string, UnitRole, string])[] = [
        ["mn", "kindergarten", `Trường Mầm non ${cname}`],
        ["th", "primary_school", `Trường Tiểu học ${cname}`],
        ["thcs", "lower_secondary_school", `Trường THCS ${cname}`],
        ["tyt", "health_station", `Trạm Y tế ${label.toLowerCase()} ${cname}`],
      ];
      for (const [suffix, role, name] of schools) {
        add({
          key: `${ckey}.${suffix}`,
          parentKey: ckey,
          name,
          kind: "public_service_unit",
          bloc: "public_service",
          role,
          size: Math.round(csize * size(0.8, 1.2) * 100) / 100,
          districtKey: key,
          communeKey: ckey,
          validFrom: d.validFrom,
        });
      }
      origins.push({
        place: { edition: MARCH_2025, code: place.code },
        districtKey: key,
        territories: [ckey, key],
        text: place.fullName,
        provinceCode: "001",
        weight: csize,
      });
    }
    return key;
  };

  const tuLiemKey = addDistrict({ ...tuLiem }, "d.tuliem");
  for (const d of districts) addDistrict(d, `d.${d.code}`);

  // Upper-secondary schools under the Department of Education, spread over the districts.
  const live = districts.map((d) => `d.${d.code}`);
  for (let i = 0; i < UPPER_SCHOOLS_TOTAL; i++) {
    const district = live[i % live.length]!;
    const districtName = districts[i % live.length]!.name;
    const name =
      i < SCHOOL_NAMESAKES.length
        ? `Trường THPT ${SCHOOL_NAMESAKES[i]}`
        : `Trường THPT ${districtName} ${Math.floor((i - SCHOOL_NAMESAKES.length) / live.length) + 1}`;
    add({
      key: `city.thpt.${i}`,
      parentKey: `city.ubnd.${EDUCATION_DEPARTMENT}`,
      name,
      kind: "public_service_unit",
      bloc: "public_service",
      validFrom: HANOI_FROM,
      role: "upper_secondary_school",
      districtKey: district,
      size: size(0.7, 1.4),
    });
  }

  // 1/7/2025: the 126 communes and wards of Resolution 1656/NQ-UBTVQH15, formed from the old communes.
  const predecessorsOf = new Map<string, string[]>();
  const sourcesOf = new Map<string, string[]>();
  const reform: OrgChange = {
    date: TWO_TIER_FROM,
    reason: "Nghị quyết 1656/NQ-UBTVQH15: sắp xếp đơn vị hành chính cấp xã của thành phố Hà Nội",
    ends: [],
    moves: [],
    links: [],
  };
  const newKeyOf = new Map<string, string>();
  for (const row of readTsv("hanoi-communes-2025.tsv")) {
    const code = row.ma_so!;
    const name = row.ten!;
    const isWard = name.startsWith("Phường ");
    const label = isWard ? "Phường" : "Xã";
    const cname = name.slice(label.length + 1);
    const nkey = `n.${code}`;
    newKeyOf.set(code, nkey);
    const oldKeys = lineage
      .filter((l) => l.newCode === code)
      .map((l) => communeKeyOf.get(l.oldCode))
      .filter((k): k is string => k !== undefined);
    // The district most of it came from (its careers' "district" before 2025).
    const districtVotes = new Map<string, number>();
    for (const k of oldKeys) {
      const dk = districtOfCommune.get(k)!;
      districtVotes.set(dk, (districtVotes.get(dk) ?? 0) + 1);
    }
    const mainDistrict = [...districtVotes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    // Staff were cut: a new commune has about 60% of the posts of the old ones (a split one counts in part).
    const oldSize = oldKeys.reduce(
      (sum, k) =>
        sum + communeSize.get(k)! / (successorsOf.get(k.slice(k.lastIndexOf(".c") + 2))?.length ?? 1),
      0,
    );
    const nsize = Math.round(Math.max(1, oldSize * 0.6) * 100) / 100;
    add({
      key: nkey,
      parentKey: city,
      name,
      code,
      kind: isWard ? "ward" : "commune",
      role: "territory",
      validFrom: TWO_TIER_FROM,
      place: { edition: JULY_2025, code },
      districtKey: mainDistrict,
    });
    const inCommune = { validFrom: TWO_TIER_FROM, districtKey: mainDistrict, communeKey: nkey };
    add({
      key: `${nkey}.party`,
      parentKey: nkey,
      name: `Đảng ủy ${label.toLowerCase()} ${cname}`,
      kind: "party_committee",
      bloc: "party",
      role: "commune_party",
      size: nsize,
      ...inCommune,
    });
    const ub = add({
      key: `${nkey}.ubnd`,
      parentKey: nkey,
      name: `UBND ${label.toLowerCase()} ${cname}`,
      kind: "people_committee",
      bloc: "government",
      role: "commune_committee",
      size: nsize,
      ...inCommune,
    });
    const divisions: readonly (readonly [string, string, readonly number[]])[] = [
      ["vp", "Văn phòng HĐND và UBND", [0, 1, 3]],
      ["kt", isWard ? "Phòng Kinh tế, Hạ tầng và Đô thị" : "Phòng Kinh tế", [2, 6]],
      ["vhxh", "Phòng Văn hóa - Xã hội", [4, 5]],
    ];
    const districtKeys = [...districtVotes.keys()];
    for (const [suffix, dname, from] of divisions) {
      const dkey = add({
        key: `${ub}.${suffix}`,
        parentKey: ub,
        name: dname,
        kind: "division",
        bloc: "government",
        role: "commune_division",
        size: Math.round(Math.max(1, nsize / 2) * 100) / 100,
        ...inCommune,
      });
      // Its staff came from the divisions of the districts it was formed from.
      predecessorsOf.set(
        dkey,
        districtKeys.flatMap((dk) => from.map((i) => `${dk}.ubnd.${i}`)),
      );
    }
    predecessorsOf.set(
      `${nkey}.party`,
      oldKeys.map((k) => `${k}.party`),
    );
    predecessorsOf.set(
      ub,
      oldKeys.map((k) => `${k}.ubnd`),
    );
    sourcesOf.set(nkey, [...oldKeys, ...districtKeys]);
  }
  const originOf = new Map(origins.map((o) => [o.place!.code, o]));
  for (const [oldCode, news] of successorsOf) {
    const oldKey = communeKeyOf.get(oldCode)!;
    for (const newCode of news) {
      reform.links.push({
        from: oldKey,
        to: newKeyOf.get(newCode)!,
        kind: news.length > 1 ? "split" : "merge",
      });
    }
    // Schools and the health station go to the commune that took the old commune (or the first part of it).
    for (const suffix of ["mn", "th", "thcs", "tyt"]) {
      reform.moves.push({ key: `${oldKey}.${suffix}`, parentKey: newKeyOf.get(news[0]!)! });
    }
    const origin = originOf.get(oldCode)!;
    if (news.length === 1) origin.territories = [...origin.territories, newKeyOf.get(news[0]!)!];
    else origin.overlaps = news.map((c) => newKeyOf.get(c)!);
  }
  for (const d of districts) {
    reform.moves.push({ key: `d.${d.code}.ubnd.ttyt`, parentKey: `city.ubnd.${HEALTH_DEPARTMENT}` });
  }
  for (const u of out) if (u.validTo === TWO_TIER_FROM) reform.ends.push(u.key);

  // 1/3/2025: the city's departments and the Party's boards merged (Resolution 18-NQ/TW).
  const merger: OrgChange = {
    date: DEPARTMENTS_MERGED,
    reason: "Nghị quyết 18-NQ/TW: sắp xếp các cơ quan chuyên môn của UBND Thành phố và các ban của Thành ủy",
    ends: [],
    moves: [],
    links: [],
  };
  for (const [fromKeys, toKey] of DEPARTMENT_MERGERS) {
    for (const from of fromKeys) {
      const unit = out.find((u) => u.key === from)!;
      unit.validTo = DEPARTMENTS_MERGED;
      merger.ends.push(from);
      merger.links.push({ from, to: toKey, kind: "merge" });
    }
    const to = out.find((u) => u.key === toKey)!;
    // A department that took another's staff has room for them.
    to.size =
      Math.round(
        (to.size + fromKeys.reduce((s, k) => s + out.find((u) => u.key === k)!.size, 0) * 0.8) * 100,
      ) / 100;
    if (to.validFrom === DEPARTMENTS_MERGED) predecessorsOf.set(toKey, [...fromKeys]);
    sourcesOf.set(toKey, [...fromKeys]);
  }
  // Labour, Invalids and Social Affairs: split between Home Affairs and Health.
  merger.links.push({
    from: `city.ubnd.${LABOUR_DEPARTMENT}`,
    to: `city.ubnd.${HEALTH_DEPARTMENT}`,
    kind: "split",
  });
  const labour = merger.links.find((l) => l.from === `city.ubnd.${LABOUR_DEPARTMENT}` && l.kind === "merge");
  if (labour) labour.kind = "split";

  // The bodies of Nam Từ Liêm and Bắc Từ Liêm continue those of Từ Liêm.
  for (const u of out) {
    if (!u.key.startsWith(`${tuLiemKey}.`)) continue;
    const suffix = u.key.slice(tuLiemKey.length);
    for (const successor of ["d.019", "d.021"]) predecessorsOf.set(`${successor}${suffix}`, [u.key]);
  }
  const split: OrgChange = {
    date: TU_LIEM_SPLIT,
    reason: "Nghị quyết 132/NQ-CP: chia tách huyện Từ Liêm",
    ends: out.filter((u) => u.key === tuLiemKey || u.key.startsWith(`${tuLiemKey}.`)).map((u) => u.key),
    moves: [],
    links: ["d.019", "d.021"].map((to) => ({ from: tuLiemKey, to, kind: "split" as const })),
  };

  // Places of the neighbouring provinces some staff come from (their communes of 1/3/2025).
  const neighbours = new Set(NEIGHBOUR_PROVINCES);
  const provinceOfDistrict = new Map<string, string>();
  for (const place of march)
    if (place.level === "district") provinceOfDistrict.set(place.code, place.parentCode!);
  const outsideOrigins: Origin[] = [];
  for (const place of march) {
    if (place.level !== "commune") continue;
    const province = provinceOfDistrict.get(place.parentCode!);
    if (!province || !neighbours.has(province)) continue;
    outsideOrigins.push({
      place: { edition: MARCH_2025, code: place.code },
      districtKey: "",
      territories: [],
      text: place.fullName,
      provinceCode: `0${province}`,
      weight: 1,
    });
  }

  const byKey = new Map(out.map((u) => [u.key, u]));
  return {
    units: out,
    changes: [split, merger, reform],
    predecessorsOf,
    sourcesOf,
    origins,
    outsideOrigins,
    staffCodePrefix: "HN",
    recordsFrom: HANOI_FROM,
    twoTierFrom: TWO_TIER_FROM,
    nameBefore: (unit, date) => {
      // A unit that did not exist yet is written as the first body it continues.
      if (date < unit.validFrom) {
        const predecessor = predecessorsOf.get(unit.key)?.[0];
        if (predecessor) return byKey.get(predecessor)!.name;
      }
      const district = unit.districtKey?.slice(2) ?? "";
      if (date < TU_LIEM_SPLIT && (district === "019" || district === "021"))
        return `${unit.name}, huyện Từ Liêm`;
      if (date >= HANOI_FROM) return unit.name;
      if (HA_TAY_DISTRICTS.has(district)) return `${unit.name}, tỉnh Hà Tây`;
      if (district === "250") return `${unit.name}, tỉnh Vĩnh Phúc`;
      return unit.name;
    },
  };
}

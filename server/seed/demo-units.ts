import type { UnitKind } from "../../common/enums/units.ts";
import type { Origin, SeedOrganisation, SeedUnit, UnitRole } from "./organisation.ts";
import { createRandom, mixSeed, type Random } from "./random.ts";
import { readTsv } from "./reference.ts";

// Hà Tây merged into Hà Nội on 1/8/2008: the demo organisation starts then.
const HANOI_FROM = "2008-08-01";
// Resolution 132/NQ-CP: Từ Liêm district split into Nam Từ Liêm and Bắc Từ Liêm on 1/4/2014.
const TU_LIEM_SPLIT = "2014-04-01";

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
] as const;
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
// Words Hà Nội's commune names are made of; the 2024 communes are generated from them (the real 2025
// units are in reference/hanoi-communes-2025.tsv for the reorganisation to come).
export const PLACE_WORDS = [
  "An",
  "Bình",
  "Phúc",
  "Thịnh",
  "Hòa",
  "Tân",
  "Đông",
  "Tây",
  "Nam",
  "Bắc",
  "Trung",
  "Thượng",
  "Hạ",
  "Vĩnh",
  "Kim",
  "Ngọc",
  "Thanh",
  "Xuân",
  "Hồng",
  "Minh",
  "Quang",
  "Phú",
  "Lộc",
  "Thọ",
  "Hưng",
  "Long",
  "Phượng",
  "Mai",
  "Liên",
  "Đức",
  "Tiến",
  "Thắng",
  "Lợi",
  "Yên",
  "Khánh",
  "Cường",
  "Sơn",
  "Hà",
  "Hải",
  "Châu",
];

/** Number of communes per district: the 2024 total is 579, wards in urban districts, communes elsewhere. */
const COMMUNES_TOTAL = 579;

/**
 * The demo organisation: Hà Nội with its Party committee, council, People's Committee and departments,
 * the 30 district-level units of 2024 (plus Từ Liêm before its 2014 split), each with its bodies,
 * divisions and health centre, and 579 generated communes/wards each with its Party committee, People's
 * Committee, three schools and a health station; city hospitals and upper-secondary schools under their
 * departments. Every unit carries its role (which seats it has) and the district it lies in.
 */
export function demoUnits(seed = 1): SeedOrganisation {
  const rnd = createRandom(seed);
  // Sizes and public-service names come from their own stream, so that the communes' names stay those of
  // the organisation-only seed.
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
      validFrom: HANOI_FROM,
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

  const counts = spread(COMMUNES_TOTAL, districts.length, rnd);
  let communeCode = 1;
  const addDistrict = (
    d: (typeof districts)[number] & { validTo?: string },
    communes: number,
    keyPrefix: string,
  ) => {
    const prefix = d.kind === "district_urban" ? "Quận" : d.kind === "town" ? "Thị xã" : "Huyện";
    const kind: UnitKind = d.kind === "town" ? "town" : "district";
    const ended = d.validTo ? { validTo: d.validTo } : {};
    const key = add({
      key: keyPrefix,
      parentKey: city,
      name: `${prefix} ${d.name}`,
      code: d.code,
      kind,
      validFrom: d.validFrom,
      role: "territory",
      ...ended,
    });
    const inDistrict = { districtKey: key, validFrom: d.validFrom, ...ended };
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
    add({
      key: `${ub}.ttyt`,
      parentKey: ub,
      name: `Trung tâm Y tế ${prefix.toLowerCase()} ${d.name}`,
      kind: "public_service_unit",
      bloc: "public_service",
      role: "health_centre",
      size: size(0.7, 1.4),
      ...inDistrict,
    });
    const used = new Set<string>();
    for (let i = 0; i < communes; i++) {
      let word: string;
      do word = `${rnd.pick(PLACE_WORDS)} ${rnd.pick(PLACE_WORDS)}`;
      while (used.has(word) || word.split(" ")[0] === word.split(" ")[1]);
      used.add(word);
      // Rural districts have one township (thị trấn) named after the district; the rest are communes.
      const ckind: UnitKind =
        d.kind === "district_urban"
          ? "ward"
          : d.kind === "district_rural" && i === 0
            ? "township"
            : d.kind === "town" && i < communes / 2
              ? "ward"
              : "commune";
      const label = ckind === "ward" ? "Phường" : ckind === "township" ? "Thị trấn" : "Xã";
      const cname = ckind === "township" ? d.name : word;
      const ckey = add({
        key: `${key}.c${i}`,
        parentKey: key,
        name: `${label} ${cname}`,
        code: String(communeCode++).padStart(5, "0"),
        kind: ckind,
        role: "territory",
        ...inDistrict,
      });
      const inCommune = { ...inDistrict, communeKey: ckey };
      const csize = size(0.6, 1.5);
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
          ...inCommune,
        });
      }
      if (!d.validTo) {
        origins.push({
          unitKey: key,
          districtKey: key,
          text: `${label} ${cname}, ${prefix.toLowerCase()} ${d.name}, thành phố Hà Nội`,
          provinceCode: "001",
          weight: csize,
        });
      }
    }
    return key;
  };

  const tuLiemKey = addDistrict({ ...tuLiem }, 0, "d.tuliem");
  for (const [i, d] of districts.entries()) addDistrict(d, counts[i]!, `d.${d.code}`);

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

  // The bodies of Nam Từ Liêm and Bắc Từ Liêm continue those of Từ Liêm.
  const predecessorOf = new Map<string, string>();
  for (const u of out) {
    if (!u.key.startsWith(`${tuLiemKey}.`)) continue;
    const suffix = u.key.slice(tuLiemKey.length);
    for (const successor of ["d.019", "d.021"]) predecessorOf.set(`${successor}${suffix}`, u.key);
  }
  const byKey = new Map(out.map((u) => [u.key, u]));
  return {
    units: out,
    splits: [{ from: tuLiemKey, to: ["d.019", "d.021"], date: tuLiem.validTo }],
    predecessorOf,
    origins,
    staffCodePrefix: "HN",
    recordsFrom: HANOI_FROM,
    twoTier: false,
    nameBefore: (unit, date) => {
      const district = unit.districtKey?.slice(2) ?? "";
      if (date < TU_LIEM_SPLIT && (district === "019" || district === "021")) {
        const predecessor = predecessorOf.get(unit.key);
        return predecessor ? byKey.get(predecessor)!.name : `${unit.name}, huyện Từ Liêm`;
      }
      if (date >= HANOI_FROM) return unit.name;
      if (HA_TAY_DISTRICTS.has(district)) return `${unit.name}, tỉnh Hà Tây`;
      if (district === "250") return `${unit.name}, tỉnh Vĩnh Phúc`;
      return unit.name;
    },
  };
}

/** Splits a total into n positive parts that vary around the mean. */
export function spread(total: number, n: number, rnd: Random, min = 3): number[] {
  const weights = Array.from({ length: n }, () => 0.5 + rnd.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(min, Math.floor((w / sum) * total)));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % n) {
    const step = rest > 0 ? 1 : -1;
    if (parts[i]! + step >= min) {
      parts[i]! += step;
      rest -= step;
    }
  }
  return parts;
}

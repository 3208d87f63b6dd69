import type { UnitKind } from "../../common/enums/units.ts";
import type { Origin, SeedOrganisation, SeedUnit, UnitRole } from "./organisation.ts";
import { createRandom } from "./random.ts";

// The two-tier organisation (province → commune) in force from 1/7/2025: the records begin then.
const TWO_TIER_FROM = "2025-07-01";

/** Words Vietnamese commune names are made of: the national profile's communes are generated from them. */
const PLACE_WORDS = [
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

/**
 * The 34 provinces and centrally-run cities after the 2025 reorganisation, with their statistics-office
 * codes (also the birth-registration prefix of ID numbers) and approximate commune counts (3,321 in all).
 */
const PROVINCES: readonly (readonly [name: string, code: string, communes: number, isCity: boolean])[] = [
  ["Hà Nội", "01", 126, true],
  ["Cao Bằng", "04", 56, false],
  ["Tuyên Quang", "08", 124, false],
  ["Điện Biên", "11", 45, false],
  ["Lai Châu", "12", 38, false],
  ["Sơn La", "14", 75, false],
  ["Lào Cai", "15", 99, false],
  ["Thái Nguyên", "19", 92, false],
  ["Lạng Sơn", "20", 65, false],
  ["Quảng Ninh", "22", 54, false],
  ["Bắc Ninh", "24", 99, false],
  ["Phú Thọ", "25", 148, false],
  ["Hải Phòng", "31", 114, true],
  ["Hưng Yên", "33", 104, false],
  ["Ninh Bình", "37", 129, false],
  ["Thanh Hóa", "38", 166, false],
  ["Nghệ An", "40", 130, false],
  ["Hà Tĩnh", "42", 69, false],
  ["Quảng Trị", "44", 78, false],
  ["Huế", "46", 40, true],
  ["Đà Nẵng", "48", 94, true],
  ["Quảng Ngãi", "51", 96, false],
  ["Gia Lai", "52", 135, false],
  ["Khánh Hòa", "56", 65, false],
  ["Đắk Lắk", "66", 102, false],
  ["Lâm Đồng", "68", 124, false],
  ["Đồng Nai", "75", 95, false],
  ["Hồ Chí Minh", "79", 168, true],
  ["Tây Ninh", "80", 96, false],
  ["Đồng Tháp", "82", 102, false],
  ["Vĩnh Long", "86", 124, false],
  ["An Giang", "91", 102, false],
  ["Cần Thơ", "92", 103, true],
  ["Cà Mau", "96", 64, false],
];

const PARTY_BOARDS = [
  "Văn phòng",
  "Ban Tổ chức",
  "Ban Tuyên giáo và Dân vận",
  "Ủy ban Kiểm tra",
  "Ban Nội chính",
];
const DEPARTMENTS: readonly (readonly [string, UnitKind])[] = [
  ["Văn phòng UBND", "agency"],
  ["Sở Nội vụ", "department"],
  ["Sở Tài chính", "department"],
  ["Sở Xây dựng", "department"],
  ["Sở Nông nghiệp và Môi trường", "department"],
  ["Sở Công Thương", "department"],
  ["Sở Giáo dục và Đào tạo", "department"],
  ["Sở Y tế", "department"],
  ["Sở Tư pháp", "department"],
  ["Sở Văn hóa, Thể thao và Du lịch", "department"],
  ["Sở Khoa học và Công nghệ", "department"],
  ["Sở Dân tộc và Tôn giáo", "department"],
  ["Thanh tra", "agency"],
];
const EDUCATION = 6;
const HEALTH = 7;
const MASS_ORGS = [
  "Đoàn Thanh niên",
  "Hội Liên hiệp Phụ nữ",
  "Hội Nông dân",
  "Hội Cựu chiến binh",
  "Liên đoàn Lao động",
];

/**
 * A generated national organisation for the scale profile: the 34 provinces with their Party committee
 * and boards, council, People's Committee, departments, hospitals, upper-secondary schools, Front and mass
 * organisations, and 3,321 generated communes/wards each with its Party committee, People's Committee,
 * three schools and a health station. Plausible and big; the names of communes are generated.
 */
export function nationalUnits(seed = 1): SeedOrganisation {
  const rnd = createRandom(seed ^ 0x4e41);
  const out: SeedUnit[] = [];
  const origins: Origin[] = [];
  const add = (u: Omit<SeedUnit, "size" | "validFrom"> & { size?: number }) => {
    out.push({ ...u, validFrom: TWO_TIER_FROM, size: u.size ?? 1 });
    return u.key;
  };
  const size = (min: number, max: number) => Math.round((min + rnd.next() * (max - min)) * 100) / 100;
  let communeCode = 1;
  for (const [name, code, communes, isCity] of PROVINCES) {
    const label = isCity ? "Thành phố" : "Tỉnh";
    const scale = Math.max(0.6, communes / 100);
    const p = add({ key: `p${code}`, name: `${label} ${name}`, code, kind: "city", role: "territory" });
    const inProvince = { districtKey: p };
    const party = add({
      key: `${p}.tu`,
      parentKey: p,
      name: `${isCity ? "Thành ủy" : "Tỉnh ủy"} ${name}`,
      kind: "party_committee",
      bloc: "party",
      role: "city_party",
      ...inProvince,
    });
    for (const [i, board] of PARTY_BOARDS.entries()) {
      add({
        key: `${party}.${i}`,
        parentKey: party,
        name: `${board} ${isCity ? "Thành ủy" : "Tỉnh ủy"}`,
        kind: "agency",
        bloc: "party",
        role: "city_party_board",
        size: size(0.7, 1.2) * scale,
        ...inProvince,
      });
    }
    add({
      key: `${p}.hdnd`,
      parentKey: p,
      name: `HĐND ${label.toLowerCase()} ${name}`,
      kind: "people_council",
      bloc: "government",
      role: "city_council",
      ...inProvince,
    });
    const ubnd = add({
      key: `${p}.ubnd`,
      parentKey: p,
      name: `UBND ${label.toLowerCase()} ${name}`,
      kind: "people_committee",
      bloc: "government",
      role: "city_committee",
      ...inProvince,
    });
    for (const [i, [dept, kind]] of DEPARTMENTS.entries()) {
      add({
        key: `${ubnd}.${i}`,
        parentKey: ubnd,
        name: kind === "agency" ? `${dept} ${label.toLowerCase()}` : dept,
        kind,
        bloc: "government",
        role: "department",
        size: size(0.6, 1.1) * scale,
        ...inProvince,
      });
    }
    add({
      key: `${p}.mttq`,
      parentKey: p,
      name: `Ủy ban MTTQ Việt Nam ${label.toLowerCase()} ${name}`,
      kind: "front",
      bloc: "front",
      role: "city_front",
      ...inProvince,
    });
    for (const [i, org] of MASS_ORGS.entries()) {
      add({
        key: `${p}.org.${i}`,
        parentKey: p,
        name: `${org} ${label.toLowerCase()} ${name}`,
        kind: "mass_organisation",
        bloc: "front",
        role: "mass_organisation",
        ...inProvince,
      });
    }
    const publicService: [string, UnitRole, string, number][] = [
      [`${ubnd}.dh`, "university", `Trường Đại học ${name}`, size(0.3, 0.8) * scale],
      [`${ubnd}.ptth`, "media", `Đài Phát thanh và Truyền hình ${name}`, size(0.5, 1)],
    ];
    const hospitals = Math.round(10 * scale + rnd.int(0, 4));
    for (let i = 0; i < hospitals; i++) {
      const hname =
        i === 0 ? `Bệnh viện Đa khoa ${label.toLowerCase()} ${name}` : `Bệnh viện Đa khoa khu vực ${i}`;
      publicService.push([`${ubnd}.${HEALTH}.bv${i}`, "hospital", `${hname} (${name})`, size(0.4, 1.3)]);
    }
    const schools = Math.round(40 * scale + rnd.int(0, 10));
    for (let i = 0; i < schools; i++) {
      publicService.push([
        `${ubnd}.${EDUCATION}.thpt${i}`,
        "upper_secondary_school",
        `Trường THPT số ${i + 1} ${name}`,
        size(0.7, 1.4),
      ]);
    }
    for (const [key, role, unitName, unitSize] of publicService) {
      add({
        key,
        parentKey: key.includes(`.${HEALTH}.bv`)
          ? `${ubnd}.${HEALTH}`
          : key.includes(`.${EDUCATION}.thpt`)
            ? `${ubnd}.${EDUCATION}`
            : ubnd,
        name: unitName,
        kind: "public_service_unit",
        bloc: "public_service",
        role,
        size: Math.round(unitSize * 100) / 100,
        ...inProvince,
      });
    }
    const used = new Set<string>();
    for (let i = 0; i < communes; i++) {
      let word: string;
      do word = `${rnd.pick(PLACE_WORDS)} ${rnd.pick(PLACE_WORDS)}`;
      while (used.has(word) || word.split(" ")[0] === word.split(" ")[1]);
      used.add(word);
      const isWard = rnd.chance(isCity ? 0.6 : 0.15);
      const clabel = isWard ? "Phường" : "Xã";
      const ckey = add({
        key: `${p}.c${i}`,
        parentKey: p,
        name: `${clabel} ${word}`,
        code: String(communeCode++).padStart(5, "0"),
        kind: isWard ? "ward" : "commune",
        role: "territory",
        ...inProvince,
      });
      // Communes after the 2025 mergers are two to three times the size of the old ones.
      const csize = size(1.4, 3);
      const inCommune = { ...inProvince, communeKey: ckey };
      add({
        key: `${ckey}.party`,
        parentKey: ckey,
        name: `Đảng ủy ${clabel.toLowerCase()} ${word}`,
        kind: "party_committee",
        bloc: "party",
        role: "commune_party",
        size: csize,
        ...inCommune,
      });
      add({
        key: `${ckey}.ubnd`,
        parentKey: ckey,
        name: `UBND ${clabel.toLowerCase()} ${word}`,
        kind: "people_committee",
        bloc: "government",
        role: "commune_committee",
        size: csize,
        ...inCommune,
      });
      const units: readonly (readonly [string, UnitRole, string])[] = [
        ["mn", "kindergarten", `Trường Mầm non ${word}`],
        ["th", "primary_school", `Trường Tiểu học ${word}`],
        ["thcs", "lower_secondary_school", `Trường THCS ${word}`],
        ["tyt", "health_station", `Trạm Y tế ${clabel.toLowerCase()} ${word}`],
      ];
      for (const [suffix, role, unitName] of units) {
        add({
          key: `${ckey}.${suffix}`,
          parentKey: ckey,
          name: unitName,
          kind: "public_service_unit",
          bloc: "public_service",
          role,
          size: Math.round(csize * size(0.8, 1.2) * 100) / 100,
          ...inCommune,
        });
      }
      origins.push({
        place: null,
        territories: [ckey, p],
        districtKey: p,
        text: `${clabel} ${word}, ${label.toLowerCase()} ${name}`,
        provinceCode: `0${code}`,
        weight: csize,
      });
    }
  }
  return {
    units: out,
    changes: [],
    predecessorsOf: new Map(),
    sourcesOf: new Map(),
    origins,
    outsideOrigins: [],
    staffCodePrefix: "VN",
    recordsFrom: TWO_TIER_FROM,
    twoTierFrom: TWO_TIER_FROM,
    nameBefore: (unit) => `${unit.name} (trước sắp xếp năm 2025)`,
  };
}

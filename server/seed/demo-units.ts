import type { UnitKind } from "../../common/enums/units.ts";
import type { BulkUnit } from "../modules/units/index.ts";
import { createRandom } from "./random.ts";
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
const CITY_PUBLIC_SERVICE = [
  "Trường Đại học Thủ đô Hà Nội",
  "Bệnh viện Đa khoa Xanh Pôn",
  "Đài Phát thanh và Truyền hình Hà Nội",
  "Báo Hà Nội Mới",
];
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

/** Number of communes per district: the 2024 total is 579, wards in urban districts, communes elsewhere. */
const COMMUNES_TOTAL = 579;

/**
 * The demo organisation: Hà Nội with its Party committee, council, People's Committee and departments,
 * the 30 district-level units of 2024 (plus Từ Liêm before its 2014 split), each with its bodies and
 * divisions, and 579 generated communes/wards each with its Party committee and People's Committee.
 */
export function demoUnits(seed = 1): {
  units: BulkUnit[];
  splits: { from: string; to: string[]; date: string }[];
} {
  const rnd = createRandom(seed);
  const out: BulkUnit[] = [];
  const add = (u: BulkUnit) => {
    out.push(u);
    return u.key;
  };
  const city = add({
    key: "city",
    name: "Thành phố Hà Nội",
    code: "01",
    kind: "city",
    validFrom: HANOI_FROM,
  });
  const tu = add({
    key: "city.tu",
    parentKey: city,
    name: "Thành ủy Hà Nội",
    kind: "party_committee",
    bloc: "party",
    validFrom: HANOI_FROM,
  });
  for (const [i, name] of CITY_PARTY_BODIES.entries()) {
    add({ key: `city.tu.${i}`, parentKey: tu, name, kind: "agency", bloc: "party", validFrom: HANOI_FROM });
  }
  add({
    key: "city.hdnd",
    parentKey: city,
    name: "HĐND Thành phố Hà Nội",
    kind: "people_council",
    bloc: "government",
    validFrom: HANOI_FROM,
  });
  const ubnd = add({
    key: "city.ubnd",
    parentKey: city,
    name: "UBND Thành phố Hà Nội",
    kind: "people_committee",
    bloc: "government",
    validFrom: HANOI_FROM,
  });
  for (const [i, [name, kind]] of CITY_DEPARTMENTS.entries()) {
    add({ key: `city.ubnd.${i}`, parentKey: ubnd, name, kind, bloc: "government", validFrom: HANOI_FROM });
  }
  add({
    key: "city.mttq",
    parentKey: city,
    name: "Ủy ban MTTQ Việt Nam Thành phố Hà Nội",
    kind: "front",
    bloc: "front",
    validFrom: HANOI_FROM,
  });
  for (const [i, name] of CITY_MASS_ORGS.entries()) {
    add({
      key: `city.org.${i}`,
      parentKey: city,
      name,
      kind: "mass_organisation",
      bloc: "front",
      validFrom: HANOI_FROM,
    });
  }
  for (const [i, name] of CITY_PUBLIC_SERVICE.entries()) {
    add({
      key: `city.sn.${i}`,
      parentKey: ubnd,
      name,
      kind: "public_service_unit",
      bloc: "public_service",
      validFrom: HANOI_FROM,
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
  const addDistrict = (d: (typeof districts)[number], communes: number, keyPrefix: string) => {
    const prefix = d.kind === "district_urban" ? "Quận" : d.kind === "town" ? "Thị xã" : "Huyện";
    const kind: UnitKind = d.kind === "town" ? "town" : "district";
    const key = add({
      key: keyPrefix,
      parentKey: city,
      name: `${prefix} ${d.name}`,
      code: d.code,
      kind,
      validFrom: d.validFrom,
    });
    const partyName = d.kind === "district_urban" ? "Quận ủy" : d.kind === "town" ? "Thị ủy" : "Huyện ủy";
    add({
      key: `${key}.party`,
      parentKey: key,
      name: `${partyName} ${d.name}`,
      kind: "party_committee",
      bloc: "party",
      validFrom: d.validFrom,
    });
    add({
      key: `${key}.hdnd`,
      parentKey: key,
      name: `HĐND ${prefix.toLowerCase()} ${d.name}`,
      kind: "people_council",
      bloc: "government",
      validFrom: d.validFrom,
    });
    const ub = add({
      key: `${key}.ubnd`,
      parentKey: key,
      name: `UBND ${prefix.toLowerCase()} ${d.name}`,
      kind: "people_committee",
      bloc: "government",
      validFrom: d.validFrom,
    });
    for (const [i, name] of DISTRICT_DIVISIONS.entries()) {
      add({
        key: `${ub}.${i}`,
        parentKey: ub,
        name,
        kind: "division",
        bloc: "government",
        validFrom: d.validFrom,
      });
    }
    add({
      key: `${key}.mttq`,
      parentKey: key,
      name: `Ủy ban MTTQ ${prefix.toLowerCase()} ${d.name}`,
      kind: "front",
      bloc: "front",
      validFrom: d.validFrom,
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
        validFrom: d.validFrom,
      });
      const cparty = ckind === "commune" || ckind === "township" ? "Đảng ủy" : "Đảng ủy";
      add({
        key: `${ckey}.party`,
        parentKey: ckey,
        name: `${cparty} ${label.toLowerCase()} ${cname}`,
        kind: "party_committee",
        bloc: "party",
        validFrom: d.validFrom,
      });
      add({
        key: `${ckey}.ubnd`,
        parentKey: ckey,
        name: `UBND ${label.toLowerCase()} ${cname}`,
        kind: "people_committee",
        bloc: "government",
        validFrom: d.validFrom,
      });
    }
    return key;
  };

  const tuLiemKey = addDistrict({ ...tuLiem }, 0, "d.tuliem");
  for (const [i, d] of districts.entries()) addDistrict(d, counts[i]!, `d.${d.code}`);
  return {
    units: out,
    splits: [{ from: tuLiemKey, to: ["d.019", "d.021"], date: tuLiem.validTo }],
  };
}

/** Splits a total into n positive parts that vary around the mean. */
function spread(total: number, n: number, rnd: ReturnType<typeof createRandom>): number[] {
  const weights = Array.from({ length: n }, () => 0.5 + rnd.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(3, Math.floor((w / sum) * total)));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % n) {
    const step = rest > 0 ? 1 : -1;
    if (parts[i]! + step >= 3) {
      parts[i]! += step;
      rest -= step;
    }
  }
  return parts;
}

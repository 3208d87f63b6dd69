import { readFileSync } from "node:fs";
import type { LineagePart, PlaceTier } from "../../../common/rules/places.ts";
import { foldVietnamese } from "../../../common/text/vietnamese.ts";

/** One place of an official list, as shipped. */
export type PlaceRecord = {
  code: string;
  name: string;
  kind: string;
  level: PlaceTier;
  parentCode: string | null;
  /** The place with the units above it, in words. */
  fullName: string;
  search: string;
};

export type EditionData = {
  edition: string;
  validFrom: string | null;
  validTo: string | null;
  source: string;
  /** Parents before children. */
  places: PlaceRecord[];
};

export type LineageData = {
  oldEdition: string;
  newEdition: string;
  effectiveDate: string;
  links: { newCode: string; oldCode: string; part: LineagePart }[];
};

export type PlaceDataset = { editions: EditionData[]; lineages: LineageData[] };

/** The lists shipped in ./data (sources in ./data/README.md). */
const SHIPPED = {
  editions: [
    {
      edition: "2025-03",
      file: "vn-places-2025-03.tsv",
      // The oldest list shipped stands for every earlier date: a home town recorded before 2025 is looked
      // up in it (units merged before 1/3/2025 are not in it).
      validFrom: null,
      validTo: "2025-07-01",
      source: "Danh mục đơn vị hành chính của Tổng cục Thống kê tại 01/3/2025 (bộ dữ liệu mở dvhcvn)",
    },
    {
      edition: "2025-07",
      file: "vn-places-2025-07.tsv",
      validFrom: "2025-07-01",
      validTo: null,
      source:
        "Danh mục đơn vị hành chính từ 01/7/2025: Nghị quyết 60-NQ/TW; công văn 915/CTK-CSCL, 1027/CTK-CSCL; " +
        "các nghị quyết 1654–1687/NQ-UBTVQH15",
    },
  ],
  lineages: [
    {
      file: "vn-places-2025-07-lineage.tsv",
      oldEdition: "2025-03",
      newEdition: "2025-07",
      effectiveDate: "2025-07-01",
    },
  ],
} as const;

function readTsv(file: string): string[][] {
  const text = readFileSync(new URL(`./data/${file}`, import.meta.url), "utf8");
  return text
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => line.replace(/\r$/, "").split("\t"));
}

/**
 * Builds an edition from rows of (code, name, kind, official level 1–3, parent code). Levels become tiers:
 * 1 the province, the deepest level the commune, a level between them the district (an island district
 * without communes stays a district).
 */
export function editionFromRows(
  meta: Omit<EditionData, "places">,
  rows: readonly (readonly [
    code: string,
    name: string,
    kind: string,
    level: number,
    parent: string | null,
  ])[],
): EditionData {
  const deepest = Math.max(...rows.map((r) => r[3]));
  const sorted = [...rows].sort((a, b) => a[3] - b[3]);
  const fullNames = new Map<string, string>();
  const places = sorted.map(([code, name, kind, level, parent]): PlaceRecord => {
    const above = parent ? fullNames.get(parent) : undefined;
    if (parent && above === undefined)
      throw new Error(`${meta.edition}: ${code} has an unknown parent ${parent}`);
    // The 2025-07 list names provinces without their kind ("An Giang"); in words they read "Tỉnh An Giang".
    const words = kind === "Tỉnh" && !name.startsWith("Tỉnh ") ? `Tỉnh ${name}` : name;
    const fullName = above ? `${words}, ${above}` : words;
    fullNames.set(code, fullName);
    const tier: PlaceTier = level === 1 ? "province" : level === deepest ? "commune" : "district";
    return { code, name, kind, level: tier, parentCode: parent, fullName, search: foldVietnamese(fullName) };
  });
  return { ...meta, places };
}

let shipped: PlaceDataset | undefined;

/** The shipped lists, read once. */
export function shippedPlaces(): PlaceDataset {
  shipped ??= {
    editions: SHIPPED.editions.map(({ file, ...meta }) =>
      editionFromRows(
        meta,
        readTsv(file).map(([code, name, kind, level, parent]) => {
          if (!code || !name || !kind || !level) throw new Error(`${file}: incomplete row ${code}`);
          return [code, name, kind, Number(level), parent || null] as const;
        }),
      ),
    ),
    lineages: SHIPPED.lineages.map(({ file, ...meta }) => ({
      ...meta,
      // Province rows are prefixed P (P08 ← P02): the codes of provinces and communes are separate ranges.
      links: readTsv(file).map(([newCode, oldCode, part]) => {
        if (!newCode || !oldCode || (part !== "full" && part !== "partial"))
          throw new Error(`${file}: bad row ${newCode}`);
        const strip = (code: string) => (code.startsWith("P") ? code.slice(1) : code);
        return { newCode: strip(newCode), oldCode: strip(oldCode), part };
      }),
    })),
  };
  return shipped;
}

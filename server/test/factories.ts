import type { UnitKind } from "../../common/enums/units.ts";
import type { Database } from "../db/client.ts";
import type { Actor } from "../lib/actor.ts";
import type { BulkUnit, UnitsService } from "../modules/units/index.ts";

/** The tables a change to the unit tree may touch (with the audit trail). */
export const UNIT_TABLES = ["units", "unit_versions", "unit_closure", "unit_links", "audit_log"] as const;

/** Row counts per table: two equal snapshots around a refused request prove it changed nothing. */
export async function rowCounts(
  database: Pick<Database, "pool">,
  tables: readonly string[] = UNIT_TABLES,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = result.rows[0]!.n;
  }
  return counts;
}

let citySerial = 0;

export type CityOptions = {
  /** First day of every unit of the city. */
  validFrom?: string;
  districts?: number;
  communesPerDistrict?: number;
};

/**
 * A city with numbered districts (`d1`, `d2`, …), each with numbered communes (`d1.c1`, …).
 * Every call makes a new city with unique names, so tests sharing one database do not collide.
 * Returns the unit id of every key.
 */
export async function buildCity(
  units: Pick<UnitsService, "createMany">,
  actor: Actor,
  options: CityOptions = {},
): Promise<{ id(key: string): number; name(key: string): string }> {
  const { validFrom = "2000-01-01", districts = 2, communesPerDistrict = 2 } = options;
  const n = ++citySerial;
  const nodes: BulkUnit[] = [{ key: "city", name: `Thành phố Thử ${n}`, kind: "city", validFrom }];
  const unit = (key: string, parentKey: string, name: string, kind: UnitKind) =>
    nodes.push({ key, parentKey, name, kind, validFrom });
  for (let d = 1; d <= districts; d++) {
    unit(`d${d}`, "city", `Quận ${d} (TP ${n})`, "district");
    for (let c = 1; c <= communesPerDistrict; c++) {
      unit(`d${d}.c${c}`, `d${d}`, `Phường ${c} quận ${d} (TP ${n})`, "ward");
    }
  }
  const ids = await units.createMany(actor, nodes);
  const names = new Map(nodes.map((node) => [node.key, node.name]));
  return {
    id(key) {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`no unit ${key} in the test city`);
      return id;
    },
    name: (key) => names.get(key)!,
  };
}

/** A small deterministic PRNG (mulberry32), so a failing randomized test can be replayed from its seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    /** An integer in [min, max]. */
    int,
    pick<T>(items: readonly T[]): T {
      return items[int(0, items.length - 1)]!;
    },
    /** A calendar date between two years inclusive (days 1–28, so every one exists). */
    date(fromYear: number, toYear: number): string {
      const pad = (v: number) => String(v).padStart(2, "0");
      return `${int(fromYear, toYear)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
    },
  };
}

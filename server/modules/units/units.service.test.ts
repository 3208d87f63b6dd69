import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../../app.ts";
import type { Database } from "../../db/client.ts";
import { systemActor } from "../../lib/actor.ts";
import { fixedClock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { buildCity, rowCounts, seededRandom } from "../../test/factories.ts";
import { openTestDatabase, TEST_NOW } from "../../test/harness.ts";
import type { BulkUnit } from "./index.ts";

let database: Database;
let units: Services["units"];
const system = systemActor("test");

beforeAll(async () => {
  database = await openTestDatabase();
  units = createServices(database, fixedClock(TEST_NOW), 12).units;
});
afterAll(async () => database?.close());

/** The nodes of the tree on a date, keyed by id. */
async function treeOn(asOf: string, rootId?: number) {
  const tree = await units.tree(system, asOf, rootId);
  return new Map(tree.nodes.map((n) => [n.id, n]));
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** The error code a call is refused with. */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describe("the tree as of a date", () => {
  it("shows the old name before a rename's effective date and the new name from it", async () => {
    const city = await buildCity(units, system);
    const district = city.id("d1");
    await units.rename(system, district, { name: "Quận Mới", effectiveDate: "2020-07-01" });

    expect((await treeOn("2020-06-30")).get(district)?.name).toBe(city.name("d1"));
    expect((await treeOn("2020-07-01")).get(district)?.name).toBe("Quận Mới");
    const detail = await units.get(system, district, "2019-01-01");
    expect(detail.name).toBe(city.name("d1"));
    expect(detail.history.map((h) => [h.name, h.validFrom, h.validTo])).toEqual([
      [city.name("d1"), "2000-01-01", "2020-07-01"],
      ["Quận Mới", "2020-07-01", null],
    ]);
  });

  it("keeps an ended unit until the day before its end date and reports its successor", async () => {
    const city = await buildCity(units, system);
    const [ended, successor] = [city.id("d1.c1"), city.id("d1.c2")];
    await units.end(system, ended, {
      endDate: "2025-07-01",
      successorId: successor,
      lineageKind: "merge",
      reason: "Sáp nhập theo Nghị quyết 1656/NQ-UBTVQH15",
    });

    expect((await treeOn("2025-06-30")).has(ended)).toBe(true);
    expect((await treeOn("2025-07-01")).has(ended)).toBe(false);
    expect(await units.subtreeIds(database.db, city.id("d1"), "2025-07-01")).not.toContain(ended);
    const link = {
      predecessorId: ended,
      successorId: successor,
      kind: "merge",
      effectiveDate: "2025-07-01",
    };
    expect((await units.get(system, ended)).links).toEqual([expect.objectContaining(link)]);
    expect((await units.get(system, successor)).links).toEqual([expect.objectContaining(link)]);
    expect((await units.get(system, ended)).validTo).toBe("2025-07-01");
  });

  it("moves a subtree with its unit from the effective date, not before", async () => {
    const city = await buildCity(units, system);
    const [a, b, moved, sibling] = [city.id("d1"), city.id("d2"), city.id("d1.c1"), city.id("d1.c2")];
    const [child] = await units
      .createMany(system, [
        { key: "x", parentId: moved, name: "Tổ dân phố 1", kind: "other", validFrom: "2001-01-01" },
      ])
      .then((ids) => [ids.get("x")!]);

    await units.move(system, moved, { parentId: b, effectiveDate: "2022-01-01" });

    expect(sorted(await units.subtreeIds(database.db, a, "2021-12-31"))).toEqual(
      sorted([a, moved, sibling, child!]),
    );
    expect(sorted(await units.subtreeIds(database.db, a, "2022-01-01"))).toEqual(sorted([a, sibling]));
    expect(await units.subtreeIds(database.db, b, "2021-12-31")).not.toContain(moved);
    expect(await units.subtreeIds(database.db, b, "2022-01-01")).toEqual(
      expect.arrayContaining([b, moved, child]),
    );
    expect((await treeOn("2021-12-31")).get(moved)?.parentId).toBe(a);
    expect((await treeOn("2022-01-01")).get(moved)?.parentId).toBe(b);
    expect([...(await treeOn("2022-01-01", b)).keys()]).toContain(child);
    expect((await units.get(system, child!, "2022-01-01")).path.map((p) => p.id)).toEqual([
      city.id("city"),
      b,
      moved,
    ]);
  });

  it.each([
    ["under itself", (c: { id(k: string): number }) => c.id("d1")],
    ["under its own child", (c: { id(k: string): number }) => c.id("d1.c1")],
  ])("refuses to move a unit %s", async (_case, target) => {
    const city = await buildCity(units, system);
    const before = await rowCounts(database);
    expect(
      await refusal(
        units.move(system, city.id("d1"), { parentId: target(city), effectiveDate: "2020-01-01" }),
      ),
    ).toBe("UNIT_MOVE_CYCLE");
    expect(await rowCounts(database)).toEqual(before);
  });

  it("refuses a move that would close a cycle on a later date", async () => {
    // d2 goes under d1's commune in 2030; putting d1 under d2 from 2025 would make them each other's
    // ancestors from 2030.
    const city = await buildCity(units, system);
    await units.move(system, city.id("d2"), { parentId: city.id("d1.c1"), effectiveDate: "2030-01-01" });
    const before = await rowCounts(database);
    expect(
      await refusal(
        units.move(system, city.id("d1"), { parentId: city.id("d2"), effectiveDate: "2025-01-01" }),
      ),
    ).toBe("UNIT_MOVE_CYCLE");
    expect(await rowCounts(database)).toEqual(before);
  });

  it("corrects a version in place when the change takes effect on the day the version starts", async () => {
    const city = await buildCity(units, system);
    const unit = city.id("d1.c1");
    await units.rename(system, unit, { name: "Phường Sai Tên", effectiveDate: "2010-01-01" });
    await units.rename(system, unit, { name: "Phường Đúng Tên", effectiveDate: "2010-01-01" });
    await units.move(system, unit, { parentId: city.id("d2"), effectiveDate: "2010-01-01" });

    const { history } = await units.get(system, unit);
    expect(history.map((h) => [h.name, h.parentId, h.validFrom, h.validTo])).toEqual([
      [city.name("d1.c1"), city.id("d1"), "2000-01-01", "2010-01-01"],
      ["Phường Đúng Tên", city.id("d2"), "2010-01-01", null],
    ]);
  });

  it("refuses a rename on the founding day and keeps the founding name in the history", async () => {
    const city = await buildCity(units, system);
    const unit = city.id("d1.c1");
    const before = await rowCounts(database);
    expect(
      await refusal(units.rename(system, unit, { name: "Phường Khác", effectiveDate: "2000-01-01" })),
    ).toBe("UNIT_RENAME_ON_FOUNDING_DAY");
    expect(await rowCounts(database)).toEqual(before);
    await units.rename(system, unit, { name: "Phường Khác", effectiveDate: "2000-01-02" });
    const { history } = await units.get(system, unit);
    expect(history.map((h) => [h.name, h.validFrom, h.validTo])).toEqual([
      [city.name("d1.c1"), "2000-01-01", "2000-01-02"],
      ["Phường Khác", "2000-01-02", null],
    ]);
  });

  it("answers a unit's subtree before and after the unit moves", async () => {
    const city = await buildCity(units, system, { communesPerDistrict: 3 });
    const district = city.id("d1");
    const communes = ["d1.c1", "d1.c2", "d1.c3"].map((k) => city.id(k));
    await units.move(system, district, { parentId: city.id("d2"), effectiveDate: "2015-03-01" });

    for (const d of ["2014-12-31", "2015-03-01", "2030-01-01"]) {
      expect(sorted(await units.subtreeIds(database.db, district, d))).toEqual(
        sorted([district, ...communes]),
      );
    }
    expect(await units.subtreeIds(database.db, city.id("d2"), "2015-02-28")).not.toContain(district);
    expect(await units.subtreeIds(database.db, city.id("d2"), "2015-03-01")).toEqual(
      expect.arrayContaining([district, ...communes]),
    );
    expect(await units.subtreeIds(database.db, district, "1999-12-31")).toEqual([]);
  });

  it("keeps a rename in force after a later move of the unit", async () => {
    const city = await buildCity(units, system);
    const unit = city.id("d1.c1");
    await units.move(system, unit, { parentId: city.id("d2"), effectiveDate: "2020-01-01" });
    await units.rename(system, unit, { name: "Phường Đổi Tên", effectiveDate: "2010-01-01" });

    expect((await treeOn("2009-12-31")).get(unit)?.name).toBe(city.name("d1.c1"));
    expect((await treeOn("2015-01-01")).get(unit)).toMatchObject({
      name: "Phường Đổi Tên",
      parentId: city.id("d1"),
    });
    expect((await treeOn("2020-01-01")).get(unit)).toMatchObject({
      name: "Phường Đổi Tên",
      parentId: city.id("d2"),
    });
  });

  it("keeps a move in force after a later rename of the unit", async () => {
    const city = await buildCity(units, system);
    const unit = city.id("d1.c1");
    await units.rename(system, unit, { name: "Phường Đổi Tên", effectiveDate: "2020-01-01" });
    await units.move(system, unit, { parentId: city.id("d2"), effectiveDate: "2010-01-01" });

    expect((await treeOn("2009-12-31")).get(unit)?.parentId).toBe(city.id("d1"));
    expect((await treeOn("2015-01-01")).get(unit)).toMatchObject({
      name: city.name("d1.c1"),
      parentId: city.id("d2"),
    });
    expect((await treeOn("2020-01-01")).get(unit)).toMatchObject({
      name: "Phường Đổi Tên",
      parentId: city.id("d2"),
    });
    expect(await units.subtreeIds(database.db, city.id("d1"), "2025-01-01")).not.toContain(unit);
  });
});

describe("building many units at once", () => {
  it.each([
    [
      "its parent comes later in the batch",
      [
        ["a", "b"],
        ["b", undefined],
      ],
      ["2000-01-01", "2000-01-01"],
    ],
    ["it is its own parent", [["a", "a"]], ["2000-01-01"]],
    [
      "its parent starts after it",
      [
        ["p", undefined],
        ["a", "p"],
      ],
      ["2010-01-01", "2005-01-01"],
    ],
  ] as const)("refuses a unit when %s, and creates nothing", async (_case, links, starts) => {
    const before = await rowCounts(database);
    const nodes: BulkUnit[] = links.map(([key, parentKey], i) => ({
      key,
      parentKey,
      name: `Đơn vị lô ${key}`,
      kind: "other",
      validFrom: starts[i]!,
    }));
    expect(await refusal(units.createMany(system, nodes))).toBe("UNIT_PARENT_NOT_FOUND");
    expect(await rowCounts(database)).toEqual(before);
  });
});

type VersionRow = {
  unitId: number;
  parentId: number | null;
  name: string;
  validFrom: string;
  validTo: string | null;
};
type UnitState = { parentId: number | null; name: string };

/** The tree on a date computed the slow way: the versions holding on that date, parents walked in JS. */
function naiveTree(versions: readonly VersionRow[], d: string) {
  const byUnit = new Map<number, UnitState>();
  for (const v of versions) {
    if (!(v.validFrom <= d && (v.validTo === null || v.validTo > d))) continue;
    if (byUnit.has(v.unitId)) throw new Error(`unit ${v.unitId} has two versions on ${d}`);
    byUnit.set(v.unitId, { parentId: v.parentId, name: v.name });
  }
  return { byUnit, subtree: (unitId: number) => subtreeOf(byUnit, unitId, d) };
}

/** Units whose chain of parents on the day reaches unitId (itself included); fails on a broken tree. */
function subtreeOf(byUnit: ReadonlyMap<number, UnitState>, unitId: number, d: string): number[] {
  const reaches = (from: number) => {
    const seen = new Set<number>();
    for (let at: number | null = from; at !== null; at = byUnit.get(at)!.parentId) {
      if (seen.has(at)) throw new Error(`cycle through unit ${at} on ${d}`);
      if (!byUnit.has(at)) throw new Error(`unit ${[...seen].pop()} hangs under ${at}, absent on ${d}`);
      if (at === unitId) return true;
      seen.add(at);
    }
    return false;
  };
  return [...byUnit.keys()].filter(reaches);
}

const DAY_ZERO = Date.UTC(2000, 0, 1);
const dayOf = (d: string) => Math.round((Date.parse(`${d}T00:00:00Z`) - DAY_ZERO) / 86_400_000);
const dateOf = (day: number) => new Date(DAY_ZERO + day * 86_400_000).toISOString().slice(0, 10);

/**
 * The rules of renames, moves and ends written one day at a time: the specification the versions are
 * checked against. A change holds from its date until the value changed anyway (a later rename stops a
 * rename, a later move stops a move); an ended unit is absent from its end date on.
 */
class DayByDay {
  static readonly DAYS = dayOf("2036-01-01");
  private readonly days = new Map<number, (UnitState | undefined)[]>();

  create(unitId: number, state: UnitState, from: string) {
    this.days.set(
      unitId,
      Array.from({ length: DayByDay.DAYS }, (_, day) => (day >= dayOf(from) ? { ...state } : undefined)),
    );
  }

  private carry(unitId: number, from: string, field: keyof UnitState, value: string | number) {
    const days = this.days.get(unitId)!;
    const old = days[dayOf(from)]![field];
    for (let day = dayOf(from); day < DayByDay.DAYS && days[day]?.[field] === old; day++) {
      days[day] = { ...days[day]!, [field]: value };
    }
  }

  rename = (unitId: number, from: string, name: string) => this.carry(unitId, from, "name", name);
  move = (unitId: number, from: string, parentId: number) => this.carry(unitId, from, "parentId", parentId);
  end(unitId: number, on: string) {
    this.days.get(unitId)!.fill(undefined, dayOf(on));
  }

  on(d: string): Map<number, UnitState> {
    const out = new Map<number, UnitState>();
    for (const [unitId, days] of this.days) {
      const state = days[dayOf(d)];
      if (state) out.set(unitId, state);
    }
    return out;
  }
}

describe("the dated closure, checked against the versions on random histories", () => {
  it("agrees with the day-by-day rules and with a naive walk up the parents on every date", async () => {
    const seed = 20260615;
    const random = seededRandom(seed);
    const start = "2000-01-01";
    const nodes: BulkUnit[] = [{ key: "u0", name: "Tỉnh Ngẫu Nhiên", kind: "city", validFrom: start }];
    for (let i = 1; i < 60; i++) {
      const parentKey = `u${random.int(0, i - 1)}`;
      nodes.push({
        key: `u${i}`,
        parentKey,
        name: `Đơn vị ngẫu nhiên ${i}`,
        kind: "other",
        validFrom: start,
      });
    }
    const ids = await units.createMany(system, nodes);
    const all = [...ids.values()];
    const root = ids.get("u0")!;
    const spec = new DayByDay();
    for (const n of nodes) {
      spec.create(
        ids.get(n.key)!,
        { name: n.name, parentId: n.parentKey ? ids.get(n.parentKey)! : null },
        start,
      );
    }

    const outcomes: Record<string, number> = {};
    const changeDates = new Set<string>();
    for (let op = 0; op < 40; op++) {
      const unit = random.pick(all.filter((u) => u !== root));
      const date = random.date(2005, 2030);
      const kind = random.pick(["rename", "move", "move", "end"] as const);
      const before = await rowCounts(database);
      let outcome = "ok";
      try {
        if (kind === "rename") {
          const name = `Tên ${op} từ ${date}`;
          await units.rename(system, unit, { name, effectiveDate: date });
          spec.rename(unit, date, name);
        } else if (kind === "move") {
          const parentId = random.pick(all);
          await units.move(system, unit, { parentId, effectiveDate: date });
          spec.move(unit, date, parentId);
        } else {
          await units.end(system, unit, { endDate: date });
          spec.end(unit, date);
        }
        changeDates.add(date);
      } catch (error) {
        if (!(error instanceof AppError) || error.code === "INTERNAL") throw error;
        outcome = error.code;
        // A refused change leaves no trace.
        expect(await rowCounts(database)).toEqual(before);
      }
      const key = `${kind}:${outcome}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    const accepted = Object.entries(outcomes).filter(([k]) => k.endsWith(":ok"));
    expect(
      accepted.reduce((n, [, v]) => n + v, 0),
      JSON.stringify(outcomes),
    ).toBeGreaterThanOrEqual(20);

    const { rows: versions } = await database.pool.query<VersionRow>(
      `SELECT unit_id AS "unitId", parent_id AS "parentId", name, valid_from AS "validFrom", valid_to AS "validTo"
       FROM unit_versions WHERE unit_id = ANY($1::int[])`,
      [all],
    );
    // Every accepted change kept the tree a tree (no cycle, no child under an absent parent) on the days
    // it starts, and the versions say what the rules say on those days and the days before them.
    for (const d of [...changeDates].flatMap((d) => [d, dateOf(dayOf(d) - 1)])) {
      const expected = spec.on(d);
      expect(() => subtreeOf(expected, root, d)).not.toThrow();
      expect(naiveTree(versions, d).byUnit, `versions on ${d} (seed ${seed})`).toEqual(expected);
    }

    const dates = ["1999-12-31", start, ...Array.from({ length: 18 }, () => random.date(2004, 2032))];
    for (const d of dates) {
      const naive = naiveTree(versions, d);
      const tree = await units.tree(system, d, root);
      expect(
        new Map(tree.nodes.map((n) => [n.id, { parentId: n.parentId, name: n.name }])),
        `tree on ${d} (seed ${seed})`,
      ).toEqual(d < start ? new Map() : spec.on(d));
      for (const unit of all) {
        expect(
          sorted(await units.subtreeIds(database.db, unit, d)),
          `subtree of ${unit} on ${d} (seed ${seed})`,
        ).toEqual(sorted(naive.subtree(unit)));
      }
    }
  });
});

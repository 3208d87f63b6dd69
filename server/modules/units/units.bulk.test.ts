import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../../app.ts";
import type { Database } from "../../db/client.ts";
import { type Actor, permissionsFor, systemActor } from "../../lib/actor.ts";
import { fixedClock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import { buildCity, rowCounts } from "../../test/factories.ts";
import { openTestDatabase, TEST_NOW } from "../../test/harness.ts";

/**
 * The batch changes of the 2025 reorganisation (endMany, moveMany, addLinks): one transaction each, the
 * rules of the single changes item by item, all or nothing, a refused item named.
 */
let database: Database;
let units: Services["units"];
const system = systemActor("test");

beforeAll(async () => {
  database = await openTestDatabase();
  units = createServices(database, fixedClock(TEST_NOW), 12).units;
});
afterAll(async () => database?.close());

type City = Awaited<ReturnType<typeof buildCity>>;

/** A test city with a third level: two neighbourhoods ("tổ dân phố") under each ward of district 1. */
async function cityWithNeighbourhoods(options: { districts?: number } = {}) {
  const city = await buildCity(units, system, { districts: options.districts ?? 2 });
  const keys = ["d1.c1", "d1.c2"].flatMap((ward) => [1, 2].map((n) => ({ ward, key: `${ward}.t${n}` })));
  const ids = await units.createMany(
    system,
    keys.map(({ ward, key }) => ({
      key,
      parentId: city.id(ward),
      name: `Tổ dân phố ${key}`,
      kind: "other" as const,
      validFrom: "2001-01-01",
    })),
  );
  return {
    ...city,
    id: (key: string) => ids.get(key) ?? city.id(key),
    keys: ["city", "d1", "d2", "d3", "d1.c1", "d1.c2", "d2.c1", "d2.c2", "d3.c1", "d3.c2"]
      .filter((k) => (options.districts ?? 2) >= 3 || !k.startsWith("d3"))
      .concat(keys.map((k) => k.key)),
  };
}

/** An officer whose scope is one subtree. */
function officerOf(rootId: number): Actor {
  return {
    kind: "user",
    userId: null,
    username: "officer.bulk",
    roles: ["officer"],
    permissions: permissionsFor(["officer"]),
    scope: [rootId],
  };
}

/** The refusal of a call: its code and details. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

async function idsOn(asOf: string, rootId: number): Promise<Set<number>> {
  return new Set((await units.tree(system, asOf, rootId)).nodes.map((n) => n.id));
}

/** The closure rows of the given units, named by key so that two cities of the same shape compare. */
async function closureByKey(city: City & { keys: string[] }) {
  const keyOf = new Map(city.keys.map((k) => [city.id(k), k]));
  const { rows } = await database.pool.query<{
    a: number;
    d: number;
    depth: number;
    validFrom: string;
    validTo: string | null;
  }>(
    `SELECT ancestor_id AS a, descendant_id AS d, depth, valid_from::text AS "validFrom",
            valid_to::text AS "validTo"
     FROM unit_closure WHERE descendant_id = ANY($1::int[])`,
    [[...keyOf.keys()]],
  );
  return rows
    .map((r) => `${keyOf.get(r.a)} > ${keyOf.get(r.d)} @${r.depth} [${r.validFrom}, ${r.validTo ?? "∞"})`)
    .sort();
}

async function auditRows(action: string, unitIds: number[]) {
  const { rows } = await database.pool.query<{ entityId: string; after: Record<string, unknown> }>(
    `SELECT entity_id AS "entityId", after FROM audit_log
     WHERE action = $1 AND entity_id = ANY($2::text[]) ORDER BY id`,
    [action, unitIds.map(String)],
  );
  return rows;
}

describe("endMany", () => {
  it("ends a whole subtree on one date when the deepest units come first", async () => {
    const city = await cityWithNeighbourhoods();
    const subtree = ["d1.c1.t1", "d1.c1.t2", "d1.c2.t1", "d1.c2.t2", "d1.c1", "d1.c2", "d1"];
    const successor = city.id("d2");

    await units.endMany(
      system,
      subtree.map((key) => ({
        id: city.id(key),
        endDate: "2025-07-01",
        ...(key === "d1" ? { successorId: successor, lineageKind: "merge" as const } : {}),
      })),
      "Sắp xếp đơn vị hành chính 2025",
    );

    const before = await idsOn("2025-06-30", city.id("city"));
    const after = await idsOn("2025-07-01", city.id("city"));
    for (const key of subtree) {
      expect(before.has(city.id(key)), `${key} on the day before`).toBe(true);
      expect(after.has(city.id(key)), `${key} on the end date`).toBe(false);
    }
    expect(after).toEqual(new Set(["city", "d2", "d2.c1", "d2.c2"].map(city.id)));
    expect(await units.subtreeIds(database.db, city.id("d1"), "2025-07-01")).toEqual([]);
    expect((await units.get(system, successor)).links).toEqual([
      expect.objectContaining({ predecessorId: city.id("d1"), kind: "merge", effectiveDate: "2025-07-01" }),
    ]);
  });

  it("refuses parents before their children, naming the parent, and ends none of them", async () => {
    const city = await cityWithNeighbourhoods();
    const counts = await rowCounts(database);
    const items = ["d1.c1.t1", "d1.c1", "d1.c1.t2"].map((key) => ({
      id: city.id(key),
      endDate: "2025-07-01",
    }));

    expect(await refusal(units.endMany(system, items))).toEqual({
      code: "UNIT_HAS_ACTIVE_CHILDREN",
      details: { index: 1, id: city.id("d1.c1") },
    });
    expect(await rowCounts(database)).toEqual(counts);
    expect((await idsOn("2025-07-01", city.id("d1"))).has(city.id("d1.c1.t1"))).toBe(true);
  });

  it("writes one audit row per ended unit, in the batch's order", async () => {
    const city = await cityWithNeighbourhoods();
    const ended = ["d1.c2.t2", "d1.c2.t1", "d1.c2"].map(city.id);

    await units.endMany(
      system,
      ended.map((id) => ({ id, endDate: "2025-07-01" })),
    );

    const rows = await auditRows("unit.ended", ended);
    expect(rows.map((r) => Number(r.entityId))).toEqual(ended);
    expect(rows.every((r) => r.after.validTo === "2025-07-01")).toBe(true);
  });
});

describe("a batch with one refused item changes nothing and names the item", () => {
  it("an end date before the unit's start", async () => {
    const city = await cityWithNeighbourhoods();
    const counts = await rowCounts(database);
    const items = [
      { id: city.id("d1.c1.t1"), endDate: "2025-07-01" },
      { id: city.id("d1.c1.t2"), endDate: "2025-07-01" },
      { id: city.id("d2.c1"), endDate: "1999-01-01" },
    ];

    const { code, details } = await refusal(units.endMany(system, items));
    expect(code).toBe("UNIT_END_BEFORE_START");
    expect(details).toMatchObject({ index: 2, id: city.id("d2.c1") });
    expect(await rowCounts(database)).toEqual(counts);
    expect(await idsOn("2025-07-01", city.id("d1.c1"))).toContain(city.id("d1.c1.t1"));
  });

  it("a unit outside the actor's scope", async () => {
    const city = await cityWithNeighbourhoods();
    const officer = officerOf(city.id("d1"));
    const counts = await rowCounts(database);
    const items = [
      { id: city.id("d1.c1.t1"), parentId: city.id("d1.c2"), effectiveDate: "2025-07-01" },
      { id: city.id("d2.c1"), parentId: city.id("d1"), effectiveDate: "2025-07-01" },
    ];

    const { code, details } = await refusal(units.moveMany(officer, items));
    expect(["UNIT_NOT_FOUND", "UNIT_OUT_OF_SCOPE"]).toContain(code);
    expect(details).toEqual({ index: 1, id: city.id("d2.c1") });
    expect(await rowCounts(database)).toEqual(counts);
    expect((await units.get(system, city.id("d1.c1.t1"), "2025-07-01")).parentId).toBe(city.id("d1.c1"));
  });

  it("a move that closes a cycle with an earlier move of the same batch", async () => {
    const city = await cityWithNeighbourhoods();
    const counts = await rowCounts(database);
    // Alone, each move is allowed; after the first, d1.c1 lies under d2, so d2 cannot go under it.
    const items = [
      { id: city.id("d1"), parentId: city.id("d2"), effectiveDate: "2025-07-01" },
      { id: city.id("d2"), parentId: city.id("d1.c1"), effectiveDate: "2025-07-01" },
    ];

    const { code, details } = await refusal(units.moveMany(system, items));
    expect(code).toBe("UNIT_MOVE_CYCLE");
    expect(details).toEqual({ index: 1, id: city.id("d2") });
    expect(await rowCounts(database)).toEqual(counts);
    expect((await units.get(system, city.id("d1"), "2025-07-01")).parentId).toBe(city.id("city"));
  });

  it("a link whose predecessor does not exist", async () => {
    const city = await cityWithNeighbourhoods();
    const counts = await rowCounts(database);
    const link = { successorId: city.id("d2"), kind: "merge" as const, effectiveDate: "2025-07-01" };

    const { code, details } = await refusal(
      units.addLinks(system, [
        { ...link, predecessorId: city.id("d1.c1") },
        { ...link, predecessorId: 99_999_999 },
      ]),
    );
    expect(code).toBe("UNIT_NOT_FOUND");
    expect(details).toEqual({ index: 1, id: 99_999_999 });
    expect(await rowCounts(database)).toEqual(counts);
  });
});

describe("an officer scoped to district 1", () => {
  it("ends, moves and links units inside district 1", async () => {
    const city = await cityWithNeighbourhoods();
    const officer = officerOf(city.id("d1"));

    await units.moveMany(officer, [
      { id: city.id("d1.c1.t1"), parentId: city.id("d1.c2"), effectiveDate: "2025-07-01" },
    ]);
    await units.endMany(officer, [{ id: city.id("d1.c1.t2"), endDate: "2025-07-01" }]);
    await units.addLinks(officer, [
      {
        predecessorId: city.id("d1.c1.t2"),
        successorId: city.id("d1.c2"),
        kind: "merge",
        effectiveDate: "2025-07-01",
      },
    ]);

    const tree = await idsOn("2025-07-01", city.id("d1.c2"));
    expect(tree).toEqual(new Set(["d1.c2", "d1.c1.t1", "d1.c2.t1", "d1.c2.t2"].map(city.id)));
  });

  it.each([
    [
      "end a ward of district 2",
      (c: City, officer: Actor) => units.endMany(officer, [{ id: c.id("d2.c1"), endDate: "2025-07-01" }]),
    ],
    [
      "move a ward of district 2 into district 1",
      (c: City, officer: Actor) =>
        units.moveMany(officer, [{ id: c.id("d2.c1"), parentId: c.id("d1"), effectiveDate: "2025-07-01" }]),
    ],
    [
      "move a ward of district 1 into district 2",
      (c: City, officer: Actor) =>
        units.moveMany(officer, [{ id: c.id("d1.c1"), parentId: c.id("d2"), effectiveDate: "2025-07-01" }]),
    ],
    [
      "link a ward of district 2 to one of district 1",
      (c: City, officer: Actor) =>
        units.addLinks(officer, [
          {
            predecessorId: c.id("d2.c1"),
            successorId: c.id("d1.c1"),
            kind: "merge",
            effectiveDate: "2025-07-01",
          },
        ]),
    ],
    [
      "link a ward of district 1 to one of district 2",
      (c: City, officer: Actor) =>
        units.addLinks(officer, [
          {
            predecessorId: c.id("d1.c1"),
            successorId: c.id("d2.c1"),
            kind: "merge",
            effectiveDate: "2025-07-01",
          },
        ]),
    ],
  ])("cannot %s", async (_case, change) => {
    const city = await cityWithNeighbourhoods();
    const counts = await rowCounts(database);

    const { code, details } = await refusal(change(city, officerOf(city.id("d1"))));
    expect(["UNIT_NOT_FOUND", "UNIT_OUT_OF_SCOPE", "UNIT_PARENT_NOT_FOUND"]).toContain(code);
    expect(details).toMatchObject({ index: 0 });
    expect(await rowCounts(database)).toEqual(counts);
  });
});

describe("moveMany", () => {
  /** Moves that build on each other: a unit moved twice, a parent moved after its child joined it. */
  const moves = [
    ["d1.c1", "d2", "2020-01-01"],
    ["d2", "d3", "2021-01-01"],
    ["d1.c2", "d1.c1", "2019-01-01"],
    ["d1.c1", "d1", "2022-01-01"],
    ["d3.c1", "d2.c2", "2020-06-01"],
    ["d1.c1.t1", "d3.c1", "2020-06-01"],
    ["d3", "d1.c2.t2", "2023-01-01"],
  ] as const;

  it("leaves the same dated closure as the same moves made one by one", async () => {
    const bulk = await cityWithNeighbourhoods({ districts: 3 });
    const single = await cityWithNeighbourhoods({ districts: 3 });

    await units.moveMany(
      system,
      moves.map(([unit, parent, effectiveDate]) => ({
        id: bulk.id(unit),
        parentId: bulk.id(parent),
        effectiveDate,
      })),
      "Sắp xếp lại",
    );
    for (const [unit, parent, effectiveDate] of moves) {
      await units.move(system, single.id(unit), { parentId: single.id(parent), effectiveDate });
    }

    const closure = await closureByKey(bulk);
    expect(closure).toEqual(await closureByKey(single));
    // The moves did move things: d3.c1 left d3 in 2020, came back below it with d2 in 2021, and lies
    // below d1.c2's neighbourhood with d3 from 2023.
    expect(closure).toEqual(
      expect.arrayContaining(["d3 > d3.c1 @1 [2000-01-01, 2020-06-01)", "d3 > d3.c1 @3 [2021-01-01, ∞)"]),
    );
    expect(await units.subtreeIds(database.db, bulk.id("d1.c2.t2"), "2023-01-01")).toContain(
      bulk.id("d3.c1"),
    );
  });

  it("writes one audit row per move with the parents before and after", async () => {
    const city = await cityWithNeighbourhoods({ districts: 3 });
    const items = moves.map(([unit, parent, effectiveDate]) => ({
      id: city.id(unit),
      parentId: city.id(parent),
      effectiveDate,
    }));

    await units.moveMany(system, items);

    const rows = await auditRows("unit.moved", [...new Set(items.map((i) => i.id))]);
    expect(rows.map((r) => [Number(r.entityId), r.after])).toEqual(
      items.map((i) => [i.id, { parentId: i.parentId, effectiveDate: i.effectiveDate }]),
    );
  });
});

describe("addLinks", () => {
  it("records every link, with one audit row each", async () => {
    const city = await cityWithNeighbourhoods();
    const links = ["d1.c1", "d1.c2"].map((key) => ({
      predecessorId: city.id(key),
      successorId: city.id("d2.c1"),
      kind: "merge" as const,
      effectiveDate: "2025-07-01",
      note: "Nghị quyết 1656/NQ-UBTVQH15",
    }));

    await units.addLinks(system, links);

    expect((await units.get(system, city.id("d2.c1"))).links.map((l) => l.predecessorId)).toEqual(
      links.map((l) => l.predecessorId),
    );
    const rows = await auditRows(
      "unit.linked",
      links.map((l) => l.predecessorId),
    );
    expect(rows.map((r) => Number(r.entityId))).toEqual(links.map((l) => l.predecessorId));
  });
});

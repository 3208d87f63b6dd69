import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCity, rowCounts } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";

/**
 * Scope: an officer of district A works on A's subtree only. Outside it, units read as not found and
 * cannot be changed; a leader only reads; a cadre does not read the tree at all.
 */
let t: TestApp;
let city: Awaited<ReturnType<typeof buildCity>>;
let officer: Record<string, string>;
let leader: Record<string, string>;
let cadre: Record<string, string>;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  today = t.clock.today();
  city = await buildCity(t.services.units, t.system, { communesPerDistrict: 3 });
  const scopeUnitIds = [city.id("d1")];
  officer = (await t.userSession({ username: "officer.a", roles: ["officer"], scopeUnitIds })).headers;
  leader = (await t.userSession({ username: "leader.a", roles: ["leader"], scopeUnitIds })).headers;
  cadre = (await t.userSession({ username: "cadre.a", roles: ["cadre"], scopeUnitIds })).headers;
});
afterAll(async () => t?.close());

const nameToday = async (unitId: number) => (await t.services.units.get(t.system, unitId)).name;
const parentToday = async (unitId: number) => (await t.services.units.get(t.system, unitId)).parentId;

type Change = {
  case: string;
  url: () => string;
  payload: () => Record<string, unknown>;
  /** The unit whose name and parent must stay as they were. */
  unit: () => number;
  /** Status of the refusal when it is not 403 or 404. */
  status?: number;
};

/** Changes that reach outside district A: each one must be refused and leave no trace. */
const outside: Change[] = [
  {
    case: "creates a unit under district B",
    url: () => "/api/units",
    payload: () => ({
      parentId: city.id("d2"),
      name: "Phòng mới ở B",
      kind: "division",
      validFrom: "2026-01-01",
    }),
    unit: () => city.id("d2"),
    // A parent outside the scope is refused as one that does not exist.
    status: 422,
  },
  {
    case: "renames a commune of B",
    url: () => `/api/units/${city.id("d2.c1")}/rename`,
    payload: () => ({ name: "Phường đổi tên trái phép", effectiveDate: "2026-01-01" }),
    unit: () => city.id("d2.c1"),
  },
  {
    case: "renames district B itself",
    url: () => `/api/units/${city.id("d2")}/rename`,
    payload: () => ({ name: "Quận đổi tên trái phép", effectiveDate: "2026-01-01" }),
    unit: () => city.id("d2"),
  },
  {
    case: "moves a commune of B within B",
    url: () => `/api/units/${city.id("d2.c1")}/move`,
    payload: () => ({ parentId: city.id("d2.c2"), effectiveDate: "2026-01-01" }),
    unit: () => city.id("d2.c1"),
  },
  {
    case: "moves a commune of B into A",
    url: () => `/api/units/${city.id("d2.c1")}/move`,
    payload: () => ({ parentId: city.id("d1"), effectiveDate: "2026-01-01" }),
    unit: () => city.id("d2.c1"),
  },
  {
    case: "ends a commune of B",
    url: () => `/api/units/${city.id("d2.c3")}/end`,
    payload: () => ({ endDate: "2026-01-01" }),
    unit: () => city.id("d2.c3"),
  },
  {
    case: "moves a commune of A under B",
    url: () => `/api/units/${city.id("d1.c1")}/move`,
    payload: () => ({ parentId: city.id("d2"), effectiveDate: "2026-01-01" }),
    unit: () => city.id("d1.c1"),
    // A parent outside the scope is refused as one that does not exist.
    status: 422,
  },
  {
    case: "moves district A (its own scope) under B",
    url: () => `/api/units/${city.id("d1")}/move`,
    payload: () => ({ parentId: city.id("d2"), effectiveDate: "2026-01-01" }),
    unit: () => city.id("d1"),
    // A parent outside the scope is refused as one that does not exist.
    status: 422,
  },
  {
    case: "ends a commune of A naming a successor in B",
    url: () => `/api/units/${city.id("d1.c3")}/end`,
    payload: () => ({ endDate: "2026-01-01", successorId: city.id("d2.c2"), lineageKind: "merge" }),
    unit: () => city.id("d1.c3"),
    // The same answer as for a successor that does not exist, so the refusal tells nothing about B.
    status: 422,
  },
];

describe("an officer scoped to district A", () => {
  it("sees only A's subtree in the tree", async () => {
    for (const asOf of [undefined, "2010-01-01"]) {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/units/tree${asOf ? `?asOf=${asOf}` : ""}`,
        headers: officer,
      });
      expect(res.statusCode, res.body).toBe(200);
      const ids = res.json().nodes.map((n: { id: number }) => n.id);
      expect(ids.sort()).toEqual(["d1", "d1.c1", "d1.c2", "d1.c3"].map((k) => city.id(k)).sort());
    }
  });

  it.each(["d2", "d2.c1", "city"])("reads unit %s outside A as not found", async (key) => {
    const res = await t.app.inject({ method: "GET", url: `/api/units/${city.id(key)}`, headers: officer });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("UNIT_NOT_FOUND");
    const tree = await t.app.inject({
      method: "GET",
      url: `/api/units/tree?rootId=${city.id(key)}`,
      headers: officer,
    });
    expect(tree.statusCode).toBe(404);
  });

  it.each(outside)("is refused when it $case, and nothing changes", async (change) => {
    const before = await rowCounts(t.database);
    const [name, parent] = [await nameToday(change.unit()), await parentToday(change.unit())];
    const res = await t.app.inject({
      method: "POST",
      url: change.url(),
      headers: officer,
      payload: change.payload(),
    });
    expect(change.status ? [change.status] : [403, 404], res.body).toContain(res.statusCode);
    expect(res.json().code).toMatch(
      /^(UNIT_NOT_FOUND|UNIT_OUT_OF_SCOPE|UNIT_PARENT_NOT_FOUND|UNIT_SUCCESSOR_INVALID|FORBIDDEN)$/,
    );
    expect(await rowCounts(t.database)).toEqual(before);
    expect(await nameToday(change.unit())).toBe(name);
    expect(await parentToday(change.unit())).toBe(parent);
  });

  it("may not rename a unit from a date in A when the new name would carry on after it moved to B", async () => {
    const ids = await t.services.units.createMany(t.system, [
      {
        key: "x",
        parentId: city.id("d1"),
        name: "Trung tâm chuyển đi",
        kind: "agency",
        validFrom: "2020-01-01",
      },
    ]);
    const unit = ids.get("x")!;
    await t.services.units.move(t.system, unit, { parentId: city.id("d2"), effectiveDate: "2026-03-01" });
    const before = await rowCounts(t.database);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/units/${unit}/rename`,
      headers: officer,
      payload: { name: "Trung tâm đổi tên", effectiveDate: "2026-01-01" },
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe("UNIT_OUT_OF_SCOPE");
    expect(await rowCounts(t.database)).toEqual(before);
    expect(await nameToday(unit)).toBe("Trung tâm chuyển đi");
    // A move while it is still in A ends where its move to B starts, so it stays inside A.
    const moved = await t.app.inject({
      method: "POST",
      url: `/api/units/${unit}/move`,
      headers: officer,
      payload: { parentId: city.id("d1.c1"), effectiveDate: "2026-01-01" },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await parentToday(unit)).toBe(city.id("d2"));
  });

  it("creates, renames and moves units inside A", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/units",
      headers: officer,
      payload: {
        parentId: city.id("d1"),
        name: "Phòng Nội vụ quận A",
        kind: "division",
        validFrom: "2026-01-01",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const renamed = await t.app.inject({
      method: "POST",
      url: `/api/units/${id}/rename`,
      headers: officer,
      payload: { name: "Phòng Nội vụ - Lao động quận A", effectiveDate: "2026-03-01" },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const moved = await t.app.inject({
      method: "POST",
      url: `/api/units/${id}/move`,
      headers: officer,
      payload: { parentId: city.id("d1.c2"), effectiveDate: "2026-04-01" },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await t.services.units.get(t.system, id, today)).toMatchObject({
      name: "Phòng Nội vụ - Lao động quận A",
      parentId: city.id("d1.c2"),
    });
    const tree = await t.app.inject({ method: "GET", url: "/api/units/tree", headers: officer });
    expect(tree.json().nodes.map((n: { id: number }) => n.id)).toContain(id);
  });
});

describe("a leader (read-only) scoped to A", () => {
  it("reads A's tree", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/units/tree", headers: leader });
    expect(res.statusCode).toBe(200);
    expect(res.json().nodes.map((n: { id: number }) => n.id)).toContain(city.id("d1.c1"));
  });

  const insideA: Change[] = [
    {
      case: "creates a unit in A",
      url: () => "/api/units",
      payload: () => ({
        parentId: city.id("d1"),
        name: "Phòng của lãnh đạo",
        kind: "division",
        validFrom: "2026-01-01",
      }),
      unit: () => city.id("d1"),
    },
    {
      case: "renames a commune of A",
      url: () => `/api/units/${city.id("d1.c1")}/rename`,
      payload: () => ({ name: "Phường lãnh đạo đặt tên", effectiveDate: "2026-01-01" }),
      unit: () => city.id("d1.c1"),
    },
    {
      case: "moves a commune of A",
      url: () => `/api/units/${city.id("d1.c1")}/move`,
      payload: () => ({ parentId: city.id("d1.c2"), effectiveDate: "2026-01-01" }),
      unit: () => city.id("d1.c1"),
    },
    {
      case: "ends a commune of A",
      url: () => `/api/units/${city.id("d1.c3")}/end`,
      payload: () => ({ endDate: "2026-01-01" }),
      unit: () => city.id("d1.c3"),
    },
  ];
  it.each(insideA)("gets 403 when it $case, and nothing changes", async (change) => {
    const before = await rowCounts(t.database);
    const name = await nameToday(change.unit());
    const res = await t.app.inject({
      method: "POST",
      url: change.url(),
      headers: leader,
      payload: change.payload(),
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe("FORBIDDEN");
    expect(await rowCounts(t.database)).toEqual(before);
    expect(await nameToday(change.unit())).toBe(name);
  });
});

describe("a cadre and an anonymous visitor", () => {
  it.each([
    ["the tree", () => "/api/units/tree"],
    ["a unit of its own district", () => `/api/units/${city.id("d1")}`],
  ])("a cadre gets 403 reading %s", async (_what, url) => {
    const res = await t.app.inject({ method: "GET", url: url(), headers: cadre });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("FORBIDDEN");
  });

  it.each([
    ["GET", (): string => "/api/units/tree"],
    ["GET", (): string => `/api/units/${city.id("d1")}`],
    ["POST", (): string => `/api/units/${city.id("d1")}/rename`],
  ] as const)("an anonymous %s request (%#) gets 401", async (method, url) => {
    const before = await rowCounts(t.database);
    const res = await t.app.inject({
      method,
      url: url(),
      ...(method === "POST" ? { payload: { name: "Tên lạ", effectiveDate: "2026-01-01" } } : {}),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("UNAUTHENTICATED");
    expect(await rowCounts(t.database)).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf } from "../../lib/errors.ts";
import { buildCity, rowCounts } from "../../test/factories.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { UnitErrors } from "./units.errors.ts";

/**
 * An official code names one unit on any day: statistics, imports and the code search find the unit by
 * it. Codes pass to another unit only after their holder ends (after a merger or a split).
 */
let t: TestApp;
let headers: Record<string, string>;
let city: Awaited<ReturnType<typeof buildCity>>;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  headers = (await t.userSession({ username: "admin.codes", roles: ["admin"] })).headers;
  city = await buildCity(t.services.units, t.system);
});
afterAll(async () => t?.close());

/** A code no test has used yet. */
const freshCode = () => `MA.${++serial}.${Date.now().toString(36)}`;

const create = (fields: { code: string; validFrom: string; name?: string; parentKey?: string }) =>
  t.app.inject({
    method: "POST",
    url: "/api/units",
    headers,
    payload: {
      parentId: city.id(fields.parentKey ?? "d1"),
      name: fields.name ?? `Phòng ${++serial}`,
      kind: "division",
      code: fields.code,
      validFrom: fields.validFrom,
    },
  });

const end = (id: number, endDate: string) =>
  t.app.inject({ method: "POST", url: `/api/units/${id}/end`, headers, payload: { endDate } });

describe(`unit codes (${process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("refuses a second active unit with the same code, with a clear 409, and writes nothing", async () => {
    const code = freshCode();
    expect((await create({ code, validFrom: "2020-01-01" })).statusCode).toBe(201);
    const before = await rowCounts(t.database);
    const res = await create({ code, validFrom: "2024-06-01", parentKey: "d2" });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      code: "UNIT_CODE_TAKEN",
      message: messageOf(UnitErrors.UNIT_CODE_TAKEN, "vi"),
      details: { code },
    });
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("refuses a code held by a unit that starts later (the new unit would still exist then)", async () => {
    const code = freshCode();
    expect((await create({ code, validFrom: "2025-01-01" })).statusCode).toBe(201);
    expect((await create({ code, validFrom: "2021-01-01" })).statusCode).toBe(409);
  });

  it("gives a code to a new unit from the day its holder ended, not a day before", async () => {
    const code = freshCode();
    const holder = await create({ code, validFrom: "2010-01-01" });
    expect((await end(holder.json().id, "2020-07-01")).statusCode).toBe(200);
    expect((await create({ code, validFrom: "2020-06-30" })).statusCode).toBe(409);
    const successor = await create({ code, validFrom: "2020-07-01" });
    expect(successor.statusCode, successor.body).toBe(201);
    expect(successor.json().code).toBe(code);
  });

  it("lets any number of units go without a code", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/units",
        headers,
        payload: {
          parentId: city.id("d1"),
          name: `Tổ không mã ${i}`,
          kind: "division",
          validFrom: "2024-01-01",
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it("refuses a batch (seed, import) holding one code twice, and writes none of it", async () => {
    const code = freshCode();
    const before = await rowCounts(t.database);
    const batch = t.services.units.createMany(t.system, [
      {
        key: "a",
        parentId: city.id("d1"),
        name: "Đơn vị A",
        kind: "division",
        code,
        validFrom: "2024-01-01",
      },
      {
        key: "b",
        parentId: city.id("d2"),
        name: "Đơn vị B",
        kind: "division",
        code,
        validFrom: "2024-01-01",
      },
    ]);
    await expect(batch).rejects.toMatchObject({ code: "UNIT_CODE_TAKEN" });
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it("refuses a batch whose code an existing unit holds", async () => {
    const code = freshCode();
    expect((await create({ code, validFrom: "2020-01-01" })).statusCode).toBe(201);
    const batch = t.services.units.createMany(t.system, [
      {
        key: "a",
        parentId: city.id("d1"),
        name: "Đơn vị C",
        kind: "division",
        code,
        validFrom: "2024-01-01",
      },
    ]);
    await expect(batch).rejects.toMatchObject({ code: "UNIT_CODE_TAKEN" });
  });

  it("lets exactly one of many simultaneous creations with one code succeed", async () => {
    for (let round = 0; round < 3; round++) {
      const code = freshCode();
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          create({ code, validFrom: `202${i}-01-01`, parentKey: i % 2 ? "d1" : "d2" }),
        ),
      );
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses, answers.map((a) => a.body).join("\n")).toEqual([201, 409, 409, 409, 409, 409]);
      const held = await t.database.pool.query("SELECT count(*)::int AS n FROM units WHERE code = $1", [
        code,
      ]);
      expect(held.rows[0].n).toBe(1);
    }
  });
});

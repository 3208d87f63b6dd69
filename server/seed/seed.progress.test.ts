import { expect, it } from "vitest";
import { createServices } from "../app.ts";
import { systemActor } from "../lib/actor.ts";
import { fixedClock } from "../lib/clock.ts";
import { openTestDatabase } from "../test/harness.ts";
import { seed } from "./seed.ts";

it("counts people, not seats or units, in its progress, and ends on the number of people written", async () => {
  const database = await openTestDatabase();
  try {
    const services = createServices(database, fixedClock("2026-06-15T03:00:00Z"), 12);
    const calls: [string, number, number][] = [];
    const result = await seed({ db: database.db, units: services.units }, systemActor("test"), {
      profile: "demo",
      seed: 1,
      scale: 0.05,
      batchSize: 300,
      onProgress: (step, done, total) => void calls.push([step, done, total]),
    });
    const people = calls.filter(([step]) => step === "Cán bộ");
    expect(people.length).toBeGreaterThan(2);
    expect(people.at(-1)).toEqual(["Cán bộ", result.people, result.people]);
    expect(people.every(([, done, total]) => done <= total && done <= result.people)).toBe(true);
    expect(calls.filter(([step]) => step === "Đơn vị").at(-1)).toEqual([
      "Đơn vị",
      result.units,
      result.units,
    ]);
  } finally {
    await database.close();
  }
}, 300_000);

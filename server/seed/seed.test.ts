import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retirementOf } from "../../common/rules/retirement.ts";
import { createServices } from "../app.ts";
import type { Database } from "../db/client.ts";
import { systemActor } from "../lib/actor.ts";
import { fixedClock } from "../lib/clock.ts";
import { openTestDatabase } from "../test/harness.ts";
import { SEED_REFERENCE_DATE } from "./people.ts";
import { SEED_RETIREMENT_SCHEDULES } from "./retirement-schedules.ts";
import { type SeedResult, seed } from "./seed.ts";

const TABLES = [
  "units",
  "unit_versions",
  "unit_closure",
  "unit_links",
  "seats",
  "cadres",
  "cadre_assignments",
  "cadre_tiers",
  "cadre_qualifications",
  "cadre_salaries",
  "cadre_rewards",
  "cadre_family",
  "cadre_work_history",
  "cadre_trainings",
];

/** One checksum per table over its rows in a canonical order, without the load's timestamps. */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const r = await database.pool.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n,
              md5(string_agg(j, '|' ORDER BY j)) AS h
       FROM (SELECT (to_jsonb(t) - 'created_at' - 'updated_at')::text AS j FROM "${t}" t) x`,
    );
    out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h}`;
  }
  return out;
}

async function seedDemo(
  database: Database,
  seedNumber = 1,
  more: Partial<Parameters<typeof seed>[2]> = {},
): Promise<SeedResult> {
  const services = createServices(database, fixedClock("2026-06-15T03:00:00Z"), 12);
  return seed({ db: database.db, units: services.units }, systemActor("test"), {
    profile: "demo",
    seed: seedNumber,
    ...more,
  });
}

async function rows<T>(database: Database, text: string, values: unknown[] = []): Promise<T[]> {
  return (await database.pool.query(text, values)).rows as T[];
}

let a: Database;
let b: Database;
let result: SeedResult;
beforeAll(async () => {
  [a, b] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  result = await seedDemo(a);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe("seed --profile demo", () => {
  it("loads the organisation, its seats and about five thousand people with their histories", async () => {
    expect(result.units).toBeGreaterThan(4000);
    expect(result.people).toBeGreaterThan(4500);
    expect(result.people).toBeLessThan(6000);
    const [count] = await rows<{ n: number }>(a, "SELECT count(*)::int AS n FROM cadres");
    expect(count!.n).toBe(result.people);
    for (const table of [
      "cadre_assignments",
      "cadre_tiers",
      "cadre_qualifications",
      "cadre_salaries",
      "cadre_family",
    ]) {
      expect(result.rows[table], table).toBeGreaterThan(result.people);
    }
    expect(result.rows.cadre_rewards).toBeGreaterThan(0);
    expect(result.rows.cadre_work_history).toBeGreaterThan(0);
    expect(result.rows.cadre_trainings).toBeGreaterThan(0);
  });

  it("gives every unit a code, unique among units active on the same day, so cadres can be imported into any unit", async () => {
    const [missing] = await rows<{ n: number }>(a, "SELECT count(*)::int AS n FROM units WHERE code IS NULL");
    expect(missing!.n).toBe(0);
    const clashes = await rows<{ code: string }>(
      a,
      `SELECT x.code FROM units x JOIN units y ON y.code = x.code AND y.id > x.id
       WHERE (x.valid_to IS NULL OR x.valid_to > y.valid_from) AND (y.valid_to IS NULL OR y.valid_to > x.valid_from)
       LIMIT 5`,
    );
    expect(clashes).toEqual([]);
  });

  it("writes one summary audit row for the people, with the counts per table", async () => {
    const audit = await rows<{ after: Record<string, number> }>(
      a,
      "SELECT after FROM audit_log WHERE action = 'seed.loaded' AND entity_type = 'seed'",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after.cadres).toBe(result.people);
    expect(audit[0]!.after.cadre_qualifications).toBe(result.rows.cadre_qualifications);
    const [perPerson] = await rows<{ n: number }>(
      a,
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type IN ('cadre', 'cadres')",
    );
    expect(perPerson!.n).toBe(0);
  });

  it("gives every serving person exactly one open main assignment, and nobody who left one", async () => {
    const bad = await rows<{ id: number }>(
      a,
      `SELECT c.id FROM cadres c
       LEFT JOIN cadre_assignments a ON a.cadre_id = c.id AND a.is_main AND a.valid_to IS NULL
       GROUP BY c.id, c.left_on
       HAVING count(a.id) <> CASE WHEN c.left_on IS NULL THEN 1 ELSE 0 END`,
    );
    expect(bad).toEqual([]);
  });

  it("never overlaps a person's main assignments or management tiers", async () => {
    for (const [table, where] of [
      ["cadre_assignments", "AND x.is_main AND y.is_main"],
      ["cadre_tiers", ""],
      ["cadre_salaries", ""],
    ]) {
      const overlaps = await rows<{ n: number }>(
        a,
        `SELECT count(*)::int AS n FROM ${table} x JOIN ${table} y
           ON x.cadre_id = y.cadre_id AND x.id < y.id ${where}
          AND x.valid_from < COALESCE(y.valid_to, 'infinity'::date)
          AND y.valid_from < COALESCE(x.valid_to, 'infinity'::date)`,
      );
      expect(overlaps[0]!.n, table).toBe(0);
    }
  });

  it("keeps open main assignments within the seats' quotas", async () => {
    const over = await rows<{ id: number }>(
      a,
      `SELECT s.id FROM seats s JOIN cadre_assignments a ON a.seat_id = s.id AND a.valid_to IS NULL
       GROUP BY s.id, s.quota HAVING count(*) > s.quota`,
    );
    expect(over).toEqual([]);
  });

  it("uses only codes that exist in the code lists and the titles catalogue", async () => {
    const missing = await rows<{ what: string; code: string }>(
      a,
      `SELECT 'ethnicity' AS what, ethnicity_code AS code FROM cadres
         WHERE ethnicity_code NOT IN (SELECT code FROM code_lists WHERE list = 'ethnicity')
       UNION SELECT 'religion', religion_code FROM cadres
         WHERE religion_code NOT IN (SELECT code FROM code_lists WHERE list = 'religion')
       UNION SELECT 'academic_title', academic_title_code FROM cadres WHERE academic_title_code IS NOT NULL
         AND academic_title_code NOT IN (SELECT code FROM code_lists WHERE list = 'academic_title')
       UNION SELECT 'grade', grade_code FROM cadre_salaries
         WHERE grade_code NOT IN (SELECT code FROM code_lists WHERE list = 'civil_service_grade')
       UNION SELECT q.category, q.level_code FROM cadre_qualifications q
         WHERE NOT EXISTS (SELECT 1 FROM code_lists l WHERE l.list = q.category AND l.code = q.level_code)`,
    );
    expect(missing).toEqual([]);
    const titles = await rows<{ n: number }>(
      a,
      "SELECT count(*)::int AS n FROM cadre_assignments a LEFT JOIN titles t ON t.id = a.title_id WHERE t.id IS NULL",
    );
    expect(titles[0]!.n).toBe(0);
  });

  it("gives unique staff codes and ID numbers, and folded search names", async () => {
    const [u] = await rows<{ n: number; codes: number; ids: number; folded: number }>(
      a,
      `SELECT count(*)::int AS n, count(DISTINCT staff_code)::int AS codes, count(DISTINCT id_number)::int AS ids,
              count(*) FILTER (WHERE search_name ~ '^[a-z ]+$')::int AS folded FROM cadres`,
    );
    expect(u!.codes).toBe(u!.n);
    expect(u!.ids).toBe(u!.n);
    expect(u!.folded).toBe(u!.n);
  });

  it("has nobody serving past the retirement date of Decree 135/2020", async () => {
    const serving = await rows<{ sex: "male" | "female"; birth: string }>(
      a,
      "SELECT sex, birth_date AS birth FROM cadres WHERE left_on IS NULL",
    );
    const past = serving.filter(
      (p) => retirementOf(p.sex, p.birth, SEED_RETIREMENT_SCHEDULES).retirementDate < SEED_REFERENCE_DATE,
    );
    expect(past).toEqual([]);
  });

  it("answers an as-of question differently in May 2024 and today for people who moved since", async () => {
    const [moved] = await rows<{ n: number }>(
      a,
      `SELECT count(*)::int AS n FROM cadre_assignments x JOIN cadre_assignments y
         ON x.cadre_id = y.cadre_id AND x.is_main AND y.is_main
        WHERE x.valid_from <= '2024-05-01' AND x.valid_to > '2024-05-01'
          AND y.valid_to IS NULL AND (x.unit_id <> y.unit_id OR x.title_id <> y.title_id)`,
    );
    expect(moved!.n).toBeGreaterThan(100);
  });

  it("gives the same rows for the same seed, whatever the batches; others are answered between batches", async () => {
    // ADR 0001: through a running server's embedded database, one transaction for every person would
    // make every other user wait until the end; each batch is committed on its own.
    let batches = 0;
    let answeredAfter: number | undefined;
    let probe: Promise<unknown> | undefined;
    await seedDemo(b, 1, {
      batchSize: 400,
      onProgress: (step) => {
        if (step !== "Cán bộ") return;
        batches += 1;
        probe ??= b.pool.query("SELECT count(*) FROM units").then(() => {
          answeredAfter = batches;
        });
      },
    });
    await probe;
    expect(batches).toBeGreaterThan(5);
    expect(answeredAfter).toBeDefined();
    expect(answeredAfter!).toBeLessThan(batches - 1);
    expect(await fingerprint(b)).toEqual(await fingerprint(a));
  }, 300_000);

  it("takes back the people and seats it wrote when loading fails half-way", async () => {
    const c = await openTestDatabase();
    try {
      let batches = 0;
      await expect(
        seedDemo(c, 1, {
          scale: 0.05,
          batchSize: 300,
          onProgress: (step) => {
            if (step === "Cán bộ" && ++batches === 4) throw new Error("disk full");
          },
        }),
      ).rejects.toThrow("disk full");
      const [left] = await rows<Record<string, number>>(
        c,
        `SELECT (SELECT count(*)::int FROM cadres) AS cadres, (SELECT count(*)::int FROM seats) AS seats,
           (SELECT count(*)::int FROM cadre_assignments) AS assignments,
           (SELECT count(*)::int FROM cadre_family) AS family`,
      );
      expect(left).toEqual({ cadres: 0, seats: 0, assignments: 0, family: 0 });
    } finally {
      await c.close();
    }
  }, 300_000);

  it("tells the organisation's history: 30 districts until 30/6/2025, 126 communes from 1/7/2025", async () => {
    const territoriesUnderCity = (d: string) =>
      rows<{ kind: string; n: number }>(
        a,
        `SELECT u.kind, count(*)::int AS n FROM unit_versions v JOIN units u ON u.id = v.unit_id
          WHERE v.parent_id = (SELECT id FROM units WHERE code = '01' AND kind = 'city')
            AND v.valid_from <= $1::date AND (v.valid_to IS NULL OR v.valid_to > $1::date)
            AND u.kind IN ('district', 'town', 'commune', 'ward') GROUP BY u.kind ORDER BY u.kind`,
        [d],
      );
    expect(await territoriesUnderCity("2025-06-30")).toEqual([
      { kind: "district", n: 29 },
      { kind: "town", n: 1 },
    ]);
    expect(await territoriesUnderCity(SEED_REFERENCE_DATE)).toEqual([
      { kind: "commune", n: 75 },
      { kind: "ward", n: 51 },
    ]);
    // The 526 communes of the list of 1/3/2025 under their districts, linked to the 126 that took them over.
    const [old] = await rows<{ n: number; linked: number; placed: number }>(
      a,
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM unit_links l WHERE l.predecessor_id = u.id
                AND l.effective_date = '2025-07-01'))::int AS linked,
              count(*) FILTER (WHERE p.edition = '2025-03' AND p.code = u.code)::int AS placed
         FROM units u LEFT JOIN places p ON p.id = u.place_id
        WHERE u.kind IN ('commune', 'ward', 'township') AND u.valid_to = '2025-07-01'`,
    );
    expect(old).toEqual({ n: 526, linked: 526, placed: 526 });
    // A school keeps its records and moves under the new commune on 1/7/2025.
    const [school] = await rows<{ before: string; after: string }>(
      a,
      `SELECT (SELECT p.kind || ' ' || p.valid_to FROM unit_versions v JOIN units p ON p.id = v.parent_id
                WHERE v.unit_id = s.id AND v.valid_from <= '2025-06-30' AND v.valid_to > '2025-06-30') AS before,
              (SELECT p.kind || ' ' || p.valid_from FROM unit_versions v JOIN units p ON p.id = v.parent_id
                WHERE v.unit_id = s.id AND v.valid_from <= '2025-07-01' AND v.valid_to IS NULL) AS after
         FROM units s JOIN unit_versions sv ON sv.unit_id = s.id
        WHERE sv.name = 'Trường Tiểu học Phúc Xá' LIMIT 1`,
    );
    expect(school).toEqual({ before: "ward 2025-07-01", after: "ward 2025-07-01" });
  });

  it("records home towns as places and moves people from the old units to the new by dated assignments", async () => {
    const [origins] = await rows<{ n: number; places: number }>(
      a,
      "SELECT count(*)::int AS n, count(home_town_place_id)::int AS places FROM cadres",
    );
    expect(origins!.places / origins!.n).toBeGreaterThan(0.99);
    const [moved] = await rows<{ n: number }>(
      a,
      `SELECT count(DISTINCT x.cadre_id)::int AS n FROM cadre_assignments x
         JOIN cadre_assignments y ON y.cadre_id = x.cadre_id AND y.is_main AND y.valid_from = '2025-07-01'
         JOIN units ux ON ux.id = x.unit_id JOIN units uy ON uy.id = y.unit_id
        WHERE x.is_main AND x.valid_to = '2025-07-01' AND ux.valid_to = '2025-07-01' AND uy.valid_from = '2025-07-01'`,
    );
    expect(moved!.n).toBeGreaterThan(300);
  });

  it("refuses to load into a database that already holds an organisation, changing nothing", async () => {
    const before = await fingerprint(a);
    await expect(seedDemo(a)).rejects.toThrow(/đã có dữ liệu đơn vị.*empty database/);
    expect(await fingerprint(a)).toEqual(before);
  });
});

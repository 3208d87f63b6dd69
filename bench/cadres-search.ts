// Benchmark: a filtered page of the cadre list over the hanoi profile (≈ 200,000 people).
// Target (issue "Cadre records"): p95 < 100 ms on PGlite. Prints p50/p95 of the service call (page +
// count, as GET /api/cadres answers) and the ratio to the floor: the same question asked as one
// hand-written SQL statement sent straight through node-postgres on the same engine.
// Usage: npm run bench:search [-- --data DIR]   (PGlite; loads the hanoi profile into DIR on first run)
//        DATABASE_URL=postgres://…/db npm run bench:search   (a database holding the hanoi profile, or empty)
import { performance } from "node:perf_hooks";
import { CadreListQuerySchema } from "../common/contracts/cadres.ts";
import { createServices } from "../server/app.ts";
import { openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { type Actor, permissionsFor, systemActor } from "../server/lib/actor.ts";
import { fixedClock } from "../server/lib/clock.ts";
import { SEED_REFERENCE_DATE } from "../server/seed/people.ts";
import { isEmpty, seed } from "../server/seed/seed.ts";

const args = process.argv.slice(2);
const dataDir = args.includes("--data") ? args[args.indexOf("--data") + 1]! : ".tmp/bench-hanoi";
const RUNS = Number(process.env.RUNS ?? 60);
const D = SEED_REFERENCE_DATE;

// The floor's page: the same columns as the service's list rows.
const DECORATE = `
  SELECT page.id, page.staff_code, page.full_name, page.sex, page.birth_date, page.staff_type, page.total,
         a.unit_id, uv.name AS unit_name, ti.name AS title_name, tr.tier, pq.code AS qualification, pt.code AS theory
  FROM page
  LEFT JOIN LATERAL (SELECT unit_id, title_id FROM cadre_assignments a WHERE a.cadre_id = page.id AND a.is_main
    AND a.valid_from <= $1 AND (a.valid_to IS NULL OR a.valid_to > $1) LIMIT 1) a ON TRUE
  LEFT JOIN LATERAL (SELECT name FROM unit_versions v WHERE v.unit_id = a.unit_id
    AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) LIMIT 1) uv ON TRUE
  LEFT JOIN titles ti ON ti.id = a.title_id
  LEFT JOIN LATERAL (SELECT tier FROM cadre_tiers t WHERE t.cadre_id = page.id
    AND t.valid_from <= $1 AND (t.valid_to IS NULL OR t.valid_to > $1) LIMIT 1) tr ON TRUE
  LEFT JOIN LATERAL (SELECT l.code FROM cadre_qualifications q JOIN code_lists l ON l.list = q.category AND l.code = q.level_code
    WHERE q.cadre_id = page.id AND q.category = 'professional' AND q.obtained_on <= $1 ORDER BY l.rank DESC LIMIT 1) pq ON TRUE
  LEFT JOIN LATERAL (SELECT l.code FROM cadre_qualifications q JOIN code_lists l ON l.list = q.category AND l.code = q.level_code
    WHERE q.cadre_id = page.id AND q.category = 'political_theory' AND q.obtained_on <= $1 ORDER BY l.rank DESC LIMIT 1) pt ON TRUE
  ORDER BY page.sort_key COLLATE "C", page.id`;
const SERVING = "(p.left_on IS NULL OR p.left_on >= $1)";
const inSubtree = (
  unit: string,
) => `EXISTS (SELECT 1 FROM cadre_assignments a WHERE a.cadre_id = p.id AND a.is_main
    AND a.valid_from <= $1 AND (a.valid_to IS NULL OR a.valid_to > $1)
    AND a.unit_id IN (SELECT descendant_id FROM unit_closure c WHERE c.ancestor_id = ${unit}
      AND c.valid_from <= $1 AND (c.valid_to IS NULL OR c.valid_to > $1)))`;
// One statement: the page and, as a scalar subquery, the total.
const floorOf = (where: string) => `WITH page AS (
    SELECT p.id, p.staff_code, p.full_name, p.sex, p.birth_date, p.staff_type, p.sort_key,
           (SELECT count(*) FROM cadres p WHERE ${where}) AS total
    FROM cadres p WHERE ${where} ORDER BY p.sort_key COLLATE "C", p.id LIMIT 50) ${DECORATE}`;

async function main() {
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir });
  await runMigrations(database);
  const services = createServices(database, fixedClock(`${D}T03:00:00Z`), 12);
  if (await isEmpty(database.db)) {
    console.log("loading the hanoi profile (once; a few minutes on PGlite)…");
    const t = performance.now();
    await seed({ db: database.db, units: services.units }, systemActor("bench"), { profile: "hanoi" });
    console.log(`loaded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const people = (await database.pool.query("SELECT count(*)::int AS n FROM cadres")).rows[0].n as number;
  const district = (
    await database.pool.query("SELECT id FROM units WHERE code = '005' AND kind = 'district'")
  ).rows[0].id as number;
  const admin = systemActor("bench");
  const officer: Actor = {
    kind: "user",
    userId: 0,
    username: "bench-officer",
    roles: ["officer"],
    permissions: permissionsFor(["officer"]),
    scope: [district],
  };

  const scenarios: { name: string; actor: Actor; query: Record<string, string>; floor: string }[] = [
    { name: "first page, everyone", actor: admin, query: {}, floor: floorOf(SERVING) },
    {
      name: 'name "nguyen van" (no diacritics)',
      actor: admin,
      query: { q: "nguyen van" },
      floor: floorOf(
        `p.search_name LIKE '%nguyen%' AND position(' van' in ' ' || p.search_name) > 0 AND ${SERVING}`,
      ),
    },
    {
      name: "district subtree",
      actor: admin,
      query: { unitId: String(district) },
      floor: floorOf(`${inSubtree(String(district))} AND ${SERVING}`),
    },
    {
      name: "officer scope + women aged 30–40",
      actor: officer,
      query: { sex: "female", ageFrom: "30", ageTo: "40" },
      floor: floorOf(
        `${inSubtree(String(district))} AND p.sex = 'female' AND p.birth_date > ($1::date - interval '41 years')::date
         AND p.birth_date <= ($1::date - interval '30 years')::date AND ${SERVING}`,
      ),
    },
    {
      name: "tier city_standing + master or higher",
      actor: admin,
      query: { tier: "city_standing", qualification: "master" },
      floor: floorOf(`EXISTS (SELECT 1 FROM cadre_tiers t WHERE t.cadre_id = p.id AND t.tier = 'city_standing'
          AND t.valid_from <= $1 AND (t.valid_to IS NULL OR t.valid_to > $1))
        AND EXISTS (SELECT 1 FROM cadre_qualifications q JOIN code_lists l ON l.list = q.category AND l.code = q.level_code
          WHERE q.cadre_id = p.id AND q.category = 'professional' AND q.obtained_on <= $1 AND l.rank >= 50) AND ${SERVING}`),
    },
    {
      name: "page 40 of everyone",
      actor: admin,
      query: { page: "40" },
      floor: floorOf(SERVING).replace("LIMIT 50", "LIMIT 50 OFFSET 1950"),
    },
  ];

  const percentiles = (samples: number[]) => {
    const s = [...samples].sort((a, b) => a - b);
    return { p50: s[Math.floor(s.length * 0.5)]!, p95: s[Math.floor(s.length * 0.95)]! };
  };
  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    return percentiles(samples);
  };

  console.log(`cadre list benchmark — ${database.engine}, ${people} people, as of ${D}, ${RUNS} runs each`);
  console.log(
    `${"scenario".padEnd(40)} ${"total".padStart(7)}  svc p50  svc p95  floor p50  floor p95  ratio p95`,
  );
  let worst = 0;
  for (const s of scenarios) {
    const query = CadreListQuerySchema.parse({ ...s.query, asOf: D, pageSize: "50" });
    const first = await services.cadres.list(s.actor, query);
    const floorRows = (await database.pool.query(s.floor, [D])).rows;
    const same =
      floorRows.length === first.items.length && floorRows.every((r, i) => r.id === first.items[i]?.id);
    const svc = await time(() => services.cadres.list(s.actor, query));
    const floor = await time(() => database.pool.query(s.floor, [D]));
    worst = Math.max(worst, svc.p95);
    const f = (x: number) => x.toFixed(1).padStart(8);
    console.log(
      `${s.name.padEnd(40)} ${String(first.total).padStart(7)} ${f(svc.p50)} ${f(svc.p95)} ${f(floor.p50)}  ${f(floor.p95)}  ${(svc.p95 / floor.p95).toFixed(2).padStart(8)}${same ? "" : "  (rows differ!)"}`,
    );
  }
  console.log(
    `worst p95 ${worst.toFixed(1)} ms — target < 100 ms on PGlite: ${worst < 100 ? "met" : "NOT met"}`,
  );
  await database.close();
}

await main();

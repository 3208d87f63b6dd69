// Benchmark and check of the data generator: loads a profile into a fresh database and prints the load's
// timings and the indicator-style figures the generator is tuned to, computed in SQL from the loaded rows.
// Usage: npx tsx bench/seed.ts [demo|hanoi|national] [--slice 0.1] [--data <dir>]
//        DATABASE_URL=postgres://…/db npx tsx bench/seed.ts national   (a fresh, migrated, empty database)
// PGlite runs in a worker thread, as the server runs it; without --data it lives in memory.
import { performance } from "node:perf_hooks";
import { createServices } from "../server/app.ts";
import { type Database, openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { systemActor } from "../server/lib/actor.ts";
import { fixedClock } from "../server/lib/clock.ts";
import { SEED_REFERENCE_DATE } from "../server/seed/people.ts";
import { PROFILES, type Profile, seed } from "../server/seed/seed.ts";

const args = process.argv.slice(2);
const profile = (args.find((a) => (PROFILES as readonly string[]).includes(a)) ?? "demo") as Profile;
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const slice = Number(option("--slice") ?? 1);
const dataDir = option("--data") ?? "memory";

const STANDING = "('city_standing', 'district_standing', 'department_committee')";

/** The figures of DOMAIN §2 over the loaded rows, as of the generator's reference date. */
async function figures(database: Database, at: string) {
  const q = async (text: string) => (await database.pool.query(text, [at])).rows[0] as Record<string, number>;
  const current = `
    WITH cur AS (
      SELECT c.id, c.sex, c.birth_date, c.home_town_place_id, t.tier, a.unit_id, ti.code AS title,
             date_part('year', age($1::date, c.birth_date))::int AS age
      FROM cadres c
      LEFT JOIN cadre_tiers t ON t.cadre_id = c.id AND t.valid_from <= $1 AND (t.valid_to IS NULL OR t.valid_to > $1)
      LEFT JOIN cadre_assignments a ON a.cadre_id = c.id AND a.is_main
        AND a.valid_from <= $1 AND (a.valid_to IS NULL OR a.valid_to > $1)
      LEFT JOIN titles ti ON ti.id = a.title_id
      WHERE c.left_on IS NULL OR c.left_on >= $1)`;
  const all = await q(`${current}
    SELECT count(*)::int AS serving,
      (SELECT count(*)::int FROM cadres) AS people,
      round(100.0 * count(*) FILTER (WHERE sex = 'female') / count(*), 1)::float AS women_pct,
      round(avg(age), 1)::float AS mean_age, min(age) AS min_age, max(age) AS max_age,
      count(*) FILTER (WHERE tier IN ${STANDING})::int AS standing,
      round(100.0 * count(*) FILTER (WHERE tier IN ${STANDING} AND sex = 'female')
        / NULLIF(count(*) FILTER (WHERE tier IN ${STANDING}), 0), 1)::float AS standing_women_pct,
      round(100.0 * count(*) FILTER (WHERE tier IN ${STANDING}
          AND age < 40)
        / NULLIF(count(*) FILTER (WHERE tier IN ${STANDING}), 0), 1)::float AS standing_young_pct
    FROM cur`);
  const masters = await q(`${current}
    SELECT count(*)::int AS city_standing,
      round(100.0 * count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM cadre_qualifications x JOIN code_lists l ON l.list = x.category AND l.code = x.level_code
        WHERE x.cadre_id = cur.id AND x.category = 'professional' AND l.rank >= 50 AND x.obtained_on <= $1)) / NULLIF(count(*), 0), 1)::float
        AS masters_pct
    FROM cur WHERE tier = 'city_standing'`);
  // "Local" (DOMAIN §2): the home town (a place) inside the territory the post leads — the place of the
  // nearest unit above the post that governs one; a place the lists cannot tell (partly inside) is unknown.
  const local = await database.pool.query(
    `${current}, post AS (
      SELECT cur.title, cur.home_town_place_id AS origin,
        (SELECT tu.place_id FROM unit_closure tc JOIN units tu ON tu.id = tc.ancestor_id
          WHERE tc.descendant_id = cur.unit_id AND tu.place_id IS NOT NULL
            AND tc.valid_from <= $1 AND (tc.valid_to IS NULL OR tc.valid_to > $1)
          ORDER BY tc.depth LIMIT 1) AS territory
      FROM cur WHERE cur.title IN ('district_party_secretary', 'district_committee_chair',
        'commune_party_secretary', 'commune_committee_chair')),
    rel AS (
      SELECT title, CASE WHEN origin IS NULL OR territory IS NULL THEN NULL
        ELSE coalesce((SELECT pc.relation FROM place_containment pc
          WHERE pc.place_id = origin AND pc.territory_id = territory), 'outside') END AS relation
      FROM post)
    SELECT title, count(*) FILTER (WHERE relation = 'outside')::int AS non_local,
           count(*) FILTER (WHERE relation IN ('inside', 'outside'))::int AS known,
           count(*) FILTER (WHERE relation IS NULL OR relation = 'overlap')::int AS unknown
    FROM rel GROUP BY title ORDER BY title`,
    [at],
  );
  return { ...all, ...masters, nonLocal: local.rows };
}

async function main() {
  const url = process.env.DATABASE_URL;
  const t0 = performance.now();
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir });
  await runMigrations(database);
  const services = createServices(database, fixedClock(`${SEED_REFERENCE_DATE}T00:00:00Z`), 12);
  console.log(`profile ${profile}${slice < 1 ? ` (slice ${slice})` : ""} on ${database.engine}`);
  let last = 0;
  const result = await seed({ db: database.db, units: services.units }, systemActor("bench"), {
    profile,
    scale: slice,
    onProgress: (step, done, total) => {
      const pct = Math.floor((100 * done) / total);
      if (pct >= last + 10 || done === total) {
        last = pct;
        console.log(`  ${step} ${done}/${total} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    },
  });
  console.log(result.summary);
  console.log("rows", result.rows);
  const t1 = performance.now();
  // The day before the 2025 reorganisation (districts, 526 communes) and the reference date (126 communes).
  for (const at of ["2025-06-30", SEED_REFERENCE_DATE])
    console.log("figures as of", at, await figures(database, at));
  console.log(`figures computed in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s (database open + migrate + seed)`);
  await database.close();
}

await main();

// Benchmark: the indicator service over the hanoi profile (≈ 200,000 people) or national (≈ 2M, PostgreSQL).
// Targets (issue "Indicators"): the whole catalogue for the top unit as of the seed's reference date in
// < 300 ms on PGlite and < 100 ms on PostgreSQL for hanoi, < 2 s on PostgreSQL for national.
// Every scenario is also asked as ONE hand-written SQL statement (the floor), written here from the default
// definitions of migrations 0007 and 0016 — not produced by the service's compiler — and sent straight through
// node-postgres on the same engine. The floor's figures must EQUAL the service's: a difference is printed
// and the run exits with code 1. Ratio = service p95 / floor p95; the goal is ≤ 1.5.
// Usage: npm run bench:indicators [-- --data DIR]     (PGlite; loads the hanoi profile into DIR on first run)
//        DATABASE_URL=postgres://…/db npm run bench:indicators [-- --profile national]
//        … -- --analyze     runs ANALYZE first (a database seeded before the seed analysed every table)
//        … -- --explain     also prints EXPLAIN (ANALYZE, BUFFERS) of the service's slowest statement and of the floor
//        … -- --only PREFIX runs the scenarios whose name begins with PREFIX (e.g. analysis, series)
//        RUNS=30 (timed runs per scenario, after 3 warm-up runs)
// The dashboard's analysis and the 12-month series of the catalogue are timed the same way against their own
// floors (target < 500 ms p95 on PGlite for hanoi).
import { performance } from "node:perf_hooks";
import type { DrillQuery } from "../common/contracts/indicators.ts";
import { createServices } from "../server/app.ts";
import { type Database, openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { systemActor } from "../server/lib/actor.ts";
import { fixedClock } from "../server/lib/clock.ts";
import { SEED_REFERENCE_DATE } from "../server/seed/people.ts";
import { isEmpty, PROFILES, type Profile, seed } from "../server/seed/seed.ts";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dataDir = option("--data") ?? ".tmp/bench-hanoi";
const profile = (option("--profile") ?? "hanoi") as Profile;
const explain = args.includes("--explain");
const analyze = args.includes("--analyze");
const RUNS = Number(process.env.RUNS ?? 30);
const D = SEED_REFERENCE_DATE;
// The national records begin with the two-tier organisation (1/7/2025): its past date is after that.
const PAST = profile === "national" ? "2025-09-30" : "2023-06-30";

// ---- The floor: the default definitions of migrations 0007, 0016 and 0017 written by hand. $1 = root unit, $2 = date. ----

const holds = (a: string) =>
  `${a}.valid_from <= $2::date AND (${a}.valid_to IS NULL OR ${a}.valid_to > $2::date)`;
// Serving on D. People past their retirement date with no end of service are left out of every population too
// (DOMAIN §2); the generated profiles have nobody past retirement on the bench's dates (the generator keeps a
// year's margin after its reference date), so the floor has no need to compute retirement dates by hand.
const SERVING = "(p.left_on IS NULL OR p.left_on >= $2::date)";
// "The unit lies in the subtree of $1 on D": one probe of the closure's primary key.
const inSubtree = (unit: string) => `EXISTS (SELECT 1 FROM unit_closure s
    WHERE s.ancestor_id = $1 AND s.descendant_id = ${unit} AND ${holds("s")})`;
// Members of the standing-committee tiers on D whose main post on D is in the subtree (I1–I5). Driven from
// the tier rows (a few thousand); each probes its main post and its person by key. OFFSET 0 keeps every
// probe a nested loop, whatever the planner estimates for the subtree.
// The titles' attributes on D (a few dozen rows) are joined once to the materialised rows, not probed per row.
const TIERED = `tier_rows AS MATERIALIZED (
    SELECT t.cadre_id, t.tier, a.unit_id, a.title_id, p.sex, p.birth_date
    FROM cadre_tiers t
    CROSS JOIN LATERAL (SELECT a.unit_id, a.title_id FROM cadre_assignments a
      WHERE a.cadre_id = t.cadre_id AND a.is_main AND ${holds("a")} AND ${inSubtree("a.unit_id")} OFFSET 0) a
    CROSS JOIN LATERAL (SELECT p.sex, p.birth_date FROM cadres p WHERE p.id = t.cadre_id AND ${SERVING} OFFSET 0) p
    WHERE t.tier IN ('city_standing', 'district_standing', 'department_committee') AND ${holds("t")}),
  tiered AS (SELECT r.*, mt.level, mt.is_leadership FROM tier_rows r JOIN title_versions mt ON mt.title_id = r.title_id
    AND (mt.valid_from IS NULL OR mt.valid_from <= $2::date) AND (mt.valid_to IS NULL OR mt.valid_to > $2::date))`;
// I1: younger than 40 in full years on D, for every management tier of the population (DOMAIN §2).
const YOUNG = `r.birth_date > ($2::date - make_interval(years => 40))::date`;
// I4: the tiers of the committees directly under the city (districts, departments and sectors).
const DIRECT_TIERS = `('district_standing', 'department_committee')`;
const rankOf = (list: string, code: string) =>
  `(SELECT rank FROM code_lists WHERE list = '${list}' AND code = '${code}')`;
// I7.1–I7.6: holders of the titles (main or concurrent post) on D, main post in the subtree. The territory
// the post leads is the place of the main post's unit or of its nearest ancestor that has one; the home town
// is the place recorded (or the place of the unit an older record names). Not local: a known home town with
// no containment row; local: 'inside'; unknown (no home town, no territory, or 'overlap'): left out.
const I7 = [
  ["I7.1", ["district_party_secretary"]],
  ["I7.2", ["district_committee_chair"]],
  ["I7.3", ["commune_party_secretary"]],
  ["I7.4", ["commune_committee_chair"]],
  ["I7.5", ["district_party_deputy_standing", "district_committee_vice_chair"]],
  ["I7.6", ["commune_party_deputy_standing", "commune_committee_vice_chair"]],
] as const;
const I7_TITLES = [...new Set(I7.flatMap(([, titles]) => titles))];
const HOLDERS = `holders AS (
    SELECT x.title, x.cadre_id,
      CASE WHEN terr.id IS NULL OR p.home IS NULL THEN NULL
        ELSE coalesce((SELECT pc.relation FROM place_containment pc
          WHERE pc.place_id = p.home AND pc.territory_id = terr.id), 'outside') END AS relation
    FROM (SELECT ti.code AS title, x.cadre_id FROM titles ti
          CROSS JOIN LATERAL (SELECT DISTINCT x.cadre_id FROM cadre_assignments x
            WHERE x.title_id = ti.id AND ${holds("x")}) x
          WHERE ti.code IN (${I7_TITLES.map((t) => `'${t}'`).join(", ")})) x
    CROSS JOIN LATERAL (SELECT a.unit_id FROM cadre_assignments a
      WHERE a.cadre_id = x.cadre_id AND a.is_main AND ${holds("a")} AND ${inSubtree("a.unit_id")} OFFSET 0) a
    CROSS JOIN LATERAL (SELECT coalesce(p.home_town_place_id,
        (SELECT hu.place_id FROM units hu WHERE hu.id = p.home_town_unit_id)) AS home
      FROM cadres p WHERE p.id = x.cadre_id AND ${SERVING} OFFSET 0) p
    LEFT JOIN LATERAL (SELECT tu.place_id AS id FROM unit_closure c JOIN units tu ON tu.id = c.ancestor_id
      WHERE c.descendant_id = a.unit_id AND ${holds("c")} AND tu.place_id IS NOT NULL
      ORDER BY c.depth LIMIT 1) terr ON TRUE)`;

/** The catalogue: one row (code, numerator, denominator) per computable indicator (I6 has no records). */
const CATALOGUE_FLOOR = `WITH ${TIERED}, ${HOLDERS},
  -- The level codes at least as high as the thresholds (code lists rank them).
  levels AS (SELECT
      array_agg(code) FILTER (WHERE list = 'professional' AND rank >= ${rankOf("professional", "master")}) AS master,
      array_agg(code) FILTER (WHERE list = 'professional' AND rank >= ${rankOf("professional", "university")}) AS university,
      array_agg(code) FILTER (WHERE list = 'political_theory' AND rank >= ${rankOf("political_theory", "intermediate")}) AS intermediate
    FROM code_lists WHERE list IN ('professional', 'political_theory')),
  counts AS (
    SELECT count(*) AS standing,
      count(*) FILTER (WHERE ${YOUNG}) AS young,
      count(*) FILTER (WHERE r.sex = 'female') AS women,
      count(*) FILTER (WHERE r.tier = 'city_standing') AS city,
      count(*) FILTER (WHERE r.tier = 'city_standing' AND q.master) AS city_master,
      count(*) FILTER (WHERE r.tier IN ${DIRECT_TIERS}) AS dept,
      count(*) FILTER (WHERE r.tier IN ${DIRECT_TIERS} AND q.university AND q.intermediate) AS dept_qualified,
      count(*) FILTER (WHERE r.tier = 'city_standing' AND r.is_leadership) AS city_leaders,
      count(*) FILTER (WHERE r.tier = 'city_standing' AND r.is_leadership AND tr.updated) AS city_leaders_updated
    FROM tiered r CROSS JOIN levels n
    -- Levels obtained by D, read only for the tiers whose indicators ask for them.
    LEFT JOIN LATERAL (SELECT
        bool_or(q.category = 'professional' AND q.level_code = ANY(n.master)) AS master,
        bool_or(q.category = 'professional' AND q.level_code = ANY(n.university)) AS university,
        bool_or(q.category = 'political_theory' AND q.level_code = ANY(n.intermediate)) AS intermediate
      FROM cadre_qualifications q
      WHERE r.tier IN ('city_standing', 'district_standing', 'department_committee') AND q.cadre_id = r.cadre_id
        AND q.obtained_on <= $2::date) q ON TRUE
    -- A knowledge update completed within the 60 months up to D.
    LEFT JOIN LATERAL (SELECT TRUE AS updated FROM cadre_trainings tr
      WHERE r.tier = 'city_standing' AND tr.cadre_id = r.cadre_id AND tr.kind = 'knowledge_update'
        AND tr.completed_on > ($2::date - interval '60 months')::date AND tr.completed_on <= $2::date
      LIMIT 1) tr ON TRUE)
  SELECT v.code, v.numerator::int, v.denominator::int FROM counts c
  CROSS JOIN LATERAL (VALUES ('I1', c.young, c.standing), ('I2', c.women, c.standing),
    ('I3', c.city_master, c.city), ('I4', c.dept_qualified, c.dept), ('I5', c.city_leaders_updated, c.city_leaders)
  ) v(code, numerator, denominator)
  UNION ALL
  SELECT w.code, (count(DISTINCT h.cadre_id) FILTER (WHERE h.relation = 'outside'))::int,
    (count(DISTINCT h.cadre_id) FILTER (WHERE h.relation IN ('inside', 'outside')))::int
  FROM (VALUES ${I7.map(([c, titles]) => `('${c}', ARRAY[${titles.map((t) => `'${t}'`).join(", ")}])`).join(", ")}) w(code, titles)
  LEFT JOIN holders h ON h.title = ANY(w.titles)
  -- No district level from 1/7/2025: the district figures end on 30/6/2025 (migration 0017).
  WHERE NOT (w.code IN ('I7.1', 'I7.2', 'I7.5') AND $2::date >= '2025-07-01'::date)
  GROUP BY w.code`;

/** I1 for the subtree, by child unit of the root (root itself for its own people) and by tier. */
const DETAIL_FLOOR = `WITH ${TIERED},
  kids AS (SELECT c.descendant_id AS unit_id, k.descendant_id AS child_id FROM unit_closure k
      JOIN unit_closure c ON c.ancestor_id = k.descendant_id AND ${holds("c")}
      WHERE k.ancestor_id = $1 AND k.depth = 1 AND ${holds("k")}
    UNION ALL SELECT $1::int, $1::int)
  SELECT CASE WHEN grouping(k.child_id) = 0 THEN 'unit:' || k.child_id
      WHEN grouping(r.tier) = 0 THEN 'tier:' || r.tier ELSE 'total' END AS code,
    (count(*) FILTER (WHERE ${YOUNG}))::int AS numerator, count(*)::int AS denominator
  FROM tiered r JOIN kids k ON k.unit_id = r.unit_id
  GROUP BY GROUPING SETS ((), (k.child_id), (r.tier))`;

/** The first page (50) of the people in I1's numerator, as the cadre list shows them, with the total. */
const DRILL_FLOOR = `WITH ${TIERED},
  who AS MATERIALIZED (SELECT DISTINCT r.cadre_id FROM tiered r WHERE ${YOUNG}),
  page AS (SELECT p.id, p.staff_code, p.full_name, p.sex, p.birth_date, p.staff_type, p.sort_key,
      (SELECT count(*) FROM who)::int AS total
    FROM who JOIN cadres p ON p.id = who.cadre_id ORDER BY p.sort_key COLLATE "C", p.id LIMIT 50)
  SELECT page.id, page.total, page.staff_code, page.full_name, page.sex, page.birth_date, page.staff_type,
    a.unit_id, uv.name AS unit_name, ti.name AS title_name, tr.tier, pq.code AS qualification, pt.code AS theory
  FROM page
  LEFT JOIN LATERAL (SELECT unit_id, title_id FROM cadre_assignments a WHERE a.cadre_id = page.id AND a.is_main
    AND ${holds("a")} ORDER BY a.valid_from DESC LIMIT 1) a ON TRUE
  LEFT JOIN LATERAL (SELECT name FROM unit_versions v WHERE v.unit_id = a.unit_id
    ORDER BY (${holds("v")}) DESC, v.valid_from DESC LIMIT 1) uv ON TRUE
  LEFT JOIN titles ti ON ti.id = a.title_id
  LEFT JOIN LATERAL (SELECT tier FROM cadre_tiers t WHERE t.cadre_id = page.id AND ${holds("t")}
    ORDER BY t.valid_from DESC LIMIT 1) tr ON TRUE
  LEFT JOIN LATERAL (SELECT l.code FROM cadre_qualifications q JOIN code_lists l ON l.list = q.category
    AND l.code = q.level_code WHERE q.cadre_id = page.id AND q.category = 'professional' AND q.obtained_on <= $2::date
    ORDER BY l.rank DESC, q.obtained_on LIMIT 1) pq ON TRUE
  LEFT JOIN LATERAL (SELECT l.code FROM cadre_qualifications q JOIN code_lists l ON l.list = q.category
    AND l.code = q.level_code WHERE q.cadre_id = page.id AND q.category = 'political_theory'
    AND q.obtained_on <= $2::date ORDER BY l.rank DESC, q.obtained_on LIMIT 1) pt ON TRUE
  ORDER BY page.sort_key COLLATE "C", page.id`;

/**
 * The dashboard's analysis (service.analyse) for the subtree: I1–I5 by child unit and in total (the units below
 * target are those whose exact ratio is under it), the staff of the subtree by age band and sex, key leaders'
 * ages by level, women and young among all staff, and among the standing-committee tiers (I2, I1 themselves).
 * Targets and thresholds: the defaults of migrations 0007 and 0016 (every target ≥). Age in whole years on D
 * by PostgreSQL's age(), which the rule agrees with away from 29 February.
 */
const ANALYSIS_FLOOR = `WITH ${TIERED},
  levels AS (SELECT
      array_agg(code) FILTER (WHERE list = 'professional' AND rank >= ${rankOf("professional", "master")}) AS master,
      array_agg(code) FILTER (WHERE list = 'professional' AND rank >= ${rankOf("professional", "university")}) AS university,
      array_agg(code) FILTER (WHERE list = 'political_theory' AND rank >= ${rankOf("political_theory", "intermediate")}) AS intermediate
    FROM code_lists WHERE list IN ('professional', 'political_theory')),
  kids AS (SELECT c.descendant_id AS unit_id, k.descendant_id AS child_id FROM unit_closure k
      JOIN unit_closure c ON c.ancestor_id = k.descendant_id AND ${holds("c")}
      WHERE k.ancestor_id = $1 AND k.depth = 1 AND ${holds("k")}
    UNION ALL SELECT $1::int, $1::int),
  fig AS (
    SELECT grouping(k.child_id) AS whole, k.child_id,
      count(*) AS standing,
      count(*) FILTER (WHERE ${YOUNG}) AS young,
      count(*) FILTER (WHERE r.sex = 'female') AS women,
      count(*) FILTER (WHERE r.tier = 'city_standing') AS city,
      count(*) FILTER (WHERE r.tier = 'city_standing' AND q.master) AS city_master,
      count(*) FILTER (WHERE r.tier IN ${DIRECT_TIERS}) AS dept,
      count(*) FILTER (WHERE r.tier IN ${DIRECT_TIERS} AND q.university AND q.intermediate) AS dept_qualified,
      count(*) FILTER (WHERE r.tier = 'city_standing' AND r.is_leadership) AS city_leaders,
      count(*) FILTER (WHERE r.tier = 'city_standing' AND r.is_leadership AND tr.updated) AS city_leaders_updated
    FROM tiered r JOIN kids k ON k.unit_id = r.unit_id CROSS JOIN levels n
    LEFT JOIN LATERAL (SELECT
        bool_or(q.category = 'professional' AND q.level_code = ANY(n.master)) AS master,
        bool_or(q.category = 'professional' AND q.level_code = ANY(n.university)) AS university,
        bool_or(q.category = 'political_theory' AND q.level_code = ANY(n.intermediate)) AS intermediate
      FROM cadre_qualifications q WHERE q.cadre_id = r.cadre_id AND q.obtained_on <= $2::date) q ON TRUE
    LEFT JOIN LATERAL (SELECT TRUE AS updated FROM cadre_trainings tr
      WHERE r.tier = 'city_standing' AND tr.cadre_id = r.cadre_id AND tr.kind = 'knowledge_update'
        AND tr.completed_on > ($2::date - interval '60 months')::date AND tr.completed_on <= $2::date
      LIMIT 1) tr ON TRUE
    GROUP BY GROUPING SETS ((), (k.child_id))),
  figures AS (SELECT f.whole, f.child_id, v.code, v.numerator, v.denominator, v.target FROM fig f
    CROSS JOIN LATERAL (VALUES ('I1', f.young, f.standing, 15), ('I2', f.women, f.standing, 15),
      ('I3', f.city_master, f.city, 40), ('I4', f.dept_qualified, f.dept, 100),
      ('I5', f.city_leaders_updated, f.city_leaders, 100)) v(code, numerator, denominator, target)),
  -- Every serving person with a main post on D in the subtree, with the tier on D (one at most: the
  -- histories refuse overlaps), grouped by birth date so that ages are computed once per date.
  staff AS (SELECT p.birth_date, p.sex, mt.is_key, mt.level, count(*) AS n,
      count(*) FILTER (WHERE t.tier IS NOT NULL AND p.birth_date > ($2::date - make_interval(years => 40))::date) AS young
    FROM cadre_assignments a
    JOIN title_versions mt ON mt.title_id = a.title_id
      AND (mt.valid_from IS NULL OR mt.valid_from <= $2::date) AND (mt.valid_to IS NULL OR mt.valid_to > $2::date)
    JOIN cadres p ON p.id = a.cadre_id AND ${SERVING}
    LEFT JOIN cadre_tiers t ON t.cadre_id = a.cadre_id AND ${holds("t")}
    WHERE a.is_main AND ${holds("a")} AND a.unit_id IN (SELECT s.descendant_id FROM unit_closure s
      WHERE s.ancestor_id = $1 AND ${holds("s")})
    GROUP BY 1, 2, 3, 4),
  aged AS (SELECT s.*, extract(year FROM age($2::date, s.birth_date))::int AS age,
      CASE WHEN NOT s.is_key THEN NULL WHEN s.level IN ('city', 'department') THEN 'city'
        WHEN s.level IN ('district', 'commune') THEN s.level END AS key_level FROM staff s),
  total AS (SELECT sum(n) AS n FROM aged)
  SELECT 'total ' || code AS code, numerator::int, denominator::int FROM figures WHERE whole = 1
  UNION ALL SELECT 'below ' || code || ' unit:' || child_id, numerator::int, denominator::int FROM figures
    WHERE whole = 0 AND denominator > 0 AND numerator * 100 < target * denominator AND child_id <> $1
  UNION ALL SELECT 'leaders women', numerator::int, denominator::int FROM figures WHERE whole = 1 AND code = 'I2'
  UNION ALL SELECT 'leaders young', numerator::int, denominator::int FROM figures WHERE whole = 1 AND code = 'I1'
  UNION ALL SELECT 'all women', (SELECT sum(n) FROM aged WHERE sex = 'female')::int, (SELECT n FROM total)::int
  UNION ALL SELECT 'all young', (SELECT sum(young) FROM aged)::int, (SELECT n FROM total)::int
  UNION ALL SELECT 'band ' || b.band || ' ' || x.sex, coalesce((SELECT sum(n) FROM aged a WHERE a.sex = x.sex
      AND a.age BETWEEN b.lo AND b.hi), 0)::int, (SELECT n FROM total)::int
    FROM (VALUES ('<=30', 0, 30), ('31-35', 31, 35), ('36-40', 36, 40), ('41-45', 41, 45), ('46-50', 46, 50),
      ('51-55', 51, 55), ('56-60', 56, 60), ('>60', 61, 200)) b(band, lo, hi)
    CROSS JOIN (VALUES ('male'), ('female')) x(sex)
  UNION ALL SELECT 'average age', round(sum(n * age)::numeric / nullif(sum(n), 0) * 10)::int, 10 FROM aged
  UNION ALL SELECT 'key ' || l.level || ' ' || coalesce(min(a.age), -1) || '-' || coalesce(max(a.age), -1),
      coalesce(sum(a.n), 0)::int, coalesce(round(sum(a.n * a.age)::numeric / nullif(sum(a.n), 0) * 10), -1)::int
    FROM (VALUES ('city'), ('district'), ('commune')) l(level) LEFT JOIN aged a ON a.key_level = l.level
    GROUP BY l.level`;

/** The 12 month ends of the series ending on D (the last point is D itself), as the service picks them. */
function seriesDates(d: string): string[] {
  const dates: string[] = [];
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  for (let i = 11; i >= 1; i--) {
    const first = new Date(Date.UTC(y, m - i, 1));
    dates.push(new Date(first.getTime() - 86_400_000).toISOString().slice(0, 10));
  }
  return [...dates, d];
}

/** The catalogue at each of the 12 dates of the series, as ONE statement: the catalogue's floor over the dates. */
const seriesFloor = (
  dates: readonly string[],
) => `SELECT dt.d::text || ' ' || f.code AS code, f.numerator, f.denominator
  FROM (VALUES ${dates.map((x) => `('${x}'::date)`).join(", ")}) dt(d)
  CROSS JOIN LATERAL (${CATALOGUE_FLOOR.replaceAll("$2::date", "dt.d")}) f
  WHERE $2::date IS NOT NULL`;

// ---- Running ----

/** A scenario's answer reduced to comparable lines: "I1 949/7058", "unit:12 3/40", "page 1: id …". */
type Figures = string[];
type Scenario = {
  name: string;
  target?: number;
  service: () => Promise<Figures>;
  floor: { sql: string; root: number; d: string; figures: (rows: Record<string, unknown>[]) => Figures };
};

const countsOf = (rows: Record<string, unknown>[]): Figures =>
  rows.map((r) => `${r.code} ${r.numerator}/${r.denominator}`).sort();

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    p50: s[Math.floor(s.length * 0.5)]!,
    p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!,
  };
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

type Captured = { text: string; values: unknown[] };

/** Records the statements sent through the pool (drizzle goes through pool.query), for --explain. */
function captureStatements(database: Database) {
  const pool = database.pool as unknown as { query: (...a: unknown[]) => Promise<unknown> };
  const original = pool.query.bind(pool);
  let log: Captured[] | undefined;
  pool.query = (q: unknown, values?: unknown) => {
    if (log && typeof q === "object" && q !== null && "text" in q) {
      const query = q as { text: string; values?: unknown[] };
      log.push({ text: query.text, values: query.values ?? (values as unknown[] | undefined) ?? [] });
    }
    return original(q, values);
  };
  return async (fn: () => Promise<unknown>): Promise<Captured[]> => {
    log = [];
    await fn();
    const captured = log;
    log = undefined;
    return captured;
  };
}

async function explainSlowest(database: Database, statements: Captured[]) {
  let slowest: { ms: number; s: Captured } | undefined;
  for (const s of statements) {
    const t = performance.now();
    await database.pool.query(s.text, s.values as unknown[]);
    const ms = performance.now() - t;
    if (!slowest || ms > slowest.ms) slowest = { ms, s };
  }
  if (!slowest) return;
  const plan = await database.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.s.text}`, slowest.s.values);
  console.log(`  slowest of ${statements.length} statements (${slowest.ms.toFixed(1)} ms):`);
  for (const row of plan.rows) console.log(`    ${row["QUERY PLAN"]}`);
}

async function main() {
  if (!(PROFILES as readonly string[]).includes(profile)) throw new Error(`unknown profile ${profile}`);
  const url = process.env.DATABASE_URL;
  if (profile === "national" && !url)
    throw new Error("the national profile runs on PostgreSQL (DATABASE_URL)");
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir });
  await runMigrations(database);
  const services = createServices(database, fixedClock(`${D}T03:00:00Z`), 12);
  const admin = systemActor("bench");
  if (await isEmpty(database.db)) {
    console.log(`loading the ${profile} profile (once; hanoi ≈ 90 s, national ≈ 12 min)…`);
    const t = performance.now();
    await seed({ db: database.db, units: services.units }, admin, { profile });
    console.log(`loaded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  if (analyze) await q("ANALYZE");
  // Without statistics on the unit tables the planner takes a city's subtree for a handful of units.
  const unanalysed = (
    await q(`SELECT array_agg(t) AS names FROM unnest(ARRAY['units', 'unit_versions', 'unit_closure', 'cadres',
      'cadre_assignments', 'cadre_tiers', 'cadre_qualifications', 'cadre_trainings']) t
      WHERE NOT EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = 'public' AND s.tablename = t)`)
  ).rows[0].names as string[] | null;
  const people = (await q("SELECT count(*)::int AS n FROM cadres")).rows[0].n as number;
  const trainings = (await q("SELECT count(*)::int AS n FROM cadre_trainings")).rows[0].n as number;
  const top = (await services.indicators.compute(admin, { asOf: D })).unit;
  // A district (hanoi: Cầu Giấy, 005); the national organisation has no districts since 2025: a province.
  const partRow = (
    await q(
      profile === "national"
        ? "SELECT id, code FROM units WHERE code = '79' AND kind = 'city'"
        : "SELECT id, code FROM units WHERE code = '005' AND kind = 'district'",
    )
  ).rows[0] as { id: number; code: string } | undefined;
  if (!partRow) throw new Error("the profile has no unit 005 (hanoi) or 79 (national)");
  const part = partRow.id;

  const catalogue = (unitId: number, asOf: string) => async () =>
    (await services.indicators.compute(admin, { asOf, unitId })).items
      .filter((r) => r.numerator !== null)
      .map((r) => `${r.code} ${r.numerator}/${r.denominator}`)
      .sort();
  const drill: DrillQuery = { asOf: D, unitId: top.id, side: "numerator", page: 1, pageSize: 50 };
  const engineTarget =
    database.engine === "pglite"
      ? 300
      : profile === "national"
        ? 2000
        : profile === "hanoi"
          ? 100
          : undefined;

  // The analysis and the 12-month series (issue 9): < 500 ms on PGlite for hanoi.
  const analysisTarget = engineTarget === undefined ? 500 : Math.max(engineTarget, 500);
  const seriesFrom = `${seriesDates(D)[0]!.slice(0, 7)}-01`;
  const only = option("--only");

  const all: Scenario[] = [
    {
      name: `catalogue, ${top.code ?? "top"}, ${D}`,
      ...(engineTarget !== undefined ? { target: engineTarget } : {}),
      service: catalogue(top.id, D),
      floor: { sql: CATALOGUE_FLOOR, root: top.id, d: D, figures: countsOf },
    },
    {
      name: `catalogue, ${top.code ?? "top"}, ${PAST}`,
      service: catalogue(top.id, PAST),
      floor: { sql: CATALOGUE_FLOOR, root: top.id, d: PAST, figures: countsOf },
    },
    {
      name: `catalogue, ${partRow.code} subtree, ${D}`,
      service: catalogue(part, D),
      floor: { sql: CATALOGUE_FLOOR, root: part, d: D, figures: countsOf },
    },
    {
      name: `I1 detail (by unit, tier), ${top.code ?? "top"}`,
      service: async () => {
        const r = await services.indicators.detail(admin, "I1", { asOf: D, unitId: top.id });
        return [
          `total ${r.indicator.numerator}/${r.indicator.denominator}`,
          ...r.byUnit.map((u) => `unit:${u.key} ${u.numerator}/${u.denominator}`),
          ...r.byTier.map((u) => `tier:${u.key} ${u.numerator}/${u.denominator}`),
        ].sort();
      },
      floor: { sql: DETAIL_FLOOR, root: top.id, d: D, figures: countsOf },
    },
    {
      name: `analysis, ${top.code ?? "top"}, ${D}`,
      target: analysisTarget,
      service: async () => {
        const a = await services.indicators.analyse(admin, { asOf: D, unitId: top.id });
        const line = (code: string, s: { numerator: number; denominator: number } | null) =>
          s ? [`${code} ${s.numerator}/${s.denominator}`] : [];
        const total = a.agePyramid.total;
        return [
          ...a.belowTarget.flatMap((b) => [
            ...line(`total ${b.code}`, b.total),
            ...b.units.map((u) => `below ${b.code} unit:${u.key} ${u.numerator}/${u.denominator}`),
          ]),
          ...line("leaders women", a.leadersVsAll.leaders.women),
          ...line("leaders young", a.leadersVsAll.leaders.young),
          ...line("all women", a.leadersVsAll.all.women),
          ...line("all young", a.leadersVsAll.all.young),
          ...a.agePyramid.bands.flatMap((b) => [
            `band ${b.band} male ${b.male}/${total}`,
            `band ${b.band} female ${b.female}/${total}`,
          ]),
          `average age ${Math.round((a.agePyramid.averageAge ?? 0) * 10)}/10`,
          ...a.keyLeadersAge.map(
            (k) =>
              `key ${k.level} ${k.youngest ?? -1}-${k.oldest ?? -1} ${k.count}/${k.averageAge === null ? -1 : Math.round(k.averageAge * 10)}`,
          ),
        ].sort();
      },
      floor: { sql: ANALYSIS_FLOOR, root: top.id, d: D, figures: countsOf },
    },
    {
      name: `series, 12 month ends to ${D}`,
      target: analysisTarget,
      service: async () => {
        const s = await services.indicators.series(admin, { from: seriesFrom, to: D, unitId: top.id });
        if (s.dates.join() !== seriesDates(D).join()) throw new Error(`series dates ${s.dates.join()}`);
        return s.series
          .flatMap((x) =>
            x.points.flatMap((p) =>
              p.numerator === null ? [] : [`${p.asOf} ${x.code} ${p.numerator}/${p.denominator}`],
            ),
          )
          .sort();
      },
      floor: { sql: seriesFloor(seriesDates(D)), root: top.id, d: D, figures: countsOf },
    },
    {
      name: `I1 people, page 1 of 50, ${top.code ?? "top"}`,
      service: async () => {
        const r = await services.indicators.people(admin, "I1", drill);
        return [
          `total ${r.total}`,
          ...r.items.map((x, i) =>
            [
              i + 1,
              x.id,
              x.unit?.name,
              x.title?.name,
              x.tier,
              x.highestQualification?.code,
              x.politicalTheory?.code,
            ]
              .map((v) => v ?? "-")
              .join(" "),
          ),
        ];
      },
      floor: {
        sql: DRILL_FLOOR,
        root: top.id,
        d: D,
        figures: (rows) => [
          `total ${rows[0]?.total ?? 0}`,
          ...rows.map((x, i) =>
            [i + 1, x.id, x.unit_name, x.title_name, x.tier, x.qualification, x.theory]
              .map((v) => v ?? "-")
              .join(" "),
          ),
        ],
      },
    },
  ];

  const scenarios = only ? all.filter((x) => x.name.startsWith(only)) : all;
  const capture = explain ? captureStatements(database) : undefined;
  console.log(
    `indicator benchmark — ${database.engine}, profile ${profile}, ${people} people, ${trainings} training rows, ` +
      `${RUNS} runs each (after 3 warm-up runs)`,
  );
  if (unanalysed?.length) {
    console.log(`note: no planner statistics on ${unanalysed.join(", ")} (--analyze gathers them)`);
  }
  const header = `${"scenario".padEnd(38)} svc p50  svc p95  floor p50  floor p95  ratio p95  figures`;
  console.log(header);
  const mismatches: string[] = [];
  const lines: string[] = [];
  for (const s of scenarios) {
    const service = await s.service();
    const floorRows = (await q(s.floor.sql, [s.floor.root, s.floor.d])).rows as Record<string, unknown>[];
    const floor = s.floor.figures(floorRows);
    const same = service.length === floor.length && service.every((x, i) => x === floor[i]);
    if (!same) {
      // The lines only one side has, at most ten of each.
      const only = (a: Figures, b: Figures) => {
        const lines = a.filter((x) => !b.includes(x));
        const more = lines.length > 10 ? `; … and ${lines.length - 10} more` : "";
        return lines.length ? lines.slice(0, 10).join("; ") + more : "(nothing else)";
      };
      mismatches.push(
        `${s.name}:\n    service: ${only(service, floor)}\n    floor:   ${only(floor, service)}`,
      );
    }
    const svc = await time(s.service);
    const fl = await time(() => q(s.floor.sql, [s.floor.root, s.floor.d]));
    const ratio = svc.p95 / fl.p95;
    const f = (x: number) => x.toFixed(1).padStart(8);
    const target =
      s.target === undefined
        ? ""
        : `  target p95 < ${s.target} ms: ${svc.p95 < s.target ? "met" : "NOT met"}`;
    const line =
      `${s.name.padEnd(38)}${f(svc.p50)} ${f(svc.p95)} ${f(fl.p50)}   ${f(fl.p95)}   ${ratio.toFixed(2).padStart(8)}` +
      `  ${same ? `equal (${service.length})` : "MISMATCH"}${ratio > 1.5 ? "  ratio > 1.5" : ""}${target}`;
    lines.push(line);
    console.log(line);
    if (capture) {
      await explainSlowest(database, await capture(s.service));
      const plan = await q(`EXPLAIN (ANALYZE, BUFFERS) ${s.floor.sql}`, [s.floor.root, s.floor.d]);
      console.log("  floor:");
      for (const row of plan.rows) console.log(`    ${row["QUERY PLAN"]}`);
    }
  }
  if (explain) {
    console.log(`\n${header}`);
    for (const l of lines) console.log(l);
  }
  if (mismatches.length) {
    console.error(
      `\n!!! FIGURES DIFFER between the service and the hand-written floor in ${mismatches.length} scenario(s):`,
    );
    for (const m of mismatches) console.error(`  ${m}`);
    process.exitCode = 1;
  }
  await database.close();
}

await main();

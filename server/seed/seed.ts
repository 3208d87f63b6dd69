import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { analyzeTable } from "../db/statistics.ts";
import { type Actor, authorize } from "../lib/actor.ts";
import { createAuditService } from "../modules/audit/index.ts";
import { loadPlaces, shippedPlaces } from "../modules/places/index.ts";
import type { BulkUnit, UnitsService } from "../modules/units/index.ts";
import { demoUnits } from "./demo-units.ts";
import { type LoadCounts, loadPeople, loadSeats, removePeople, titleIdsByCode } from "./load-people.ts";
import { nationalUnits } from "./national-units.ts";
import type { SeedOrganisation } from "./organisation.ts";
import {
  type FillRates,
  generatePeople,
  plannedPeopleCount,
  planPeople,
  SEED_REFERENCE_DATE,
} from "./people.ts";
import { planSeats } from "./people-seats.ts";

export const PROFILES = ["demo", "hanoi", "national"] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * Progress of one step in that step's own things: units for "Đơn vị", people for "Cán bộ" (the total of
 * people is the plan's estimate until the last call, which gives the number written).
 */
export type SeedProgress = (step: string, done: number, total: number) => void;

/**
 * How much of the organisation each profile staffs. hanoi and national fill nearly every seat (≈ 200k and
 * ≈ 2M people); the demo, loaded by `npm start`, keeps every key post (secretaries, chairs and their
 * deputies, heads of departments) and samples the rest down to ≈ 5k people.
 */
const FILL: Record<Profile, FillRates> = {
  demo: {
    key: 1,
    leadership: 0.12,
    adminStaff: 0.045,
    publicStaff: 0.009,
    predecessors: 0.12,
    staffPredecessors: 0.02,
    byTitle: { commune_party_deputy_standing: 0.45, commune_committee_vice_chair: 0.45 },
  },
  hanoi: {
    key: 1,
    leadership: 0.99,
    adminStaff: 0.97,
    publicStaff: 0.97,
    predecessors: 0.3,
    staffPredecessors: 0.03,
  },
  national: {
    key: 1,
    leadership: 0.99,
    adminStaff: 0.97,
    publicStaff: 0.97,
    predecessors: 0.3,
    staffPredecessors: 0.03,
  },
};

export type SeedResult = {
  units: number;
  seats: number;
  people: number;
  /** Rows written per table. */
  rows: LoadCounts;
  /** Milliseconds per step. */
  timings: Record<string, number>;
  /** One line for the console. */
  summary: string;
};

/** Ids of the places of the official lists by "edition|code". */
async function placeIdsOf(db: Db): Promise<Map<string, number>> {
  const result = await db.execute<{ id: number; key: string }>(
    sql`SELECT id, edition || '|' || code AS key FROM places`,
  );
  return new Map(result.rows.map((r) => [r.key, r.id]));
}

/** True when the database holds no organisation yet (first start). */
export async function isEmpty(db: Db): Promise<boolean> {
  const result = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`);
  return (result.rows[0]?.n ?? 0) === 0;
}

/** The organisation a profile is built on: Hà Nội for demo and hanoi, a generated country for national. */
export function organisationOf(profile: Profile, seed = 1): SeedOrganisation {
  return profile === "national" ? nationalUnits(seed) : demoUnits(seed);
}

function scaled(fill: FillRates, scale = 1): FillRates {
  if (scale === 1) return fill;
  return {
    ...fill,
    leadership: fill.leadership * scale,
    adminStaff: fill.adminStaff * scale,
    publicStaff: fill.publicStaff * scale,
  };
}

/** The fill rates of a profile (exported for tests and benchmarks). */
export function fillOf(profile: Profile): FillRates {
  return FILL[profile];
}

/**
 * Creates the units (in tree order: a parent before its children) a few hundred per call of the units
 * service — each call one transaction, ≈ 0.2 s on PGlite for the 4,646 units of Hà Nội instead of one of
 * 2 s; a parent created by an earlier call is named by its id.
 */
async function createUnitsInBatches(
  units: Pick<UnitsService, "createMany">,
  actor: Actor,
  nodes: readonly BulkUnit[],
  reason: string,
  batchSize = 200,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < nodes.length; i += batchSize) {
    const batch = nodes
      .slice(i, i + batchSize)
      .map((n) =>
        n.parentKey !== undefined && ids.has(n.parentKey)
          ? { ...n, parentKey: undefined, parentId: ids.get(n.parentKey) }
          : n,
      );
    for (const [key, id] of await units.createMany(actor, batch, reason)) ids.set(key, id);
  }
  return ids;
}

/**
 * Loads a deterministic data profile into an empty database: the organisation tree (through the units
 * service), then the seats of every unit and the people with their dated histories, written in batches
 * through `unnest`, and one summary audit row. The same seed gives the same rows.
 *
 * Each batch of people is its own transaction, of as many people as commit in ~250 ms: the CLI's seed
 * command may load the hanoi profile (200,000 people, minutes) through a running server's embedded
 * database, and one transaction would have made every user of that server wait until it ended (ADR 0001).
 * All or nothing all the same, in the simple way the empty database allows: when a write fails, the seed
 * deletes the people and seats it wrote (by the ids it reserved) before it rethrows. Meanwhile others may
 * see part of the sample people — there is no real data yet to mislead anyone. A seed whose process is
 * killed leaves what it wrote, as it always left the organisation: load again into an empty data folder.
 */
export async function seed(
  deps: { db: Db; units: Pick<UnitsService, "createMany" | "moveMany" | "addLinks"> },
  actor: Actor,
  options: {
    profile: Profile;
    seed?: number;
    onProgress?: SeedProgress;
    /** The generator's "today" (default SEED_REFERENCE_DATE). */
    today?: string;
    /** Share of the profile's non-key seats to fill (benchmarks load a slice of the national profile). */
    scale?: number;
    /** At most this many people per transaction (default 2,000; fewer when a batch takes long). */
    batchSize?: number;
  },
): Promise<SeedResult> {
  authorize(actor, "cadres.import");
  if (!(await isEmpty(deps.db))) {
    throw new Error(
      "Cơ sở dữ liệu đã có dữ liệu đơn vị: chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống (The database already holds an organisation: sample data loads only into an empty database).",
    );
  }
  const seedNumber = options.seed ?? 1;
  const today = options.today ?? SEED_REFERENCE_DATE;
  const progress = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };

  // Plan everything before writing: a bad plan fails before the database changes.
  const org = organisationOf(options.profile, seedNumber);
  const seats = planSeats(org);
  const plan = planPeople(org, seats, {
    seed: seedNumber,
    today,
    fill: scaled(FILL[options.profile], options.scale),
  });
  const expectedPeople = plannedPeopleCount(plan);
  lap("plan");

  progress("Đơn vị", 0, org.units.length);
  // The official lists of places (a no-op once loaded): territorial units govern places, people come from them.
  await loadPlaces(deps.db, shippedPlaces());
  const placeIds = await placeIdsOf(deps.db);
  const placeOf = (u: SeedOrganisation["units"][number]) =>
    u.place ? (placeIds.get(`${u.place.edition}|${u.place.code}`) ?? null) : null;
  // The whole history at once: units a change ended are created ended. A unit that a change began may take
  // over the code of one it ended (Bắc Từ Liêm keeps Từ Liêm's 019, a 2025 commune one of its old
  // communes'), and two units active on the same day may not share one: each change's new units are created
  // after the units before it, then its moves (schools to the new communes) and lineage links are recorded.
  const unitReason = `Dữ liệu mẫu (seed ${options.profile})`;
  const changeDates = new Set(org.changes.map((c) => c.date));
  const nodes = org.units.map((u) => ({ ...u, placeId: placeOf(u) }));
  const unitIds = await createUnitsInBatches(
    deps.units,
    actor,
    nodes.filter((u) => !changeDates.has(u.validFrom)),
    unitReason,
  );
  for (const change of org.changes) {
    const begun = nodes
      .filter((u) => u.validFrom === change.date)
      .map((u) =>
        u.parentKey !== undefined && unitIds.has(u.parentKey)
          ? { ...u, parentKey: undefined, parentId: unitIds.get(u.parentKey) }
          : u,
      );
    for (const [key, id] of await createUnitsInBatches(deps.units, actor, begun, unitReason))
      unitIds.set(key, id);
    for (let i = 0; i < change.moves.length; i += 500) {
      await deps.units.moveMany(
        actor,
        change.moves.slice(i, i + 500).map((m) => ({
          id: unitIds.get(m.key)!,
          parentId: unitIds.get(m.parentKey)!,
          effectiveDate: change.date,
        })),
        change.reason,
      );
    }
    for (let i = 0; i < change.links.length; i += 500) {
      await deps.units.addLinks(
        actor,
        change.links.slice(i, i + 500).map((l) => ({
          predecessorId: unitIds.get(l.from)!,
          successorId: unitIds.get(l.to)!,
          kind: l.kind,
          effectiveDate: change.date,
          note: change.reason,
        })),
      );
    }
  }
  progress("Đơn vị", org.units.length, org.units.length);
  lap("units");

  const audit = createAuditService({ db: deps.db });
  const written = { cadres: [] as number[], seats: [] as number[] };
  let rows: LoadCounts;
  try {
    const titleIds = await titleIdsByCode(deps.db);
    progress("Vị trí việc làm", 0, seats.length);
    const seatIds = await loadSeats(deps.db, seats, unitIds, titleIds, 1000, (ids) => {
      written.seats.push(...ids);
    });
    progress("Vị trí việc làm", seatIds.length, seats.length);
    const { counts, generateMs, waitMs } = await loadPeople(deps.db, {
      people: generatePeople(plan),
      unitIds,
      titleIds,
      seatIds,
      placeIds,
      batchSize: options.batchSize ?? 2000,
      onBatch: (done) => progress("Cán bộ", done, Math.max(done, expectedPeople)),
      commit: (write) => deps.db.transaction(write),
      onIds: (ids) => {
        written.cadres.push(...ids);
      },
    });
    counts.seats = seatIds.length;
    timings.generate = generateMs;
    timings.waitForDatabase = waitMs;
    await deps.db.transaction((tx) =>
      audit.record(tx, actor, {
        action: "seed.loaded",
        entityType: "seed",
        entityId: options.profile,
        after: { profile: options.profile, seed: seedNumber, today, units: org.units.length, ...counts },
        reason: `Dữ liệu mẫu (seed ${options.profile})`,
      }),
    );
    rows = counts;
  } catch (error) {
    await removePeople(deps.db, written.cadres, written.seats).catch(() => {});
    throw error;
  }
  progress("Cán bộ", rows.cadres ?? 0, rows.cadres ?? 0);
  timings.people = Math.round(performance.now() - t);
  t = performance.now();
  // Fresh statistics for the planner, on every table the seed filled (PGlite has no autovacuum, and
  // PostgreSQL's may not have reached the unit tables yet): without them the planner takes the city's
  // subtree (thousands of units in unit_closure) for a few dozen and picks nested loops over it.
  // One column per statement (ANALYZE of the whole hanoi database is one statement of 25 s, of the people
  // table alone ~1 s): server/db/statistics.ts.
  const tables = await deps.db.execute<{ name: string }>(sql`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  for (const { name } of tables.rows) {
    await analyzeTable(deps.db, name, "full");
  }
  lap("analyze");

  const people = rows.cadres ?? 0;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const summary =
    `Đã nạp ${org.units.length} đơn vị, ${seats.length} vị trí, ${people} cán bộ ` +
    `(${Object.values(rows).reduce((a, b) => a + b, 0) - (rows.seats ?? 0)} dòng hồ sơ) — hồ sơ ${options.profile}, ` +
    Object.entries(timings)
      .map(([k, v]) => `${k} ${seconds(v)}`)
      .join(", ");
  return { units: org.units.length, seats: seats.length, people, rows, timings, summary };
}

import type { SeedOrganisation, SeedUnit, UnitRole } from "./organisation.ts";
import { dayOf, isoOf, years } from "./people-dates.ts";
import { isLeadership, type PlannedSeat, TITLE_TEXT, type TitleCode } from "./people-seats.ts";
import type { Random } from "./random.ts";

/** A post held over a period (half-open, day numbers), in a unit of the records. */
export type Post = {
  seat: PlannedSeat | null;
  unit: SeedUnit;
  title: TitleCode;
  from: number;
  to: number | null;
  isMain: boolean;
};

/** A period before the records begin (or in a unit they do not hold), written as text. */
export type TextLine = { from: number; to: number; unitText: string; titleText: string };

/** Where the previous post of a ladder step is looked for, relative to the current unit. */
type Where =
  | "same" // the same unit
  | "sibling" // the unit of that role in the same commune (commune bodies) or district
  | "district" // a unit of that role in the same district-level unit
  | "other_district" // a unit of that role in another district-level unit
  | "any" // any unit of that role
  | "source"; // a unit of that role among those the unit was formed from (a reorganisation)

/** [previous title, its unit's role ("same_role" = the current unit's), where, weight]. */
type Step = readonly [TitleCode, UnitRole | "same_role", Where, number];

/**
 * Career ladders: the posts people typically held before a title (promotion one step down, rotation
 * between districts and between the city's departments and the districts, district → commune and commune →
 * district moves, transfers between schools and hospitals). Steps whose unit has no seat of that title are
 * skipped, so one list can serve every unit that has the title.
 */
const LADDER: Record<TitleCode, readonly Step[]> = {
  city_party_secretary: [
    ["city_party_deputy_standing", "city_party", "any", 1],
    ["department_director", "department", "any", 1],
    ["district_party_secretary", "district_party", "any", 1],
  ],
  city_party_deputy_standing: [
    ["party_board_head", "city_party_board", "any", 2],
    ["district_party_secretary", "district_party", "any", 2],
    ["city_committee_vice_chair", "city_committee", "any", 1],
  ],
  city_party_deputy: [["party_board_head", "city_party_board", "any", 1]],
  city_committee_chair: [
    ["city_committee_vice_chair", "city_committee", "any", 2],
    ["department_director", "department", "any", 1],
    ["district_party_secretary", "district_party", "any", 1],
  ],
  city_council_chair: [
    ["party_board_head", "city_party_board", "any", 1],
    ["city_committee_vice_chair", "city_committee", "any", 1],
    ["district_party_secretary", "district_party", "any", 1],
  ],
  city_committee_vice_chair: [
    ["department_director", "department", "any", 3],
    ["district_party_secretary", "district_party", "any", 1],
    ["district_committee_chair", "district_committee", "any", 2],
  ],
  party_board_head: [
    ["party_board_deputy", "same_role", "any", 2],
    ["district_party_secretary", "district_party", "any", 2],
    ["department_director", "department", "any", 1],
  ],
  party_board_deputy: [
    ["division_head", "same_role", "same", 3],
    ["district_party_deputy_standing", "district_party", "any", 1],
    ["district_committee_vice_chair", "district_committee", "any", 1],
  ],
  department_director: [
    ["department_deputy_director", "same_role", "same", 3],
    ["department_deputy_director", "same_role", "any", 1],
    ["district_committee_chair", "district_committee", "any", 1],
    ["district_party_secretary", "district_party", "any", 1],
  ],
  department_deputy_director: [
    ["division_head", "same_role", "same", 4],
    ["district_committee_vice_chair", "district_committee", "any", 1],
    ["division_head", "same_role", "any", 1],
  ],
  district_party_secretary: [
    ["district_committee_chair", "district_committee", "other_district", 3],
    ["district_party_deputy_standing", "district_party", "other_district", 2],
    ["department_deputy_director", "department", "any", 1],
    ["party_board_deputy", "city_party_board", "any", 1],
    ["district_committee_chair", "district_committee", "district", 1],
  ],
  district_party_deputy_standing: [
    ["district_committee_vice_chair", "district_committee", "district", 2],
    ["district_committee_vice_chair", "district_committee", "other_district", 1],
    ["division_head", "district_party", "district", 2],
    ["commune_party_secretary", "commune_party", "district", 1],
    ["division_head", "department", "any", 1],
  ],
  district_committee_chair: [
    ["district_committee_vice_chair", "same_role", "district", 2],
    ["district_committee_vice_chair", "same_role", "other_district", 2],
    ["department_deputy_director", "department", "any", 2],
    ["district_party_deputy_standing", "district_party", "other_district", 1],
  ],
  district_council_chair: [
    ["district_party_deputy_standing", "district_party", "district", 1],
    ["district_committee_vice_chair", "district_committee", "district", 1],
  ],
  district_committee_vice_chair: [
    ["division_head", "district_division", "district", 4],
    ["commune_party_secretary", "commune_party", "district", 2],
    ["commune_committee_chair", "commune_committee", "district", 1],
    ["division_head", "department", "any", 1],
    ["division_head", "district_division", "other_district", 1],
  ],
  division_head: [
    ["division_deputy", "same_role", "same", 5],
    ["division_deputy", "same_role", "district", 1],
    ["principal_expert", "same_role", "same", 1],
    ["physician", "same_role", "same", 2],
    ["teacher", "same_role", "same", 2],
    ["commune_committee_chair", "commune_committee", "district", 1],
    ["commune_party_secretary", "commune_party", "district", 1],
  ],
  division_deputy: [
    ["principal_expert", "same_role", "same", 3],
    ["expert", "same_role", "same", 3],
    ["expert", "same_role", "district", 1],
    ["physician", "same_role", "same", 4],
    ["teacher", "same_role", "same", 4],
    ["commune_committee_vice_chair", "commune_committee", "district", 1],
    ["expert", "commune_committee", "district", 1],
  ],
  commune_party_secretary: [
    ["commune_committee_chair", "commune_committee", "sibling", 3],
    ["commune_committee_chair", "commune_committee", "district", 1],
    ["commune_party_deputy_standing", "same_role", "same", 2],
    ["division_head", "district_division", "district", 1],
    ["division_deputy", "district_party", "district", 1],
    ["commune_committee_vice_chair", "commune_committee", "district", 1],
  ],
  commune_party_deputy_standing: [
    ["commune_committee_vice_chair", "commune_committee", "sibling", 3],
    ["expert", "same_role", "same", 1],
    ["division_deputy", "district_division", "district", 1],
    ["commune_committee_vice_chair", "commune_committee", "district", 1],
  ],
  commune_committee_chair: [
    ["commune_committee_vice_chair", "same_role", "same", 3],
    ["commune_committee_vice_chair", "same_role", "district", 2],
    ["commune_party_deputy_standing", "commune_party", "sibling", 1],
    ["division_deputy", "district_division", "district", 1],
  ],
  commune_committee_vice_chair: [
    ["expert", "same_role", "same", 2],
    ["land_officer", "same_role", "same", 2],
    ["expert", "commune_party", "sibling", 1],
    ["expert", "district_division", "district", 1],
  ],
  senior_expert: [["principal_expert", "same_role", "same", 1]],
  principal_expert: [
    ["expert", "same_role", "same", 3],
    ["expert", "same_role", "any", 1],
  ],
  expert: [
    ["expert", "same_role", "district", 2],
    ["expert", "commune_committee", "district", 1],
    ["expert", "same_role", "any", 1],
  ],
  accountant: [
    ["accountant", "same_role", "district", 2],
    ["accountant", "commune_committee", "district", 1],
    ["staff", "same_role", "same", 1],
  ],
  inspector: [
    ["expert", "same_role", "same", 2],
    ["inspector", "same_role", "any", 1],
  ],
  personnel_officer: [
    ["expert", "same_role", "same", 2],
    ["expert", "department", "any", 1],
  ],
  land_officer: [
    ["land_officer", "same_role", "district", 2],
    ["expert", "same_role", "same", 1],
  ],
  teacher: [
    ["teacher", "same_role", "district", 3],
    ["teacher", "same_role", "any", 1],
  ],
  physician: [
    ["physician", "health_station", "district", 1],
    ["physician", "health_centre", "district", 1],
    ["physician", "hospital", "any", 1],
  ],
  staff: [
    ["staff", "same_role", "district", 2],
    ["staff", "same_role", "any", 1],
  ],
};

/**
 * Where the first holders of a unit formed in a reorganisation came from (Hà Nội's 126 communes of
 * 1/7/2025 took the leaders of the old communes and districts; a merged department its predecessors'),
 * besides the same post in a unit of the same role it was formed from. Steps of roles the sources do not
 * have are skipped.
 */
const SOURCE_LADDER: Partial<Record<TitleCode, readonly Step[]>> = {
  commune_party_secretary: [
    ["district_party_deputy_standing", "district_party", "source", 1],
    ["district_committee_vice_chair", "district_committee", "source", 1],
    ["district_committee_chair", "district_committee", "source", 1],
    ["commune_committee_chair", "commune_committee", "source", 1],
  ],
  commune_party_deputy_standing: [
    ["commune_party_secretary", "commune_party", "source", 2],
    ["division_head", "district_party", "source", 1],
    ["district_committee_vice_chair", "district_committee", "source", 1],
  ],
  commune_committee_chair: [
    ["district_committee_vice_chair", "district_committee", "source", 1],
    ["division_head", "district_division", "source", 1],
    ["commune_party_secretary", "commune_party", "source", 1],
  ],
  commune_committee_vice_chair: [
    ["commune_committee_chair", "commune_committee", "source", 2],
    ["division_head", "district_division", "source", 1],
    ["commune_party_deputy_standing", "commune_party", "source", 1],
  ],
  division_head: [
    ["division_head", "district_division", "source", 3],
    ["commune_committee_vice_chair", "commune_committee", "source", 2],
    ["commune_committee_chair", "commune_committee", "source", 1],
    ["commune_party_deputy_standing", "commune_party", "source", 1],
  ],
  division_deputy: [
    ["division_deputy", "district_division", "source", 3],
    ["commune_committee_vice_chair", "commune_committee", "source", 2],
    ["expert", "commune_committee", "source", 1],
  ],
  principal_expert: [
    ["principal_expert", "district_division", "source", 2],
    ["expert", "commune_committee", "source", 1],
  ],
  expert: [
    ["expert", "district_division", "source", 2],
    ["expert", "commune_committee", "source", 2],
  ],
};

/** The steps to a post in a unit formed from others, over a period before it began: from its sources. */
function sourceSteps(title: TitleCode): readonly Step[] {
  return [[title, "same_role", "source", 3], ...(SOURCE_LADDER[title] ?? [])];
}

/** Staff titles that can fill the early years of a career in a unit, in order of preference. */
const ENTRY_TITLES: readonly TitleCode[] = [
  "expert",
  "teacher",
  "physician",
  "land_officer",
  "accountant",
  "staff",
];
/** Where an entry post is looked for when the unit has no staff seats (a People's Committee's leaders). */
const ENTRY_ROLES: Partial<Record<UnitRole, UnitRole>> = {
  city_party: "city_party_board",
  city_committee: "department",
  district_committee: "district_division",
  district_council: "district_division",
};

/**
 * Places posts in the organisation's seats over time. Leadership seats are tracked so that their holders
 * never exceed the quota on any day (two Party secretaries of one district at once would not be
 * plausible); staff seats are not (their quotas are large and their history is sampled).
 */
export function createCareerPlanner(org: SeedOrganisation, seats: readonly PlannedSeat[]) {
  const recordsFrom = dayOf(org.recordsFrom);
  const seatOf = new Map<string, PlannedSeat>();
  for (const s of seats) seatOf.set(`${s.unit.key}|${s.title}`, s);
  const byKey = new Map(org.units.map((u) => [u.key, u]));
  const byRole = new Map<UnitRole, SeedUnit[]>();
  const byRoleDistrict = new Map<string, SeedUnit[]>();
  const byRoleCommune = new Map<string, SeedUnit>();
  // A unit under its own key and its territory's (its commune, else its district): what "source" looks up.
  const byRoleTerritory = new Map<string, SeedUnit[]>();
  const span = new Map<string, readonly [number, number]>();
  for (const u of org.units) {
    span.set(u.key, [dayOf(u.validFrom), u.validTo ? dayOf(u.validTo) : Number.POSITIVE_INFINITY]);
    push(byRole, u.role, u);
    push(byRoleDistrict, `${u.role}|${u.districtKey ?? ""}`, u);
    if (u.communeKey) byRoleCommune.set(`${u.role}|${u.communeKey}`, u);
    push(byRoleTerritory, `${u.role}|${u.key}`, u);
    const territory = u.communeKey ?? u.districtKey;
    if (territory && territory !== u.key) push(byRoleTerritory, `${u.role}|${territory}`, u);
  }
  /** The units a unit (or its commune) was formed from in a reorganisation. */
  const sourcesOf = (unit: SeedUnit): readonly string[] =>
    org.sourcesOf.get(unit.key) ?? (unit.communeKey ? org.sourcesOf.get(unit.communeKey) : undefined) ?? [];
  // Tracked seats: flat [from, to, from, to, …] of the periods already held.
  const held = new Map<number, number[]>();

  const seatFor = (unit: SeedUnit, title: TitleCode) => seatOf.get(`${unit.key}|${title}`);
  const isTracked = (seat: PlannedSeat) => isLeadership(seat.title);

  /** True when one more holder fits the seat's quota on every day of [a, b). */
  function fits(seat: PlannedSeat, a: number, b: number): boolean {
    const periods = held.get(seat.index);
    if (!periods) return seat.quota > 0;
    if (seat.quota === 1) {
      for (let i = 0; i < periods.length; i += 2) if (periods[i]! < b && periods[i + 1]! > a) return false;
      return true;
    }
    // Sweep the overlapping periods: the most holders on any day must stay below the quota.
    const events: [number, number][] = [];
    for (let i = 0; i < periods.length; i += 2) {
      const from = Math.max(periods[i]!, a);
      const to = Math.min(periods[i + 1]!, b);
      if (from < to) events.push([from, 1], [to, -1]);
    }
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let n = 0;
    for (const [, d] of events) {
      n += d;
      if (n >= seat.quota) return false;
    }
    return true;
  }

  function hold(seat: PlannedSeat, a: number, b: number | null) {
    if (!isTracked(seat)) return;
    const periods = held.get(seat.index);
    const to = b ?? Number.POSITIVE_INFINITY;
    if (periods) periods.push(a, to);
    else held.set(seat.index, [a, to]);
  }

  /** True when the unit exists on every day of [a, b). */
  function exists(unit: SeedUnit, a: number, b: number): boolean {
    const [from, to] = span.get(unit.key)!;
    return from <= a && to >= b;
  }

  function text(unit: SeedUnit, title: TitleCode, a: number, b: number): TextLine {
    return { from: a, to: b, unitText: org.nameBefore(unit, isoOf(a)), titleText: TITLE_TEXT[title] };
  }

  /**
   * The pieces of a post [a, b) in a unit: before the records begin it is text; before the unit existed
   * it continues in the unit it succeeded (Từ Liêm's bodies) or is text; the rest is a post in the seat.
   * Null when a tracked seat is full over the period (the caller tries elsewhere).
   */
  function piecesOf(
    unit: SeedUnit,
    title: TitleCode,
    a: number,
    b: number,
  ): { posts: Post[]; lines: TextLine[] } | null {
    const posts: Post[] = [];
    const lines: TextLine[] = [];
    let from = a;
    if (from < recordsFrom) {
      const until = Math.min(b, recordsFrom);
      lines.push(text(unit, title, from, until));
      from = until;
    }
    if (from >= b) return { posts, lines };
    const [unitFrom, unitTo] = span.get(unit.key)!;
    if (unitTo < b) return null;
    if (from < unitFrom) {
      const until = Math.min(b, unitFrom);
      const predecessors = org.predecessorsOf.get(unit.key) ?? [];
      // One of the bodies the unit continues, the same for the same period (no randomness to thread).
      const predecessorKey = predecessors[(from + until) % Math.max(1, predecessors.length)];
      const predecessor = predecessorKey ? byKey.get(predecessorKey) : undefined;
      const seat = predecessor ? seatFor(predecessor, title) : undefined;
      if (
        predecessor &&
        seat &&
        exists(predecessor, from, until) &&
        (!isTracked(seat) || fits(seat, from, until))
      ) {
        posts.push({ seat, unit: predecessor, title, from, to: until, isMain: true });
      } else {
        lines.push(text(unit, title, from, until));
      }
      from = until;
    }
    if (from >= b) return { posts, lines };
    const seat = seatFor(unit, title);
    if (!seat) return null;
    if (isTracked(seat) && !fits(seat, from, b)) return null;
    posts.push({ seat, unit, title, from, to: b, isMain: true });
    return { posts, lines };
  }

  function commit(pieces: { posts: Post[] }) {
    for (const p of pieces.posts) if (p.seat) hold(p.seat, p.from, p.to);
  }

  function unitsFor(step: Step, unit: SeedUnit): readonly SeedUnit[] {
    const role = step[1] === "same_role" ? unit.role : step[1];
    switch (step[2]) {
      case "same":
        return role === unit.role ? [unit] : [];
      case "sibling": {
        if (unit.communeKey) {
          const u = byRoleCommune.get(`${role}|${unit.communeKey}`);
          return u ? [u] : [];
        }
        return byRoleDistrict.get(`${role}|${unit.districtKey ?? ""}`) ?? [];
      }
      case "district":
        return byRoleDistrict.get(`${role}|${unit.districtKey ?? ""}`) ?? [];
      case "other_district":
        return (byRole.get(role) ?? []).filter((u) => u.districtKey !== unit.districtKey);
      case "any":
        return byRole.get(role) ?? [];
      case "source":
        return sourcesOf(unit).flatMap((k) => byRoleTerritory.get(`${role}|${k}`) ?? []);
    }
  }

  /**
   * The post held over [a, b) before `title` in `unit`, following the ladder: tries a few steps and units,
   * and commits the first that fits. Null when none does.
   */
  function previousPost(
    title: TitleCode,
    unit: SeedUnit,
    a: number,
    b: number,
    rnd: Random,
  ): { posts: Post[]; lines: TextLine[]; title: TitleCode; unit: SeedUnit } | null {
    // Before a unit formed in a reorganisation began, its people held posts in the units it came from; a unit
    // that absorbed another (a department in 2025) took some of that one's people too.
    const sources = sourcesOf(unit);
    const steps =
      sources.length === 0
        ? LADDER[title]
        : b <= span.get(unit.key)![0]
          ? sourceSteps(title)
          : [...LADDER[title], [title, "same_role", "source", 1] as const];
    const total = steps.reduce((s, x) => s + x[3], 0);
    for (let attempt = 0; attempt < 8; attempt++) {
      let u = rnd.next() * total;
      let step = steps[0]!;
      for (const s of steps) {
        u -= s[3];
        if (u < 0) {
          step = s;
          break;
        }
      }
      const candidates = unitsFor(step, unit);
      if (candidates.length === 0) continue;
      const candidate = rnd.pick(candidates);
      // The same post in the same unit is no move: it only lengthens the later post.
      if (candidate === unit && step[0] === title) continue;
      if (!seatFor(candidate, step[0]) && !org.predecessorsOf.has(candidate.key)) continue;
      const pieces = piecesOf(candidate, step[0], a, b);
      if (!pieces) continue;
      commit(pieces);
      return { ...pieces, title: step[0], unit: candidate };
    }
    return null;
  }

  /** An entry post (a staff title) in or near the unit over [a, b), for the first years of a career. */
  function entryPost(
    unit: SeedUnit,
    a: number,
    b: number,
    rnd: Random,
    /** A staff title the career continues in (a teacher starts as a teacher). */
    preferred?: TitleCode,
  ): { posts: Post[]; lines: TextLine[]; title: TitleCode; unit: SeedUnit } {
    if (preferred && seatFor(unit, preferred)) {
      const pieces = piecesOf(unit, preferred, a, b) ?? { posts: [], lines: [text(unit, preferred, a, b)] };
      commit(pieces);
      return { ...pieces, title: preferred, unit };
    }
    const nearRole = ENTRY_ROLES[unit.role];
    const near = nearRole
      ? (byRoleDistrict.get(`${nearRole}|${unit.districtKey ?? ""}`) ?? byRole.get(nearRole) ?? [unit])
      : [unit];
    const place = nearRole ? rnd.pick(near) : unit;
    const title = ENTRY_TITLES.find((t) => seatFor(place, t)) ?? "expert";
    const pieces = piecesOf(place, title, a, b) ?? { posts: [], lines: [text(place, title, a, b)] };
    commit(pieces);
    return { ...pieces, title, unit: place };
  }

  return {
    recordsFrom,
    seatFor,
    isTracked,
    fits,
    hold,
    exists,
    piecesOf,
    commit,
    previousPost,
    entryPost,
    text,
    span: (unit: SeedUnit) => span.get(unit.key)!,
  };
}
export type CareerPlanner = ReturnType<typeof createCareerPlanner>;

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Durations of a post in days: between min and max years. */
export function postDuration(rnd: Random, min: number, max: number): number {
  return years(min + rnd.next() * (max - min));
}

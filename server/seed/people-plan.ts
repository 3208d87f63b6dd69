import type { Sex } from "../../common/enums/cadres.ts";
import { retirementAgeMonthsInYear, retirementOf } from "../../common/rules/retirement.ts";
import type { SeedOrganisation, SeedUnit } from "./organisation.ts";
import {
  type CareerPlanner,
  createCareerPlanner,
  type Post,
  postDuration,
  type TextLine,
} from "./people-career.ts";
import { dayOf, isoOf, monthStart, yearOf, years } from "./people-dates.ts";
import type { Schooling } from "./people-qualifications.ts";
import {
  isLeadership,
  isPublicService,
  KEY_TITLES,
  type PlannedSeat,
  TITLE_CLASS,
  type TitleClass,
  type TitleCode,
} from "./people-seats.ts";
import { createRandom, mixSeed, type Random } from "./random.ts";
import { SEED_RETIREMENT_SCHEDULES } from "./retirement-schedules.ts";

/**
 * The reference date of generated data ("today" for the generator): careers end here and nobody serving
 * has reached retirement. Fixed, so that the same seed gives the same data on every day.
 */
export const SEED_REFERENCE_DATE = "2026-01-01";
/** Serving people retire at least this long after the reference date, so that the data stays valid. */
const RETIREMENT_MARGIN_DAYS = 365;

/** Shares of seats that get a holder, by kind of seat; and of leadership seats with a recorded predecessor. */
export type FillRates = {
  key: number;
  leadership: number;
  adminStaff: number;
  publicStaff: number;
  /** Leadership seats whose previous holder (retired or moved out) is in the records too. */
  predecessors: number;
  /** The same for staff seats. */
  staffPredecessors: number;
  /** Rates that differ for some titles (the small demo fills fewer commune deputies). */
  byTitle?: Partial<Record<TitleCode, number>>;
};

export type ClassParams = {
  female: number;
  /** Age at the reference date: mean, standard deviation, minimum. */
  age: readonly [number, number, number];
  party: number;
  schooling: Schooling;
  /** How many posts before the current one (leaders climb; staff move less). */
  previous: readonly [number, number];
  /** Years in each earlier post. */
  postYears: readonly [number, number];
  /** Youngest age at which the current post is held. */
  minAgeAtPost: number;
  /** Age at recruitment. */
  recruitAge: readonly [number, number];
};

/**
 * Distributions by title class, tuned to the 5/2024 figures of DOMAIN §2: women ≈ 33% and young ≈ 12.6%
 * of the standing-committee tiers, master's or higher ≈ 42% of the city standing committee's, university
 * and intermediate political theory ≈ 74% of the departments' committees'; fewer women among key heads.
 */
export const CLASS: Record<TitleClass, ClassParams> = {
  top: p(0.15, [57, 2.5, 50], 1, [0.95, 0.45], [1, 0, 0], [2, 3], [3, 6], 45, [22, 25]),
  city_deputy: p(0.25, [53, 3.5, 42], 1, [0.75, 0.25], [1, 0, 0], [2, 3], [3, 6], 40, [22, 25]),
  dept_head: p(0.2, [53, 3.5, 42], 1, [0.7, 0.2], [0.95, 0.05, 0], [1, 3], [3, 6], 40, [22, 26]),
  dept_deputy: p(0.3, [49, 5, 36], 0.98, [0.5, 0.1], [0.8, 0.2, 0], [1, 3], [3, 6], 34, [22, 26]),
  district_head: p(0.15, [51, 4, 38], 1, [0.45, 0.08], [1, 0, 0], [2, 3], [3, 6], 36, [22, 26]),
  district_deputy: p(0.35, [47, 5, 34], 1, [0.28, 0.04], [0.85, 0.15, 0], [1, 3], [3, 6], 32, [22, 26]),
  division_head: p(0.28, [48, 5.5, 32], 0.95, [0.35, 0.05], [0.45, 0.45, 0.05], [1, 2], [3, 7], 30, [22, 27]),
  division_deputy: p(0.34, [45, 6, 29], 0.88, [0.25, 0.03], [0.2, 0.45, 0.2], [1, 2], [3, 7], 28, [22, 27]),
  commune_head: p(0.3, [45, 6, 29], 1, [0.12, 0], [0.45, 0.55, 0], [1, 3], [3, 6], 28, [21, 27]),
  commune_deputy: p(0.45, [41.5, 6, 27], 0.97, [0.08, 0], [0.15, 0.8, 0.05], [1, 2], [3, 6], 26, [21, 27]),
  expert: p(0.48, [38, 9, 23], 0.5, [0.15, 0.01], [0, 0.15, 0.45], [0, 2], [2, 6], 22, [22, 28]),
  teacher: p(0.8, [40, 9, 23], 0.35, [0.08, 0.003], [0, 0.03, 0.3], [0, 1], [3, 8], 21, [21, 25]),
  physician: p(0.45, [41, 9, 25], 0.4, [0.3, 0.04], [0, 0.1, 0.3], [0, 1], [3, 8], 24, [24, 27]),
  staff: p(0.45, [39, 10, 23], 0.15, [0.01, 0], [0, 0, 0.1], [0, 1], [2, 6], 20, [20, 28]),
};

function p(
  female: number,
  age: readonly [number, number, number],
  party: number,
  degrees: readonly [number, number],
  theory: readonly [number, number, number],
  previous: readonly [number, number],
  postYears: readonly [number, number],
  minAgeAtPost: number,
  recruitAge: readonly [number, number],
): ClassParams {
  return {
    female,
    age,
    party,
    schooling: { master: degrees[0], doctor: degrees[1], theory },
    previous,
    postYears,
    minAgeAtPost,
    recruitAge,
  };
}

/** Women's share of teachers by school: almost all in kindergartens, fewer in upper grades. */
export const TEACHER_FEMALE: Partial<Record<SeedUnit["role"], number>> = {
  kindergarten: 0.95,
  primary_school: 0.66,
  lower_secondary_school: 0.55,
  upper_secondary_school: 0.48,
  university: 0.45,
};

/**
 * Shares of heads who are local (home town in the district-level unit of the post), DOMAIN §2 (I7 and the
 * 2021–2024 commune figures): 2 of 30 district secretaries, 8 of 30 district chairs, 31.6% of commune
 * secretaries and 38.9% of commune chairs. Allocated exactly over the seats, not drawn per person.
 */
const LOCAL_SHARE: Partial<Record<TitleCode, number>> = {
  district_party_secretary: 2 / 30,
  district_committee_chair: 8 / 30,
  commune_party_secretary: 1 - 0.6839,
  commune_committee_chair: 1 - 0.6113,
};
/** Probability of being local elsewhere, by the level of the post (province: any post of a two-tier organisation). */
export const LOCAL_PROBABILITY = { district: 0.45, commune: 0.7, commuteStaff: 0.6, province: 0.85 };

/** The current holder of a seat (or its predecessor) as fixed before careers are built. */
export type Core = {
  sex: Sex;
  birthDay: number;
  /** First day of the post in the seat. */
  startDay: number;
  /** Day after the last day of service; null while serving. */
  endDay: number | null;
  leftReason: string | null;
  isLocal: boolean | null;
  /** A seat held concurrently from the start of the main post. */
  concurrent: PlannedSeat | null;
  /** Fixed for staff, whose first day in post follows from it; drawn when the career is built otherwise. */
  recruitmentDay: number | null;
  /** How many earlier posts the career looks for (drawn when the career is built when null). */
  previousCount: number | null;
  /**
   * The post held before this one, fixed when the plan was made: the first holders of a unit formed in a
   * reorganisation came from the units it was formed from, and those seats are then known to be taken.
   */
  before?: PreviousPost | null;
  /** "Local" in the post before (the allocation of LOCAL_SHARE over the heads of the old units). */
  localBefore?: boolean | null;
};

/** A post before the current one, as the career planner placed it over [from, the current post's start). */
export type PreviousPost = {
  posts: Post[];
  lines: TextLine[];
  title: TitleCode;
  unit: SeedUnit;
  from: number;
};

export type Slot = { seat: PlannedSeat; index: number; core: Core | null; predecessor: Core | null };

export type PeoplePlan = {
  org: SeedOrganisation;
  seats: readonly PlannedSeat[];
  slots: readonly Slot[];
  seed: number;
  today: string;
  fill: FillRates;
  planner: CareerPlanner;
};

/**
 * Decides who holds which seat: the slots (a seat and one unit of its quota) that get a holder, and for
 * leadership seats the holder's sex, birth date, first day in post and "local" flag, plus the predecessor
 * who held the seat before (retired or moved out). Those periods are reserved first, so that other people's
 * earlier careers never overlap them.
 */
export function planPeople(
  org: SeedOrganisation,
  seats: readonly PlannedSeat[],
  options: { seed: number; today?: string; fill: FillRates },
): PeoplePlan {
  const today = options.today ?? SEED_REFERENCE_DATE;
  const ref = dayOf(today);
  const planner = createCareerPlanner(org, seats);
  const rnd = createRandom(mixSeed(options.seed, 0xf111));
  const formedInChange = new Set(org.changes.map((c) => c.date));
  const fill = options.fill;
  const slots: Slot[] = [];
  const seatOfKey = new Map<string, PlannedSeat>();
  for (const s of seats) seatOfKey.set(`${s.unit.key}|${s.title}`, s);

  // The secretary of some districts chairs the district council too (Bí thư kiêm Chủ tịch HĐND).
  const councilHeldBySecretary = new Set<string>();
  for (const s of seats) {
    if (s.title === "district_council_chair" && rnd.chance(0.4))
      councilHeldBySecretary.add(s.unit.districtKey ?? "");
  }
  const rateOf = (seat: PlannedSeat) =>
    fill.byTitle?.[seat.title] ??
    (KEY_TITLES.has(seat.title)
      ? fill.key
      : isLeadership(seat.title)
        ? fill.leadership
        : isPublicService(seat.unit.role)
          ? fill.publicStaff
          : fill.adminStaff);
  for (const seat of seats) {
    if (seat.validTo !== null && dayOf(seat.validTo) <= ref) continue;
    if (seat.title === "city_party_deputy") continue;
    if (seat.title === "district_council_chair" && councilHeldBySecretary.has(seat.unit.districtKey ?? ""))
      continue;
    const rate = rateOf(seat);
    for (let q = 0; q < seat.quota; q++) {
      if (rate >= 1 || rnd.chance(rate))
        slots.push({ seat, index: slots.length, core: null, predecessor: null });
    }
  }

  // Local heads: an exact share of each title's seats, the seats chosen at random.
  const localOf = new Map<number, boolean>();
  for (const [title, share] of Object.entries(LOCAL_SHARE) as [TitleCode, number][]) {
    const group = slots.filter((s) => s.seat.title === title);
    const locals = Math.round(group.length * share);
    for (const [i, s] of rnd.shuffle(group).entries()) localOf.set(s.index, i < locals);
  }

  // The chairs of the People's Committee and Council are deputy secretaries of the Party committee too.
  const partyOf = new Map<string, string>();
  for (const u of org.units) if (u.role === "city_party" && u.parentKey) partyOf.set(u.parentKey, u.key);
  for (const slot of slots) {
    if (!isLeadership(slot.seat.title)) continue;
    const r = createRandom(mixSeed(options.seed, slot.index, 1));
    const core = leaderCore(r, slot.seat, ref, planner.recordsFrom);
    core.isLocal = localOf.get(slot.index) ?? null;
    const unit = slot.seat.unit;
    const title = slot.seat.title;
    // A unit formed in a reorganisation got its leaders on its first day, from the units it was formed from.
    const formedOn =
      formedInChange.has(unit.validFrom) && hasSources(org, unit) ? dayOf(unit.validFrom) : null;
    if (formedOn !== null && formedOn < ref) {
      core.startDay = formedOn;
      const params = CLASS[TITLE_CLASS[title]];
      const from = Math.max(
        formedOn - postDuration(r, params.postYears[0], params.postYears[1]),
        core.birthDay + years(params.minAgeAtPost - 2),
      );
      const previous =
        formedOn - from >= years(1) ? planner.previousPost(title, unit, from, formedOn, r) : null;
      core.before = previous ? { ...previous, from } : null;
    }
    if (title === "city_committee_chair" || title === "city_council_chair") {
      core.concurrent = seatOfKey.get(`${partyOf.get(unit.parentKey ?? "")}|city_party_deputy`) ?? null;
    }
    if (title === "district_party_secretary" && councilHeldBySecretary.has(unit.districtKey ?? "")) {
      core.concurrent = seatOfKey.get(`${unit.districtKey}.hdnd|district_council_chair`) ?? null;
    }
    // The previous holder, when the seat existed long enough before the current one took it.
    const seatFrom = Math.max(dayOf(slot.seat.validFrom), planner.recordsFrom);
    if (core.startDay - seatFrom > years(2) && r.chance(fill.predecessors)) {
      const predecessor = predecessorCore(r, slot.seat, core.startDay, seatFrom);
      if (predecessor && planner.fits(slot.seat, predecessor.startDay, core.startDay)) {
        // The successor starts the day after the predecessor leaves.
        core.startDay = predecessor.endDay!;
        slot.predecessor = predecessor;
        planner.hold(slot.seat, predecessor.startDay, predecessor.endDay);
      }
    }
    slot.core = core;
    planner.hold(slot.seat, core.startDay, null);
    if (core.concurrent)
      planner.hold(core.concurrent, Math.max(core.startDay, dayOf(core.concurrent.validFrom)), null);
  }
  const lastHolders = planLastHolders(org, seats, slots, {
    ...options,
    ref,
    planner,
    rate: rateOf,
    predecessors: fill.predecessors,
  });
  // The heads of the units a reorganisation ended, as of their last day: the same exact local shares, over
  // those who left that day and those who moved on to the new units.
  const lr = createRandom(mixSeed(options.seed, 0x10ca1));
  for (const [title, share] of Object.entries(LOCAL_SHARE) as [TitleCode, number][]) {
    const group = [
      ...lastHolders.filter((s) => s.seat.title === title),
      ...slots.filter((s) => s.core?.before?.title === title && s.core.before.unit.validTo !== undefined),
    ];
    const locals = Math.round(group.length * share);
    for (const [i, s] of lr.shuffle(group).entries()) {
      if (s.core!.before) s.core!.localBefore = i < locals;
      else s.core!.isLocal = i < locals;
    }
  }
  return { org, seats, slots, seed: options.seed, today, fill, planner };
}

/** True when the unit (or its commune) was formed from others in a reorganisation. */
function hasSources(org: SeedOrganisation, unit: SeedUnit): boolean {
  return org.sourcesOf.has(unit.key) || (unit.communeKey !== undefined && org.sourcesOf.has(unit.communeKey));
}

/** Share of the seats of units ended in a reorganisation whose staff left rather than moved on (Decree 178/2024). */
const LEAVING_STAFF = 0.35;

/**
 * The people in the seats of units a reorganisation ended (Hà Nội's districts and old communes on
 * 1/7/2025, the departments merged on 1/3/2025), so that every figure as of the day before is computed on
 * a staffed old structure. Leadership seats not taken by someone who moved on to the new units (chosen
 * with the plan, `Core.before`) get a last holder who left that day — retired, or early under Decree
 * 178/2024; of the staff seats, a share left the same way (the rest moved with their unit's successor,
 * placed when their careers are built).
 */
function planLastHolders(
  org: SeedOrganisation,
  seats: readonly PlannedSeat[],
  slots: Slot[],
  options: {
    seed: number;
    ref: number;
    planner: CareerPlanner;
    rate: (seat: PlannedSeat) => number;
    predecessors: number;
  },
): Slot[] {
  const added: Slot[] = [];
  const changeDates = new Set(org.changes.map((c) => c.date));
  const { planner, ref } = options;
  for (const seat of seats) {
    if (seat.validTo === null || !changeDates.has(seat.validTo)) continue;
    const end = dayOf(seat.validTo);
    if (end > ref || seat.title === "city_party_deputy") continue;
    const seatFrom = Math.max(dayOf(seat.validFrom), planner.recordsFrom);
    const r = createRandom(mixSeed(options.seed, 0x1a57, seat.index));
    const rate = options.rate(seat);
    const leader = isLeadership(seat.title);
    const wanted = leader ? seat.quota : Math.round(seat.quota * LEAVING_STAFF);
    for (let q = 0; q < wanted; q++) {
      if (!(rate >= 1 || r.chance(rate))) continue;
      if (leader && !planner.fits(seat, end - 1, end)) continue;
      const core = lastHolderCore(r, seat, end, seatFrom);
      if (!core) continue;
      // The previous holder too, as for the seats that still exist.
      let predecessor: Core | null = null;
      if (leader && core.startDay - seatFrom > years(2) && r.chance(options.predecessors)) {
        predecessor = predecessorCore(r, seat, core.startDay, seatFrom);
        if (predecessor && planner.fits(seat, predecessor.startDay, core.startDay)) {
          core.startDay = predecessor.endDay!;
          planner.hold(seat, predecessor.startDay, predecessor.endDay);
        } else predecessor = null;
      }
      if (leader) planner.hold(seat, core.startDay, end);
      const slot: Slot = { seat, index: slots.length, core, predecessor };
      slots.push(slot);
      added.push(slot);
    }
  }
  return added;
}

/**
 * A last holder of a seat whose unit ended on `end`, in post for some years: a few reached retirement that
 * day; most left under Decree 178/2024 (on the streamlining of the apparatus) — early retirement for those
 * within 1–8 years of retirement age, quitting for the others.
 */
function lastHolderCore(r: Random, seat: PlannedSeat, end: number, seatFrom: number): Core | null {
  const cls = TITLE_CLASS[seat.title];
  const params = CLASS[cls];
  const leader = isLeadership(seat.title);
  const sex: Sex = r.chance(params.female) ? "female" : "male";
  if (end - seatFrom < years(1)) return null;
  const u = r.next();
  let birthDay: number | null = null;
  if (u < 0.15) birthDay = birthForRetirement(sex, end - 1, r);
  let leftReason = "Nghỉ hưu";
  if (birthDay === null && u < (leader ? 0.8 : 0.6)) {
    // The retirement date 1–8 years on: the last day of a month.
    const later = monthStart(end + years(r.int(1, 8)) + r.int(0, 300)) - 1;
    birthDay = birthForRetirement(sex, later, r);
    leftReason = "Nghỉ hưu trước tuổi theo Nghị định 178/2024/NĐ-CP";
  }
  if (birthDay === null) leftReason = "Thôi việc theo Nghị định 178/2024/NĐ-CP";
  birthDay ??= end - Math.round(Math.min(drawAge(r, params), 52) * 365.25);
  const startDay = Math.min(
    end - years(1),
    Math.max(seatFrom, end - postDuration(r, 2, 8), birthDay + years(params.minAgeAtPost)),
  );
  const recruitmentDay = leader
    ? null
    : Math.max(birthDay + years(params.recruitAge[0]), startDay - years(r.int(0, 12)));
  return {
    sex,
    birthDay,
    startDay: recruitmentDay === null ? startDay : Math.max(startDay, recruitmentDay),
    endDay: end,
    leftReason,
    isLocal: null,
    concurrent: null,
    recruitmentDay,
    previousCount: leader ? null : 0,
  };
}

const retirementCache = new Map<number, number>();

/** The retirement date (Decree 135/2020) as a day number, memoised: births repeat across people. */
function retirementDay(sex: Sex, birthDay: number): number {
  const key = birthDay * 2 + (sex === "female" ? 1 : 0);
  let day = retirementCache.get(key);
  if (day === undefined) {
    day = dayOf(retirementOf(sex, isoOf(birthDay), SEED_RETIREMENT_SCHEDULES).retirementDate);
    retirementCache.set(key, day);
  }
  return day;
}

/** Age at the reference date drawn for a class: normal around the mean, above the minimum. */
function drawAge(r: Random, params: ClassParams): number {
  const [mean, sd, min] = params.age;
  for (let i = 0; i < 10; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
    const age = mean + sd * z;
    if (age >= min && age <= 62) return age;
  }
  return Math.max(min, Math.min(mean, 62));
}

/** Sex and a birth date for a serving person whose retirement is still at least the margin away. */
function drawPerson(
  r: Random,
  params: ClassParams,
  female: number,
  ref: number,
): { sex: Sex; birthDay: number } {
  const sex: Sex = r.chance(female) ? "female" : "male";
  for (let i = 0; i < 30; i++) {
    const birthDay = ref - Math.round(drawAge(r, params) * 365.25);
    if (retirementDay(sex, birthDay) >= ref + RETIREMENT_MARGIN_DAYS) return { sex, birthDay };
  }
  // The oldest allowed: born so that retirement falls just after the margin.
  return { sex, birthDay: ref - years(params.age[2]) };
}

/** When a serving leader took the current post: many in the 2020 and 2025 congress terms, some lately. */
function drawStart(r: Random, cls: TitleClass, ref: number): number {
  const isHead = cls === "top" || cls === "dept_head" || cls === "district_head" || cls === "commune_head";
  const u = r.next();
  const window: readonly [string, string] = isHead
    ? u < 0.3
      ? ["2023-01-01", isoOf(ref - 30)]
      : u < 0.75
        ? ["2019-01-01", "2022-12-31"]
        : ["2012-01-01", "2018-12-31"]
    : u < 0.25
      ? ["2023-01-01", isoOf(ref - 30)]
      : u < 0.65
        ? ["2018-01-01", "2022-12-31"]
        : ["2008-08-01", "2017-12-31"];
  const a = dayOf(window[0]);
  const b = Math.min(dayOf(window[1]), ref - 30);
  return a + Math.floor(r.next() * Math.max(1, b - a));
}

function leaderCore(r: Random, seat: PlannedSeat, ref: number, recordsFrom: number): Core {
  const cls = TITLE_CLASS[seat.title];
  const params = CLASS[cls];
  const { sex, birthDay } = drawPerson(r, params, params.female, ref);
  let start = drawStart(r, cls, ref);
  // Regulation 80-QĐ/TW: at least five years of working time left at a first appointment.
  const retirement = retirementDay(sex, birthDay);
  if (start > retirement - years(5)) start = retirement - years(5) - r.int(0, 500);
  start = Math.max(start, birthDay + years(params.minAgeAtPost), dayOf(seat.validFrom), recordsFrom);
  start = Math.min(start, ref - 30);
  return {
    sex,
    birthDay,
    startDay: start,
    endDay: null,
    leftReason: null,
    isLocal: null,
    concurrent: null,
    recruitmentDay: null,
    previousCount: null,
  };
}

/**
 * The previous holder of a seat until `until`: most retired at the end of the month before (their birth
 * date is chosen so that Decree 135's retirement date is that day), the others moved out of the records.
 */
export function predecessorCore(r: Random, seat: PlannedSeat, until: number, seatFrom: number): Core | null {
  const cls = TITLE_CLASS[seat.title];
  const params = CLASS[cls];
  const sex: Sex = r.chance(params.female) ? "female" : "male";
  const end = monthStart(until);
  if (end - seatFrom < years(1)) return null;
  const startDay = Math.max(seatFrom, end - postDuration(r, 2, 8));
  if (r.chance(0.75)) {
    const birthDay = birthForRetirement(sex, end - 1, r);
    if (birthDay !== null) {
      return {
        sex,
        birthDay,
        startDay,
        endDay: end,
        leftReason: "Nghỉ hưu",
        isLocal: null,
        concurrent: null,
        recruitmentDay: null,
        previousCount: null,
      };
    }
  }
  const age = Math.min(drawAge(r, params), 55);
  const birthDay = end - Math.round(age * 365.25);
  const reason = isLeadership(seat.title) ? "Chuyển công tác ngoài hệ thống" : "Thôi việc theo nguyện vọng";
  return {
    sex,
    birthDay,
    startDay,
    endDay: end,
    leftReason: reason,
    isLocal: null,
    concurrent: null,
    recruitmentDay: null,
    previousCount: null,
  };
}

/** A birth date whose retirement date (Decree 135/2020) is the given last day of a month, or null. */
function birthForRetirement(sex: Sex, lastDay: number, r: Random): number | null {
  const target = isoOf(lastDay);
  const y = yearOf(lastDay);
  const m = Number(target.slice(5, 7));
  const ageMonths = retirementAgeMonthsInYear(sex, y, SEED_RETIREMENT_SCHEDULES);
  const index = y * 12 + (m - 1) - ageMonths;
  const by = Math.floor(index / 12);
  const bm = (index % 12) + 1;
  const day = r.int(1, 28);
  const birth = `${by}-${String(bm).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return retirementOf(sex, birth, SEED_RETIREMENT_SCHEDULES).retirementDate === target ? dayOf(birth) : null;
}

/**
 * A staff member: sex, birth date, recruitment and the first day in the seat — the recruitment day for
 * those who never moved, later for those with earlier posts elsewhere.
 */
export function staffCore(r: Random, seat: PlannedSeat, ref: number, recordsFrom: number): Core {
  const cls = TITLE_CLASS[seat.title];
  const params = CLASS[cls];
  const female = seat.title === "teacher" ? (TEACHER_FEMALE[seat.unit.role] ?? params.female) : params.female;
  const { sex, birthDay } = drawPerson(r, params, female, ref);
  const recruitment = Math.min(
    birthDay + years(r.int(params.recruitAge[0], params.recruitAge[1])) + r.int(0, 300),
    ref - 60,
  );
  let previousCount = r.int(params.previous[0], params.previous[1]);
  const seatFrom = Math.max(dayOf(seat.validFrom), recordsFrom);
  const lo = Math.max(recruitment + years(1.5), seatFrom);
  let startDay = recruitment;
  if (previousCount > 0 && lo < ref - 90) startDay = lo + Math.floor(r.next() * (ref - 30 - lo));
  else previousCount = 0;
  return {
    sex,
    birthDay,
    startDay,
    endDay: null,
    leftReason: null,
    isLocal: null,
    concurrent: null,
    recruitmentDay: recruitment,
    previousCount,
  };
}

/** How many people the plan yields at most (for progress), counting staff predecessors as expected. */
export function plannedPeopleCount(plan: PeoplePlan): number {
  return plan.slots.length + plan.slots.filter((s) => s.predecessor).length;
}

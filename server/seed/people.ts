import type { ManagementTier, Sex, StaffType } from "../../common/enums/cadres.ts";
import { idNumberSexCenturyDigit } from "../../common/rules/cadre-checks.ts";
import { retirementAgeMonthsInYear, retirementOf } from "../../common/rules/retirement.ts";
import { foldVietnamese, vietnameseSortKey } from "../../common/text/vietnamese.ts";
import { PLACE_WORDS } from "./demo-units.ts";
import type { Origin, SeedOrganisation, SeedUnit } from "./organisation.ts";
import {
  type CareerPlanner,
  createCareerPlanner,
  type Post,
  postDuration,
  type TextLine,
} from "./people-career.ts";
import { dayOf, isoOf, monthStart, yearOf, years } from "./people-dates.ts";
import { ETHNICITIES, RELIGIONS, vietnameseName } from "./people-names.ts";
import {
  type FamilyRow,
  familyOf,
  type QualificationRow,
  qualificationsOf,
  type RewardRow,
  rewardsOf,
  type SalaryRow,
  type Schooling,
  salariesOf,
} from "./people-records.ts";
import {
  isLeadership,
  isPublicService,
  KEY_TITLES,
  type PlannedSeat,
  staffTypeOf,
  TITLE_CLASS,
  type TitleClass,
  type TitleCode,
  tierOf,
} from "./people-seats.ts";
import { createRandom, mixSeed, type Random, type WeightedTable, weightedTable } from "./random.ts";

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

export type AssignmentRow = {
  seatIndex: number | null;
  unitKey: string;
  title: TitleCode;
  isMain: boolean;
  validFrom: string;
  validTo: string | null;
  appointedOn: string | null;
  decisionRef: string | null;
};
export type TierRow = { tier: ManagementTier; validFrom: string; validTo: string | null };
export type WorkHistoryRow = {
  validFrom: string;
  validTo: string;
  unitText: string;
  titleText: string;
  description: string | null;
};

/** One generated person: the fields of the CV with one value, and the dated sections. */
export type PersonRecord = {
  staffCode: string;
  idNumber: string;
  fullName: string;
  sex: Sex;
  birthDate: string;
  birthplaceUnitKey: string | null;
  birthplaceText: string;
  homeTownUnitKey: string | null;
  homeTownText: string;
  ethnicityCode: string;
  religionCode: string;
  staffType: StaffType;
  phone: string;
  residence: string;
  occupationBeforeRecruitment: string;
  recruitmentDate: string;
  recruitmentAgency: string;
  joinedAgencyDate: string;
  partyAdmissionDate: string | null;
  partyOfficialDate: string | null;
  generalEducation: string;
  academicTitleCode: string | null;
  academicTitleYear: number | null;
  honoraryTitle: string | null;
  health: string;
  leftOn: string | null;
  leftReason: string | null;
  searchName: string;
  sortKey: string;
  assignments: AssignmentRow[];
  tiers: TierRow[];
  qualifications: QualificationRow[];
  salaries: SalaryRow[];
  rewards: RewardRow[];
  family: FamilyRow[];
  workHistory: WorkHistoryRow[];
};

type ClassParams = {
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
const CLASS: Record<TitleClass, ClassParams> = {
  top: p(0.15, [57, 2.5, 50], 1, [0.95, 0.45], [1, 0, 0], [2, 3], [3, 6], 45, [22, 25]),
  city_deputy: p(0.25, [53, 3.5, 42], 1, [0.75, 0.25], [1, 0, 0], [2, 3], [3, 6], 40, [22, 25]),
  dept_head: p(0.2, [53, 3.5, 42], 1, [0.7, 0.2], [0.95, 0.05, 0], [1, 3], [3, 6], 40, [22, 26]),
  dept_deputy: p(0.3, [49, 5, 36], 0.98, [0.5, 0.1], [0.8, 0.2, 0], [1, 3], [3, 6], 34, [22, 26]),
  district_head: p(0.15, [51, 4, 38], 1, [0.45, 0.08], [1, 0, 0], [2, 3], [3, 6], 36, [22, 26]),
  district_deputy: p(0.35, [47, 5, 34], 1, [0.28, 0.04], [0.85, 0.15, 0], [1, 3], [3, 6], 32, [22, 26]),
  division_head: p(0.28, [48, 5.5, 32], 0.95, [0.35, 0.05], [0.45, 0.45, 0.05], [1, 2], [3, 7], 30, [22, 27]),
  division_deputy: p(0.34, [45, 6, 29], 0.88, [0.25, 0.03], [0.2, 0.45, 0.2], [1, 2], [3, 7], 28, [22, 27]),
  commune_head: p(0.3, [43.5, 6, 29], 1, [0.12, 0], [0.45, 0.55, 0], [1, 3], [3, 6], 28, [21, 27]),
  commune_deputy: p(0.45, [39.5, 6, 27], 0.97, [0.08, 0], [0.15, 0.8, 0.05], [1, 2], [3, 6], 26, [21, 27]),
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
const TEACHER_FEMALE: Partial<Record<SeedUnit["role"], number>> = {
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
/** Probability of being local elsewhere, by the level of the post. */
const LOCAL_PROBABILITY = { district: 0.45, commune: 0.7, commuteStaff: 0.6 };

/** Provinces around Hà Nội that some staff come from (birth registration codes of the ID number). */
const NEIGHBOUR_PROVINCES: readonly (readonly [string, string])[] = [
  ["Nam Định", "036"],
  ["Thái Bình", "034"],
  ["Hưng Yên", "033"],
  ["Hải Dương", "030"],
  ["Bắc Ninh", "027"],
  ["Vĩnh Phúc", "026"],
  ["Phú Thọ", "025"],
  ["Hà Nam", "035"],
  ["Ninh Bình", "037"],
  ["Thanh Hóa", "038"],
  ["Nghệ An", "040"],
  ["Hòa Bình", "017"],
];

/** The current holder of a seat (or its predecessor) as fixed before careers are built. */
type Core = {
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
};

type Slot = { seat: PlannedSeat; index: number; core: Core | null; predecessor: Core | null };

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
  for (const seat of seats) {
    if (seat.validTo !== null && dayOf(seat.validTo) <= ref) continue;
    if (seat.title === "city_party_deputy") continue;
    if (seat.title === "district_council_chair" && councilHeldBySecretary.has(seat.unit.districtKey ?? ""))
      continue;
    const rate =
      fill.byTitle?.[seat.title] ??
      (KEY_TITLES.has(seat.title)
        ? fill.key
        : isLeadership(seat.title)
          ? fill.leadership
          : isPublicService(seat.unit.role)
            ? fill.publicStaff
            : fill.adminStaff);
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
  return { org, seats, slots, seed: options.seed, today, fill, planner };
}

const retirementCache = new Map<number, number>();

/** The retirement date (Decree 135/2020) as a day number, memoised: births repeat across people. */
function retirementDay(sex: Sex, birthDay: number): number {
  const key = birthDay * 2 + (sex === "female" ? 1 : 0);
  let day = retirementCache.get(key);
  if (day === undefined) {
    day = dayOf(retirementOf(sex, isoOf(birthDay)).retirementDate);
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
function predecessorCore(r: Random, seat: PlannedSeat, until: number, seatFrom: number): Core | null {
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
  const ageMonths = retirementAgeMonthsInYear(sex, y);
  const index = y * 12 + (m - 1) - ageMonths;
  const by = Math.floor(index / 12);
  const bm = (index % 12) + 1;
  const day = r.int(1, 28);
  const birth = `${by}-${String(bm).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return retirementOf(sex, birth).retirementDate === target ? dayOf(birth) : null;
}

/** Generated people in a deterministic order: per slot, the predecessor (if any) then the holder. */
export function* generatePeople(plan: PeoplePlan): Generator<PersonRecord> {
  const state = createPersonState(plan);
  for (const slot of plan.slots) {
    let core = slot.core;
    let predecessor = slot.predecessor;
    if (!core) {
      const r = createRandom(mixSeed(plan.seed, slot.index, 1));
      core = staffCore(r, slot.seat, state.ref, plan.planner.recordsFrom);
      const seatFrom = Math.max(dayOf(slot.seat.validFrom), plan.planner.recordsFrom);
      // A staff seat sometimes records the colleague who retired from it.
      if (
        core.startDay >= dayOf("2019-01-01") &&
        core.startDay - seatFrom > years(3) &&
        r.chance(plan.fill.staffPredecessors)
      ) {
        predecessor = predecessorCore(r, slot.seat, core.startDay, seatFrom);
        if (predecessor) core.startDay = predecessor.endDay!;
      }
    }
    if (predecessor) yield buildPerson(plan, state, slot, predecessor, 2);
    yield buildPerson(plan, state, slot, core, 3);
  }
}

/**
 * A staff member: sex, birth date, recruitment and the first day in the seat — the recruitment day for
 * those who never moved, later for those with earlier posts elsewhere.
 */
function staffCore(r: Random, seat: PlannedSeat, ref: number, recordsFrom: number): Core {
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

type PersonState = {
  idNumbers: Set<number>;
  staffCodes: number;
  originsByDistrict: Map<string, Origin[]>;
  originWeights: WeightedTable<Origin>;
  ref: number;
  isHanoi: boolean;
};

function createPersonState(plan: PeoplePlan): PersonState {
  const originsByDistrict = new Map<string, Origin[]>();
  for (const o of plan.org.origins) {
    const list = originsByDistrict.get(o.districtKey);
    if (list) list.push(o);
    else originsByDistrict.set(o.districtKey, [o]);
  }
  return {
    idNumbers: new Set(),
    staffCodes: 0,
    originsByDistrict,
    originWeights: weightedTable(plan.org.origins.map((o) => [o, o.weight] as const)),
    ref: dayOf(plan.today),
    isHanoi: plan.org.staffCodePrefix === "HN",
  };
}

function pickOrigin(r: Random, state: PersonState, districtKey: string | undefined, local: boolean): Origin {
  if (local && districtKey) {
    const list = state.originsByDistrict.get(districtKey);
    if (list && list.length > 0) return r.pick(list);
  }
  for (let i = 0; i < 20; i++) {
    const o = r.weighted(state.originWeights);
    if (!districtKey || o.districtKey !== districtKey) return o;
  }
  return r.weighted(state.originWeights);
}

/** Staff codes are a permutation of 0…9,999,999 (unique, not in generation order). */
function staffCodeOf(prefix: string, n: number): string {
  const digits = 7;
  const mod = 10 ** digits;
  return `${prefix}${String((n * 7_654_321 + 1_234_567) % mod).padStart(digits, "0")}`;
}

function buildPerson(
  plan: PeoplePlan,
  state: PersonState,
  slot: Slot,
  fixed: Core,
  stream: number,
): PersonRecord {
  const { org, planner } = plan;
  const ref = state.ref;
  const r = createRandom(mixSeed(plan.seed, slot.index, stream));
  const seat = slot.seat;
  const unit = seat.unit;
  const title = seat.title;
  const cls = TITLE_CLASS[title];
  const params = CLASS[cls];
  const core = fixed;
  const previousCount = core.previousCount ?? r.int(params.previous[0], params.previous[1]);
  const endDay = core.endDay;
  const lastDay = (endDay ?? ref) - 1;
  const birthDay = core.birthDay;
  const militaryService = core.sex === "male" && cls !== "teacher" && r.chance(0.08);
  let recruitment =
    core.recruitmentDay ??
    birthDay +
      years(r.int(params.recruitAge[0], params.recruitAge[1])) +
      r.int(0, 300) +
      (militaryService ? years(2) : 0);
  recruitment = Math.max(Math.min(recruitment, core.startDay), birthDay + years(18));
  const seatFrom = Math.max(dayOf(seat.validFrom), planner.recordsFrom);
  // Military service comes between school and recruitment.
  const militaryFrom = militaryService ? recruitment - years(2) - r.int(30, 200) : null;

  // Career: the current post, earlier posts down the ladder, an entry post, and text before the records.
  const posts: Post[] = [];
  const lines: TextLine[] = [];
  // Leaders' seats were reserved when the plan was made; staff posts are split at the records' start.
  const current =
    slot.core && isLeadership(title)
      ? { posts: [{ seat, unit, title, from: core.startDay, to: endDay, isMain: true }], lines: [] }
      : (planner.piecesOf(unit, title, core.startDay, endDay ?? Number.POSITIVE_INFINITY) ?? {
          posts: [{ seat, unit, title, from: Math.max(core.startDay, seatFrom), to: endDay, isMain: true }],
          lines: [],
        });
  for (const post of current.posts) if (post.to === Number.POSITIVE_INFINITY) post.to = null;
  posts.push(...current.posts);
  lines.push(...current.lines);
  let cursor = core.startDay;
  let refTitle = title;
  let refUnit = unit;
  for (let k = 0; k < previousCount; k++) {
    const a = Math.max(recruitment, cursor - postDuration(r, params.postYears[0], params.postYears[1]));
    if (cursor - a < years(1)) break;
    const previous = planner.previousPost(refTitle, refUnit, a, cursor, r);
    if (!previous) break;
    posts.push(...previous.posts);
    lines.push(...previous.lines);
    cursor = a;
    refTitle = previous.title;
    refUnit = previous.unit;
  }
  if (cursor - recruitment > 60) {
    const entry = planner.entryPost(refUnit, recruitment, cursor, r);
    posts.push(...entry.posts);
    lines.push(...entry.lines);
  }
  if (core.concurrent) {
    const from = Math.max(core.startDay, dayOf(core.concurrent.validFrom));
    posts.push({
      seat: core.concurrent,
      unit: core.concurrent.unit,
      title: core.concurrent.title,
      from,
      to: endDay,
      isMain: false,
    });
  }
  posts.sort((x, y) => x.from - y.from || Number(y.isMain) - Number(x.isMain));
  lines.sort((x, y) => x.from - y.from);

  // Origins: home town in the post's district for locals; birthplace mostly the home town.
  const districtKey = unit.districtKey;
  const isLocal =
    core.isLocal ??
    (districtKey
      ? r.chance(
          unit.communeKey
            ? LOCAL_PROBABILITY.commune
            : isLeadership(title)
              ? LOCAL_PROBABILITY.district
              : LOCAL_PROBABILITY.commuteStaff,
        )
      : false);
  const fromOutside = state.isHanoi && !isLeadership(title) && r.chance(0.08);
  let homeTown: Origin | null = null;
  let homeTownText: string;
  let birthplace: Origin | null = null;
  let birthplaceText: string;
  let provinceCode: string;
  if (fromOutside) {
    const [province, code] = r.pick(NEIGHBOUR_PROVINCES);
    homeTownText = `Xã ${r.pick(PLACE_WORDS)} ${r.pick(PLACE_WORDS)}, tỉnh ${province}`;
    birthplaceText = r.chance(0.8)
      ? homeTownText
      : `Xã ${r.pick(PLACE_WORDS)} ${r.pick(PLACE_WORDS)}, tỉnh ${province}`;
    provinceCode = code;
  } else {
    homeTown = pickOrigin(r, state, districtKey, isLocal);
    homeTownText = homeTown.text;
    birthplace = r.chance(0.75)
      ? homeTown
      : pickOrigin(r, state, r.chance(0.5) ? homeTown.districtKey : undefined, r.chance(0.5));
    birthplaceText = birthplace.text;
    provinceCode = birthplace.provinceCode;
  }

  // Identity.
  const fullName = vietnameseName(r, core.sex);
  const birthDate = isoOf(birthDay);
  const birthYear = yearOf(birthDay);
  let idNumber: number;
  const idPrefix =
    Number(provinceCode) * 1e9 + idNumberSexCenturyDigit(core.sex, birthYear) * 1e8 + (birthYear % 100) * 1e6;
  do idNumber = idPrefix + r.int(0, 999_999);
  while (state.idNumbers.has(idNumber));
  state.idNumbers.add(idNumber);
  const staffCode = staffCodeOf(org.staffCodePrefix, state.staffCodes++);

  // Party membership: admitted in the twenties or thirties, full member twelve months later.
  let partyAdmission: number | null = null;
  let partyOfficial: number | null = null;
  if (r.chance(params.party)) {
    const lo = Math.max(birthDay + years(19), recruitment - years(2));
    const hi = Math.min(lastDay - 400, isLeadership(title) ? core.startDay - years(1) : lastDay - 400);
    if (hi > lo) {
      partyAdmission = lo + Math.floor(r.next() * Math.min(hi - lo, years(12)));
      partyOfficial = partyAdmission + years(1) + r.int(0, 40);
      if (partyOfficial > lastDay) partyOfficial = null;
    }
  }

  // Assignments and management tiers, from the posts within the records.
  const assignments: AssignmentRow[] = posts.map((post) => {
    const leader = isLeadership(post.title);
    const party = post.unit.bloc === "party";
    return {
      seatIndex: post.seat?.index ?? null,
      unitKey: post.unit.key,
      title: post.title,
      isMain: post.isMain,
      validFrom: isoOf(post.from),
      validTo: post.to === null ? null : isoOf(post.to),
      appointedOn: leader ? isoOf(post.from - r.int(0, 20)) : null,
      decisionRef: leader ? (party ? `${r.int(100, 9999)}-QĐ/TU` : `${r.int(100, 9999)}/QĐ-UBND`) : null,
    };
  });
  const tiers: TierRow[] = [];
  for (const post of posts) {
    if (!post.isMain) continue;
    const tier = tierOf(post.title, post.unit.role, org.twoTier);
    const last = tiers[tiers.length - 1];
    const from = isoOf(post.from);
    const to = post.to === null ? null : isoOf(post.to);
    if (last && last.tier === tier && last.validTo === from) last.validTo = to;
    else tiers.push({ tier, validFrom: from, validTo: to });
  }

  // Work before the records (and in units the records do not hold), as written then.
  const workHistory: WorkHistoryRow[] = [];
  if (militaryFrom !== null) {
    const from = militaryFrom;
    workHistory.push({
      validFrom: isoOf(from),
      validTo: isoOf(from + years(2)),
      unitText: state.isHanoi ? "Bộ Tư lệnh Thủ đô Hà Nội" : "Bộ Chỉ huy Quân sự tỉnh",
      titleText: "Chiến sĩ",
      description: "Thực hiện nghĩa vụ quân sự",
    });
  }
  for (const line of lines) {
    workHistory.push({
      validFrom: isoOf(line.from),
      validTo: isoOf(line.to),
      unitText: line.unitText,
      titleText: line.titleText,
      description: line.from < planner.recordsFrom ? "Trước khi có hồ sơ điện tử" : null,
    });
  }

  // Joined the current agency: the start of the unbroken run of main posts in the current unit.
  const mainPosts = posts.filter((x) => x.isMain);
  let joined = core.startDay;
  for (let i = mainPosts.length - 1; i >= 0; i--) {
    const post = mainPosts[i]!;
    if (post.unit.key !== unit.key) break;
    joined = Math.min(joined, post.from);
  }
  const firstUnitText =
    lines[0]?.unitText ?? (mainPosts[0] ? org.nameBefore(mainPosts[0].unit, isoOf(recruitment)) : unit.name);

  const qualifications = qualificationsOf({
    rnd: r,
    cls,
    title,
    unit,
    schooling: boostedSchooling(params.schooling, unit.role, cls),
    birthDay,
    recruitmentDay: recruitment,
    studiesEndBy: militaryFrom ?? recruitment,
    postDay: core.startDay,
    lastDay,
  });
  // The CV's work history opens with the years of study for the first degree.
  const firstDegree = qualifications[0]!;
  if (firstDegree.startedOn) {
    const school =
      firstDegree.institution ??
      `Trường ${firstDegree.levelCode === "college" ? "Cao đẳng" : "Trung cấp"} ${state.isHanoi ? "Hà Nội" : "tỉnh"}`;
    workHistory.unshift({
      validFrom: firstDegree.startedOn,
      validTo: firstDegree.obtainedOn,
      unitText: school,
      titleText: firstDegree.levelCode === "university" ? "Sinh viên" : "Học sinh",
      description: firstDegree.major ? `Ngành ${firstDegree.major}` : null,
    });
  }
  const doctorOn = qualifications.find(
    (q) => q.levelCode === "doctor" && q.category === "professional",
  )?.obtainedOn;
  let academicTitleCode: string | null = null;
  let academicTitleYear: number | null = null;
  if (
    doctorOn &&
    (unit.role === "university" || unit.role === "hospital" || cls === "top") &&
    r.chance(0.3)
  ) {
    const year = Number(doctorOn.slice(0, 4)) + r.int(5, 10);
    if (year < yearOf(lastDay)) {
      academicTitleCode = "associate_professor";
      academicTitleYear = year;
    }
  }
  const age = (ref - birthDay) / 365.25;
  const honoraryTitle =
    age > 45 && title === "teacher" && r.chance(0.01)
      ? "Nhà giáo ưu tú"
      : age > 45 && title === "physician" && r.chance(0.015)
        ? "Thầy thuốc ưu tú"
        : null;
  const salaries = salariesOf({
    rnd: r,
    cls,
    title,
    recruitmentDay: recruitment,
    endDay: endDay ?? ref,
    isServing: endDay === null,
  });
  const rewards = rewardsOf({
    rnd: r,
    cls,
    unitName: unit.name,
    cityName: state.isHanoi ? "Thành phố Hà Nội" : "tỉnh",
    recruitmentDay: recruitment,
    lastDay,
  });
  const residenceOrigin =
    homeTown && r.chance(0.6) ? homeTown : pickOrigin(r, state, districtKey, r.chance(0.6));
  const family = familyOf({
    rnd: r,
    sex: core.sex,
    fullName,
    birthDay,
    referenceYear: yearOf(lastDay),
    place: residenceOrigin.text,
  });
  const onContract = title === "staff" && r.chance(0.55);
  return {
    staffCode,
    idNumber: String(idNumber).padStart(12, "0"),
    fullName,
    sex: core.sex,
    birthDate,
    birthplaceUnitKey: birthplace?.unitKey ?? null,
    birthplaceText,
    homeTownUnitKey: homeTown?.unitKey ?? null,
    homeTownText,
    ethnicityCode: r.weighted(state.isHanoi ? ETHNICITIES.hanoi : ETHNICITIES.national),
    religionCode: r.weighted(state.isHanoi ? RELIGIONS.hanoi : RELIGIONS.national),
    staffType: staffTypeOf(title, unit.role, onContract),
    phone: `09${String(r.int(0, 99_999_999)).padStart(8, "0")}`,
    residence: `Số ${r.int(1, 180)}, ${residenceOrigin.text}`,
    occupationBeforeRecruitment: militaryService
      ? "Quân nhân xuất ngũ"
      : title === "staff" && r.chance(0.4)
        ? "Lao động hợp đồng"
        : "Sinh viên",
    recruitmentDate: isoOf(recruitment),
    recruitmentAgency: firstUnitText,
    joinedAgencyDate: isoOf(joined),
    partyAdmissionDate: partyAdmission === null ? null : isoOf(partyAdmission),
    partyOfficialDate: partyOfficial === null ? null : isoOf(partyOfficial),
    generalEducation: birthYear < 1968 ? "10/10" : "12/12",
    academicTitleCode,
    academicTitleYear,
    honoraryTitle,
    health: r.chance(0.85) ? "Tốt" : r.chance(0.8) ? "Khá" : "Trung bình",
    leftOn: endDay === null ? null : isoOf(endDay - 1),
    leftReason: core.leftReason,
    searchName: foldVietnamese(fullName),
    sortKey: vietnameseSortKey(fullName),
    assignments,
    tiers,
    qualifications,
    salaries,
    rewards,
    family,
    workHistory,
  };
}

/** Physicians and lecturers lead with higher degrees: their division heads hold more master's degrees. */
function boostedSchooling(s: Schooling, role: SeedUnit["role"], cls: TitleClass): Schooling {
  if (
    (cls === "division_head" || cls === "division_deputy") &&
    (role === "hospital" || role === "university")
  ) {
    return { ...s, master: Math.min(0.9, s.master * 1.8), doctor: Math.min(0.3, s.doctor * 3) };
  }
  return s;
}

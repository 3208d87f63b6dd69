import type { ManagementTier, Sex, StaffType } from "../../common/enums/cadres.ts";
import { idNumberSexCenturyDigit } from "../../common/rules/cadre-checks.ts";
import { foldVietnamese, vietnameseSortKey } from "../../common/text/vietnamese.ts";
import type { Origin, PlaceRef, SeedOrganisation, SeedUnit } from "./organisation.ts";
import { type Post, postDuration, type TextLine } from "./people-career.ts";
import { dayOf, isoOf, yearOf, years } from "./people-dates.ts";
import { ETHNICITIES, RELIGIONS, vietnameseName } from "./people-names.ts";
import {
  CLASS,
  type Core,
  LOCAL_PROBABILITY,
  type PeoplePlan,
  predecessorCore,
  type Slot,
  staffCore,
} from "./people-plan.ts";
import { type QualificationRow, qualificationsOf, type Schooling } from "./people-qualifications.ts";
import {
  type FamilyRow,
  familyOf,
  type RewardRow,
  rewardsOf,
  type SalaryRow,
  salariesOf,
} from "./people-records.ts";
import {
  isLeadership,
  staffTypeOf,
  TITLE_CLASS,
  type TitleClass,
  type TitleCode,
  tierOf,
} from "./people-seats.ts";
import { type TrainingRow, trainingsOf } from "./people-trainings.ts";
import { createRandom, mixSeed, type Random, type WeightedTable, weightedTable } from "./random.ts";

export {
  type FillRates,
  type PeoplePlan,
  plannedPeopleCount,
  planPeople,
  SEED_REFERENCE_DATE,
} from "./people-plan.ts";

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
  /** A place of the official lists, or null when known only as text. */
  birthplace: PlaceRef | null;
  birthplaceText: string;
  homeTown: PlaceRef | null;
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
  trainings: TrainingRow[];
};

/** Stream of a person's training courses, apart from the person's own so that adding them changed no one. */
const TRAININGS_STREAM = 7;

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

type PersonState = {
  idNumbers: Set<number>;
  staffCodes: number;
  /** Origins by the key of a territorial unit whose territory holds them. */
  originsByTerritory: Map<string, Origin[]>;
  /** Places of other provinces, by province code. */
  outsideByProvince: Map<string, Origin[]>;
  /** Days of the organisation's changes (reorganisations). */
  changeDays: ReadonlySet<number>;
  originWeights: WeightedTable<Origin>;
  ref: number;
  isHanoi: boolean;
};

function createPersonState(plan: PeoplePlan): PersonState {
  const originsByTerritory = new Map<string, Origin[]>();
  for (const o of plan.org.origins) {
    for (const key of o.territories) {
      const list = originsByTerritory.get(key);
      if (list) list.push(o);
      else originsByTerritory.set(key, [o]);
    }
  }
  const outsideByProvince = new Map<string, Origin[]>();
  for (const o of plan.org.outsideOrigins) {
    const list = outsideByProvince.get(o.provinceCode);
    if (list) list.push(o);
    else outsideByProvince.set(o.provinceCode, [o]);
  }
  return {
    idNumbers: new Set(),
    staffCodes: 0,
    originsByTerritory,
    outsideByProvince,
    changeDays: new Set(plan.org.changes.map((c) => dayOf(c.date))),
    originWeights: weightedTable(plan.org.origins.map((o) => [o, o.weight] as const)),
    ref: dayOf(plan.today),
    isHanoi: plan.org.staffCodePrefix === "HN",
  };
}

/**
 * A place someone comes from: inside the territory (a commune's or district's unit key) for a local, else
 * one that lies neither inside it nor partly in it (a place split between communes in 2025 could be either).
 */
function pickOrigin(r: Random, state: PersonState, territoryKey: string | undefined, local: boolean): Origin {
  if (local && territoryKey) {
    const list = state.originsByTerritory.get(territoryKey);
    if (list && list.length > 0) return r.pick(list);
  }
  for (let i = 0; i < 20; i++) {
    const o = r.weighted(state.originWeights);
    if (!territoryKey || (!o.territories.includes(territoryKey) && !o.overlaps?.includes(territoryKey)))
      return o;
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
  if (core.before) {
    // The post before was chosen with the plan (the first holders of a unit formed in a reorganisation).
    posts.push(...core.before.posts);
    lines.push(...core.before.lines);
    cursor = core.before.from;
    refTitle = core.before.title;
    refUnit = core.before.unit;
  }
  for (let k = core.before ? 1 : 0; k < previousCount; k++) {
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
    const entry = planner.entryPost(
      refUnit,
      recruitment,
      cursor,
      r,
      isLeadership(refTitle) ? undefined : refTitle,
    );
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
  mergeContinuations(posts, lines);

  // Origins: home town in the territory the post leads (its commune, else its district) for locals — for
  // someone who moved on from an ended unit, the territory of the post there; birthplace mostly the home town.
  const districtKey = unit.districtKey;
  const byBefore = core.before && core.localBefore != null;
  const territoryKey = byBefore
    ? (core.before!.unit.communeKey ?? core.before!.unit.districtKey)
    : (unit.communeKey ?? districtKey);
  const isLocal = byBefore
    ? core.localBefore!
    : (core.isLocal ??
      (districtKey
        ? r.chance(
            isTwoTierOn(org, isoOf(core.startDay))
              ? LOCAL_PROBABILITY.province
              : unit.communeKey
                ? LOCAL_PROBABILITY.commune
                : isLeadership(title)
                  ? LOCAL_PROBABILITY.district
                  : LOCAL_PROBABILITY.commuteStaff,
          )
        : false));
  const fromOutside = org.outsideOrigins.length > 0 && !isLeadership(title) && r.chance(0.08);
  let homeTown: Origin | null = null;
  let homeTownText: string;
  let birthplace: Origin | null = null;
  let birthplaceText: string;
  let provinceCode: string;
  if (fromOutside) {
    // A real commune of a neighbouring province (its list of 1/3/2025), born there or elsewhere in it.
    homeTown = r.pick(org.outsideOrigins);
    homeTownText = homeTown.text;
    birthplace = r.chance(0.8)
      ? homeTown
      : r.pick(state.outsideByProvince.get(homeTown.provinceCode) ?? [homeTown]);
    birthplaceText = birthplace.text;
    provinceCode = birthplace.provinceCode;
  } else {
    homeTown = pickOrigin(r, state, territoryKey, isLocal);
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
  // A post held across the start of the two-tier organisation changes tier that day (the district tier ends).
  const tiers: TierRow[] = [];
  const twoTierDay = org.twoTierFrom === null ? null : dayOf(org.twoTierFrom);
  for (const post of posts) {
    if (!post.isMain) continue;
    const pieces: [number, number | null, boolean][] =
      twoTierDay === null
        ? [[post.from, post.to, false]]
        : post.from >= twoTierDay
          ? [[post.from, post.to, true]]
          : post.to !== null && post.to <= twoTierDay
            ? [[post.from, post.to, false]]
            : [
                [post.from, twoTierDay, false],
                [twoTierDay, post.to, true],
              ];
    for (const [a, b, twoTier] of pieces) {
      const tier = tierOf(post.title, post.unit.role, twoTier);
      const last = tiers[tiers.length - 1];
      const from = isoOf(a);
      const to = b === null ? null : isoOf(b);
      if (last && last.tier === tier && last.validTo === from) last.validTo = to;
      else tiers.push({ tier, validFrom: from, validTo: to });
    }
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
  const trainings = trainingsOf({
    rnd: createRandom(mixSeed(plan.seed, slot.index, stream, TRAININGS_STREAM)),
    posts: mainPosts.map((post) => ({
      title: post.title,
      isLeadership: isLeadership(post.title),
      tier: tierOf(post.title, post.unit.role, isTwoTierOn(org, isoOf(post.from))),
      from: post.from,
      to: post.to,
    })),
    recordsFrom: planner.recordsFrom,
    lastDay,
    isServing: endDay === null,
    isHanoi: state.isHanoi,
    trainedAhead: state.changeDays,
  });
  const onContract = title === "staff" && r.chance(0.55);
  return {
    staffCode,
    idNumber: String(idNumber).padStart(12, "0"),
    fullName,
    sex: core.sex,
    birthDate,
    birthplace: birthplace?.place ?? null,
    birthplaceText,
    homeTown: homeTown?.place ?? null,
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
    trainings,
  };
}

/** True when the organisation has two tiers (province → commune) on the date. */
function isTwoTierOn(org: SeedOrganisation, date: string): boolean {
  return org.twoTierFrom !== null && date >= org.twoTierFrom;
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

/**
 * Joins a post with the one right after it when both are the same title in the same seat (a career that
 * stayed put, cut by the start of the records or by the ladder), and likewise the text lines.
 */
function mergeContinuations(posts: Post[], lines: TextLine[]) {
  for (let i = posts.length - 1; i > 0; i--) {
    const before = posts
      .slice(0, i)
      .reverse()
      .find((x) => x.isMain === posts[i]!.isMain);
    const post = posts[i]!;
    if (
      before &&
      post.isMain &&
      before.seat === post.seat &&
      before.title === post.title &&
      before.to === post.from
    ) {
      before.to = post.to;
      posts.splice(i, 1);
    }
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const before = lines[i - 1]!;
    const line = lines[i]!;
    if (before.unitText === line.unitText && before.titleText === line.titleText && before.to === line.from) {
      before.to = line.to;
      lines.splice(i, 1);
    }
  }
}

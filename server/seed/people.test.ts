import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addMonthsClamped } from "../../common/rules/age.ts";
import { checkPersonDates, idNumberProblems } from "../../common/rules/cadre-checks.ts";
import { periodsOverlap } from "../../common/rules/career.ts";
import { retirementOf } from "../../common/rules/retirement.ts";
import type { SeedOrganisation } from "./organisation.ts";
import { generatePeople, type PersonRecord, planPeople, SEED_REFERENCE_DATE } from "./people.ts";
import { isLeadership, type PlannedSeat, planSeats, TITLE_CLASS } from "./people-seats.ts";
import { peopleStats, type Share } from "./people-stats.ts";
import { SEED_RETIREMENT_SCHEDULES } from "./retirement-schedules.ts";
import { fillOf, organisationOf } from "./seed.ts";

const ratio = (x: Share) => x.n / x.of;

function demoPeople(seed: number): { org: SeedOrganisation; seats: PlannedSeat[]; people: PersonRecord[] } {
  const org = organisationOf("demo", seed);
  const seats = planSeats(org);
  const plan = planPeople(org, seats, { seed, fill: fillOf("demo") });
  return { org, seats, people: [...generatePeople(plan)] };
}

const digest = (people: readonly PersonRecord[]) =>
  createHash("sha256").update(JSON.stringify(people)).digest("hex");

let demo: ReturnType<typeof demoPeople>;
beforeAll(() => {
  demo = demoPeople(1);
});

describe("people generator: determinism", () => {
  it("gives byte-identical people for the same seed", () => {
    expect(digest(demoPeople(1).people)).toBe(digest(demo.people));
  });

  it("gives different people for another seed", () => {
    const other = demoPeople(2).people;
    expect(digest(other)).not.toBe(digest(demo.people));
    expect(
      other[0]!.fullName === demo.people[0]!.fullName && other[1]!.fullName === demo.people[1]!.fullName,
    ).toBe(false);
  });
});

// The 2024 report's figures (DOMAIN §2) were taken on the organisation of May 2024: districts and old communes.
const REPORT_DATE = "2024-05-01";

describe("people generator: distributions of the demo profile (DOMAIN §2 bands)", () => {
  const stats = (at = REPORT_DATE) =>
    peopleStats(
      demo.people,
      demo.org,
      at,
      (p) => retirementOf(p.sex, p.birthDate, SEED_RETIREMENT_SCHEDULES).retirementDate,
    );

  it("has about five thousand people", () => {
    expect(demo.people.length).toBeGreaterThan(4500);
    expect(demo.people.length).toBeLessThan(6000);
  });

  it("keeps women between 38% and 60% overall and 26–40% in the standing-committee tiers", () => {
    const s = stats();
    expect(ratio(s.women)).toBeGreaterThan(0.38);
    expect(ratio(s.women)).toBeLessThan(0.6);
    expect(ratio(s.standing.women)).toBeGreaterThan(0.26);
    expect(ratio(s.standing.women)).toBeLessThan(0.4);
  });

  it("has fewer women among key heads than among all standing-committee cadres", () => {
    const heads = demo.people.filter((p) => {
      const main = p.assignments.find((a) => a.isMain && a.validTo === null);
      return main && ["district_head", "commune_head", "top"].includes(TITLE_CLASS[main.title]);
    });
    const women = heads.filter((p) => p.sex === "female").length / heads.length;
    expect(women).toBeLessThan(ratio(stats().standing.women));
  });

  it("keeps young cadres (under 40) at 8–18% of the standing-committee tiers", () => {
    const s = stats();
    expect(ratio(s.standing.young)).toBeGreaterThan(0.08);
    expect(ratio(s.standing.young)).toBeLessThan(0.18);
  });

  it("gives 35–50% of the city standing committee's cadres a master's or doctorate", () => {
    const s = stats();
    expect(s.cityStandingMasters.of).toBeGreaterThan(100);
    expect(ratio(s.cityStandingMasters)).toBeGreaterThan(0.35);
    expect(ratio(s.cityStandingMasters)).toBeLessThan(0.5);
  });

  it("makes most district and commune heads non-local, in the shares of the 2024 report", () => {
    const { nonLocal } = stats();
    expect(nonLocal.districtSecretaries.of).toBe(30);
    expect(Math.abs(ratio(nonLocal.districtSecretaries) - 28 / 30)).toBeLessThanOrEqual(1 / 30 + 1e-9);
    expect(Math.abs(ratio(nonLocal.districtChairs) - 22 / 30)).toBeLessThanOrEqual(1 / 30 + 1e-9);
    expect(Math.abs(ratio(nonLocal.communeSecretaries) - 0.6839)).toBeLessThan(0.02);
    expect(Math.abs(ratio(nonLocal.communeChairs) - 0.6113)).toBeLessThan(0.02);
  });

  it("keeps ages between 23 and 62, leaders older than staff, and nobody serving past retirement", () => {
    const s = stats(SEED_REFERENCE_DATE);
    expect(s.minAge).toBeGreaterThanOrEqual(23);
    expect(s.maxAge).toBeLessThanOrEqual(62);
    expect(s.meanAge).toBeGreaterThan(35);
    expect(s.meanAge).toBeLessThan(50);
    expect(s.pastRetirement).toBe(0);
    const ageOf = (p: PersonRecord) =>
      Number(SEED_REFERENCE_DATE.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
    const mean = (xs: PersonRecord[]) => xs.reduce((a, p) => a + ageOf(p), 0) / xs.length;
    const current = (p: PersonRecord) => p.assignments.find((a) => a.isMain && a.validTo === null);
    const serving = demo.people.filter((p) => p.leftOn === null);
    const heads = serving.filter((p) => ["top", "dept_head"].includes(TITLE_CLASS[current(p)!.title]));
    const staff = serving.filter((p) => TITLE_CLASS[current(p)!.title] === "expert");
    expect(mean(heads)).toBeGreaterThan(mean(staff) + 5);
  });

  it("retires people at the end of the month of their retirement age (Decree 135/2020)", () => {
    const retired = demo.people.filter((p) => p.leftReason === "Nghỉ hưu");
    expect(retired.length).toBeGreaterThan(50);
    for (const p of retired)
      expect(p.leftOn).toBe(retirementOf(p.sex, p.birthDate, SEED_RETIREMENT_SCHEDULES).retirementDate);
  });

  it("moves some people between 2024-05-01 and the reference date", () => {
    const moved = demo.people.filter((p) => {
      const at = (d: string) =>
        p.assignments.find((a) => a.isMain && a.validFrom <= d && (a.validTo === null || a.validTo > d));
      const then = at("2024-05-01");
      const now = at(SEED_REFERENCE_DATE);
      return then && now && (then.unitKey !== now.unitKey || then.title !== now.title);
    });
    expect(moved.length).toBeGreaterThan(100);
  });
});

describe("people generator: integrity", () => {
  it("gives every serving person exactly one open main assignment and nobody who left any", () => {
    for (const p of demo.people) {
      const open = p.assignments.filter((a) => a.isMain && a.validTo === null);
      expect(open.length, p.staffCode).toBe(p.leftOn === null ? 1 : 0);
      if (p.leftOn !== null) {
        const dayAfter = new Date(Date.parse(`${p.leftOn}T00:00:00Z`) + 86_400_000)
          .toISOString()
          .slice(0, 10);
        for (const a of p.assignments)
          expect(a.validTo !== null && a.validTo <= dayAfter, p.staffCode).toBe(true);
      }
    }
  });

  it("never overlaps a person's main assignments, tiers or salary rows", () => {
    for (const p of demo.people) {
      for (const rows of [p.assignments.filter((a) => a.isMain), p.tiers, p.salaries]) {
        for (let i = 0; i < rows.length; i++) {
          expect(rows[i]!.validTo === null || rows[i]!.validTo! > rows[i]!.validFrom, p.staffCode).toBe(true);
          for (let j = i + 1; j < rows.length; j++)
            expect(periodsOverlap(rows[i]!, rows[j]!), p.staffCode).toBe(false);
        }
      }
    }
  });

  it("covers every main assignment with management tiers, without a gap", () => {
    for (const p of demo.people) {
      for (const a of p.assignments.filter((x) => x.isMain)) {
        // Walk the tiers from the assignment's first day: each must start where the last one ended.
        let day: string | null = a.validFrom;
        while (day !== null && (a.validTo === null || day < a.validTo)) {
          const d: string = day;
          const tier = p.tiers.find((t) => t.validFrom <= d && (t.validTo === null || t.validTo > d));
          expect(tier, `${p.staffCode} ${d}`).toBeDefined();
          day = tier!.validTo;
        }
      }
    }
  });

  it("places assignments inside the life of their unit and seat", () => {
    const byKey = new Map(demo.org.units.map((u) => [u.key, u]));
    for (const p of demo.people) {
      for (const a of p.assignments) {
        const unit = byKey.get(a.unitKey)!;
        expect(a.validFrom >= unit.validFrom, `${p.staffCode} ${a.unitKey}`).toBe(true);
        if (unit.validTo) expect(a.validTo !== null && a.validTo <= unit.validTo).toBe(true);
        if (a.seatIndex !== null) {
          expect(demo.seats[a.seatIndex]!.unit.key).toBe(a.unitKey);
          expect(demo.seats[a.seatIndex]!.title).toBe(a.title);
        }
      }
    }
  });

  it("never puts more holders in a leadership seat than its quota, on any day", () => {
    const periods = new Map<number, [string, string][]>();
    for (const p of demo.people) {
      for (const a of p.assignments) {
        if (
          a.seatIndex === null ||
          TITLE_CLASS[a.title] === "expert" ||
          ["teacher", "physician", "staff"].includes(a.title)
        )
          continue;
        const list = periods.get(a.seatIndex) ?? [];
        list.push([a.validFrom, a.validTo ?? "9999-12-31"]);
        periods.set(a.seatIndex, list);
      }
    }
    for (const [index, list] of periods) {
      const events = list.flatMap(([from, to]) => [[from, 1] as const, [to, -1] as const]);
      events.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
      let holders = 0;
      for (const [, d] of events) {
        holders += d;
        expect(holders, `seat ${index}`).toBeLessThanOrEqual(demo.seats[index]!.quota);
      }
    }
  });

  it("gives unique staff codes and unique, well-formed ID numbers that agree with sex and birth year", () => {
    expect(new Set(demo.people.map((p) => p.staffCode)).size).toBe(demo.people.length);
    expect(new Set(demo.people.map((p) => p.idNumber)).size).toBe(demo.people.length);
    for (const p of demo.people) {
      expect(p.staffCode).toMatch(/^HN[0-9]{7}$/);
      expect(idNumberProblems(p.idNumber, p.sex, p.birthDate), p.idNumber).toEqual([]);
    }
  });

  it("keeps each person's dates consistent (recruitment after 18, Party admission after 18, official later)", () => {
    for (const p of demo.people) {
      expect(checkPersonDates(p, SEED_REFERENCE_DATE), p.staffCode).toEqual([]);
      for (const q of p.qualifications) expect(q.obtainedOn <= SEED_REFERENCE_DATE).toBe(true);
      expect(p.family.length).toBeGreaterThanOrEqual(2);
      expect(p.family.length).toBeLessThanOrEqual(6);
    }
  });

  it("writes Vietnamese names: Nguyễn for about 38%, middle names by sex", () => {
    const nguyen = demo.people.filter((p) => p.fullName.startsWith("Nguyễn ")).length / demo.people.length;
    expect(nguyen).toBeGreaterThan(0.33);
    expect(nguyen).toBeLessThan(0.43);
    const thi = demo.people.filter((p) => p.fullName.split(" ")[1] === "Thị");
    expect(thi.length).toBeGreaterThan(0);
    expect(thi.every((p) => p.sex === "female")).toBe(true);
  });
});

describe("people generator: the 2025 reorganisation", () => {
  const holdsOn = (row: { validFrom: string; validTo: string | null }, d: string) =>
    row.validFrom <= d && (row.validTo === null || row.validTo > d);
  const mainOn = (p: PersonRecord, d: string) => p.assignments.find((a) => a.isMain && holdsOn(a, d));
  const titleCount = (title: string, d: string) =>
    demo.people.filter((p) => mainOn(p, d)?.title === title).length;

  it("staffs the 30 districts and 526 communes on 30/6/2025 and the 126 communes from 1/7/2025", () => {
    expect(titleCount("district_party_secretary", "2025-06-30")).toBe(30);
    expect(titleCount("commune_party_secretary", "2025-06-30")).toBe(526);
    expect(titleCount("commune_committee_chair", "2025-06-30")).toBe(526);
    for (const d of ["2025-07-01", SEED_REFERENCE_DATE]) {
      expect(titleCount("district_party_secretary", d)).toBe(0);
      expect(titleCount("district_committee_chair", d)).toBe(0);
      expect(titleCount("commune_party_secretary", d)).toBe(126);
      expect(titleCount("commune_committee_chair", d)).toBe(126);
    }
  });

  it("moves people from the old communes and districts into the new ones by dated assignments", () => {
    const byKey = new Map(demo.org.units.map((u) => [u.key, u]));
    const moved = demo.people.filter((p) => {
      const before = mainOn(p, "2025-06-30");
      const after = mainOn(p, "2025-07-01");
      return (
        before &&
        after &&
        byKey.get(before.unitKey)!.validTo === "2025-07-01" &&
        byKey.get(after.unitKey)!.validFrom === "2025-07-01" &&
        before.validTo === "2025-07-01"
      );
    });
    expect(moved.length).toBeGreaterThan(300);
    // A district worker of 2024 among them: the new commune was formed from that district's communes.
    const fromDistrict = moved.find(
      (p) => byKey.get(mainOn(p, "2024-06-01")?.unitKey ?? "")?.role === "district_division",
    );
    expect(fromDistrict).toBeDefined();
    const newUnit = byKey.get(mainOn(fromDistrict!, SEED_REFERENCE_DATE)!.unitKey)!;
    const oldUnit = byKey.get(mainOn(fromDistrict!, "2024-06-01")!.unitKey)!;
    expect(demo.org.sourcesOf.get(newUnit.communeKey!)).toContain(oldUnit.districtKey);
  });

  it("ends the service of those who left on 30/6/2025 under Decree 178/2024 or at retirement age", () => {
    const left = demo.people.filter((p) => p.leftOn === "2025-06-30");
    expect(left.length).toBeGreaterThan(500);
    const reasons = new Set(left.map((p) => p.leftReason));
    expect(reasons).toContain("Nghỉ hưu trước tuổi theo Nghị định 178/2024/NĐ-CP");
    for (const p of left.filter((x) => x.leftReason === "Nghỉ hưu"))
      expect(retirementOf(p.sex, p.birthDate, SEED_RETIREMENT_SCHEDULES).retirementDate).toBe("2025-06-30");
  });

  it("keeps the non-local shares of the old heads on their last day", () => {
    const s = peopleStats(
      demo.people,
      demo.org,
      "2025-06-30",
      (p) => retirementOf(p.sex, p.birthDate, SEED_RETIREMENT_SCHEDULES).retirementDate,
    );
    expect(s.nonLocal.districtSecretaries.of).toBe(30);
    expect(Math.abs(ratio(s.nonLocal.districtSecretaries) - 28 / 30)).toBeLessThanOrEqual(1 / 30 + 1e-9);
    expect(Math.abs(ratio(s.nonLocal.communeSecretaries) - 0.6839)).toBeLessThan(0.03);
  });

  it("records home towns as places of the official lists, from Hà Nội and neighbouring provinces", () => {
    const known = demo.people.filter((p) => p.homeTown !== null);
    expect(known.length / demo.people.length).toBeGreaterThan(0.99);
    const outside = known.filter((p) => !p.homeTownText.endsWith("Thành phố Hà Nội"));
    expect(outside.length).toBeGreaterThan(50);
    expect(outside.every((p) => p.homeTown!.edition === "2025-03")).toBe(true);
  });
});

describe("people generator: training courses", () => {
  const holdsOn = (row: { validFrom: string; validTo: string | null }, d: string) =>
    row.validFrom <= d && (row.validTo === null || row.validTo > d);
  /** Leaders of the tier on d (main post a leadership title), as indicator I5 counts them. */
  const leadersOf = (tier: string, d: string) =>
    demo.people.filter((p) => {
      const main = p.assignments.find((a) => a.isMain && holdsOn(a, d));
      return main && isLeadership(main.title) && p.tiers.some((t) => t.tier === tier && holdsOn(t, d));
    });
  const updatedWithin60Months = (p: PersonRecord, d: string) => {
    const after = addMonthsClamped(d, -60);
    return p.trainings.some(
      (c) =>
        c.kind === "knowledge_update" &&
        c.completedOn !== null &&
        c.completedOn > after &&
        c.completedOn <= d,
    );
  };

  it.each([SEED_REFERENCE_DATE, "2024-01-01", "2020-07-01"])(
    "gives ≥ 95% of the city standing committee's leaders on %s a knowledge update within 60 months (I5)",
    (d) => {
      const leaders = leadersOf("city_standing", d);
      expect(leaders.length).toBeGreaterThan(100);
      const updated = leaders.filter((p) => updatedWithin60Months(p, d)).length;
      expect(updated / leaders.length).toBeGreaterThanOrEqual(0.95);
    },
  );

  it("gives about 30% of the other leaders a leadership and management course, and nobody else", () => {
    const everLeader = demo.people.filter((p) =>
      p.assignments.some((a) => a.isMain && isLeadership(a.title)),
    );
    const updated = new Set(
      demo.people.filter((p) => p.trainings.some((c) => c.kind === "knowledge_update")),
    );
    const others = everLeader.filter((p) => !updated.has(p));
    const withCourse = others.filter((p) => p.trainings.some((c) => c.kind === "leadership_management"));
    expect(others.length).toBeGreaterThan(1000);
    expect(withCourse.length / others.length).toBeGreaterThan(0.2);
    expect(withCourse.length / others.length).toBeLessThan(0.4);
    const staff = demo.people.filter((p) => !everLeader.includes(p));
    expect(staff.every((p) => p.trainings.length === 0)).toBe(true);
  });

  it("keeps courses in order, after birth and by the reference date, and few", () => {
    let rows = 0;
    for (const p of demo.people) {
      for (const c of p.trainings) {
        rows++;
        expect(c.startedOn > p.birthDate, p.staffCode).toBe(true);
        if (c.completedOn === null) {
          expect(p.leftOn, p.staffCode).toBeNull();
          continue;
        }
        expect(c.completedOn >= c.startedOn, p.staffCode).toBe(true);
        expect(c.completedOn < SEED_REFERENCE_DATE, p.staffCode).toBe(true);
        if (p.leftOn !== null) expect(c.completedOn <= p.leftOn, p.staffCode).toBe(true);
      }
    }
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(demo.people.length);
  });
});

describe("national organisation", () => {
  it("has 34 provinces with communes and generates valid people for a slice", () => {
    const org = organisationOf("national", 1);
    expect(org.units.filter((u) => !u.parentKey)).toHaveLength(34);
    expect(org.units.filter((u) => u.kind === "commune" || u.kind === "ward").length).toBe(3321);
    const seats = planSeats(org);
    expect(seats.reduce((s, x) => s + x.quota, 0)).toBeGreaterThan(1_800_000);
    const plan = planPeople(org, seats, { seed: 1, fill: fillOf("national") });
    let n = 0;
    for (const p of generatePeople(plan)) {
      expect(p.staffCode).toMatch(/^VN[0-9]{7}$/);
      expect(p.assignments.every((a) => a.validFrom >= org.recordsFrom)).toBe(true);
      expect(p.tiers.length).toBeGreaterThan(0);
      if (++n >= 2000) break;
    }
  }, 60_000);
});

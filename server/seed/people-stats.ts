import { STANDING_COMMITTEE_TIERS } from "../../common/enums/cadres.ts";
import { ageAt } from "../../common/rules/age.ts";
import type { SeedOrganisation } from "./organisation.ts";
import type { PersonRecord } from "./people.ts";

const PROFESSIONAL_RANK: Record<string, number> = {
  untrained: 0,
  elementary: 10,
  intermediate: 20,
  college: 30,
  university: 40,
  master: 50,
  doctor: 60,
  doctor_of_science: 70,
};
const THEORY_RANK: Record<string, number> = { elementary: 10, intermediate: 20, senior: 30, bachelor: 31 };

/** A share as numerator / denominator. */
export type Share = { n: number; of: number };

/** The figures the seed is tuned to (DOMAIN §2), computed from generated records as of a date. */
export type PeopleStats = {
  people: number;
  serving: number;
  women: Share;
  meanAge: number;
  minAge: number;
  maxAge: number;
  /** Serving people past their retirement date (must be none). */
  pastRetirement: number;
  standing: { women: Share; young: Share };
  cityStandingMasters: Share;
  departmentCommitteeUniversityAndTheory: Share;
  nonLocal: {
    districtSecretaries: Share;
    districtChairs: Share;
    communeSecretaries: Share;
    communeChairs: Share;
  };
};

const share = (): Share => ({ n: 0, of: 0 });

/**
 * Indicator-style figures over generated records (pure; the loader's tests compute the same from the
 * database). Young: under 40 in every standing-committee tier (DOMAIN §2 default).
 */
export function peopleStats(
  people: Iterable<PersonRecord>,
  org: SeedOrganisation,
  at: string,
  retirementDateOf: (p: PersonRecord) => string,
): PeopleStats {
  // The territory a post leads (its commune, else its district) and the territories holding each origin.
  const territoryOf = new Map(org.units.map((u) => [u.key, u.communeKey ?? u.districtKey ?? null]));
  const originOf = new Map(
    [...org.origins, ...org.outsideOrigins].flatMap((o) =>
      o.place ? [[`${o.place.edition}|${o.place.code}`, o] as const] : [],
    ),
  );
  const s: PeopleStats = {
    people: 0,
    serving: 0,
    women: share(),
    meanAge: 0,
    minAge: Number.POSITIVE_INFINITY,
    maxAge: 0,
    pastRetirement: 0,
    standing: { women: share(), young: share() },
    cityStandingMasters: share(),
    departmentCommitteeUniversityAndTheory: share(),
    nonLocal: {
      districtSecretaries: share(),
      districtChairs: share(),
      communeSecretaries: share(),
      communeChairs: share(),
    },
  };
  let ageSum = 0;
  for (const p of people) {
    s.people++;
    if (p.leftOn !== null && p.leftOn < at) continue;
    s.serving++;
    const isWoman = p.sex === "female";
    const age = ageAt(p.birthDate, at);
    ageSum += age;
    s.minAge = Math.min(s.minAge, age);
    s.maxAge = Math.max(s.maxAge, age);
    count(s.women, isWoman);
    if (retirementDateOf(p) < at) s.pastRetirement++;
    const holds = (from: string, to: string | null) => from <= at && (to === null || to > at);
    const tier = p.tiers.find((t) => holds(t.validFrom, t.validTo))?.tier;
    const main = p.assignments.find((a) => a.isMain && holds(a.validFrom, a.validTo));
    if (tier && STANDING_COMMITTEE_TIERS.includes(tier)) {
      count(s.standing.women, isWoman);
      count(s.standing.young, age < 40);
    }
    const best = (category: string, ranks: Record<string, number>) =>
      Math.max(
        -1,
        ...p.qualifications
          .filter((q) => q.category === category && q.obtainedOn <= at)
          .map((q) => ranks[q.levelCode] ?? -1),
      );
    if (tier === "city_standing") count(s.cityStandingMasters, best("professional", PROFESSIONAL_RANK) >= 50);
    if (tier === "department_committee") {
      count(
        s.departmentCommitteeUniversityAndTheory,
        best("professional", PROFESSIONAL_RANK) >= 40 && best("political_theory", THEORY_RANK) >= 20,
      );
    }
    if (main) {
      const target =
        main.title === "district_party_secretary"
          ? s.nonLocal.districtSecretaries
          : main.title === "district_committee_chair"
            ? s.nonLocal.districtChairs
            : main.title === "commune_party_secretary"
              ? s.nonLocal.communeSecretaries
              : main.title === "commune_committee_chair"
                ? s.nonLocal.communeChairs
                : null;
      if (target) {
        const origin = p.homeTown ? originOf.get(`${p.homeTown.edition}|${p.homeTown.code}`) : undefined;
        const territory = territoryOf.get(main.unitKey);
        count(target, !territory || !origin?.territories.includes(territory));
      }
    }
  }
  s.meanAge = s.serving ? ageSum / s.serving : 0;
  return s;
}

function count(x: Share, hit: boolean) {
  x.of++;
  if (hit) x.n++;
}

/** "33.4% (1,234/3,700)". */
export function formatShare(x: Share): string {
  return `${x.of ? ((100 * x.n) / x.of).toFixed(1) : "–"}% (${x.n}/${x.of})`;
}

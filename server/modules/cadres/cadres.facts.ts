import type {
  AssignmentRow,
  CadreComputed,
  QualificationRow,
  TierRow,
} from "../../../common/contracts/cadres.ts";
import { ageAt } from "../../../common/rules/age.ts";
import { highestQualification, holdsOn, monthsInPost, termEndDate } from "../../../common/rules/career.ts";
import { isLocalByPlaces, type LocalRule, type OriginRelation } from "../../../common/rules/local.ts";
import type { EffectiveRetirement } from "../../../common/rules/retirement-override.ts";
import type { PersonRow } from "./cadres.repo.ts";

/** Where the home town and the birthplace lie relative to the territory the main post leads. */
export type Origins = { homeTown: OriginRelation; birthplace: OriginRelation };

/** The main assignment holding on date d, if any. */
export function currentMain(assignments: readonly AssignmentRow[], d: string): AssignmentRow | undefined {
  return assignments.find((a) => a.isMain && holdsOn(a, d));
}

/** Facts of a record as of date d, from its rows; pure (the rules live in common/rules). */
export function computeFacts(input: {
  person: Pick<PersonRow, "sex" | "birthDate">;
  assignments: readonly AssignmentRow[];
  tiers: readonly TierRow[];
  qualifications: readonly QualificationRow[];
  origins: Origins;
  localRule: LocalRule;
  /** The retirement that applies on d, override included (retirementOn, common/rules/retirement-override.ts). */
  retirement: EffectiveRetirement;
  d: string;
}): CadreComputed {
  const { person, d } = input;
  const main = currentMain(input.assignments, d);
  // The leadership post whose term is counted: the main post when it is a leadership title, otherwise
  // the first concurrent leadership post.
  const leading = [...input.assignments]
    .filter((a) => a.isLeadership && holdsOn(a, d))
    .sort((a, b) => Number(b.isMain) - Number(a.isMain))[0];
  const best = (category: string) => {
    const q = highestQualification(input.qualifications, category, d);
    return q ? { code: q.levelCode, name: q.levelName, obtainedOn: q.obtainedOn } : null;
  };
  const { retirement } = input;
  return {
    asOf: d,
    age: ageAt(person.birthDate, d),
    retirement: {
      ageMonths: retirement.ageMonths,
      reachedOn: retirement.reachedOn,
      retirementDate: retirement.retirementDate,
      pensionFrom: retirement.pensionFrom,
      statutoryDate: retirement.statutoryDate,
      overrideKind: retirement.overrideKind,
    },
    current: main
      ? {
          assignmentId: main.id,
          unit: { id: main.unitId, name: main.unitName },
          title: { id: main.titleId, name: main.titleName },
          since: main.validFrom,
          monthsInPost: monthsInPost(main.validFrom, d),
        }
      : null,
    leadership: leading
      ? {
          assignmentId: leading.id,
          title: { id: leading.titleId, name: leading.titleName },
          appointedOn: leading.appointedOn ?? leading.validFrom,
          termEndDate: termEndDate(leading.appointedOn ?? leading.validFrom),
        }
      : null,
    tier: input.tiers.find((t) => holdsOn(t, d))?.tier ?? null,
    highestQualification: best("professional"),
    politicalTheory: best("political_theory"),
    stateManagement: best("state_management"),
    isLocal: main ? isLocalByPlaces(input.origins.homeTown, input.origins.birthplace, input.localRule) : null,
  };
}

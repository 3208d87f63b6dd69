import { WITHHELD_AS_OF } from "../../../common/contracts/cadres.ts";
import type { RecordParts } from "./cadres.presenter.ts";
import type { PersonRow } from "./cadres.repo.ts";

/**
 * A record as it stood on date d, for a reader whose scope covers the person on d but not today (an
 * office the person has since left). Pure: the rows are read as usual and cut here.
 *
 * - Rows that begin after d are left out (later posts, tiers, salaries, qualifications, courses, rewards).
 * - An end after d is not shown: on d the row still held (validTo null, a course not yet completed).
 * - The person's dated facts after d (joining the agency, Party admission, leaving…) are not shown.
 * - Details kept only as they are now (contact, residence, health, family) are withheld: nothing says
 *   they were on record on d (WITHHELD_AS_OF).
 */
export function recordAsOf(
  person: PersonRow,
  parts: RecordParts,
  d: string,
): { person: PersonRow; parts: RecordParts } {
  const after = (date: string | null) => date !== null && date > d;
  const period = <T extends { validFrom: string; validTo: string | null }>(rows: readonly T[]): T[] =>
    rows.filter((r) => r.validFrom <= d).map((r) => (after(r.validTo) ? { ...r, validTo: null } : r));
  const year = Number(d.slice(0, 4));
  const recruitedLater = after(person.recruitmentDate);
  const leftLater = after(person.leftOn);
  return {
    person: {
      ...person,
      ...Object.fromEntries(WITHHELD_AS_OF.filter((f) => f !== "family").map((f) => [f, null])),
      recruitmentDate: recruitedLater ? null : person.recruitmentDate,
      recruitmentAgency: recruitedLater ? null : person.recruitmentAgency,
      joinedAgencyDate: after(person.joinedAgencyDate) ? null : person.joinedAgencyDate,
      partyAdmissionDate: after(person.partyAdmissionDate) ? null : person.partyAdmissionDate,
      partyOfficialDate: after(person.partyOfficialDate) ? null : person.partyOfficialDate,
      academicTitleCode:
        person.academicTitleYear !== null && person.academicTitleYear > year
          ? null
          : person.academicTitleCode,
      academicTitleYear:
        person.academicTitleYear !== null && person.academicTitleYear > year
          ? null
          : person.academicTitleYear,
      leftOn: leftLater ? null : person.leftOn,
      leftReason: leftLater ? null : person.leftReason,
    },
    parts: {
      assignments: period(parts.assignments),
      tiers: period(parts.tiers),
      salaries: period(parts.salaries),
      workHistory: period(parts.workHistory),
      qualifications: parts.qualifications.filter((q) => q.obtainedOn <= d),
      trainings: parts.trainings
        .filter((c) => (c.startedOn ?? c.completedOn) !== null && (c.startedOn ?? c.completedOn)! <= d)
        .map((c) => (after(c.completedOn) ? { ...c, completedOn: null } : c)),
      rewards: parts.rewards.filter((r) => r.decidedOn <= d),
      family: undefined,
    },
  };
}

import type {
  AssignmentRow,
  CadreComputed,
  CadreDetail,
  CadreListItem,
  FamilyRow,
  QualificationRow,
  RewardRow,
  SalaryRow,
  TierRow,
  TrainingRow,
  WorkHistoryRow,
} from "../../../common/contracts/cadres.ts";
import type { Place } from "../../../common/contracts/places.ts";
import type { Sex, StaffType } from "../../../common/enums/cadres.ts";
import { ageAt } from "../../../common/rules/age.ts";
import type { BirthDatePrecision } from "../../../common/rules/birth-date.ts";
import type { PersonRow } from "./cadres.repo.ts";
import type { SearchRow } from "./search.repo.ts";

export type RecordParts = {
  assignments: AssignmentRow[];
  tiers: TierRow[];
  qualifications: QualificationRow[];
  trainings: TrainingRow[];
  salaries: SalaryRow[];
  rewards: RewardRow[];
  /** Loaded only when the actor may see it. */
  family: FamilyRow[] | undefined;
  workHistory: WorkHistoryRow[];
};

/**
 * The record as it leaves the server. Sensitive fields are nulled and listed in `masked`, and family
 * rows are left out, unless the actor may see them (cadres.policy.ts decides); `withheld` lists what a
 * record read as of a date leaves out (cadres.as-of.ts, nulled there).
 */
export function presentDetail(
  person: PersonRow,
  parts: RecordParts,
  computed: CadreComputed,
  masked: readonly CadreDetail["masked"][number][],
  withheld: readonly CadreDetail["withheld"][number][] = [],
  /** The places the record names (home town, birthplace), by id. */
  places: ReadonlyMap<number, Place> = new Map(),
): CadreDetail {
  const placeOf = (id: number | null) => (id === null ? null : (places.get(id) ?? null));
  const hidden = new Set(masked);
  const show = <T>(field: CadreDetail["masked"][number], value: T): T | null =>
    hidden.has(field) ? null : value;
  const detail: CadreDetail = {
    id: person.id,
    staffCode: person.staffCode,
    idNumber: show("idNumber", person.idNumber),
    fullName: person.fullName,
    otherNames: person.otherNames,
    sex: person.sex as Sex,
    birthDate: person.birthDate,
    birthDatePrecision: person.birthDatePrecision as BirthDatePrecision,
    birthplaceUnitId: person.birthplaceUnitId,
    birthplacePlaceId: person.birthplacePlaceId,
    birthplacePlace: placeOf(person.birthplacePlaceId),
    birthplaceText: person.birthplaceText,
    homeTownUnitId: person.homeTownUnitId,
    homeTownPlaceId: person.homeTownPlaceId,
    homeTownPlace: placeOf(person.homeTownPlaceId),
    homeTownText: person.homeTownText,
    ethnicityCode: show("ethnicityCode", person.ethnicityCode),
    religionCode: show("religionCode", person.religionCode),
    staffType: person.staffType as StaffType,
    phone: person.phone,
    email: person.email,
    residence: person.residence,
    occupationBeforeRecruitment: person.occupationBeforeRecruitment,
    recruitmentDate: person.recruitmentDate,
    recruitmentAgency: person.recruitmentAgency,
    joinedAgencyDate: person.joinedAgencyDate,
    partyAdmissionDate: person.partyAdmissionDate,
    partyOfficialDate: person.partyOfficialDate,
    generalEducation: person.generalEducation,
    academicTitleCode: person.academicTitleCode,
    academicTitleYear: person.academicTitleYear,
    honoraryTitle: person.honoraryTitle,
    health: show("health", person.health),
    strengths: person.strengths,
    leftOn: person.leftOn,
    leftReason: person.leftReason,
    version: person.version,
    updatedAt: person.updatedAt.toISOString(),
    masked: [...masked],
    withheld: [...withheld],
    computed,
    assignments: parts.assignments,
    tiers: parts.tiers,
    qualifications: parts.qualifications,
    trainings: parts.trainings,
    salaries: parts.salaries,
    rewards: parts.rewards,
    workHistory: parts.workHistory,
  };
  if (!hidden.has("family") && !withheld.includes("family") && parts.family) detail.family = parts.family;
  return detail;
}

/** A row of the cadre list; it carries no sensitive field at all. */
export function presentListItem(row: SearchRow, d: string): CadreListItem {
  return {
    id: row.id,
    staffCode: row.staffCode,
    fullName: row.fullName,
    sex: row.sex,
    birthDate: row.birthDate,
    birthDatePrecision: row.birthDatePrecision,
    age: ageAt(row.birthDate, d),
    unit: row.unitId !== null ? { id: row.unitId, name: row.unitName ?? "" } : null,
    title: row.titleId !== null ? { id: row.titleId, name: row.titleName ?? "" } : null,
    staffType: row.staffType,
    tier: row.tier,
    highestQualification:
      row.qualificationCode !== null
        ? { code: row.qualificationCode, name: row.qualificationName ?? "" }
        : null,
    politicalTheory:
      row.politicalTheoryCode !== null
        ? { code: row.politicalTheoryCode, name: row.politicalTheoryName ?? "" }
        : null,
  };
}

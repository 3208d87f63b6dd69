import { addMonthsClamped, splitDate } from "./age.ts";
import type { IsoDate } from "./dates.ts";

/** Minimum age at first recruitment (Labour Code 2019 art. 143: a worker is at least 15). */
export const MIN_RECRUITMENT_AGE = 15;
/** Minimum age at Party admission (Party Charter art. 1: from 18). */
export const MIN_PARTY_AGE = 18;

/** The dated facts of a person that must agree with each other. */
export type PersonDates = {
  birthDate: IsoDate;
  recruitmentDate?: IsoDate | null | undefined;
  joinedAgencyDate?: IsoDate | null | undefined;
  partyAdmissionDate?: IsoDate | null | undefined;
  partyOfficialDate?: IsoDate | null | undefined;
  academicTitleYear?: number | null | undefined;
  leftOn?: IsoDate | null | undefined;
};

/** One inconsistency: the field it is reported on and a stable reason code. */
export type DateProblem = { field: keyof PersonDates; problem: string };

/**
 * Checks that a person's dates are real-world consistent: born in the past, recruited after the minimum
 * working age, joined the current agency after the first recruitment, Party admission after 18 and full
 * membership after admission, left after recruitment. Returns every problem found (empty when consistent).
 */
export function checkPersonDates(p: PersonDates, today: IsoDate): DateProblem[] {
  const problems: DateProblem[] = [];
  if (p.birthDate > today) problems.push({ field: "birthDate", problem: "in_future" });
  if (p.birthDate < "1900-01-01") problems.push({ field: "birthDate", problem: "too_early" });
  const after = (years: number) => addMonthsClamped(p.birthDate, years * 12);
  if (p.recruitmentDate) {
    if (p.recruitmentDate <= p.birthDate)
      problems.push({ field: "recruitmentDate", problem: "before_birth" });
    else if (p.recruitmentDate < after(MIN_RECRUITMENT_AGE))
      problems.push({ field: "recruitmentDate", problem: "under_working_age" });
    if (p.recruitmentDate > today) problems.push({ field: "recruitmentDate", problem: "in_future" });
  }
  if (p.joinedAgencyDate) {
    if (p.joinedAgencyDate <= p.birthDate)
      problems.push({ field: "joinedAgencyDate", problem: "before_birth" });
    else if (p.recruitmentDate && p.joinedAgencyDate < p.recruitmentDate)
      problems.push({ field: "joinedAgencyDate", problem: "before_recruitment" });
  }
  if (p.partyAdmissionDate) {
    if (p.partyAdmissionDate < after(MIN_PARTY_AGE))
      problems.push({ field: "partyAdmissionDate", problem: "under_party_age" });
    if (p.partyAdmissionDate > today) problems.push({ field: "partyAdmissionDate", problem: "in_future" });
  }
  if (p.partyOfficialDate) {
    if (!p.partyAdmissionDate) problems.push({ field: "partyOfficialDate", problem: "without_admission" });
    else if (p.partyOfficialDate <= p.partyAdmissionDate)
      problems.push({ field: "partyOfficialDate", problem: "before_admission" });
  }
  if (p.academicTitleYear != null && p.academicTitleYear <= splitDate(p.birthDate).y)
    problems.push({ field: "academicTitleYear", problem: "before_birth" });
  if (p.leftOn) {
    if (p.leftOn <= p.birthDate) problems.push({ field: "leftOn", problem: "before_birth" });
    else if (p.recruitmentDate && p.leftOn < p.recruitmentDate)
      problems.push({ field: "leftOn", problem: "before_recruitment" });
  }
  return problems;
}

/** A personal ID number (căn cước): exactly 12 digits. */
export const ID_NUMBER_PATTERN = /^[0-9]{12}$/;

/**
 * Checks the structure of a 12-digit personal ID number against the person (Circular 59/2021/TT-BCA
 * art. 7): digits 1–3 are the province of birth registration, digit 4 encodes century and sex (0/1 for
 * men/women born 1900–1999, 2/3 for 2000–2099, 4/5, 6/7, 8/9 for the next centuries) and digits 5–6 are
 * the last two digits of the birth year. Returns the mismatching parts (empty when consistent).
 */
export function idNumberProblems(idNumber: string, sex: "male" | "female", birthDate: IsoDate): string[] {
  if (!ID_NUMBER_PATTERN.test(idNumber)) return ["format"];
  const problems: string[] = [];
  const year = splitDate(birthDate).y;
  const code = Number(idNumber[3]);
  const century = Math.floor(code / 2);
  const isFemale = code % 2 === 1;
  if (1900 + century * 100 !== Math.floor(year / 100) * 100) problems.push("century");
  if (isFemale !== (sex === "female")) problems.push("sex");
  if (idNumber.slice(4, 6) !== String(year % 100).padStart(2, "0")) problems.push("birth_year");
  return problems;
}

/** The century-and-sex digit of an ID number for a person (the inverse of the check above). */
export function idNumberSexCenturyDigit(sex: "male" | "female", birthYear: number): number {
  return (Math.floor(birthYear / 100) - 19) * 2 + (sex === "female" ? 1 : 0);
}

import type { Dayjs } from "dayjs";
import type { CadreDetail, SensitiveField } from "../../../../common/contracts/cadres.ts";
import { SENSITIVE_FIELDS } from "../../../../common/contracts/cadres.ts";
import { isoOrNull, pickerOf, textOrNull } from "./form-values.ts";

/** The person's own fields the edit form changes, by how their values are carried. */
export const PERSON_TEXT_FIELDS = [
  "staffCode",
  "idNumber",
  "fullName",
  "otherNames",
  "birthplaceText",
  "homeTownText",
  "phone",
  "email",
  "residence",
  "occupationBeforeRecruitment",
  "recruitmentAgency",
  "generalEducation",
  "honoraryTitle",
  "health",
  "strengths",
  "leftReason",
] as const;
export const PERSON_DATE_FIELDS = [
  "birthDate",
  "recruitmentDate",
  "joinedAgencyDate",
  "partyAdmissionDate",
  "partyOfficialDate",
  "leftOn",
] as const;
export const PERSON_CHOICE_FIELDS = [
  "sex",
  "birthDatePrecision",
  "staffType",
  "ethnicityCode",
  "religionCode",
  "academicTitleCode",
] as const;
export const PERSON_NUMBER_FIELDS = ["academicTitleYear"] as const;

export const PERSON_FIELDS = [
  ...PERSON_TEXT_FIELDS,
  ...PERSON_DATE_FIELDS,
  ...PERSON_CHOICE_FIELDS,
  ...PERSON_NUMBER_FIELDS,
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export type PersonFormValues = Partial<Record<PersonField, unknown>> & { reason?: string };

/** The form's values for a record. */
export function personToForm(cadre: CadreDetail): PersonFormValues {
  const values: PersonFormValues = {};
  for (const f of PERSON_TEXT_FIELDS) values[f] = cadre[f] ?? undefined;
  for (const f of PERSON_DATE_FIELDS) values[f] = pickerOf(cadre[f]);
  for (const f of PERSON_CHOICE_FIELDS) values[f] = cadre[f] ?? undefined;
  for (const f of PERSON_NUMBER_FIELDS) values[f] = cadre[f] ?? undefined;
  return values;
}

/** The API's values for the form's (every person field; empty ones null). */
export function personFromForm(values: PersonFormValues): Record<PersonField, unknown> {
  const body = {} as Record<PersonField, unknown>;
  for (const f of PERSON_TEXT_FIELDS) body[f] = textOrNull(values[f]);
  for (const f of PERSON_DATE_FIELDS) body[f] = isoOrNull(values[f] as Dayjs | null | undefined);
  for (const f of PERSON_CHOICE_FIELDS) body[f] = values[f] ?? null;
  for (const f of PERSON_NUMBER_FIELDS) body[f] = typeof values[f] === "number" ? values[f] : null;
  // Known to the day unless the form says otherwise (the API takes no null here).
  body.birthDatePrecision ??= "day";
  return body;
}

export function isSensitive(field: string): field is SensitiveField {
  return (SENSITIVE_FIELDS as readonly string[]).includes(field);
}

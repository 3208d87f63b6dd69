import type { FormRule as Rule } from "antd";
import type { TFunction } from "i18next";
import { UNIT_NAME_MAX } from "../../../../common/contracts/units.ts";
import type { UnitKind } from "../../../../common/enums/units.ts";

/** The same limits as UnitNameSchema on the server. */
export function unitNameRules(t: TFunction): Rule[] {
  return [
    { required: true, whitespace: true, message: t("unitForm.nameRequired") },
    { max: UNIT_NAME_MAX, message: t("unitForm.nameTooLong", { max: UNIT_NAME_MAX }) },
  ];
}

/** The same limits as UnitCodeSchema on the server. */
export function unitCodeRules(t: TFunction): Rule[] {
  return [
    { max: 32, message: t("unitForm.codeTooLong") },
    { pattern: /^[0-9A-Za-z._-]*$/, message: t("unitForm.codeInvalid") },
  ];
}

export function reasonRules(t: TFunction): Rule[] {
  return [{ max: 1000, message: t("unitForm.reasonTooLong") }];
}

/** The optional reason as the API wants it: trimmed, absent when empty. */
export function reasonOf(text: string | undefined): string | undefined {
  const reason = text?.trim();
  return reason ? reason : undefined;
}

/** The kind a new child most likely has: districts under the city, communes under a district. */
export function likelyChildKind(parentKind: UnitKind): UnitKind {
  switch (parentKind) {
    case "city":
      return "district";
    case "district":
    case "town":
      return "commune";
    case "people_committee":
    case "department":
    case "agency":
      return "division";
    default:
      return "other";
  }
}

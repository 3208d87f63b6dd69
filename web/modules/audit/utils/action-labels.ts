import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTIONS,
  type AuditLabel,
  auditActionLabel,
} from "../../../../common/enums/audit.ts";
import type { Language } from "../../../app/i18n/i18n.ts";

/** A person's name for an action (common/enums/audit.ts); unknown actions (newer server) are shown as they are. */
export function actionLabel(action: string, language: Language): string {
  return auditActionLabel(action, language);
}

export type ActionOption = { value: string; label: string };

/** The options of the action filter: each group's prefix, then its actions. */
export function actionOptions(language: Language): { label: string; options: ActionOption[] }[] {
  return Object.entries(AUDIT_ACTION_GROUPS).map(([prefix, group]) => ({
    label: group[language],
    options: [
      { value: prefix, label: group[language] },
      ...(Object.entries(AUDIT_ACTIONS) as [string, AuditLabel][])
        .filter(([action]) => action.startsWith(prefix))
        .map(([action, label]) => ({ value: action, label: label[language] })),
    ],
  }));
}

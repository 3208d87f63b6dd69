import type { Code } from "../../../../common/contracts/codes.ts";
import { MANAGEMENT_TIERS, type ManagementTier } from "../../../../common/enums/cadres.ts";
import { codePeriodProblem } from "../../../../common/rules/code-validity.ts";
import type { Language } from "../../../app/i18n/i18n.ts";
import type { CodeLists } from "./code-names.ts";

/**
 * Names of the management tiers from the dated code list `management_tier` (DOMAIN §9): the list's
 * Vietnamese name, its English one in English; the translation file's label while the list is loading.
 */
export function tierName(
  lists: CodeLists | undefined,
  tier: ManagementTier,
  language: Language,
  fallback: (tier: ManagementTier) => string,
): string {
  const entry = lists?.get("management_tier")?.find((c) => c.code === tier);
  if (!entry) return fallback(tier);
  return language === "en" && entry.nameEn ? entry.nameEn : entry.name;
}

/**
 * Tiers a row over [from, to) may use: active entries in force on every day of it (the district tier only
 * up to 30/6/2025), in the order of MANAGEMENT_TIERS. Without a start date, every active tier. `keep`
 * stays offered (a stored row being corrected keeps showing its tier).
 */
export function tierOptions(
  lists: CodeLists | undefined,
  language: Language,
  fallback: (tier: ManagementTier) => string,
  period: { from?: string | null; to?: string | null; keep?: string | null } = {},
): { value: ManagementTier; label: string }[] {
  const entries = new Map<string, Code>((lists?.get("management_tier") ?? []).map((c) => [c.code, c]));
  return MANAGEMENT_TIERS.filter((tier) => {
    if (tier === period.keep) return true;
    const entry = entries.get(tier);
    if (!entry) return entries.size === 0; // list not loaded yet: offer the fixed codes
    if (!entry.isActive) return false;
    return !period.from || codePeriodProblem(entry, period.from, period.to ?? null) === null;
  }).map((tier) => ({ value: tier, label: tierName(lists, tier, language, fallback) }));
}

import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { ManagementTier } from "../../../../common/enums/cadres.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { tierName, tierOptions } from "../utils/tier-names.ts";
import { useCodes } from "./use-cadre-queries.ts";

/** Tier names and pickers from the dated code list `management_tier`, in the user's language. */
export function useTierNames() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const codes = useCodes();
  const fallback = useCallback((tier: ManagementTier) => t(`tier.${tier}`), [t]);
  const name = useCallback(
    (tier: ManagementTier) => tierName(codes.data, tier, language, fallback),
    [codes.data, language, fallback],
  );
  const options = useCallback(
    (period: { from?: string | null; to?: string | null; keep?: string | null } = {}) =>
      tierOptions(codes.data, language, fallback, period),
    [codes.data, language, fallback],
  );
  return { name, options };
}

import type { ManagementTier } from "../../../../common/enums/cadres.ts";
import { useTierNames } from "../hooks/use-tier-names.ts";

/** A management tier as the code list names it (DOMAIN §9). */
export function TierName({ tier }: { tier: ManagementTier }) {
  return <>{useTierNames().name(tier)}</>;
}

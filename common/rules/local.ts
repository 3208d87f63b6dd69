/**
 * "Local" (người địa phương) under the non-local heads policy (DOMAIN §2, indicator I7; Regulation
 * 65-QĐ/TW on rotation): a head is local when their home town (quê quán) lies in the same district-level
 * unit as the post. The rule is a setting: it may also count the birthplace [default: home town only].
 */
export type LocalRule = {
  /** Also count a birthplace in the post's district-level unit as local. */
  includeBirthplace: boolean;
};

export const DEFAULT_LOCAL_RULE: LocalRule = { includeBirthplace: false };

/** District-level units (ids) of the person's home town and birthplace; null when not recorded. */
export type Origins = { homeTownDistrictId: number | null; birthplaceDistrictId?: number | null };

/**
 * True when the person is local to the post's district-level unit, false when not, null when it cannot be
 * told (the post has no district-level unit, or the origin the rule needs is not recorded).
 */
export function isLocal(
  origins: Origins,
  postDistrictId: number | null,
  rule: LocalRule = DEFAULT_LOCAL_RULE,
): boolean | null {
  if (postDistrictId === null) return null;
  if (origins.homeTownDistrictId === postDistrictId) return true;
  const birthplace = origins.birthplaceDistrictId ?? null;
  if (rule.includeBirthplace && birthplace === postDistrictId) return true;
  // Unknown origins make the answer unknown, not "not local".
  if (origins.homeTownDistrictId === null && (!rule.includeBirthplace || birthplace === null)) return null;
  return false;
}

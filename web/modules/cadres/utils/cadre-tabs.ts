/** The tabs of a record, following the sections of the standard CV. */
export const CADRE_TABS = [
  "general",
  "assignments",
  "tiers",
  "qualifications",
  "trainings",
  "salaries",
  "rewards",
  "family",
  "work-history",
] as const;
export type CadreTab = (typeof CADRE_TABS)[number];

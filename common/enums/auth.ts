/** Roles of DESIGN §5. A user may hold several. */
export const ROLES = ["admin", "officer", "leader", "reviewer", "cadre", "vetting_officer"] as const;
export type Role = (typeof ROLES)[number];

/** Permissions checked by services; roles grant them (server/modules/auth/auth.policy.ts). */
export const PERMISSIONS = [
  "units.read",
  "units.write",
  "audit.read",
  "users.manage",
  "system.backup",
  "posts.read",
  "posts.write",
  "codes.manage",
  "cadres.read",
  "cadres.write",
  "cadres.import",
  /** Unmasked ID number, religion, ethnicity, family, health; every such read is audited. */
  "cadres.sensitive",
  /** Indicator figures and dashboards for the units in scope (names behind them also need cadres.read). */
  "indicators.read",
  /** Add versions to the indicator catalogue. */
  "indicators.manage",
  /** Evaluations (DOMAIN §3) of the people in scope: periods, forms, the unit's distribution. */
  "evaluations.read",
  /** Review and grade the forms submitted in scope (the leader who assigned the work). */
  "evaluations.review",
  /** Decide (approve), return or reopen the reviewed forms in scope (the head of unit). */
  "evaluations.approve",
  /** Open and close evaluation periods for the units in scope. */
  "evaluations.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

import type { Permission, Role } from "../../common/enums/auth.ts";

/**
 * Who may call which route: the table the authorisation matrix (authz-matrix.test.ts) turns into one case
 * per route × caller × target in or out of the caller's scope. Every route the app registers must have a
 * line here, and every line must name a route that exists, so a new route cannot skip the matrix.
 */

/** The callers: one account per role (all but the admin scoped to district A), and no session at all. */
export const CALLERS = [
  "anonymous",
  "admin",
  "officer",
  "officer_sensitive",
  "leader",
  "reviewer",
  "cadre",
  "vetting_officer",
  "must_change_password",
] as const;
export type Caller = (typeof CALLERS)[number];

export type Account = {
  roles: Role[];
  extraPermissions?: Permission[];
  /** The account belongs to a cadre whose record lies in district A. */
  ownsRecord?: boolean;
  mustChangePassword?: boolean;
};

export const ACCOUNTS: Record<Exclude<Caller, "anonymous">, Account> = {
  admin: { roles: ["admin"] },
  officer: { roles: ["officer"] },
  officer_sensitive: { roles: ["officer"], extraPermissions: ["cadres.sensitive"] },
  leader: { roles: ["leader"] },
  reviewer: { roles: ["reviewer"] },
  cadre: { roles: ["cadre"], ownsRecord: true },
  vetting_officer: { roles: ["vetting_officer"] },
  must_change_password: { roles: ["officer"], mustChangePassword: true },
};

/**
 * What each role grants, as the matrix expects it. The test checks it equals ROLE_PERMISSIONS, so a change
 * of grants is a change of this table too, and shows in review next to the routes it opens.
 */
export const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
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
    "cadres.sensitive",
    "indicators.read",
    "indicators.manage",
    "evaluations.read",
    "evaluations.manage",
  ],
  officer: [
    "units.read",
    "units.write",
    "posts.read",
    "cadres.read",
    "cadres.write",
    "cadres.import",
    "indicators.read",
    "evaluations.read",
    "evaluations.manage",
  ],
  leader: [
    "units.read",
    "posts.read",
    "cadres.read",
    "indicators.read",
    "evaluations.read",
    "evaluations.approve",
  ],
  reviewer: ["units.read", "posts.read", "evaluations.read", "evaluations.review"],
  cadre: [],
  vetting_officer: [],
};

/**
 * Behaviour decided but built on other branches. While a flag is true, the cases it changes are run as
 * expected failures (`it.fails`); set it to false once the branch is merged, and they must pass.
 */
export const PENDING = {
  /** Titles and seats are city-wide reference data: only admins change them. */
  postsAdminOnly: false,
  /** A session that must change its password gets 403 everywhere but MUST_CHANGE_PASSWORD_ALLOWED. */
  mustChangePassword: false,
};

/** The routes a session that must change its password may still use (besides public ones). */
export const MUST_CHANGE_PASSWORD_ALLOWED: readonly string[] = [
  "GET /api/auth/me",
  "POST /api/auth/logout",
  "POST /api/auth/password",
];

/**
 * The answer a case expects:
 * - ok: 2xx (3xx for the public documentation pages);
 * - unauthenticated: 401 UNAUTHENTICATED;
 * - forbidden: 403 (the caller lacks a permission, whatever the target);
 * - hidden: 404, exactly as for a target that does not exist (out of scope reads as not found);
 * - empty: 200 with no items (a list filtered to the caller's scope);
 * - rows-refused: an import's report listing the row as bad, nothing written (the import's answer to a row
 *   placed outside the scope, worded as for a unit code that does not exist);
 * - a status and code of its own.
 */
export type Outcome =
  | "ok"
  | "unauthenticated"
  | "forbidden"
  | "hidden"
  | "empty"
  | "rows-refused"
  | { status: number; code: string };

export type Rule = {
  /**
   * public: no session needed; session: any signed-in user; admin: the admin role itself (not a
   * permission an officer could be granted); or every permission listed.
   */
  needs: "public" | "session" | "admin" | readonly Permission[];
  /** The route acts on something in a unit subtree: a caller reaches it only inside their scope. */
  scoped?: boolean;
  /** The answer to a caller holding the permission but aiming outside their scope (default hidden). */
  outside?: Outcome;
  /** Callers whose answers differ from the rule: [in scope, out of scope] (own records, own jobs). */
  callers?: Partial<Record<Caller, readonly [Outcome, Outcome]>>;
  /** The line's expectation depends on a pending change (see PENDING). */
  pending?: keyof typeof PENDING;
};

const READ_CADRES: Rule = { needs: ["cadres.read"], scoped: true };
const WRITE_CADRES: Rule = { needs: ["cadres.write"], scoped: true };
const WRITE_SENSITIVE: Rule = { needs: ["cadres.write", "cadres.sensitive"], scoped: true };
const READ_INDICATORS: Rule = { needs: ["indicators.read"], scoped: true };
/** Import jobs belong to the user who started them (the officer's job is "in", another officer's "out"). */
const OWN_JOB: Rule = {
  needs: "session",
  scoped: true,
  callers: {
    admin: ["ok", "ok"],
    officer: ["ok", "hidden"],
    officer_sensitive: ["hidden", "hidden"],
    leader: ["hidden", "hidden"],
    reviewer: ["hidden", "hidden"],
    cadre: ["hidden", "hidden"],
    vetting_officer: ["hidden", "hidden"],
    must_change_password: ["hidden", "hidden"],
  },
};

const READ_EVALUATIONS: Rule = { needs: ["evaluations.read"], scoped: true };
const MANAGE_EVALUATIONS: Rule = { needs: ["evaluations.manage"], scoped: true };

/**
 * A step of the review chain on a form in the right state for it: only the caller holding that place gets
 * through (the cadre on their own form, the reviewer, the head); readers in scope are refused the step (403),
 * outside it the form does not exist (404); a cadre sees no one else's form; the admin reads every form but
 * holds no place in anyone's chain.
 */
function chainStep(owner: "cadre" | "reviewer" | "leader"): Rule {
  const readers = ["officer", "officer_sensitive", "leader", "reviewer"] as const;
  return {
    needs: "session",
    scoped: true,
    callers: {
      admin: ["forbidden", "forbidden"],
      ...Object.fromEntries(readers.map((c) => [c, ["forbidden", "hidden"]])),
      cadre: ["hidden", "hidden"],
      vetting_officer: ["forbidden", "forbidden"],
      [owner]: ["ok", "hidden"],
    },
  };
}

/** History routes of a cadre record, per kind: add, correct, end (dated kinds), delete. */
function historyRules(kind: string, rule: Rule, dated: boolean): Record<string, Rule> {
  return {
    [`POST /api/cadres/:id/${kind}`]: rule,
    [`PATCH /api/cadres/:id/${kind}/:rowId`]: rule,
    ...(dated ? { [`POST /api/cadres/:id/${kind}/:rowId/end`]: rule } : {}),
    [`DELETE /api/cadres/:id/${kind}/:rowId`]: rule,
  };
}

export const POLICY: Record<string, Rule> = {
  "GET /api/health": { needs: "public" },
  // The API description is public, as the routes it describes still check every call.
  "GET /api/docs": { needs: "public" },
  "GET /api/docs/": { needs: "public" },
  "GET /api/docs/static/index.html": { needs: "public" },
  "GET /api/docs/static/swagger-initializer.js": { needs: "public" },
  "GET /api/docs/static/*": { needs: "public" },
  "GET /api/docs/json": { needs: "public" },
  "GET /api/docs/yaml": { needs: "public" },

  "POST /api/auth/login": { needs: "public" },
  "POST /api/auth/logout": { needs: "session" },
  "GET /api/auth/me": { needs: "session" },
  "POST /api/auth/password": { needs: "session" },
  // Accounts: the admin role itself (users.manage cannot be granted beyond the roles).
  "GET /api/users": { needs: "admin" },
  "POST /api/users": { needs: "admin" },
  "PATCH /api/users/:id": { needs: "admin" },
  "POST /api/users/:id/disable": { needs: "admin" },
  "POST /api/users/:id/enable": { needs: "admin" },
  "POST /api/users/:id/password-reset": { needs: "admin" },
  "POST /api/users/:id/sessions/end": { needs: "admin" },

  // Scoped with masking for users without cadres.sensitive (the audit branch); today only admins read it.
  "GET /api/audit": { needs: ["audit.read"], scoped: true, outside: "empty" },

  "GET /api/units/tree": { needs: ["units.read"], scoped: true },
  "GET /api/units/:id": { needs: ["units.read"], scoped: true },
  // A parent outside the scope is refused as a parent that does not exist.
  "POST /api/units": {
    needs: ["units.write"],
    scoped: true,
    outside: { status: 422, code: "UNIT_PARENT_NOT_FOUND" },
  },
  "POST /api/units/:id/rename": { needs: ["units.write"], scoped: true },
  "POST /api/units/:id/move": { needs: ["units.write"], scoped: true },
  "POST /api/units/:id/end": { needs: ["units.write"], scoped: true },
  "POST /api/units/:id/place": { needs: ["units.write"], scoped: true },
  "POST /api/units/:id/code": { needs: ["units.write"], scoped: true },
  // A root has no parent, so no scope can hold it: only a caller whose scope is the whole tree creates one.
  "POST /api/units/roots": {
    needs: ["units.write"],
    callers: {
      officer: [
        { status: 403, code: "UNIT_ROOT_ADMIN_ONLY" },
        { status: 403, code: "UNIT_ROOT_ADMIN_ONLY" },
      ],
      officer_sensitive: [
        { status: 403, code: "UNIT_ROOT_ADMIN_ONLY" },
        { status: 403, code: "UNIT_ROOT_ADMIN_ONLY" },
      ],
    },
  },
  // The tree as of a date, cut to the caller's scope (units.transfer.test.ts checks what a scoped file holds).
  "GET /api/units/export": { needs: ["units.read"] },
  // A dry run placing a new commune under district A (units.transfer.test.ts checks rows outside the scope).
  "POST /api/units/import": { needs: ["units.write"] },

  // Code lists are reference data every screen needs; only admins change them.
  "GET /api/codes": { needs: "session" },
  "GET /api/codes/corrections": { needs: "session" },
  "POST /api/codes": { needs: ["codes.manage"] },
  "PATCH /api/codes/:list/:code": { needs: ["codes.manage"] },
  // Rule parameters are public law; only admins add a version.
  "GET /api/settings": { needs: "session" },
  "GET /api/settings/:key": { needs: "session" },
  "POST /api/settings/:key/versions": { needs: ["codes.manage"] },

  // The official lists of administrative units: reference data for every signed-in user, read only.
  "GET /api/places": { needs: "session" },
  "GET /api/places/:id": { needs: "session" },

  "GET /api/titles": { needs: "session" },
  // Titles and seats are city-wide reference data: admins change them.
  "POST /api/titles": { needs: "admin", pending: "postsAdminOnly" },
  "PATCH /api/titles/:id": { needs: "admin", pending: "postsAdminOnly" },
  "GET /api/seats": { needs: ["posts.read"], scoped: true },
  "POST /api/seats": { needs: "admin", scoped: true, pending: "postsAdminOnly" },
  "POST /api/seats/:id/end": { needs: "admin", scoped: true, pending: "postsAdminOnly" },

  "GET /api/cadres": READ_CADRES,
  // A person placed outside the scope is refused as such (403), the same answer as for a unit the caller
  // cannot see at all (one that does not exist), so the refusal does not tell which units exist.
  "POST /api/cadres": { ...WRITE_CADRES, outside: { status: 403, code: "ASSIGNMENT_UNIT_OUT_OF_SCOPE" } },
  "GET /api/cadres/me": {
    needs: "session",
    callers: Object.fromEntries(
      CALLERS.filter((c) => c !== "anonymous" && c !== "cadre").map((c) => [
        c,
        [
          { status: 404, code: "CADRE_NO_OWN_RECORD" },
          { status: 404, code: "CADRE_NO_OWN_RECORD" },
        ],
      ]),
    ),
  },
  "GET /api/cadres/export": READ_CADRES,
  "GET /api/cadres/trainings/export": READ_CADRES,
  "GET /api/cadres/:id": READ_CADRES,
  "PATCH /api/cadres/:id": WRITE_CADRES,
  "GET /api/cadres/:id/cv": READ_CADRES,
  "GET /api/cadres/retiring": READ_CADRES,
  "GET /api/cadres/retiring.xlsx": READ_CADRES,
  "GET /api/cadres/:id/retirement-overrides": READ_CADRES,
  "POST /api/cadres/:id/retirement-overrides": WRITE_CADRES,
  ...historyRules("assignments", WRITE_CADRES, true),
  ...historyRules("tiers", WRITE_CADRES, true),
  ...historyRules("qualifications", WRITE_CADRES, false),
  ...historyRules("trainings", WRITE_CADRES, false),
  ...historyRules("salaries", WRITE_CADRES, true),
  ...historyRules("rewards", WRITE_CADRES, false),
  ...historyRules("family", WRITE_SENSITIVE, false),
  ...historyRules("work-history", WRITE_CADRES, true),

  "GET /api/indicators": READ_INDICATORS,
  "GET /api/indicators/series": READ_INDICATORS,
  "GET /api/indicators/analysis": READ_INDICATORS,
  "GET /api/indicators/catalogue": { needs: ["indicators.read"] },
  "GET /api/indicators/catalogue/:code": { needs: ["indicators.read"] },
  "POST /api/indicators/catalogue/:code/versions": { needs: ["indicators.manage"] },
  "GET /api/indicators/:code": READ_INDICATORS,
  "GET /api/indicators/:code/people": { needs: ["indicators.read", "cadres.read"], scoped: true },
  "GET /api/indicators/:code/people.xlsx": { needs: ["indicators.read", "cadres.read"], scoped: true },
  "GET /api/indicators.xlsx": { needs: ["indicators.read"], scoped: true },
  "GET /api/indicators/analysis/below-target.xlsx": { needs: ["indicators.read"], scoped: true },
  "GET /api/indicators/:code/breakdown.xlsx": { needs: ["indicators.read"], scoped: true },

  "GET /api/evaluations/periods": READ_EVALUATIONS,
  "POST /api/evaluations/periods": MANAGE_EVALUATIONS,
  "GET /api/evaluations/periods/:id": READ_EVALUATIONS,
  "GET /api/evaluations/periods/:id/evaluations": READ_EVALUATIONS,
  // One's own form (users.cadre_id): nobody else has one in the period.
  "GET /api/evaluations/periods/:id/mine": {
    needs: "session",
    scoped: true,
    callers: Object.fromEntries(
      CALLERS.filter((c) => c !== "anonymous").map((c) => [
        c,
        c === "cadre" ? ["ok", "hidden"] : ["hidden", "hidden"],
      ]),
    ),
  },
  "POST /api/evaluations/periods/:id/close": MANAGE_EVALUATIONS,
  "GET /api/evaluations/:id": {
    ...READ_EVALUATIONS,
    callers: { cadre: ["hidden", "hidden"] },
  },
  "PUT /api/evaluations/:id/self-assessment": chainStep("cadre"),
  "POST /api/evaluations/:id/submit": chainStep("cadre"),
  "POST /api/evaluations/:id/review": chainStep("reviewer"),
  "POST /api/evaluations/:id/return": chainStep("reviewer"),
  "POST /api/evaluations/:id/approve": chainStep("leader"),
  "POST /api/evaluations/:id/reopen": chainStep("leader"),

  "GET /api/imports/template": { needs: ["cadres.import"] },
  "POST /api/imports/cadres": { needs: ["cadres.import"], scoped: true, outside: "rows-refused" },
  "GET /api/imports/:id": OWN_JOB,
  "GET /api/imports/:id/error-file": OWN_JOB,
};

/** The permissions a caller holds, by the table above. */
export function permissionsOf(caller: Caller): Set<Permission> {
  if (caller === "anonymous") return new Set();
  const account = ACCOUNTS[caller];
  return new Set([...account.roles.flatMap((r) => GRANTS[r]), ...(account.extraPermissions ?? [])]);
}

/** Callers whose scope is the whole tree. */
export function seesEverything(caller: Caller): boolean {
  return caller !== "anonymous" && ACCOUNTS[caller].roles.includes("admin");
}

function passes(rule: Rule, caller: Caller): boolean {
  if (rule.needs === "public" || rule.needs === "session") return true;
  if (rule.needs === "admin") return caller !== "anonymous" && ACCOUNTS[caller].roles.includes("admin");
  const held = permissionsOf(caller);
  return rule.needs.every((p) => held.has(p));
}

/**
 * The answer the route owes a caller, for a target in scope, out of scope, or none (routes that are not
 * scoped), with every pending change in place.
 */
export function expectedOutcome(route: string, caller: Caller, target: "in" | "out" | "none"): Outcome {
  return outcomeOf(route, caller, target, { mustChangePassword: true, postsAdminOnly: true });
}

/** Why a case is expected to fail on this branch (its change is pending), or undefined. */
export function pendingReason(
  route: string,
  caller: Caller,
  target: "in" | "out" | "none",
): string | undefined {
  const built = { mustChangePassword: !PENDING.mustChangePassword, postsAdminOnly: !PENDING.postsAdminOnly };
  const today = outcomeOf(route, caller, target, built);
  if (sameAnswer(today, expectedOutcome(route, caller, target))) return undefined;
  if (!built.mustChangePassword && caller === "must_change_password") return "mustChangePassword";
  return "postsAdminOnly";
}

/** Two outcomes a response cannot tell apart (a 403 with its own code is also "forbidden"). */
function sameAnswer(a: Outcome, b: Outcome): boolean {
  const status = (o: Outcome) => (o === "forbidden" ? 403 : typeof o === "string" ? o : o.status);
  if (a === "forbidden" || b === "forbidden") return status(a) === status(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function outcomeOf(
  route: string,
  caller: Caller,
  target: "in" | "out" | "none",
  built: Record<keyof typeof PENDING, boolean>,
): Outcome {
  const line = POLICY[route]!;
  const rule: Rule =
    line.pending === "postsAdminOnly" && !built.postsAdminOnly ? { ...line, needs: ["posts.write"] } : line;
  if (rule.needs === "public") return "ok";
  if (caller === "anonymous") return "unauthenticated";
  if (
    built.mustChangePassword &&
    caller === "must_change_password" &&
    !MUST_CHANGE_PASSWORD_ALLOWED.includes(route)
  )
    return "forbidden";
  const own = rule.callers?.[caller];
  if (own) return own[target === "out" ? 1 : 0];
  if (!passes(rule, caller)) return "forbidden";
  if (target === "out" && !seesEverything(caller)) return rule.outside ?? "hidden";
  return "ok";
}

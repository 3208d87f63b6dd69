import { PERMISSIONS, type Permission, type Role } from "../../common/enums/auth.ts";
import { AppError, CoreErrors } from "./errors.ts";

/** Who is asking: services take it first and check it (DESIGN §2, "services take actor first"). */
export type Actor = {
  kind: "user" | "system";
  userId: number | null;
  username: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  /** "all" for admins and the system; otherwise the roots of the unit subtrees the actor may reach. */
  scope: "all" | readonly number[];
  /** The actor's own cadre record, when the account belongs to a cadre. */
  cadreId?: number | null | undefined;
  requestId?: string | undefined;
  ip?: string | undefined;
};

/** What each role may do. Scope (which units) is separate: it comes from user_scopes. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
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
  // Sensitive fields are granted per user (users.extra_permissions), not by the officer role. Titles and
  // seats are reference data for the whole city (they drive the indicators): admins change them.
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

export function permissionsFor(roles: readonly Role[], extra: readonly string[] = []): Set<Permission> {
  const known = new Set<string>(PERMISSIONS);
  return new Set([
    ...roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []),
    ...(extra.filter((p) => known.has(p)) as Permission[]),
  ]);
}

/** Throws FORBIDDEN unless the actor holds the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission))
    throw new AppError(CoreErrors.FORBIDDEN, { details: { permission } });
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** The actor of CLI commands and start-up work: every permission, whole tree, named in the audit. */
export function systemActor(username = "system"): Actor {
  return {
    kind: "system",
    userId: null,
    username,
    roles: ["admin"],
    permissions: permissionsFor(["admin"]),
    scope: "all",
  };
}

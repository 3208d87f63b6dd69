import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type {
  Account,
  EndSessionsResult,
  ResetPasswordInput,
  ResetPasswordResult,
  UpdateUserInput,
} from "../../../common/contracts/users.ts";
import { UpdateUserSchema } from "../../../common/contracts/users.ts";
import type { Role } from "../../../common/enums/auth.ts";
import type { Db, Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { AuthErrors } from "./auth.errors.ts";
import { generatePassword, hashPassword } from "./auth.passwords.ts";
import { assertGrantable, authorizeUserManagement, passwordProblem } from "./auth.policy.ts";
import { users } from "./schema.ts";
import {
  allScopes,
  allUsers,
  deleteSessions,
  existingUnits,
  lockAdminCount,
  lockUser,
  openSessionCounts,
  otherActiveAdmins,
  replaceScope,
  scopeOf,
  type UserRow,
  unitLabels,
} from "./users.repo.ts";

type Deps = { db: Db; audit: Pick<AuditService, "record">; clock: Clock };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** What the audit keeps of an account: never its password or hash. */
function auditedFields(u: UserRow, scopeUnitIds: readonly number[]) {
  return {
    displayName: u.displayName,
    roles: u.roles,
    scopeUnitIds: [...scopeUnitIds],
    extraPermissions: u.extraPermissions,
    isActive: u.isActive,
  };
}

/**
 * Account management by administrators: list, change roles and scope, disable and enable, reset a
 * password, end sessions. Every change runs in one transaction with its audit row. The system keeps at
 * least one active administrator: changes that could remove the last one are serialised
 * (lockAdminCount) and refused with AUTH_LAST_ADMIN.
 */
export function createUsersService({ db, audit, clock }: Deps) {
  async function present(tx: Executor, u: UserRow, scopeUnitIds?: readonly number[]): Promise<Account> {
    const scope = scopeUnitIds ?? (await scopeOf(tx, u.id));
    const labels = await unitLabels(tx, scope, clock.today());
    const sessions = await openSessionCounts(tx, clock.now(), [u.id]);
    return toAccount(
      u,
      scope.map((id) => scopeUnit(id, labels)),
      sessions.get(u.id) ?? 0,
    );
  }

  /** Every account, by user name, with the names of its scope's units today. */
  async function listAccounts(actor: Actor): Promise<Account[]> {
    authorizeUserManagement(actor);
    const rows = await allUsers(db);
    const scopes = await allScopes(db);
    const labels = await unitLabels(db, [...new Set(scopes.map((s) => s.unitId))], clock.today());
    const sessions = await openSessionCounts(db, clock.now());
    return rows.map((u) =>
      toAccount(
        u,
        scopes.filter((s) => s.userId === u.id).map((s) => scopeUnit(s.unitId, labels)),
        sessions.get(u.id) ?? 0,
      ),
    );
  }

  async function getAccount(actor: Actor, id: number): Promise<Account> {
    authorizeUserManagement(actor);
    const [row] = await db.select().from(users).where(eq(users.id, id));
    if (!row) throw new AppError(AuthErrors.AUTH_USER_NOT_FOUND);
    return present(db, row);
  }

  /** Display name, roles, scope and extra permissions: only the fields sent change. */
  async function updateUser(actor: Actor, id: number, raw: UpdateUserInput): Promise<Account> {
    authorizeUserManagement(actor);
    const input = UpdateUserSchema.parse(raw);
    if (input.extraPermissions) assertGrantable(input.extraPermissions);
    return db.transaction(async (tx) => {
      const losesAdmin = input.roles !== undefined && !input.roles.includes("admin");
      if (losesAdmin) await lockAdminCount(tx);
      const user = await lockUser(tx, id);
      if (!user) throw new AppError(AuthErrors.AUTH_USER_NOT_FOUND);
      const scope = await scopeOf(tx, id);
      if (losesAdmin && user.isActive && user.roles.includes("admin") && !(await otherActiveAdmins(tx, id)))
        throw new AppError(AuthErrors.AUTH_LAST_ADMIN);
      const nextScope = input.scopeUnitIds ? [...new Set(input.scopeUnitIds)].sort((a, b) => a - b) : scope;
      if (input.scopeUnitIds) {
        const found = await existingUnits(tx, nextScope);
        if (found.size !== nextScope.length) throw new AppError(AuthErrors.AUTH_SCOPE_UNIT_NOT_FOUND);
      }
      const [updated] = await tx
        .update(users)
        .set({
          ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
          ...(input.roles !== undefined ? { roles: [...new Set(input.roles)] } : {}),
          ...(input.extraPermissions !== undefined
            ? { extraPermissions: [...new Set(input.extraPermissions)] }
            : {}),
        })
        .where(eq(users.id, id))
        .returning();
      if (input.scopeUnitIds) await replaceScope(tx, id, nextScope);
      await audit.record(tx, actor, {
        action: "user.updated",
        entityType: "user",
        entityId: id,
        before: auditedFields(user, scope),
        after: auditedFields(updated!, nextScope),
      });
      return present(tx, updated!, nextScope);
    });
  }

  /**
   * Disables an account: it can no longer log in, and its sessions end at once (the session lookup also
   * refuses an inactive user, so a request already under way is the last one).
   */
  async function disableUser(actor: Actor, id: number): Promise<Account> {
    authorizeUserManagement(actor);
    if (actor.userId === id) throw new AppError(AuthErrors.AUTH_CANNOT_DISABLE_SELF);
    return db.transaction(async (tx) => {
      await lockAdminCount(tx);
      const user = await lockUser(tx, id);
      if (!user) throw new AppError(AuthErrors.AUTH_USER_NOT_FOUND);
      if (!user.isActive) throw new AppError(AuthErrors.AUTH_ALREADY_DISABLED);
      if (user.roles.includes("admin") && !(await otherActiveAdmins(tx, id)))
        throw new AppError(AuthErrors.AUTH_LAST_ADMIN);
      const [updated] = await tx.update(users).set({ isActive: false }).where(eq(users.id, id)).returning();
      const ended = await deleteSessions(tx, id);
      await audit.record(tx, actor, {
        action: "user.disabled",
        entityType: "user",
        entityId: id,
        before: { isActive: true },
        after: { isActive: false, sessionsEnded: ended },
      });
      return present(tx, updated!);
    });
  }

  async function enableUser(actor: Actor, id: number): Promise<Account> {
    authorizeUserManagement(actor);
    return db.transaction(async (tx) => {
      const user = await lockUser(tx, id);
      if (!user) throw new AppError(AuthErrors.AUTH_USER_NOT_FOUND);
      if (user.isActive) throw new AppError(AuthErrors.AUTH_ALREADY_ENABLED);
      const [updated] = await tx.update(users).set({ isActive: true }).where(eq(users.id, id)).returning();
      await audit.record(tx, actor, {
        action: "user.enabled",
        entityType: "user",
        entityId: id,
        before: { isActive: false },
        after: { isActive: true },
      });
      return present(tx, updated!);
    });
  }

  /**
   * Sets a new password the user must change at the next login: the administrator's, or a generated
   * one returned this once. The user's sessions end (whoever held them knew the old password).
   */
  async function resetPassword(
    actor: Actor,
    id: number,
    input: ResetPasswordInput,
  ): Promise<ResetPasswordResult> {
    authorizeUserManagement(actor);
    if (actor.userId === id) throw new AppError(AuthErrors.AUTH_CANNOT_RESET_OWN_PASSWORD);
    const [target] = await db.select({ username: users.username }).from(users).where(eq(users.id, id));
    if (!target) throw new AppError(AuthErrors.AUTH_USER_NOT_FOUND);
    const isGenerated = input.password === undefined;
    const password = input.password ?? generatePassword();
    const problem = passwordProblem(password, target.username);
    if (problem) throw new AppError(AuthErrors[problem]);
    const passwordHash = await hashPassword(password);
    return db.transaction(async (tx) => {
      const user = await lockUser(tx, id);
      if (!user) throw new AppError(AuthErrors.AUTH_USER_NOT_FOUND);
      const [updated] = await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: true, passwordChangedAt: clock.now() })
        .where(eq(users.id, id))
        .returning();
      const ended = await deleteSessions(tx, id);
      // Whether the password was generated, never the password itself.
      await audit.record(tx, actor, {
        action: "user.password_reset",
        entityType: "user",
        entityId: id,
        after: { generated: isGenerated, mustChangePassword: true, sessionsEnded: ended },
      });
      const account = await present(tx, updated!);
      return isGenerated ? { account, password } : { account };
    });
  }

  /** Ends every session of the user; an administrator ending their own keeps the one they are using. */
  async function endSessions(actor: Actor, id: number, currentToken?: string): Promise<EndSessionsResult> {
    authorizeUserManagement(actor);
    return db.transaction(async (tx) => {
      const user = await lockUser(tx, id);
      if (!user) throw new AppError(AuthErrors.AUTH_USER_NOT_FOUND);
      const keep = actor.userId === id && currentToken ? sha256(currentToken) : undefined;
      const ended = await deleteSessions(tx, id, keep);
      await audit.record(tx, actor, {
        action: "user.sessions_ended",
        entityType: "user",
        entityId: id,
        after: { sessionsEnded: ended },
      });
      return { account: await present(tx, user), ended };
    });
  }

  return { listAccounts, getAccount, updateUser, disableUser, enableUser, resetPassword, endSessions };
}

function scopeUnit(
  id: number,
  labels: Awaited<ReturnType<typeof unitLabels>>,
): Account["scopeUnits"][number] {
  const label = labels.get(id);
  return { id, name: label?.name ?? `#${id}`, code: label?.code ?? null };
}

function toAccount(u: UserRow, scopeUnits: Account["scopeUnits"], activeSessions: number): Account {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    extraPermissions: u.extraPermissions,
    cadreId: u.cadreId,
    isActive: u.isActive,
    mustChangePassword: u.mustChangePassword,
    scopeUnitIds: scopeUnits.map((s) => s.id),
    scopeUnits,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    activeSessions,
  };
}

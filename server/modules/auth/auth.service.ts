import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { ChangePasswordInput, CreateUserInput, Me, UserDto } from "../../../common/contracts/auth.ts";
import { CreateUserSchema } from "../../../common/contracts/auth.ts";
import type { Role } from "../../../common/enums/auth.ts";
import type { Db } from "../../db/client.ts";
import { type Actor, permissionsFor } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { unitVersions } from "../units/schema.ts";
import { AuthErrors } from "./auth.errors.ts";
import { ARGON, generatePassword } from "./auth.passwords.ts";
import { assertGrantable, authorizeUserManagement, passwordProblem } from "./auth.policy.ts";
import { createLoginThrottle } from "./auth.throttle.ts";
import { loginAttempts, sessions, userScopes, users } from "./schema.ts";
import { createUsersService } from "./users.service.ts";

type Deps = { db: Db; audit: Pick<AuditService, "record">; clock: Clock; sessionHours: number };

export { generatePassword } from "./auth.passwords.ts";

export type AuthService = ReturnType<typeof createAuthService>;
export type RequestMeta = {
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function createAuthService({ db, audit, clock, sessionHours }: Deps) {
  let dummyHash: Promise<string> | undefined;
  const throttle = createLoginThrottle({ db, clock });

  /**
   * Checks the password and opens a session; the token goes into an HttpOnly cookie. The check is
   * reserved with the back-off first (RATE_LIMITED when the wait is not over): the password of a
   * throttled attempt is never verified.
   */
  async function login(username: string, password: string, meta: RequestMeta) {
    const name = username.trim().toLowerCase();
    const check = await throttle.reserve(name, meta.ip);
    const [user] = await db.select().from(users).where(eq(users.username, name));
    // Verify against a dummy hash for unknown users so that timing does not reveal which names exist.
    dummyHash ??= hash("canbo-dummy-password", ARGON);
    let ok = false;
    if (user?.isActive) ok = await verify(user.passwordHash, password);
    else await verify(await dummyHash, password);
    // The attempt is dated by the same clock as the throttling window that counts it.
    await db
      .insert(loginAttempts)
      .values({ username: name, ip: meta.ip ?? null, succeeded: ok, at: clock.now() });
    if (!ok || !user) throw new AppError(AuthErrors.AUTH_INVALID_CREDENTIALS);
    await check.succeeded();

    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    const expiresAt = new Date(clock.now().getTime() + sessionHours * 3600_000);
    // Never query through `db` inside a transaction: on PGlite an open transaction holds every other
    // connection back, so that would wait for itself.
    const scopeRows = await db
      .select({ unitId: userScopes.unitId })
      .from(userScopes)
      .where(eq(userScopes.userId, user.id));
    const actor = actorOf(
      user,
      scopeRows.map((r) => r.unitId),
      meta,
    );
    await db.transaction(async (tx) => {
      await tx.insert(sessions).values({
        id: sha256(token),
        userId: user.id,
        csrfToken,
        expiresAt,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      });
      await tx.update(users).set({ lastLoginAt: clock.now() }).where(eq(users.id, user.id));
      await audit.record(tx, actor, { action: "auth.login", entityType: "user", entityId: user.id });
    });
    return { token, csrfToken, expiresAt };
  }

  /**
   * The actor behind a session cookie, or undefined when the session is unknown or expired. One statement
   * (session, user and scope together): every request starts here, and on the embedded database each
   * statement may wait behind another user's exchange (ADR 0001).
   */
  async function sessionActor(token: string, meta: RequestMeta) {
    const [row] = await db
      .select({
        session: sessions,
        user: users,
        scope: sql<number[]>`coalesce((SELECT array_agg(s.unit_id ORDER BY s.unit_id)
          FROM ${userScopes} s WHERE s.user_id = ${users.id}), '{}')`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, clock.now())));
    if (!row?.user.isActive) return undefined;
    return {
      actor: actorOf(row.user, row.scope.map(Number), meta),
      csrfToken: row.session.csrfToken,
      user: row.user,
    };
  }

  function actorOf(
    user: typeof users.$inferSelect,
    scopeUnitIds: readonly number[],
    meta: RequestMeta,
  ): Actor {
    const roles = user.roles as Role[];
    return {
      kind: "user",
      userId: user.id,
      username: user.username,
      roles,
      permissions: permissionsFor(roles, user.extraPermissions),
      cadreId: user.cadreId,
      scope: roles.includes("admin") ? "all" : [...scopeUnitIds],
      requestId: meta.requestId,
      ip: meta.ip,
    };
  }

  async function me(actor: Actor, csrfToken: string): Promise<Me> {
    const [user] = actor.userId ? await db.select().from(users).where(eq(users.id, actor.userId)) : [];
    let scope: Me["scope"] = "all";
    if (actor.scope !== "all") {
      const today = clock.today();
      const names = actor.scope.length
        ? await db
            .select({ id: unitVersions.unitId, name: unitVersions.name, validFrom: unitVersions.validFrom })
            .from(unitVersions)
            .where(inArray(unitVersions.unitId, [...actor.scope]))
        : [];
      scope = actor.scope.map((id) => {
        const versions = names
          .filter((n) => n.id === id && n.validFrom <= today)
          .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
        return { id, name: versions[0]?.name ?? names.find((n) => n.id === id)?.name ?? `#${id}` };
      });
    }
    return {
      id: actor.userId,
      username: actor.username,
      displayName: user?.displayName ?? actor.username,
      roles: [...actor.roles],
      permissions: [...actor.permissions],
      scope,
      mustChangePassword: user?.mustChangePassword ?? false,
      cadreId: user?.cadreId ?? null,
      csrfToken,
    };
  }

  async function logout(actor: Actor, token: string) {
    await db.transaction(async (tx) => {
      await tx.delete(sessions).where(eq(sessions.id, sha256(token)));
      await audit.record(tx, actor, { action: "auth.logout", entityType: "user", entityId: actor.userId });
    });
  }

  /**
   * Changes the actor's own password; other sessions of the user are closed. A wrong current password
   * counts like a failed login (the same back-off), so a borrowed session cannot guess it.
   */
  async function changePassword(actor: Actor, input: ChangePasswordInput, keepToken: string) {
    if (!actor.userId) throw new AppError(CoreErrors.FORBIDDEN);
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (!user) throw new AppError(CoreErrors.FORBIDDEN);
    const check = await throttle.reserve(user.username, actor.ip);
    if (!(await verify(user.passwordHash, input.currentPassword)))
      throw new AppError(AuthErrors.AUTH_WRONG_PASSWORD);
    await check.succeeded();
    const problem = passwordProblem(input.newPassword, user.username, input.currentPassword);
    if (problem) throw new AppError(AuthErrors[problem]);
    const passwordHash = await hash(input.newPassword, ARGON);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: false, passwordChangedAt: clock.now() })
        .where(eq(users.id, user.id));
      await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, user.id), sql`${sessions.id} <> ${sha256(keepToken)}`));
      await audit.record(tx, actor, {
        action: "user.password_changed",
        entityType: "user",
        entityId: user.id,
      });
    });
  }

  async function createUser(actor: Actor, raw: CreateUserInput): Promise<UserDto> {
    authorizeUserManagement(actor);
    const input = CreateUserSchema.parse(raw);
    assertGrantable(input.extraPermissions);
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw new AppError(AuthErrors[problem]);
    const passwordHash = await hash(input.password, ARGON);
    return db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, input.username));
      if (existing) throw new AppError(AuthErrors.AUTH_USER_EXISTS);
      if (input.scopeUnitIds.length) {
        const found = await tx
          .selectDistinct({ id: unitVersions.unitId })
          .from(unitVersions)
          .where(inArray(unitVersions.unitId, input.scopeUnitIds));
        if (found.length !== new Set(input.scopeUnitIds).size)
          throw new AppError(AuthErrors.AUTH_SCOPE_UNIT_NOT_FOUND);
      }
      const [created] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles: input.roles,
          extraPermissions: input.extraPermissions,
          cadreId: input.cadreId,
          mustChangePassword: input.mustChangePassword,
        })
        .returning();
      if (input.scopeUnitIds.length) {
        await tx
          .insert(userScopes)
          .values([...new Set(input.scopeUnitIds)].map((unitId) => ({ userId: created!.id, unitId })));
      }
      const dto = presentUser(created!, input.scopeUnitIds);
      await audit.record(tx, actor, {
        action: "user.created",
        entityType: "user",
        entityId: created!.id,
        after: dto,
      });
      return dto;
    });
  }

  /**
   * First start: creates `admin` when no user exists. The password is CANBO_ADMIN_PASSWORD or a random
   * one returned to the caller to print once; there is no default password.
   */
  async function ensureAdmin(
    actor: Actor,
    password?: string,
  ): Promise<{ created: boolean; password?: string }> {
    const [any] = await db.select({ id: users.id }).from(users).limit(1);
    if (any) return { created: false };
    const chosen = password ?? generatePassword();
    await createUser(actor, {
      username: "admin",
      displayName: "Quản trị hệ thống",
      password: chosen,
      roles: ["admin"],
      mustChangePassword: password === undefined,
    });
    return { created: true, password: password === undefined ? chosen : undefined };
  }

  const accounts = createUsersService({ db, audit, clock });
  return {
    login,
    sessionActor,
    me,
    logout,
    changePassword,
    createUser,
    /** Every account, as administrators see it. */
    listUsers: accounts.listAccounts,
    ensureAdmin,
    ...accounts,
  };
}

function presentUser(u: typeof users.$inferSelect, scopeUnitIds: number[]): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    extraPermissions: u.extraPermissions,
    cadreId: u.cadreId,
    isActive: u.isActive,
    scopeUnitIds,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

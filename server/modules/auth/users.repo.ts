import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { units, unitVersions } from "../units/schema.ts";
import { sessions, userScopes, users } from "./schema.ts";

export type UserRow = typeof users.$inferSelect;

/** One user, locked until the end of the transaction (two admins changing one account queue up). */
export async function lockUser(tx: Executor, id: number): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  return row;
}

/**
 * Serialises every change that could leave the system without an active administrator: two admins
 * disabling each other at the same moment must not both succeed.
 */
export async function lockAdminCount(tx: Executor): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('canbo.users.active_admins'))`);
}

/** Active accounts holding the admin role, other than `exceptId`. */
export async function otherActiveAdmins(tx: Executor, exceptId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(eq(users.isActive, true), sql`'admin' = ANY(${users.roles})`, sql`${users.id} <> ${exceptId}`),
    );
  return Number(row?.n ?? 0);
}

export async function scopeOf(tx: Executor, userId: number): Promise<number[]> {
  const rows = await tx
    .select({ unitId: userScopes.unitId })
    .from(userScopes)
    .where(eq(userScopes.userId, userId))
    .orderBy(asc(userScopes.unitId));
  return rows.map((r) => r.unitId);
}

export async function replaceScope(tx: Executor, userId: number, unitIds: readonly number[]): Promise<void> {
  await tx.delete(userScopes).where(eq(userScopes.userId, userId));
  if (unitIds.length) await tx.insert(userScopes).values(unitIds.map((unitId) => ({ userId, unitId })));
}

/** The ids among `ids` that name a unit. */
export async function existingUnits(tx: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .selectDistinct({ id: unitVersions.unitId })
    .from(unitVersions)
    .where(inArray(unitVersions.unitId, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** Each unit's name on `today` (its first name when it did not exist yet) and its official code. */
export async function unitLabels(tx: Executor, ids: readonly number[], today: string) {
  const labels = new Map<number, { name: string; code: string | null }>();
  if (!ids.length) return labels;
  const rows = await tx
    .select({
      id: unitVersions.unitId,
      name: unitVersions.name,
      code: units.code,
      validFrom: unitVersions.validFrom,
    })
    .from(unitVersions)
    .innerJoin(units, eq(units.id, unitVersions.unitId))
    .where(inArray(unitVersions.unitId, [...ids]))
    .orderBy(asc(unitVersions.unitId), asc(unitVersions.validFrom));
  for (const r of rows)
    if (!labels.has(r.id) || r.validFrom <= today) labels.set(r.id, { name: r.name, code: r.code });
  return labels;
}

/** Ends every session of the user but `keepSessionId`; answers how many ended. */
export async function deleteSessions(tx: Executor, userId: number, keepSessionId?: string): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        keepSessionId === undefined ? undefined : sql`${sessions.id} <> ${keepSessionId}`,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** Open (unexpired) sessions per user. */
export async function openSessionCounts(tx: Executor, now: Date, userIds?: readonly number[]) {
  const rows = await tx
    .select({ userId: sessions.userId, n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(gt(sessions.expiresAt, now), userIds ? inArray(sessions.userId, [...userIds]) : undefined))
    .groupBy(sessions.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

export async function allUsers(tx: Executor): Promise<UserRow[]> {
  return tx.select().from(users).orderBy(asc(users.username));
}

export async function allScopes(tx: Executor) {
  return tx.select().from(userScopes).orderBy(asc(userScopes.userId), asc(userScopes.unitId));
}

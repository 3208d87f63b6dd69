import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from "drizzle-orm";
import type { AuditListQuery, AuditPage } from "../../../common/contracts/audit.ts";
import type { AuditAction, AuditLanguage } from "../../../common/enums/audit.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import { type Clock, systemClock } from "../../lib/clock.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import { type ChainReport, type VerifyOptions, verifyChain } from "./audit.chain.ts";
import { visibilityOf } from "./audit.policy.ts";
import { presentEntry } from "./audit.presenter.ts";
import { searchableText, TIME_ZONE, visibleRows } from "./audit.repo.ts";
import { namesForPage } from "./audit.subjects.ts";
import { auditLog } from "./schema.ts";

export type AuditEntry = {
  /** Registered, with its names, in common/enums/audit.ts. */
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

export type AuditService = ReturnType<typeof createAuditService>;

/** Text matched literally inside a LIKE pattern: % and _ typed by the user are not wildcards. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `clock` dates the scope of list() ("in scope today"); writers that only record may leave it out. */
export function createAuditService({ db, clock = systemClock }: { db: Db; clock?: Pick<Clock, "today"> }) {
  /** Appends audit rows inside the caller's transaction, so a change and its record commit together. */
  async function record(tx: Executor, actor: Actor, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      actorId: actor.userId,
      actorUsername: actor.username,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId == null ? null : String(e.entityId),
      before: e.before ?? null,
      after: e.after ?? null,
      reason: e.reason ?? null,
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
    }));
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditLog).values(rows.slice(i, i + 1000));
  }

  /**
   * Appends one audit row per row of `source` — a query with the columns action, entity_type, entity_id,
   * before, after and reason — inside the caller's transaction: the audit of set-based writes (imports).
   */
  async function recordRows(tx: Executor, actor: Actor, source: SQL): Promise<void> {
    await tx.execute(sql`
      INSERT INTO audit_log (actor_id, actor_username, action, entity_type, entity_id, before, after, reason,
                             request_id, ip)
      SELECT ${actor.userId}::int, ${actor.username}, s.action, s.entity_type, s.entity_id, s.before, s.after,
             s.reason, ${actor.requestId ?? null}, ${actor.ip ?? null}
      FROM (${source}) s`);
  }

  /**
   * Newest first, filtered; only the rows the actor may see, sensitive values withheld (audit.policy.ts);
   * actors, subjects and changed fields named in `language` (audit.subjects.ts, audit.changes.ts).
   */
  async function list(
    actor: Actor,
    query: AuditListQuery,
    language: AuditLanguage = "vi",
  ): Promise<AuditPage> {
    authorize(actor, "audit.read");
    const visibility = visibilityOf(actor);
    const where: SQL[] = [];
    const today = clock.today();
    const visible = visibleRows(actor, visibility, today);
    if (visible) where.push(visible);
    if (query.actor) where.push(eq(auditLog.actorUsername, query.actor.toLowerCase()));
    if (query.action) where.push(ilike(auditLog.action, `${likeLiteral(query.action)}%`));
    if (query.entityType) where.push(eq(auditLog.entityType, query.entityType));
    if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
    // Days are Vietnamese calendar days (DESIGN §4.6), whatever the database session's time zone;
    // "to" is included whole.
    if (query.from)
      where.push(gte(auditLog.at, sql`(${query.from}::date::timestamp AT TIME ZONE ${TIME_ZONE})`));
    if (query.to)
      where.push(lt(auditLog.at, sql`((${query.to}::date + 1)::timestamp AT TIME ZONE ${TIME_ZONE})`));
    if (query.q) {
      const like = `%${likeLiteral(query.q)}%`;
      where.push(
        or(
          ilike(auditLog.reason, like),
          sql`${searchableText(auditLog.after, visibility.masked)} ILIKE ${like}`,
          sql`${searchableText(auditLog.before, visibility.masked)} ILIKE ${like}`,
        )!,
      );
    }
    const condition = where.length ? and(...where) : undefined;
    const [rows, total] = await Promise.all([
      db
        .select()
        .from(auditLog)
        .where(condition)
        .orderBy(desc(auditLog.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(condition),
    ]);
    const names = await namesForPage(db, actor, visibility, today, rows, language);
    return {
      items: rows.map((r) => presentEntry(r, visibility.masked, language, names)),
      total: total[0]?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Walks the hash chain of the whole trail (`canbo audit verify`): for readers of the whole trail only,
   * since a break names rows of any scope.
   */
  async function verify(actor: Actor, options: VerifyOptions = {}): Promise<ChainReport> {
    authorize(actor, "audit.read");
    if (actor.scope !== "all")
      throw new AppError(CoreErrors.FORBIDDEN, { details: { permission: "audit.read" } });
    return verifyChain(db, options);
  }

  return { record, recordRows, list, verifyChain: verify };
}

import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only record of every change and of every read of sensitive data. A trigger (migration
 * 0001_audit_append_only) refuses UPDATE, DELETE and TRUNCATE on both engines; on PostgreSQL the app's
 * role may only SELECT and INSERT it. Each row is a link of a hash chain filled by a trigger on insert
 * (docs/audit.md); `canbo audit verify` walks it.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id"),
    actorUsername: text("actor_username").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    requestId: text("request_id"),
    ip: text("ip"),
    /** sha256 (hex) of the previous row's hash and this row's content; set by the database, never by the app. */
    hash: text("hash"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorId, t.at),
  ],
);

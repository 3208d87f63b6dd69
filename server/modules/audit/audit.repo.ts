import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor.ts";
import { holds } from "../cadres/index.ts";
import { scopePredicate } from "../units/index.ts";
import { type AuditVisibility, FAMILY_ACTION_PREFIX, SENSITIVE_KEYS } from "./audit.policy.ts";
import { auditLog } from "./schema.ts";

/**
 * The rows a scoped reader may see (audit.policy.ts): about a unit in the scope on d, about a cadre whose
 * main post on d is in the scope, or their own actions. undefined: no restriction.
 */
export function visibleRows(actor: Actor, visibility: AuditVisibility, d: string): SQL | undefined {
  if (visibility.everything || actor.scope === "all") return undefined;
  const scope = actor.scope;
  const parts: SQL[] = [];
  if (actor.userId !== null) parts.push(sql`${auditLog.actorId} = ${actor.userId}`);
  if (scope.length > 0 && visibility.units) {
    parts.push(sql`(${auditLog.entityType} = 'unit' AND ${auditLog.entityId} IN (
      SELECT u.id::text FROM units u WHERE ${scopePredicate(sql.raw("u.id"), scope, d)}))`);
  }
  if (scope.length > 0 && visibility.cadres) {
    parts.push(sql`(${auditLog.entityType} = 'cadre' AND ${auditLog.entityId} IN (
      SELECT a.cadre_id::text FROM cadre_assignments a
      WHERE a.is_main AND ${holds("a", d)} AND ${scopePredicate(sql.raw("a.unit_id"), scope, d)}))`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`FALSE`;
}

// jsonb's text form writes every key as "key": value. A sensitive key's string value is replaced by null;
// a row whose sensitive key still holds anything else (a number, an object) is left out of the search.
const KEYS = SENSITIVE_KEYS.join("|");
const SENSITIVE_STRING = `"(${KEYS})": "(?:[^"\\\\]|\\\\.)*"`;
const SENSITIVE_LEFT = `"(${KEYS})": (?!null[,}\\]])`;

/**
 * The text of a before/after value that the free-text search may look into: all of it for a reader who
 * sees sensitive values; otherwise without the sensitive values, and nothing of a family row.
 */
export function searchableText(column: typeof auditLog.before | typeof auditLog.after, masked: boolean): SQL {
  if (!masked) return sql`${column}::text`;
  const redacted = sql`regexp_replace(${column}::text, ${SENSITIVE_STRING}, '"\\1": null', 'g')`;
  return sql`(CASE
    WHEN ${auditLog.action} LIKE ${`${FAMILY_ACTION_PREFIX.replace(/_/g, "\\_")}%`}
      OR ${column}->>'kind' = 'family' THEN NULL
    WHEN ${redacted} ~ ${SENSITIVE_LEFT} THEN NULL
    ELSE ${redacted} END)`;
}

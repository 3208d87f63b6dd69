import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor.ts";
import { everInScope, inScopeOn, isoDate } from "../cadres/index.ts";
import { scopePredicate } from "../units/index.ts";
import { type AuditVisibility, FAMILY_ACTION_PREFIX, SENSITIVE_KEYS } from "./audit.policy.ts";
import { auditLog } from "./schema.ts";

/** Days of the trail are Vietnamese calendar days (DESIGN §4.6), whatever the database session's time zone. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** The calendar day of an instant column. */
function dayOf(at: SQL): SQL {
  return sql`(${at} AT TIME ZONE ${sql.raw(`'${TIME_ZONE}'`)})::date`;
}

/**
 * The rows a scoped reader may see (audit.policy.ts): about a unit in the scope on d; about a person in the
 * scope on d or on the entry's day, by the rule of the records (cadres' inScopeOn); or their own actions.
 * undefined: no restriction.
 */
export function visibleRows(actor: Actor, visibility: AuditVisibility, d: string): SQL | undefined {
  if (visibility.everything || actor.scope === "all") return undefined;
  const parts: SQL[] = [];
  if (actor.userId !== null) parts.push(sql`${auditLog.actorId} = ${actor.userId}`);
  const units = unitRows(actor, visibility, d);
  if (units) parts.push(units);
  const cadres = personRows(actor, visibility, d);
  if (cadres) parts.push(cadres);
  const evaluations = evaluationRows(actor, visibility, d);
  if (evaluations) parts.push(evaluations);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`FALSE`;
}

/** Rows about a unit in a scoped reader's scope on d; undefined when they reach none. */
function unitRows(actor: Actor, visibility: AuditVisibility, d: string): SQL | undefined {
  if (actor.scope === "all" || actor.scope.length === 0 || !visibility.units) return undefined;
  return sql`(${auditLog.entityType} = 'unit' AND ${auditLog.entityId} IN (
      SELECT u.id::text FROM units u WHERE ${scopePredicate(sql.raw("u.id"), actor.scope, d)}))`;
}

/**
 * Rows about an evaluation period or form whose unit (the period's unit; the form's unit of the person's
 * main post at the period's end) is in a scoped reader's scope on d; undefined when they read no evaluation.
 */
function evaluationRows(actor: Actor, visibility: AuditVisibility, d: string): SQL | undefined {
  if (actor.scope === "all" || actor.scope.length === 0 || !visibility.evaluations) return undefined;
  return sql`((${auditLog.entityType} = 'evaluation_period' AND ${auditLog.entityId} IN (
      SELECT p.id::text FROM evaluation_periods p WHERE ${scopePredicate(sql.raw("p.unit_id"), actor.scope, d)}))
    OR (${auditLog.entityType} = 'evaluation' AND ${auditLog.entityId} IN (
      SELECT e.id::text FROM evaluations e WHERE ${scopePredicate(sql.raw("e.unit_id"), actor.scope, d)})))`;
}

/**
 * Rows about a person whose record a scoped reader may open (by the person, not by who wrote the row):
 * the rows whose subject the page may name. undefined when they reach no one.
 */
export function personRows(actor: Actor, visibility: AuditVisibility, d: string): SQL | undefined {
  if (actor.scope === "all" || actor.scope.length === 0 || !visibility.cadres) return undefined;
  const scope = actor.scope;
  // Whoever may open the record on d reads its whole trail, as they read its whole history; an office the
  // person has left reads the entries of the days it could open the record as of (cadres.as-of.ts).
  // Both are sets built once per query and hashed (a probe per row would cost seconds on a large trail):
  // the people in the scope on d, and for the few who lay in it once but not on d, the days of the
  // entries about them on which they lay in it.
  const onD = sql`${isoDate(d)}::date`;
  const ever = sql`(${everInScope(scope)}) e`;
  const inScopeNow = sql`SELECT e.cadre_id FROM ${ever} WHERE ${inScopeOn(sql`e.cadre_id`, scope, onD)}`;
  const onceInScope = sql`SELECT e.cadre_id FROM ${ever} WHERE NOT ${inScopeOn(sql`e.cadre_id`, scope, onD)}`;
  const daysInScope = sql`
      SELECT x.cadre_id::text, x.day FROM (
        SELECT DISTINCT p.cadre_id, ${dayOf(sql`l.at`)} AS day
        FROM audit_log l JOIN (${onceInScope}) p ON l.entity_id = p.cadre_id::text
        WHERE l.entity_type = 'cadre') x
      WHERE ${inScopeOn(sql`x.cadre_id`, scope, sql`x.day`)}`;
  // The day of an entry is worked out only for entries about those few people (the IN before it).
  return sql`(${auditLog.entityType} = 'cadre' AND (
      ${auditLog.entityId} IN (SELECT n.cadre_id::text FROM (${inScopeNow}) n)
      OR (${auditLog.entityId} IN (SELECT o.cadre_id::text FROM (${onceInScope}) o)
          AND (${auditLog.entityId}, ${dayOf(sql`${auditLog.at}`)}) IN (${daysInScope}))))`;
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

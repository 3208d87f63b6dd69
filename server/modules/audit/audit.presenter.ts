import type { AuditEntryDto } from "../../../common/contracts/audit.ts";
import { type AuditLanguage, auditActionLabel } from "../../../common/enums/audit.ts";
import { changesOf } from "./audit.changes.ts";
import { FAMILY_ACTION_PREFIX, type Maskable, SENSITIVE_KEYS } from "./audit.policy.ts";
import type { PageNames } from "./audit.subjects.ts";
import type { auditLog } from "./schema.ts";

type AuditRow = typeof auditLog.$inferSelect;

const SENSITIVE = new Set(SENSITIVE_KEYS);

/** Names when none were looked up: ids only. */
const NO_NAMES: PageNames = {
  actor: () => null,
  subject: () => null,
  values: { code: () => undefined, unit: () => undefined },
};

/**
 * An audit row as it leaves the server; with `masked`, sensitive values are nulled and listed. The actor
 * and subject are named from `names` (looked up for the whole page, audit.subjects.ts), the action and the
 * changed fields in `language`; the ids and the raw before/after stay.
 */
export function presentEntry(
  row: AuditRow,
  masked: boolean,
  language: AuditLanguage = "vi",
  names: PageNames = NO_NAMES,
): AuditEntryDto {
  const withheld = new Set<Maskable>();
  let before = row.before;
  let after = row.after;
  if (masked) {
    if (isFamilyRow(row)) {
      before = familyStub(before);
      after = familyStub(after);
      withheld.add("family");
    } else {
      before = withhold(before, withheld);
      after = withhold(after, withheld);
    }
  }
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorUsername: row.actorUsername,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before,
    after,
    reason: row.reason,
    requestId: row.requestId,
    ip: row.ip,
    actorName: names.actor(row.actorId),
    actionLabel: auditActionLabel(row.action, language),
    subject: names.subject(row),
    changes: changesOf({ action: row.action, before, after }, withheld, language, names.values),
    masked: [...withheld],
  };
}

function isFamilyRow(row: AuditRow): boolean {
  const kindOf = (v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? (v as Record<string, unknown>).kind
      : undefined;
  return (
    row.action.startsWith(FAMILY_ACTION_PREFIX) ||
    kindOf(row.before) === "family" ||
    kindOf(row.after) === "family"
  );
}

/** A family row keeps which history and which row it was, nothing of the person. */
function familyStub(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const { kind, id } = value as Record<string, unknown>;
  return { kind: kind ?? "family", ...(id !== undefined ? { id } : {}) };
}

/** Nulls the values of sensitive keys at any depth (a person's fields, an export's filter…). */
function withhold(value: unknown, withheld: Set<Maskable>): unknown {
  if (Array.isArray(value)) return value.map((v) => withhold(v, withheld));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => {
      if (!SENSITIVE.has(key)) return [key, withhold(v, withheld)];
      if (v !== null) withheld.add(key as Maskable);
      return [key, null];
    }),
  );
}

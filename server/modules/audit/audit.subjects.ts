import { inArray, type SQL, sql } from "drizzle-orm";
import type { AuditSubject } from "../../../common/contracts/audit.ts";
import type { AuditLanguage } from "../../../common/enums/audit.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { scopePredicate } from "../units/index.ts";
import type { ValueNames } from "./audit.changes.ts";
import { referencesOf } from "./audit.changes.ts";
import type { AuditVisibility } from "./audit.policy.ts";
import { personRows } from "./audit.repo.ts";
import { auditLog } from "./schema.ts";

type Row = typeof auditLog.$inferSelect;

/** The names a page of the trail shows, looked up once for the page. */
export type PageNames = {
  /** Display names of the actors' accounts. */
  actor(id: number | null): string | null;
  /** What a row is about, named; null when unknown or hidden from the reader. */
  subject(row: Row): AuditSubject | null;
  /** Names of the codes and units that before/after hold (audit.changes.ts). */
  values: ValueNames;
};

function ints(values: Iterable<number>): number[] {
  return [...new Set(values)].filter((v) => Number.isSafeInteger(v));
}

function idList(ids: readonly number[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
}

/** An entity id that is a whole number, or undefined (a code's "list:code", a setting's key…). */
function intId(entityId: string | null): number | undefined {
  return entityId !== null && /^\d{1,15}$/.test(entityId) ? Number(entityId) : undefined;
}

/**
 * Looks up, for a page of rows already filtered by the reader's scope (audit.repo.ts), the names it shows:
 * at most one query per kind of thing named on the page, never one per row.
 *
 * A row may be visible to a scoped reader only because they wrote it (their own actions): its subject is
 * then named only when the reader may see that subject by itself — a person whose record they may open
 * (by the rule of the trail, personRows), a unit or seat in their scope today, their own account. The
 * city-wide catalogues (titles, codes, settings, indicators) are named for anyone who reads the row. Units
 * named inside before/after follow the same scope. Whole-tree readers see every name.
 */
export async function namesForPage(
  db: Executor,
  actor: Actor,
  visibility: AuditVisibility,
  today: string,
  rows: readonly Row[],
  language: AuditLanguage,
): Promise<PageNames> {
  const everything = visibility.everything || actor.scope === "all";
  const scope = actor.scope;
  const inScope = (column: string) => scopePredicate(sql.raw(column), everything ? "all" : scope, today);
  const byType = (type: string) => rows.filter((r) => r.entityType === type);
  const idsOf = (type: string) => ints(byType(type).map((r) => intId(r.entityId) ?? Number.NaN));

  const userIds = ints([
    ...rows.map((r) => r.actorId ?? Number.NaN),
    ...idsOf("user").filter((id) => everything || id === actor.userId),
  ]);
  const cadreRowIds = byType("cadre")
    .filter((r) => intId(r.entityId) !== undefined)
    .map((r) => r.id);
  const refs = rows.map((r) => referencesOf(r.before, r.after));
  const unitIds = ints([...idsOf("unit"), ...refs.flatMap((r) => r.units)]);
  const codePairs = [
    ...new Map(
      [
        ...refs.flatMap((r) => r.codes),
        ...byType("code").flatMap((r): [string, string][] => {
          const at = r.entityId?.indexOf(":") ?? -1;
          return at > 0 ? [[r.entityId!.slice(0, at), r.entityId!.slice(at + 1)]] : [];
        }),
      ].map((p) => [`${p[0]}:${p[1]}`, p] as const),
    ).values(),
  ];

  const personRule = everything ? undefined : personRows(actor, visibility, today);
  const [users, namedCadreRows, cadres, units, titles, seats, codes, indicators] = await Promise.all([
    userIds.length
      ? db.execute<{ id: number; display_name: string; username: string }>(
          sql`SELECT id, display_name, username FROM users WHERE id IN (${idList(userIds)})`,
        )
      : undefined,
    // Rows about a person that a scoped reader may read by the person (not only as their author).
    !everything && cadreRowIds.length
      ? personRule
        ? db
            .select({ id: auditLog.id })
            .from(auditLog)
            .where(sql`${inArray(auditLog.id, cadreRowIds)} AND ${personRule}`)
        : []
      : undefined,
    idsOf("cadre").length
      ? db.execute<{ id: number; full_name: string; staff_code: string | null }>(
          sql`SELECT id, full_name, staff_code FROM cadres WHERE id IN (${idList(idsOf("cadre"))})`,
        )
      : undefined,
    unitIds.length
      ? db.execute<{ id: number; code: string | null; name: string | null }>(sql`
          SELECT u.id, u.code, (SELECT v.name FROM unit_versions v WHERE v.unit_id = u.id
                                ORDER BY v.valid_from DESC LIMIT 1) AS name
          FROM units u WHERE u.id IN (${idList(unitIds)}) AND ${inScope("u.id")}`)
      : undefined,
    idsOf("title").length
      ? db.execute<{ id: number; code: string; name: string; name_en: string | null }>(
          sql`SELECT id, code, name, name_en FROM titles WHERE id IN (${idList(idsOf("title"))})`,
        )
      : undefined,
    idsOf("seat").length
      ? db.execute<{ id: number; title: string; unit: string | null }>(sql`
          SELECT s.id, t.name AS title, (SELECT v.name FROM unit_versions v WHERE v.unit_id = s.unit_id
                                         ORDER BY v.valid_from DESC LIMIT 1) AS unit
          FROM seats s JOIN titles t ON t.id = s.title_id
          WHERE s.id IN (${idList(idsOf("seat"))}) AND ${inScope("s.unit_id")}`)
      : undefined,
    codePairs.length
      ? db.execute<{ list: string; code: string; name: string; name_en: string | null }>(sql`
          SELECT list, code, name, name_en FROM code_lists
          WHERE (list, code) IN (${sql.join(
            codePairs.map(([l, c]) => sql`(${l}, ${c})`),
            sql`, `,
          )})`)
      : undefined,
    idsOf("indicator").length
      ? db.execute<{ id: number; code: string; name: string; name_en: string | null }>(
          sql`SELECT id, code, name, name_en FROM indicator_versions WHERE id IN (${idList(idsOf("indicator"))})`,
        )
      : undefined,
  ]);

  const inLanguage = (name: string, nameEn: string | null | undefined) =>
    language === "en" && nameEn ? nameEn : name;
  const userById = new Map((users?.rows ?? []).map((u) => [u.id, u]));
  const mayNamePerson = everything ? undefined : new Set((namedCadreRows ?? []).map((r) => r.id));
  const cadreById = new Map((cadres?.rows ?? []).map((c) => [c.id, c]));
  const unitById = new Map((units?.rows ?? []).map((u) => [u.id, u]));
  const titleById = new Map((titles?.rows ?? []).map((t) => [t.id, t]));
  const seatById = new Map((seats?.rows ?? []).map((s) => [s.id, s]));
  const codeByKey = new Map((codes?.rows ?? []).map((c) => [`${c.list}:${c.code}`, c]));
  const indicatorById = new Map((indicators?.rows ?? []).map((i) => [i.id, i]));

  function subject(row: Row): AuditSubject | null {
    const id = intId(row.entityId);
    switch (row.entityType) {
      case "cadre": {
        if (id === undefined || (mayNamePerson && !mayNamePerson.has(row.id))) return null;
        const c = cadreById.get(id);
        return c ? { name: c.full_name, code: c.staff_code } : null;
      }
      case "unit": {
        const u = id === undefined ? undefined : unitById.get(id);
        return u?.name ? { name: u.name, code: u.code } : null;
      }
      case "user": {
        if (id === undefined || (!everything && id !== actor.userId)) return null;
        const u = userById.get(id);
        return u ? { name: u.display_name, code: u.username } : null;
      }
      case "title": {
        const t = id === undefined ? undefined : titleById.get(id);
        return t ? { name: inLanguage(t.name, t.name_en), code: t.code } : null;
      }
      case "seat": {
        const s = id === undefined ? undefined : seatById.get(id);
        return s ? { name: s.unit ? `${s.title} — ${s.unit}` : s.title, code: null } : null;
      }
      case "code": {
        const c = row.entityId ? codeByKey.get(row.entityId) : undefined;
        return c ? { name: inLanguage(c.name, c.name_en), code: c.code } : null;
      }
      case "indicator": {
        const i = id === undefined ? undefined : indicatorById.get(id);
        return i ? { name: inLanguage(i.name, i.name_en), code: i.code } : null;
      }
      case "import": {
        // The import's file, as its own row recorded it.
        const fileName = (row.after as { fileName?: unknown } | null)?.fileName;
        return typeof fileName === "string" ? { name: fileName, code: null } : null;
      }
      case "setting":
      case "seed":
        return row.entityId ? { name: row.entityId, code: null } : null;
      default:
        return null;
    }
  }

  return {
    actor: (id) => (id === null ? null : (userById.get(id)?.display_name ?? null)),
    subject,
    values: {
      code: (list, code) => {
        const c = codeByKey.get(`${list}:${code}`);
        return c ? inLanguage(c.name, c.name_en) : undefined;
      },
      unit: (id) => unitById.get(id)?.name ?? undefined,
    },
  };
}

import { type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import type { AuditService } from "../audit/index.ts";

/**
 * Set-based writes of many records at once (the spreadsheet import), owned by the cadres module like every
 * write into its tables. The caller stages rows, already checked by the same field rules as the API
 * (common/rules/cadre-fields.ts), in the table `import_rows` (matched to people and compared with their
 * records); `applyStaged` writes one staged batch: new people, changed fields, dated history rows closed
 * and opened (DESIGN §4.1: nothing is overwritten), one audit row per person through the audit writer —
 * and journals what it wrote in `import_undo`, so that `undo` can take a failed or interrupted import
 * back out piece by piece.
 */

/**
 * The person's own columns the import writes, with their contract names (audit before/after). Required
 * columns are always in the file; an empty optional cell keeps the stored value.
 */
export const PERSON_COLUMNS: readonly { key: string; column: string; required: boolean }[] = [
  { key: "staffCode", column: "staff_code", required: true },
  { key: "idNumber", column: "id_number", required: false },
  { key: "fullName", column: "full_name", required: true },
  { key: "sex", column: "sex", required: true },
  { key: "birthDate", column: "birth_date", required: true },
  { key: "birthDatePrecision", column: "birth_date_precision", required: true },
  { key: "ethnicityCode", column: "ethnicity_code", required: false },
  { key: "religionCode", column: "religion_code", required: false },
  { key: "staffType", column: "staff_type", required: true },
  { key: "birthplaceUnitId", column: "birthplace_unit_id", required: false },
  { key: "birthplacePlaceId", column: "birthplace_place_id", required: false },
  { key: "birthplaceText", column: "birthplace_text", required: false },
  { key: "homeTownUnitId", column: "home_town_unit_id", required: false },
  { key: "homeTownPlaceId", column: "home_town_place_id", required: false },
  { key: "homeTownText", column: "home_town_text", required: false },
  { key: "phone", column: "phone", required: false },
  { key: "email", column: "email", required: false },
  { key: "recruitmentDate", column: "recruitment_date", required: false },
  { key: "partyAdmissionDate", column: "party_admission_date", required: false },
  { key: "partyOfficialDate", column: "party_official_date", required: false },
];

/** Columns of `cadres` an import changes, restored by an undo. */
const RESTORED_COLUMNS = [
  ...PERSON_COLUMNS.map((f) => f.column),
  "search_name",
  "sort_key",
  "version",
  "updated_at",
];

/** "this field of the staged row differs from the record" (b = staged row, c = cadres). */
export function fieldChanged(f: (typeof PERSON_COLUMNS)[number]): string {
  return f.required
    ? `b.${f.column} IS DISTINCT FROM c.${f.column}`
    : `(b.${f.column} IS NOT NULL AND b.${f.column} IS DISTINCT FROM c.${f.column})`;
}

export const ANY_CHANGE =
  "(b.person_changed OR b.a_change OR b.t_change OR b.s_change OR b.q_change OR b.pt_change OR b.sm_change)";

export type WriteContext = { actor: Actor; fileName: string; importId: string; now: Date };

/** The history tables an import writes; their rows are closed or inserted, never changed otherwise. */
const HISTORY_TABLES = [
  "cadre_assignments",
  "cadre_tiers",
  "cadre_salaries",
  "cadre_qualifications",
] as const;

export type CadresBulkWriter = ReturnType<typeof createCadresBulkWriter>;

export function createCadresBulkWriter({ audit }: { audit: Pick<AuditService, "recordRows"> }) {
  /** Writes the staged batch inside the caller's (short) transaction and journals it for `undo`. */
  async function applyStaged(tx: Executor, ctx: WriteContext): Promise<void> {
    const id = uuid(ctx.importId);
    const cols = PERSON_COLUMNS.map((f) => f.column).join(", ");
    // New people take the ids reserved for them when the batch was compared.
    await tx.execute(
      sql.raw(`WITH ins AS (
        INSERT INTO cadres (id, ${cols}, search_name, sort_key)
        SELECT cadre_id, ${cols}, search_name, sort_key FROM import_rows WHERE is_new ORDER BY row_no
        RETURNING id)
      INSERT INTO import_undo (import_id, table_name, op, row_id) SELECT ${id}, 'cadres', 'insert', id FROM ins`),
    );
    await audit.recordRows(tx, ctx.actor, auditRows(ctx));
    await tx.execute(
      sql.raw(`INSERT INTO import_undo (import_id, table_name, op, row_id, before)
      SELECT ${id}, 'cadres', 'update', c.id, to_jsonb(c) FROM cadres c JOIN import_rows b ON c.id = b.cadre_id
      WHERE b.person_changed AND NOT b.is_new`),
    );
    const now = ctx.now.toISOString();
    const assignments = PERSON_COLUMNS.map((f) =>
      f.required ? `${f.column} = b.${f.column}` : `${f.column} = COALESCE(b.${f.column}, c.${f.column})`,
    ).join(", ");
    await tx.execute(sql`
      UPDATE cadres c SET ${sql.raw(assignments)}, search_name = b.search_name, sort_key = b.sort_key,
        version = c.version + 1, updated_at = ${now}::timestamptz
      FROM import_rows b WHERE c.id = b.cadre_id AND b.person_changed AND NOT b.is_new`);

    // Dated histories (DESIGN §4.1): the open row ends the day the new one starts; nothing is overwritten.
    // A staged tier row with an end is a period of its own, added beside the others: it closes nothing.
    const closeAndOpen = async (table: string, prefix: string, from: string, insert: string) => {
      await tx.execute(
        sql.raw(`WITH closed AS (
          UPDATE ${table} h SET valid_to = b.${from} FROM import_rows b
          WHERE ${closes(prefix)}
            AND h.cadre_id = b.cadre_id AND h.id = b.${prefix}_last_id
          RETURNING h.id)
        INSERT INTO import_undo (import_id, table_name, op, row_id) SELECT ${id}, '${table}', 'close', id FROM closed`),
      );
      await tx.execute(
        sql.raw(`WITH ins AS (${insert} RETURNING id)
        INSERT INTO import_undo (import_id, table_name, op, row_id) SELECT ${id}, '${table}', 'insert', id FROM ins`),
      );
    };
    await closeAndOpen(
      "cadre_assignments",
      "a",
      "assign_from",
      `INSERT INTO cadre_assignments (cadre_id, seat_id, unit_id, title_id, is_main, valid_from)
       SELECT cadre_id, seat_id, unit_id, title_id, true, assign_from FROM import_rows WHERE a_change ORDER BY row_no`,
    );
    await closeAndOpen(
      "cadre_tiers",
      "t",
      "tier_from",
      `INSERT INTO cadre_tiers (cadre_id, tier, valid_from, valid_to)
       SELECT cadre_id, tier, tier_from, tier_to FROM import_rows WHERE t_change ORDER BY row_no`,
    );
    await closeAndOpen(
      "cadre_salaries",
      "s",
      "salary_from",
      `INSERT INTO cadre_salaries (cadre_id, grade_code, step, coefficient, valid_from)
       SELECT cadre_id, grade_code, step, coefficient, salary_from FROM import_rows WHERE s_change ORDER BY row_no`,
    );
    await tx.execute(
      sql.raw(`WITH ins AS (
        INSERT INTO cadre_qualifications (cadre_id, category, level_code, major, obtained_on)
        SELECT cadre_id, 'professional', q_code, q_major, q_date FROM import_rows WHERE q_change
        UNION ALL
        SELECT cadre_id, 'political_theory', pt_code, NULL, pt_date FROM import_rows WHERE pt_change
        UNION ALL
        SELECT cadre_id, 'state_management', sm_code, NULL, sm_date FROM import_rows WHERE sm_change
        RETURNING id)
      INSERT INTO import_undo (import_id, table_name, op, row_id)
      SELECT ${id}, 'cadre_qualifications', 'insert', id FROM ins`),
    );
  }

  /**
   * Takes an import's writes back out, newest first, in pieces of `pieceSize` journal rows, each its own
   * transaction (a piece undone is forgotten, so an undo interrupted in turn resumes where it stopped).
   * A person changed by someone else after the import wrote them keeps that change (their version moved
   * on); they are counted in `kept`. Returns what was undone.
   */
  async function undo(
    db: Db,
    importId: string,
    pieceSize = 2_000,
  ): Promise<{ undone: number; kept: number }> {
    const id = uuid(importId);
    let undone = 0;
    let kept = 0;
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const piece = await tx.execute<{ seq: number; tableName: string; op: string; rowId: number }>(
          sql.raw(`SELECT seq, table_name AS "tableName", op, row_id AS "rowId" FROM import_undo
            WHERE import_id = ${id} ORDER BY seq DESC LIMIT ${Math.trunc(pieceSize)}`),
        );
        if (piece.rows.length === 0) return true;
        const low = piece.rows[piece.rows.length - 1]!.seq;
        const journal = `FROM import_undo u WHERE u.import_id = ${id} AND u.seq >= ${low}`;
        for (const table of HISTORY_TABLES) {
          await tx.execute(
            sql.raw(`DELETE FROM ${table} h USING import_undo u
              WHERE u.import_id = ${id} AND u.seq >= ${low} AND u.table_name = '${table}' AND u.op = 'insert'
                AND h.id = u.row_id`),
          );
          if (table === "cadre_qualifications") continue; // not dated: never closed
          await tx.execute(
            sql.raw(`UPDATE ${table} h SET valid_to = NULL ${journal}
              AND u.table_name = '${table}' AND u.op = 'close' AND h.id = u.row_id`),
          );
        }
        const restore = RESTORED_COLUMNS.map((c) => `${c} = r.${c}`).join(", ");
        const restored = await tx.execute<{ n: number }>(
          sql.raw(`WITH done AS (
            UPDATE cadres c SET ${restore}
            FROM import_undo u CROSS JOIN LATERAL jsonb_populate_record(NULL::cadres, u.before) r
            WHERE u.import_id = ${id} AND u.seq >= ${low} AND u.table_name = 'cadres' AND u.op = 'update'
              AND c.id = u.row_id AND c.version = r.version + 1
            RETURNING 1)
          SELECT count(*)::int AS n FROM done`),
        );
        const updates = await tx.execute<{ n: number }>(
          sql.raw(`SELECT count(*)::int AS n ${journal} AND u.table_name = 'cadres' AND u.op = 'update'`),
        );
        kept += (updates.rows[0]?.n ?? 0) - (restored.rows[0]?.n ?? 0);
        await tx.execute(
          sql.raw(`DELETE FROM cadres c USING import_undo u
            WHERE u.import_id = ${id} AND u.seq >= ${low} AND u.table_name = 'cadres' AND u.op = 'insert'
              AND c.id = u.row_id`),
        );
        await tx.execute(sql.raw(`DELETE ${journal}`));
        undone += piece.rows.length;
        return false;
      });
      if (done) return { undone, kept };
    }
  }

  /** Forgets the journal of an import that completed (in pieces: it can hold a row per change). */
  async function forget(db: Db, importId: string, pieceSize = 20_000): Promise<void> {
    const id = uuid(importId);
    for (;;) {
      const result = await db.execute<{ n: number }>(
        sql.raw(`WITH gone AS (DELETE FROM import_undo WHERE seq IN (
          SELECT seq FROM import_undo WHERE import_id = ${id} LIMIT ${Math.trunc(pieceSize)}) RETURNING 1)
          SELECT count(*)::int AS n FROM gone`),
      );
      if ((result.rows[0]?.n ?? 0) === 0) return;
    }
  }

  return { applyStaged, undo, forget };
}

/** One audit row per created or changed person, built in SQL from the staged row and the record. */
function auditRows(ctx: WriteContext): SQL {
  const obj = (pairs: string[]) => `jsonb_build_object(${pairs.join(", ")})`;
  const when = (cond: string, json: string) => `(CASE WHEN ${cond} THEN ${json} ELSE '{}'::jsonb END)`;
  const merged = (f: (typeof PERSON_COLUMNS)[number]) =>
    f.required ? `b.${f.column}` : `COALESCE(b.${f.column}, c.${f.column})`;
  const fieldsBefore = PERSON_COLUMNS.map((f) =>
    when(`NOT b.is_new AND ${fieldChanged(f)}`, obj([`'${f.key}'`, `c.${f.column}`])),
  );
  const fieldsAfter = PERSON_COLUMNS.map((f) =>
    when(`NOT b.is_new AND ${fieldChanged(f)}`, obj([`'${f.key}'`, merged(f)])),
  );
  const created = `jsonb_strip_nulls(${obj(PERSON_COLUMNS.map((f) => `'${f.key}', b.${f.column}`))})`;
  const history = (key: string, cond: string, pairs: string[]) => when(cond, obj([`'${key}'`, obj(pairs)]));
  const after = [
    when("b.is_new", created),
    ...fieldsAfter,
    when("NOT b.is_new AND b.person_changed", "jsonb_build_object('version', c.version + 1)"),
    history("assignment", "b.a_change", [
      "'unitId', b.unit_id",
      "'titleId', b.title_id",
      "'seatId', b.seat_id",
      "'validFrom', b.assign_from",
    ]),
    history("tier", "b.t_change", ["'tier', b.tier", "'validFrom', b.tier_from", "'validTo', b.tier_to"]),
    history("salary", "b.s_change", [
      "'gradeCode', b.grade_code",
      "'step', b.step",
      "'coefficient', b.coefficient",
      "'validFrom', b.salary_from",
    ]),
    history("professionalQualification", "b.q_change", [
      "'levelCode', b.q_code",
      "'major', b.q_major",
      "'obtainedOn', b.q_date",
    ]),
    history("politicalTheory", "b.pt_change", ["'levelCode', b.pt_code", "'obtainedOn', b.pt_date"]),
    history("stateManagement", "b.sm_change", ["'levelCode', b.sm_code", "'obtainedOn', b.sm_date"]),
    `jsonb_build_object('importId', ${uuid(ctx.importId)})`,
  ];
  const before = [
    ...fieldsBefore,
    when("NOT b.is_new AND b.person_changed", "jsonb_build_object('version', c.version)"),
    history("assignment", closes("a"), [
      "'id', b.a_last_id",
      "'unitId', b.a_last_unit",
      "'titleId', b.a_last_title",
      "'validFrom', b.a_last_from",
      "'validTo', NULL",
    ]),
    history("tier", closes("t"), [
      "'id', b.t_last_id",
      "'tier', b.t_last_tier",
      "'validFrom', b.t_last_from",
      "'validTo', NULL",
    ]),
    history("salary", closes("s"), [
      "'id', b.s_last_id",
      "'gradeCode', b.s_last_grade",
      "'step', b.s_last_step",
      "'coefficient', b.s_last_coef",
      "'validFrom', b.s_last_from",
      "'validTo', NULL",
    ]),
  ];
  return sql`
    SELECT CASE WHEN b.is_new THEN 'cadre.created' ELSE 'cadre.updated' END AS action,
           'cadre' AS entity_type, b.cadre_id::text AS entity_id,
           CASE WHEN b.is_new THEN NULL ELSE ${sql.raw(before.join(" || "))} END AS before,
           ${sql.raw(after.join(" || "))} AS after,
           ${`Nhập từ tệp ${ctx.fileName}, dòng `} || b.row_no AS reason
    FROM import_rows b CROSS JOIN LATERAL (SELECT * FROM cadres p WHERE p.id = b.cadre_id LIMIT 1) c
    WHERE b.is_new OR ${sql.raw(ANY_CHANGE)}
    ORDER BY b.row_no`;
}

/**
 * "the staged row closes the person's open latest row of the history" (b = staged row): a new open row
 * does; a tier row with an end date does not (it is a period beside the others).
 */
function closes(prefix: string): string {
  const opens = prefix === "t" ? " AND b.tier_to IS NULL" : "";
  return `b.${prefix}_change AND b.${prefix}_last_id IS NOT NULL AND b.${prefix}_last_to IS NULL${opens}`;
}

/** A uuid as an SQL literal (only ids this server made go through it). */
function uuid(text: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) {
    throw new Error("unexpected import id");
  }
  return `'${text}'::uuid`;
}

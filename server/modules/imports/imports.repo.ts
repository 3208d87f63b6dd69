import { type SQL, sql } from "drizzle-orm";
import type { CodeListName } from "../../../common/enums/cadres.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import type { ParsedRow, Period, References, UnitPeriod } from "./rows.ts";

/**
 * The import's SQL. Valid rows go into a temporary staging table one batch at a time (one
 * `INSERT … SELECT FROM unnest(…)` per batch); then a few set-based statements match them to people,
 * compare them with the records, report the rows that cannot be applied, and write the differences:
 * new people, changed fields, dated history rows closed and opened. No statement runs per row.
 * Every function runs inside the import's transaction and takes it first.
 */

// ---- reference data, loaded once per import ----

export async function loadReferences(tx: Executor, scope: Actor["scope"]): Promise<References> {
  // One after the other: a transaction is one connection.
  const units = await tx.execute<{ id: number; code: string; validFrom: string; validTo: string | null }>(sql`
    SELECT id, code, valid_from AS "validFrom", valid_to AS "validTo" FROM units WHERE code IS NOT NULL`);
  const titles = await tx.execute<{ id: number; code: string }>(sql`SELECT id, code FROM titles`);
  const codes = await tx.execute<{ list: CodeListName; code: string; isActive: boolean }>(sql`
    SELECT list, code, is_active AS "isActive" FROM code_lists`);
  const unitsByCode = new Map<string, UnitPeriod[]>();
  for (const u of units.rows) {
    const list = unitsByCode.get(u.code) ?? [];
    list.push({ id: u.id, validFrom: u.validFrom, validTo: u.validTo });
    unitsByCode.set(u.code, list);
  }
  const codeMap = new Map<CodeListName, Map<string, boolean>>();
  for (const c of codes.rows) {
    const list = codeMap.get(c.list) ?? new Map<string, boolean>();
    list.set(c.code, c.isActive);
    codeMap.set(c.list, list);
  }
  let scopeMap: References["scope"] = "all";
  if (scope !== "all") {
    const closure = await tx.execute<{ unitId: number; validFrom: string; validTo: string | null }>(sql`
      SELECT descendant_id AS "unitId", valid_from AS "validFrom", valid_to AS "validTo" FROM unit_closure
      WHERE ancestor_id = ANY(${intArray(scope)})`);
    const map = new Map<number, Period[]>();
    for (const r of closure.rows) {
      const list = map.get(r.unitId) ?? [];
      list.push({ validFrom: r.validFrom, validTo: r.validTo });
      map.set(r.unitId, list);
    }
    scopeMap = map;
  }
  return {
    unitsByCode,
    titleIds: new Map(titles.rows.map((t) => [t.code, t.id])),
    codes: codeMap,
    scope: scopeMap,
  };
}

// ---- the staging table ----

type ColumnType = "int" | "text" | "date" | "numeric";
type StagedValue = string | number | null;

/** Staging columns filled from a parsed row (in unnest order). */
const STAGED: readonly [column: string, type: ColumnType, get: (r: ParsedRow) => StagedValue][] = [
  ["row_no", "int", (r) => r.rowNo],
  ["staff_code", "text", (r) => r.staffCode],
  ["id_number", "text", (r) => r.idNumber],
  ["full_name", "text", (r) => r.fullName],
  ["sex", "text", (r) => r.sex],
  ["birth_date", "date", (r) => r.birthDate],
  ["ethnicity_code", "text", (r) => r.ethnicityCode],
  ["religion_code", "text", (r) => r.religionCode],
  ["staff_type", "text", (r) => r.staffType],
  ["birthplace_unit_id", "int", (r) => r.birthplaceUnitId],
  ["birthplace_text", "text", (r) => r.birthplaceText],
  ["home_town_unit_id", "int", (r) => r.homeTownUnitId],
  ["home_town_text", "text", (r) => r.homeTownText],
  ["phone", "text", (r) => r.phone],
  ["email", "text", (r) => r.email],
  ["recruitment_date", "date", (r) => r.recruitmentDate],
  ["party_admission_date", "date", (r) => r.partyAdmissionDate],
  ["party_official_date", "date", (r) => r.partyOfficialDate],
  ["search_name", "text", (r) => r.searchName],
  ["sort_key", "text", (r) => r.sortKey],
  ["q_code", "text", (r) => r.qualificationCode],
  ["q_major", "text", (r) => r.qualificationMajor],
  ["q_date", "date", (r) => r.qualificationDate],
  ["pt_code", "text", (r) => r.politicalTheoryCode],
  ["pt_date", "date", (r) => r.politicalTheoryDate],
  ["sm_code", "text", (r) => r.stateManagementCode],
  ["sm_date", "date", (r) => r.stateManagementDate],
  ["unit_id", "int", (r) => r.unitId],
  ["title_id", "int", (r) => r.titleId],
  ["assign_from", "date", (r) => r.assignmentFrom],
  ["tier", "text", (r) => r.tier],
  ["tier_from", "date", (r) => r.tierFrom],
  ["grade_code", "text", (r) => r.salaryGradeCode],
  ["step", "int", (r) => r.salaryStep],
  ["coefficient", "numeric", (r) => r.salaryCoefficient],
  ["salary_from", "date", (r) => r.salaryFrom],
];

const SQL_TYPE: Record<ColumnType, string> = {
  int: "int",
  text: "text",
  date: "date",
  numeric: "numeric(5,2)",
};

/**
 * The person's own columns the import writes, with their contract names (audit before/after). Required
 * columns are always in the file; an empty optional cell keeps the stored value.
 */
const PERSON_COLUMNS: readonly { key: string; column: string; required: boolean }[] = [
  { key: "staffCode", column: "staff_code", required: true },
  { key: "idNumber", column: "id_number", required: false },
  { key: "fullName", column: "full_name", required: true },
  { key: "sex", column: "sex", required: true },
  { key: "birthDate", column: "birth_date", required: true },
  { key: "ethnicityCode", column: "ethnicity_code", required: false },
  { key: "religionCode", column: "religion_code", required: false },
  { key: "staffType", column: "staff_type", required: true },
  { key: "birthplaceUnitId", column: "birthplace_unit_id", required: false },
  { key: "birthplaceText", column: "birthplace_text", required: false },
  { key: "homeTownUnitId", column: "home_town_unit_id", required: false },
  { key: "homeTownText", column: "home_town_text", required: false },
  { key: "phone", column: "phone", required: false },
  { key: "email", column: "email", required: false },
  { key: "recruitmentDate", column: "recruitment_date", required: false },
  { key: "partyAdmissionDate", column: "party_admission_date", required: false },
  { key: "partyOfficialDate", column: "party_official_date", required: false },
];

/** "this field of the staged row differs from the record" (b = staged row, c = cadres). */
function fieldChanged(f: (typeof PERSON_COLUMNS)[number]): string {
  return f.required
    ? `b.${f.column} IS DISTINCT FROM c.${f.column}`
    : `(b.${f.column} IS NOT NULL AND b.${f.column} IS DISTINCT FROM c.${f.column})`;
}

const ANY_CHANGE =
  "(b.person_changed OR b.a_change OR b.t_change OR b.s_change OR b.q_change OR b.pt_change OR b.sm_change)";

/** Creates the staging tables (dropped when the transaction ends). */
export async function createStaging(tx: Executor): Promise<void> {
  const staged = STAGED.map(([c, t]) => `${c} ${SQL_TYPE[t]}`).join(", ");
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE import_rows (${staged},
      by_code int, by_idn int, cadre_id int, is_new boolean NOT NULL DEFAULT false,
      person_changed boolean NOT NULL DEFAULT false, seat_id int,
      a_last_id int, a_last_unit int, a_last_title int, a_last_from date, a_last_to date,
      a_change boolean NOT NULL DEFAULT false,
      t_last_id int, t_last_tier text, t_last_from date, t_last_to date, t_change boolean NOT NULL DEFAULT false,
      s_last_id int, s_last_grade text, s_last_step int, s_last_coef numeric(5,2), s_last_from date, s_last_to date,
      s_change boolean NOT NULL DEFAULT false,
      q_change boolean NOT NULL DEFAULT false, pt_change boolean NOT NULL DEFAULT false,
      sm_change boolean NOT NULL DEFAULT false,
      PRIMARY KEY (row_no)) ON COMMIT DROP`),
  );
  // People matched by earlier batches: the same person twice in one file is an error.
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE import_seen (row_no int PRIMARY KEY, cadre_id int NOT NULL) ON COMMIT DROP`),
  );
  await tx.execute(sql.raw(`CREATE INDEX import_seen_cadre_idx ON import_seen (cadre_id)`));
}

/** Replaces the staged batch with these rows (one statement, one array per column). */
export async function stageBatch(tx: Executor, rows: readonly ParsedRow[]): Promise<void> {
  await tx.execute(sql.raw("TRUNCATE import_rows"));
  if (rows.length === 0) return;
  const arrays = STAGED.map(
    ([, type, get]) => sql`${arrayLiteral(rows, get, type)}::${sql.raw(SQL_TYPE[type])}[]`,
  );
  await tx.execute(sql`
    INSERT INTO import_rows (${sql.raw(STAGED.map(([c]) => c).join(", "))})
    SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`);
}

/** A PostgreSQL array literal of one column of the rows. */
function arrayLiteral(
  rows: readonly ParsedRow[],
  get: (r: ParsedRow) => StagedValue,
  type: ColumnType,
): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = get(rows[i]!);
    if (v === null) parts[i] = "NULL";
    else if (type === "text") parts[i] = `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    else parts[i] = String(v);
  }
  return `{${parts.join(",")}}`;
}

// ---- matching and comparing ----

/** Finds each row's person: by staff code, else by ID number. */
export async function matchPeople(tx: Executor): Promise<void> {
  await tx.execute(sql`
    UPDATE import_rows b SET by_code = m.by_code, by_idn = m.by_idn, cadre_id = COALESCE(m.by_code, m.by_idn)
    FROM (SELECT r.row_no,
                 (SELECT c.id FROM cadres c WHERE c.staff_code = r.staff_code) AS by_code,
                 (SELECT c.id FROM cadres c WHERE r.id_number IS NOT NULL AND c.id_number = r.id_number) AS by_idn
          FROM import_rows r) m
    WHERE m.row_no = b.row_no`);
}

/** Locks the matched people (as every change of a record does), so that no edit races the import. */
export async function lockMatched(tx: Executor): Promise<void> {
  await tx.execute(sql`
    SELECT c.id FROM cadres c WHERE c.id IN (SELECT cadre_id FROM import_rows WHERE cadre_id IS NOT NULL)
    ORDER BY c.id FOR UPDATE`);
}

/**
 * Compares each row with its person: which own fields differ, and for each dated history whether the
 * file states something new. A history row counts as known when the person's latest row is open with the
 * same value, or when a row with the same value starts on the same date.
 */
export async function classify(tx: Executor): Promise<void> {
  await tx.execute(
    sql.raw(`UPDATE import_rows b SET person_changed = (${PERSON_COLUMNS.map(fieldChanged).join(" OR ")})
      FROM cadres c WHERE c.id = b.cadre_id`),
  );
  await tx.execute(sql`
    UPDATE import_rows b SET a_last_id = x.id, a_last_unit = x.unit_id, a_last_title = x.title_id,
      a_last_from = x.valid_from, a_last_to = x.valid_to, seat_id = x.seat_id,
      a_change = NOT (COALESCE(x.valid_to IS NULL AND x.unit_id = b.unit_id AND x.title_id = b.title_id, false)
                      OR x.exact)
    FROM (SELECT r.row_no, l.id, l.unit_id, l.title_id, l.valid_from, l.valid_to,
                 EXISTS (SELECT 1 FROM cadre_assignments a WHERE a.cadre_id = r.cadre_id AND a.is_main
                           AND a.unit_id = r.unit_id AND a.title_id = r.title_id AND a.valid_from = r.assign_from)
                   AS exact,
                 (SELECT s.id FROM seats s WHERE s.unit_id = r.unit_id AND s.title_id = r.title_id
                    AND s.valid_from <= r.assign_from AND s.valid_to IS NULL ORDER BY s.id LIMIT 1) AS seat_id
          FROM import_rows r
          LEFT JOIN LATERAL (
            SELECT a.id, a.unit_id, a.title_id, a.valid_from, a.valid_to FROM cadre_assignments a
            WHERE a.cadre_id = r.cadre_id AND a.is_main ORDER BY a.valid_from DESC LIMIT 1) l ON TRUE
          WHERE r.unit_id IS NOT NULL) x
    WHERE b.row_no = x.row_no`);
  await tx.execute(sql`
    UPDATE import_rows b SET t_last_id = x.id, t_last_tier = x.tier, t_last_from = x.valid_from,
      t_last_to = x.valid_to,
      t_change = NOT (COALESCE(x.valid_to IS NULL AND x.tier = b.tier, false) OR x.exact)
    FROM (SELECT r.row_no, l.id, l.tier, l.valid_from, l.valid_to,
                 EXISTS (SELECT 1 FROM cadre_tiers t WHERE t.cadre_id = r.cadre_id AND t.tier = r.tier
                           AND t.valid_from = r.tier_from) AS exact
          FROM import_rows r
          LEFT JOIN LATERAL (
            SELECT t.id, t.tier, t.valid_from, t.valid_to FROM cadre_tiers t
            WHERE t.cadre_id = r.cadre_id ORDER BY t.valid_from DESC LIMIT 1) l ON TRUE
          WHERE r.tier IS NOT NULL) x
    WHERE b.row_no = x.row_no`);
  // A salary row is the same when grade and step agree, and the coefficient too when the file gives one.
  await tx.execute(sql`
    UPDATE import_rows b SET s_last_id = x.id, s_last_grade = x.grade_code, s_last_step = x.step,
      s_last_coef = x.coefficient, s_last_from = x.valid_from, s_last_to = x.valid_to,
      s_change = NOT (COALESCE(x.valid_to IS NULL AND x.grade_code = b.grade_code AND x.step = b.step
                               AND (b.coefficient IS NULL OR b.coefficient = x.coefficient), false)
                      OR x.exact)
    FROM (SELECT r.row_no, l.id, l.grade_code, l.step, l.coefficient, l.valid_from, l.valid_to,
                 EXISTS (SELECT 1 FROM cadre_salaries s WHERE s.cadre_id = r.cadre_id
                           AND s.grade_code = r.grade_code AND s.step = r.step AND s.valid_from = r.salary_from
                           AND (r.coefficient IS NULL OR s.coefficient = r.coefficient)) AS exact
          FROM import_rows r
          LEFT JOIN LATERAL (
            SELECT s.id, s.grade_code, s.step, s.coefficient, s.valid_from, s.valid_to FROM cadre_salaries s
            WHERE s.cadre_id = r.cadre_id ORDER BY s.valid_from DESC LIMIT 1) l ON TRUE
          WHERE r.grade_code IS NOT NULL) x
    WHERE b.row_no = x.row_no`);
  // A qualification is known when the person already holds that level in that category.
  const known = (category: string, codeColumn: string) =>
    sql.raw(`b.${codeColumn} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cadre_qualifications q
      WHERE q.cadre_id = b.cadre_id AND q.category = '${category}' AND q.level_code = b.${codeColumn})`);
  await tx.execute(sql`
    UPDATE import_rows b SET q_change = ${known("professional", "q_code")},
      pt_change = ${known("political_theory", "pt_code")},
      sm_change = ${known("state_management", "sm_code")}
    WHERE b.q_code IS NOT NULL OR b.pt_code IS NOT NULL OR b.sm_code IS NOT NULL`);
}

/** A row the records refuse; `date` and `other` carry the facts the message needs. */
export type RowProblem = {
  rowNo: number;
  problem:
    | "id_number_other_person"
    | "same_person"
    | "out_of_scope"
    | "needs_unit"
    | "assignment_not_after"
    | "assignment_overlap"
    | "tier_not_after"
    | "tier_overlap"
    | "salary_not_after"
    | "salary_overlap"
    | "party_official_without_admission"
    | "party_official_before_admission";
  date: string | null;
  other: number | null;
};

/** What in the staged batch cannot be applied to the records, row by row. */
export async function findProblems(
  tx: Executor,
  options: { scope: Actor["scope"]; today: string },
): Promise<RowProblem[]> {
  const { scope, today } = options;
  const scoped = scope !== "all";
  const periodChecks = (prefix: string, name: string, from: string) =>
    sql.raw(`
    UNION ALL
    SELECT row_no, '${name}_not_after', ${prefix}_last_from, NULL FROM import_rows
    WHERE ${prefix}_change AND ${prefix}_last_id IS NOT NULL AND ${prefix}_last_to IS NULL
      AND ${from} <= ${prefix}_last_from
    UNION ALL
    SELECT row_no, '${name}_overlap', ${prefix}_last_to, NULL FROM import_rows
    WHERE ${prefix}_change AND ${prefix}_last_to IS NOT NULL AND ${from} < ${prefix}_last_to`);
  const scopeCheck = scoped
    ? sql`
    UNION ALL
    SELECT r.row_no, 'out_of_scope', NULL, NULL FROM import_rows r
    LEFT JOIN LATERAL (
      SELECT a.unit_id,
             CASE WHEN a.valid_from > ${today}::date THEN a.valid_from
                  WHEN a.valid_to IS NOT NULL AND a.valid_to <= ${today}::date THEN a.valid_to - 1
                  ELSE ${today}::date END AS at
      FROM cadre_assignments a WHERE a.cadre_id = r.cadre_id AND a.is_main
      ORDER BY (a.valid_from <= ${today}::date) DESC,
               CASE WHEN a.valid_from <= ${today}::date THEN a.valid_from END DESC, a.valid_from
      LIMIT 1) an ON TRUE
    WHERE r.cadre_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM unit_closure c WHERE c.descendant_id = an.unit_id AND c.ancestor_id = ANY(${intArray(scope)})
        AND c.valid_from <= an.at AND (c.valid_to IS NULL OR c.valid_to > an.at))
    UNION ALL
    SELECT row_no, 'needs_unit', NULL, NULL FROM import_rows WHERE cadre_id IS NULL AND unit_id IS NULL`
    : sql``;
  const result = await tx.execute<{
    rowNo: number;
    problem: RowProblem["problem"];
    date: string | null;
    other: number | null;
  }>(sql`
    SELECT row_no AS "rowNo", problem, d AS date, n AS other FROM (
      SELECT row_no, 'id_number_other_person' AS problem, NULL::date AS d, by_idn AS n FROM import_rows
      WHERE by_code IS NOT NULL AND by_idn IS NOT NULL AND by_code <> by_idn
      UNION ALL
      SELECT row_no, 'same_person', NULL, first_row FROM (
        SELECT row_no, is_current, min(row_no) OVER (PARTITION BY cadre_id) AS first_row FROM (
          SELECT row_no, cadre_id, true AS is_current FROM import_rows WHERE cadre_id IS NOT NULL
          UNION ALL
          SELECT s.row_no, s.cadre_id, false FROM import_seen s
          WHERE s.cadre_id IN (SELECT cadre_id FROM import_rows WHERE cadre_id IS NOT NULL)) z) w
      WHERE is_current AND row_no <> first_row
      ${scopeCheck}
      ${periodChecks("a", "assignment", "assign_from")}
      ${periodChecks("t", "tier", "tier_from")}
      ${periodChecks("s", "salary", "salary_from")}
      UNION ALL
      SELECT r.row_no,
             CASE WHEN COALESCE(r.party_admission_date, c.party_admission_date) IS NULL
                  THEN 'party_official_without_admission' ELSE 'party_official_before_admission' END,
             COALESCE(r.party_admission_date, c.party_admission_date), NULL
      FROM import_rows r LEFT JOIN cadres c ON c.id = r.cadre_id
      WHERE (r.party_official_date IS NOT NULL OR r.party_admission_date IS NOT NULL)
        AND COALESCE(r.party_official_date, c.party_official_date) IS NOT NULL
        AND (COALESCE(r.party_admission_date, c.party_admission_date) IS NULL
             OR COALESCE(r.party_official_date, c.party_official_date)
                <= COALESCE(r.party_admission_date, c.party_admission_date))
    ) p ORDER BY row_no`);
  return result.rows;
}

/** Remembers the batch's matched people for the checks of later batches. */
export async function rememberMatched(tx: Executor): Promise<void> {
  await tx.execute(sql`INSERT INTO import_seen (row_no, cadre_id)
    SELECT row_no, cadre_id FROM import_rows WHERE cadre_id IS NOT NULL`);
}

export type BatchCounts = { created: number; updated: number; unchanged: number };

/** New, changed and unchanged people of the staged batch (as classified). */
export async function countBatch(tx: Executor): Promise<BatchCounts> {
  const result = await tx.execute<BatchCounts>(
    sql.raw(`SELECT count(*) FILTER (WHERE b.cadre_id IS NULL)::int AS created,
      count(*) FILTER (WHERE b.cadre_id IS NOT NULL AND ${ANY_CHANGE})::int AS updated,
      count(*) FILTER (WHERE b.cadre_id IS NOT NULL AND NOT ${ANY_CHANGE})::int AS unchanged
      FROM import_rows b`),
  );
  return result.rows[0]!;
}

// ---- writing ----

export type WriteContext = { actor: Actor; fileName: string; importId: string; now: Date };

/**
 * Writes the staged batch: creates the new people, audits every created or changed person (before and
 * after of what changed), updates the changed fields, closes the history rows the file supersedes on the
 * new start date and opens the new ones.
 */
export async function writeBatch(tx: Executor, ctx: WriteContext): Promise<void> {
  const cols = PERSON_COLUMNS.map((f) => f.column).join(", ");
  await tx.execute(
    sql.raw(`WITH created AS (
      INSERT INTO cadres (${cols}, search_name, sort_key)
      SELECT ${cols}, search_name, sort_key FROM import_rows WHERE cadre_id IS NULL ORDER BY row_no
      RETURNING id, staff_code)
    UPDATE import_rows b SET cadre_id = created.id, is_new = true FROM created
    WHERE b.staff_code = created.staff_code AND b.cadre_id IS NULL`),
  );
  await insertAudit(tx, ctx);
  const now = ctx.now.toISOString();
  const assignments = PERSON_COLUMNS.map((f) =>
    f.required ? `${f.column} = b.${f.column}` : `${f.column} = COALESCE(b.${f.column}, c.${f.column})`,
  ).join(", ");
  await tx.execute(sql`
    UPDATE cadres c SET ${sql.raw(assignments)}, search_name = b.search_name, sort_key = b.sort_key,
      version = c.version + 1, updated_at = ${now}::timestamptz
    FROM import_rows b WHERE c.id = b.cadre_id AND b.person_changed AND NOT b.is_new`);

  // Dated histories (DESIGN §4.1): the open row ends the day the new one starts; nothing is overwritten.
  await tx.execute(sql`
    UPDATE cadre_assignments a SET valid_to = b.assign_from FROM import_rows b
    WHERE b.a_change AND b.a_last_id IS NOT NULL AND b.a_last_to IS NULL
      AND a.cadre_id = b.cadre_id AND a.id = b.a_last_id`);
  await tx.execute(sql`
    INSERT INTO cadre_assignments (cadre_id, seat_id, unit_id, title_id, is_main, valid_from)
    SELECT cadre_id, seat_id, unit_id, title_id, true, assign_from FROM import_rows WHERE a_change ORDER BY row_no`);
  await tx.execute(sql`
    UPDATE cadre_tiers t SET valid_to = b.tier_from FROM import_rows b
    WHERE b.t_change AND b.t_last_id IS NOT NULL AND b.t_last_to IS NULL
      AND t.cadre_id = b.cadre_id AND t.id = b.t_last_id`);
  await tx.execute(sql`
    INSERT INTO cadre_tiers (cadre_id, tier, valid_from)
    SELECT cadre_id, tier, tier_from FROM import_rows WHERE t_change ORDER BY row_no`);
  await tx.execute(sql`
    UPDATE cadre_salaries s SET valid_to = b.salary_from FROM import_rows b
    WHERE b.s_change AND b.s_last_id IS NOT NULL AND b.s_last_to IS NULL
      AND s.cadre_id = b.cadre_id AND s.id = b.s_last_id`);
  await tx.execute(sql`
    INSERT INTO cadre_salaries (cadre_id, grade_code, step, coefficient, valid_from)
    SELECT cadre_id, grade_code, step, coefficient, salary_from FROM import_rows WHERE s_change ORDER BY row_no`);
  await tx.execute(sql`
    INSERT INTO cadre_qualifications (cadre_id, category, level_code, major, obtained_on)
    SELECT cadre_id, 'professional', q_code, q_major, q_date FROM import_rows WHERE q_change
    UNION ALL
    SELECT cadre_id, 'political_theory', pt_code, NULL, pt_date FROM import_rows WHERE pt_change
    UNION ALL
    SELECT cadre_id, 'state_management', sm_code, NULL, sm_date FROM import_rows WHERE sm_change`);
}

/** One audit row per created or changed person, built in SQL from the staged row and the record. */
async function insertAudit(tx: Executor, ctx: WriteContext): Promise<void> {
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
    history("tier", "b.t_change", ["'tier', b.tier", "'validFrom', b.tier_from"]),
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
    `jsonb_build_object('importId', ${literal(ctx.importId)})`,
  ];
  const closes = (prefix: string) =>
    `b.${prefix}_change AND b.${prefix}_last_id IS NOT NULL AND b.${prefix}_last_to IS NULL`;
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
  const { actor } = ctx;
  await tx.execute(sql`
    INSERT INTO audit_log (actor_id, actor_username, action, entity_type, entity_id, before, after, reason,
                           request_id, ip)
    SELECT ${actor.userId}::int, ${actor.username}, CASE WHEN b.is_new THEN 'cadre.created' ELSE 'cadre.updated' END,
           'cadre', b.cadre_id::text,
           CASE WHEN b.is_new THEN NULL ELSE ${sql.raw(before.join(" || "))} END,
           ${sql.raw(after.join(" || "))},
           ${`Nhập từ tệp ${ctx.fileName}, dòng `} || b.row_no, ${actor.requestId ?? null}, ${actor.ip ?? null}
    FROM import_rows b JOIN cadres c ON c.id = b.cadre_id
    WHERE b.is_new OR ${sql.raw(ANY_CHANGE)}
    ORDER BY b.row_no`);
}

/** A text literal for SQL assembled here (only the import id, a UUID we made, goes through it). */
function literal(text: string): string {
  if (!/^[0-9a-f-]+$/.test(text)) throw new Error("unexpected import id");
  return `'${text}'`;
}

function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => String(Math.trunc(v))).join(",")}}`}::int[]`;
}

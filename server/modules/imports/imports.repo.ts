import { type SQL, sql } from "drizzle-orm";
import type { CodeListName } from "../../../common/enums/cadres.ts";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { ANY_CHANGE, fieldChanged, PERSON_COLUMNS } from "../cadres/index.ts";
import { byNameKey, type NamedCode } from "./names.ts";
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
  const places = await tx.execute<{ id: number; key: string }>(
    sql`SELECT id, edition || ':' || code AS key FROM places`,
  );
  const codes = await tx.execute<{
    list: CodeListName;
    code: string;
    name: string;
    isActive: boolean;
    validFrom: string | null;
    validTo: string | null;
  }>(sql`
    SELECT list, code, name, is_active AS "isActive", valid_from AS "validFrom", valid_to AS "validTo"
    FROM code_lists`);
  // Names for the coded columns written by name: each unit's names over time, with its parent's name then.
  const unitNames = await tx.execute<{
    id: number;
    code: string;
    name: string;
    parentName: string | null;
    validFrom: string;
    validTo: string | null;
  }>(sql`
    SELECT u.id, u.code, v.name, pv.name AS "parentName", v.valid_from AS "validFrom", v.valid_to AS "validTo"
    FROM unit_versions v JOIN units u ON u.id = v.unit_id
    LEFT JOIN LATERAL (
      SELECT p.name FROM unit_versions p WHERE p.unit_id = v.parent_id
      ORDER BY p.valid_from DESC LIMIT 1) pv ON TRUE
    WHERE u.code IS NOT NULL`);
  const titleNames = await tx.execute<{ id: number; code: string; name: string }>(
    sql`SELECT id, code, name FROM titles`,
  );
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
  const codeNames = new Map<CodeListName, Map<string, NamedCode<string>[]>>();
  for (const list of new Set(codes.rows.map((c) => c.list))) {
    codeNames.set(
      list,
      byNameKey(
        codes.rows
          .filter((c) => c.list === list && c.isActive)
          .map((c) => ({ ...c, value: c.code, label: "" })),
      ),
    );
  }
  return {
    names: {
      units: byNameKey(
        unitNames.rows.map((u) => ({
          ...u,
          value: u.id,
          label: u.parentName ? `thuộc ${u.parentName}` : "",
        })),
      ),
      titles: byNameKey(
        titleNames.rows.map((t) => ({ ...t, value: t.id, label: "", validFrom: null, validTo: null })),
      ),
      codes: codeNames,
    },
    unitsByCode,
    placeIds: new Map(places.rows.map((p) => [p.key, p.id])),
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
  ["birth_date_precision", "text", (r) => r.birthDatePrecision],
  ["ethnicity_code", "text", (r) => r.ethnicityCode],
  ["religion_code", "text", (r) => r.religionCode],
  ["staff_type", "text", (r) => r.staffType],
  ["birthplace_unit_id", "int", (r) => r.birthplaceUnitId],
  ["birthplace_place_id", "int", (r) => r.birthplacePlaceId],
  ["birthplace_text", "text", (r) => r.birthplaceText],
  ["home_town_unit_id", "int", (r) => r.homeTownUnitId],
  ["home_town_place_id", "int", (r) => r.homeTownPlaceId],
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
  ["tier_to", "date", (r) => r.tierValidTo],
  ["grade_code", "text", (r) => r.salaryGradeCode],
  ["step", "int", (r) => r.salaryStep],
  ["coefficient", "numeric", (r) => r.salaryCoefficient],
  ["salary_from", "date", (r) => r.salaryFrom],
];

/**
 * The columns of `import_rows` after the staged ones, in the order the comparison computes them: named in
 * the INSERT, since columns added by later migrations (the places) sit at the end of the table.
 */
const COMPARED_COLUMNS = [
  "by_code, by_idn, cadre_id, is_new, person_changed, seat_id",
  "a_last_id, a_last_unit, a_last_title, a_last_from, a_last_to, a_change",
  "t_last_id, t_last_tier, t_last_from, t_last_to, t_change",
  "s_last_id, s_last_grade, s_last_step, s_last_coef, s_last_from, s_last_to, s_change",
  "q_change, pt_change, sm_change",
].join(", ");

const SQL_TYPE: Record<ColumnType, string> = {
  int: "int",
  text: "text",
  date: "date",
  numeric: "numeric(5,2)",
};

/**
 * Empties the staging tables (migration 0008) for a new import: `import_input` holds the file's valid rows,
 * `import_rows` one batch of them matched and compared with the records, `import_seen` the people matched
 * by earlier batches (the same person twice in one file is an error). One import runs at a time
 * (`import_runs`), so they are the import's own between its short transactions.
 */
export async function resetStaging(tx: Executor): Promise<void> {
  await tx.execute(sql`TRUNCATE import_input, import_rows, import_seen`);
}

/** A batch of valid rows of the file, ready to be staged: built before its transaction opens. */
export type StagedBatch = { readonly statement: SQL | null };

/**
 * The statement that stores a batch (one `INSERT … SELECT FROM unnest(…)`). Its column arrays take a
 * while to build for 1,000 rows: built outside the transaction, so that the embedded database is not held
 * while JavaScript works (ADR 0001).
 */
export function prepareStaging(rows: readonly ParsedRow[]): StagedBatch {
  if (rows.length === 0) return { statement: null };
  const arrays = STAGED.map(
    ([, type, get]) => sql`${arrayLiteral(rows, get, type)}::${sql.raw(SQL_TYPE[type])}[]`,
  );
  const names = STAGED.map(([c]) => c).join(", ");
  return {
    statement: sql`
    INSERT INTO import_input (${sql.raw(names)})
    SELECT * FROM unnest(${sql.join(arrays, sql`, `)}) AS u(${sql.raw(names)})`,
  };
}

/** Stores a prepared batch of valid rows. */
export async function stageInput(tx: Executor, batch: StagedBatch): Promise<void> {
  if (batch.statement) await tx.execute(batch.statement);
}

/** The first and last row number of a staged batch. */
export type RowRange = { first: number; last: number };

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
    else if (type === "text") {
      const t = String(v);
      parts[i] = NEEDS_ESCAPE.test(t) ? `"${t.replace(/[\\"]/g, (c) => `\\${c}`)}"` : `"${t}"`;
    } else parts[i] = String(v);
  }
  return `{${parts.join(",")}}`;
}
const NEEDS_ESCAPE = /[\\"]/;

/**
 * Locks the people the batch names (by staff code or ID number), as every change of a record does, before
 * they are compared: no edit can slip between the comparison and the write.
 */
export async function lockNamed(tx: Executor, range: RowRange): Promise<void> {
  await tx.execute(sql`
    SELECT c.id FROM cadres c
    WHERE c.id IN (
      SELECT p.id FROM import_input i JOIN cadres p ON p.staff_code = i.staff_code
      WHERE i.row_no BETWEEN ${range.first} AND ${range.last}
      UNION
      SELECT p.id FROM import_input i JOIN cadres p ON p.id_number = i.id_number
      WHERE i.row_no BETWEEN ${range.first} AND ${range.last} AND i.id_number IS NOT NULL)
    ORDER BY c.id FOR UPDATE`);
}

/**
 * Matches each staged row to its person (by staff code, else by ID number; a new person gets its id from
 * the identity sequence now) and compares it with the record, in one statement: which own fields differ, and
 * for each dated history whether the file states something new. A history row is known when the person's
 * latest row is open with the same value, or a row with the same value starts on the same date; a tier row
 * with an end date (a period already over) only when a row with the same value has the same first and
 * last day.
 */
export async function compareBatch(
  tx: Executor,
  range: RowRange,
  options: { reserveIds: boolean },
): Promise<void> {
  // TRUNCATE, not DELETE: with no autovacuum on PGlite, dead rows would pile up batch after batch.
  await tx.execute(sql.raw("TRUNCATE import_rows"));
  // A dry run only compares: its new people get stand-in ids (minus the row number), no sequence value.
  const newId = options.reserveIds ? "nextval(pg_get_serial_sequence('cadres', 'id'))::int" : "-r.row_no";
  const personChanged = PERSON_COLUMNS.map((f) => fieldChanged(f).replaceAll("b.", "r.")).join(" OR ");
  const known = (category: string, code: string) =>
    `r.${code} IS NOT NULL AND NOT COALESCE(lq.${category}, false)`;
  const staged = STAGED.map(([c]) => `r.${c}`).join(", ");
  // The matches are computed once per row (a materialized CTE): inlined, the planner would repeat the two
  // lookups at every use and could not probe the histories by person. Every other lookup is a LATERAL,
  // i.e. an index probe per row rather than a scan of the whole table per batch.
  const names = STAGED.map(([c]) => c).join(", ");
  await tx.execute(sql`
    WITH raw AS MATERIALIZED (
      SELECT ${sql.raw(names)} FROM import_input WHERE row_no BETWEEN ${range.first} AND ${range.last}),
    ${sql.raw(`r AS MATERIALIZED (
      SELECT x.*, COALESCE(x.by_code, x.by_idn) AS found FROM (
        SELECT raw.*,
               (SELECT c.id FROM cadres c WHERE c.staff_code = raw.staff_code) AS by_code,
               (SELECT c.id FROM cadres c WHERE raw.id_number IS NOT NULL AND c.id_number = raw.id_number) AS by_idn
        FROM raw) x)
    INSERT INTO import_rows (${names}, ${COMPARED_COLUMNS})
    SELECT ${staged}, r.by_code, r.by_idn, COALESCE(r.found, ${newId}),
      r.found IS NULL,
      CASE WHEN r.found IS NULL THEN false ELSE (${personChanged}) END,
      (SELECT min(s.id) FILTER (WHERE s.title_id = r.title_id AND s.valid_from <= r.assign_from AND s.valid_to IS NULL)
       FROM seats s WHERE r.unit_id IS NOT NULL AND s.unit_id = r.unit_id),
      la.id, la.unit_id, la.title_id, la.valid_from, la.valid_to,
      r.unit_id IS NOT NULL AND NOT (
        COALESCE(la.valid_to IS NULL AND la.unit_id = r.unit_id AND la.title_id = r.title_id, false)
        OR COALESCE(ea.exact, false)),
      lt.id, lt.tier, lt.valid_from, lt.valid_to,
      r.tier IS NOT NULL AND NOT (
        COALESCE(r.tier_to IS NULL AND lt.valid_to IS NULL AND lt.tier = r.tier, false)
        OR COALESCE(et.exact, false)),
      ls.id, ls.grade_code, ls.step, ls.coefficient, ls.valid_from, ls.valid_to,
      r.grade_code IS NOT NULL AND NOT (
        COALESCE(ls.valid_to IS NULL AND ls.grade_code = r.grade_code AND ls.step = r.step
                 AND (r.coefficient IS NULL OR r.coefficient = ls.coefficient), false)
        OR COALESCE(es.exact, false)),
      ${known("professional", "q_code")},
      ${known("political_theory", "pt_code")},
      ${known("state_management", "sm_code")}
    FROM r
    LEFT JOIN LATERAL (SELECT * FROM cadres p WHERE r.found IS NOT NULL AND p.id = r.found LIMIT 1) c ON TRUE
    LEFT JOIN LATERAL (
      SELECT a.id, a.unit_id, a.title_id, a.valid_from, a.valid_to FROM cadre_assignments a
      WHERE r.found IS NOT NULL AND r.unit_id IS NOT NULL AND a.cadre_id = r.found AND a.is_main
      ORDER BY a.valid_from DESC LIMIT 1) la ON TRUE
    LEFT JOIN LATERAL (
      SELECT t.id, t.tier, t.valid_from, t.valid_to FROM cadre_tiers t
      WHERE r.found IS NOT NULL AND r.tier IS NOT NULL AND t.cadre_id = r.found
      ORDER BY t.valid_from DESC LIMIT 1) lt ON TRUE
    LEFT JOIN LATERAL (
      SELECT s.id, s.grade_code, s.step, s.coefficient, s.valid_from, s.valid_to FROM cadre_salaries s
      WHERE r.found IS NOT NULL AND r.grade_code IS NOT NULL AND s.cadre_id = r.found
      ORDER BY s.valid_from DESC LIMIT 1) ls ON TRUE
    -- "a row with the same value starting the same day", and the qualifications held, aggregated over the
    -- person's own rows: the primary key (cadre_id, id) finds them, whatever other index matches better.
    LEFT JOIN LATERAL (
      SELECT bool_or(a.unit_id = r.unit_id AND a.title_id = r.title_id AND a.valid_from = r.assign_from) AS exact
      FROM cadre_assignments a WHERE r.found IS NOT NULL AND r.unit_id IS NOT NULL AND a.cadre_id = r.found
        AND a.is_main) ea ON TRUE
    -- A tier row with an end is known only with that end; an open one by its value and first day.
    LEFT JOIN LATERAL (
      SELECT bool_or(t.tier = r.tier AND t.valid_from = r.tier_from
                     AND (r.tier_to IS NULL OR t.valid_to = r.tier_to)) AS exact
      FROM cadre_tiers t WHERE r.found IS NOT NULL AND r.tier IS NOT NULL AND t.cadre_id = r.found) et ON TRUE
    LEFT JOIN LATERAL (
      SELECT bool_or(s.grade_code = r.grade_code AND s.step = r.step AND s.valid_from = r.salary_from
                     AND (r.coefficient IS NULL OR s.coefficient = r.coefficient)) AS exact
      FROM cadre_salaries s WHERE r.found IS NOT NULL AND r.grade_code IS NOT NULL AND s.cadre_id = r.found) es ON TRUE
    LEFT JOIN LATERAL (
      SELECT bool_or(q.category = 'professional' AND q.level_code = r.q_code) AS professional,
             bool_or(q.category = 'political_theory' AND q.level_code = r.pt_code) AS political_theory,
             bool_or(q.category = 'state_management' AND q.level_code = r.sm_code) AS state_management
      FROM cadre_qualifications q
      WHERE r.found IS NOT NULL AND (r.q_code IS NOT NULL OR r.pt_code IS NOT NULL OR r.sm_code IS NOT NULL)
        AND q.cadre_id = r.found) lq ON TRUE`)}`);
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
    | "tier_not_yet_in_force"
    | "tier_ended"
    | "tier_current_ended"
    | "tier_to_past_end"
    | "tier_period_overlap"
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
  // A new open row closes the latest one: it must start after it, and after the end of a latest row closed.
  // `opens` limits the checks to the rows that do (a tier row with an end closes nothing).
  const periodChecks = (prefix: string, name: string, from: string, opens = "true") =>
    sql.raw(`
    UNION ALL
    SELECT row_no, '${name}_not_after', ${prefix}_last_from, NULL FROM import_rows
    WHERE ${prefix}_change AND ${opens} AND ${prefix}_last_id IS NOT NULL AND ${prefix}_last_to IS NULL
      AND ${from} <= ${prefix}_last_from
    UNION ALL
    SELECT row_no, '${name}_overlap', ${prefix}_last_to, NULL FROM import_rows
    WHERE ${prefix}_change AND ${opens} AND ${prefix}_last_to IS NOT NULL AND ${from} < ${prefix}_last_to`);
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
    WHERE NOT r.is_new AND NOT EXISTS (
      SELECT 1 FROM unit_closure c WHERE c.descendant_id = an.unit_id AND c.ancestor_id = ANY(${intArray(scope)})
        AND c.valid_from <= an.at AND (c.valid_to IS NULL OR c.valid_to > an.at))
    UNION ALL
    SELECT row_no, 'needs_unit', NULL, NULL FROM import_rows WHERE is_new AND unit_id IS NULL`
    : sql``;
  const result = await tx.execute<{
    rowNo: number;
    problem: RowProblem["problem"];
    date: string | null;
    other: number | null;
  }>(sql`
    SELECT row_no AS "rowNo", problem, d AS date, n AS other FROM (
      SELECT row_no, 'id_number_other_person' AS problem, NULL::date AS d, by_idn AS n FROM import_rows
      WHERE by_code <> by_idn
      UNION ALL
      SELECT row_no, 'same_person', NULL, first_row FROM (
        SELECT row_no, is_current, min(row_no) OVER (PARTITION BY cadre_id) AS first_row FROM (
          SELECT row_no, cadre_id, true AS is_current FROM import_rows WHERE NOT is_new
          UNION ALL
          SELECT s.row_no, s.cadre_id, false FROM import_seen s
          WHERE s.cadre_id IN (SELECT cadre_id FROM import_rows WHERE NOT is_new)) z) w
      WHERE is_current AND row_no <> first_row
      ${scopeCheck}
      ${periodChecks("a", "assignment", "assign_from")}
      ${periodChecks("t", "tier", "tier_from", "tier_to IS NULL")}
      -- A new tier row's tier must be in force on every day of it (DOMAIN §9, codePeriodProblem: the district
      -- tier exists until 30/6/2025): from its first day, and up to its end — an open row (no end date in the
      -- file) has none, so its tier must not end at all. The current row an open row closes must not run
      -- past its own tier's end either.
      UNION ALL
      SELECT r.row_no,
             CASE WHEN k.valid_from IS NOT NULL AND r.tier_from < k.valid_from THEN 'tier_not_yet_in_force'
                  WHEN r.tier_to IS NULL THEN 'tier_ended' ELSE 'tier_to_past_end' END,
             CASE WHEN k.valid_from IS NOT NULL AND r.tier_from < k.valid_from
                  THEN k.valid_from ELSE k.valid_to - 1 END, NULL
      FROM import_rows r JOIN code_lists k ON k.list = 'management_tier' AND k.code = r.tier
      WHERE r.t_change AND ((k.valid_from IS NOT NULL AND r.tier_from < k.valid_from)
                            OR (k.valid_to IS NOT NULL AND (r.tier_to IS NULL OR r.tier_to > k.valid_to)))
      UNION ALL
      SELECT r.row_no, 'tier_current_ended', k.valid_to - 1, NULL
      FROM import_rows r JOIN code_lists k ON k.list = 'management_tier' AND k.code = r.t_last_tier
      WHERE r.t_change AND r.tier_to IS NULL AND r.t_last_id IS NOT NULL AND r.t_last_to IS NULL
        AND k.valid_to IS NOT NULL AND r.tier_from > k.valid_to
      -- A tier row with an end is a period already over (or ending on a known day): it is added beside the
      -- person's rows and closes none of them, so it may not overlap any (one tier at a time, as on the
      -- record screen). The earliest row it overlaps is named.
      UNION ALL
      SELECT r.row_no, 'tier_period_overlap', o.valid_from, NULL
      FROM import_rows r
      JOIN LATERAL (
        SELECT t.valid_from FROM cadre_tiers t
        WHERE t.cadre_id = r.cadre_id AND t.valid_from < r.tier_to
          AND (t.valid_to IS NULL OR t.valid_to > r.tier_from)
        ORDER BY t.valid_from LIMIT 1) o ON TRUE
      WHERE r.t_change AND r.tier_to IS NOT NULL AND NOT r.is_new
      ${periodChecks("s", "salary", "salary_from")}
      UNION ALL
      SELECT r.row_no,
             CASE WHEN COALESCE(r.party_admission_date, c.party_admission_date) IS NULL
                  THEN 'party_official_without_admission' ELSE 'party_official_before_admission' END,
             COALESCE(r.party_admission_date, c.party_admission_date), NULL
      FROM import_rows r
      LEFT JOIN LATERAL (SELECT p.party_admission_date, p.party_official_date FROM cadres p
                         WHERE NOT r.is_new AND p.id = r.cadre_id LIMIT 1) c ON TRUE
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
    SELECT row_no, cadre_id FROM import_rows WHERE NOT is_new`);
}

/** Forgets the people matched so far (the apply checks the file again, from its first batch). */
export async function forgetMatched(tx: Executor): Promise<void> {
  await tx.execute(sql`DELETE FROM import_seen`);
}

export type BatchCounts = { created: number; updated: number; unchanged: number };

/** New, changed and unchanged people of the staged batch, leaving out the rows refused. */
export async function countBatch(tx: Executor, refusedRows: readonly number[]): Promise<BatchCounts> {
  const result = await tx.execute<BatchCounts>(sql`
    SELECT count(*) FILTER (WHERE b.is_new)::int AS created,
      count(*) FILTER (WHERE NOT b.is_new AND ${sql.raw(ANY_CHANGE)})::int AS updated,
      count(*) FILTER (WHERE NOT b.is_new AND NOT ${sql.raw(ANY_CHANGE)})::int AS unchanged
    FROM import_rows b WHERE b.row_no <> ALL(${intArray(refusedRows)})`);
  return result.rows[0]!;
}

function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => String(Math.trunc(v))).join(",")}}`}::int[]`;
}

// ---- the import's run: one at a time, interrupted ones undone ----

export type RunState = "checking" | "applying" | "applied" | "checked" | "undone" | "failed";

/** Registers a new import; false when another one is active (in this or another process). */
export async function beginRun(
  tx: Executor,
  run: { id: string; actorUsername: string; fileName: string },
): Promise<boolean> {
  const result = await tx.execute<{ id: string }>(sql`
    INSERT INTO import_runs (id, state, actor_username, file_name)
    VALUES (${run.id}::uuid, 'checking', ${run.actorUsername}, ${run.fileName})
    ON CONFLICT DO NOTHING RETURNING id`);
  return result.rows.length === 1;
}

export async function setRunState(tx: Executor, id: string, state: RunState): Promise<void> {
  const ended = state === "checking" || state === "applying" ? sql`NULL` : sql`now()`;
  await tx.execute(sql`
    UPDATE import_runs SET state = ${state}, heartbeat_at = now(), ended_at = ${ended} WHERE id = ${id}::uuid`);
}

export async function heartbeat(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`UPDATE import_runs SET heartbeat_at = now() WHERE id = ${id}::uuid`);
}

export type StaleRun = { id: string; state: RunState; actorUsername: string; fileName: string };

/** Active imports whose process stopped beating for `staleSeconds` (0: every active one). */
export async function staleRuns(tx: Executor, staleSeconds: number): Promise<StaleRun[]> {
  const result = await tx.execute<StaleRun>(sql`
    SELECT id::text, state, actor_username AS "actorUsername", file_name AS "fileName" FROM import_runs
    WHERE state IN ('checking', 'applying') AND heartbeat_at <= now() - make_interval(secs => ${staleSeconds})`);
  return result.rows;
}

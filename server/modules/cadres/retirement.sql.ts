import { type SQL, sql } from "drizzle-orm";
import {
  firstBirthNotRetiredOn,
  type RetirementSchedule,
  retirementAgeBands,
  type Sex,
} from "../../../common/rules/retirement.ts";
import { isoDate } from "./sql.ts";

/**
 * The retirement date in SQL, the twin of retirementOn (common/rules/retirement-override.ts) for queries
 * over many people (the "retiring soon" list, figures). The statutory age depends only on the sex and the
 * month of birth (Decree 135/2020 Annex I), so the rule is handed to SQL as runs of birth months with one
 * age, computed from the dated setting by the same function the record uses.
 */

const BANDS_FROM = "1900-01-01";
const BANDS_TO = "2100-12-01";
const bandCache = new Map<string, Record<Sex, { bornFrom: string; ageMonths: number }[]>>();

function bandsOf(schedules: readonly RetirementSchedule[]) {
  const key = JSON.stringify(schedules);
  let bands = bandCache.get(key);
  if (!bands) {
    bands = {
      male: retirementAgeBands("male", schedules, BANDS_FROM, BANDS_TO),
      female: retirementAgeBands("female", schedules, BANDS_FROM, BANDS_TO),
    };
    if (bandCache.size > 16) bandCache.clear();
    bandCache.set(key, bands);
  }
  return bands;
}

/** The first day of the month of a date column, as a date (no time zone involved). */
function monthStart(birth: SQL): SQL {
  return sql`(${birth} - (extract(day from ${birth})::int - 1))`;
}

/** The last day of the month in which an age (months, an SQL int) is reached by someone born on `birth`. */
export function endOfMonthReachedSql(birth: SQL, ageMonths: SQL): SQL {
  return sql`((${monthStart(birth)} + make_interval(months => (${ageMonths}) + 1)) - interval '1 day')::date`;
}

/** The statutory retirement age in months for the person's sex and birth date columns. */
export function statutoryAgeMonthsSql(schedules: readonly RetirementSchedule[], sex: SQL, birth: SQL): SQL {
  const bands = bandsOf(schedules);
  const bySex = (s: Sex) => {
    const b = bands[s];
    // Newest band first: the first band whose start the birth date reaches.
    const whens = [...b]
      .reverse()
      .slice(0, -1)
      .map((band) => sql`WHEN ${birth} >= ${band.bornFrom}::date THEN ${sql.raw(String(band.ageMonths))}`);
    return sql`CASE ${sql.join(whens, sql` `)} ELSE ${sql.raw(String(b[0]!.ageMonths))} END`;
  };
  return sql`(CASE WHEN ${sex} = 'male' THEN ${bySex("male")} ELSE ${bySex("female")} END)`;
}

/** The statutory retirement date (last day of the month the age is reached). */
export function statutoryRetirementSql(schedules: readonly RetirementSchedule[], sex: SQL, birth: SQL): SQL {
  return endOfMonthReachedSql(birth, statutoryAgeMonthsSql(schedules, sex, birth));
}

/**
 * The override of person `p` in force on d, as a LATERAL subquery to join `ON TRUE` under the alias `ro`
 * (columns basis_kind, retirement_date, age_months).
 */
export function overrideOnSql(person: SQL, d: string): SQL {
  return sql`(SELECT o.basis_kind, o.retirement_date, o.age_months FROM cadre_retirement_overrides o
    WHERE o.cadre_id = ${person} AND o.valid_from <= ${isoDate(d)}::date
    ORDER BY o.valid_from DESC, o.id DESC LIMIT 1)`;
}

/**
 * The retirement date that applies on d to a person whose override row (joined from overrideOnSql) has
 * the alias `ro`: the override's date, or the end of the month its age is reached, else the statutory date.
 */
export function effectiveRetirementSql(
  schedules: readonly RetirementSchedule[],
  p: { sex: SQL; birth: SQL },
  ro = "ro",
): SQL {
  const o = sql.raw(ro);
  return sql`(CASE WHEN ${o}.basis_kind IS NULL OR ${o}.basis_kind = 'statutory'
      THEN ${statutoryRetirementSql(schedules, p.sex, p.birth)}
    WHEN ${o}.retirement_date IS NOT NULL THEN ${o}.retirement_date
    ELSE ${endOfMonthReachedSql(p.birth, sql`${o}.age_months`)} END)`;
}

/** What decides whether a person is past retirement on a date, as SQL over the person's row. */
export type RetirementFacts = {
  id: SQL;
  sex: SQL;
  birth: SQL;
  /** Whether the person has any retirement override (retirementFactsSql's has_retirement_override). */
  hasOverride: SQL;
};

/**
 * The column has_retirement_override of a person (`id`): whether an override is recorded at all — a hashed
 * set of the few people who have one, so that nearly every person is decided by the statutory date alone.
 */
export function retirementFactsSql(p: { id: SQL }): SQL {
  return sql`${p.id} IN (SELECT o.cadre_id FROM cadre_retirement_overrides o) AS has_retirement_override`;
}

/**
 * The birth-date cut-offs of the statutory rule on d for the figures (firstBirthNotRetiredOn): a person
 * without an override born before the cut-off of their sex is past the statutory date. SQL date values, or
 * columns of a table of dates.
 */
export type RetirementCutoffs = { male: SQL; female: SQL };

/** The cut-offs on one date, as SQL dates. */
export function retirementCutoffsOn(schedules: readonly RetirementSchedule[], d: string): RetirementCutoffs {
  return {
    male: sql`${firstBirthNotRetiredOn("male", schedules, d)}::date`,
    female: sql`${firstBirthNotRetiredOn("female", schedules, d)}::date`,
  };
}

/**
 * True when the person is past the retirement date that applies on d (an SQL date): the override in force
 * on d, else the statutory date. Records of such a person still saying "serving" are a data-quality problem
 * (DOMAIN §2): the figures leave them out and list them for correction. Without an override — nearly
 * everyone — one comparison of the birth date with the cut-off of the person's sex decides; the statutory
 * date is computed only for the few with an override.
 */
export function pastRetirementSql(
  schedules: readonly RetirementSchedule[],
  f: RetirementFacts,
  d: SQL,
  cutoffs: RetirementCutoffs,
): SQL {
  const statutory = statutoryRetirementSql(schedules, f.sex, f.birth);
  return sql`(CASE WHEN ${f.hasOverride} THEN coalesce((SELECT CASE WHEN o.basis_kind = 'statutory' THEN ${statutory}
        WHEN o.retirement_date IS NOT NULL THEN o.retirement_date
        ELSE ${endOfMonthReachedSql(f.birth, sql`o.age_months`)} END
      FROM cadre_retirement_overrides o WHERE o.cadre_id = ${f.id} AND o.valid_from <= ${d}
      ORDER BY o.valid_from DESC, o.id DESC LIMIT 1), ${statutory}) < ${d}
    ELSE ${f.birth} < (CASE WHEN ${f.sex} = 'male' THEN ${cutoffs.male} ELSE ${cutoffs.female} END) END)`;
}

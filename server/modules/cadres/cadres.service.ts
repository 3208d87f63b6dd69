import {
  type CadreDetail,
  type CadreListQuery,
  type CadrePage,
  type CreateCadreInput,
  CreateCadreSchema,
  type UpdateCadreInput,
  UpdateCadreSchema,
  WITHHELD_AS_OF,
} from "../../../common/contracts/cadres.ts";
import type { CodeListName } from "../../../common/enums/cadres.ts";
import { birthDateBounds } from "../../../common/rules/age-band.ts";
import { birthDateFields } from "../../../common/rules/birth-date.ts";
import { checkPersonDates, idNumberProblems } from "../../../common/rules/cadre-checks.ts";
import { DEFAULT_LOCAL_RULE, type LocalRule } from "../../../common/rules/local.ts";
import { foldVietnamese, vietnameseSortKey } from "../../../common/text/vietnamese.ts";
import type { Db, Executor } from "../../db/client.ts";
import { pieceSize } from "../../db/pieces.ts";
import { type Actor, authorize, hasPermission } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { CodeErrors } from "../codes/codes.errors.ts";
import type { CodeRef, CodesService } from "../codes/index.ts";
import type { PlacesService } from "../places/index.ts";
import type { UnitsService } from "../units/index.ts";
import { UnitErrors } from "../units/units.errors.ts";
import { recordAsOf } from "./cadres.as-of.ts";
import { CadreErrors } from "./cadres.errors.ts";
import { computeFacts, currentMain } from "./cadres.facts.ts";
import {
  assertMayRead,
  assertMayWrite,
  assertMayWriteSensitive,
  canSeeSensitive,
  maskedParts,
  maskIdNumber,
  sensitiveFieldsIn,
} from "./cadres.policy.ts";
import { presentDetail, presentListItem, type RecordParts } from "./cadres.presenter.ts";
import * as repo from "./cadres.repo.ts";
import * as rows from "./histories.repo.ts";
import type { HistoriesService } from "./histories.service.ts";
import { retirementFactsOf } from "./retirement.service.ts";
import * as search from "./search.repo.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  units: Pick<UnitsService, "isInScope">;
  codes: Pick<CodesService, "assertCodes" | "levelRank">;
  places: Pick<PlacesService, "byIds" | "assertPlaces">;
  histories: Pick<HistoriesService, "addInTx">;
  /** The "local" rule setting (DOMAIN §2); home town only by default. */
  localRule?: LocalRule;
};

export type CadresService = ReturnType<typeof createCadresService>;

/** The person's own fields as the contracts name them (everything but the histories). */
type PersonFields = Omit<UpdateCadreInput, "version" | "reason">;

/** Which code list each coded field of the person draws from. */
const CODED_FIELDS = {
  ethnicityCode: "ethnicity",
  religionCode: "religion",
  academicTitleCode: "academic_title",
} as const satisfies Partial<Record<keyof PersonFields, CodeListName>>;

export function createCadresService({
  db,
  audit,
  clock,
  units,
  codes,
  places: placeList,
  histories,
  localRule,
}: Deps) {
  const rule = localRule ?? DEFAULT_LOCAL_RULE;

  /** Creates a record, with its first main assignment when given (required for scoped users). */
  async function create(actor: Actor, raw: CreateCadreInput): Promise<CadreDetail> {
    assertMayWrite(actor, null);
    const { assignment, reason, ...parsed } = CreateCadreSchema.parse(raw);
    const fields = { ...parsed, ...birthDateFields(parsed) };
    assertMayWriteSensitive(actor, sensitiveFieldsIn(fields));
    if (actor.scope !== "all" && !assignment) throw new AppError(CadreErrors.CADRE_NEEDS_ASSIGNMENT);
    const today = clock.today();
    checkPerson(fields as PersonFields & { birthDate: string; sex: "male" | "female" }, today);
    const id = await db.transaction(async (tx) => {
      await assertUnique(tx, fields.staffCode, fields.idNumber ?? null);
      await assertReferences(tx, fields, Object.keys(fields));
      const person = await insertOrConflict(() =>
        repo.insertPerson(tx, {
          ...nullify(fields),
          staffCode: fields.staffCode,
          fullName: fields.fullName,
          sex: fields.sex,
          birthDate: fields.birthDate,
          birthDatePrecision: fields.birthDatePrecision ?? "day",
          staffType: fields.staffType,
          searchName: foldVietnamese(fields.fullName),
          sortKey: vietnameseSortKey(fields.fullName),
        }),
      );
      await audit.record(tx, actor, {
        action: "cadre.created",
        entityType: "cadre",
        entityId: person.id,
        after: auditable(person),
        reason,
      });
      if (assignment) {
        const { reason: _ignored, ...first } = assignment;
        await histories.addInTx(tx, actor, person, "assignments", first, reason);
      }
      return person.id;
    });
    return detail(actor, id, today, { auditRead: false });
  }

  /** Changes the person's own fields; `version` must be the one read (optimistic concurrency). */
  async function update(actor: Actor, id: number, raw: UpdateCadreInput): Promise<CadreDetail> {
    assertMayWrite(actor, id);
    const { version, reason, ...parsed } = UpdateCadreSchema.parse(raw);
    assertMayWriteSensitive(actor, sensitiveFieldsIn(parsed));
    const today = clock.today();
    await db.transaction(async (tx) => {
      const before = await repo.lockPerson(tx, id);
      if (!before || !(await repo.personInScope(tx, id, actor.scope, today)))
        throw new AppError(CadreErrors.CADRE_NOT_FOUND);
      if (before.version !== version) {
        throw new AppError(CadreErrors.CADRE_VERSION_CONFLICT, {
          details: { currentVersion: before.version },
        });
      }
      const fields: PersonFields = { ...parsed, ...birthDateFields(parsed, before) };
      const changed = Object.fromEntries(
        Object.entries(fields).filter(
          ([k, v]) => v !== undefined && (before as Record<string, unknown>)[k] !== (v ?? null),
        ),
      ) as PersonFields;
      const keys = Object.keys(changed);
      if (keys.length === 0) return;
      const merged = { ...before, ...changed } as unknown as PersonFields & {
        birthDate: string;
        sex: "male" | "female";
        fullName: string;
      };
      checkPerson(merged, today);
      await assertUnique(
        tx,
        keys.includes("staffCode") ? changed.staffCode : undefined,
        keys.includes("idNumber") ? (changed.idNumber ?? null) : null,
        id,
      );
      await assertReferences(tx, changed, keys);
      const after = await insertOrConflict(() =>
        repo.updatePerson(
          tx,
          id,
          {
            ...(changed as Partial<repo.NewPerson>),
            searchName: foldVietnamese(merged.fullName),
            sortKey: vietnameseSortKey(merged.fullName),
          },
          clock.now(),
        ),
      );
      await audit.record(tx, actor, {
        action: "cadre.updated",
        entityType: "cadre",
        entityId: id,
        before: pick(auditable(before), keys),
        after: { ...pick(auditable(after), keys), version: after.version },
        reason,
      });
    });
    return detail(actor, id, today, { auditRead: false });
  }

  /**
   * One record with its histories and the facts as of a date. Out of scope on that date reads as not
   * found. A reader whose scope covers the person on that date but not today (an office they have left)
   * gets the record as it stood then (cadres.as-of.ts); one who may read it today gets it whole.
   */
  async function get(actor: Actor, id: number, asOf?: string): Promise<CadreDetail> {
    const today = clock.today();
    const d = asOf ?? today;
    const access = assertMayRead(actor, id);
    let isAsOfOnly = false;
    if (access === "scoped") {
      if (!(await repo.personInScope(db, id, actor.scope, d)))
        throw new AppError(CadreErrors.CADRE_NOT_FOUND);
      isAsOfOnly = d !== today && !(await repo.personInScope(db, id, actor.scope, today));
    }
    return detail(actor, id, d, { auditRead: true, isAsOfOnly });
  }

  /** The actor's own record (users linked to a cadre). */
  async function own(actor: Actor, asOf?: string): Promise<CadreDetail> {
    if (actor.cadreId == null) throw new AppError(CadreErrors.CADRE_NO_OWN_RECORD);
    return get(actor, actor.cadreId, asOf);
  }

  async function detail(
    actor: Actor,
    id: number,
    d: string,
    options: { auditRead: boolean; isAsOfOnly?: boolean },
  ) {
    const stored = await repo.getPerson(db, id);
    if (!stored) throw new AppError(CadreErrors.CADRE_NOT_FOUND);
    const masked = maskedParts(actor, id);
    const withheld = options.isAsOfOnly ? [...WITHHELD_AS_OF] : [];
    const [assignments, tiers, qualifications, trainings, salaries, rewards, family, workHistory] =
      await Promise.all([
        rows.assignmentsOf(db, id, d),
        rows.tiersOf(db, id),
        rows.qualificationsOf(db, id),
        rows.trainingsOf(db, id),
        rows.salariesOf(db, id),
        rows.rewardsOf(db, id),
        masked.length || withheld.length ? Promise.resolve(undefined) : rows.familyOf(db, id),
        rows.workHistoryOf(db, id),
      ]);
    const read: RecordParts = {
      assignments,
      tiers,
      qualifications,
      trainings,
      salaries,
      rewards,
      family,
      workHistory,
    };
    const { person, parts } = options.isAsOfOnly
      ? recordAsOf(stored, read, d)
      : { person: stored, parts: read };
    const main = currentMain(parts.assignments, d);
    const [origins, retirement] = await Promise.all([
      repo.originRelations(
        db,
        {
          unitId: main?.unitId ?? null,
          homeTownPlaceId: person.homeTownPlaceId ?? null,
          homeTownUnitId: person.homeTownUnitId ?? null,
          birthplacePlaceId: person.birthplacePlaceId ?? null,
          birthplaceUnitId: person.birthplaceUnitId ?? null,
        },
        d,
      ),
      retirementFactsOf(db, person, d),
    ]);
    const computed = computeFacts({
      person,
      assignments: parts.assignments,
      tiers: parts.tiers,
      qualifications: parts.qualifications,
      origins,
      localRule: rule,
      retirement,
      d,
    });
    if (options.auditRead && canSeeSensitive(actor, id)) {
      // Reading sensitive personal data is itself recorded (DESIGN §5), in its own short transaction.
      await db.transaction((tx) =>
        audit.record(tx, actor, {
          action: "cadre.sensitive_read",
          entityType: "cadre",
          entityId: id,
          after: { asOf: d },
        }),
      );
    }
    const named = [person.homeTownPlaceId, person.birthplacePlaceId].filter((p): p is number => p !== null);
    return presentDetail(person, parts, computed, masked, withheld, await placeList.byIds(db, named));
  }

  /** The cadre list with filters, as of a date, in Vietnamese name order; scoped in the SQL itself. */
  async function list(actor: Actor, query: CadreListQuery): Promise<CadrePage> {
    const filter = await searchFilterOf(actor, query);
    const [page, total] = await Promise.all([search.searchPage(db, filter), search.searchCount(db, filter)]);
    await recordIdNumberSearch(
      actor,
      filter,
      page.map((r) => r.id),
    );
    return {
      asOf: filter.d,
      items: page.map((r) => presentListItem(r, filter.d)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Looking a person up by ID number is recorded (DESIGN §5), found or not, before the answer leaves. */
  async function recordIdNumberSearch(actor: Actor, filter: search.SearchFilter, found: readonly number[]) {
    const searchedNumber = filter.idNumber ?? (filter.matchIdNumberToo ? filter.exact : undefined);
    if (searchedNumber === undefined) return;
    await db.transaction((tx) =>
      audit.record(tx, actor, {
        action: "cadre.id_number_searched",
        entityType: "cadre",
        entityId: found.length === 1 ? found[0] : null,
        after: { idNumber: maskIdNumber(searchedNumber), found: found.slice(0, 100), asOf: filter.d },
      }),
    );
  }

  /**
   * The ids of every row of the list for these filters, in its order, read in keyset pages (each its own
   * short statement, sized to take ~100 ms, so that a long list never holds the embedded database for
   * long; ADR 0001). The pages are not one snapshot: a record whose sort key changes while they are read
   * may be missed; none is listed twice.
   */
  async function listIds(
    actor: Actor,
    query: Omit<CadreListQuery, "page" | "pageSize">,
    options: { pieceRows?: number; onPiece?: () => void } = {},
  ): Promise<number[]> {
    const filter = await searchFilterOf(actor, { ...query, page: 1, pageSize: 1 });
    const piece = options.pieceRows
      ? pieceSize({ initial: options.pieceRows, min: 1, max: options.pieceRows, fixed: true })
      : pieceSize({ initial: 2000, min: 200, max: 50_000 });
    const ids: number[] = [];
    const seen = new Set<number>();
    let after: search.SearchKey | undefined;
    for (;;) {
      const limit = piece.size;
      const keys = await piece.timed((n) => search.searchKeys(db, filter, after, n));
      for (const k of keys) {
        if (seen.has(k.id)) continue;
        seen.add(k.id);
        ids.push(k.id);
      }
      options.onPiece?.();
      if (keys.length < limit) {
        await recordIdNumberSearch(actor, filter, ids);
        return ids;
      }
      after = keys[keys.length - 1];
    }
  }

  /** The search filter of a list query: authorised, unit in scope, code levels known. */
  async function searchFilterOf(actor: Actor, query: CadreListQuery): Promise<search.SearchFilter> {
    authorize(actor, "cadres.read");
    const d = query.asOf ?? clock.today();
    const sensitive = hasPermission(actor, "cadres.sensitive");
    if (query.idNumber !== undefined && !sensitive) {
      throw new AppError(CadreErrors.CADRE_SENSITIVE_FORBIDDEN, { details: { fields: ["idNumber"] } });
    }
    if (query.unitId !== undefined && !(await units.isInScope(db, actor, query.unitId, d))) {
      throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    }
    const rank = async (field: string, list: CodeListName, code: string | undefined) => {
      if (code === undefined) return undefined;
      const r = await codes.levelRank(db, list, code);
      if (r === undefined) throw new AppError(CodeErrors.CODE_UNKNOWN, { details: [{ field, list, code }] });
      return r;
    };
    const [qualificationRank, politicalTheoryRank] = await Promise.all([
      rank("qualification", "professional", query.qualification),
      rank("politicalTheory", "political_theory", query.politicalTheory),
    ]);
    const q = query.q?.trim() ?? "";
    const folded = foldVietnamese(q);
    const filter: search.SearchFilter = {
      d,
      scope: actor.scope,
      includeLeft: query.includeLeft ?? false,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
      ...birthDateBounds(d, query.ageFrom, query.ageTo),
    };
    if (folded) filter.nameWords = folded.split(" ");
    if (q) {
      filter.exact = q;
      // An ID number finds its person only for those who may see ID numbers.
      filter.matchIdNumberToo = sensitive && /^[0-9]{12}$/.test(q);
    }
    if (query.idNumber !== undefined) filter.idNumber = query.idNumber;
    if (query.unitId !== undefined) filter.unitId = query.unitId;
    if (query.staffType) filter.staffType = query.staffType;
    if (query.tier) filter.tier = query.tier;
    if (query.titleId !== undefined) filter.titleId = query.titleId;
    if (query.sex) filter.sex = query.sex;
    if (qualificationRank !== undefined) filter.qualificationRank = qualificationRank;
    if (politicalTheoryRank !== undefined) filter.politicalTheoryRank = politicalTheoryRank;
    return filter;
  }

  /** Staff code and ID number belong to one record each. */
  async function assertUnique(
    tx: Executor,
    staffCode: string | undefined,
    idNumber: string | null,
    exceptId?: number,
  ) {
    if (staffCode !== undefined) {
      const other = await repo.idByStaffCode(tx, staffCode);
      if (other !== undefined && other !== exceptId) throw new AppError(CadreErrors.CADRE_STAFF_CODE_TAKEN);
    }
    if (idNumber !== null) {
      const other = await repo.idByIdNumber(tx, idNumber);
      if (other !== undefined && other !== exceptId) throw new AppError(CadreErrors.CADRE_ID_NUMBER_TAKEN);
    }
  }

  /** Codes in their lists and units that exist, for the fields being written. */
  async function assertReferences(tx: Executor, fields: PersonFields, keys: readonly string[]) {
    const refs: CodeRef[] = [];
    for (const [field, list] of Object.entries(CODED_FIELDS)) {
      const code = fields[field as keyof typeof CODED_FIELDS];
      if (keys.includes(field) && code != null) refs.push({ field, list, code });
    }
    if (refs.length) await codes.assertCodes(tx, refs);
    const placeRefs = (["birthplacePlaceId", "homeTownPlaceId"] as const).flatMap((field) =>
      keys.includes(field) && fields[field] != null ? [{ field, placeId: fields[field]! }] : [],
    );
    if (placeRefs.length) await placeList.assertPlaces(tx, placeRefs);
    const unitFields = (["birthplaceUnitId", "homeTownUnitId"] as const).filter(
      (f) => keys.includes(f) && fields[f] != null,
    );
    if (unitFields.length) {
      const found = await repo.existingUnits(
        tx,
        unitFields.map((f) => fields[f]!),
      );
      const missing = unitFields.filter((f) => !found.has(fields[f]!));
      if (missing.length) {
        throw new AppError(CadreErrors.CADRE_UNIT_UNKNOWN, {
          details: missing.map((f) => ({ field: f, unitId: fields[f] })),
        });
      }
    }
  }

  /**
   * Of people the actor found as of date d, those whose record they may read only as it stood then
   * (in their scope on d, not today): exports leave out their current details too (cadres.as-of.ts).
   */
  async function asOfOnlyAmong(actor: Actor, ids: readonly number[], d: string): Promise<Set<number>> {
    const today = clock.today();
    if (actor.scope === "all" || d === today) return new Set();
    const now = await repo.peopleInScope(db, ids, actor.scope, today);
    return new Set(ids.filter((id) => !now.has(id)));
  }

  return { create, update, get, own, list, listIds, asOfOnlyAmong };
}

/** Checks a person's dates and ID number against each other (pure rules, common/rules/cadre-checks.ts). */
function checkPerson(p: PersonFields & { birthDate: string; sex: "male" | "female" }, today: string) {
  const problems = checkPersonDates(
    {
      birthDate: p.birthDate,
      recruitmentDate: p.recruitmentDate,
      joinedAgencyDate: p.joinedAgencyDate,
      partyAdmissionDate: p.partyAdmissionDate,
      partyOfficialDate: p.partyOfficialDate,
      academicTitleYear: p.academicTitleYear,
      leftOn: p.leftOn,
    },
    today,
  );
  if (problems.length) throw new AppError(CadreErrors.CADRE_DATES_INCONSISTENT, { details: problems });
  if (p.idNumber) {
    const mismatch = idNumberProblems(p.idNumber, p.sex, p.birthDate);
    if (mismatch.length)
      throw new AppError(CadreErrors.CADRE_ID_NUMBER_MISMATCH, { details: { problems: mismatch } });
  }
}

/** Optional fields that were not sent are stored as null. */
function nullify<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]: Exclude<T[K], undefined> | null } {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v ?? null])) as {
    [K in keyof T]: Exclude<T[K], undefined> | null;
  };
}

/** A unique violation that slipped past the checks (a concurrent insert) is a conflict, not a crash. */
async function insertOrConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = findConstraint(error);
    if (constraint === "cadres_staff_code_unique")
      throw new AppError(CadreErrors.CADRE_STAFF_CODE_TAKEN, { cause: error });
    if (constraint === "cadres_id_number_unique") {
      throw new AppError(CadreErrors.CADRE_ID_NUMBER_TAKEN, { cause: error });
    }
    throw error;
  }
}

function findConstraint(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 3 && e; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === "string") return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The person as the audit keeps it (all fields: the audit trail is for admins only). */
function auditable(p: repo.PersonRow): Record<string, unknown> {
  const { searchName: _s, sortKey: _k, createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

function pick(row: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

import type {
  CreateSeatInput,
  CreateTitleInput,
  EndSeatInput,
  Seat,
  SeatList,
  SeatListQuery,
  Title,
  TitleList,
  TitleListQuery,
  UpdateTitleInput,
} from "../../../common/contracts/posts.ts";
import { CreateSeatSchema, CreateTitleSchema, UpdateTitleSchema } from "../../../common/contracts/posts.ts";
import type { TitleLevel } from "../../../common/enums/cadres.ts";
import type { Bloc } from "../../../common/enums/units.ts";
import { previousDay } from "../../../common/rules/career.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import type { UnitsService } from "../units/index.ts";
import { UnitErrors } from "../units/units.errors.ts";
import { PostErrors } from "./posts.errors.ts";
import * as repo from "./posts.repo.ts";

/**
 * What the posts module needs to know about people in seats. The cadres module owns assignments and
 * provides these queries; passing them in keeps the dependency one-way (cadres → posts).
 */
export type SeatOccupancy = {
  /** Number of people assigned to each seat on date d. */
  occupiedCounts(tx: Executor, seatIds: readonly number[], d: string): Promise<Map<number, number>>;
  /** Assignments to the seat that still hold on or after date d. */
  assignmentsFrom(tx: Executor, seatId: number, d: string): Promise<{ cadreId: number; id: number }[]>;
};

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  units: Pick<UnitsService, "isInScope">;
  occupancy: SeatOccupancy;
};

export type PostsService = ReturnType<typeof createPostsService>;

export function createPostsService({ db, audit, clock, units, occupancy }: Deps) {
  /** The titles catalogue with the attributes that hold on a date: reference data every signed-in user reads. */
  async function listTitles(_actor: Actor, query: TitleListQuery = {}): Promise<TitleList> {
    const d = query.asOf ?? clock.today();
    return { asOf: d, items: (await repo.listTitles(db, d, query.level)).map(presentTitle) };
  }

  async function createTitle(actor: Actor, raw: CreateTitleInput): Promise<Title> {
    authorizeCatalogue(actor);
    const input = CreateTitleSchema.parse(raw);
    return db.transaction(async (tx) => {
      if (await repo.titleCodeExists(tx, input.code)) throw new AppError(PostErrors.TITLE_CODE_TAKEN);
      // A new title's attributes hold since the beginning: posts held before it was catalogued (imports of
      // past careers) count the same way.
      const id = await repo.insertTitle(
        tx,
        {
          code: input.code,
          name: input.name,
          nameEn: input.nameEn ?? null,
          rank: input.rank,
          bloc: input.bloc ?? null,
        },
        {
          level: input.level,
          isLeadership: input.isLeadership,
          isKey: input.isKey,
          isSensitive: input.isSensitive,
        },
      );
      const title = presentTitle((await repo.getTitle(tx, id, clock.today()))!);
      await audit.record(tx, actor, {
        action: "title.created",
        entityType: "title",
        entityId: id,
        after: title,
        reason: input.reason,
      });
      return title;
    });
  }

  /**
   * Edits a title; its code is its identity for imports and never changes. Names, order and bloc change
   * in place; level, leadership, key and sensitive take effect from `effectiveFrom` (today by default), so
   * figures as of earlier dates keep the values they were computed with. Returns the title as of that day.
   */
  async function updateTitle(actor: Actor, id: number, raw: UpdateTitleInput): Promise<Title> {
    authorizeCatalogue(actor);
    const { reason, effectiveFrom, ...fields } = UpdateTitleSchema.parse(raw);
    const from = effectiveFrom ?? clock.today();
    return db.transaction(async (tx) => {
      if (!(await repo.lockTitle(tx, id))) throw new AppError(PostErrors.TITLE_NOT_FOUND);
      const before = (await repo.getTitle(tx, id, from))!;
      const described = definedOf(fields, ["name", "nameEn", "rank", "bloc"] as const).filter(
        ([k, v]) => before[k] !== v,
      );
      const dated = Object.fromEntries(definedOf(fields, DATED_TITLE_FIELDS));
      if (described.length) await repo.updateTitle(tx, id, Object.fromEntries(described));
      const isRedated = await repo.setAttributesFrom(tx, id, from, dated);
      if (described.length === 0 && !isRedated) return presentTitle(before);
      const after = (await repo.getTitle(tx, id, from))!;
      await audit.record(tx, actor, {
        action: "title.updated",
        entityType: "title",
        entityId: id,
        before: presentTitle(before),
        after: { ...presentTitle(after), ...(isRedated ? { effectiveFrom: from } : {}) },
        reason,
      });
      return presentTitle(after);
    });
  }

  /** Seats of a unit (optionally its subtree) as of a date; a unit outside the scope reads as not found. */
  async function listSeats(actor: Actor, query: SeatListQuery): Promise<SeatList> {
    authorize(actor, "posts.read");
    const d = query.asOf ?? clock.today();
    if (!(await units.isInScope(db, actor, query.unitId, d))) throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    const rows = await repo.listSeats(db, {
      unitId: query.unitId,
      subtree: query.subtree ?? false,
      includeEnded: query.includeEnded ?? false,
      d,
      scope: actor.scope,
    });
    const counts = await occupancy.occupiedCounts(
      db,
      rows.map((r) => r.id),
      d,
    );
    return { asOf: d, items: rows.map((r) => ({ ...r, occupied: counts.get(r.id) ?? 0 })) };
  }

  /** Creates a seat: a title in a unit that exists and lies in the actor's scope on the first day. */
  async function createSeat(actor: Actor, raw: CreateSeatInput): Promise<Seat> {
    authorize(actor, "posts.write");
    const input = CreateSeatSchema.parse(raw);
    return db.transaction(async (tx) => {
      if (!(await units.isInScope(tx, actor, input.unitId, input.validFrom))) {
        throw new AppError(UnitErrors.UNIT_NOT_FOUND);
      }
      const unitName = await repo.unitNameAt(tx, input.unitId, input.validFrom);
      if (unitName === undefined) throw new AppError(PostErrors.SEAT_UNIT_NOT_ACTIVE);
      const title = await repo.getTitle(tx, input.titleId, input.validFrom);
      if (!title) throw new AppError(PostErrors.TITLE_UNKNOWN, { details: { titleId: input.titleId } });
      const row = await repo.insertSeat(tx, {
        unitId: input.unitId,
        titleId: input.titleId,
        quota: input.quota,
        validFrom: input.validFrom,
      });
      await audit.record(tx, actor, {
        action: "seat.created",
        entityType: "seat",
        entityId: row.id,
        after: row,
        reason: input.reason,
      });
      return { ...row, unitName, titleName: title.name, occupied: 0 };
    });
  }

  /** Ends a seat on a date (first day it no longer exists); nobody may still hold it then. */
  async function endSeat(actor: Actor, id: number, input: EndSeatInput): Promise<Seat> {
    authorize(actor, "posts.write");
    return db.transaction(async (tx) => {
      const seat = await repo.getSeat(tx, id);
      const lastDay = previousDay(input.endDate);
      if (!seat) throw new AppError(PostErrors.SEAT_NOT_FOUND);
      const visibleOn = input.endDate > seat.validFrom ? lastDay : seat.validFrom;
      if (!(await units.isInScope(tx, actor, seat.unitId, visibleOn)))
        throw new AppError(PostErrors.SEAT_NOT_FOUND);
      if (input.endDate <= seat.validFrom) {
        throw new AppError(PostErrors.SEAT_END_BEFORE_START, {
          details: { validFrom: seat.validFrom, endDate: input.endDate },
        });
      }
      if (seat.validTo !== null)
        throw new AppError(PostErrors.SEAT_ALREADY_ENDED, { details: { validTo: seat.validTo } });
      const holders = await occupancy.assignmentsFrom(tx, id, input.endDate);
      if (holders.length) throw new AppError(PostErrors.SEAT_HAS_ASSIGNMENTS, { details: holders });
      await repo.endSeat(tx, id, input.endDate);
      await audit.record(tx, actor, {
        action: "seat.ended",
        entityType: "seat",
        entityId: id,
        before: { validTo: null },
        after: { validTo: input.endDate },
        reason: input.reason,
      });
      const title = await repo.getTitle(tx, seat.titleId, lastDay);
      const unitName = (await repo.unitNameAt(tx, seat.unitId, lastDay)) ?? "";
      return { ...seat, validTo: input.endDate, unitName, titleName: title?.name ?? "", occupied: 0 };
    });
  }

  /** A seat by id, for the cadres module (assignments to seats). */
  function getSeat(tx: Executor, id: number) {
    return repo.getSeat(tx, id);
  }

  /** A title by id with today's attributes, for the cadres module. */
  function getTitle(tx: Executor, id: number) {
    return repo.getTitle(tx, id, clock.today());
  }

  return { listTitles, createTitle, updateTitle, listSeats, createSeat, endSeat, getSeat, getTitle };
}

/** Attributes of a title that figures read; a change to them is dated. */
const DATED_TITLE_FIELDS = ["level", "isLeadership", "isKey", "isSensitive"] as const;

/** The entries of the input for these keys that were given. */
function definedOf<T extends object, K extends keyof T & string>(
  input: T,
  keys: readonly K[],
): [K, Exclude<T[K], undefined>][] {
  return keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k] as Exclude<T[K], undefined>]);
}

/**
 * Titles are city-wide reference data: changing one changes figures for every unit. Besides posts.write
 * (admins), it needs a scope of the whole tree, so that the permission granted to a scoped user cannot
 * reach beyond their units.
 */
function authorizeCatalogue(actor: Actor): void {
  authorize(actor, "posts.write");
  if (actor.scope !== "all")
    throw new AppError(CoreErrors.FORBIDDEN, { details: { permission: "posts.write", scope: "all" } });
}

function presentTitle(row: repo.TitleRow): Title {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    level: row.level as TitleLevel,
    isLeadership: row.isLeadership,
    isKey: row.isKey,
    isSensitive: row.isSensitive,
    rank: row.rank,
    bloc: row.bloc as Bloc | null,
    attributesFrom: row.attributesFrom,
  };
}

import type {
  CreateSeatInput,
  CreateTitleInput,
  EndSeatInput,
  Seat,
  SeatList,
  SeatListQuery,
  Title,
  TitleList,
  UpdateTitleInput,
} from "../../../common/contracts/posts.ts";
import { CreateSeatSchema, CreateTitleSchema } from "../../../common/contracts/posts.ts";
import type { TitleLevel } from "../../../common/enums/cadres.ts";
import type { Bloc } from "../../../common/enums/units.ts";
import { previousDay } from "../../../common/rules/career.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import type { UnitsService } from "../units/index.ts";
import * as repo from "./posts.repo.ts";
import "./posts.errors.ts";

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
  /** The titles catalogue: reference data every signed-in user may read. */
  async function listTitles(_actor: Actor, level?: TitleLevel): Promise<TitleList> {
    return { items: (await repo.listTitles(db, level)).map(presentTitle) };
  }

  async function createTitle(actor: Actor, raw: CreateTitleInput): Promise<Title> {
    authorize(actor, "posts.write");
    const input = CreateTitleSchema.parse(raw);
    return db.transaction(async (tx) => {
      if (await repo.getTitleByCode(tx, input.code)) throw new AppError("TITLE_CODE_TAKEN");
      const row = await repo.insertTitle(tx, {
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        level: input.level,
        isLeadership: input.isLeadership,
        isKey: input.isKey,
        isSensitive: input.isSensitive,
        rank: input.rank,
        bloc: input.bloc ?? null,
      });
      const title = presentTitle(row);
      await audit.record(tx, actor, {
        action: "title.created",
        entityType: "title",
        entityId: row.id,
        after: title,
        reason: input.reason,
      });
      return title;
    });
  }

  /** Edits a title; its code is its identity for imports and never changes. */
  async function updateTitle(actor: Actor, id: number, input: UpdateTitleInput): Promise<Title> {
    authorize(actor, "posts.write");
    return db.transaction(async (tx) => {
      const before = await repo.getTitle(tx, id);
      if (!before) throw new AppError("TITLE_NOT_FOUND");
      const { reason, ...fields } = input;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (Object.keys(patch).length === 0) return presentTitle(before);
      const after = await repo.updateTitle(tx, id, patch);
      await audit.record(tx, actor, {
        action: "title.updated",
        entityType: "title",
        entityId: id,
        before: presentTitle(before),
        after: presentTitle(after),
        reason,
      });
      return presentTitle(after);
    });
  }

  /** Seats of a unit (optionally its subtree) as of a date; a unit outside the scope reads as not found. */
  async function listSeats(actor: Actor, query: SeatListQuery): Promise<SeatList> {
    authorize(actor, "posts.read");
    const d = query.asOf ?? clock.today();
    if (!(await units.isInScope(db, actor, query.unitId, d))) throw new AppError("UNIT_NOT_FOUND");
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
        throw new AppError("UNIT_NOT_FOUND");
      }
      const unitName = await repo.unitNameAt(tx, input.unitId, input.validFrom);
      if (unitName === undefined) throw new AppError("SEAT_UNIT_NOT_ACTIVE");
      const title = await repo.getTitle(tx, input.titleId);
      if (!title) throw new AppError("TITLE_UNKNOWN", { details: { titleId: input.titleId } });
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
      if (!seat) throw new AppError("SEAT_NOT_FOUND");
      const visibleOn = input.endDate > seat.validFrom ? lastDay : seat.validFrom;
      if (!(await units.isInScope(tx, actor, seat.unitId, visibleOn))) throw new AppError("SEAT_NOT_FOUND");
      if (input.endDate <= seat.validFrom) {
        throw new AppError("SEAT_END_BEFORE_START", {
          details: { validFrom: seat.validFrom, endDate: input.endDate },
        });
      }
      if (seat.validTo !== null)
        throw new AppError("SEAT_ALREADY_ENDED", { details: { validTo: seat.validTo } });
      const holders = await occupancy.assignmentsFrom(tx, id, input.endDate);
      if (holders.length) throw new AppError("SEAT_HAS_ASSIGNMENTS", { details: holders });
      await repo.endSeat(tx, id, input.endDate);
      await audit.record(tx, actor, {
        action: "seat.ended",
        entityType: "seat",
        entityId: id,
        before: { validTo: null },
        after: { validTo: input.endDate },
        reason: input.reason,
      });
      const title = await repo.getTitle(tx, seat.titleId);
      const unitName = (await repo.unitNameAt(tx, seat.unitId, lastDay)) ?? "";
      return { ...seat, validTo: input.endDate, unitName, titleName: title?.name ?? "", occupied: 0 };
    });
  }

  /** A seat by id, for the cadres module (assignments to seats). */
  function getSeat(tx: Executor, id: number) {
    return repo.getSeat(tx, id);
  }

  /** A title by id, for the cadres module. */
  function getTitle(tx: Executor, id: number) {
    return repo.getTitle(tx, id);
  }

  return { listTitles, createTitle, updateTitle, listSeats, createSeat, endSeat, getSeat, getTitle };
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
  };
}

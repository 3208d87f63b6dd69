import type {
  CreateRootUnitInput,
  CreateUnitInput,
  EndUnitInput,
  MoveUnitInput,
  RenameUnitInput,
  SetUnitCodeInput,
  SetUnitPlaceInput,
  UnitDetail,
  UnitNode,
  UnitTree,
} from "../../../common/contracts/units.ts";
import {
  type Bloc,
  type LineageKind,
  TERRITORIAL_KINDS,
  type UnitKind,
} from "../../../common/enums/units.ts";
import { lastDayOf } from "../../../common/rules/periods.ts";
import { compareUnits } from "../../../common/rules/units.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError } from "../../lib/errors.ts";
import type { AuditEntry, AuditService } from "../audit/index.ts";
import type { PlacesService } from "../places/index.ts";
import { proposeMissingCodes } from "./units.codes.ts";
import { UnitErrors } from "./units.errors.ts";
import { mayCreateRoot } from "./units.policy.ts";
import * as repo from "./units.repo.ts";

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  places: Pick<PlacesService, "byIds" | "assertPlaces">;
};

export type UnitsService = ReturnType<typeof createUnitsService>;

/** An item of endMany(): the unit, its end date (first day it no longer exists) and successor. */
export type EndItem = {
  id: number;
  endDate: string;
  successorId?: number | undefined;
  lineageKind?: LineageKind | undefined;
};

/** An item of moveMany(): the unit and its new parent from the effective date. */
export type MoveItem = { id: number; parentId: number; effectiveDate: string };

/** A lineage link of addLink()/addLinks(). */
export type LinkItem = {
  predecessorId: number;
  successorId: number;
  kind: LineageKind;
  effectiveDate: string;
  note?: string | undefined;
};

/** A node of a bulk creation (seed, import): parents are named by key or by existing id. */
export type BulkUnit = {
  key: string;
  parentKey?: string | undefined;
  parentId?: number | undefined;
  name: string;
  code?: string | null | undefined;
  kind: UnitKind;
  bloc?: Bloc | null | undefined;
  placeId?: number | null | undefined;
  validFrom: string;
  /** Day after the last day, for a unit whose end is already known (a history loaded at once). */
  validTo?: string | undefined;
};

export function createUnitsService({ db, audit, clock, places }: Deps) {
  /** The tree (or one subtree) as of a date, limited to the actor's scope. */
  async function tree(actor: Actor, asOf?: string, rootId?: number): Promise<UnitTree> {
    authorize(actor, "units.read");
    const d = asOf ?? clock.today();
    if (rootId !== undefined) await assertVisible(db, actor, rootId, d);
    const rows = await repo.treeAsOf(db, d, actor.scope, rootId);
    return { asOf: d, nodes: rows.sort(compareUnits).map(presentNode) };
  }

  /** One unit with its name history, lineage and path as of a date. Out of scope reads as not found. */
  async function get(actor: Actor, id: number, asOf?: string): Promise<UnitDetail> {
    authorize(actor, "units.read");
    const d = asOf ?? clock.today();
    const unit = await repo.getUnit(db, id);
    if (!unit || !(await repo.isInScope(db, id, actor.scope, "ever")))
      throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    const [versions, links, path, current] = await Promise.all([
      repo.versionsOf(db, id),
      repo.linksOf(db, id),
      repo.pathAt(db, id, d),
      repo.versionAt(db, id, d),
    ]);
    const shown = current ?? versions[versions.length - 1]!;
    const place =
      unit.placeId === null ? null : ((await places.byIds(db, [unit.placeId])).get(unit.placeId) ?? null);
    return {
      ...presentNode({ ...unit, parentId: shown.parentId, name: shown.name }),
      asOf: d,
      place,
      history: versions.map((v) => ({
        name: v.name,
        parentId: v.parentId,
        parentName: v.parentName,
        validFrom: v.validFrom,
        validTo: v.validTo,
      })),
      links,
      path: current ? path : [],
    };
  }

  /** Ids of a unit's subtree on a date; the building block of every scoped query. */
  function subtreeIds(tx: Executor, unitId: number, asOf: string): Promise<number[]> {
    return repo.subtreeIds(tx, unitId, asOf);
  }

  async function create(actor: Actor, input: CreateUnitInput): Promise<UnitDetail> {
    authorize(actor, "units.write");
    const id = await db.transaction(async (tx) => {
      await assertParent(tx, actor, input.parentId, input.validFrom);
      const parentUnit = await repo.getUnit(tx, input.parentId);
      if (parentUnit?.validTo)
        throw new AppError(UnitErrors.UNIT_PARENT_ENDS, { details: { parentEnds: parentUnit.validTo } });
      if (input.code) await assertCodesFree(tx, [{ code: input.code, validFrom: input.validFrom }]);
      if (input.placeId) await assertPlaceFits(tx, input.kind, input.placeId);
      const [newId] = await repo.reserveUnitIds(tx, 1);
      const row: repo.NewUnit = {
        id: newId!,
        parentId: input.parentId,
        name: input.name,
        code: input.code ?? null,
        kind: input.kind,
        bloc: blocOf(input.kind, input.bloc),
        placeId: input.placeId ?? null,
        validFrom: input.validFrom,
      };
      return insertOne(tx, actor, row, input.reason);
    });
    return get(actor, id, input.validFrom);
  }

  /** Writes one new unit (its code proposed when it has none), its closure rows and its audit row. */
  async function insertOne(tx: Executor, actor: Actor, row: repo.NewUnit, reason: string | undefined) {
    await proposeMissingCodes(tx, [row]);
    await repo.insertUnits(tx, [row]);
    await repo.rebuildClosure(tx, [row.id]);
    await audit.record(tx, actor, {
      action: "unit.created",
      entityType: "unit",
      entityId: row.id,
      after: row,
      reason,
    });
    return row.id;
  }

  /** Creates a unit at the top of a tree (no parent): an administrator starting an organisation. */
  async function createRoot(actor: Actor, input: CreateRootUnitInput): Promise<UnitDetail> {
    authorize(actor, "units.write");
    if (!mayCreateRoot(actor)) throw new AppError(UnitErrors.UNIT_ROOT_ADMIN_ONLY);
    const id = await db.transaction(async (tx) => {
      if (input.code) await assertCodesFree(tx, [{ code: input.code, validFrom: input.validFrom }]);
      if (input.placeId) await assertPlaceFits(tx, input.kind, input.placeId);
      const [newId] = await repo.reserveUnitIds(tx, 1);
      const row: repo.NewUnit = {
        id: newId!,
        parentId: null,
        name: input.name,
        code: input.code ?? null,
        kind: input.kind,
        bloc: blocOf(input.kind, input.bloc),
        placeId: input.placeId ?? null,
        validFrom: input.validFrom,
      };
      return insertOne(tx, actor, row, input.reason);
    });
    return get(actor, id, input.validFrom);
  }

  /** Creates many units in one transaction (seed, import): one closure rebuild, one audit row each. */
  async function createMany(
    actor: Actor,
    nodes: readonly BulkUnit[],
    reason?: string,
  ): Promise<Map<string, number>> {
    authorize(actor, "units.write");
    return db.transaction(async (tx) => {
      const ids = await repo.reserveUnitIds(tx, nodes.length);
      const byKey = new Map<string, number>();
      const startOf = new Map<string, string>();
      const rows: repo.NewUnit[] = nodes.map((n, i) => {
        // A parent in the batch comes before its children and exists on their first day: a key naming a
        // later node could close a cycle, and the closure of such a tree would never finish.
        const parentId = n.parentKey !== undefined ? byKey.get(n.parentKey) : n.parentId;
        if (
          n.parentKey !== undefined &&
          (parentId === undefined || startOf.get(n.parentKey)! > n.validFrom)
        ) {
          throw new AppError(UnitErrors.UNIT_PARENT_NOT_FOUND, {
            details: { key: n.key, parentKey: n.parentKey },
          });
        }
        if (n.validTo !== undefined && n.validTo <= n.validFrom) {
          throw new AppError(UnitErrors.UNIT_END_BEFORE_START, {
            details: { key: n.key, validFrom: n.validFrom, endDate: n.validTo },
          });
        }
        byKey.set(n.key, ids[i]!);
        startOf.set(n.key, n.validFrom);
        return {
          id: ids[i]!,
          parentId: parentId ?? null,
          name: n.name,
          code: n.code ?? null,
          kind: n.kind,
          bloc: blocOf(n.kind, n.bloc),
          placeId: n.placeId ?? null,
          validFrom: n.validFrom,
          validTo: n.validTo ?? null,
        };
      });
      for (const n of nodes) if (n.placeId) await assertPlaceFits(tx, n.kind, n.placeId);
      // Parents outside the batch must exist and be in scope on the child's first day.
      for (const [i, n] of nodes.entries()) {
        if (n.parentKey === undefined && n.parentId !== undefined) {
          if (!(await repo.versionAt(tx, n.parentId, n.validFrom))) {
            throw new AppError(UnitErrors.UNIT_PARENT_NOT_FOUND, {
              details: { key: n.key, parentId: n.parentId },
            });
          }
          await assertWritable(tx, actor, n.parentId, rows[i]!.validFrom);
        }
      }
      await proposeMissingCodes(tx, rows);
      await assertCodesFree(
        tx,
        rows.flatMap((r) => (r.code ? [{ code: r.code, validFrom: r.validFrom }] : [])),
      );
      await repo.insertUnits(tx, rows);
      await repo.rebuildClosure(tx, ids);
      await audit.record(
        tx,
        actor,
        ...rows.map((r) => ({
          action: "unit.created" as const,
          entityType: "unit",
          entityId: r.id,
          after: r,
          reason,
        })),
      );
      return byKey;
    });
  }

  /**
   * Renames a unit from a date. The new name holds until the next rename: versions opened later by
   * moves keep carrying it (they carried the old name).
   */
  async function rename(actor: Actor, id: number, input: RenameUnitInput): Promise<UnitDetail> {
    authorize(actor, "units.write");
    await db.transaction(async (tx) => {
      await assertWritable(tx, actor, id, input.effectiveDate);
      const [version, ...later] = await repo.versionsFrom(tx, id, input.effectiveDate);
      if (!version || version.validFrom > input.effectiveDate)
        throw new AppError(UnitErrors.UNIT_NOT_ACTIVE_ON_DATE);
      if (version.name === input.name) throw new AppError(UnitErrors.UNIT_NAME_UNCHANGED);
      const carried = leadingWhile(later, (v) => v.name === version.name);
      await assertWritableUntil(tx, actor, id, input.effectiveDate, (carried.at(-1) ?? version).validTo);
      if (version.validFrom === input.effectiveDate) {
        // The founding name is the unit's first entry in its history: a rename from that day would
        // overwrite it and leave no trace of the name the unit was founded with.
        const unit = await repo.getUnit(tx, id);
        if (unit?.validFrom === input.effectiveDate) {
          throw new AppError(UnitErrors.UNIT_RENAME_ON_FOUNDING_DAY, {
            details: { foundedOn: unit.validFrom },
          });
        }
        // The name a rename recorded from this very date was wrong: correct it in place.
        await repo.setVersionName(tx, version.id, input.name);
      } else {
        await repo.closeVersion(tx, version.id, input.effectiveDate);
        await repo.insertVersion(tx, { ...version, name: input.name, validFrom: input.effectiveDate });
      }
      for (const v of carried) await repo.setVersionName(tx, v.id, input.name);
      // Renames leave the dated closure unchanged (adjacent periods are merged), so no rebuild.
      await audit.record(tx, actor, {
        action: "unit.renamed",
        entityType: "unit",
        entityId: id,
        before: { name: version.name },
        after: { name: input.name, effectiveDate: input.effectiveDate },
        reason: input.reason,
      });
    });
    return get(actor, id, input.effectiveDate);
  }

  /**
   * Moves a unit (with its subtree) under another parent from a date. The new parent holds until the
   * next move: versions opened later by renames keep carrying it (they carried the old parent).
   */
  async function move(actor: Actor, id: number, input: MoveUnitInput): Promise<UnitDetail> {
    const item = { id, parentId: input.parentId, effectiveDate: input.effectiveDate };
    await inOneTransaction(actor, [item], (tx, closure, m) => moveOne(tx, actor, closure, m, input.reason));
    return get(actor, id, input.effectiveDate);
  }

  /**
   * Moves many units in one transaction, in the given order, by the rules of move(); all or none. A
   * refusal names the item (details.index, details.id).
   */
  async function moveMany(actor: Actor, items: readonly MoveItem[], reason?: string): Promise<void> {
    await inOneTransaction(actor, items, (tx, closure, m) => moveOne(tx, actor, closure, m, reason), true);
  }

  async function moveOne(
    tx: Executor,
    actor: Actor,
    closure: StaleClosure,
    { id, parentId, effectiveDate }: MoveItem,
    reason: string | undefined,
  ): Promise<AuditEntry> {
    await closure.refreshFor(id, parentId);
    const state = await repo.moveState(tx, id, parentId, effectiveDate);
    if (!state.unitExists) throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    await assertScopeToWrite(tx, actor, id, effectiveDate);
    const [version, ...later] = state.versions;
    if (!version || version.validFrom > effectiveDate) throw new AppError(UnitErrors.UNIT_NOT_ACTIVE_ON_DATE);
    if (version.parentId === parentId) throw new AppError(UnitErrors.UNIT_SAME_PARENT);
    const carried = leadingWhile(later, (v) => v.parentId === version.parentId);
    /** Last day + 1 of the period the new parent applies to (null: open-ended). */
    const until = (carried.at(-1) ?? version).validTo;
    await assertWritableUntil(tx, actor, id, effectiveDate, until);
    await assertParentFits(tx, actor, parentId, effectiveDate, state.parentActive);
    if (state.parentEnds && (until === null || state.parentEnds < until)) {
      throw new AppError(UnitErrors.UNIT_PARENT_ENDS, { details: { parentEnds: state.parentEnds } });
    }
    // The new parent must not lie below the unit on any day of the period, including days after a
    // later move of the parent: a cycle then would have no root.
    if (await repo.isBelowDuring(tx, id, parentId, effectiveDate, until)) {
      throw new AppError(UnitErrors.UNIT_MOVE_CYCLE);
    }
    closure.markStale(await repo.descendantsEver(tx, id));
    if (version.validFrom === effectiveDate) {
      await repo.setVersionParent(tx, version.id, parentId);
    } else {
      await repo.splitVersionToParent(tx, version, parentId, effectiveDate);
    }
    for (const v of carried) await repo.setVersionParent(tx, v.id, parentId);
    return {
      action: "unit.moved",
      entityType: "unit",
      entityId: id,
      before: { parentId: version.parentId },
      after: { parentId, effectiveDate },
      reason,
    };
  }

  /** Ends a unit on a date (it is never deleted), optionally naming its successor. */
  async function end(actor: Actor, id: number, input: EndUnitInput): Promise<UnitDetail> {
    const item = {
      id,
      endDate: input.endDate,
      successorId: input.successorId,
      lineageKind: input.lineageKind,
    };
    await inOneTransaction(actor, [item], (tx, closure, e) => endOne(tx, actor, closure, e, input.reason));
    return get(actor, id, lastDayOf(input.endDate));
  }

  /**
   * Ends many units in one transaction, in the given order, by the rules of end(); all or none. A unit
   * and its children end together when the children come first (deepest first). A refusal names the
   * item (details.index, details.id).
   */
  async function endMany(actor: Actor, items: readonly EndItem[], reason?: string): Promise<void> {
    await inOneTransaction(actor, items, (tx, closure, e) => endOne(tx, actor, closure, e, reason), true);
  }

  async function endOne(
    tx: Executor,
    actor: Actor,
    closure: StaleClosure,
    { id, endDate, successorId, lineageKind }: EndItem,
    reason: string | undefined,
  ): Promise<AuditEntry> {
    await closure.refreshFor(id, ...(successorId === undefined ? [] : [successorId]));
    const lastDay = lastDayOf(endDate);
    const unit = await repo.endState(tx, id, endDate, lastDay, successorId);
    if (!unit) throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    if (endDate <= unit.validFrom) {
      throw new AppError(UnitErrors.UNIT_END_BEFORE_START, {
        details: { validFrom: unit.validFrom, endDate },
      });
    }
    await assertScopeToWrite(tx, actor, id, lastDay);
    if (unit.validTo !== null && unit.validTo <= endDate)
      throw new AppError(UnitErrors.UNIT_NOT_ACTIVE_ON_DATE);
    if (unit.hasLaterVersions) throw new AppError(UnitErrors.UNIT_HAS_LATER_CHANGES);
    if (unit.hasChildren) throw new AppError(UnitErrors.UNIT_HAS_ACTIVE_CHILDREN);
    if (successorId !== undefined) {
      if (successorId === id || !unit.successorActive) throw new AppError(UnitErrors.UNIT_SUCCESSOR_INVALID);
      if (!(await repo.isInScope(tx, successorId, actor.scope, endDate))) {
        throw new AppError(UnitErrors.UNIT_SUCCESSOR_INVALID);
      }
    }
    if (unit.versionId === null) throw new AppError(UnitErrors.UNIT_NOT_ACTIVE_ON_DATE);
    await repo.endUnit(tx, id, unit.versionId, endDate);
    // Only the unit's own closure rows change: every path from a descendant runs through a child whose
    // version under the unit ends by the end date (checked above), so those rows end no later than now.
    closure.markStale([id]);
    if (successorId !== undefined && lineageKind !== undefined) {
      await repo.insertLink(tx, {
        predecessorId: id,
        successorId,
        kind: lineageKind,
        effectiveDate: endDate,
        note: reason ?? null,
      });
    }
    return {
      action: "unit.ended",
      entityType: "unit",
      entityId: id,
      before: { validTo: unit.validTo },
      after: { validTo: endDate, successorId: successorId ?? null, lineageKind: lineageKind ?? null },
      reason,
    };
  }

  /**
   * Runs a batch of changes in one transaction, item by item in the given order, then rebuilds the
   * dated closure once over the union of the units they touched and writes one audit row per item.
   * With `naming`, a refusal carries the index and id of the item refused, so that a caller of a batch
   * of hundreds learns which one; the whole batch is then rolled back.
   */
  async function inOneTransaction<T extends { id: number } | { predecessorId: number }>(
    actor: Actor,
    items: readonly T[],
    apply: (tx: Executor, closure: StaleClosure, item: T) => Promise<AuditEntry>,
    naming = false,
  ): Promise<void> {
    authorize(actor, "units.write");
    await db.transaction(async (tx) => {
      const closure = staleClosure(tx);
      const entries: AuditEntry[] = [];
      for (const [index, item] of items.entries()) {
        try {
          entries.push(await apply(tx, closure, item));
        } catch (error) {
          if (!naming || !(error instanceof AppError)) throw error;
          const id = "id" in item ? item.id : item.predecessorId;
          const details = typeof error.details === "object" && error.details !== null ? error.details : {};
          throw new AppError(error.definition, { details: { ...details, index, id }, cause: error });
        }
      }
      await closure.refresh();
      await audit.record(tx, actor, ...entries);
    });
  }

  /** The unit that holds an official code on a date (codes are reused after mergers, so the date matters). */
  async function findByCode(actor: Actor, code: string, asOf?: string): Promise<UnitNode | undefined> {
    authorize(actor, "units.read");
    const d = asOf ?? clock.today();
    const rows = await repo.treeAsOf(db, d, actor.scope);
    return rows.filter((r) => r.code === code).map(presentNode)[0];
  }

  /** Records a further lineage link (a split has several successors). Both units must be in scope. */
  async function addLink(actor: Actor, link: LinkItem): Promise<void> {
    await inOneTransaction(actor, [link], (tx, closure, l) => linkOne(tx, actor, closure, l));
  }

  /**
   * Records many lineage links in one transaction by the rules of addLink(); all or none. A refusal
   * names the item (details.index, and details.id: its predecessor).
   */
  async function addLinks(actor: Actor, links: readonly LinkItem[]): Promise<void> {
    await inOneTransaction(actor, links, (tx, closure, l) => linkOne(tx, actor, closure, l), true);
  }

  async function linkOne(
    tx: Executor,
    actor: Actor,
    closure: StaleClosure,
    link: LinkItem,
  ): Promise<AuditEntry> {
    await closure.refreshFor(link.predecessorId, link.successorId);
    await assertWritable(tx, actor, link.successorId, link.effectiveDate);
    if (
      !(await repo.getUnit(tx, link.predecessorId)) ||
      !(await repo.isInScope(tx, link.predecessorId, actor.scope, "ever"))
    ) {
      throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    }
    if (link.predecessorId === link.successorId) throw new AppError(UnitErrors.UNIT_SUCCESSOR_INVALID);
    await repo.insertLink(tx, { ...link, note: link.note ?? null });
    return {
      action: "unit.linked",
      entityType: "unit",
      entityId: link.predecessorId,
      after: link,
      reason: link.note,
    };
  }

  /**
   * Two units active on the same day may not share a code (it names the unit in statistics and in
   * imports). A new unit is open-ended, so its code must be free from its first day on, also of units in
   * the same batch. Holders outside the actor's scope are not named.
   */
  async function assertCodesFree(tx: Executor, wanted: readonly { code: string; validFrom: string }[]) {
    if (wanted.length === 0) return;
    const inBatch = new Set<string>();
    for (const { code } of wanted) {
      if (inBatch.has(code)) throw new AppError(UnitErrors.UNIT_CODE_TAKEN, { details: { code } });
      inBatch.add(code);
    }
    await repo.lockUnitCodes(tx);
    const [holder] = await repo.codeHolders(tx, wanted);
    if (holder) throw new AppError(UnitErrors.UNIT_CODE_TAKEN, { details: { code: holder.code } });
  }

  /** Reads: a unit outside the scope is reported as not found, so its existence does not leak. */
  async function assertVisible(tx: Executor, actor: Actor, id: number, d: string) {
    if (!(await repo.getUnit(tx, id)) || !(await repo.isInScope(tx, id, actor.scope, d))) {
      throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    }
  }

  /** Writes: the unit must exist and lie in the actor's scope on the date of the change. */
  async function assertWritable(tx: Executor, actor: Actor, id: number, d: string) {
    if (!(await repo.getUnit(tx, id))) throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    await assertScopeToWrite(tx, actor, id, d);
  }

  /** The scope half of assertWritable(), for a caller that already knows the unit exists. */
  async function assertScopeToWrite(tx: Executor, actor: Actor, id: number, d: string) {
    if (!(await repo.isInScope(tx, id, actor.scope, d))) {
      // Visible at some date but not on this one → out of scope; never visible → not found.
      if (await repo.isInScope(tx, id, actor.scope, "ever")) throw new AppError(UnitErrors.UNIT_OUT_OF_SCOPE);
      throw new AppError(UnitErrors.UNIT_NOT_FOUND);
    }
  }

  /**
   * The parent of a new or moved unit: it must be active on the date and in the actor's scope. A parent
   * the actor never reaches is refused as one that does not exist, so the answer does not tell which
   * units exist outside the scope.
   */
  async function assertParent(tx: Executor, actor: Actor, parentId: number, d: string) {
    await assertParentFits(tx, actor, parentId, d, (await repo.versionAt(tx, parentId, d)) !== undefined);
  }

  /** assertParent() for a caller that already knows whether the parent exists on the date. */
  async function assertParentFits(
    tx: Executor,
    actor: Actor,
    parentId: number,
    d: string,
    isActive: boolean,
  ) {
    if (!isActive || !(await repo.isInScope(tx, parentId, actor.scope, "ever"))) {
      throw new AppError(UnitErrors.UNIT_PARENT_NOT_FOUND, { details: { parentId } });
    }
    // Active on the date, so the unit exists: only its scope is left to check.
    await assertScopeToWrite(tx, actor, parentId, d);
  }

  /** A change that holds over a period: the unit must stay in the actor's scope for all of it. */
  async function assertWritableUntil(
    tx: Executor,
    actor: Actor,
    id: number,
    from: string,
    to: string | null,
  ) {
    if (!(await repo.isInScopeThroughout(tx, id, actor.scope, from, to)))
      throw new AppError(UnitErrors.UNIT_OUT_OF_SCOPE);
  }

  /**
   * Links a territorial unit to the place it governs, or removes the link (null): the territory its heads
   * lead under the "local" rule (DOMAIN §2).
   */
  async function setPlace(actor: Actor, id: number, input: SetUnitPlaceInput): Promise<UnitDetail> {
    authorize(actor, "units.write");
    await db.transaction(async (tx) => {
      const unit = await repo.getUnit(tx, id);
      if (!unit || !(await repo.isInScope(tx, id, actor.scope, "ever")))
        throw new AppError(UnitErrors.UNIT_NOT_FOUND);
      await assertWritableUntil(tx, actor, id, unit.validFrom, unit.validTo);
      if (input.placeId !== null) await assertPlaceFits(tx, unit.kind, input.placeId);
      if (unit.placeId === input.placeId) return;
      await repo.setUnitPlace(tx, id, input.placeId);
      await audit.record(tx, actor, {
        action: "unit.place_set",
        entityType: "unit",
        entityId: id,
        before: { placeId: unit.placeId },
        after: { placeId: input.placeId },
        reason: input.reason,
      });
    });
    return get(actor, id);
  }

  /**
   * Replaces a unit's code (a proposed one by the official one, or a mistake). The code must be free while
   * the unit exists, like a code given at creation.
   */
  async function setCode(actor: Actor, id: number, input: SetUnitCodeInput): Promise<UnitDetail> {
    authorize(actor, "units.write");
    await db.transaction(async (tx) => {
      const unit = await repo.getUnit(tx, id);
      if (!unit || !(await repo.isInScope(tx, id, actor.scope, "ever")))
        throw new AppError(UnitErrors.UNIT_NOT_FOUND);
      await assertWritableUntil(tx, actor, id, unit.validFrom, unit.validTo);
      if (unit.code === input.code) return;
      await repo.lockUnitCodes(tx);
      const holders = await repo.codeHolders(tx, [{ code: input.code, validFrom: unit.validFrom }]);
      if (holders.some((h) => Number(h.id) !== id))
        throw new AppError(UnitErrors.UNIT_CODE_TAKEN, { details: { code: input.code } });
      await repo.setUnitCode(tx, id, input.code);
      await audit.record(tx, actor, {
        action: "unit.code_set",
        entityType: "unit",
        entityId: id,
        before: { code: unit.code },
        after: { code: input.code },
        reason: input.reason,
      });
    });
    return get(actor, id);
  }

  /** Only territorial units govern a place, and the place must be one of the official lists. */
  async function assertPlaceFits(tx: Executor, kind: UnitKind, placeId: number) {
    if (!TERRITORIAL_KINDS.includes(kind)) throw new AppError(UnitErrors.UNIT_PLACE_NOT_TERRITORIAL);
    await places.assertPlaces(tx, [{ field: "placeId", placeId }]);
  }

  /** Scope check for other modules: is this unit inside the actor's scope on the date? */
  function isInScope(tx: Executor, actor: Actor, unitId: number, d: string): Promise<boolean> {
    return repo.isInScope(tx, unitId, actor.scope, d);
  }

  return {
    tree,
    get,
    findByCode,
    subtreeIds,
    create,
    createRoot,
    createMany,
    rename,
    move,
    moveMany,
    end,
    endMany,
    setPlace,
    setCode,
    addLink,
    addLinks,
    isInScope,
  };
}

function presentNode(row: {
  id: number;
  parentId: number | null;
  name: string;
  code: string | null;
  kind: UnitKind;
  bloc: Bloc | null;
  placeId: number | null;
  validFrom: string;
  validTo: string | null;
}): UnitNode {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    code: row.code,
    kind: row.kind,
    bloc: row.bloc,
    placeId: row.placeId,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

/** Territories carry no bloc; other units default to none when the caller gives none. */
function blocOf(kind: UnitKind, bloc: Bloc | null | undefined): Bloc | null {
  return TERRITORIAL_KINDS.includes(kind) ? null : (bloc ?? null);
}

/**
 * The closure rows of units changed earlier in a batch, left stale so that the batch rebuilds them once.
 * Every check reads the closure rows of the units it names as descendants (scope, cycle), so before an
 * item names a stale unit the stale rows are rebuilt: each item sees what it would see alone.
 */
type StaleClosure = ReturnType<typeof staleClosure>;

function staleClosure(tx: Executor) {
  const stale = new Set<number>();
  async function refresh() {
    if (stale.size === 0) return;
    await repo.rebuildClosure(tx, [...stale]);
    stale.clear();
  }
  return {
    markStale(unitIds: readonly number[]) {
      for (const id of unitIds) stale.add(id);
    },
    async refreshFor(...unitIds: number[]) {
      if (unitIds.some((id) => stale.has(id))) await refresh();
    },
    refresh,
  };
}

/** The first items of a list while they satisfy the test. */
function leadingWhile<T>(items: readonly T[], test: (item: T) => boolean): T[] {
  const end = items.findIndex((item) => !test(item));
  return items.slice(0, end === -1 ? items.length : end);
}

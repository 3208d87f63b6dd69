import type { Writable } from "node:stream";
import type { UnitImportError, UnitImportReport } from "../../../common/contracts/units.ts";
import { LINEAGE_KINDS, type LineageKind } from "../../../common/enums/units.ts";
import { addDays, formatDmy } from "../../../common/rules/dates.ts";
import { lastDayOf } from "../../../common/rules/periods.ts";
import type { Db } from "../../db/client.ts";
import { type Actor, authorize } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { AppError, messageOf } from "../../lib/errors.ts";
import type { AuditService } from "../audit/index.ts";
import { dateOf } from "../imports/rows.ts";
import type { PlacesService } from "../places/index.ts";
import { mayCreateRoot } from "./units.policy.ts";
import * as repo from "./units.repo.ts";
import { type BulkUnit, createUnitsService, type EndItem, type LinkItem } from "./units.service.ts";
import {
  clip,
  differences,
  header,
  inCycle,
  parentsFirst,
  type UnitRowIn,
  unitRowsOf,
} from "./units.transfer-rows.ts";
import {
  type LinkColumnKey,
  readTreeFile,
  type Table,
  textOf,
  type UnitColumnKey,
  writeTreeFile,
} from "./units.transfer-sheets.ts";

/**
 * Import and export of an organisation tree (issue 10: a province or a ministry starts with its own
 * organisation). Like the cadre import: every row is checked and every error named with its row number;
 * the file is applied whole or not at all, through the units service's batch operations (createMany,
 * endMany, addLinks), in one transaction; an exported file imported again changes nothing.
 */

type Deps = {
  db: Db;
  audit: Pick<AuditService, "record">;
  clock: Clock;
  places: Pick<PlacesService, "byIds" | "assertPlaces" | "search">;
};

export type UnitTransferService = ReturnType<typeof createUnitTransferService>;

type Plan =
  | { row: UnitRowIn; action: "unchanged"; id: number }
  | { row: UnitRowIn; action: "end"; id: number }
  | { row: UnitRowIn; action: "create"; key: string };

/** Rolls a dry run back after doing everything a real import does. */
class DryRunDone extends Error {}

export function createUnitTransferService({ db, audit, clock, places }: Deps) {
  /** The tree as of a date (the actor's scope), rows parents first, and the lineage links touching it. */
  async function exportTree(actor: Actor, options: { asOf?: string | undefined; format: "xlsx" | "csv" }) {
    authorize(actor, "units.read");
    const asOf = options.asOf ?? clock.today();
    const nodes = await repo.treeAsOf(db, asOf, actor.scope);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const outsideParents = await repo.codesOf(
      db,
      nodes.flatMap((n) => (n.parentId !== null && !byId.has(n.parentId) ? [n.parentId] : [])),
    );
    const placeIds = [...new Set(nodes.flatMap((n) => (n.placeId ? [n.placeId] : [])))];
    const placeById = await places.byIds(db, placeIds);
    const ordered = parentsFirst(nodes);
    const unitRows = ordered.map((n) => [
      n.code,
      n.name,
      n.kind,
      n.bloc,
      n.parentId === null ? null : (byId.get(n.parentId)?.code ?? outsideParents.get(n.parentId) ?? null),
      n.placeId ? (placeById.get(n.placeId)?.code ?? null) : null,
      formatDmy(n.validFrom),
      n.validTo ? formatDmy(lastDayOf(n.validTo)) : null,
    ]);
    const links = await repo.linksAmong(db, [...byId.keys()]);
    const linkRows = links.map((l) => [
      l.predecessorCode,
      l.successorCode,
      l.kind,
      formatDmy(l.effectiveDate),
    ]);
    return {
      asOf,
      rows: unitRows.length,
      fileName: `co-cau-to-chuc-${asOf}.${options.format}`,
      write: (target: string | Writable) => writeTreeFile(options.format, target, unitRows, linkRows),
    };
  }

  /**
   * Imports a tree file. Rows naming a unit that exists (by code) must agree with it, or end it; other rows
   * create units under a parent named by code (in the file or existing). Lineage links come from the
   * second sheet. Nothing is written when any row is wrong, or in a dry run.
   */
  async function importTree(
    actor: Actor,
    file: Buffer,
    options: { dryRun: boolean; asOf?: string | undefined },
  ): Promise<UnitImportReport> {
    authorize(actor, "units.write");
    const asOf = options.asOf ?? clock.today();
    const { units: unitTable, links: linkTable } = await readTreeFile(file);
    const errors: UnitImportError[] = [];
    const report = (counts: Partial<UnitImportReport> = {}): UnitImportReport => ({
      dryRun: options.dryRun,
      asOf,
      rows: unitTable.rows.length,
      created: 0,
      ended: 0,
      unchanged: 0,
      links: linkTable.rows.length,
      linksCreated: 0,
      // In the order of the file: the units sheet, then the links, each by row.
      errors: errors.sort(
        (a, b) => Number(a.sheet === linkTable.sheet) - Number(b.sheet === linkTable.sheet) || a.row - b.row,
      ),
      ...counts,
    });
    for (const table of [unitTable, linkTable] as Table<string>[]) {
      if (table.missing.length) {
        errors.push({
          sheet: table.sheet,
          row: 1,
          message: `Thiếu cột: ${table.missing.join(", ")} (dòng tiêu đề phải có các cột như tệp xuất).`,
        });
      }
    }
    if (errors.length) return report();
    const fail = (sheet: string, row: number, message: string, column?: string) =>
      errors.push({ sheet, row, ...(column ? { column } : {}), message });
    const unitFail = (row: number, message: string, column?: UnitColumnKey) =>
      fail(unitTable.sheet, row, message, column ? header(column) : undefined);

    // 1. Each row on its own, and codes repeated in the file.
    const rows = unitRowsOf(unitTable, unitFail);

    // 2. Rows against the units that exist: same code, overlapping period.
    const fileCodes = [
      ...new Set(
        rows
          .flatMap((r) => [r.code, r.parentCode])
          .concat(linkTable.rows.flatMap((l) => [textOf(l.cells.fromCode), textOf(l.cells.toCode)])),
      ),
    ].filter((c): c is string => !!c);
    const holders = await repo.unitsByCodes(db, fileCodes);
    const visibleNow = new Map((await repo.treeAsOf(db, asOf, actor.scope)).map((n) => [n.id, n]));
    const parentCodes = await repo.codesOf(
      db,
      [...visibleNow.values()].flatMap((n) => (n.parentId !== null ? [n.parentId] : [])),
    );
    const visibleEver = new Set<number>();
    for (const h of holders) if (await repo.isInScope(db, h.id, actor.scope, "ever")) visibleEver.add(h.id);
    const overlaps = (h: repo.UnitRow, from: string, to: string | null) =>
      (h.validTo === null || h.validTo > from) && (to === null || h.validFrom < to);
    const activeOn = (code: string, d: string) =>
      holders.find((h) => h.code === code && h.validFrom <= d && (h.validTo === null || h.validTo > d));

    const placeIds = await resolvePlaces(actor, rows, unitFail);
    const plans: Plan[] = [];
    const planByCode = new Map<string, Plan>();
    for (const r of rows) {
      const holder = r.code
        ? holders.find((h) => h.code === r.code && overlaps(h, r.validFrom, r.validTo))
        : undefined;
      let plan: Plan;
      if (!holder) plan = { row: r, action: "create", key: `row${r.rowNo}` };
      else if (!visibleEver.has(holder.id)) {
        unitFail(
          r.rowNo,
          `Mã đơn vị ${r.code} đang được một đơn vị ngoài phạm vi quản lý của bạn sử dụng.`,
          "code",
        );
        continue;
      } else {
        const differs = differences(
          r,
          holder,
          visibleNow.get(holder.id),
          parentCodes,
          placeIds.get(r.rowNo) ?? null,
        );
        if (differs.length) {
          unitFail(
            r.rowNo,
            `Đơn vị mã ${r.code} đã có; tệp khác dữ liệu hiện có ở: ${differs.join(", ")}. ` +
              "Thay đổi đơn vị đã có (đổi tên, chuyển trực thuộc) trên trang Đơn vị/Tổ chức, hoặc sửa tệp.",
          );
          continue;
        }
        plan = {
          row: r,
          action: holder.validTo === null && r.validTo !== null ? "end" : "unchanged",
          id: holder.id,
        };
      }
      plans.push(plan);
      if (r.code) planByCode.set(r.code, plan);
    }

    // 3. Parents of new units: a row of the file, or a unit active on the new unit's first day.
    const rowOfCode = new Map<string, number>();
    for (const { rowNo, cells } of unitTable.rows) {
      const code = textOf(cells.code);
      if (code && !rowOfCode.has(code)) rowOfCode.set(code, rowNo);
    }
    const nodes = new Map<string, BulkUnit & { rowNo: number }>();
    const parentKeyOf = new Map<string, string>();
    for (const p of plans) {
      if (p.action !== "create") continue;
      const r = p.row;
      const node: BulkUnit & { rowNo: number } = {
        rowNo: r.rowNo,
        key: p.key,
        name: r.name,
        code: r.code,
        kind: r.kind,
        bloc: r.bloc,
        placeId: placeIds.get(r.rowNo) ?? null,
        validFrom: r.validFrom,
        ...(r.validTo ? { validTo: r.validTo } : {}),
      };
      if (r.parentCode === null) {
        if (!mayCreateRoot(actor)) {
          unitFail(
            r.rowNo,
            "Chỉ quản trị hệ thống mới được tạo đơn vị gốc (dòng không có mã đơn vị cấp trên).",
            "parentCode",
          );
          continue;
        }
      } else {
        const inFile = planByCode.get(r.parentCode);
        const existing = activeOn(r.parentCode, r.validFrom);
        if (inFile?.action === "create") {
          node.parentKey = inFile.key;
          parentKeyOf.set(p.key, inFile.key);
        } else if (inFile) node.parentId = inFile.id;
        else if (existing && visibleEver.has(existing.id)) node.parentId = existing.id;
        else if (rowOfCode.has(r.parentCode)) {
          // The parent is in the file but its own row is wrong: point at that row, not "not found".
          unitFail(
            r.rowNo,
            `Đơn vị cấp trên (mã ${r.parentCode}, dòng ${rowOfCode.get(r.parentCode)}) có lỗi.`,
            "parentCode",
          );
          continue;
        } else {
          unitFail(
            r.rowNo,
            `Không tìm thấy đơn vị cấp trên mã ${r.parentCode} (trong tệp, hoặc đang hoạt động ngày ${formatDmy(r.validFrom)}).`,
            "parentCode",
          );
          continue;
        }
      }
      nodes.set(p.key, node);
    }
    // A chain of parents in the file that comes back to where it started has no root.
    const ordered: (BulkUnit & { rowNo: number })[] = [];
    const state = new Map<string, "visiting" | "done" | "bad">();
    const visit = (key: string): boolean => {
      const s = state.get(key);
      if (s === "done") return true;
      if (s === "bad") return false;
      const node = nodes.get(key);
      if (!node) return false;
      if (s === "visiting") return false;
      state.set(key, "visiting");
      const parent = parentKeyOf.get(key);
      const ok = parent === undefined || visit(parent);
      if (!ok) {
        state.set(key, "bad");
        const cycle = inCycle(key, parentKeyOf);
        unitFail(
          node.rowNo,
          cycle
            ? "Vòng lặp trực thuộc: đơn vị cấp trên của đơn vị này (theo chuỗi mã trong tệp) lại trực thuộc chính nó."
            : `Đơn vị cấp trên (mã ${rows.find((r) => `row${r.rowNo}` === parent)?.code ?? "?"}, dòng ${parent?.slice(3)}) có lỗi.`,
          "parentCode",
        );
        return false;
      }
      state.set(key, "done");
      ordered.push(node);
      return true;
    };
    for (const key of nodes.keys()) visit(key);

    // 4. Lineage links.
    const links: (LinkItem & { rowNo: number; fromKey?: string; toKey?: string })[] = [];
    for (const { rowNo, cells } of linkTable.rows) {
      const before = errors.length;
      const linkFail = (message: string, column: LinkColumnKey) =>
        fail(linkTable.sheet, rowNo, message, header(column, true));
      const fromCode = textOf(cells.fromCode);
      const toCode = textOf(cells.toCode);
      const kind = textOf(cells.kind).toLowerCase();
      const date = dateOf(cells.date ?? null);
      if (!(LINEAGE_KINDS as readonly string[]).includes(kind))
        linkFail(`Hình thức “${clip(kind)}” không có trong danh mục (${LINEAGE_KINDS.join(", ")}).`, "kind");
      if (!date) linkFail("Ngày hiệu lực không hợp lệ (dd/mm/yyyy).", "date");
      if (errors.length > before) continue;
      const dayBefore = addDays(date!, -1);
      const end = (code: string, d: string, column: LinkColumnKey) => {
        const p = planByCode.get(code);
        const covers = (from: string, to: string | null) => from <= d && (to === null || to > d);
        if (p && covers(p.row.validFrom, p.row.validTo)) return p;
        const h = activeOn(code, d);
        if (h && visibleEver.has(h.id)) return { id: h.id };
        linkFail(`Không tìm thấy đơn vị mã ${code || "(trống)"} hoạt động ngày ${formatDmy(d)}.`, column);
        return undefined;
      };
      // The predecessor exists until the day before the link, the successor from its date.
      const from = end(fromCode, dayBefore, "fromCode");
      const to = end(toCode, date!, "toCode");
      if (!from || !to) continue;
      const idOf = (p: Plan | { id: number }) => ("id" in p ? p.id : -1);
      const keyOf = (p: Plan | { id: number }) => ("key" in p ? p.key : undefined);
      links.push({
        rowNo,
        predecessorId: idOf(from),
        successorId: idOf(to),
        kind: kind as LineageKind,
        effectiveDate: date!,
        ...(keyOf(from) ? { fromKey: keyOf(from)! } : {}),
        ...(keyOf(to) ? { toKey: keyOf(to)! } : {}),
      });
    }
    if (errors.length) return report();

    // 5. Apply, whole or not at all; a dry run does it all and rolls back.
    const existingLinks = await repo.linksAmong(
      db,
      links.flatMap((l) => [l.predecessorId, l.successorId]).filter((id) => id > 0),
    );
    const ends: (EndItem & { rowNo: number })[] = plans.flatMap((p) =>
      p.action === "end" ? [{ id: p.id, endDate: p.row.validTo!, rowNo: p.row.rowNo }] : [],
    );
    const counts = {
      created: ordered.length,
      ended: ends.length,
      unchanged: plans.filter((p) => p.action === "unchanged").length,
      linksCreated: 0,
    };
    let stage: "create" | "end" | "link" = "create";
    let newLinks: typeof links = [];
    try {
      await db.transaction(async (tx) => {
        const units = createUnitsService({ db: tx as unknown as Db, audit, clock, places });
        const ids = ordered.length
          ? await units.createMany(actor, ordered, "Nhập cây tổ chức từ tệp")
          : new Map<string, number>();
        stage = "end";
        if (ends.length) await units.endMany(actor, ends, "Nhập cây tổ chức từ tệp");
        stage = "link";
        const resolved = links.map((l) => ({
          ...l,
          predecessorId: l.fromKey ? ids.get(l.fromKey)! : l.predecessorId,
          successorId: l.toKey ? ids.get(l.toKey)! : l.successorId,
        }));
        newLinks = resolved.filter(
          (l) =>
            !existingLinks.some(
              (e) =>
                e.predecessorId === l.predecessorId &&
                e.successorId === l.successorId &&
                e.kind === l.kind &&
                e.effectiveDate === l.effectiveDate,
            ),
        );
        if (newLinks.length) await units.addLinks(actor, newLinks);
        counts.linksCreated = newLinks.length;
        if (options.dryRun) throw new DryRunDone();
      });
    } catch (error) {
      if (error instanceof DryRunDone) return report(counts);
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      // A rule of the units service refused an item: name its row.
      const details = (error.details ?? {}) as { key?: string; index?: number };
      const message = messageOf(error.definition, "vi");
      if (stage === "create") {
        const row = ordered.find((n) => n.key === details.key)?.rowNo ?? ordered[0]?.rowNo ?? 1;
        unitFail(row, message);
      } else if (stage === "end") {
        unitFail(ends[details.index ?? 0]?.rowNo ?? 1, message, "validTo");
      } else {
        fail(linkTable.sheet, newLinks[details.index ?? 0]?.rowNo ?? 1, message);
      }
      return report();
    }
    return report(counts);
  }

  /** Place codes of the rows, looked up in the list valid on each unit's first day. */
  async function resolvePlaces(
    actor: Actor,
    rows: readonly UnitRowIn[],
    unitFail: (row: number, message: string, column?: UnitColumnKey) => void,
  ): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const r of rows) {
      if (!r.placeCode) continue;
      const { items } = await places.search(actor, { q: r.placeCode, asOf: r.validFrom, limit: 100 });
      const place = items.find((p) => p.code === r.placeCode);
      if (place) out.set(r.rowNo, place.id);
      else
        unitFail(
          r.rowNo,
          `Không có địa danh mã ${r.placeCode} trong danh mục áp dụng ngày ${formatDmy(r.validFrom)}.`,
          "placeCode",
        );
    }
    return out;
  }

  return { exportTree, importTree };
}

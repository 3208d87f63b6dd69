import {
  BLOCS,
  type Bloc,
  TERRITORIAL_KINDS,
  UNIT_KINDS,
  type UnitKind,
} from "../../../common/enums/units.ts";
import { endOf } from "../../../common/rules/periods.ts";
import { dateOf } from "../imports/rows.ts";
import { UNIT_CODE_MAX } from "./units.codes.ts";
import type * as repo from "./units.repo.ts";
import {
  LINK_COLUMNS,
  type LinkColumnKey,
  type Table,
  textOf,
  UNIT_COLUMNS,
  type UnitColumnKey,
} from "./units.transfer-sheets.ts";

/**
 * The rows of a tree file checked on their own (no database): each unit row's cells read and validated,
 * codes repeated in the file found; and the pure steps of the import that follow (what differs from an
 * existing unit, cycles of parents) and of the export (parents before children).
 */

export const CODE = /^[0-9A-Za-z._-]+$/;

/** A column's header as the file shows it. */
export const header = (key: UnitColumnKey | LinkColumnKey, links = false) =>
  (links ? LINK_COLUMNS : UNIT_COLUMNS).find((c) => c.key === key)!.header;

/** A unit row of the file, read and checked on its own. */
export type UnitRowIn = {
  rowNo: number;
  code: string | null;
  name: string;
  kind: UnitKind;
  bloc: Bloc | null;
  parentCode: string | null;
  placeCode: string | null;
  validFrom: string;
  /** Day after the last day (the file says the last day, DOMAIN §9). */
  validTo: string | null;
};

export type UnitFail = (row: number, message: string, column?: UnitColumnKey) => void;

/**
 * The unit rows that pass the checks a row can fail alone (code, name, kind, bloc, place only for
 * territorial units, dates, not its own parent), then a code used twice in the file; every failure is
 * reported through `fail` with its row and column.
 */
export function unitRowsOf(unitTable: Table<UnitColumnKey>, fail: UnitFail): UnitRowIn[] {
  let failures = 0;
  const unitFail: UnitFail = (row, message, column) => {
    failures++;
    fail(row, message, column);
  };
  const rows: UnitRowIn[] = [];
  for (const { rowNo, cells } of unitTable.rows) {
    const before = failures;
    const code = textOf(cells.code);
    if (code && (!CODE.test(code) || code.length > UNIT_CODE_MAX)) {
      unitFail(
        rowNo,
        `Mã đơn vị “${clip(code)}” chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới, tối đa 32 ký tự.`,
        "code",
      );
    }
    const name = textOf(cells.name);
    if (!name) unitFail(rowNo, "Tên đơn vị không được để trống.", "name");
    else if (name.length > 255) unitFail(rowNo, "Tên đơn vị tối đa 255 ký tự.", "name");
    const kind = textOf(cells.kind).toLowerCase();
    if (!(UNIT_KINDS as readonly string[]).includes(kind)) {
      unitFail(
        rowNo,
        `Loại đơn vị “${clip(kind)}” không có trong danh mục (${UNIT_KINDS.join(", ")}).`,
        "kind",
      );
    }
    const bloc = textOf(cells.bloc).toLowerCase();
    if (bloc && !(BLOCS as readonly string[]).includes(bloc)) {
      unitFail(rowNo, `Khối “${clip(bloc)}” không có trong danh mục (${BLOCS.join(", ")}).`, "bloc");
    }
    const parentCode = textOf(cells.parentCode);
    const placeCode = textOf(cells.placeCode);
    if (placeCode && !(TERRITORIAL_KINDS as readonly string[]).includes(kind)) {
      unitFail(rowNo, "Chỉ đơn vị hành chính lãnh thổ mới gắn với địa danh.", "placeCode");
    }
    const validFrom = dateOf(cells.validFrom ?? null);
    if (!validFrom) unitFail(rowNo, "Ngày bắt đầu hoạt động không hợp lệ (dd/mm/yyyy).", "validFrom");
    const lastDay = textOf(cells.validTo) ? dateOf(cells.validTo ?? null) : null;
    if (lastDay === undefined) unitFail(rowNo, "Ngày cuối hoạt động không hợp lệ (dd/mm/yyyy).", "validTo");
    else if (lastDay && validFrom && lastDay < validFrom) {
      unitFail(rowNo, "Ngày cuối hoạt động phải từ ngày bắt đầu hoạt động trở đi.", "validTo");
    }
    if (code && parentCode === code) unitFail(rowNo, "Đơn vị không thể trực thuộc chính nó.", "parentCode");
    if (failures > before) continue;
    rows.push({
      rowNo,
      code: code || null,
      name,
      kind: kind as UnitKind,
      bloc: (bloc || null) as Bloc | null,
      parentCode: parentCode || null,
      placeCode: placeCode || null,
      validFrom: validFrom!,
      validTo: lastDay ? endOf(lastDay) : null,
    });
  }
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.code) continue;
    const first = seen.get(r.code);
    if (first !== undefined) unitFail(r.rowNo, `Mã đơn vị ${r.code} trùng với dòng ${first}.`, "code");
    else seen.set(r.code, r.rowNo);
  }
  return rows;
}

/** Which fields of a row differ from the unit that holds its code (as of the file's date when active). */
export function differences(
  r: UnitRowIn,
  holder: repo.UnitRow,
  now: repo.UnitRow | undefined,
  parentCodes: Map<number, string | null>,
  placeId: number | null,
): string[] {
  const out: string[] = [];
  if (holder.kind !== r.kind) out.push(header("kind"));
  if (holder.validFrom !== r.validFrom) out.push(header("validFrom"));
  if (holder.validTo !== null && holder.validTo !== r.validTo) out.push(header("validTo"));
  if ((holder.bloc ?? null) !== r.bloc && !TERRITORIAL_KINDS.includes(r.kind)) out.push(header("bloc"));
  if ((holder.placeId ?? null) !== placeId) out.push(header("placeCode"));
  if (now) {
    if (now.name !== r.name) out.push(header("name"));
    const parentCode = now.parentId === null ? null : (parentCodes.get(now.parentId) ?? null);
    if (parentCode !== r.parentCode) out.push(header("parentCode"));
  }
  return out;
}

/** Whether following the parents from the key comes back to it. */
export function inCycle(key: string, parentOf: ReadonlyMap<string, string>): boolean {
  const seen = new Set<string>();
  let at = parentOf.get(key);
  while (at !== undefined && !seen.has(at)) {
    if (at === key) return true;
    seen.add(at);
    at = parentOf.get(at);
  }
  return false;
}

/** Nodes ordered so that every parent comes before its children (roots, then level by level). */
export function parentsFirst(nodes: readonly repo.UnitRow[]): repo.UnitRow[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<number | null, repo.UnitRow[]>();
  for (const n of nodes) {
    const parent = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(n);
    children.set(parent, list);
  }
  const byCode = (a: repo.UnitRow, b: repo.UnitRow) =>
    (a.code ?? "").localeCompare(b.code ?? "") || a.id - b.id;
  const out: repo.UnitRow[] = [];
  const queue = [...(children.get(null) ?? [])].sort(byCode);
  while (queue.length) {
    const n = queue.shift()!;
    out.push(n);
    queue.push(...(children.get(n.id) ?? []).sort(byCode));
  }
  return out;
}

export const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

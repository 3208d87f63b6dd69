import type { AuditChange } from "../../../common/contracts/audit.ts";
import {
  AUDIT_FIELDS,
  AUDIT_VALUES,
  type AuditLanguage,
  auditFieldLabel,
} from "../../../common/enums/audit.ts";
import { CATEGORY_CODE_LIST, type QualificationCategory } from "../../../common/enums/cadres.ts";
import { TIME_ZONE } from "./audit.repo.ts";

/** Fields holding a code of a code list, and which list (levelCode: by the row's category). */
const CODE_FIELDS: Readonly<Record<string, string>> = {
  ethnicityCode: "ethnicity",
  religionCode: "religion",
  academicTitleCode: "academic_title",
  gradeCode: "civil_service_grade",
  tier: "management_tier",
};

/** Fields holding the id of a unit. */
export const UNIT_FIELDS: ReadonlySet<string> = new Set([
  "parentId",
  "unitId",
  "successorId",
  "predecessorId",
  "birthplaceUnitId",
  "homeTownUnitId",
]);

/** Bookkeeping that the change table leaves out (the raw values keep it). */
const NOT_A_CHANGE = new Set(["id", "version"]);

/** Names the presenter may use, looked up for the whole page at once (audit.subjects.ts). */
export type ValueNames = {
  /** The name of a code of a list, in the asked language; undefined when unknown. */
  code(list: string, code: string): string | undefined;
  /** The name of a unit the reader may see; undefined otherwise (the id is shown). */
  unit(id: number): string | undefined;
};

const NO_NAMES: ValueNames = { code: () => undefined, unit: () => undefined };

type Fields = Record<string, unknown>;

function fieldsOf(value: unknown): Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : {};
}

function listOf(field: string, row: Fields): string | undefined {
  if (field === "levelCode") {
    const category = row.category;
    return typeof category === "string" ? CATEGORY_CODE_LIST[category as QualificationCategory] : undefined;
  }
  return CODE_FIELDS[field];
}

/** The (list, code) pairs and unit ids that before/after name, to look up once per page. */
export function referencesOf(
  before: unknown,
  after: unknown,
): { codes: [string, string][]; units: number[] } {
  const codes: [string, string][] = [];
  const units: number[] = [];
  for (const row of [fieldsOf(before), fieldsOf(after)]) {
    const context = { ...fieldsOf(before), ...fieldsOf(after), ...row };
    for (const [field, value] of Object.entries(row)) {
      const list = listOf(field, context);
      if (list && typeof value === "string") codes.push([list, value]);
      if (UNIT_FIELDS.has(field) && typeof value === "number") units.push(value);
    }
  }
  return { codes, units };
}

const WORDS = {
  vi: { yes: "Có", no: "Không", withheld: "(không hiển thị)", unit: "Đơn vị" },
  en: { yes: "Yes", no: "No", withheld: "(withheld)", unit: "Unit" },
} as const;

function formatInstant(iso: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}/${part("month")}/${part("year")} ${part("hour")}:${part("minute")}`;
}

/**
 * A value as people read it: dates dd/mm/yyyy, instants with the Vietnamese time, booleans Có/Không, codes
 * and enumerations by their names, units by name, lists joined, nested objects as "Field: value; …".
 * null: empty.
 */
export function formatValue(
  field: string,
  value: unknown,
  language: AuditLanguage,
  names: ValueNames = NO_NAMES,
  row: Fields = {},
): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? WORDS[language].yes : WORDS[language].no;
  if (typeof value === "number") {
    if (UNIT_FIELDS.has(field)) {
      const name = names.unit(value);
      return name ? `${name} (#${value})` : `${WORDS[language].unit} #${value}`;
    }
    return String(value);
  }
  if (typeof value === "string") {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (date) return `${date[3]}/${date[2]}/${date[1]}`;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)))
      return formatInstant(value);
    const list = listOf(field, row);
    if (list) return names.code(list, value) ?? value;
    return AUDIT_VALUES[field]?.[value]?.[language] ?? value;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => formatValue(field, v, language, names, row)).filter((v) => v !== null);
    return items.length ? items.join(", ") : null;
  }
  if (typeof value === "object") {
    const inner = value as Fields;
    const items = Object.entries(inner)
      .map(([k, v]) => [k, formatValue(k, v, language, names, inner)] as const)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${auditFieldLabel(k, language)}: ${v}`);
    return items.length ? items.join("; ") : null;
  }
  return String(value);
}

const ORDER = new Map(Object.keys(AUDIT_FIELDS).map((k, i) => [k, i]));

function orderOf(field: string): number {
  return ORDER.get(field) ?? ORDER.size;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The fields a row changed, before and after, named and formatted: only those whose value differs (a row
 * that only adds lists every field it sets). Withheld fields are listed as withheld, not as unchanged.
 * The history kind and row ids are bookkeeping, named by the action already.
 */
export function changesOf(
  entry: { action: string; before: unknown; after: unknown },
  withheld: ReadonlySet<string>,
  language: AuditLanguage,
  names: ValueNames = NO_NAMES,
): AuditChange[] {
  const before = fieldsOf(entry.before);
  const after = fieldsOf(entry.after);
  const isHistoryRow = /^cadre\.[a-z_]+\.[a-z_]+$/.test(entry.action);
  // In the order of the registry (a record's form order), not of jsonb's storage; unknown keys last.
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(
    (a, b) => orderOf(a) - orderOf(b),
  );
  const context = { ...before, ...after };
  const changes: AuditChange[] = [];
  for (const field of keys) {
    if (NOT_A_CHANGE.has(field) || (isHistoryRow && field === "kind")) continue;
    const label = auditFieldLabel(field, language);
    if (withheld.has(field)) {
      const hidden = WORDS[language].withheld;
      changes.push({
        field,
        label,
        before: field in before ? hidden : null,
        after: field in after ? hidden : null,
      });
      continue;
    }
    if (same(before[field], after[field])) continue;
    changes.push({
      field,
      label,
      before: formatValue(field, before[field], language, names, { ...context, ...before }),
      after: formatValue(field, after[field], language, names, { ...context, ...after }),
    });
  }
  return changes;
}

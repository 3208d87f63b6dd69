import {
  IMPORT_COLUMNS,
  type ImportColumnKey,
  type ImportRowError,
  SEX_LABELS,
  STAFF_TYPE_LABELS,
  TIER_LABELS,
  TIER_NAMES,
} from "../../../common/contracts/imports.ts";
import {
  type CodeListName,
  MANAGEMENT_TIERS,
  type ManagementTier,
  SEXES,
  type Sex,
  STAFF_TYPES,
  type StaffType,
} from "../../../common/enums/cadres.ts";
import { type BirthDate, type BirthDatePrecision, parseBirthDate } from "../../../common/rules/birth-date.ts";
import { checkPersonDates, type DateProblem, idNumberProblems } from "../../../common/rules/cadre-checks.ts";
import {
  EMAIL_MAX,
  EMAIL_MESSAGE,
  EMAIL_PATTERN,
  FULL_NAME_MESSAGE,
  FULL_NAME_PATTERN,
  PHONE_MESSAGE,
  PHONE_PATTERN,
  STAFF_CODE_MESSAGE,
  STAFF_CODE_PATTERN,
} from "../../../common/rules/cadre-fields.ts";
import { addDays, DATE_YEAR_MAX, DATE_YEAR_MIN, formatDmy, parseDate } from "../../../common/rules/dates.ts";
import { foldVietnamese, vietnameseSortKey } from "../../../common/text/vietnamese.ts";
import { unprotectCell } from "./csv.ts";
import { type Column, type Layout, normalizeHeader } from "./layout.ts";
import { candidatesText, type NamedCode, type NamePick, type NameReferences, pickByName } from "./names.ts";
import { excelSerialToIso, type RawCell, type SheetRow } from "./spreadsheet.ts";

/**
 * One row of the file, checked on its own and against the reference data loaded once per import (unit
 * codes with their periods, title codes, code lists, the actor's scope): everything that needs no
 * person's record. What does (matching, dated histories) is checked in SQL, batch by batch.
 */

export type Period = { validFrom: string; validTo: string | null };
export type UnitPeriod = Period & { id: number };

export type References = {
  /** Units, titles and code-list entries by name, for coded columns written by name. */
  names: NameReferences;
  /** Units by official code, with the period each holds it (codes are reused after mergers). */
  unitsByCode: ReadonlyMap<string, readonly UnitPeriod[]>;
  /** Places by "edition:code" (codes are reused across the official lists). */
  placeIds: ReadonlyMap<string, number>;
  titleIds: ReadonlyMap<string, number>;
  /** code → is active, per list. */
  codes: ReadonlyMap<CodeListName, ReadonlyMap<string, boolean>>;
  /** "all", or the periods during which each unit lies under one of the actor's scope roots. */
  scope: "all" | ReadonlyMap<number, readonly Period[]>;
};

/** A valid row, as it is loaded into the staging table. */
export type ParsedRow = {
  rowNo: number;
  staffCode: string;
  idNumber: string | null;
  fullName: string;
  sex: Sex;
  birthDate: string;
  birthDatePrecision: BirthDatePrecision;
  ethnicityCode: string | null;
  religionCode: string | null;
  staffType: StaffType;
  birthplaceUnitId: number | null;
  birthplacePlaceId: number | null;
  birthplaceText: string | null;
  homeTownUnitId: number | null;
  homeTownPlaceId: number | null;
  homeTownText: string | null;
  phone: string | null;
  email: string | null;
  recruitmentDate: string | null;
  partyAdmissionDate: string | null;
  partyOfficialDate: string | null;
  searchName: string;
  sortKey: string;
  qualificationCode: string | null;
  qualificationMajor: string | null;
  qualificationDate: string | null;
  politicalTheoryCode: string | null;
  politicalTheoryDate: string | null;
  stateManagementCode: string | null;
  stateManagementDate: string | null;
  unitId: number | null;
  titleId: number | null;
  assignmentFrom: string | null;
  tier: ManagementTier | null;
  tierFrom: string | null;
  /**
   * The end of the tier row as stored, [tierFrom, tierValidTo): the day after the file's "Ngày kết thúc diện
   * quản lý" (typed inclusive, the last day held). Null: the tier is still held (an open row).
   */
  tierValidTo: string | null;
  salaryGradeCode: string | null;
  salaryStep: number | null;
  salaryCoefficient: string | null;
  salaryFrom: string | null;
};

const COLUMNS = IMPORT_COLUMNS as readonly Column[];
const COLUMN = new Map<string, Column>(COLUMNS.map((c) => [c.key, c]));
const header = (key: ImportColumnKey) => COLUMN.get(key)!.header;
/** The name column of each coded column that has one (unitCode → unitName). */
const NAME_COLUMN = new Map<ImportColumnKey, ImportColumnKey>(
  COLUMNS.filter((c) => c.nameOf).map((c) => [c.nameOf as ImportColumnKey, c.key]),
);

const LIST_NAMES: Record<CodeListName, string> = {
  professional: "trình độ chuyên môn",
  political_theory: "lý luận chính trị",
  state_management: "quản lý nhà nước",
  language: "ngoại ngữ",
  it: "tin học",
  defence_security: "quốc phòng – an ninh",
  academic_title: "học hàm",
  civil_service_grade: "ngạch lương",
  ethnicity: "dân tộc",
  religion: "tôn giáo",
  management_tier: "diện quản lý",
};

const TEXT_MAX: Partial<Record<ImportColumnKey, number>> = {
  birthplaceText: 300,
  homeTownText: 300,
  qualificationMajor: 200,
};

/** Accepted spellings of the enumerated columns, folded: codes, labels and a few common variants. */
function choices<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  extra: Record<string, T> = {},
) {
  const map = new Map<string, T>();
  for (const v of values) {
    map.set(normalizeHeader(v), v);
    map.set(normalizeHeader(labels[v]), v);
    // Exact spellings too: most cells are written exactly so and skip the folding.
    map.set(v, v);
    map.set(labels[v], v);
  }
  for (const [k, v] of Object.entries(extra)) map.set(normalizeHeader(k), v);
  return map;
}
const SEX_CHOICES = choices(SEXES, SEX_LABELS);
const STAFF_TYPE_CHOICES = choices(STAFF_TYPES, STAFF_TYPE_LABELS, {
  "CBCC cấp xã": "cadre",
  VC: "public_employee",
  CC: "civil_servant",
  HĐ: "contract",
  "Lao động hợp đồng": "contract",
});
const TIER_CHOICES = choices(MANAGEMENT_TIERS, TIER_LABELS, {
  "Trung ương quản lý": "central",
  "Ban Thường vụ Thành ủy": "city_standing",
  "Thành ủy quản lý": "city_standing",
  "Ban Thường vụ Quận ủy": "district_standing",
  "Ban Thường vụ Huyện ủy": "district_standing",
  "Ban Thường vụ Thị ủy": "district_standing",
  "BTV Huyện ủy": "district_standing",
  "BTV Thị ủy": "district_standing",
  "BTV Quận/Huyện/Thị ủy": "district_standing",
  "Đảng ủy sở, ngành": "department_committee",
  "Cơ sở quản lý": "grassroots",
  ...Object.fromEntries(TIER_NAMES),
});

// Control characters cannot be stored in text columns and have no place in a record.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const DECIMAL = /^\d{1,2}([.,]\d{1,2})?$/;

const DATE_PROBLEM_TEXT: Record<string, string> = {
  "birthDate:in_future": "Ngày sinh ở tương lai",
  "birthDate:too_early": "Ngày sinh trước năm 1900",
  "recruitmentDate:before_birth": "Ngày tuyển dụng trước ngày sinh",
  "recruitmentDate:under_working_age": "Ngày tuyển dụng khi chưa đủ 15 tuổi",
  "recruitmentDate:in_future": "Ngày tuyển dụng ở tương lai",
  "partyAdmissionDate:under_party_age": "Ngày vào Đảng khi chưa đủ 18 tuổi",
  "partyAdmissionDate:in_future": "Ngày vào Đảng ở tương lai",
  "partyOfficialDate:before_admission": "Ngày chính thức vào Đảng phải sau ngày vào Đảng",
};

const ID_PROBLEM_TEXT: Record<string, string> = {
  format: "Số định danh cá nhân phải gồm đúng 12 chữ số",
  century: "Chữ số thứ 4 của số định danh không khớp thế kỷ của năm sinh",
  sex: "Chữ số thứ 4 của số định danh không khớp giới tính",
  birth_year: "Chữ số thứ 5–6 của số định danh không khớp năm sinh",
};

/** Characters of a bad cell shown back in the report: enough to find it, not a copy of a huge cell. */
export const ECHOED_CELL_CHARS = 100;

function echoed(value: string | null): string | null {
  return value !== null && value.length > ECHOED_CELL_CHARS ? `${value.slice(0, ECHOED_CELL_CHARS)}…` : value;
}

/** Cell text: trimmed, "" for empty; numbers as written (integers without a decimal part). */
export function textOf(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return unprotectCell(cell.replace(CONTROL, "").trim());
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return cell.toISOString().slice(0, 10);
}

/** A date cell: Excel day number, Date, or text dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd. */
export function dateOf(cell: RawCell | undefined, date1904 = false): string | undefined {
  if (typeof cell === "number") return excelSerialToIso(cell, date1904);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  const text = textOf(cell)
    .replace(/^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)$/, "$1")
    .replace(/^(\d{1,2})[-.](\d{1,2})[-.](\d{4})$/, "$1/$2/$3");
  return parseDate(text);
}

/**
 * A birth date cell: a full date as dateOf reads it, or only the month and year ("03/1975") or the year
 * ("1975", also as a number cell) when that is all that is known (Decree 135/2020 art. 3: stored as the
 * first day, the precision kept). Undefined when it is none of these.
 */
export function birthDateOf(cell: RawCell | undefined, date1904 = false): BirthDate | undefined {
  // A year typed into a cell Excel formats as a number: 1975 is the year, not day 1975 of 1900.
  if (typeof cell === "number" && Number.isInteger(cell) && cell >= DATE_YEAR_MIN && cell <= DATE_YEAR_MAX)
    return parseBirthDate(String(cell));
  if (typeof cell === "number" || cell instanceof Date) {
    const d = dateOf(cell, date1904);
    return d === undefined ? undefined : { date: d, precision: "day" };
  }
  const d = dateOf(cell, date1904);
  return d !== undefined ? { date: d, precision: "day" } : parseBirthDate(textOf(cell));
}

/** Where a unit code points on a date. */
function unitOn(periods: readonly UnitPeriod[] | undefined, d: string): UnitPeriod | undefined {
  return periods?.find((p) => p.validFrom <= d && (p.validTo === null || d < p.validTo));
}

function inPeriods(periods: readonly Period[] | undefined, d: string): boolean {
  return periods?.some((p) => p.validFrom <= d && (p.validTo === null || d < p.validTo)) ?? false;
}

export type RowResult = { row?: ParsedRow; errors: ImportRowError[] };

/**
 * The row checker of one import. It remembers the staff codes and ID numbers seen, so that a value used
 * twice in the file is reported on the later row with the number of the first.
 */
export function createRowValidator(refs: References, layout: Layout, today: string) {
  const seenStaffCodes = new Map<string, number>();
  const seenIdNumbers = new Map<string, number>();
  // Names repeat a great deal in a large file: fold and sort-key each distinct name once.
  const nameKeys = new Map<string, { searchName: string; sortKey: string }>();
  const keysOf = (fullName: string) => {
    let keys = nameKeys.get(fullName);
    if (!keys) {
      keys = { searchName: foldVietnamese(fullName), sortKey: vietnameseSortKey(fullName) };
      if (nameKeys.size < 500_000) nameKeys.set(fullName, keys);
    }
    return keys;
  };

  // Numbers typed into a code column lose their leading zeros in Excel ("01" → 1): match them loosely.
  const loose = <V>(map: ReadonlyMap<string, V>) => {
    const out = new Map<string, string>();
    for (const code of map.keys()) {
      if (/^\d+$/.test(code)) {
        const k = code.replace(/^0+(?=\d)/, "");
        out.set(k, out.has(k) ? "" : code); // "" marks an ambiguous short form
      }
    }
    return out;
  };
  const looseUnits = loose(refs.unitsByCode);
  const looseCodes = new Map<CodeListName, Map<string, string>>(
    [...refs.codes].map(([list, codes]) => [list, loose(codes)]),
  );

  return function validate(sheetRow: SheetRow): RowResult {
    const { rowNo, cells, date1904 } = sheetRow;
    const errors: ImportRowError[] = [];
    const raw = new Map<ImportColumnKey, RawCell>();
    layout.byIndex.forEach((column, i) => {
      if (column) raw.set(column.key, cells[i] ?? null);
    });
    const fail = (key: ImportColumnKey | null, message: string, value?: string) =>
      errors.push({
        row: rowNo,
        column: key,
        header: key ? header(key) : null,
        value: echoed(value ?? (key ? textOf(raw.get(key)) || null : null)),
        message,
      });
    const has = (key: ImportColumnKey) => textOf(raw.get(key)) !== "";
    const text = (key: ImportColumnKey): string | null => {
      const t = textOf(raw.get(key));
      if (t === "") return null;
      const max = TEXT_MAX[key];
      if (max !== undefined && t.length > max) {
        fail(key, `${header(key)} tối đa ${max} ký tự`);
        return null;
      }
      return t;
    };
    const date = (key: ImportColumnKey): string | null => {
      if (!has(key)) return null;
      const d = dateOf(raw.get(key), date1904);
      if (d === undefined) fail(key, `${header(key)} không hợp lệ (dùng dd/mm/yyyy hoặc yyyy-mm-dd)`);
      return d ?? null;
    };
    /**
     * A coded field written by code, or by name: in its code column when the text is no code, or in its name
     * column when the code column is empty. The name must match one entry in force on `date`.
     */
    const byName = <V>(
      key: ImportColumnKey,
      names: ReadonlyMap<string, readonly NamedCode<V>[]> | undefined,
      date: string,
      what: string,
    ): { value: V; code: string } | null | undefined => {
      const nameKeyOf = NAME_COLUMN.get(key);
      const inCode = textOf(raw.get(key));
      const t = inCode !== "" ? inCode : nameKeyOf ? textOf(raw.get(nameKeyOf)) : "";
      if (t === "") return undefined;
      const column = inCode !== "" ? key : nameKeyOf!;
      const pick: NamePick<V> = names ? pickByName(names, t, date) : { kind: "none" };
      if (pick.kind === "found") return pick;
      if (pick.kind === "ambiguous") {
        fail(
          column,
          `Tên “${t}” ứng với nhiều ${what} vào ngày ${formatDmy(date)}: ${candidatesText(pick.candidates)} — hãy ghi mã`,
          t,
        );
        return null;
      }
      if (inCode === "") fail(column, `Không có ${what} tên “${t}” vào ngày ${formatDmy(date)}`, t);
      return null;
    };
    const code = (key: ImportColumnKey, list: CodeListName, date: string = today): string | null => {
      const cell = raw.get(key);
      const t = textOf(cell);
      if (t === "") {
        const named = byName(key, refs.names.codes.get(list), date, `mục trong danh mục ${LIST_NAMES[list]}`);
        return named?.value ?? null;
      }
      const codes = refs.codes.get(list);
      let found = codes?.has(t) ? t : undefined;
      if (found === undefined && typeof cell === "number") found = looseCodes.get(list)?.get(t) || undefined;
      if (found === undefined) {
        const before = errors.length;
        const named = byName(key, refs.names.codes.get(list), date, `mục trong danh mục ${LIST_NAMES[list]}`);
        if (named) return named.value;
        if (errors.length === before) fail(key, `Mã “${t}” không có trong danh mục ${LIST_NAMES[list]}`);
        return null;
      }
      if (codes?.get(found) === false) {
        fail(key, `Mã “${t}” đã ngừng sử dụng trong danh mục ${LIST_NAMES[list]}`);
        return null;
      }
      return found;
    };
    const unitPeriods = (key: ImportColumnKey): readonly UnitPeriod[] | null => {
      const cell = raw.get(key);
      const t = textOf(cell);
      if (t === "") return null;
      let periods = refs.unitsByCode.get(t);
      if (!periods && typeof cell === "number") {
        const full = looseUnits.get(t);
        if (full) periods = refs.unitsByCode.get(full);
      }
      if (!periods) {
        fail(key, `Không có đơn vị mã “${t}”`);
        return null;
      }
      return periods;
    };
    const choice = <T extends string>(
      key: ImportColumnKey,
      map: Map<string, T>,
      message: string,
    ): T | null => {
      const t = textOf(raw.get(key));
      if (t === "") return null;
      const v = map.get(normalizeHeader(t));
      if (v === undefined) fail(key, message);
      return v ?? null;
    };

    // ---- the person ----
    for (const c of COLUMNS) if (c.required && !has(c.key)) fail(c.key, `Thiếu ${c.header}`);

    let staffCode = textOf(raw.get("staffCode"));
    if (staffCode !== "" && !STAFF_CODE_PATTERN.test(staffCode)) {
      fail("staffCode", STAFF_CODE_MESSAGE);
      staffCode = "";
    }
    const fullName = textOf(raw.get("fullName")).replace(/\s+/g, " ");
    if (fullName !== "" && !FULL_NAME_PATTERN.test(fullName)) {
      fail("fullName", FULL_NAME_MESSAGE);
    }
    const sex = choice("sex", SEX_CHOICES, "Giới tính phải là Nam hoặc Nữ");
    const birth = has("birthDate") ? birthDateOf(raw.get("birthDate"), date1904) : null;
    if (has("birthDate") && birth === undefined)
      fail(
        "birthDate",
        `${header("birthDate")} không hợp lệ (dùng dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)`,
      );
    const birthDate = birth?.date ?? null;
    const staffType = choice(
      "staffType",
      STAFF_TYPE_CHOICES,
      "Loại cán bộ phải là Cán bộ, Công chức, Viên chức hoặc Hợp đồng",
    );

    let idNumber: string | null = null;
    const idCell = raw.get("idNumber");
    if (has("idNumber")) {
      // A number cell has lost the leading zeros of the province code (001… for Hà Nội).
      idNumber =
        typeof idCell === "number" && Number.isInteger(idCell) && idCell >= 0 && idCell < 1e12
          ? String(idCell).padStart(12, "0")
          : textOf(idCell);
      if (!/^[0-9]{12}$/.test(idNumber)) {
        fail("idNumber", ID_PROBLEM_TEXT.format!, idNumber);
        idNumber = null;
      } else if (sex && birthDate) {
        for (const p of idNumberProblems(idNumber, sex, birthDate))
          fail("idNumber", ID_PROBLEM_TEXT[p] ?? p, idNumber);
      }
    }
    const ethnicityCode = code("ethnicityCode", "ethnicity");
    const religionCode = code("religionCode", "religion");

    // A place is named by its code in one official list: the column says which (docs/import-format.md).
    const placeIn = (key: ImportColumnKey): number | null => {
      const cell = raw.get(key);
      let t = textOf(cell);
      if (t === "") return null;
      const column = COLUMNS.find((c) => c.key === key)!;
      // A number cell has lost the leading zeros of the code (00004 → 4): communes have 5 digits,
      // districts 3, provinces 2.
      if (typeof cell === "number" && /^\d+$/.test(t))
        t = t.padStart(t.length <= 2 ? 2 : t.length <= 3 ? 3 : 5, "0");
      const id = refs.placeIds.get(`${column.edition}:${t}`);
      if (id === undefined) fail(key, `Không có địa danh mã “${t}” trong danh mục ${column.edition}`);
      return id ?? null;
    };
    const placePair = (current: ImportColumnKey, old: ImportColumnKey): number | null => {
      const fromCurrent = placeIn(current);
      const fromOld = placeIn(old);
      if (fromCurrent !== null && fromOld !== null)
        fail(old, `Chỉ ghi một trong hai cột “${header(current)}” và “${header(old)}”`);
      return fromCurrent ?? fromOld;
    };
    const birthplacePlaceId = placePair("birthplacePlaceCode", "birthplacePlaceCodeOld");
    const homeTownPlaceId = placePair("homeTownPlaceCode", "homeTownPlaceCodeOld");
    const birthplacePeriods = unitPeriods("birthplaceUnitCode");
    const homeTownPeriods = unitPeriods("homeTownUnitCode");
    // A place of birth or home town is named by its code then, or now, or its latest holder.
    const place = (periods: readonly UnitPeriod[] | null) => {
      if (!periods) return null;
      const hit =
        (birthDate ? unitOn(periods, birthDate) : undefined) ??
        unitOn(periods, today) ??
        [...periods].sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
      return hit?.id ?? null;
    };

    let phone = text("phone");
    const phoneCell = raw.get("phone");
    if (typeof phoneCell === "number" && phone !== null && /^[1-9]\d{8}$/.test(phone)) phone = `0${phone}`;
    if (phone !== null && !PHONE_PATTERN.test(phone)) fail("phone", PHONE_MESSAGE);
    const email = text("email");
    if (email !== null && (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email)))
      fail("email", EMAIL_MESSAGE);

    const recruitmentDate = date("recruitmentDate");
    const partyAdmissionDate = date("partyAdmissionDate");
    const partyOfficialDate = date("partyOfficialDate");
    if (birthDate) {
      const problems = checkPersonDates(
        { birthDate, recruitmentDate, partyAdmissionDate, partyOfficialDate },
        today,
      );
      for (const p of problems) {
        // Official membership without an admission date may be completed by the stored record: SQL checks it.
        if (p.field === "partyOfficialDate" && p.problem === "without_admission") continue;
        const key = p.field as ImportColumnKey;
        fail(key, DATE_PROBLEM_TEXT[`${p.field}:${p.problem}`] ?? describeProblem(p));
      }
    }

    // ---- groups: one dated history row each ----
    // A coded column is filled when its code or its name is written.
    const filled = (key: ImportColumnKey) => has(key) || (NAME_COLUMN.has(key) && has(NAME_COLUMN.get(key)!));
    const group = (keys: readonly ImportColumnKey[], requiredKeys: readonly ImportColumnKey[]) => {
      const all = keys.flatMap((k) => (NAME_COLUMN.has(k) ? [k, NAME_COLUMN.get(k)!] : [k]));
      const used = all.some(has);
      if (!used) return false;
      const named = all.filter(has).map(header);
      for (const k of requiredKeys) {
        if (!filled(k)) fail(k, `Thiếu ${header(k)} (cần khi đã ghi ${named.join(", ")})`);
      }
      return requiredKeys.every(filled);
    };
    const afterBirth = (key: ImportColumnKey, d: string | null) => {
      if (d !== null && birthDate && d <= birthDate)
        fail(key, `${header(key)} phải sau ngày sinh (${formatDmy(birthDate)})`);
    };

    let qualificationCode: string | null = null;
    let qualificationDate: string | null = null;
    let qualificationMajor: string | null = null;
    if (
      group(
        ["qualificationCode", "qualificationMajor", "qualificationDate"],
        ["qualificationCode", "qualificationDate"],
      )
    ) {
      qualificationDate = date("qualificationDate");
      qualificationCode = code("qualificationCode", "professional", qualificationDate ?? today);
      qualificationMajor = text("qualificationMajor");
      afterBirth("qualificationDate", qualificationDate);
    }
    let politicalTheoryCode: string | null = null;
    let politicalTheoryDate: string | null = null;
    if (
      group(["politicalTheoryCode", "politicalTheoryDate"], ["politicalTheoryCode", "politicalTheoryDate"])
    ) {
      politicalTheoryDate = date("politicalTheoryDate");
      politicalTheoryCode = code("politicalTheoryCode", "political_theory", politicalTheoryDate ?? today);
      afterBirth("politicalTheoryDate", politicalTheoryDate);
    }
    let stateManagementCode: string | null = null;
    let stateManagementDate: string | null = null;
    if (
      group(["stateManagementCode", "stateManagementDate"], ["stateManagementCode", "stateManagementDate"])
    ) {
      stateManagementDate = date("stateManagementDate");
      stateManagementCode = code("stateManagementCode", "state_management", stateManagementDate ?? today);
      afterBirth("stateManagementDate", stateManagementDate);
    }

    let unitId: number | null = null;
    let titleId: number | null = null;
    let assignmentFrom: string | null = null;
    if (group(["unitCode", "titleCode", "assignmentFrom"], ["unitCode", "titleCode", "assignmentFrom"])) {
      assignmentFrom = date("assignmentFrom");
      afterBirth("assignmentFrom", assignmentFrom);
      const unitText = textOf(raw.get("unitCode"));
      const checkUnit = (unit: { id: number } | undefined, label: string, from: string) => {
        if (!unit) {
          fail("unitCode", `Đơn vị ${label} không hoạt động vào ngày ${formatDmy(from)}`);
        } else if (refs.scope !== "all" && !inPeriods(refs.scope.get(unit.id), from)) {
          fail(unitText ? "unitCode" : "unitName", `Đơn vị ${label} ngoài phạm vi quản lý của bạn`);
        } else unitId = unit.id;
      };
      if (unitText === "" && assignmentFrom) {
        // Written by name: the unit of that name on the first day of the post.
        const named = byName("unitCode", refs.names.units, assignmentFrom, "đơn vị");
        if (named)
          checkUnit(
            { id: named.value },
            `“${textOf(raw.get("unitName"))}” (mã ${named.code})`,
            assignmentFrom,
          );
      } else if (unitText !== "") {
        const cell = raw.get("unitCode");
        const byCode =
          refs.unitsByCode.get(unitText) ??
          (typeof cell === "number" ? refs.unitsByCode.get(looseUnits.get(unitText) || "") : undefined);
        if (byCode) {
          if (assignmentFrom) checkUnit(unitOn(byCode, assignmentFrom), `mã “${unitText}”`, assignmentFrom);
        } else if (assignmentFrom) {
          const before = errors.length;
          const named = byName("unitCode", refs.names.units, assignmentFrom, "đơn vị");
          if (named) checkUnit({ id: named.value }, `“${unitText}” (mã ${named.code})`, assignmentFrom);
          else if (errors.length === before) fail("unitCode", `Không có đơn vị mã “${unitText}”`);
        } else fail("unitCode", `Không có đơn vị mã “${unitText}”`);
      }
      const titleText = textOf(raw.get("titleCode"));
      titleId = titleText !== "" ? (refs.titleIds.get(titleText) ?? null) : null;
      if (titleId === null) {
        const before = errors.length;
        const named = byName("titleCode", refs.names.titles, assignmentFrom ?? today, "chức danh");
        if (named) titleId = named.value;
        else if (errors.length === before && titleText !== "")
          fail("titleCode", `Không có chức danh mã “${titleText}”`);
      }
    }

    let tier: ManagementTier | null = null;
    let tierFrom: string | null = null;
    let tierValidTo: string | null = null;
    if (group(["tier", "tierFrom", "tierTo"], ["tier", "tierFrom"])) {
      tier = choice(
        "tier",
        TIER_CHOICES,
        `Diện quản lý phải là một trong: ${MANAGEMENT_TIERS.map((t) => TIER_LABELS[t]).join(", ")} (hoặc tên trong danh mục diện quản lý, hoặc mã)`,
      );
      tierFrom = date("tierFrom");
      afterBirth("tierFrom", tierFrom);
      // The last day held, typed inclusive (DOMAIN §9); a one-day period ends on its first day.
      const tierTo = date("tierTo");
      if (tierTo !== null && tierFrom !== null && tierTo < tierFrom)
        fail(
          "tierTo",
          `${header("tierTo")} phải từ ngày bắt đầu diện quản lý (${formatDmy(tierFrom)}) trở đi`,
        );
      else if (tierTo !== null) tierValidTo = addDays(tierTo, 1);
    }

    let salaryGradeCode: string | null = null;
    let salaryStep: number | null = null;
    let salaryCoefficient: string | null = null;
    let salaryFrom: string | null = null;
    if (
      group(
        ["salaryGradeCode", "salaryStep", "salaryCoefficient", "salaryFrom"],
        ["salaryGradeCode", "salaryStep", "salaryFrom"],
      )
    ) {
      const salaryFromCell = has("salaryFrom") ? (dateOf(raw.get("salaryFrom"), date1904) ?? today) : today;
      salaryGradeCode = code("salaryGradeCode", "civil_service_grade", salaryFromCell);
      const step = textOf(raw.get("salaryStep"));
      if (/^\d{1,2}$/.test(step) && Number(step) >= 1 && Number(step) <= 20) salaryStep = Number(step);
      else fail("salaryStep", "Bậc lương phải là số nguyên từ 1 đến 20");
      const cell = raw.get("salaryCoefficient");
      if (has("salaryCoefficient")) {
        const value = typeof cell === "number" ? cell.toFixed(2) : textOf(cell);
        if (DECIMAL.test(value)) salaryCoefficient = Number(value.replace(",", ".")).toFixed(2);
        else fail("salaryCoefficient", "Hệ số lương phải là số từ 0 đến 99,99 (tối đa 2 chữ số thập phân)");
      }
      salaryFrom = date("salaryFrom");
      afterBirth("salaryFrom", salaryFrom);
    }

    // ---- the same person twice in the file ----
    if (staffCode !== "") {
      const first = seenStaffCodes.get(staffCode);
      if (first !== undefined) fail("staffCode", `Số hiệu cán bộ trùng với dòng ${first}`);
      else seenStaffCodes.set(staffCode, rowNo);
    }
    if (idNumber !== null) {
      const first = seenIdNumbers.get(idNumber);
      if (first !== undefined) fail("idNumber", `Số định danh cá nhân trùng với dòng ${first}`, idNumber);
      else seenIdNumbers.set(idNumber, rowNo);
    }

    const birthplaceText = text("birthplaceText");
    const homeTownText = text("homeTownText");
    if (errors.length) return { errors };
    return {
      errors,
      row: {
        rowNo,
        staffCode,
        idNumber,
        fullName,
        sex: sex!,
        birthDate: birthDate!,
        birthDatePrecision: birth!.precision,
        ethnicityCode,
        religionCode,
        staffType: staffType!,
        birthplaceUnitId: place(birthplacePeriods),
        birthplacePlaceId,
        birthplaceText,
        homeTownUnitId: place(homeTownPeriods),
        homeTownPlaceId,
        homeTownText,
        phone,
        email,
        recruitmentDate,
        partyAdmissionDate,
        partyOfficialDate,
        ...keysOf(fullName),
        qualificationCode,
        qualificationMajor,
        qualificationDate,
        politicalTheoryCode,
        politicalTheoryDate,
        stateManagementCode,
        stateManagementDate,
        unitId,
        titleId,
        assignmentFrom,
        tier,
        tierFrom,
        tierValidTo,
        salaryGradeCode,
        salaryStep,
        salaryCoefficient,
        salaryFrom,
      },
    };
  };
}

function describeProblem(p: DateProblem): string {
  return `${COLUMN.get(p.field)?.header ?? p.field}: ${p.problem}`;
}

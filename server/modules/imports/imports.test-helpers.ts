import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { IMPORT_COLUMNS, type ImportColumnKey } from "../../../common/contracts/imports.ts";
import type { Role } from "../../../common/enums/auth.ts";
import { type Actor, permissionsFor } from "../../lib/actor.ts";
import { rowCounts } from "../../test/factories.ts";
import type { TestApp } from "../../test/harness.ts";
import { idNumberFor, TEST_ORG_UNITS } from "../cadres/cadres.test-helpers.ts";
import { csvLine } from "./csv.ts";

/**
 * Factories for import tests: an organisation whose units carry official codes, rows of the template
 * built from a few overrides, and files written as xlsx or csv into a temporary folder.
 */

export type Org = Record<"city" | "A" | "A1" | "A2" | "B" | "B1" | "C1", number>;

/** City 01 → district 001 (wards 00001, 00004) and district 017 (commune 00500); ward 00777 opens 2025-07-01. */
export async function buildOrg(t: TestApp): Promise<Org> {
  const ids = await t.services.units.createMany(t.system, [
    ...TEST_ORG_UNITS,
    {
      key: "C1",
      parentKey: "A",
      name: "Phường Ba Đình mới",
      kind: "ward",
      code: "00777",
      validFrom: "2025-07-01",
    },
  ]);
  const id = (k: keyof Org) => ids.get(k)!;
  return { city: id("city"), A: id("A"), A1: id("A1"), A2: id("A2"), B: id("B"), B1: id("B1"), C1: id("C1") };
}

/** An actor for service calls, as a signed-in user would be. */
export function userActor(input: {
  userId: number;
  roles: Role[];
  scope?: number[];
  extra?: string[];
}): Actor {
  return {
    kind: "user",
    userId: input.userId,
    username: `user${input.userId}`,
    roles: input.roles,
    permissions: permissionsFor(input.roles, input.extra ?? []),
    scope: input.scope ?? (input.roles.includes("admin") ? "all" : []),
  };
}

export { idNumberFor };

export type RowValues = Partial<Record<ImportColumnKey, string | number | Date | null>>;

/** A good row for person number i (dd/mm/yyyy dates, Vietnamese labels), with overrides. */
export function personRow(i: number, overrides: RowValues = {}): RowValues {
  const female = i % 3 === 0;
  const year = 1965 + (i % 35);
  const birth = `${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
  const dmy = (iso: string) => iso.split("-").reverse().join("/");
  return {
    staffCode: `IMP${String(i).padStart(6, "0")}`,
    fullName: `${female ? "Trần Thị" : "Nguyễn Văn"} Người ${"ABCDEGHIKLMN"[i % 12]}${"ouaei"[i % 5]}`,
    sex: female ? "Nữ" : "Nam",
    birthDate: dmy(birth),
    idNumber: idNumberFor(female ? "female" : "male", birth, i),
    ethnicityCode: "01",
    religionCode: "00",
    staffType: "Công chức",
    birthplaceText: "Hà Nội",
    homeTownUnitCode: "017",
    phone: "0912345678",
    email: `nguoi${i}@hanoi.gov.vn`,
    recruitmentDate: dmy(`${year + 23}-09-01`),
    qualificationCode: "university",
    qualificationMajor: "Luật",
    qualificationDate: dmy(`${year + 22}-06-30`),
    politicalTheoryCode: "intermediate",
    politicalTheoryDate: dmy(`${year + 27}-01-15`),
    unitCode: i % 2 === 0 ? "00001" : "00004",
    titleCode: "expert",
    assignmentFrom: "01/01/2020",
    tier: "Cơ sở",
    tierFrom: "01/01/2020",
    salaryGradeCode: "01.003",
    salaryStep: "3",
    salaryCoefficient: "3,00",
    salaryFrom: "01/01/2021",
    ...overrides,
  };
}

export const ALL_KEYS = IMPORT_COLUMNS.map((c) => c.key) as ImportColumnKey[];
const HEADER = new Map(IMPORT_COLUMNS.map((c) => [c.key as string, c.header]));

/** Header cells: Vietnamese headers (default) or the keys. */
export function headerOf(keys: readonly ImportColumnKey[], style: "vi" | "key" = "vi"): string[] {
  return keys.map((k) => (style === "vi" ? HEADER.get(k)! : k));
}

/** A temporary folder for one test file's spreadsheets. */
export function tempDir(): { file(name: string): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-import-test-"));
  return {
    file: (name) => path.join(dir, name),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes a workbook: header row then rows, each row's values in the keys' order. */
export async function writeXlsx(
  file: string,
  rows: readonly RowValues[],
  options: { keys?: readonly ImportColumnKey[]; header?: readonly string[] } = {},
): Promise<string> {
  const keys = options.keys ?? ALL_KEYS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Cán bộ");
  sheet.addRow([...(options.header ?? headerOf(keys))]);
  for (const r of rows) sheet.addRow(keys.map((k) => r[k] ?? null));
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Writes a CSV file (UTF-8 with BOM unless told otherwise). */
export function writeCsv(
  file: string,
  rows: readonly RowValues[],
  options: {
    keys?: readonly ImportColumnKey[];
    header?: readonly string[];
    delimiter?: "," | ";";
    bom?: boolean;
  } = {},
): string {
  const keys = options.keys ?? ALL_KEYS;
  const d = options.delimiter ?? ",";
  let text = options.bom === false ? "" : "\uFEFF";
  text += csvLine(options.header ?? headerOf(keys), d);
  for (const r of rows)
    text += csvLine(
      keys.map((k) => (r[k] == null ? "" : String(r[k]))),
      d,
    );
  fs.writeFileSync(file, text);
  return file;
}

/** Every table an import may touch. */
export const IMPORT_TABLES = [
  "cadres",
  "cadre_assignments",
  "cadre_tiers",
  "cadre_qualifications",
  "cadre_salaries",
  "audit_log",
] as const;

/** Row counts of the import's tables and the audit trail. */
export async function countRows(t: TestApp): Promise<Record<(typeof IMPORT_TABLES)[number], number>> {
  return (await rowCounts(t.database, IMPORT_TABLES)) as Record<(typeof IMPORT_TABLES)[number], number>;
}

/** Reads the first sheet of a workbook into rows of text. */
export async function readXlsx(file: string, sheetName?: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = sheetName ? workbook.getWorksheet(sheetName)! : workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v)));
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

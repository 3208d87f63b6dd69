import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { MIGRATIONS_DIR, runMigrations } from "../../db/migrate.ts";
import { readTsv } from "../../seed/reference.ts";
import { openTestDatabase } from "../../test/harness.ts";
import { verifyChain } from "../audit/index.ts";

/**
 * The migration that corrects the shipped code lists (DOMAIN §9): a database is migrated up to the one
 * before it, given people holding every religion code of the old list (and values an admin added or
 * renamed), teachers' salary rows and a staged import; then the correction runs. Every stored value must
 * name the same religion, grade or ethnicity after as before.
 */

const CORRECTION = "_dated_code_lists";

/** The same religion under its old (shipped) name and its name in the statistics office's list. */
const SAME_RELIGION: Record<string, string> = {
  Không: "Không",
  "Phật giáo": "Phật giáo",
  "Công giáo": "Công giáo",
  "Tin lành": "Tin Lành",
  "Cao Đài": "Cao Đài",
  "Phật giáo Hòa Hảo": "Phật giáo Hòa Hảo",
  "Hồi giáo": "Hồi giáo",
  "Baha'i": "Đạo Baha'i",
  "Tịnh độ Cư sĩ Phật hội Việt Nam": "Tịnh độ Cư sĩ Phật hội Việt Nam",
  "Cơ đốc Phục lâm": "Cơ đốc Phục lâm",
  "Phật giáo Tứ Ân Hiếu Nghĩa": "Đạo Tứ Ấn Hiếu Nghĩa",
  "Minh Sư đạo": "Minh Sư đạo",
  "Minh Lý đạo - Tam Tông Miếu": "Minh Lý đạo",
  "Bửu Sơn Kỳ Hương": "Bửu Sơn Kỳ Hương",
  "Bà-la-môn": "Bà-la-môn",
  "Các Thánh hữu Ngày sau của Chúa Giê-su Ky-tô (Mormon)":
    "Mặc Môn (Giáo hội Các Thánh hữu Ngày sau của Chúa Giê-su Ky-tô)",
  // Added by an admin, at a code the official list does not use.
  "Phật giáo Hiếu Nghĩa Tà Lơn": "Phật giáo Hiếu Nghĩa Tà Lơn",
  // An admin's renaming of a shipped entry the correction cannot recognise: its meaning is kept.
  "Cơ đốc Phục lâm Việt Nam (sửa tay)": "Cơ đốc Phục lâm Việt Nam (sửa tay)",
};

/** A copy of the migrations folder whose journal ends before the correction. */
function migrationsBeforeCorrection(): string {
  const dir = mkdtempSync(join(tmpdir(), "canbo-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(CORRECTION));
  if (at < 0) throw new Error(`no migration *${CORRECTION} in the journal`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

type Holder = { staffCode: string; code: string; name: string };

let database: Database;
const religionBefore: Holder[] = [];
const ethnicityBefore: Holder[] = [];
const gradesBefore: { id: number; code: string; name: string }[] = [];
let versionsBefore: Map<string, number>;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await database.owner.db.execute(query)).rows as T[];
}

const religionsOfPeople = () =>
  rows<Holder>(sql`
    SELECT c.staff_code AS "staffCode", c.religion_code AS code, l.name
    FROM cadres c LEFT JOIN code_lists l ON l.list = 'religion' AND l.code = c.religion_code
    WHERE c.religion_code IS NOT NULL ORDER BY c.staff_code`);

beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
  const before = migrationsBeforeCorrection();
  try {
    await migrate(database.owner.db, { migrationsFolder: before });
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
  const db = database.owner.db;
  // What an admin may have done to the list through the API before the correction.
  await db.execute(sql`INSERT INTO code_lists (list, code, name, rank)
    VALUES ('religion', '16', 'Phật giáo Hiếu Nghĩa Tà Lơn', 16)`);
  await db.execute(sql`UPDATE code_lists SET name = 'Cơ đốc Phục lâm Việt Nam (sửa tay)'
    WHERE list = 'religion' AND code = '09'`);
  const religionCodes = await rows<{ code: string }>(
    sql`SELECT code FROM code_lists WHERE list = 'religion' ORDER BY code`,
  );
  expect(religionCodes.length).toBe(17); // 00–15 as shipped, and the admin's 16
  // One person per religion code, two for 03 (Tin lành), and people of the Tà-ôi and Kinh ethnicities.
  const people = [
    ...religionCodes.map((r) => ({ religion: r.code, ethnicity: "01" })),
    { religion: "03", ethnicity: "31" },
  ];
  for (const [i, p] of people.entries()) {
    const staffCode = `M${String(i).padStart(3, "0")}`;
    await db.execute(sql`
      INSERT INTO cadres (staff_code, full_name, sex, birth_date, staff_type, religion_code, ethnicity_code,
                          search_name, sort_key)
      VALUES (${staffCode}, ${`Người ${i}`}, 'female', '1980-01-01', 'civil_servant', ${p.religion},
              ${p.ethnicity}, ${`nguoi ${i}`}, ${`nguoi ${i}`})`);
  }
  // Teachers' salary rows under the primary-school codes the grade list shipped.
  const [teacher] = await rows<{ id: number }>(sql`SELECT id FROM cadres WHERE staff_code = 'M000'`);
  await db.execute(sql`
    INSERT INTO cadre_salaries (cadre_id, grade_code, step, coefficient, valid_from, valid_to) VALUES
      (${teacher!.id}, 'V.07.03.08', 3, 4.68, '2015-01-01', '2022-01-01'),
      (${teacher!.id}, 'V.07.03.07', 1, 4.40, '2022-01-01', NULL)`);
  // An import staged before the upgrade and applied after it.
  await db.execute(sql`INSERT INTO import_input (row_no, staff_code, religion_code, grade_code)
    VALUES (1, 'X1', '03', 'V.07.03.07'), (2, 'X2', '05', NULL)`);

  religionBefore.push(...(await religionsOfPeople()));
  ethnicityBefore.push(
    ...(await rows<Holder>(sql`
      SELECT c.staff_code AS "staffCode", c.ethnicity_code AS code, l.name
      FROM cadres c JOIN code_lists l ON l.list = 'ethnicity' AND l.code = c.ethnicity_code ORDER BY 1`)),
  );
  gradesBefore.push(
    ...(await rows<{ id: number; code: string; name: string }>(sql`
      SELECT s.id, s.grade_code AS code, l.name FROM cadre_salaries s
      JOIN code_lists l ON l.list = 'civil_service_grade' AND l.code = s.grade_code ORDER BY s.id`)),
  );
  versionsBefore = new Map(
    (
      await rows<{ staffCode: string; version: number }>(
        sql`SELECT staff_code AS "staffCode", version FROM cadres`,
      )
    ).map((r) => [r.staffCode, r.version]),
  );

  await runMigrations(database);
});
afterAll(async () => database?.close());

describe("the correction of the shipped code lists", () => {
  it("leaves every person with the same religion, now under the statistics office's code", async () => {
    expect(religionBefore.length).toBe(18);
    const after = new Map((await religionsOfPeople()).map((p) => [p.staffCode, p]));
    for (const before of religionBefore) {
      expect(SAME_RELIGION[before.name], `a test case for ${before.name}`).toBeDefined();
      expect(after.get(before.staffCode)?.name, `${before.staffCode}: ${before.code} ${before.name}`).toBe(
        SAME_RELIGION[before.name],
      );
    }
    // Tin lành (03 before) is 08 now, and 03 is Phật giáo Hòa Hảo (05 before).
    const byOldCode = (code: string) =>
      religionBefore.filter((p) => p.code === code).map((p) => after.get(p.staffCode)?.code);
    expect(byOldCode("03")).toEqual(["08", "08"]);
    expect(byOldCode("05")).toEqual(["03"]);
    expect(byOldCode("16")).toEqual(["16"]);
    expect(byOldCode("09")).toEqual(["old-09"]);
  });

  it("ships the religions and ethnicities exactly as the statistics office lists them", async () => {
    const list = async (name: string) =>
      rows<{ code: string; name: string }>(
        sql`SELECT code, name FROM code_lists WHERE list = ${name} ORDER BY code`,
      );
    const religions = await list("religion");
    for (const official of readTsv("religions.tsv")) {
      expect(religions).toContainEqual({ code: official.code, name: official.name });
    }
    expect(religions.find((r) => r.code === "15")?.name).toBe("Cơ đốc Phục lâm");
    expect(await list("ethnicity")).toEqual(
      readTsv("ethnicities.tsv").map((e) => ({ code: e.code, name: e.name })),
    );
  });

  it("keeps the ethnicity of Tà-ôi people, spelt as the official list spells it", async () => {
    const after = await rows<Holder>(sql`
      SELECT c.staff_code AS "staffCode", c.ethnicity_code AS code, l.name
      FROM cadres c JOIN code_lists l ON l.list = 'ethnicity' AND l.code = c.ethnicity_code ORDER BY 1`);
    expect(ethnicityBefore.find((p) => p.code === "31")?.name).toBe("Ta-ôi");
    expect(after.filter((p) => p.code === "31").map((p) => p.name)).toEqual(["Tà-ôi"]);
    expect(after.map((p) => p.code)).toEqual(ethnicityBefore.map((p) => p.code));
  });

  it("moves lower-secondary teachers' grades to the codes of Circular 03/2021, in force from 20/3/2021", async () => {
    const after = await rows<{ id: number; code: string; name: string }>(sql`
      SELECT s.id, s.grade_code AS code, l.name FROM cadre_salaries s
      JOIN code_lists l ON l.list = 'civil_service_grade' AND l.code = s.grade_code ORDER BY s.id`);
    expect(gradesBefore.map((g) => g.name)).toEqual(["Giáo viên THCS hạng II", "Giáo viên THCS hạng I"]);
    expect(after).toEqual([
      { id: gradesBefore[0]!.id, code: "V.07.04.31", name: "Giáo viên THCS hạng II" },
      { id: gradesBefore[1]!.id, code: "V.07.04.30", name: "Giáo viên THCS hạng I" },
    ]);
    const grades = await rows<{ code: string; validFrom: string | null }>(sql`
      SELECT code, valid_from AS "validFrom" FROM code_lists
      WHERE list = 'civil_service_grade' AND code LIKE 'V.07.%' ORDER BY code`);
    expect(grades).toEqual([
      { code: "V.07.04.30", validFrom: "2021-03-20" },
      { code: "V.07.04.31", validFrom: "2021-03-20" },
      { code: "V.07.04.32", validFrom: "2021-03-20" },
    ]);
  });

  it("moves the codes of an import staged before the upgrade with the records", async () => {
    expect(
      await rows(sql`SELECT row_no, religion_code, grade_code FROM import_input ORDER BY row_no`),
    ).toEqual([
      { row_no: 1, religion_code: "08", grade_code: "V.07.04.30" },
      { row_no: 2, religion_code: "03", grade_code: null },
    ]);
  });

  it("keeps the old entries and their new codes, and moves on the version of the records it changed", async () => {
    const corrections = await rows<{ oldCode: string; oldName: string; newCode: string }>(sql`
      SELECT old_code AS "oldCode", old_name AS "oldName", new_code AS "newCode" FROM code_corrections
      WHERE list = 'religion' ORDER BY old_code`);
    expect(corrections).toContainEqual({ oldCode: "03", oldName: "Tin lành", newCode: "08" });
    expect(corrections.map((c) => c.oldCode)).not.toContain("01"); // unchanged entries are not corrections
    const versions = await rows<{ staffCode: string; version: number; religion: string }>(
      sql`SELECT staff_code AS "staffCode", version, religion_code AS religion FROM cadres`,
    );
    for (const v of versions) {
      const moved = !["00", "01", "02", "16"].includes(v.religion);
      expect(v.version, v.staffCode).toBe(versionsBefore.get(v.staffCode)! + (moved ? 1 : 0));
    }
  });

  it("records in the audit trail how many stored values each correction moved, on an intact chain", async () => {
    const audit = await rows<{ entityId: string; after: { code: string; values: number } }>(sql`
      SELECT entity_id AS "entityId", after FROM audit_log WHERE action = 'code.corrected' ORDER BY id`);
    expect(audit).toContainEqual({
      entityId: "religion:03",
      after: { list: "religion", code: "08", values: 3 },
    });
    expect(audit).toContainEqual({
      entityId: "civil_service_grade:V.07.03.07",
      after: { list: "civil_service_grade", code: "V.07.04.30", values: 2 },
    });
    expect(audit.map((a) => a.entityId)).not.toContain("religion:01");
    expect((await verifyChain(database.owner.db)).ok).toBe(true);
  });
});

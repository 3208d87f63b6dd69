// Benchmark: importing N cadre rows from an XLSX file (target: 200,000 rows in under 60 s on PGlite).
// Usage: npx tsx bench/import.ts [N]            (PGlite in a worker thread, fresh data folder)
//        DATABASE_URL=postgres://… npx tsx bench/import.ts [N]   (a fresh database on that server)
// Generates N rows deterministically into an .xlsx in the import template's columns, imports them into a
// fresh database, and prints rows/s, seconds and the ratio to the floor: the same rows sent as one plain
// INSERT … SELECT FROM unnest(…) into a bare table on the same engine. Then imports the file again (it must
// change nothing) and prints that time too.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { IMPORT_COLUMNS, type ImportColumnKey } from "../common/contracts/imports.ts";
import { idNumberSexCenturyDigit } from "../common/rules/cadre-checks.ts";
import { createServices } from "../server/app.ts";
import { type Database, openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { systemActor } from "../server/lib/actor.ts";
import { fixedClock } from "../server/lib/clock.ts";
import { createSheetWriter } from "../server/modules/imports/sheets.ts";
import type { BulkUnit } from "../server/modules/units/index.ts";

const N = Number(process.argv[2] ?? process.env.ROWS ?? 200_000);
const DISTRICTS = 30;
const WARDS = 20;

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
];
const MIDDLE_M = ["Văn", "Hữu", "Đức", "Công", "Quang", "Minh", "Thành", "Xuân"];
const MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương", "Kim"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hằng",
  "Hiếu",
  "Hoa",
  "Hùng",
  "Huy",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Phong",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Tuấn",
  "Việt",
  "Yến",
];
const TITLES = [
  "expert",
  "expert",
  "expert",
  "principal_expert",
  "senior_expert",
  "division_deputy",
  "division_head",
  "staff",
  "teacher",
  "accountant",
];
const TIERS = ["Cơ sở", "Cơ sở", "Cơ sở", "Đảng ủy sở ngành", "BTV Quận ủy"];
const GRADES = ["01.003", "01.003", "01.002", "01.004", "01.001"];
const QUAL = ["university", "university", "university", "master", "college", "doctor"];
const THEORY = ["elementary", "intermediate", "intermediate", "senior"];
const SM = ["expert", "expert", "principal_expert", "assistant"];
const TYPES = ["Công chức", "Công chức", "Viên chức", "Viên chức", "Cán bộ", "Hợp đồng"];

/** A small deterministic generator (mulberry32) so that every run imports the same rows. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const dmy = (y: number, m: number, d: number) => `${pad(d)}/${pad(m)}/${y}`;

/** The district tier ends on 30/6/2025 (DOMAIN §9): its rows carry that end, the others are still held. */
const tierRow = (tier: string, tierFrom: string) => ({
  tier,
  tierFrom,
  tierTo: tier === "BTV Quận ủy" ? "30/06/2025" : "",
});

export function* generateRows(n: number): Generator<Partial<Record<ImportColumnKey, string>>> {
  const rnd = random(20260615);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  for (let i = 1; i <= n; i++) {
    const female = rnd() < 0.45;
    const y = 1966 + Math.floor(rnd() * 30);
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    const district = 1 + (i % DISTRICTS);
    const ward = 1 + (Math.floor(i / DISTRICTS) % WARDS);
    const start = Math.max(y + 23, 2000) + Math.floor(rnd() * 5);
    yield {
      staffCode: `HN${pad(i, 7)}`,
      fullName: `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(GIVEN)}`,
      sex: female ? "Nữ" : "Nam",
      birthDate: dmy(y, m, d),
      idNumber: `0${pad(1 + (i % 96))}${idNumberSexCenturyDigit(female ? "female" : "male", y)}${pad(y % 100)}${pad(i % 1_000_000, 6)}`,
      ethnicityCode: rnd() < 0.9 ? "01" : pick(["02", "03", "06", "07"]),
      religionCode: rnd() < 0.85 ? "00" : pick(["01", "02"]),
      staffType: pick(TYPES),
      birthplaceUnitCode: `D${pad(1 + (i % DISTRICTS), 3)}`,
      birthplacePlaceCode: "",
      birthplacePlaceCodeOld: "",
      homeTownPlaceCode: "",
      homeTownPlaceCodeOld: "",
      birthplaceText: "",
      homeTownUnitCode: `D${pad(1 + ((i * 7) % DISTRICTS), 3)}`,
      homeTownText: "",
      phone: `09${pad(i % 100_000_000, 8)}`,
      email: `cb${i}@hanoi.gov.vn`,
      recruitmentDate: dmy(y + 23, 9, 1),
      partyAdmissionDate: rnd() < 0.6 ? dmy(y + 26, 5, 19) : "",
      partyOfficialDate: "",
      qualificationCode: pick(QUAL),
      qualificationMajor: pick(["Luật", "Kinh tế", "Hành chính công", "Sư phạm", "Y khoa", "Xây dựng"]),
      qualificationDate: dmy(y + 22, 6, 30),
      politicalTheoryCode: pick(THEORY),
      politicalTheoryDate: dmy(y + 28, 1, 15),
      stateManagementCode: pick(SM),
      stateManagementDate: dmy(y + 29, 11, 20),
      unitCode: `D${pad(district, 3)}W${pad(ward)}`,
      titleCode: pick(TITLES),
      assignmentFrom: dmy(start, 1 + (i % 12), 1),
      ...tierRow(pick(TIERS), dmy(start, 1 + (i % 12), 1)),
      salaryGradeCode: pick(GRADES),
      salaryStep: String(1 + Math.floor(rnd() * 8)),
      salaryCoefficient: (2.34 + Math.floor(rnd() * 20) * 0.33).toFixed(2),
      salaryFrom: dmy(2022 + Math.floor(rnd() * 3), 1 + Math.floor(rnd() * 12), 1),
    };
  }
}

export async function writeWorkbook(file: string, n: number) {
  const keys = IMPORT_COLUMNS.map((c) => c.key);
  const writer = createSheetWriter("xlsx", file, { name: "Cán bộ" });
  writer.row(IMPORT_COLUMNS.map((c) => c.header));
  for (const row of generateRows(n)) writer.row(keys.map((k) => row[k] || null));
  await writer.close();
}

/** The city, districts and wards the generated rows are posted to (unit codes D001W01…). */
export function benchUnits(): BulkUnit[] {
  const nodes: BulkUnit[] = [
    { key: "city", name: "Thành phố", kind: "city", code: "01", validFrom: "1990-01-01" },
  ];
  for (let d = 1; d <= DISTRICTS; d++) {
    const dk = `D${pad(d, 3)}`;
    nodes.push({
      key: dk,
      parentKey: "city",
      name: `Quận ${d}`,
      kind: "district",
      code: dk,
      validFrom: "1990-01-01",
    });
    for (let w = 1; w <= WARDS; w++) {
      nodes.push({
        key: `${dk}W${pad(w)}`,
        parentKey: dk,
        name: `Phường ${w} quận ${d}`,
        kind: "ward",
        code: `${dk}W${pad(w)}`,
        validFrom: "1990-01-01",
      });
    }
  }
  return nodes;
}

/** A new empty database on the PostgreSQL server of `url`: its address, and how to drop it afterwards. */
export async function freshPgDatabase(url: string, prefix = "canbo_bench") {
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openFresh(): Promise<{ database: Database; cleanup(): Promise<void>; where: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const fresh = await freshPgDatabase(url);
    const database = await openDatabase({ databaseUrl: fresh.url });
    return {
      database,
      where: `PostgreSQL (${fresh.name})`,
      async cleanup() {
        await database.close();
        await fresh.drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-bench-import-"));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    where: `PGlite (fresh folder ${dir})`,
    async cleanup() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-bench-xlsx-"));
  const file = path.join(work, `can-bo-${N}.xlsx`);
  let t = performance.now();
  await writeWorkbook(file, N);
  const mb = fs.statSync(file).size / 1024 / 1024;
  console.log(
    `generated ${N} rows → ${file} (${mb.toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const { database, cleanup, where } = await openFresh();
  try {
    await runMigrations(database);
    const services = createServices(database, fixedClock("2026-06-15T03:00:00Z"), 12);
    const system = systemActor("bench");
    const nodes = benchUnits();
    await services.units.createMany(system, nodes);
    console.log(`database: ${where}; ${nodes.length} units`);

    const progress = (label: string) => {
      let last = 0;
      return (p: { read: number; validated: number; written: number }) => {
        const now = performance.now();
        if (now - last < 5000) return;
        last = now;
        console.log(`  ${label}: read ${p.read}, validated ${p.validated}, written ${p.written}`);
      };
    };

    t = performance.now();
    const first = await services.imports.importCadres(
      system,
      { path: file, fileName: path.basename(file) },
      { onProgress: progress("import") },
    );
    const importS = (performance.now() - t) / 1000;
    if (!first.committed) throw new Error(`import refused: ${JSON.stringify(first.errors.slice(0, 5))}`);

    t = performance.now();
    const again = await services.imports.importCadres(
      system,
      { path: file, fileName: path.basename(file) },
      { onProgress: progress("re-import") },
    );
    const againS = (performance.now() - t) / 1000;

    // Floor: the same rows, every column as text, in one INSERT … SELECT FROM unnest into a bare table.
    const keys = IMPORT_COLUMNS.map((c) => c.key);
    const columns: string[][] = keys.map(() => []);
    for (const row of generateRows(N)) {
      keys.forEach((k, i) => {
        columns[i]!.push(row[k] ?? "");
      });
    }
    const literal = (values: string[]) =>
      `{${values.map((v) => (v === "" ? "NULL" : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(",")}}`;
    await database.db.execute(
      sql.raw(`CREATE TABLE bench_floor (${keys.map((k) => `"${k}" text`).join(", ")})`),
    );
    t = performance.now();
    await database.db.execute(
      sql`INSERT INTO bench_floor SELECT * FROM unnest(${sql.join(
        columns.map((c) => sql`${literal(c)}::text[]`),
        sql`, `,
      )})`,
    );
    const floorS = (performance.now() - t) / 1000;
    // The same with the import's batch size: one INSERT per 10,000 rows (one large message is slow to
    // receive through the PGlite socket, so this floor is the lower one there).
    await database.db.execute(sql.raw("TRUNCATE bench_floor"));
    t = performance.now();
    for (let i = 0; i < N; i += 10_000) {
      await database.db.execute(
        sql`INSERT INTO bench_floor SELECT * FROM unnest(${sql.join(
          columns.map((c) => sql`${literal(c.slice(i, i + 10_000))}::text[]`),
          sql`, `,
        )})`,
      );
    }
    const batchedS = (performance.now() - t) / 1000;
    const floor = Math.min(floorS, batchedS);

    const counts = await database.pool.query<{ cadres: number; assignments: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM cadres) AS cadres, (SELECT count(*)::int FROM cadre_assignments) AS assignments,
              (SELECT count(*)::int FROM audit_log) AS audit`,
    );
    console.log(`\nrows in the database: ${JSON.stringify(counts.rows[0])}`);
    console.log(
      `import    ${N} rows: ${importS.toFixed(1)} s, ${Math.round(N / importS)} rows/s (created ${first.created})`,
    );
    console.log(
      `re-import ${N} rows: ${againS.toFixed(1)} s, ${Math.round(N / againS)} rows/s (unchanged ${again.unchanged}, created ${again.created}, updated ${again.updated})`,
    );
    console.log(`floor, one INSERT … FROM unnest into a bare table: ${floorS.toFixed(1)} s`);
    console.log(`floor, one such INSERT per 10,000 rows: ${batchedS.toFixed(1)} s`);
    console.log(
      `ratio to the lower floor (${floor.toFixed(1)} s): import ${(importS / floor).toFixed(1)}×, re-import ${(againS / floor).toFixed(1)}×`,
    );
  } finally {
    await cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// Run when executed, not when another bench imports the generator.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

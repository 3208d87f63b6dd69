// Benchmark: the adoption journey of issue 10 at full size, through the `canbo` command as an operator runs
// it, from an empty data folder:
//   setup → a 2,000-unit tree file checked with errors (nothing written) → checked clean → imported →
//   imported again (nothing changes) → 5,000 cadres into units of every kind (dry run, import) →
//   exported (xlsx and csv) → each export imported again (nothing changes).
// Usage: npm run bench:adoption [-- --units 2000 --cadres 5000]
//        DATABASE_URL=postgres://… npm run bench:adoption      (a fresh database on that server)
// Every step is a separate `node cli/bin.mjs …` process (its time includes starting Node and opening the
// database, as the operator waits for it). Prints each step's seconds, rows/s and its ratio to the first
// import of the same file; exits 1 when a step's answer is not the expected one (the errors not found, a
// re-import that changes something, a count that differs).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { IMPORT_COLUMNS } from "../common/contracts/imports.ts";
import type { Bloc, UnitKind } from "../common/enums/units.ts";
import { freshPgDatabase, generateRows } from "./import.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 10) throw new Error(`--${name}: expected a whole number ≥ 10`);
  return value;
};
const UNITS = option("units", 2000);
const CADRES = option("cadres", 5000);
const ROOT = "TINH";
const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

type TreeRow = { code: string; name: string; kind: UnitKind; bloc: Bloc | ""; parent: string };

/**
 * A province's organisation of `n` units under the root: the province's bodies and departments with their
 * divisions and public service units, then districts with their bodies and communes, wards, towns and
 * townships with schools — every kind of unit appears.
 */
export function provinceTree(n: number): TreeRow[] {
  const rows: TreeRow[] = [];
  const add = (code: string, name: string, kind: UnitKind, bloc: Bloc | "", parent: string) => {
    if (rows.length < n) rows.push({ code, name, kind, bloc, parent });
  };
  add("TU", "Tỉnh ủy", "party_committee", "party", ROOT);
  add("HD", "Hội đồng nhân dân tỉnh", "people_council", "government", ROOT);
  add("UB", "Ủy ban nhân dân tỉnh", "people_committee", "government", ROOT);
  add("MT", "Ủy ban Mặt trận Tổ quốc tỉnh", "front", "front", ROOT);
  add("DTN", "Tỉnh đoàn", "mass_organisation", "front", ROOT);
  add("BQL", "Ban Quản lý các khu công nghiệp", "agency", "government", "UB");
  add("VP", "Văn phòng Đoàn đại biểu Quốc hội", "other", "government", "HD");
  const departments = ["Nội vụ", "Tài chính", "Xây dựng", "Y tế", "Giáo dục và Đào tạo", "Tư pháp"];
  departments.forEach((d, i) => {
    const s = `S${i + 1}`;
    add(s, `Sở ${d}`, "department", "government", "UB");
    for (let p = 1; p <= 4; p++) add(`${s}.P${p}`, `Phòng ${p} Sở ${d}`, "division", "government", s);
    add(`${s}.TT`, `Trung tâm thuộc Sở ${d}`, "public_service_unit", "public_service", s);
  });
  const localKinds: UnitKind[] = ["commune", "ward", "town", "township"];
  const localName = { commune: "Xã", ward: "Phường", town: "Thị trấn", township: "Thị xã" } as Record<
    UnitKind,
    string
  >;
  for (let h = 1; rows.length < n; h++) {
    const dc = `H${h}`;
    add(dc, `Huyện ${h}`, "district", "", ROOT);
    add(`${dc}.HU`, `Huyện ủy ${h}`, "party_committee", "party", dc);
    add(`${dc}.HD`, `Hội đồng nhân dân huyện ${h}`, "people_council", "government", dc);
    add(`${dc}.UB`, `Ủy ban nhân dân huyện ${h}`, "people_committee", "government", dc);
    add(`${dc}.UB.NV`, `Phòng Nội vụ huyện ${h}`, "division", "government", `${dc}.UB`);
    add(`${dc}.MT`, `Mặt trận Tổ quốc huyện ${h}`, "front", "front", dc);
    for (let x = 1; x <= 12 && rows.length < n; x++) {
      const kind = localKinds[x % localKinds.length]!;
      const xc = `${dc}.X${x}`;
      add(xc, `${localName[kind]} ${x} huyện ${h}`, kind, "", dc);
      add(
        `${xc}.UB`,
        `Ủy ban nhân dân ${localName[kind]} ${x} huyện ${h}`,
        "people_committee",
        "government",
        xc,
      );
      add(
        `${xc}.TH`,
        `Trường Tiểu học ${localName[kind]} ${x} huyện ${h}`,
        "public_service_unit",
        "public_service",
        xc,
      );
    }
  }
  return rows;
}

const TREE_HEADER = [
  "Mã đơn vị",
  "Tên đơn vị",
  "Loại đơn vị",
  "Khối",
  "Mã đơn vị cấp trên",
  "Mã địa danh",
  "Hoạt động từ ngày",
  "Hoạt động đến ngày",
];
const csvLine = (cells: readonly string[]) =>
  cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(";");
const treeCsv = (rows: readonly TreeRow[]) =>
  `\uFEFF${[TREE_HEADER, ...rows.map((r) => [r.code, r.name, r.kind, r.bloc, r.parent, "", "01/01/1990", ""])]
    .map(csvLine)
    .join("\r\n")}\r\n`;

/** The same tree with four wrong rows: an unknown parent, an unknown kind, an impossible date, a repeated code. */
function withErrors(rows: readonly TreeRow[]): string {
  const text = treeCsv(rows).split("\r\n");
  const at = (i: number) => text[i]!.split(";");
  const a = at(10);
  a[4] = "KHONG-CO";
  text[10] = csvLine(a);
  const b = at(20);
  b[2] = "tinh_thanh";
  text[20] = csvLine(b);
  const c = at(30);
  c[6] = "31/02/2026";
  text[30] = csvLine(c);
  const d = at(40);
  d[0] = at(41)[0]!;
  text[40] = csvLine(d);
  return text.join("\r\n");
}

/** `n` cadres spread over every unit that is not territorial and not the root, so every body kind has people. */
function cadresCsv(units: readonly TreeRow[], n: number): string {
  const posts = units.filter((u) => u.bloc !== "");
  const keys = IMPORT_COLUMNS.map((c) => c.key);
  const lines = [csvLine(IMPORT_COLUMNS.map((c) => c.header))];
  let i = 0;
  for (const row of generateRows(n)) {
    const unit = posts[i % posts.length]!;
    i++;
    const r: Record<string, string | undefined> = {
      ...row,
      unitCode: unit.code,
      birthplaceUnitCode: "",
      homeTownUnitCode: "",
      birthplaceText: "Xã Tân Lập, tỉnh Phú Thọ",
      homeTownText: "Xã Tân Lập, tỉnh Phú Thọ",
    };
    lines.push(csvLine(keys.map((k) => r[k] ?? "")));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Each wrong row named (rows 11, 21, 31, 42 of the file), and nothing written. */
const FOUR_ROWS =
  /không nhập dòng nào[\s\S]*dòng 11, Mã đơn vị cấp trên[\s\S]*dòng 21, Loại đơn vị[\s\S]*dòng 31, Hoạt động từ ngày[\s\S]*dòng 42, Mã đơn vị: /;

type Step = { name: string; rows: number; seconds: number; ok: boolean; note: string };
const steps: Step[] = [];

function canbo(env: NodeJS.ProcessEnv, cliArgs: string[]) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(repo, "cli/bin.mjs"), ...cliArgs], {
    cwd: repo,
    env: { ...process.env, ...env, CANBO_LOG_LEVEL: "warn" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    seconds: (performance.now() - t) / 1000,
    status: r.status,
    out: `${r.stdout}${r.stderr}`,
  };
}

function step(
  name: string,
  rows: number,
  result: { seconds: number; status: number | null; out: string },
  expect: { status: number; text: RegExp },
) {
  const ok = result.status === expect.status && expect.text.test(result.out);
  const last = result.out.trim().split("\n").filter(Boolean);
  const note = ok ? (last.find((l) => expect.text.test(l)) ?? last.at(-1) ?? "") : result.out.slice(-2000);
  steps.push({ name, rows, seconds: result.seconds, ok, note: note.trim() });
  console.log(
    `${ok ? "ok  " : "FAIL"} ${name}: ${result.seconds.toFixed(1)} s — ${note.trim().slice(0, 300)}`,
  );
}

async function freshDatabase(): Promise<{ env: NodeJS.ProcessEnv; where: string; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const fresh = await freshPgDatabase(url, "canbo_adoption");
    return { env: { DATABASE_URL: fresh.url }, where: `PostgreSQL (${fresh.name})`, cleanup: fresh.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-adoption-data-"));
  fs.rmSync(dir, { recursive: true });
  return {
    env: { CANBO_DATA_DIR: dir, DATABASE_URL: "" },
    where: `PGlite (empty data folder ${dir})`,
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<number> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-adoption-"));
  const tree = provinceTree(UNITS);
  const kinds = new Set(tree.map((r) => r.kind));
  fs.writeFileSync(path.join(work, "cay-loi.csv"), withErrors(tree));
  fs.writeFileSync(path.join(work, "cay.csv"), treeCsv(tree));
  fs.writeFileSync(path.join(work, "can-bo.csv"), cadresCsv(tree, CADRES));
  const db = await freshDatabase();
  console.log(
    `${db.where}; ${tree.length} units of ${kinds.size} kinds under the root, ${CADRES} cadres; files in ${work}`,
  );
  const env = { ...db.env, CANBO_ADMIN_PASSWORD: "Adoption-Bench-2026" };
  const file = (name: string) => path.join(work, name);
  try {
    step(
      "setup (migrations, places, root, admin)",
      1,
      canbo(env, [
        "setup",
        "--root-name",
        "Ủy ban nhân dân tỉnh Thử Nghiệm",
        "--root-code",
        ROOT,
        "--valid-from",
        "1990-01-01",
      ]),
      { status: 0, text: new RegExp(ROOT) },
    );
    step(
      "tree: dry run of the file with 4 wrong rows",
      tree.length,
      canbo(env, ["import", "units", file("cay-loi.csv"), "--dry-run"]),
      {
        status: 1,
        text: FOUR_ROWS,
      },
    );
    step(
      "tree: import of the file with 4 wrong rows",
      tree.length,
      canbo(env, ["import", "units", file("cay-loi.csv")]),
      {
        status: 1,
        text: FOUR_ROWS,
      },
    );
    step(
      "tree: dry run, clean file",
      tree.length,
      canbo(env, ["import", "units", file("cay.csv"), "--dry-run"]),
      {
        status: 0,
        text: new RegExp(
          `^Chạy thử: không có dòng lỗi\\. Nếu nhập: ${tree.length} dòng đơn vị: tạo ${tree.length},`,
          "m",
        ),
      },
    );
    step("tree: import", tree.length, canbo(env, ["import", "units", file("cay.csv")]), {
      status: 0,
      text: new RegExp(`^Đã nhập cây tổ chức: ${tree.length} dòng đơn vị: tạo ${tree.length},`, "m"),
    });
    step(
      "tree: export (xlsx)",
      tree.length + 1,
      canbo(env, ["export", "units", "--out", file("cay-xuat.xlsx")]),
      {
        status: 0,
        text: new RegExp(`^Đã xuất ${tree.length + 1} đơn vị`, "m"),
      },
    );
    step(
      "tree: re-import of the export",
      tree.length + 1,
      canbo(env, ["import", "units", file("cay-xuat.xlsx")]),
      {
        status: 0,
        text: new RegExp(`tạo 0, kết thúc 0, không đổi ${tree.length + 1};`),
      },
    );
    step("cadres: dry run", CADRES, canbo(env, ["import", "cadres", file("can-bo.csv"), "--dry-run"]), {
      status: 0,
      text: new RegExp(`^Chạy thử: không có dòng lỗi\\. Nếu nhập: ${CADRES} dòng: tạo ${CADRES},`, "m"),
    });
    step("cadres: import", CADRES, canbo(env, ["import", "cadres", file("can-bo.csv")]), {
      status: 0,
      text: new RegExp(`^Đã nhập ${CADRES} dòng: tạo ${CADRES}, cập nhật 0`, "m"),
    });
    for (const format of ["xlsx", "csv"] as const) {
      const out = file(`can-bo-xuat.${format}`);
      step(`cadres: export (${format})`, CADRES, canbo(env, ["export", "cadres", "--out", out]), {
        status: 0,
        text: new RegExp(`^Đã xuất ${CADRES} hồ sơ`, "m"),
      });
      step(`cadres: re-import of the ${format} export`, CADRES, canbo(env, ["import", "cadres", out]), {
        status: 0,
        text: new RegExp(`^Đã nhập ${CADRES} dòng: tạo 0, cập nhật 0, không đổi ${CADRES}`, "m"),
      });
    }
  } finally {
    await db.cleanup();
  }

  const firstImport = (prefix: string) =>
    steps.find((s) => s.name === `${prefix}: import`)?.seconds ?? Number.NaN;
  console.log(
    `\n${"step".padEnd(46)}${"rows".padStart(7)}${"s".padStart(8)}${"rows/s".padStart(9)}  ratio to import`,
  );
  for (const s of steps) {
    const base = s.name.startsWith("tree")
      ? firstImport("tree")
      : s.name.startsWith("cadres")
        ? firstImport("cadres")
        : Number.NaN;
    console.log(
      `${s.name.padEnd(46)}${String(s.rows).padStart(7)}${s.seconds.toFixed(1).padStart(8)}${Math.round(
        s.rows / s.seconds,
      )
        .toString()
        .padStart(9)}  ${Number.isNaN(base) ? "" : (s.seconds / base).toFixed(2)}${s.ok ? "" : "  ← FAILED"}`,
    );
  }
  const total = steps.reduce((a, s) => a + s.seconds, 0);
  console.log(`total ${total.toFixed(1)} s for the journey`);
  const failed = steps.filter((s) => !s.ok);
  if (failed.length > 0) {
    console.log(`\n${failed.length} step(s) did not give the expected answer:`);
    for (const s of failed) console.log(`--- ${s.name}\n${s.note}`);
    return 1;
  }
  fs.rmSync(work, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

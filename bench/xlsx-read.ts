// Benchmark: reading a large workbook row by row, as an import does (no database).
// Usage: npx tsx bench/xlsx-read.ts [N] [--exceljs]
// Writes N rows (default 200,000) in the import template's shape twice — inline strings (as our own exports
// and error files) and shared strings (as Excel saves) — then reads each three times: with readRows (in the
// parse worker, as an import does) and in this thread (the reader alone). Prints the median wall seconds,
// rows/s, the CPU seconds of the process (both threads) and the time this thread's event loop was busy —
// what the server's other requests wait behind. --exceljs also times ExcelJS's streaming WorkbookReader on
// the same files, for comparison. Fails when a file does not read back as the number of rows written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { readRowBatches } from "../server/modules/imports/sheet-rows.ts";
import { readRows } from "../server/modules/imports/spreadsheet.ts";

const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 200_000);
const WITH_EXCELJS = process.argv.includes("--exceljs");

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng", "Yến"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function row(i: number): (string | number)[] {
  const y = 1966 + (i % 30);
  return [
    `HN${pad(i, 7)}`,
    `${FAMILY[i % 12]} Văn ${GIVEN[(i * 7) % 12]}`,
    i % 3 ? "Nam" : "Nữ",
    `${pad(1 + (i % 28))}/${pad(1 + (i % 12))}/${y}`,
    `0${pad(1 + (i % 96))}0${pad(y % 100)}${pad(i % 1_000_000, 6)}`,
    "01",
    "00",
    "Công chức",
    `D${pad(1 + (i % 30), 3)}`,
    "Phường Ba Đình, Quận Ba Đình, Thành phố Hà Nội",
    `09${pad(i % 100_000_000, 8)}`,
    `cb${i}@hanoi.gov.vn`,
    `01/09/${y + 23}`,
    "university",
    "Luật",
    `D${pad(1 + (i % 30), 3)}W${pad(1 + (i % 20))}`,
    "expert",
    `01/${pad(1 + (i % 12))}/2020`,
    "grassroots",
    "01.003",
    1 + (i % 8),
    2.34 + (i % 20) * 0.33,
  ];
}

async function write(file: string, sharedStrings: boolean) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: sharedStrings });
  const ws = wb.addWorksheet("Cán bộ");
  ws.addRow(Array.from({ length: 22 }, (_, i) => `Cột ${i + 1}`)).commit();
  for (let i = 1; i <= N; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
}

type Run = { seconds: number; cpu: number; busy: number };

async function timeIt(read: () => Promise<number>): Promise<Run & { rows: number }> {
  const runs: Run[] = [];
  let rows = 0;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const loop = performance.eventLoopUtilization();
    rows = await read();
    const used = process.cpuUsage(cpu);
    runs.push({
      seconds: (performance.now() - t) / 1000,
      cpu: (used.user + used.system) / 1e6,
      busy: performance.eventLoopUtilization(loop).active / 1000,
    });
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return { ...runs[1]!, rows };
}

async function inWorker(file: string): Promise<number> {
  let n = 0;
  for await (const r of readRows(file, "xlsx")) if (r.cells.length) n++;
  return n;
}

async function inThread(file: string): Promise<number> {
  let n = 0;
  for await (const batch of readRowBatches(file, "xlsx")) n += batch.length;
  return n;
}

async function exceljs(file: string): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    worksheets: "emit",
    hyperlinks: "ignore",
    styles: "ignore",
  });
  for await (const sheet of reader) {
    for await (const _row of sheet as AsyncIterable<unknown>) n++;
    break;
  }
  return n;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "canbo-bench-read-"));
  try {
    let failed = false;
    for (const shared of [false, true]) {
      const file = path.join(work, `${shared ? "shared" : "inline"}.xlsx`);
      await write(file, shared);
      const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
      const label = `${N} rows, ${shared ? "shared" : "inline"} strings, ${mb} MB`;
      const readers: [string, (f: string) => Promise<number>][] = [
        ["readRows (worker)", inWorker],
        ["reader in this thread", inThread],
      ];
      if (WITH_EXCELJS) readers.push(["exceljs WorkbookReader", exceljs]);
      for (const [name, read] of readers) {
        const { seconds, cpu, busy, rows } = await timeIt(() => read(file));
        const ok = rows === N + 1;
        if (!ok) failed = true;
        console.log(
          `${label} — ${name}: ${seconds.toFixed(2)} s, ${Math.round(N / seconds)} rows/s, CPU ${cpu.toFixed(2)} s, event loop busy ${busy.toFixed(2)} s${ok ? "" : ` (read ${rows} rows, expected ${N + 1})`}`,
        );
      }
    }
    if (failed) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();

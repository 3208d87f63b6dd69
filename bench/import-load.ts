// Benchmark: how the server answers others while a large import runs (target: GET /api/health and a
// logged-in list request with p99 under 1 s during a 200,000-row import on PGlite).
// Usage: npm run bench:import-load [-- --rows 200000 --every 50 --file path.xlsx --samples out.json]
//        DATABASE_URL=postgres://… npm run bench:import-load      (a fresh database on that server)
// Starts the server in this process on 127.0.0.1 over a fresh PGlite folder, uploads the file of
// bench/import.ts (generated once and kept in .tmp/, the rows are deterministic) to POST
// /api/imports/cadres?async=true as an admin, and while the job runs keeps asking, one request of each kind
// at a time, the next `--every` ms after the previous one started (at once when it took longer):
//   GET /api/health, GET /api/cadres?page=1 as an officer, GET /api/imports/{id} (the job's progress).
// Prints count, errors, p50/p95/p99/max per request, and p50*/p99* as seen by a user asking at a random
// moment (a stalled answer also stands for the requests that would have been sent while it was awaited),
// for the whole import and per phase: before (3 s), upload (the upload spooled), rows (reading, checking
// and writing the rows), finish (after the last row: the final apply and commit), after (3 s once the job
// ended). Exits with code 1 when the import fails.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { ImportProgress } from "../common/contracts/imports.ts";
import { buildApp } from "../server/app.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { systemActor } from "../server/lib/actor.ts";
import { fixedClock } from "../server/lib/clock.ts";
import { httpLogin, percentile } from "../server/test/concurrency-load.ts";
import { benchUnits, openFresh, writeWorkbook } from "./import.ts";

const args = process.argv.slice(2);
const option = (name: string) =>
  args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined;
const ROWS = Number(option("rows") ?? process.env.ROWS ?? 200_000);
const EVERY_MS = Number(option("every") ?? process.env.EVERY_MS ?? 50);
const BASELINE_MS = 3000;
const TIMEOUT_MS = 3_600_000;

type Sample = { startedAt: number; ms: number; status: number };
type Phase = "before" | "upload" | "rows" | "finish" | "after";
const PHASES: Phase[] = ["before", "upload", "rows", "finish", "after"];

/**
 * Latencies as seen at random moments: one answer that took L ms stands for the requests that would have
 * been sent every EVERY_MS while it was awaited (L - EVERY_MS, L - 2·EVERY_MS, …), so a long stall counts
 * as long as it lasted, not as one slow sample.
 */
function atRandomMoments(list: Sample[]): number[] {
  const out: number[] = [];
  for (const s of list) {
    out.push(s.ms);
    for (let missed = s.ms - EVERY_MS; missed >= EVERY_MS; missed -= EVERY_MS) out.push(missed);
  }
  return out;
}

async function main(): Promise<number> {
  const file = option("file") ?? path.resolve(".tmp", `bench-import-${ROWS}.xlsx`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const t = performance.now();
    await writeWorkbook(`${file}.part`, ROWS);
    fs.renameSync(`${file}.part`, file);
    console.log(`generated ${ROWS} rows → ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const upload = fs.readFileSync(file);

  const { database, cleanup, where } = await openFresh();
  try {
    await runMigrations(database);
    const { app, services } = await buildApp({
      database,
      config: { logLevel: "silent", sessionHours: 12, secureCookies: false },
      clock: fixedClock("2026-06-15T03:00:00Z"),
      logger: false,
    });
    const system = systemActor("bench");
    const units = await services.units.createMany(system, benchUnits());

    // The phases come from the import's own progress reports when the service can be watched in-process;
    // otherwise from the job's answers.
    const timeline: { at: number; progress: ImportProgress }[] = [];
    let jobStartedAt = Number.POSITIVE_INFINITY;
    let jobEndedAt = Number.POSITIVE_INFINITY;
    const importCadres = services.imports.importCadres;
    if (typeof importCadres === "function") {
      services.imports.importCadres = async (actor, source, opts = {}) => {
        jobStartedAt = Math.min(jobStartedAt, performance.now());
        try {
          return await importCadres(actor, source, {
            ...opts,
            onProgress: (p) => {
              timeline.push({ at: performance.now(), progress: { ...p } });
              opts.onProgress?.(p);
            },
          });
        } finally {
          jobEndedAt = performance.now();
        }
      };
    }

    const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const password = "Bench-import-2026x";
      for (const [username, roles, scope] of [
        ["bench.admin", ["admin"], []],
        ["bench.officer", ["officer"], [units.get("D001")!]],
      ] as const) {
        await services.auth.createUser(system, {
          username,
          displayName: username,
          password,
          roles: [...roles],
          scopeUnitIds: [...scope],
          mustChangePassword: false,
        });
      }
      const admin = await httpLogin(baseUrl, "bench.admin", password);
      const officer = await httpLogin(baseUrl, "bench.officer", password);
      console.log(
        `database: ${where}; server ${baseUrl}; file ${file} (${(upload.length / 1024 / 1024).toFixed(1)} MB, ${ROWS} rows); asking every ${EVERY_MS} ms`,
      );

      // node:http rather than fetch: fetch gives up on an answer after 300 s (undici's headers timeout),
      // and the stalls measured here may be longer.
      const agent = new http.Agent({ keepAlive: true });
      const get = (session: { cookie: string } | undefined, url: string) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = http.get(
            `${baseUrl}${url}`,
            { agent, headers: session ? { cookie: session.cookie } : {}, timeout: TIMEOUT_MS },
            (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (c: Buffer) => chunks.push(c));
              res.on("end", () =>
                resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
              );
              res.on("error", reject);
            },
          );
          req.on("timeout", () => req.destroy(new Error("timeout")));
          req.on("error", reject);
        });

      let jobId: string | undefined;
      let jobStatus = "none";
      let lastJobProgress: ImportProgress | undefined;
      const probes = {
        "GET /api/health": () => get(undefined, "/api/health"),
        "GET /api/cadres?page=1 (officer)": () => get(officer, "/api/cadres?page=1"),
        "GET /api/imports/{id}": async () => {
          const a = await get(admin, `/api/imports/${jobId}`);
          if (a.status === 200) {
            const job = JSON.parse(a.text) as { status: string; progress: ImportProgress };
            jobStatus = job.status;
            lastJobProgress = job.progress;
            if (timeline.length === 0 || timeline.at(-1)!.progress !== job.progress)
              timeline.push({ at: performance.now(), progress: job.progress });
          }
          return a;
        },
      };
      type ProbeName = keyof typeof probes;
      const samples = new Map<ProbeName, Sample[]>(Object.keys(probes).map((k) => [k as ProbeName, []]));
      let stop = false;
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      // One request of each kind at a time, the next EVERY_MS after the previous one started (or at once
      // when it took longer): a stalled server is asked again as soon as it answers.
      const loops = (Object.keys(probes) as ProbeName[]).map(async (name) => {
        while (!stop) {
          if (name === "GET /api/imports/{id}" && !jobId) {
            await sleep(EVERY_MS);
            continue;
          }
          const startedAt = performance.now();
          const status = await probes[name]().then(
            (a) => a.status,
            () => 0,
          );
          const ms = performance.now() - startedAt;
          samples.get(name)!.push({ startedAt, ms, status });
          await sleep(Math.max(0, EVERY_MS - ms));
        }
      });
      await sleep(BASELINE_MS);
      const uploadAt = performance.now();
      const res = await fetch(`${baseUrl}/api/imports/cadres?async=true`, {
        method: "POST",
        headers: {
          cookie: admin.cookie,
          "x-csrf-token": admin.csrf,
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "x-file-name": path.basename(file),
        },
        body: upload,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const started = JSON.parse(await res.text()) as { id?: string; status?: string };
      if (res.status !== 202 || !started.id)
        throw new Error(`import refused: ${res.status} ${JSON.stringify(started)}`);
      jobId = started.id;
      const acceptedAt = performance.now();
      jobStartedAt = Math.min(jobStartedAt, acceptedAt);
      let lastLog = 0;
      while (jobStatus === "running" || jobStatus === "none") {
        await sleep(200);
        // The job's answers stall while the import holds the database; its own reports do not.
        const p = timeline.at(-1)?.progress ?? lastJobProgress;
        if (performance.now() - lastLog > 10_000 && p) {
          lastLog = performance.now();
          console.log(
            `  ${((performance.now() - acceptedAt) / 1000).toFixed(0)} s: read ${p.read}, validated ${p.validated}, written ${p.written}`,
          );
        }
      }
      jobEndedAt = Math.min(jobEndedAt, performance.now());
      await sleep(BASELINE_MS);
      stop = true;
      await Promise.all(loops);

      const job = JSON.parse((await get(admin, `/api/imports/${jobId}`)).text) as {
        status: string;
        report: { committed: boolean; rows: number; created: number; seconds: number } | null;
        error: unknown;
      };
      const importS = (jobEndedAt - uploadAt) / 1000;
      console.log(
        `\nimport: ${job.status}, ${job.report ? `${job.report.rows} rows, created ${job.report.created}, committed ${job.report.committed}, service ${job.report.seconds} s` : JSON.stringify(job.error)}; upload to end ${importS.toFixed(1)} s`,
      );

      // From the moment every row was checked, the import is finishing (final apply, commit).
      const rowsTotal = Math.max(0, ...timeline.map((e) => e.progress.read));
      const lastRowAt =
        timeline.find((e) => rowsTotal > 0 && e.progress.validated >= rowsTotal)?.at ?? jobEndedAt;
      const phaseOf = (at: number): Phase =>
        at < uploadAt
          ? "before"
          : at < jobStartedAt
            ? "upload"
            : at < lastRowAt
              ? "rows"
              : at < jobEndedAt
                ? "finish"
                : "after";
      const span = (p: Phase) => {
        const bounds: Record<Phase, [number, number]> = {
          before: [uploadAt - BASELINE_MS, uploadAt],
          upload: [uploadAt, jobStartedAt],
          rows: [jobStartedAt, lastRowAt],
          finish: [lastRowAt, jobEndedAt],
          after: [jobEndedAt, jobEndedAt + BASELINE_MS],
        };
        const [a, b] = bounds[p];
        return Math.max(0, (b - a) / 1000);
      };
      console.log(`phases: ${PHASES.map((p) => `${p} ${span(p).toFixed(1)} s`).join(", ")}\n`);
      const row = (label: string, list: Sample[]) => {
        const ms = list.map((s) => s.ms).sort((a, b) => a - b);
        const all = atRandomMoments(list).sort((a, b) => a - b);
        const errors = list.filter((s) => s.status < 200 || s.status >= 300).length;
        for (const s of list) if (s.status < 200 || s.status >= 300) errorStatuses.add(s.status);
        const f = (v: number) => (Number.isNaN(v) ? "-" : v.toFixed(0)).padStart(8);
        return `${label.padEnd(48)}${String(list.length).padStart(6)}${String(errors).padStart(7)}${f(percentile(ms, 50))}${f(percentile(ms, 95))}${f(percentile(ms, 99))}${f(ms.at(-1) ?? Number.NaN)}${f(percentile(all, 50))}${f(percentile(all, 99))}`;
      };
      console.log(
        `${"request / phase".padEnd(48)}${"count".padStart(6)}${"errors".padStart(7)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"p99 ms".padStart(8)}${"max ms".padStart(8)}${"p50* ms".padStart(8)}${"p99* ms".padStart(8)}`,
      );
      let worstP99 = 0;
      const errorStatuses = new Set<number>();
      for (const [name, list] of samples) {
        const during = list.filter((s) => s.startedAt >= uploadAt && s.startedAt < jobEndedAt);
        console.log(row(`${name} — whole import`, during));
        const sorted = atRandomMoments(during).sort((a, b) => a - b);
        if (name !== "GET /api/imports/{id}") worstP99 = Math.max(worstP99, percentile(sorted, 99) || 0);
        for (const p of PHASES) {
          const inPhase = list.filter((s) => phaseOf(s.startedAt) === p);
          if (inPhase.length) console.log(row(`  ${p}`, inPhase));
        }
      }
      if (errorStatuses.size)
        console.log(`errors answered with status ${[...errorStatuses].join(", ")} (0: no answer)`);
      console.log(
        `\n* = as for a user asking at a random moment: an answer that took L ms also stands for the requests that\n    would have been sent every ${EVERY_MS} ms while it was awaited (L - ${EVERY_MS}, L - ${2 * EVERY_MS}, … ms).\nworst p99* of health and list during the import: ${worstP99.toFixed(0)} ms (target < 1000 ms): ${worstP99 < 1000 ? "met" : "NOT met"}`,
      );
      // A list request after the import, then after ANALYZE: the planner without statistics of the new
      // rows can make the first requests after a large import slow.
      const timed = async (label: string) => {
        const t0 = performance.now();
        const a = await get(officer, "/api/cadres?page=1");
        console.log(`${label}: ${a.status} in ${(performance.now() - t0).toFixed(0)} ms`);
      };
      await timed("list request (officer) once the probes stopped");
      await timed("list request (officer) again");
      const t0 = performance.now();
      await database.pool.query("ANALYZE");
      console.log(`ANALYZE: ${(performance.now() - t0).toFixed(0)} ms`);
      await timed("list request (officer) after ANALYZE");
      const dump = option("samples");
      if (dump) {
        const at = (v: number) => (Number.isFinite(v) ? Math.round(v - uploadAt) : null);
        fs.writeFileSync(
          dump,
          JSON.stringify({
            phases: { jobStartedAt: at(jobStartedAt), lastRowAt: at(lastRowAt), jobEndedAt: at(jobEndedAt) },
            timeline: timeline.map((e) => ({ at: at(e.at), ...e.progress })),
            samples: Object.fromEntries(
              [...samples].map(([name, list]) => [
                name,
                list.map((s) => ({ at: at(s.startedAt), ms: Math.round(s.ms), status: s.status })),
              ]),
            ),
          }),
        );
        console.log(`samples written to ${dump} (times in ms from the upload)`);
      }
      return job.status === "done" && job.report?.committed ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();

import { randomBytes, randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HistoryKind } from "../../common/contracts/cadres.ts";
import { DATED_HISTORY_KINDS, HISTORY_KINDS } from "../../common/contracts/cadres.ts";
import { IMPORT_COLUMNS, type ImportColumnKey } from "../../common/contracts/imports.ts";
import { type Actor, permissionsFor, ROLE_PERMISSIONS } from "../lib/actor.ts";
import { buildOrg, idNumberFor, type Org, titleIds } from "../modules/cadres/cadres.test-helpers.ts";
import { csvLine } from "../modules/imports/csv.ts";
import { personRow } from "../modules/imports/imports.test-helpers.ts";
import { loadPlacesSlice } from "../modules/places/places.test-helpers.ts";
import {
  ACCOUNTS,
  CALLERS,
  type Caller,
  expectedOutcome,
  GRANTS,
  type Outcome,
  POLICY,
  pendingReason,
  permissionsOf,
  seesEverything,
} from "./authz-matrix.policy.ts";
import { createTestApp, type TestApp } from "./harness.ts";

/**
 * The authorisation matrix: every route the app registers × every caller (each role scoped to district A,
 * the admin, no session, a session without its CSRF token) × a target inside district A and one inside
 * district B. The expected answer of each case comes from the policy table (authz-matrix.policy.ts); this
 * file only knows how to aim a request at a target. Refused changes must leave the database exactly as it
 * was, out of scope must answer exactly like a target that does not exist, and no answer to a caller of
 * district A may name anything of district B, nor carry sensitive data to a caller without the permission.
 */

type Side = "in" | "out" | "missing";
type Session = { headers: Record<string, string> };
type Credentials = { username: string; password: string };
type Request = {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** The call ends or changes the session itself: make it with a new account of the caller's kind. */
  ownAccount?: (account: Credentials) => unknown;
};
type Builder = (side: Side, fresh: boolean) => Promise<Request>;

const MISSING = 2_000_000_000;
/** Where a reference goes in a URL of the cross-scope cases. */
const refSlot = "{ref}";
const TODAY_PLUS = "2026-07-01";
/** Words found in the names of district B's units and people, and nowhere in district A. */
const OUTSIDE_WORDS = ["Ngoại Biên", "Đông Anh", "Cổ Loa"];
const HEALTH = "Bệnh án mật ghi riêng";
const FAMILY_NAME = "Lê Thị Nhà Kín";

let t: TestApp;
let org: Org;
let expert: number;
const sessions = {} as Record<Exclude<Caller, "anonymous">, Session>;
const accounts = {} as Record<Exclude<Caller, "anonymous">, Credentials>;
let serial = 0;
const next = () => ++serial;
/** ID numbers of every record: no caller without cadres.sensitive may receive one. */
const idNumbers: string[] = [];

type Person = { id: number; rows: Partial<Record<HistoryKind, number>> };
const shared = {} as {
  person: Record<"in" | "out", Person>;
  unit: Record<"in" | "out", number>;
  seat: Record<"in" | "out", number>;
  job: Record<"in" | "out", string>;
  title: number;
  place: number;
  code: { list: string; code: string };
  indicatorVersion: Record<string, unknown>;
  probe: Credentials;
  account: { active: number; disabled: number };
  self: number;
  evaluation: Record<EvaluationTarget, Record<"in" | "out", number>>;
  period: Record<"in" | "out", number>;
};

// ---- the app's routes ----

/**
 * Every route the app registers, seen by an onRoute hook on each Fastify instance as buildApp creates it
 * (the hook must be in place before the first route; the route tree printed after start-up drops parts
 * of wildcard paths).
 */
const registered = vi.hoisted(() => new Set<string>());
vi.mock("fastify", async (importOriginal) => {
  const actual = await importOriginal<typeof import("fastify")>();
  const create = actual.default as (...args: unknown[]) => ReturnType<typeof actual.default>;
  const withHook = ((...args: unknown[]) => {
    const app = create(...args);
    app.addHook("onRoute", (route: { method: string | string[]; url: string }) => {
      for (const method of [route.method].flat()) registered.add(`${method} ${route.url}`);
    });
    return app;
  }) as unknown as typeof actual.default;
  return { ...actual, default: withHook };
});

/**
 * "METHOD /path" of every route. A HEAD route stands for its GET twin when there is one (Fastify adds
 * HEAD to every GET; a route on a prefix's "/" is also served with the trailing slash, reported by HEAD).
 */
function registeredRoutes(): string[] {
  const routes = new Set<string>();
  for (const route of registered) {
    const [method, url] = route.split(" ") as [string, string];
    const isTwin = method === "HEAD" && t.app.hasRoute({ method: "GET", url });
    routes.add(isTwin ? `GET ${url}` : route);
  }
  return [...routes].sort();
}

// ---- data ----

async function account(caller: Exclude<Caller, "anonymous">, selfId: number | null): Promise<Credentials> {
  const spec = ACCOUNTS[caller];
  const username = `mx.${caller.replaceAll("_", "-")}.${next()}`;
  const password = `Tz-${randomBytes(6).toString("hex")}-2026x`;
  await t.services.auth.createUser(t.system, {
    username,
    displayName: username,
    password,
    roles: spec.roles,
    scopeUnitIds: spec.roles.includes("admin") ? [] : [org.districtA],
    extraPermissions: spec.extraPermissions ?? [],
    cadreId: spec.ownsRecord ? selfId : null,
    mustChangePassword: spec.mustChangePassword ?? false,
  });
  return { username, password };
}

/**
 * The account a change of account management aims at: a new one of its own for a change that may go
 * through, else the shared one (active, or the shared disabled one for enabling).
 */
async function targetAccount(fresh: boolean, isActive = true): Promise<number> {
  if (!fresh) return isActive ? shared.account.active : shared.account.disabled;
  const created = await t.services.auth.createUser(t.system, {
    username: `mx.target${next()}`,
    displayName: "Tài khoản đích",
    password: `Tz-${randomBytes(6).toString("hex")}-2026x`,
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
    mustChangePassword: false,
  });
  if (!isActive) await t.services.auth.disableUser(t.system, created.id);
  return created.id;
}

const unitOf = (side: Side) => (side === "out" ? org.communeB1 : side === "in" ? org.communeA1 : MISSING);
const districtOf = (side: Side) => (side === "out" ? org.districtB : side === "in" ? org.districtA : MISSING);
const nameOn = (side: Side, what: string) =>
  side === "out" ? `${what} Ngoại Biên ${next()}` : `${what} ${next()}`;

/** A new ward under district A or B. */
async function freshUnit(side: "in" | "out"): Promise<number> {
  const unit = await t.services.units.create(t.system, {
    parentId: districtOf(side),
    name: nameOn(side, "Phường"),
    kind: "ward",
    validFrom: "2000-01-01",
  });
  return unit.id;
}

async function freshSeat(side: "in" | "out"): Promise<number> {
  const seat = await t.services.posts.createSeat(t.system, {
    unitId: await freshUnit(side),
    titleId: expert,
    quota: 1,
    validFrom: "2020-01-01",
  });
  return seat.id;
}

/** A row of each history kind, added to a person of the given side. */
function historyRow(kind: HistoryKind, side: "in" | "out"): Record<string, unknown> {
  switch (kind) {
    case "assignments":
      return { unitId: unitOf(side), titleId: expert, isMain: false, validFrom: "2015-01-01" };
    case "tiers":
      return { tier: "grassroots", validFrom: "2020-01-01" };
    case "qualifications":
      return { category: "professional", levelCode: "university", obtainedOn: "2005-06-30" };
    case "trainings":
      return { kind: "knowledge_update", course: "Bồi dưỡng cập nhật kiến thức" };
    case "salaries":
      return { gradeCode: "01.003", step: 3, validFrom: "2021-01-01" };
    case "rewards":
      return { form: "Bằng khen của Chủ tịch UBND Thành phố", decidedOn: "2019-05-01" };
    case "family":
      return { side: "own", relation: "Mẹ", fullName: FAMILY_NAME };
    case "work-history":
      return { validFrom: "2005-01-01", unitText: "Sở Nội vụ" };
  }
}

/** A correction of one field of a row of the kind. */
const CORRECTION: Record<HistoryKind, Record<string, unknown>> = {
  assignments: { note: "Kiêm nhiệm theo quyết định bổ sung" },
  tiers: { decisionRef: "12/QĐ-TU" },
  qualifications: { major: "Luật kinh tế" },
  trainings: { organiser: "Học viện Chính trị khu vực I" },
  salaries: { coefficient: 3.33 },
  rewards: { issuer: "UBND Thành phố" },
  family: { details: "Hưu trí" },
  "work-history": { titleText: "Chuyên viên" },
};

/** A person in district A or B with one row of each kind asked for. */
async function freshPerson(side: "in" | "out", kinds: readonly HistoryKind[] = []): Promise<Person> {
  const n = next();
  const birthDate = "1980-05-10";
  const idNumber = idNumberFor("male", birthDate, 100_000 + n);
  idNumbers.push(idNumber);
  const person = await t.services.cadres.create(t.system, {
    staffCode: `MX${String(n).padStart(5, "0")}`,
    fullName: side === "out" ? "Đỗ Văn Ngoại Biên" : "Lê Văn Trong",
    sex: "male",
    birthDate,
    staffType: "civil_servant",
    idNumber,
    health: HEALTH,
    assignment: { unitId: unitOf(side), titleId: expert, validFrom: "2010-01-01" },
  });
  const rows: Person["rows"] = {};
  for (const kind of kinds) {
    const row = await t.services.histories.add(t.system, person.id, kind, historyRow(kind, side) as never);
    rows[kind] = (row as { id: number }).id;
  }
  return { id: person.id, rows };
}

async function person(side: Side, fresh: boolean, kind?: HistoryKind): Promise<Person> {
  if (side === "missing") return { id: MISSING, rows: kind ? { [kind]: MISSING } : {} };
  return fresh ? freshPerson(side, kind ? [kind] : []) : shared.person[side];
}

const NON_SENSITIVE_KEYS = (IMPORT_COLUMNS as readonly { key: string; sensitive?: boolean }[])
  .filter((c) => !c.sensitive)
  .map((c) => c.key as ImportColumnKey);

/** A CSV of one person placed in district A's ward, district B's commune, or a unit code that does not exist. */
function importFile(side: Side, overrides: Record<string, string> = {}): string {
  const row = personRow(500_000 + next(), {
    unitCode: side === "in" ? "00001" : side === "out" ? "00500" : "99999",
    ...(side === "out" ? { fullName: "Đỗ Văn Ngoại Biên" } : {}),
    ...overrides,
  });
  let text = `\uFEFF${csvLine(
    NON_SENSITIVE_KEYS.map((k) => IMPORT_COLUMNS.find((c) => c.key === k)!.header),
    ",",
  )}`;
  text += csvLine(
    NON_SENSITIVE_KEYS.map((k) => (row[k] == null ? "" : String(row[k]))),
    ",",
  );
  return text;
}

const importRequest = (side: Side, query = "", overrides: Record<string, string> = {}): Request => ({
  url: `/api/imports/cadres?fileName=can-bo.csv${query}`,
  headers: { "content-type": "text/csv" },
  payload: importFile(side, overrides),
});

// ---- evaluations ----

type EvaluationTarget = "draft" | "scored" | "submitted" | "reviewed" | "locked";
const FORM = { I: { points: 25 }, II: { points: 60 } };
const prepBoss: Actor = {
  kind: "user",
  userId: null,
  username: "mx.prep-boss",
  roles: ["reviewer", "leader"],
  permissions: permissionsFor(["reviewer", "leader"]),
  scope: "all",
};

/**
 * A form in a period of its own, taken to a state along the chain: the cadre account's own (in its ward of
 * district A, a month of its own), or that of a new person in a new ward of district A or B.
 */
async function freshEvaluation(side: "in" | "out", state: EvaluationTarget, isOwn = false): Promise<number> {
  const n = next();
  const unitId = isOwn ? org.communeA2 : await freshUnit(side);
  const cadreId = isOwn
    ? shared.self
    : (
        await t.services.cadres.create(t.system, {
          staffCode: `MXE${String(n).padStart(5, "0")}`,
          fullName: side === "out" ? "Đỗ Văn Ngoại Biên" : "Lê Văn Được",
          sex: "male",
          birthDate: "1982-02-02",
          staffType: "civil_servant",
          assignment: { unitId, titleId: expert, validFrom: "2015-01-01" },
        })
      ).id;
  const periodFrom = `${2027 + Math.floor(n / 12)}-${String(1 + (n % 12)).padStart(2, "0")}-01`;
  const period = await t.services.evaluations.openPeriod(t.system, {
    unitId,
    schemeCode: "decree-335-monthly",
    periodFrom,
  });
  const { items } = await t.services.evaluations.listEvaluations(t.system, period.id, {});
  const id = items.find((e) => e.cadreId === cadreId)!.id;
  const self: Actor = { ...prepBoss, username: "mx.prep-self", roles: ["cadre"], scope: [], cadreId };
  const steps: EvaluationTarget[] = ["scored", "submitted", "reviewed", "locked"];
  let version = 1;
  for (const s of steps.slice(0, steps.indexOf(state) + 1)) {
    if (s === "scored")
      version = (await t.services.evaluations.saveScores(self, id, { version, scores: FORM })).version;
    if (s === "submitted") version = (await t.services.evaluations.submit(self, id, { version })).version;
    if (s === "reviewed") version = (await t.services.evaluations.review(prepBoss, id, { version })).version;
    if (s === "locked") {
      await t.services.evaluations.approve(prepBoss, id, { version });
      await t.services.evaluations.closePeriod(t.system, period.id);
    }
  }
  return id;
}

async function periodOfEvaluation(id: number): Promise<number> {
  const found = await t.database.pool.query<{ periodId: number }>(
    'SELECT period_id AS "periodId" FROM evaluations WHERE id = $1',
    [id],
  );
  return found.rows[0]!.periodId;
}

/** A step of the chain aimed at a form: a new one of the state when the step may go through. */
function evaluationStep(
  action: string,
  state: EvaluationTarget,
  isOwn: boolean,
  body: Record<string, unknown>,
): Builder {
  return async (side, fresh) => {
    const id =
      side === "missing"
        ? MISSING
        : fresh
          ? await freshEvaluation(side, state, isOwn && side === "in")
          : shared.evaluation[state][side];
    const found = await t.database.pool.query<{ version: number }>(
      "SELECT version FROM evaluations WHERE id = $1",
      [id],
    );
    return {
      url: `/api/evaluations/${id}/${action}`,
      payload: { version: found.rows[0]?.version ?? 1, ...body },
    };
  };
}

const periodAt = (side: Side) => (side === "missing" ? MISSING : shared.period[side]);

// ---- how to aim each route at a target ----

const at = (side: Side, inScope: number, outOfScope: number) =>
  side === "in" ? inScope : side === "out" ? outOfScope : MISSING;

function historyBuilders(kind: HistoryKind): Record<string, Builder> {
  const base = `/api/cadres/:id/${kind}`;
  const builders: Record<string, Builder> = {
    [`POST ${base}`]: async (side, fresh) => ({
      url: `/api/cadres/${(await person(side, fresh)).id}/${kind}`,
      payload: historyRow(kind, side === "out" ? "out" : "in"),
    }),
    [`PATCH ${base}/:rowId`]: async (side, fresh) => {
      const p = await person(side, fresh, kind);
      return { url: `/api/cadres/${p.id}/${kind}/${p.rows[kind]}`, payload: CORRECTION[kind] };
    },
    [`DELETE ${base}/:rowId`]: async (side, fresh) => {
      const p = await person(side, fresh, kind);
      return { url: `/api/cadres/${p.id}/${kind}/${p.rows[kind]}`, payload: { reason: "Dòng nhập nhầm" } };
    },
  };
  if ((DATED_HISTORY_KINDS as readonly string[]).includes(kind)) {
    builders[`POST ${base}/:rowId/end`] = async (side, fresh) => {
      const p = await person(side, fresh, kind);
      return { url: `/api/cadres/${p.id}/${kind}/${p.rows[kind]}/end`, payload: { endDate: TODAY_PLUS } };
    };
  }
  return builders;
}

const docs =
  (url: string): Builder =>
  async () => ({ url });

const BUILDERS: Record<string, Builder> = {
  "GET /api/health": async () => ({ url: "/api/health" }),
  "GET /api/docs": docs("/api/docs"),
  "GET /api/docs/": docs("/api/docs/"),
  "GET /api/docs/static/index.html": docs("/api/docs/static/index.html"),
  "GET /api/docs/static/swagger-initializer.js": docs("/api/docs/static/swagger-initializer.js"),
  "GET /api/docs/static/*": docs("/api/docs/static/swagger-ui.css"),
  "GET /api/docs/json": docs("/api/docs/json"),
  "GET /api/docs/yaml": docs("/api/docs/yaml"),

  "POST /api/auth/login": async () => ({ url: "/api/auth/login", payload: shared.probe }),
  "POST /api/auth/logout": async () => ({ url: "/api/auth/logout", ownAccount: () => undefined }),
  "GET /api/auth/me": async () => ({ url: "/api/auth/me" }),
  "POST /api/auth/password": async () => ({
    url: "/api/auth/password",
    ownAccount: (a) => ({
      currentPassword: a.password,
      newPassword: `Nx-${randomBytes(6).toString("hex")}-2027y`,
    }),
  }),
  "GET /api/users": async () => ({ url: "/api/users" }),
  "POST /api/users": async () => ({
    url: "/api/users",
    payload: {
      username: `mx.new${next()}`,
      displayName: "Người dùng mới",
      password: `Tz-${randomBytes(6).toString("hex")}-2026x`,
      roles: ["leader"],
      scopeUnitIds: [org.districtA],
    },
  }),
  "PATCH /api/users/:id": async (_side, fresh) => ({
    url: `/api/users/${await targetAccount(fresh)}`,
    payload: { displayName: "Tên mới", roles: ["leader"], scopeUnitIds: [org.districtA] },
  }),
  "POST /api/users/:id/disable": async (_side, fresh) => ({
    url: `/api/users/${await targetAccount(fresh)}/disable`,
  }),
  "POST /api/users/:id/enable": async (_side, fresh) => ({
    url: `/api/users/${await targetAccount(fresh, false)}/enable`,
  }),
  "POST /api/users/:id/password-reset": async (_side, fresh) => ({
    url: `/api/users/${await targetAccount(fresh)}/password-reset`,
    payload: {},
  }),
  "POST /api/users/:id/sessions/end": async (_side, fresh) => ({
    url: `/api/users/${await targetAccount(fresh)}/sessions/end`,
  }),

  "GET /api/audit": async (side) => ({
    url: `/api/audit?entityType=cadre&entityId=${at(side, shared.person.in.id, shared.person.out.id)}`,
  }),

  "GET /api/units/tree": async (side) => ({
    url: side === "in" ? "/api/units/tree" : `/api/units/tree?rootId=${districtOf(side)}`,
  }),
  "GET /api/units/:id": async (side) => ({ url: `/api/units/${unitOf(side)}` }),
  "POST /api/units": async (side) => ({
    url: "/api/units",
    payload: {
      parentId: districtOf(side),
      name: nameOn(side, "Phường"),
      kind: "ward",
      validFrom: "2020-01-01",
    },
  }),
  "POST /api/units/:id/rename": async (side, fresh) => ({
    url: `/api/units/${side === "missing" ? MISSING : fresh ? await freshUnit(side) : shared.unit[side]}/rename`,
    payload: { name: nameOn(side, "Phường"), effectiveDate: "2026-01-01" },
  }),
  "POST /api/units/:id/move": async (side, fresh) => ({
    url: `/api/units/${side === "missing" ? MISSING : fresh ? await freshUnit(side) : shared.unit[side]}/move`,
    // Within its own district: the move itself stays on one side.
    payload: { parentId: side === "out" ? org.communeB1 : org.communeA2, effectiveDate: "2026-01-01" },
  }),
  "POST /api/units/:id/end": async (side, fresh) => ({
    url: `/api/units/${side === "missing" ? MISSING : fresh ? await freshUnit(side) : shared.unit[side]}/end`,
    payload: { endDate: TODAY_PLUS },
  }),

  "POST /api/units/:id/place": async (side, fresh) => ({
    url: `/api/units/${side === "missing" ? MISSING : fresh ? await freshUnit(side) : shared.unit[side]}/place`,
    payload: { placeId: shared.place },
  }),
  "POST /api/units/:id/code": async (side, fresh) => ({
    url: `/api/units/${side === "missing" ? MISSING : fresh ? await freshUnit(side) : shared.unit[side]}/code`,
    payload: { code: `MX-CODE-${next()}` },
  }),
  "POST /api/units/roots": async () => ({
    url: "/api/units/roots",
    payload: { name: `Tỉnh thử ${next()}`, kind: "city", code: `MX-ROOT-${next()}`, validFrom: "2020-01-01" },
  }),
  "GET /api/units/export": async () => ({ url: "/api/units/export?format=csv" }),
  "POST /api/units/import": async () => ({
    url: "/api/units/import?dryRun=true",
    headers: { "content-type": "text/csv" },
    payload: `Mã đơn vị,Tên đơn vị,Loại đơn vị,Khối,Mã đơn vị cấp trên,Mã địa danh,Hoạt động từ ngày,Hoạt động đến ngày\nMX-IMP-${next()},Xã Thử Nhập,commune,,001,,01/01/2020,\n`,
  }),
  "GET /api/codes": async () => ({ url: "/api/codes" }),
  "GET /api/codes/corrections": async () => ({ url: "/api/codes/corrections" }),
  "POST /api/codes": async () => ({
    url: "/api/codes",
    payload: { list: "language", code: `MX${next()}`, name: "Ngôn ngữ thử" },
  }),
  "PATCH /api/codes/:list/:code": async () => ({
    url: `/api/codes/${shared.code.list}/${shared.code.code}`,
    payload: { name: "Ngôn ngữ thử (đã sửa)" },
  }),

  "GET /api/settings": async () => ({ url: "/api/settings" }),
  "GET /api/settings/:key": async () => ({ url: "/api/settings/retirement.notice" }),
  "POST /api/settings/:key/versions": async () => ({
    url: "/api/settings/retirement.notice/versions",
    // A new date each time: versions are never edited, a second one from the same date is refused.
    payload: {
      validFrom: ((n) => `${2030 + Math.floor(n / 28)}-01-${String(1 + (n % 28)).padStart(2, "0")}`)(next()),
      value: { informMonths: 6, decideMonths: 3 },
      citation: "Văn bản thử nghiệm",
    },
  }),

  "GET /api/places": async () => ({ url: "/api/places?q=ba%20dinh" }),
  "GET /api/places/:id": async () => ({ url: `/api/places/${shared.place}` }),
  "GET /api/titles": async () => ({ url: "/api/titles" }),
  "POST /api/titles": async () => ({
    url: "/api/titles",
    payload: { code: `mx.title${next()}`, name: "Chức danh thử", level: "division" },
  }),
  "PATCH /api/titles/:id": async () => ({
    url: `/api/titles/${shared.title}`,
    payload: { isLeadership: true },
  }),
  "GET /api/seats": async (side) => ({ url: `/api/seats?unitId=${unitOf(side)}` }),
  "POST /api/seats": async (side, fresh) => ({
    url: "/api/seats",
    payload: {
      unitId: side === "missing" ? MISSING : fresh ? await freshUnit(side) : unitOf(side),
      titleId: expert,
      validFrom: "2020-01-01",
    },
  }),
  "POST /api/seats/:id/end": async (side, fresh) => ({
    url: `/api/seats/${side === "missing" ? MISSING : fresh ? await freshSeat(side) : shared.seat[side]}/end`,
    payload: { endDate: TODAY_PLUS },
  }),

  "GET /api/cadres": async (side) => ({
    url: side === "in" ? "/api/cadres" : `/api/cadres?unitId=${unitOf(side)}`,
  }),
  "POST /api/cadres": async (side) => ({
    url: "/api/cadres",
    payload: {
      staffCode: `MXN${next()}`,
      fullName: side === "out" ? "Đỗ Văn Ngoại Biên" : "Lê Văn Mới",
      sex: "male",
      birthDate: "1990-01-01",
      staffType: "civil_servant",
      assignment: { unitId: unitOf(side), titleId: expert, validFrom: "2020-01-01" },
    },
  }),
  "GET /api/cadres/me": async () => ({ url: "/api/cadres/me" }),
  "GET /api/cadres/export": async (side) => ({
    url:
      side === "in"
        ? "/api/cadres/export?format=csv"
        : `/api/cadres/export?format=csv&unitId=${unitOf(side)}`,
  }),
  "GET /api/cadres/trainings/export": async (side) => ({
    url:
      side === "in"
        ? "/api/cadres/trainings/export?format=csv"
        : `/api/cadres/trainings/export?format=csv&unitId=${unitOf(side)}`,
  }),
  "GET /api/cadres/:id": async (side) => ({ url: `/api/cadres/${(await person(side, false)).id}` }),
  "PATCH /api/cadres/:id": async (side, fresh) => {
    const p = await person(side, fresh);
    const found = await t.database.pool.query<{ version: number }>(
      "SELECT version FROM cadres WHERE id = $1",
      [p.id],
    );
    return {
      url: `/api/cadres/${p.id}`,
      payload: { version: found.rows[0]?.version ?? 1, phone: "0912000111" },
    };
  },
  "GET /api/cadres/:id/cv": async (side) => ({
    url: `/api/cadres/${(await person(side, false)).id}/cv?format=html`,
  }),
  "GET /api/cadres/retiring": async (side) => ({
    url: side === "in" ? "/api/cadres/retiring" : `/api/cadres/retiring?unitId=${unitOf(side)}`,
  }),
  "GET /api/cadres/retiring.xlsx": async (side) => ({
    url: side === "in" ? "/api/cadres/retiring.xlsx" : `/api/cadres/retiring.xlsx?unitId=${unitOf(side)}`,
  }),
  "GET /api/cadres/:id/retirement-overrides": async (side) => ({
    url: `/api/cadres/${(await person(side, false)).id}/retirement-overrides`,
  }),
  "POST /api/cadres/:id/retirement-overrides": async (side, fresh) => ({
    url: `/api/cadres/${(await person(side, fresh)).id}/retirement-overrides`,
    // Back to the statutory age: valid whatever the person's birth date.
    payload: { validFrom: "2026-01-01", kind: "statutory", documentRef: "01/QĐ-THỬ" },
  }),
  ...Object.assign({}, ...HISTORY_KINDS.map(historyBuilders)),

  "GET /api/indicators": async (side) => ({ url: `/api/indicators?unitId=${districtOf(side)}` }),
  "GET /api/indicators/series": async (side) => ({
    url: `/api/indicators/series?from=2026-01-01&to=2026-03-31&code=I1&unitId=${districtOf(side)}`,
  }),
  "GET /api/indicators/analysis": async (side) => ({
    url: `/api/indicators/analysis?unitId=${districtOf(side)}`,
  }),
  "GET /api/indicators/catalogue": async () => ({ url: "/api/indicators/catalogue" }),
  "GET /api/indicators/catalogue/:code": async () => ({ url: "/api/indicators/catalogue/I1" }),
  "POST /api/indicators/catalogue/:code/versions": async () => ({
    url: "/api/indicators/catalogue/I1/versions",
    payload: {
      ...shared.indicatorVersion,
      effectiveFrom: `2027-01-${String(1 + (next() % 28)).padStart(2, "0")}`,
    },
  }),
  "GET /api/indicators/:code": async (side) => ({ url: `/api/indicators/I1?unitId=${districtOf(side)}` }),
  "GET /api/indicators/:code/people": async (side) => ({
    url: `/api/indicators/I1/people?side=denominator&unitId=${districtOf(side)}`,
  }),
  "GET /api/indicators/:code/people.xlsx": async (side) => ({
    url: `/api/indicators/I1/people.xlsx?side=denominator&unitId=${districtOf(side)}`,
  }),
  "GET /api/indicators.xlsx": async (side) => ({ url: `/api/indicators.xlsx?unitId=${districtOf(side)}` }),
  "GET /api/indicators/analysis/below-target.xlsx": async (side) => ({
    url: `/api/indicators/analysis/below-target.xlsx?unitId=${districtOf(side)}`,
  }),
  "GET /api/indicators/:code/breakdown.xlsx": async (side) => ({
    url: `/api/indicators/I1/breakdown.xlsx?unitId=${districtOf(side)}`,
  }),

  "GET /api/evaluations/periods": async (side) => ({
    url: `/api/evaluations/periods?unitId=${districtOf(side)}`,
  }),
  "POST /api/evaluations/periods": async (side, fresh) => ({
    url: "/api/evaluations/periods",
    payload: {
      unitId: side === "missing" ? MISSING : fresh ? await freshUnit(side) : unitOf(side),
      schemeCode: "decree-335-monthly",
      periodFrom: "2026-05-01",
    },
  }),
  "GET /api/evaluations/periods/:id": async (side) => ({ url: `/api/evaluations/periods/${periodAt(side)}` }),
  "GET /api/evaluations/periods/:id/evaluations": async (side) => ({
    url: `/api/evaluations/periods/${periodAt(side)}/evaluations`,
  }),
  "GET /api/evaluations/periods/:id/mine": async (side) => ({
    url: `/api/evaluations/periods/${periodAt(side)}/mine`,
  }),
  "POST /api/evaluations/periods/:id/close": async (side, fresh) => ({
    url: `/api/evaluations/periods/${
      side !== "missing" && fresh
        ? await periodOfEvaluation(await freshEvaluation(side, "draft"))
        : periodAt(side)
    }/close`,
  }),
  "GET /api/evaluations/:id": async (side) => ({
    url: `/api/evaluations/${side === "missing" ? MISSING : shared.evaluation.submitted[side]}`,
  }),
  "PUT /api/evaluations/:id/self-assessment": evaluationStep("self-assessment", "draft", true, {
    scores: FORM,
  }),
  "POST /api/evaluations/:id/submit": evaluationStep("submit", "scored", true, {}),
  "POST /api/evaluations/:id/review": evaluationStep("review", "submitted", false, { scores: FORM }),
  "POST /api/evaluations/:id/return": evaluationStep("return", "submitted", false, {
    comment: "Bổ sung minh chứng",
  }),
  "POST /api/evaluations/:id/approve": evaluationStep("approve", "reviewed", false, {}),
  "POST /api/evaluations/:id/reopen": evaluationStep("reopen", "locked", false, {
    reason: "Sai sót khi cộng điểm",
  }),

  "GET /api/imports/template": async () => ({ url: "/api/imports/template?format=csv" }),
  "POST /api/imports/cadres": async (side) => importRequest(side),
  "GET /api/imports/:id": async (side) => ({
    url: `/api/imports/${side === "missing" ? randomUUID() : shared.job[side]}`,
  }),
  "GET /api/imports/:id/error-file": async (side) => ({
    url: `/api/imports/${side === "missing" ? randomUUID() : shared.job[side]}/error-file`,
  }),
};

// ---- checks ----

/** A fingerprint of every table: equal before and after a refused change means nothing changed. */
let fingerprintSql: string;
/** The fingerprint after the last refused change, while nothing else has run since. */
let knownPrint: string | undefined;
async function fingerprint(): Promise<string> {
  const result = await t.database.pool.query<{ print: string }>(fingerprintSql);
  return result.rows[0]!.print;
}

function describeOutcome(o: Outcome): string {
  return typeof o === "string" ? o : `${o.status} ${o.code}`;
}

function problemCode(res: LightMyRequestResponse): string | undefined {
  try {
    return (res.json() as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/** What a refusal tells: status, code, and for an import the message of each row error. */
function answerOf(res: LightMyRequestResponse) {
  const body = res.json() as { code?: string; errors?: { column: string | null; message: string }[] };
  return {
    status: res.statusCode,
    code: body.code,
    rows: body.errors?.map((e) => ({ column: e.column, message: e.message.replace(/"[^"]*"|\d{3,}/g, "…") })),
  };
}

function assertOutcome(res: LightMyRequestResponse, expected: Outcome) {
  const seen = `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (typeof expected !== "string") {
    expect(res.statusCode, seen).toBe(expected.status);
    expect(problemCode(res), seen).toBe(expected.code);
    return;
  }
  switch (expected) {
    case "ok":
      expect(res.statusCode, seen).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, seen).toBeLessThan(400);
      break;
    case "unauthenticated":
      expect(res.statusCode, seen).toBe(401);
      expect(problemCode(res), seen).toBe("UNAUTHENTICATED");
      break;
    case "forbidden":
      expect(res.statusCode, seen).toBe(403);
      break;
    case "hidden":
      expect(res.statusCode, seen).toBe(404);
      expect(problemCode(res), seen).toMatch(/_NOT_FOUND$/);
      break;
    case "rows-refused": {
      expect(res.statusCode, seen).toBe(200);
      const report = res.json() as {
        committed: boolean;
        created: number;
        updated: number;
        errorCount: number;
      };
      expect(report, seen).toMatchObject({ committed: false, created: 0, updated: 0 });
      expect(report.errorCount, seen).toBeGreaterThan(0);
      break;
    }
    case "empty":
      expect(res.statusCode, seen).toBe(200);
      expect((res.json() as { items: unknown[] }).items, seen).toEqual([]);
      break;
  }
}

/** Nothing of district B reaches a caller of district A; nothing sensitive reaches a caller without the permission. */
function assertNoLeak(caller: Caller, res: LightMyRequestResponse) {
  const type = String(res.headers["content-type"] ?? "");
  if (!/json|text|csv|javascript/.test(type)) return;
  if (caller !== "anonymous" && !seesEverything(caller)) {
    for (const word of OUTSIDE_WORDS) expect(res.body, `names "${word}" of district B`).not.toContain(word);
  }
  if (!permissionsOf(caller).has("cadres.sensitive")) {
    for (const secret of [...idNumbers, HEALTH, FAMILY_NAME])
      expect(res.body, `carries the sensitive value ${secret}`).not.toContain(secret);
  }
}

async function send(caller: Caller | "admin_without_csrf", method: string, request: Request) {
  let headers: Record<string, string> = {};
  let payload = request.ownAccount
    ? request.ownAccount({ username: "mx.nobody", password: "Tz-unknown-2026x" })
    : request.payload;
  if (caller === "admin_without_csrf") {
    headers = { cookie: sessions.admin.headers.cookie! };
  } else if (caller !== "anonymous") {
    if (request.ownAccount) {
      const own = await account(caller, shared.person.in.id);
      headers = (await t.login(own.username, own.password)).headers;
      payload = request.ownAccount(own);
    } else {
      headers = sessions[caller].headers;
    }
  }
  return t.app.inject({
    method: method as "GET",
    url: request.url,
    headers: { ...headers, ...request.headers },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
}

async function runCase(route: string, caller: Caller, side: "in" | "out" | "none", pending: boolean) {
  const [method] = route.split(" ") as [string];
  const build = BUILDERS[route]!;
  const expected = expectedOutcome(route, caller, side);
  const target: Side = side === "none" ? "in" : side;
  const isChange = method !== "GET";
  // A change that may go through gets a target of its own, so the shared targets stay as they were.
  const fresh = isChange && (expected === "ok" || pending);
  const request = await build(target, fresh);
  const before = isChange && !fresh ? (knownPrint ?? (await fingerprint())) : undefined;
  knownPrint = undefined;
  const res = await send(caller, method, request);
  assertOutcome(res, expected);
  assertNoLeak(caller, res);
  // The import names a unit code outside the scope as such (not as unknown): the codes are the official,
  // published codes of administrative units, so the answer tells nothing that is not public.
  if (side === "out" && (expected === "hidden" || typeof expected === "object")) {
    // Out of scope answers exactly as a target that does not exist, so it does not tell what exists.
    const missing = await send(caller, method, await build("missing", false));
    expect(answerOf(missing)).toEqual(answerOf(res));
  }
  if (before !== undefined) {
    const after = await fingerprint();
    expect(after, "a refused change changed the database").toBe(before);
    knownPrint = after;
  }
}

// ---- the cases ----

type Case = { route: string; caller: Caller; side: "in" | "out" | "none"; pending?: string };

const CASES: Case[] = Object.keys(POLICY)
  .sort()
  .flatMap((route) =>
    CALLERS.flatMap((caller) =>
      (POLICY[route]!.scoped ? (["in", "out"] as const) : (["none"] as const)).map((side) => ({
        route,
        caller,
        side,
        pending: pendingReason(route, caller, side),
      })),
    ),
  );

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  expert = (await titleIds(t)).expert!;
  shared.place = (await loadPlacesSlice(t.db))("2025-07:00004");
  const tables = await t.database.pool.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  // import_runs logs every import attempt, a refused file included: a record of the attempt, not a change.
  tables.rows = tables.rows.filter((r) => r.name !== "import_runs");
  // Per table, the row count and the newest row version (xmin): an insert or delete changes the count, an
  // update writes a row version newer than every other.
  fingerprintSql = `SELECT concat_ws(',', ${tables.rows
    .map((r) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${r.name}")`)
    .join(", ")}) AS print`;

  shared.person = {
    in: await freshPerson("in", HISTORY_KINDS),
    out: await freshPerson("out", HISTORY_KINDS),
  };
  // The family rows carry the sensitive marker; the record of the cadre account has none of its own.
  const self = await t.services.cadres.create(t.system, {
    staffCode: "MX-SELF",
    fullName: "Phan Thị Tự",
    sex: "female",
    birthDate: "1985-03-03",
    staffType: "civil_servant",
    assignment: { unitId: org.communeA2, titleId: expert, validFrom: "2010-01-01" },
  });
  shared.self = self.id;
  shared.unit = { in: await freshUnit("in"), out: await freshUnit("out") };
  shared.seat = { in: await freshSeat("in"), out: await freshSeat("out") };
  const title = await t.services.posts.createTitle(t.system, {
    code: "mx.shared",
    name: "Chức danh thử chung",
    level: "division",
  });
  shared.title = title.id;
  shared.code = { list: "language", code: "MX0" };
  await t.services.codes.create(t.system, { list: "language", code: "MX0", name: "Ngôn ngữ thử" });
  const { versions } = await t.services.indicators.history(t.system, "I1");
  const v = versions[0]! as unknown as Record<string, unknown>;
  shared.indicatorVersion = {
    name: v.name,
    nameEn: v.nameEn,
    population: v.population,
    condition: v.condition,
    target: v.target,
    direction: v.direction,
    display: v.display,
    sortOrder: v.sortOrder,
    active: v.active,
  };
  // Forms in each state the chain's steps start from: the cadre account's own in district A (its first steps)
  // or another person's, and one of district B; the periods of the own draft are the shared periods.
  const targets: [EvaluationTarget, boolean][] = [
    ["draft", true],
    ["scored", true],
    ["submitted", false],
    ["reviewed", false],
    ["locked", false],
  ];
  shared.evaluation = {} as typeof shared.evaluation;
  for (const [state, isOwn] of targets)
    shared.evaluation[state] = {
      in: await freshEvaluation("in", state, isOwn),
      out: await freshEvaluation("out", state),
    };
  shared.period = {
    in: await periodOfEvaluation(shared.evaluation.draft.in),
    out: await periodOfEvaluation(shared.evaluation.draft.out),
  };
  shared.probe = await account("leader", null);
  shared.account = { active: await targetAccount(true), disabled: await targetAccount(true, false) };

  for (const caller of CALLERS) {
    if (caller === "anonymous") continue;
    accounts[caller] = await account(caller, self.id);
    sessions[caller] = await t.login(accounts[caller].username, accounts[caller].password);
  }
  // Import jobs with an error file: one of the officer's (in), one of an officer of district B (out).
  const officerB = `mx.officer-b.${next()}`;
  const officerBPassword = `Tz-${randomBytes(6).toString("hex")}-2026x`;
  await t.services.auth.createUser(t.system, {
    username: officerB,
    displayName: officerB,
    password: officerBPassword,
    roles: ["officer"],
    scopeUnitIds: [org.districtB],
    mustChangePassword: false,
  });
  const jobOf = async (session: Session, side: "in" | "out") => {
    const request = importRequest(side, "&dryRun=true", { sex: "Không rõ" });
    const res = await t.app.inject({
      method: "POST",
      url: request.url,
      headers: { ...session.headers, ...request.headers },
      payload: request.payload as string,
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: string }).id;
  };
  shared.job = {
    in: await jobOf(sessions.officer, "in"),
    out: await jobOf(await t.login(officerB, officerBPassword), "out"),
  };
}, 120_000);
afterAll(async () => t?.close());

describe("the authorisation matrix", () => {
  it("covers every route the app registers, and only those", () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(50);
    expect(
      routes.filter((r) => !(r in POLICY)),
      "routes without a line in the policy table",
    ).toEqual([]);
    expect(
      Object.keys(POLICY).filter((r) => !routes.includes(r)),
      "policy lines naming no route",
    ).toEqual([]);
    expect(Object.keys(BUILDERS).sort()).toEqual(Object.keys(POLICY).sort());
  });

  it("notices a change of one field of one row in its fingerprint of the database", async () => {
    const before = await fingerprint();
    knownPrint = undefined;
    await t.database.pool.query("UPDATE cadres SET phone = phone WHERE id = $1", [shared.person.out.id]);
    expect(await fingerprint()).not.toBe(before);
  });

  it("expects the grants the roles have", () => {
    const asSets = (m: Record<string, readonly string[]>) =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v].sort()]));
    expect(asSets(ROLE_PERMISSIONS)).toEqual(asSets(GRANTS));
  });

  const changes = Object.keys(POLICY)
    .sort()
    .filter((route) => POLICY[route]!.needs !== "public" && !route.startsWith("GET "));
  it.each(changes)("%s · admin without the CSRF token → 403 CSRF_INVALID", async (route) => {
    const [method] = route.split(" ") as [string];
    const request = await BUILDERS[route]!("in", false);
    if (request.ownAccount) request.payload = request.ownAccount(accounts.admin);
    const before = await fingerprint();
    knownPrint = undefined;
    const res = await send("admin_without_csrf", method, request);
    expect(res.statusCode, res.body).toBe(403);
    expect(problemCode(res)).toBe("CSRF_INVALID");
    expect(await fingerprint()).toBe(before);
  });

  for (const c of CASES) {
    const expected = describeOutcome(expectedOutcome(c.route, c.caller, c.side));
    const where = { none: "", in: " · in scope", out: " · out of scope" }[c.side];
    const name = `${c.route} · ${c.caller}${where} → ${expected}`;
    if (c.pending)
      it.fails(`${name} (pending: ${c.pending})`, () => runCase(c.route, c.caller, c.side, true));
    else it(name, () => runCase(c.route, c.caller, c.side, false));
  }
});

/**
 * A change aimed at something in the caller's scope that names something outside it (a new parent, a
 * successor, a unit of a post, a row of another person): refused exactly as when the thing named does not
 * exist, and nothing changes.
 */
describe("references across the scope", () => {
  type Reference = {
    case: string;
    url: () => string;
    method?: "POST" | "PATCH" | "DELETE";
    body: (ref: number) => object;
    ref: () => number;
  };
  const rowOfB = (kind: HistoryKind) => () => shared.person.out.rows[kind]!;
  const references: Reference[] = [
    {
      case: "moves a unit of A under a unit of B",
      url: () => `/api/units/${shared.unit.in}/move`,
      body: (parentId) => ({ parentId, effectiveDate: "2026-01-01" }),
      ref: () => org.districtB,
    },
    {
      case: "ends a unit of A naming a successor in B",
      url: () => `/api/units/${shared.unit.in}/end`,
      body: (successorId) => ({ endDate: TODAY_PLUS, successorId, lineageKind: "merge" }),
      ref: () => org.communeB1,
    },
    {
      case: "gives a person of A a post in a unit of B",
      url: () => `/api/cadres/${shared.person.in.id}/assignments`,
      body: (unitId) => ({ unitId, titleId: expert, isMain: false, validFrom: "2016-01-01" }),
      ref: () => org.communeB1,
    },
    {
      case: "gives a person of A a seat of a unit of B",
      url: () => `/api/cadres/${shared.person.in.id}/assignments`,
      body: (seatId) => ({ seatId, isMain: false, validFrom: "2021-01-01" }),
      ref: () => shared.seat.out,
    },
    {
      case: "corrects the post of a person of A to a unit of B",
      method: "PATCH",
      url: () => `/api/cadres/${shared.person.in.id}/assignments/${shared.person.in.rows.assignments}`,
      body: (unitId) => ({ unitId }),
      ref: () => org.communeB1,
    },
    ...(["tiers", "salaries", "work-history"] as const).map(
      (kind): Reference => ({
        case: `ends a ${kind} row of a person of B through a person of A`,
        url: () => `/api/cadres/${shared.person.in.id}/${kind}/${refSlot}/end`,
        body: () => ({ endDate: TODAY_PLUS }),
        ref: rowOfB(kind),
      }),
    ),
    ...HISTORY_KINDS.filter((k) => k !== "family").flatMap((kind): Reference[] => [
      {
        case: `corrects a ${kind} row of a person of B through a person of A`,
        method: "PATCH",
        url: () => `/api/cadres/${shared.person.in.id}/${kind}/${refSlot}`,
        body: () => CORRECTION[kind],
        ref: rowOfB(kind),
      },
      {
        case: `deletes a ${kind} row of a person of B through a person of A`,
        method: "DELETE",
        url: () => `/api/cadres/${shared.person.in.id}/${kind}/${refSlot}`,
        body: () => ({ reason: "Dòng nhập nhầm" }),
        ref: rowOfB(kind),
      },
    ]),
  ];

  it.each(references)(
    "an officer of A is refused when it $case, as for one that does not exist",
    async (r) => {
      const call = (ref: number) =>
        t.app.inject({
          method: r.method ?? "POST",
          url: r.url().replace(refSlot, String(ref)),
          headers: sessions.officer_sensitive.headers,
          payload: r.body(ref),
        });
      const before = await fingerprint();
      knownPrint = undefined;
      const outside = await call(r.ref());
      const missing = await call(MISSING);
      expect([403, 404, 422], outside.body).toContain(outside.statusCode);
      expect(answerOf(outside)).toEqual(answerOf(missing));
      assertNoLeak("officer_sensitive", outside);
      expect(await fingerprint()).toBe(before);
    },
  );
});

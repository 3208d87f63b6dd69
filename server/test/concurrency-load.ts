import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { Permission, Role } from "../../common/enums/auth.ts";
import type { Services } from "../app.ts";
import type { Actor } from "../lib/actor.ts";
import { idNumberFor } from "../modules/cadres/cadres.test-helpers.ts";
import { buildCity, seededRandom } from "./factories.ts";

/**
 * Many sessions of different users reading and writing over real sockets at once, with every answer
 * checked against what that user may see: the concurrency test (server/test/concurrency.test.ts) and
 * its longer bench (bench/concurrency.ts) share it.
 *
 * The world: a city with districts A (d1) and B (d2) (more districts only the admin sees), people with
 * ID numbers, health notes and family rows in every commune, and five users — an admin; an officer of A
 * with cadres.sensitive; an officer of B without it; an officer of commune A1 without it; a leader of A.
 * Secrets are written as `SECRET-…` and the ID numbers are known, so an answer that carries one to a
 * user without the permission is found in its raw text.
 */

export type LoadUserKey = "admin" | "officerA" | "officerB" | "officerA1" | "leaderA";

export type LoadUser = {
  key: LoadUserKey;
  username: string;
  id: number;
  roles: Role[];
  sensitive: boolean;
  scope: "all" | number[];
  /** People this user may read today (main post in scope). */
  visible: Set<number>;
};

export type LoadSession = { user: LoadUser; cookie: string; csrf: string };

export type LoadCadre = {
  id: number;
  staffCode: string;
  idNumber: string;
  district: number;
  commune: number;
  /** Number in the SECRET-HEALTH-n and SECRET-FAMILY-n texts of this person. */
  secret: number;
};

export type LoadWorld = {
  baseUrl: string;
  /** Marker prefix of this run: every marker is `${run}W000123Z`. */
  run: string;
  users: Record<LoadUserKey, LoadUser>;
  sessions: LoadSession[];
  cadres: LoadCadre[];
  city: number;
  /** Unit ids of each district and its communes. */
  districts: { id: number; communes: number[] }[];
  idNumbers: Set<string>;
  titleId: number;
};

export type WorldOptions = {
  districts?: number;
  communesPerDistrict?: number;
  cadresPerCommune?: number;
  sessionsPerUser?: number;
};

const FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"];
const GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Lan", "Linh", "Mai", "Nam", "Sơn"];

/** Builds the world through the services, then logs every session in over HTTP. */
export async function buildLoadWorld(
  deps: { services: Services; system: Actor; baseUrl: string },
  options: WorldOptions = {},
): Promise<LoadWorld> {
  const { services, system, baseUrl } = deps;
  const districts = Math.max(2, options.districts ?? 2);
  const communesPerDistrict = Math.max(2, options.communesPerDistrict ?? 2);
  const cadresPerCommune = options.cadresPerCommune ?? 3;
  const sessionsPerUser = options.sessionsPerUser ?? 2;
  const run = randomBytes(3).toString("hex").toUpperCase().replace(/^\d/, "R");

  const city = await buildCity(services.units, system, { districts, communesPerDistrict });
  const tree = Array.from({ length: districts }, (_, d) => ({
    id: city.id(`d${d + 1}`),
    communes: Array.from({ length: communesPerDistrict }, (_, c) => city.id(`d${d + 1}.c${c + 1}`)),
  }));
  const { items: titles } = await services.posts.listTitles(system);
  const titleId = titles.find((t) => t.code === "expert")!.id;

  const cadres: LoadCadre[] = [];
  let serial = 0;
  for (const district of tree) {
    for (const commune of district.communes) {
      for (let k = 0; k < cadresPerCommune; k++) {
        serial += 1;
        const sex = serial % 2 ? "male" : "female";
        const birthDate = `19${70 + (serial % 25)}-0${1 + (serial % 9)}-1${serial % 9}`;
        const idNumber = idNumberFor(sex, birthDate, 500_000 + serial);
        const staffCode = `LT${String(serial).padStart(5, "0")}`;
        const person = await services.cadres.create(system, {
          staffCode,
          fullName: `${FAMILY_NAMES[serial % FAMILY_NAMES.length]} ${sex === "male" ? "Văn" : "Thị"} ${GIVEN_NAMES[serial % GIVEN_NAMES.length]}`,
          sex,
          birthDate,
          staffType: "civil_servant",
          idNumber,
          ethnicityCode: "06",
          religionCode: "02",
          health: `SECRET-HEALTH-${serial}`,
          assignment: { unitId: commune, titleId, validFrom: "2010-01-01" },
        });
        await services.histories.add(system, person.id, "family", {
          side: "own",
          relation: "Mẹ",
          fullName: "Lê Thị Hạnh",
          birthYear: 1950,
          details: `SECRET-FAMILY-${serial}`,
        });
        cadres.push({ id: person.id, staffCode, idNumber, district: district.id, commune, secret: serial });
      }
    }
  }

  const inDistrict = (d: number) => new Set(cadres.filter((c) => c.district === d).map((c) => c.id));
  const A = tree[0]!;
  const B = tree[1]!;
  const specs: {
    key: LoadUserKey;
    roles: Role[];
    scope: number[] | "all";
    extra: Permission[];
    visible: Set<number>;
  }[] = [
    { key: "admin", roles: ["admin"], scope: "all", extra: [], visible: new Set(cadres.map((c) => c.id)) },
    {
      key: "officerA",
      roles: ["officer"],
      scope: [A.id],
      extra: ["cadres.sensitive"],
      visible: inDistrict(A.id),
    },
    { key: "officerB", roles: ["officer"], scope: [B.id], extra: [], visible: inDistrict(B.id) },
    {
      key: "officerA1",
      roles: ["officer"],
      scope: [A.communes[0]!],
      extra: [],
      visible: new Set(cadres.filter((c) => c.commune === A.communes[0]).map((c) => c.id)),
    },
    { key: "leaderA", roles: ["leader"], scope: [A.id], extra: [], visible: inDistrict(A.id) },
  ];

  const users = {} as Record<LoadUserKey, LoadUser>;
  const sessions: LoadSession[] = [];
  for (const spec of specs) {
    const username = `${spec.key.toLowerCase()}.${run.toLowerCase()}`;
    const password = `Lt-${randomBytes(6).toString("hex")}-2026x`;
    const created = await services.auth.createUser(system, {
      username,
      displayName: `Người dùng ${spec.key}`,
      password,
      roles: spec.roles,
      scopeUnitIds: spec.scope === "all" ? [] : spec.scope,
      extraPermissions: spec.extra,
      mustChangePassword: false,
    });
    const user: LoadUser = {
      key: spec.key,
      username,
      id: created.id,
      roles: spec.roles,
      sensitive: spec.key === "admin" || spec.extra.includes("cadres.sensitive"),
      scope: spec.scope,
      visible: spec.visible,
    };
    users[spec.key] = user;
    for (let s = 0; s < sessionsPerUser; s++)
      sessions.push({ user, ...(await httpLogin(baseUrl, username, password)) });
  }

  return {
    baseUrl,
    run,
    users,
    sessions,
    cadres,
    city: city.id("city"),
    districts: tree,
    idNumbers: new Set(cadres.map((c) => c.idNumber)),
    titleId,
  };
}

/** Logs in over HTTP; returns the cookies and the CSRF token of the new session. */
export async function httpLogin(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${text}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

// ---- the load ----

export type Violation =
  | "wrongUser"
  | "unmasked"
  | "outOfScope"
  | "wrongAnswer"
  | "serverError"
  | "transport"
  | "unexpectedStatus";

export const VIOLATIONS: readonly Violation[] = [
  "wrongUser",
  "unmasked",
  "outOfScope",
  "wrongAnswer",
  "serverError",
  "transport",
  "unexpectedStatus",
];

export type EndpointStats = {
  requests: number;
  /** Answers by status class: 2xx, 4xx (expected refusals and unexpected ones), 5xx, 0 = no answer. */
  byStatus: Record<string, number>;
  latencies: number[];
} & Record<Violation, number>;

export type Incident = { endpoint: string; violation: Violation; user: string; status: number; note: string };

export type WriteKind = "rename" | "update" | "workHistory" | "create";

/** One write that was sent: a 2xx must be in the database afterwards, anything else must not. */
export type WriteRecord = {
  kind: WriteKind;
  marker: string;
  status: number;
  user: string;
  /** What the write was designed to do. */
  designed: "succeed" | "fail";
  cadreId?: number;
  /** The record's version in a 2xx answer to an update. */
  version?: number;
};

export type LoadOptions = {
  durationMs: number;
  /**
   * Keep going past durationMs (up to maxDurationMs) until this much was done: on a busy machine a
   * short run may otherwise check too few answers to mean anything.
   */
  atLeast?: { requests: number; writes: number };
  maxDurationMs?: number;
  /** Reading loops per session. */
  readersPerSession?: number;
  /** Loops that update people (two per district keep version conflicts coming). */
  updaters?: number;
  /** Loops that send writes designed to fail. */
  failers?: number;
  timeoutMs?: number;
  seed?: number;
  /** Incidents kept with their details, per kind of violation (all are counted). */
  keepIncidents?: number;
};

export type LoadResult = {
  elapsedMs: number;
  endpoints: Map<string, EndpointStats>;
  incidents: Incident[];
  writes: WriteRecord[];
};

const ME = "GET /api/auth/me";
const DETAIL = "GET /api/cadres/:id";
const LIST = "GET /api/cadres";
const UPDATE = "PATCH /api/cadres/:id";
const RENAME = "POST /api/units/:id/rename";
const WORK = "POST /api/cadres/:id/work-history";
const CREATE = "POST /api/cadres";

type Answer = { status: number; text: string; ms: number };

/** Runs readers and writers against the world's server until the duration has passed. */
export async function runLoad(world: LoadWorld, options: LoadOptions): Promise<LoadResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const keep = options.keepIncidents ?? 10;
  const rnd = seededRandom(options.seed ?? 20260615);
  const endpoints = new Map<string, EndpointStats>();
  const incidents: Incident[] = [];
  const kept = zeroViolations();
  const writes: WriteRecord[] = [];
  let markerSeq = 0;
  const marker = () => `${world.run}W${String(++markerSeq).padStart(6, "0")}Z`;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const hardDeadline = started + Math.max(options.durationMs, options.maxDurationMs ?? 0);
  let requests = 0;
  const enough = () =>
    !options.atLeast || (requests >= options.atLeast.requests && writes.length >= options.atLeast.writes);
  const running = () => {
    const now = performance.now();
    return now < deadline || (now < hardDeadline && !enough());
  };

  const stats = (endpoint: string): EndpointStats => {
    let s = endpoints.get(endpoint);
    if (!s) {
      s = { requests: 0, byStatus: {}, latencies: [], ...zeroViolations() };
      endpoints.set(endpoint, s);
    }
    return s;
  };
  const flag = (endpoint: string, violation: Violation, s: LoadSession, status: number, note: string) => {
    const st = stats(endpoint);
    st[violation] += 1;
    if (kept[violation] < keep) {
      kept[violation] += 1;
      incidents.push({ endpoint, violation, user: s.user.username, status, note });
    }
  };

  async function call(
    s: LoadSession,
    endpoint: string,
    method: "GET" | "POST" | "PATCH",
    path: string,
    body?: object,
  ): Promise<Answer> {
    const t0 = performance.now();
    let answer: Answer;
    try {
      const headers: Record<string, string> = { cookie: s.cookie };
      if (method !== "GET") headers["x-csrf-token"] = s.csrf;
      if (body) headers["content-type"] = "application/json";
      const res = await fetch(`${world.baseUrl}${path}`, {
        method,
        headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      answer = { status: res.status, text, ms: performance.now() - t0 };
    } catch (error) {
      answer = { status: 0, text: String(error), ms: performance.now() - t0 };
    }
    const st = stats(endpoint);
    st.requests += 1;
    requests += 1;
    st.latencies.push(answer.ms);
    const cls = answer.status === 0 ? "none" : `${Math.floor(answer.status / 100)}xx`;
    st.byStatus[cls] = (st.byStatus[cls] ?? 0) + 1;
    if (answer.status === 0) flag(endpoint, "transport", s, 0, answer.text.slice(0, 200));
    else if (answer.status >= 500) flag(endpoint, "serverError", s, answer.status, answer.text.slice(0, 300));
    // Nothing may carry a secret to a user without the sensitive permission, whatever the route.
    else if (!s.user.sensitive && leaksSecret(world, answer.text))
      flag(endpoint, "unmasked", s, answer.status, `${path}: ${answer.text.slice(0, 200)}`);
    return answer;
  }

  /** Flags an answer whose status is not among the expected ones; true when it is. */
  const expectStatus = (endpoint: string, s: LoadSession, a: Answer, expected: number[], path: string) => {
    if (expected.includes(a.status)) return true;
    if (a.status !== 0 && a.status < 500)
      flag(endpoint, "unexpectedStatus", s, a.status, `${path}: ${a.text.slice(0, 200)}`);
    return false;
  };

  async function readMe(s: LoadSession) {
    const a = await call(s, ME, "GET", "/api/auth/me");
    if (!expectStatus(ME, s, a, [200], "/api/auth/me")) return;
    const me = JSON.parse(a.text) as {
      id: number;
      username: string;
      roles: string[];
      permissions: string[];
      scope: "all" | { id: number }[];
      csrfToken: string;
    };
    const u = s.user;
    const scopeIds = me.scope === "all" ? "all" : me.scope.map((x) => x.id).sort();
    const expectedScope = u.scope === "all" ? "all" : [...u.scope].sort();
    const wrong = [
      me.id !== u.id || me.username !== u.username ? `user ${me.username}#${me.id}` : "",
      me.csrfToken !== s.csrf ? "another session's CSRF token" : "",
      JSON.stringify([...me.roles].sort()) !== JSON.stringify([...u.roles].sort()) ? `roles ${me.roles}` : "",
      me.permissions.includes("cadres.sensitive") !== u.sensitive ? `permissions ${me.permissions}` : "",
      JSON.stringify(scopeIds) !== JSON.stringify(expectedScope) ? `scope ${JSON.stringify(scopeIds)}` : "",
    ].filter(Boolean);
    if (wrong.length)
      flag(
        ME,
        "wrongUser",
        s,
        a.status,
        `session of ${u.username}#${u.id} answered with ${wrong.join("; ")}`,
      );
  }

  /** Reads one record and checks it against what the user may see; returns its version when readable. */
  async function readDetail(s: LoadSession, c: LoadCadre): Promise<number | undefined> {
    const path = `/api/cadres/${c.id}`;
    const a = await call(s, DETAIL, "GET", path);
    if (!s.user.visible.has(c.id)) {
      if (a.status === 200) flag(DETAIL, "outOfScope", s, 200, `${path} is out of scope`);
      else expectStatus(DETAIL, s, a, [404], path);
      return undefined;
    }
    if (!expectStatus(DETAIL, s, a, [200], path)) return undefined;
    checkRecord(DETAIL, s, c, JSON.parse(a.text) as RecordAnswer, path);
    return (JSON.parse(a.text) as RecordAnswer).version;
  }

  type RecordAnswer = {
    id: number;
    staffCode: string;
    idNumber: string | null;
    ethnicityCode: string | null;
    religionCode: string | null;
    health: string | null;
    version: number;
    strengths: string | null;
    masked: string[];
    family?: { details: string | null }[];
  };

  function checkRecord(endpoint: string, s: LoadSession, c: LoadCadre, r: RecordAnswer, path: string) {
    if (r.id !== c.id || r.staffCode !== c.staffCode) {
      flag(endpoint, "wrongAnswer", s, 200, `${path} answered person ${r.id} ${r.staffCode}`);
      return;
    }
    if (s.user.sensitive) {
      const own = `SECRET-FAMILY-${c.secret}`;
      if (
        r.idNumber !== c.idNumber ||
        r.health !== `SECRET-HEALTH-${c.secret}` ||
        !r.family?.length ||
        r.family.some((f) => f.details !== own)
      )
        flag(endpoint, "wrongAnswer", s, 200, `${path}: sensitive parts of another record or missing`);
      return;
    }
    const masked =
      r.idNumber === null &&
      r.ethnicityCode === null &&
      r.religionCode === null &&
      r.health === null &&
      r.family === undefined &&
      ["idNumber", "family", "health"].every((m) => r.masked.includes(m));
    if (!masked) flag(endpoint, "unmasked", s, 200, `${path}: sensitive parts not masked`);
  }

  async function readList(s: LoadSession) {
    const path = "/api/cadres?page=1&pageSize=200";
    const a = await call(s, LIST, "GET", path);
    if (!expectStatus(LIST, s, a, [200], path)) return;
    const page = JSON.parse(a.text) as { total: number; items: { id: number }[] };
    const outside = page.items.filter((i) => !s.user.visible.has(i.id));
    if (outside.length) {
      flag(LIST, "outOfScope", s, 200, `${outside.length} people out of scope, e.g. ${outside[0]!.id}`);
      return;
    }
    const expected = Math.min(200, s.user.visible.size);
    if (page.total !== s.user.visible.size || page.items.length !== expected)
      flag(
        LIST,
        "wrongAnswer",
        s,
        200,
        `total ${page.total}/${s.user.visible.size}, ${page.items.length} items`,
      );
  }

  const reader = async (s: LoadSession) => {
    while (running()) {
      const x = rnd.next();
      if (x < 0.4) await readMe(s);
      else if (x < 0.8) await readDetail(s, rnd.pick(world.cadres));
      else await readList(s);
    }
  };

  // ---- writers ----

  const record = (w: Omit<WriteRecord, "user"> & { s: LoadSession }) => {
    const { s, ...rest } = w;
    writes.push({ ...rest, user: s.user.username });
  };
  /** Day n after 2001-01-01: each rename of a unit takes the next day, so its names follow each other. */
  const days = (n: number) => new Date(Date.UTC(2001, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const renameCount = new Map<number, number>();

  const renamer = async (s: LoadSession, unitIds: number[]) => {
    for (let i = 0; running(); i++) {
      const unitId = unitIds[i % unitIds.length]!;
      const n = (renameCount.get(unitId) ?? 0) + 1;
      renameCount.set(unitId, n);
      const m = marker();
      const path = `/api/units/${unitId}/rename`;
      const a = await call(s, RENAME, "POST", path, { name: `Đơn vị ${m}`, effectiveDate: days(n) });
      if (expectStatus(RENAME, s, a, [200], path)) {
        const unit = JSON.parse(a.text) as { id: number; name: string };
        if (unit.id !== unitId || unit.name !== `Đơn vị ${m}`)
          flag(RENAME, "wrongAnswer", s, 200, `${path} answered unit ${unit.id} named ${unit.name}`);
      }
      record({ s, kind: "rename", marker: m, status: a.status, designed: "succeed" });
    }
  };

  const updater = async (s: LoadSession, people: LoadCadre[]) => {
    while (running()) {
      const c = rnd.pick(people);
      const version = await readDetail(s, c);
      if (version === undefined) continue;
      const m = marker();
      const path = `/api/cadres/${c.id}`;
      const a = await call(s, UPDATE, "PATCH", path, { version, strengths: m, reason: "load" });
      if (expectStatus(UPDATE, s, a, [200, 409], path) && a.status === 200) {
        const r = JSON.parse(a.text) as RecordAnswer;
        checkRecord(UPDATE, s, c, r, path);
        if (r.strengths !== m) flag(UPDATE, "wrongAnswer", s, 200, `${path}: strengths ${r.strengths}`);
        record({
          s,
          kind: "update",
          marker: m,
          status: a.status,
          designed: "succeed",
          cadreId: c.id,
          version: r.version,
        });
      } else {
        record({ s, kind: "update", marker: m, status: a.status, designed: "succeed", cadreId: c.id });
      }
    }
  };

  const historian = async (s: LoadSession, people: LoadCadre[]) => {
    while (running()) {
      const c = rnd.pick(people);
      const m = marker();
      const path = `/api/cadres/${c.id}/work-history`;
      const a = await call(s, WORK, "POST", path, {
        validFrom: "2005-01-01",
        validTo: "2006-01-01",
        unitText: m,
        reason: "load",
      });
      expectStatus(WORK, s, a, [201], path);
      record({ s, kind: "workHistory", marker: m, status: a.status, designed: "succeed", cadreId: c.id });
    }
  };

  // Writes designed to fail, most of them after the transaction has begun or written: each must be
  // refused with a 4xx and leave nothing behind.
  const { admin, officerA, officerB } = world.users;
  const sessionOf = (u: LoadUser, i: number) => {
    const own = world.sessions.filter((x) => x.user === u);
    return own[i % own.length]!;
  };
  const A = world.districts[0]!;
  const B = world.districts[1]!;
  const peopleOf = (d: number) => world.cadres.filter((c) => c.district === d);
  const failer = async (offset: number) => {
    for (let i = offset; running(); i++) {
      const m = marker();
      const kind = i % 8;
      const fail = async (
        s: LoadSession,
        endpoint: string,
        w: WriteKind,
        path: string,
        body: object,
        c?: LoadCadre,
      ) => {
        const a = await call(s, endpoint, endpoint === UPDATE ? "PATCH" : "POST", path, body);
        if (a.status >= 200 && a.status < 300)
          flag(endpoint, "wrongAnswer", s, a.status, `${path}: a write designed to fail was accepted`);
        else if (a.status === 401 || (a.status === 403 && a.text.includes("CSRF")))
          flag(endpoint, "unexpectedStatus", s, a.status, `${path}: ${a.text.slice(0, 200)}`);
        record({
          s,
          kind: w,
          marker: m,
          status: a.status,
          designed: "fail",
          ...(c ? { cadreId: c.id } : {}),
        });
      };
      const a = sessionOf(officerA, i);
      const b = sessionOf(officerB, i);
      const root = sessionOf(admin, i);
      const pa = rnd.pick(peopleOf(A.id));
      switch (kind) {
        case 0: // a stale version: refused after the row is locked
          await fail(a, UPDATE, "update", `/api/cadres/${pa.id}`, { version: 999_999, strengths: m }, pa);
          break;
        case 1: {
          // dates that contradict each other: refused after the row is locked and the version matched
          const version = (await readDetail(a, pa)) ?? 1;
          await fail(
            a,
            UPDATE,
            "update",
            `/api/cadres/${pa.id}`,
            { version, strengths: m, recruitmentDate: "1900-01-01" },
            pa,
          );
          break;
        }
        case 2: // a first post outside the officer's scope: refused after the person and the audit row are written
          await fail(a, CREATE, "create", "/api/cadres", {
            staffCode: m,
            fullName: "Người Thử Tải",
            sex: "male",
            birthDate: "1985-05-05",
            staffType: "civil_servant",
            assignment: { unitId: B.communes[0]!, titleId: world.titleId, validFrom: "2015-01-01" },
          });
          break;
        case 3: // a staff code already taken
          await fail(a, CREATE, "create", "/api/cadres", {
            staffCode: pa.staffCode,
            fullName: "Người Thử Tải",
            sex: "male",
            birthDate: "1985-05-05",
            staffType: "civil_servant",
            strengths: m,
            assignment: { unitId: A.communes[0]!, titleId: world.titleId, validFrom: "2015-01-01" },
          });
          break;
        case 4: // renaming a unit outside one's scope
          await fail(b, RENAME, "rename", `/api/units/${A.communes[0]}/rename`, {
            name: `Đơn vị ${m}`,
            effectiveDate: "2024-01-01",
          });
          break;
        case 5: // renaming a unit before it existed
          await fail(root, RENAME, "rename", `/api/units/${B.communes[0]}/rename`, {
            name: `Đơn vị ${m}`,
            effectiveDate: "1990-01-01",
          });
          break;
        case 6: // not an email: refused by the route's schema
          await fail(b, UPDATE, "update", `/api/cadres/${rnd.pick(peopleOf(B.id)).id}`, {
            version: 1,
            email: "không phải email",
            strengths: m,
          });
          break;
        case 7: // a period that ends before it starts
          await fail(
            root,
            WORK,
            "workHistory",
            `/api/cadres/${pa.id}/work-history`,
            {
              validFrom: "2006-01-01",
              validTo: "2005-01-01",
              unitText: m,
            },
            pa,
          );
          break;
      }
    }
  };

  const loops: Promise<void>[] = [];
  /** Runs a loop to the end; an answer that cannot be read is a wrong answer, and the loop goes on. */
  const guard = (s: LoadSession, loop: () => Promise<void>) =>
    loops.push(
      (async () => {
        while (running()) {
          try {
            await loop();
          } catch (error) {
            flag("(unreadable answer)", "wrongAnswer", s, 0, String(error).slice(0, 200));
          }
        }
      })(),
    );
  const readersPerSession = options.readersPerSession ?? 2;
  for (const s of world.sessions) for (let r = 0; r < readersPerSession; r++) guard(s, () => reader(s));
  // Renames: each unit has one renaming loop, so its names follow each other by date.
  guard(sessionOf(admin, 0), () => renamer(sessionOf(admin, 0), [B.id, ...B.communes, world.city]));
  guard(sessionOf(officerA, 0), () => renamer(sessionOf(officerA, 0), A.communes));
  const updaters = options.updaters ?? 3;
  for (let i = 0; i < updaters; i++) {
    // Officers of A and B (B without the sensitive permission: its answers must come back masked).
    const u = i % 3 === 2 ? officerB : officerA;
    guard(sessionOf(u, i), () => updater(sessionOf(u, i), peopleOf(u === officerA ? A.id : B.id)));
  }
  guard(sessionOf(admin, 1), () => historian(sessionOf(admin, 1), world.cadres));
  const failers = options.failers ?? 2;
  for (let i = 0; i < failers; i++) guard(sessionOf(officerA, i), () => failer(i * 3));
  await Promise.all(loops);
  // The worst first: wrong users, then unmasked answers, and so on.
  incidents.sort((x, y) => VIOLATIONS.indexOf(x.violation) - VIOLATIONS.indexOf(y.violation));
  return { elapsedMs: performance.now() - started, endpoints, incidents, writes };
}

function zeroViolations(): Record<Violation, number> {
  return Object.fromEntries(VIOLATIONS.map((v) => [v, 0])) as Record<Violation, number>;
}

/** A secret text or a known ID number anywhere in the answer. */
function leaksSecret(world: LoadWorld, text: string): boolean {
  if (text.includes("SECRET-")) return true;
  for (const m of text.matchAll(/\d{12}/g)) if (world.idNumbers.has(m[0])) return true;
  return false;
}

// ---- after the load ----

export type WriteCheck = {
  acknowledged: number;
  refused: number;
  /** Answered 2xx, not in the database (or not in the audit trail). */
  acknowledgedMissing: WriteRecord[];
  /** Answered 4xx/5xx (or no answer was designed to fail), yet in the database or the audit trail. */
  refusedPresent: WriteRecord[];
  /** People whose stored version and strengths are not those of their last acknowledged update. */
  finalStateWrong: string[];
};

/** Checks the database against the answers: every 2xx write is there, every refused one is not. */
export async function checkWrites(
  pool: pg.Pool,
  world: LoadWorld,
  writes: WriteRecord[],
): Promise<WriteCheck> {
  const like = `%${world.run}W%`;
  const pattern = new RegExp(`${world.run}W\\d{6}Z`, "g");
  const markersIn = (rows: { t: string | null }[]) => {
    const found = new Set<string>();
    for (const row of rows) for (const m of (row.t ?? "").matchAll(pattern)) found.add(m[0]);
    return found;
  };
  const q = async (text: string) => markersIn((await pool.query<{ t: string | null }>(text, [like])).rows);
  const data = {
    rename: await q("SELECT name AS t FROM unit_versions WHERE name LIKE $1"),
    update: await q("SELECT strengths AS t FROM cadres WHERE strengths LIKE $1"),
    workHistory: await q("SELECT unit_text AS t FROM cadre_work_history WHERE unit_text LIKE $1"),
    create: await q(
      "SELECT staff_code || ' ' || coalesce(strengths, '') AS t FROM cadres WHERE staff_code LIKE $1 OR strengths LIKE $1",
    ),
  } satisfies Record<WriteKind, Set<string>>;
  const audited = await q(
    "SELECT coalesce(after::text, '') || ' ' || coalesce(before::text, '') AS t FROM audit_log WHERE after::text LIKE $1 OR before::text LIKE $1",
  );

  const acked = (w: WriteRecord) => w.status >= 200 && w.status < 300;
  const result: WriteCheck = {
    acknowledged: 0,
    refused: 0,
    acknowledgedMissing: [],
    refusedPresent: [],
    finalStateWrong: [],
  };
  for (const w of writes) {
    // An update is overwritten by the next one: its trace is the audit row; the last one is checked below.
    const inData = w.kind === "update" ? undefined : data[w.kind].has(w.marker);
    const inAudit = audited.has(w.marker);
    if (acked(w)) {
      result.acknowledged += 1;
      if (inData === false || !inAudit) result.acknowledgedMissing.push(w);
    } else if (w.status !== 0 || w.designed === "fail") {
      result.refused += 1;
      const stored = w.kind === "update" ? data.update.has(w.marker) || data.create.has(w.marker) : inData;
      if (stored || inAudit) result.refusedPresent.push(w);
    }
  }

  const last = new Map<number, WriteRecord>();
  for (const w of writes) {
    if (w.kind !== "update" || !acked(w) || w.cadreId === undefined || w.version === undefined) continue;
    const before = last.get(w.cadreId);
    if (!before || before.version! < w.version) last.set(w.cadreId, w);
  }
  if (last.size) {
    const { rows } = await pool.query<{ id: number; version: number; strengths: string | null }>(
      "SELECT id, version, strengths FROM cadres WHERE id = ANY($1::int[])",
      [[...last.keys()]],
    );
    for (const row of rows) {
      const w = last.get(row.id)!;
      if (row.version !== w.version || row.strengths !== w.marker)
        result.finalStateWrong.push(
          `person ${row.id}: stored version ${row.version} "${row.strengths}", last acknowledged ${w.version} "${w.marker}"`,
        );
    }
  }
  return result;
}

// ---- figures ----

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Totals of every violation over all endpoints. */
export function totals(result: LoadResult): Record<Violation, number> & { requests: number } {
  const t = { requests: 0, ...zeroViolations() };
  for (const s of result.endpoints.values()) {
    t.requests += s.requests;
    for (const v of VIOLATIONS) t[v] += s[v];
  }
  return t;
}

/** A table: per endpoint requests, answers by class, violations, latency percentiles and throughput. */
export function formatReport(result: LoadResult): string {
  const seconds = result.elapsedMs / 1000;
  const header = [
    "endpoint".padEnd(34),
    "req".padStart(7),
    "2xx".padStart(7),
    "4xx".padStart(6),
    "5xx".padStart(5),
    "none".padStart(5),
    "wrongU".padStart(7),
    "unmask".padStart(7),
    "scope".padStart(6),
    "wrongA".padStart(7),
    "unexp".padStart(6),
    "p50ms".padStart(7),
    "p95ms".padStart(7),
    "p99ms".padStart(7),
    "req/s".padStart(7),
  ].join(" ");
  const lines = [header];
  for (const [name, s] of [...result.endpoints.entries()].sort()) {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    lines.push(
      [
        name.padEnd(34),
        String(s.requests).padStart(7),
        String(s.byStatus["2xx"] ?? 0).padStart(7),
        String(s.byStatus["4xx"] ?? 0).padStart(6),
        String(s.byStatus["5xx"] ?? 0).padStart(5),
        String(s.byStatus.none ?? 0).padStart(5),
        String(s.wrongUser).padStart(7),
        String(s.unmasked).padStart(7),
        String(s.outOfScope).padStart(6),
        String(s.wrongAnswer).padStart(7),
        String(s.unexpectedStatus).padStart(6),
        percentile(sorted, 50).toFixed(1).padStart(7),
        percentile(sorted, 95).toFixed(1).padStart(7),
        percentile(sorted, 99).toFixed(1).padStart(7),
        (s.requests / seconds).toFixed(1).padStart(7),
      ].join(" "),
    );
  }
  const t = totals(result);
  lines.push(`${t.requests} requests in ${seconds.toFixed(1)} s (${(t.requests / seconds).toFixed(0)}/s)`);
  return lines.join("\n");
}

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../common/enums/auth.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, cadreFactory, type Org, titleIds } from "./cadres.test-helpers.ts";

type Session = { headers: Record<string, string> };

let t: TestApp;
let org: Org;
let pA: number; // in district A, born 1980-05-10
let admin: Session;
let officerA: Session; // scoped to district A
let officerB: Session; // scoped to district B
let leaderA: Session; // reads district A, changes nothing

const KNOWLEDGE_UPDATE = {
  kind: "knowledge_update",
  course: "Bồi dưỡng cập nhật kiến thức cho cán bộ diện Ban Thường vụ Thành ủy quản lý",
  organiser: "Trường Đào tạo cán bộ Lê Hồng Phong",
  startedOn: "2024-03-04",
  completedOn: "2024-03-15",
};

async function user(username: string, roles: Role[], scopeUnitIds: number[]): Promise<Session> {
  const password = `Tz-${randomBytes(6).toString("hex")}-2026x`;
  await t.services.auth.createUser(t.system, {
    username,
    displayName: username,
    password,
    roles,
    scopeUnitIds,
    extraPermissions: [],
    cadreId: null,
    mustChangePassword: false,
  });
  return t.login(username, password);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  const titles = await titleIds(t);
  const make = cadreFactory(t, { unitId: org.communeA1, titleId: titles.expert! });
  pA = (await make({ fullName: "Đỗ Thị Thu Hà", sex: "female" })).id;
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
  officerA = await user("officer.a", ["officer"], [org.districtA]);
  officerB = await user("officer.b", ["officer"], [org.districtB]);
  leaderA = await user("leader.a", ["leader"], [org.districtA]);
});
afterAll(async () => t?.close());

const call = (s: Session, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api${url}`,
    headers: s.headers,
    ...(payload === undefined ? {} : { payload }),
  });

async function count(table: string, where = "TRUE"): Promise<number> {
  return (await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0].n;
}

async function trainingRows(id: number) {
  return (await t.database.pool.query("SELECT * FROM cadre_trainings WHERE cadre_id = $1 ORDER BY id", [id]))
    .rows;
}

async function auditOf(id: number, action: string) {
  const r = await t.database.pool.query(
    "SELECT before, after, reason FROM audit_log WHERE entity_type = 'cadre' AND entity_id = $1 AND action = $2 ORDER BY id",
    [String(id), action],
  );
  return r.rows;
}

describe("training courses of a record", () => {
  let completedId: number;
  let unfinishedId: number;

  it("adds a completed knowledge update and shows it on the record", async () => {
    const res = await call(officerA, "POST", `/cadres/${pA}/trainings`, {
      ...KNOWLEDGE_UPDATE,
      reason: "Giấy chứng nhận số 15/GCN",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ...KNOWLEDGE_UPDATE, note: null });
    completedId = res.json().id;

    const detail = (await call(officerA, "GET", `/cadres/${pA}`)).json();
    expect(detail.trainings).toEqual([{ id: completedId, ...KNOWLEDGE_UPDATE, note: null }]);
    const [added] = await auditOf(pA, "cadre.training.added");
    expect(added).toMatchObject({
      after: {
        kind: "trainings",
        id: completedId,
        course: KNOWLEDGE_UPDATE.course,
        completedOn: "2024-03-15",
      },
      reason: "Giấy chứng nhận số 15/GCN",
    });
  });

  it("records a course not yet finished and lists it first", async () => {
    const res = await call(officerA, "POST", `/cadres/${pA}/trainings`, {
      kind: "leadership_management",
      course: "Bồi dưỡng lãnh đạo, quản lý cấp phòng",
      startedOn: "2026-05-04",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ completedOn: null, organiser: null });
    unfinishedId = res.json().id;
    const detail = (await call(officerA, "GET", `/cadres/${pA}`)).json();
    expect(detail.trainings.map((r: { id: number }) => r.id)).toEqual([unfinishedId, completedId]);
  });

  it("completes the course by a correction, audited with the value before and after", async () => {
    const res = await call(officerA, "PATCH", `/cadres/${pA}/trainings/${unfinishedId}`, {
      completedOn: "2026-06-05",
      reason: "Đã hoàn thành khóa học",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: unfinishedId,
      startedOn: "2026-05-04",
      completedOn: "2026-06-05",
    });
    const [corrected] = await auditOf(pA, "cadre.training.corrected");
    expect(corrected).toEqual({
      before: { kind: "trainings", id: unfinishedId, completedOn: null },
      after: { kind: "trainings", id: unfinishedId, completedOn: "2026-06-05" },
      reason: "Đã hoàn thành khóa học",
    });
  });

  it("keeps the history kind and the course's own kind apart in the audit of a correction", async () => {
    const res = await call(officerA, "PATCH", `/cadres/${pA}/trainings/${unfinishedId}`, {
      kind: "state_management",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().kind).toBe("state_management");
    const [, corrected] = await auditOf(pA, "cadre.training.corrected");
    expect(corrected).toMatchObject({
      before: { kind: "trainings", id: unfinishedId, trainingKind: "leadership_management" },
      after: { kind: "trainings", id: unfinishedId, trainingKind: "state_management" },
    });
  });

  it("writes no audit row for a correction that changes nothing", async () => {
    const before = await count("audit_log");
    const res = await call(officerA, "PATCH", `/cadres/${pA}/trainings/${completedId}`, {
      course: `  ${KNOWLEDGE_UPDATE.course} `,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await count("audit_log")).toBe(before);
  });

  it("has no end action: a course is completed, not ended", async () => {
    const res = await call(officerA, "POST", `/cadres/${pA}/trainings/${completedId}/end`, {
      endDate: "2025-01-01",
    });
    expect(res.statusCode).toBe(404);
    expect((await trainingRows(pA)).find((r) => r.id === completedId).completed_on).toBe("2024-03-15");
  });

  it("deletes a course entered by mistake, only with a reason, keeping the row in the audit", async () => {
    const noReason = await call(officerA, "DELETE", `/cadres/${pA}/trainings/${unfinishedId}`, {});
    expect(noReason.statusCode).toBe(400);
    const res = await call(officerA, "DELETE", `/cadres/${pA}/trainings/${unfinishedId}`, {
      reason: "Nhập nhầm hồ sơ",
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await trainingRows(pA)).map((r) => r.id)).toEqual([completedId]);
    const [deleted] = await auditOf(pA, "cadre.training.deleted");
    expect(deleted).toMatchObject({
      before: {
        kind: "trainings",
        id: unfinishedId,
        trainingKind: "state_management",
        course: "Bồi dưỡng lãnh đạo, quản lý cấp phòng",
      },
      reason: "Nhập nhầm hồ sơ",
    });
    const again = await call(officerA, "DELETE", `/cadres/${pA}/trainings/${unfinishedId}`, {
      reason: "Nhập nhầm hồ sơ",
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe("HISTORY_ROW_NOT_FOUND");
  });
});

describe("scope: who may read and change a person's courses", () => {
  it("hides the courses from an officer of another district (404) and lets them change nothing", async () => {
    const [row] = await trainingRows(pA);
    const before = { rows: await trainingRows(pA), audit: await count("audit_log") };
    const read = await call(officerB, "GET", `/cadres/${pA}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain("cập nhật kiến thức");
    const attempts = [
      await call(officerB, "POST", `/cadres/${pA}/trainings`, KNOWLEDGE_UPDATE),
      await call(officerB, "PATCH", `/cadres/${pA}/trainings/${row.id}`, { completedOn: "2024-03-16" }),
      await call(officerB, "DELETE", `/cadres/${pA}/trainings/${row.id}`, { reason: "thử xóa" }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe("CADRE_NOT_FOUND");
    }
    expect({ rows: await trainingRows(pA), audit: await count("audit_log") }).toEqual(before);
  });

  it("lets a leader of the district read the courses but not change them", async () => {
    const [row] = await trainingRows(pA);
    const before = await trainingRows(pA);
    const read = await call(leaderA, "GET", `/cadres/${pA}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().trainings).toHaveLength(before.length);
    const attempts = [
      await call(leaderA, "POST", `/cadres/${pA}/trainings`, KNOWLEDGE_UPDATE),
      await call(leaderA, "DELETE", `/cadres/${pA}/trainings/${row.id}`, { reason: "thử xóa" }),
    ];
    for (const res of attempts) expect(res.statusCode, res.body).toBe(403);
    expect(await trainingRows(pA)).toEqual(before);
  });
});

describe("bad training input gets a clear error and changes nothing", () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    ["no course name", { kind: "knowledge_update", completedOn: "2024-03-15" }, 400, "VALIDATION_FAILED"],
    ["a blank course name", { ...KNOWLEDGE_UPDATE, course: "   " }, 400, "VALIDATION_FAILED"],
    [
      "a course name of 301 characters",
      { ...KNOWLEDGE_UPDATE, course: "x".repeat(301) },
      400,
      "VALIDATION_FAILED",
    ],
    ["an unknown kind", { ...KNOWLEDGE_UPDATE, kind: "abroad" }, 400, "VALIDATION_FAILED"],
    [
      "a date that does not exist",
      { ...KNOWLEDGE_UPDATE, completedOn: "2024-02-30" },
      400,
      "VALIDATION_FAILED",
    ],
    [
      "completion before the start",
      { ...KNOWLEDGE_UPDATE, startedOn: "2024-03-15", completedOn: "2024-03-04" },
      400,
      "VALIDATION_FAILED",
    ],
    [
      "a course before birth",
      { ...KNOWLEDGE_UPDATE, startedOn: null, completedOn: "1979-01-01" },
      422,
      "HISTORY_BEFORE_BIRTH",
    ],
    ["an unknown field", { ...KNOWLEDGE_UPDATE, certificate: "GCN 15" }, 400, "VALIDATION_FAILED"],
  ])("refuses %s", async (_name, payload, status, code) => {
    const before = { rows: await trainingRows(pA), audit: await count("audit_log") };
    const res = await call(admin, "POST", `/cadres/${pA}/trainings`, payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(/\p{L}/u);
    expect(res.body).not.toMatch(/select|insert|stack/i);
    expect({ rows: await trainingRows(pA), audit: await count("audit_log") }).toEqual(before);
  });

  it("says in Vietnamese which date is wrong", async () => {
    const res = await call(admin, "POST", `/cadres/${pA}/trainings`, {
      ...KNOWLEDGE_UPDATE,
      startedOn: "2024-03-15",
      completedOn: "2024-03-04",
    });
    expect(res.json().details).toContainEqual({
      field: "body.completedOn",
      message: "Ngày hoàn thành không được trước ngày bắt đầu",
    });
  });

  it("refuses a correction that would complete the stored course before it started", async () => {
    const [row] = await trainingRows(pA);
    const before = { rows: await trainingRows(pA), audit: await count("audit_log") };
    const res = await call(admin, "PATCH", `/cadres/${pA}/trainings/${row.id}`, {
      completedOn: "2024-03-01",
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({
      code: "HISTORY_END_BEFORE_START",
      details: { startedOn: "2024-03-04", completedOn: "2024-03-01" },
    });
    expect({ rows: await trainingRows(pA), audit: await count("audit_log") }).toEqual(before);
  });

  it("accepts a one-day course that starts and completes on the same date", async () => {
    const res = await call(admin, "POST", `/cadres/${pA}/trainings`, {
      kind: "defence_security",
      course: "Phổ biến kiến thức quốc phòng",
      startedOn: "2023-09-09",
      completedOn: "2023-09-09",
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe("API description", () => {
  it("lists the training routes, without an end action", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    const paths = Object.keys(res.json().paths);
    expect(paths).toContain("/api/cadres/{id}/trainings");
    expect(paths).toContain("/api/cadres/{id}/trainings/{rowId}");
    expect(paths).not.toContain("/api/cadres/{id}/trainings/{rowId}/end");
  });
});

import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Permission, Role } from "../../../common/enums/auth.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, type Org, titleIds } from "../cadres/cadres.test-helpers.ts";

/**
 * The evaluation chain over HTTP (DOMAIN §3), under Decree 335's monthly scheme (30 general + 70 task points;
 * HTXS ≥ 90, HTT ≥ 70; HTXS ≤ 20% of those graded HTT or better, floor).
 *
 * People: An and Bình (each with a cadre account) in ward A1 and Chi (none) in ward A2 of district A; Dũng in
 * commune B1 of district B. Giang (ward A1) left service on 20/1/2026; Hạnh's post in ward A1 starts on
 * 1/12/2026: neither is evaluated in the months of 2026 the tests open. Users: an officer, a reviewer and a head (leader) of district A; a reviewer and a head of
 * district B.
 */

type Session = { headers: Record<string, string> };
type Ev = { id: number; version: number; state: string; cadreId: number; [k: string]: unknown };

let t: TestApp;
let org: Org;
const people = {} as Record<"an" | "binh" | "chi" | "dung", number>;
const s = {} as Record<"officer" | "reviewer" | "head" | "reviewerB" | "headB" | "an" | "binh", Session>;

const GOOD = { I: { points: 25 }, II: { points: 60 } }; // 85: HTT
const EXCELLENT = { I: { points: 28 }, II: { points: 65 } }; // 93: HTXS

async function person(
  fullName: string,
  staffCode: string,
  unitId: number,
  expert: number,
  dates: { from?: string; leftOn?: string } = {},
) {
  const p = await t.services.cadres.create(t.system, {
    staffCode,
    fullName,
    sex: "female",
    birthDate: "1985-04-04",
    staffType: "civil_servant",
    ...(dates.leftOn ? { leftOn: dates.leftOn } : {}),
    assignment: { unitId, titleId: expert, validFrom: dates.from ?? "2015-01-01" },
  });
  return p.id;
}

async function user(
  name: string,
  roles: Role[],
  scope: number[],
  cadreId: number | null = null,
  extraPermissions: Permission[] = [],
) {
  const password = `Tz-${randomBytes(6).toString("hex")}-2026x`;
  await t.services.auth.createUser(t.system, {
    username: name,
    displayName: name,
    password,
    roles,
    scopeUnitIds: scope,
    cadreId,
    extraPermissions,
    mustChangePassword: false,
  });
  return t.login(name, password);
}

async function call(who: Session, method: "GET" | "POST" | "PUT", url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url,
    headers: who.headers,
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> & Ev };
}

async function ok(who: Session, method: "GET" | "POST" | "PUT", url: string, payload?: object) {
  const res = await call(who, method, url, payload);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
}

/** Opens a period of district A's month, answering the forms by person. */
async function openMonth(month: string): Promise<{ periodId: number; forms: Record<string, Ev> }> {
  const period = await ok(s.officer, "POST", "/api/evaluations/periods", {
    unitId: org.districtA,
    schemeCode: "decree-335-monthly",
    periodFrom: `2026-${month}-01`,
  });
  const list = await ok(s.officer, "GET", `/api/evaluations/periods/${period.id}/evaluations`);
  const forms: Record<string, Ev> = {};
  for (const e of list.items as Ev[]) {
    const key = Object.entries(people).find(([, id]) => id === e.cadreId)?.[0] ?? `other ${e.fullName}`;
    forms[key] = e;
  }
  return { periodId: period.id, forms };
}

const form = (id: number) => ok(s.officer, "GET", `/api/evaluations/${id}`);

/** Takes a form of An or Bình to "reviewed" with the reviewer's scores. */
async function reviewed(who: "an" | "binh", ev: Ev, scores: object): Promise<Ev> {
  let e = await ok(s[who], "PUT", `/api/evaluations/${ev.id}/self-assessment`, {
    version: ev.version,
    scores,
  });
  e = await ok(s[who], "POST", `/api/evaluations/${ev.id}/submit`, { version: e.version });
  return ok(s.reviewer, "POST", `/api/evaluations/${ev.id}/review`, { version: e.version, scores });
}

async function auditRows(entityId: number) {
  const rows = await t.db.execute<{ action: string; after: Record<string, unknown>; reason: string | null }>(
    sql`SELECT action, after, reason FROM audit_log WHERE entity_type = 'evaluation' AND entity_id = ${String(entityId)} ORDER BY id`,
  );
  return rows.rows;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  const expert = (await titleIds(t)).expert!;
  people.an = await person("Nguyễn Thị An", "EV-AN", org.communeA1, expert);
  people.binh = await person("Trần Văn Bình", "EV-BINH", org.communeA1, expert);
  people.chi = await person("Lê Thị Chi", "EV-CHI", org.communeA2, expert);
  people.dung = await person("Phạm Văn Dũng", "EV-DUNG", org.communeB1, expert);
  await person("Đoàn Văn Giang", "EV-GIANG", org.communeA1, expert, { leftOn: "2026-01-20" });
  await person("Hoàng Thị Hạnh", "EV-HANH", org.communeA1, expert, { from: "2026-12-01" });
  s.officer = await user("ev.officer", ["officer"], [org.districtA]);
  s.reviewer = await user("ev.reviewer", ["reviewer"], [org.districtA]);
  s.head = await user("ev.head", ["leader"], [org.districtA]);
  s.reviewerB = await user("ev.reviewer-b", ["reviewer"], [org.districtB]);
  s.headB = await user("ev.head-b", ["leader"], [org.districtB]);
  s.an = await user("ev.an", ["cadre"], [], people.an);
  s.binh = await user("ev.binh", ["cadre"], [], people.binh);
}, 60_000);
afterAll(async () => t?.close());

describe("evaluations over HTTP", () => {
  it("opens a period with one draft per person in service placed in the subtree on its last day", async () => {
    const { periodId, forms } = await openMonth("01");
    expect(Object.keys(forms).sort()).toEqual(["an", "binh", "chi"]);
    expect(Object.values(forms).every((f) => f.state === "draft" && f.version === 1)).toBe(true);
    const period = await ok(s.officer, "GET", `/api/evaluations/periods/${periodId}`);
    // January 2026 ends on a Saturday: Mon 2, Tue 3, Wed 4 February.
    expect(period).toMatchObject({
      periodFrom: "2026-01-01",
      periodTo: "2026-02-01",
      schemeVersion: "2026-01-01",
      selfAssessmentDue: "2026-02-04",
      approvalDue: "2026-02-10",
      evaluationCount: 3,
      status: "open",
    });
    const again = await call(s.officer, "POST", "/api/evaluations/periods", {
      unitId: org.districtA,
      schemeCode: "decree-335-monthly",
      periodFrom: "2026-01-01",
    });
    expect([again.status, again.body.code]).toEqual([409, "EVALUATION_PERIOD_EXISTS"]);
  });

  it("runs the chain: self-assessment, submit, review, head's view, approve, close, reopen with a reason", async () => {
    const { periodId, forms } = await openMonth("02");
    const mine = await ok(s.an, "GET", `/api/evaluations/periods/${periodId}/mine`);
    expect(mine).toMatchObject({ id: forms.an!.id, state: "draft", fullName: "Nguyễn Thị An" });

    let e = await ok(s.an, "PUT", `/api/evaluations/${mine.id}/self-assessment`, {
      version: 1,
      scores: GOOD,
    });
    expect(e).toMatchObject({ state: "draft", total: 85, grade: "good", version: 2 });
    e = await ok(s.an, "POST", `/api/evaluations/${e.id}/submit`, { version: e.version });
    expect(e.state).toBe("submitted");

    const queue = await ok(
      s.reviewer,
      "GET",
      `/api/evaluations/periods/${periodId}/evaluations?state=submitted`,
    );
    expect((queue.items as Ev[]).map((x) => x.id)).toEqual([e.id]);
    e = await ok(s.reviewer, "POST", `/api/evaluations/${e.id}/review`, {
      version: e.version,
      scores: { I: { points: 26 }, II: { points: 62 } },
      comment: "Hoàn thành tốt",
    });
    expect(e).toMatchObject({
      state: "reviewed",
      total: 88,
      grade: "good",
      reviewerComment: "Hoàn thành tốt",
    });

    const view = await ok(s.head, "GET", `/api/evaluations/periods/${periodId}`);
    expect(view.distribution).toEqual({ byState: { draft: 2, reviewed: 1 }, byGrade: { good: 1 } });
    // One more HTXS among 2 graded HTT or better (the good one and the candidate): 20% of 2 → 0 allowed.
    expect(view.quota).toMatchObject({
      grade: "excellent",
      decision: "refused",
      allowed: 0,
      used: 0,
      base: 2,
    });

    e = await ok(s.head, "POST", `/api/evaluations/${e.id}/approve`, { version: e.version });
    expect(e.state).toBe("approved");
    const closed = await ok(s.officer, "POST", `/api/evaluations/periods/${periodId}/close`);
    expect(closed.status).toBe("closed");
    e = await form(e.id);
    expect(e.state).toBe("locked");

    const noReason = await call(s.head, "POST", `/api/evaluations/${e.id}/reopen`, { version: e.version });
    expect([noReason.status, noReason.body.code]).toEqual([400, "EVALUATION_NOTE_REQUIRED"]);
    e = await ok(s.head, "POST", `/api/evaluations/${e.id}/reopen`, {
      version: e.version,
      reason: "Sai sót khi cộng điểm",
    });
    expect(e.state).toBe("reviewed");
    // Decided again in the closed period, the form is locked again at once.
    e = await ok(s.head, "POST", `/api/evaluations/${e.id}/approve`, { version: e.version });
    expect(e.state).toBe("locked");
    expect(
      (e.events as { action: string; toState: string }[]).map((x) => `${x.action}:${x.toState}`),
    ).toEqual([
      "save:draft",
      "submit:submitted",
      "review:reviewed",
      "approve:approved",
      "lock:locked",
      "reopen:reviewed",
      "approve:approved",
      "lock:locked",
    ]);
    expect((await auditRows(e.id)).map((r) => r.action)).toEqual([
      "evaluation.saved",
      "evaluation.submitted",
      "evaluation.reviewed",
      "evaluation.approved",
      "evaluation.locked",
      "evaluation.reopened",
      "evaluation.approved",
      "evaluation.locked",
    ]);
    expect((await auditRows(e.id))[5]!.reason).toBe("Sai sót khi cộng điểm");
  });

  it("refuses illegal moves, each with its own answer, and changes nothing", async () => {
    const { forms } = await openMonth("03");
    const an = forms.an!;
    const cases: [Session, string, object, number, string][] = [
      [s.an, "submit", { version: 1 }, 409, "EVALUATION_NOT_SCORED"],
      [s.head, "approve", { version: 1 }, 409, "EVALUATION_NOT_ALLOWED_IN_STATE"],
      [s.reviewer, "review", { version: 1 }, 409, "EVALUATION_NOT_ALLOWED_IN_STATE"],
      [s.reviewer, "submit", { version: 1 }, 403, "EVALUATION_NOT_YOUR_STEP"],
      [s.head, "reopen", { version: 1, reason: "thử" }, 409, "EVALUATION_NOT_ALLOWED_IN_STATE"],
    ];
    for (const [who, action, body, status, code] of cases) {
      const res = await call(who, "POST", `/api/evaluations/${an.id}/${action}`, body);
      expect([action, res.status, res.body.code]).toEqual([action, status, code]);
    }
    let e = await ok(s.an, "PUT", `/api/evaluations/${an.id}/self-assessment`, { version: 1, scores: GOOD });
    e = await ok(s.an, "POST", `/api/evaluations/${an.id}/submit`, { version: e.version });
    const later: [Session, string, object, number, string][] = [
      // The person cannot grade their own form, nor change it once submitted.
      [s.an, "review", { version: e.version }, 403, "EVALUATION_NOT_YOUR_STEP"],
      // The head's step comes after the reviewer's.
      [s.head, "return", { version: e.version, comment: "Sửa lại" }, 403, "EVALUATION_NOT_YOUR_STEP"],
      [s.reviewer, "return", { version: e.version }, 400, "EVALUATION_NOTE_REQUIRED"],
      [s.reviewer, "approve", { version: e.version }, 409, "EVALUATION_NOT_ALLOWED_IN_STATE"],
    ];
    for (const [who, action, body, status, code] of later) {
      const res = await call(who, "POST", `/api/evaluations/${an.id}/${action}`, body);
      expect([action, res.status, res.body.code]).toEqual([action, status, code]);
    }
    const save = await call(s.an, "PUT", `/api/evaluations/${an.id}/self-assessment`, {
      version: e.version,
      scores: EXCELLENT,
    });
    expect([save.status, save.body.code]).toEqual([409, "EVALUATION_NOT_ALLOWED_IN_STATE"]);
    const after = await form(an.id);
    expect(after).toMatchObject({ state: "submitted", version: e.version, total: 85 });

    // Returned with a comment, the person corrects and submits again.
    e = await ok(s.reviewer, "POST", `/api/evaluations/${an.id}/return`, {
      version: e.version,
      comment: "Bổ sung minh chứng",
    });
    expect(e).toMatchObject({ state: "returned", reviewerComment: "Bổ sung minh chứng" });
    e = await ok(s.an, "PUT", `/api/evaluations/${an.id}/self-assessment`, {
      version: e.version,
      scores: EXCELLENT,
    });
    e = await ok(s.an, "POST", `/api/evaluations/${an.id}/submit`, { version: e.version });
    expect(e).toMatchObject({ state: "submitted", total: 93 });
  });

  it("lets the head return a reviewed form with a comment, which the person then corrects", async () => {
    const { forms } = await openMonth("10");
    const an = await reviewed("an", forms.an!, GOOD);
    const silent = await call(s.head, "POST", `/api/evaluations/${an.id}/return`, { version: an.version });
    expect([silent.status, silent.body.code]).toEqual([400, "EVALUATION_NOTE_REQUIRED"]);
    // The reviewer's return belongs to "submitted": from "reviewed" it is the head's.
    const byReviewer = await call(s.reviewer, "POST", `/api/evaluations/${an.id}/return`, {
      version: an.version,
      comment: "Sửa lại",
    });
    expect([byReviewer.status, byReviewer.body.code]).toEqual([403, "EVALUATION_NOT_YOUR_STEP"]);
    const e = await ok(s.head, "POST", `/api/evaluations/${an.id}/return`, {
      version: an.version,
      comment: "Chưa nêu sản phẩm tháng",
    });
    expect(e).toMatchObject({ state: "returned", reviewerComment: "Chưa nêu sản phẩm tháng" });
    expect((e.events as { action: string; comment: string | null }[]).at(-1)).toMatchObject({
      action: "return",
      comment: "Chưa nêu sản phẩm tháng",
    });
    const fixed = await ok(s.an, "PUT", `/api/evaluations/${an.id}/self-assessment`, {
      version: e.version,
      scores: EXCELLENT,
    });
    expect(fixed).toMatchObject({ state: "returned", total: 93 });
  });

  it("lets a cadre read and change only their own form", async () => {
    const { periodId, forms } = await openMonth("04");
    const binh = forms.binh!;
    const read = await call(s.an, "GET", `/api/evaluations/${binh.id}`);
    expect([read.status, read.body.code]).toEqual([404, "EVALUATION_NOT_FOUND"]);
    const write = await call(s.an, "PUT", `/api/evaluations/${binh.id}/self-assessment`, {
      version: 1,
      scores: GOOD,
    });
    expect([write.status, write.body.code]).toEqual([404, "EVALUATION_NOT_FOUND"]);
    const submit = await call(s.an, "POST", `/api/evaluations/${binh.id}/submit`, { version: 1 });
    expect(submit.status).toBe(404);
    const list = await call(s.an, "GET", `/api/evaluations/periods/${periodId}/evaluations`);
    expect(list.status).toBe(403);
    expect(await form(binh.id)).toMatchObject({ version: 1, scores: null, state: "draft" });
    expect(await auditRows(binh.id)).toEqual([]);
    // Chi has no account: nobody's "mine" is hers.
    const mine = await ok(s.binh, "GET", `/api/evaluations/periods/${periodId}/mine`);
    expect(mine.id).toBe(binh.id);
  });

  it("answers a reviewer or head of another district as if nothing existed, and nothing changes", async () => {
    const { periodId, forms } = await openMonth("05");
    const an = await reviewed("an", forms.an!, GOOD);
    for (const [who, method, url, body] of [
      [s.reviewerB, "GET", `/api/evaluations/${an.id}`, undefined],
      [s.reviewerB, "POST", `/api/evaluations/${an.id}/return`, { version: an.version, comment: "x" }],
      [s.headB, "POST", `/api/evaluations/${an.id}/approve`, { version: an.version }],
      [s.headB, "POST", `/api/evaluations/${an.id}/return`, { version: an.version, comment: "x" }],
    ] as const) {
      const res = await call(who, method, url, body);
      expect([url, res.status, res.body.code]).toEqual([url, 404, "EVALUATION_NOT_FOUND"]);
    }
    const period = await call(s.headB, "GET", `/api/evaluations/periods/${periodId}`);
    expect([period.status, period.body.code]).toEqual([404, "EVALUATION_PERIOD_NOT_FOUND"]);
    const missing = await call(s.headB, "GET", "/api/evaluations/periods/2000000000");
    expect(missing.body.code).toBe(period.body.code);
    expect(await form(an.id)).toMatchObject({ state: "reviewed", version: an.version });
  });

  it("refuses the top grade over the quota without an override, and records the override that grants it", async () => {
    const { forms } = await openMonth("06");
    const binh = await reviewed("binh", forms.binh!, EXCELLENT);
    expect(binh.quota).toMatchObject({ decision: "refused", allowed: 0, base: 1 });
    const refused = await call(s.head, "POST", `/api/evaluations/${binh.id}/approve`, {
      version: binh.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: "EVALUATION_OVER_QUOTA",
      details: { decision: "refused", refusal: "over_quota", allowed: 0, used: 0, base: 1 },
    });
    expect(await form(binh.id)).toMatchObject({ state: "reviewed", version: binh.version });

    const reason = "Đơn vị được đánh giá xuất sắc năm 2025";
    const granted = await ok(s.head, "POST", `/api/evaluations/${binh.id}/approve`, {
      version: binh.version,
      quotaOverrideReason: reason,
    });
    expect(granted).toMatchObject({ state: "approved", grade: "excellent", quotaOverrideReason: reason });
    expect((granted.events as { action: string; comment: string }[]).at(-1)).toMatchObject({
      action: "approve",
      comment: reason,
    });
    const approved = (await auditRows(binh.id)).at(-1)!;
    expect(approved).toMatchObject({
      action: "evaluation.approved",
      reason,
      after: { quotaOverrideReason: reason, warnings: ["exception_figure_unconfirmed"] },
    });
  });

  it("refuses every change in a closed period but the decider's reopening", async () => {
    const { periodId, forms } = await openMonth("07");
    const an = forms.an!;
    await ok(s.officer, "POST", `/api/evaluations/periods/${periodId}/close`);
    const save = await call(s.an, "PUT", `/api/evaluations/${an.id}/self-assessment`, {
      version: 1,
      scores: GOOD,
    });
    expect([save.status, save.body.code]).toEqual([409, "EVALUATION_PERIOD_CLOSED"]);
    const again = await call(s.officer, "POST", `/api/evaluations/periods/${periodId}/close`);
    expect([again.status, again.body.code]).toEqual([409, "EVALUATION_PERIOD_CLOSED"]);
    // The draft was never approved, so it was not locked, and a reopening has nothing to reopen.
    const reopen = await call(s.head, "POST", `/api/evaluations/${an.id}/reopen`, {
      version: 1,
      reason: "thử",
    });
    expect([reopen.status, reopen.body.code]).toEqual([409, "EVALUATION_NOT_ALLOWED_IN_STATE"]);
    expect(await form(an.id)).toMatchObject({ state: "draft", version: 1, scores: null });
  });

  it("refuses a change made on a stale version, and bad scores naming each problem, changing nothing", async () => {
    const { forms } = await openMonth("08");
    const an = forms.an!;
    const bad = await call(s.an, "PUT", `/api/evaluations/${an.id}/self-assessment`, {
      version: 1,
      scores: { I: { points: 45 }, X: { points: 1 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("EVALUATION_SCORES_INVALID");
    expect((bad.body.details as { problems: { item: string; problem: string }[] }).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: "I", problem: "over_max" }),
        expect.objectContaining({ item: "II", problem: "missing_item" }),
        expect.objectContaining({ item: "X", problem: "unknown_item" }),
      ]),
    );
    expect(await form(an.id)).toMatchObject({ version: 1, scores: null, total: null });
    expect(await auditRows(an.id)).toEqual([]);

    await ok(s.an, "PUT", `/api/evaluations/${an.id}/self-assessment`, { version: 1, scores: GOOD });
    const stale = await call(s.an, "PUT", `/api/evaluations/${an.id}/self-assessment`, {
      version: 1,
      scores: EXCELLENT,
    });
    expect([stale.status, stale.body.code]).toEqual([409, "EVALUATION_VERSION_CONFLICT"]);
    expect(await form(an.id)).toMatchObject({ version: 2, total: 85 });
  });

  it("answers sessions of different users acting at once each with their own answer", async () => {
    const { periodId, forms } = await openMonth("09");
    const [an, binh, queue, other] = await Promise.all([
      call(s.an, "PUT", `/api/evaluations/${forms.an!.id}/self-assessment`, { version: 1, scores: GOOD }),
      call(s.binh, "PUT", `/api/evaluations/${forms.binh!.id}/self-assessment`, {
        version: 1,
        scores: EXCELLENT,
      }),
      call(s.reviewer, "GET", `/api/evaluations/periods/${periodId}/evaluations`),
      call(s.headB, "POST", `/api/evaluations/${forms.an!.id}/approve`, { version: 1 }),
    ]);
    expect([an.status, an.body.cadreId, an.body.total]).toEqual([200, people.an, 85]);
    expect([binh.status, binh.body.cadreId, binh.body.total]).toEqual([200, people.binh, 93]);
    expect(queue.status).toBe(200);
    expect((queue.body.items as Ev[]).map((x) => x.cadreId).sort()).toEqual(
      [people.an, people.binh, people.chi].sort(),
    );
    expect([other.status, other.body.code]).toEqual([404, "EVALUATION_NOT_FOUND"]);
    expect(JSON.stringify(other.body)).not.toContain("Nguyễn Thị An");
    expect(await form(forms.an!.id)).toMatchObject({ version: 2, state: "draft" });
  });

  it("shows the trail of a district's periods and forms to a scoped auditor of that district only", async () => {
    const auditorA = await user("ev.auditor-a", ["officer"], [org.districtA], null, ["audit.read"]);
    const officerB = await user("ev.officer-b", ["officer"], [org.districtB], null, ["audit.read"]);
    const a = await openMonth("11");
    const b = await ok(officerB, "POST", "/api/evaluations/periods", {
      unitId: org.districtB,
      schemeCode: "decree-335-monthly",
      periodFrom: "2026-11-01",
    });
    await ok(s.an, "PUT", `/api/evaluations/${a.forms.an!.id}/self-assessment`, {
      version: a.forms.an!.version,
      scores: GOOD,
    });
    const trail = async (who: Session, entityType: string, entityId: number) => {
      const res = await call(who, "GET", `/api/audit?entityType=${entityType}&entityId=${entityId}`);
      expect(res.status).toBe(200);
      return (res.body.items as { action: string }[]).map((r) => r.action);
    };
    expect(await trail(auditorA, "evaluation_period", a.periodId)).toEqual(["evaluation_period.opened"]);
    expect(await trail(auditorA, "evaluation", a.forms.an!.id)).toEqual(["evaluation.saved"]);
    expect(await trail(auditorA, "evaluation_period", b.id)).toEqual([]);
    expect(await trail(officerB, "evaluation_period", b.id)).toEqual(["evaluation_period.opened"]);
    expect(await trail(officerB, "evaluation_period", a.periodId)).toEqual([]);
    expect(await trail(officerB, "evaluation", a.forms.an!.id)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrg, type Org, titleIds } from "./cadres.test-helpers.ts";

/**
 * Simultaneous writes to one record: whatever the timing, one write wins and the others answer 409 with
 * nothing half-written, never a 500. Each race runs many rounds because a lost race shows only sometimes.
 */

let t: TestApp;
let org: Org;
let titles: Record<string, number>;
let admin: { headers: Record<string, string> };

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  titles = await titleIds(t);
  admin = await t.userSession({ username: "admin1", roles: ["admin"] });
});
afterAll(async () => t?.close());

const ROUNDS = 30;

const api = (method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api${url}`,
    headers: admin.headers,
    ...(payload === undefined ? {} : { payload }),
  });

async function newPerson(round: number, suffix: string): Promise<number> {
  const res = await api("POST", "/cadres", {
    staffCode: `RACE-${suffix}-${round}`,
    fullName: "Nguyễn Văn Đua",
    sex: "male",
    birthDate: "1980-03-20",
    staffType: "civil_servant",
    recruitmentDate: "2004-09-01",
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe("simultaneous writes to one record", () => {
  it(`let one of three overlapping main assignments through, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await newPerson(round, "A");
      const post = (validFrom: string) =>
        api("POST", `/cadres/${id}/assignments`, {
          unitId: org.communeA2,
          titleId: titles.expert,
          validFrom,
        });
      const results = await Promise.all([post("2020-01-01"), post("2021-01-01"), post("2022-01-01")]);
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses, `round ${round}: ${results.map((r) => r.body).join(" | ")}`).toEqual([201, 409, 409]);
      const n = await t.database.pool.query(
        "SELECT count(*)::int AS n FROM cadre_assignments WHERE cadre_id = $1",
        [id],
      );
      expect(n.rows[0].n).toBe(1);
    }
  });

  it(`let one of three records with the same staff code through, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const create = (fullName: string) =>
        api("POST", "/cadres", {
          staffCode: `RACE-C-${round}`,
          fullName,
          sex: "female",
          birthDate: "1985-05-01",
          staffType: "civil_servant",
          recruitmentDate: "2008-09-01",
          assignment: { unitId: org.communeA2, titleId: titles.expert, validFrom: "2020-01-01" },
        });
      const results = await Promise.all([create("Lê Thị A"), create("Lê Thị B"), create("Lê Thị C")]);
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses, `round ${round}: ${results.map((r) => r.body).join(" | ")}`).toEqual([201, 409, 409]);
    }
  });

  it(`let one of three edits of the same version through, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await newPerson(round, "B");
      const edit = (phone: string) => api("PATCH", `/cadres/${id}`, { version: 1, phone });
      const results = await Promise.all([edit("0912000001"), edit("0912000002"), edit("0912000003")]);
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses, `round ${round}: ${results.map((r) => r.body).join(" | ")}`).toEqual([200, 409, 409]);
      const now = (await api("GET", `/cadres/${id}`)).json();
      expect(now.version).toBe(2);
    }
  });
});

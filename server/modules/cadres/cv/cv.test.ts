import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Permission, Role } from "../../../../common/enums/auth.ts";
import { createTestApp, type TestApp } from "../../../test/harness.ts";
import { buildOrg, cadreFactory, idNumberFor, type Org, titleIds } from "../cadres.test-helpers.ts";
import type { CvItem, CvModel } from "./cv.model.ts";

type Session = { headers: Record<string, string> };

let t: TestApp;
let org: Org;
let division: number;
let personId: number;
let outsiderId: number;
const STAFF_CODE = "HN-0042";
const ID_NUMBER = idNumberFor("female", "1980-05-10", 777001);
const HEALTH = "Thoái hóa cột sống nhẹ";
const FATHER = "Nguyễn Văn Hùng";
const FATHER_IN_LAW = "Trần Văn Quang";
const SECRET_TEXTS = [ID_NUMBER, "Công giáo", HEALTH, FATHER, FATHER_IN_LAW];

let officer: Session; // scoped to district A, no cadres.sensitive
let officerSensitive: Session; // scoped to district A, with cadres.sensitive
let officerB: Session; // scoped to district B
let self: Session; // the person's own account (role cadre)

async function user(input: {
  username: string;
  roles: Role[];
  scopeUnitIds?: number[];
  extraPermissions?: Permission[];
  cadreId?: number;
}): Promise<Session> {
  const password = `Tz-${randomBytes(6).toString("hex")}-2026x`;
  await t.services.auth.createUser(t.system, {
    username: input.username,
    displayName: input.username,
    password,
    roles: input.roles,
    scopeUnitIds: input.scopeUnitIds ?? [],
    extraPermissions: input.extraPermissions ?? [],
    cadreId: input.cadreId ?? null,
    mustChangePassword: false,
  });
  return t.login(input.username, password);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t);
  const titles = await titleIds(t);
  const ids = await t.services.units.createMany(t.system, [
    { key: "div", parentId: org.districtA, name: "Phòng Nội vụ", kind: "division", validFrom: "2000-01-01" },
  ]);
  division = ids.get("div")!;
  // The ward was renamed while she worked there: the CV names it as it was when she started.
  await t.services.units.rename(t.system, org.communeA1, {
    name: "Phường Phúc Xá mới",
    effectiveDate: "2012-01-01",
  });

  const make = cadreFactory(t, { unitId: org.communeA1, titleId: titles.expert! });
  const person = await make({
    staffCode: STAFF_CODE,
    fullName: "Nguyễn Thị Ánh Tuyết",
    sex: "female",
    birthDate: "1980-05-10",
    idNumber: ID_NUMBER,
    ethnicityCode: "02",
    religionCode: "02",
    health: HEALTH,
    birthplaceText: "Xã Cổ Loa, huyện Đông Anh, thành phố Hà Nội",
    homeTownUnitId: org.communeB1,
    residence: "Số 5 ngõ 12 <script>alert(1)</script> phố Phúc Xá",
    phone: "0912345678",
    occupationBeforeRecruitment: "Nhân viên kế toán",
    recruitmentDate: "2005-03-01",
    recruitmentAgency: "UBND phường Phúc Xá",
    partyAdmissionDate: "2008-05-19",
    partyOfficialDate: "2009-05-19",
    generalEducation: "12/12",
    strengths: "Tổ chức cán bộ",
    assignment: { unitId: org.communeA1, titleId: titles.expert!, validFrom: "2006-01-01" },
  });
  personId = person.id;
  const add = (kind: Parameters<typeof t.services.histories.add>[2], row: object) =>
    t.services.histories.add(t.system, personId, kind, row as never);
  await t.services.histories.end(t.system, personId, "assignments", person.assignments[0]!.id, {
    endDate: "2015-07-01",
  });
  await add("assignments", {
    unitId: division,
    titleId: titles.division_deputy!,
    validFrom: "2015-07-01",
    validTo: "2019-01-01",
  });
  await add("assignments", {
    unitId: division,
    titleId: titles.division_head!,
    validFrom: "2019-01-01",
    validTo: "2024-01-01",
  });
  await add("assignments", { unitId: division, titleId: titles.division_head!, validFrom: "2024-01-01" });
  await add("assignments", {
    unitId: org.districtA,
    titleId: titles.inspector!,
    isMain: false,
    validFrom: "2020-01-01",
  });
  await add("work-history", {
    validFrom: "2002-09-01",
    validTo: "2005-03-01",
    unitText: "Công ty TNHH Thương mại Hà Thành",
    titleText: "Nhân viên kế toán",
  });
  await add("qualifications", {
    category: "professional",
    levelCode: "university",
    major: "Luật",
    institution: "Trường Đại học Luật Hà Nội",
    studyMode: "Chính quy",
    startedOn: "1998-09-01",
    obtainedOn: "2002-06-30",
  });
  await add("qualifications", {
    category: "professional",
    levelCode: "master",
    major: "Luật kinh tế",
    institution: "Trường Đại học Luật Hà Nội",
    obtainedOn: "2012-10-01",
  });
  await add("qualifications", {
    category: "political_theory",
    levelCode: "senior",
    institution: "Học viện Chính trị quốc gia Hồ Chí Minh",
    obtainedOn: "2016-12-01",
  });
  await add("qualifications", {
    category: "language",
    levelCode: "b1",
    major: "Tiếng Anh",
    obtainedOn: "2010-06-01",
  });
  await add("salaries", {
    gradeCode: "01.003",
    step: 3,
    coefficient: 3,
    validFrom: "2010-01-01",
    validTo: "2016-01-01",
  });
  await add("salaries", { gradeCode: "01.002", step: 2, coefficient: 4.74, validFrom: "2016-01-01" });
  await add("rewards", {
    form: "Bằng khen của Chủ tịch UBND Thành phố",
    decidedOn: "2020-12-20",
    issuer: "UBND thành phố Hà Nội",
  });
  await add("family", { side: "own", relation: "Bố", fullName: FATHER, birthYear: 1950, details: "Hưu trí" });
  await add("family", { side: "spouse", relation: "Bố chồng", fullName: FATHER_IN_LAW, birthYear: 1948 });

  const outsider = await make({
    fullName: "Vũ Văn Hải",
    assignment: { unitId: org.communeB1, titleId: titles.expert!, validFrom: "2010-01-01" },
  });
  outsiderId = outsider.id;

  officer = await user({ username: "cv.officer", roles: ["officer"], scopeUnitIds: [org.districtA] });
  officerSensitive = await user({
    username: "cv.officer.s",
    roles: ["officer"],
    scopeUnitIds: [org.districtA],
    extraPermissions: ["cadres.sensitive"],
  });
  officerB = await user({ username: "cv.officer.b", roles: ["officer"], scopeUnitIds: [org.districtB] });
  self = await user({ username: "tuyet.nta", roles: ["cadre"], cadreId: personId });
});
afterAll(async () => t?.close());

const get = (s: Session, url: string) =>
  t.app.inject({ method: "GET", url: `/api${url}`, headers: s.headers });

const item = (cv: CvModel, no: number): CvItem => {
  const found = cv.items.find((i) => i.no === no);
  if (!found) throw new Error(`no item ${no}`);
  return found;
};
const field = (cv: CvModel, no: number, label: string) => {
  const found = item(cv, no).fields.find((f) => f.label === label);
  if (!found) throw new Error(`no field ${label} in item ${no}`);
  return found;
};

async function documentXml(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const file = zip.file("word/document.xml");
  if (!file) throw new Error("no word/document.xml");
  return file.async("string");
}

/** The text of document.xml without tags, so words split across runs still match. */
function textOf(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

async function cvAuditRows() {
  const r = await t.db.execute<{ actor: string; after: { format: string; asOf: string } }>(
    sql`SELECT actor_username AS actor, after FROM audit_log WHERE action = 'cadre.cv_exported' ORDER BY id`,
  );
  return r.rows;
}

describe("the CV model of a record with histories", () => {
  let cv: CvModel;
  beforeAll(async () => {
    cv = (await t.services.cv.model(t.system, personId, "2026-06-01")).cv;
  });

  it("has items 1 to 38 in the form's order, each with its numbered label", () => {
    expect(cv.items.map((i) => i.no)).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
    for (const i of cv.items) expect(i.label.startsWith(`${i.no}) `)).toBe(true);
    expect(item(cv, 1).label).toBe("1) Họ và tên khai sinh (viết chữ in hoa)");
    expect(item(cv, 3).label).toBe("3) Sinh ngày … tháng … năm …, Giới tính (nam, nữ)");
    expect(item(cv, 23).label).toBe("23) Chức vụ hiện tại");
    expect(item(cv, 30).label).toBe("30) Lương");
    expect(item(cv, 33).label).toBe("33) Tóm tắt quá trình công tác");
    expect(item(cv, 36).label).toBe("36) Quan hệ gia đình");
  });

  it("writes the name in capitals, dates as dd/mm/yyyy and code names", () => {
    expect(item(cv, 1).value).toBe("NGUYỄN THỊ ÁNH TUYẾT");
    expect(field(cv, 3, "Sinh ngày").value).toBe("10/05/1980");
    expect(field(cv, 3, "Giới tính (nam, nữ)").value).toBe("Nữ");
    expect(item(cv, 6).value).toBe("Tày");
    expect(item(cv, 7).value).toBe("Công giáo");
    expect(field(cv, 8, "Số định danh cá nhân").value).toBe(ID_NUMBER);
    expect(field(cv, 13, "Ngày được tuyển dụng lần đầu").value).toBe("01/03/2005");
    expect(field(cv, 15, "Ngày chính thức").value).toBe("19/05/2009");
    expect(item(cv, 20).value).toBe("Thạc sĩ, chuyên ngành Luật kinh tế");
  });

  it("names the home town held as a unit with its district and city", () => {
    expect(item(cv, 5).value).toBe("Xã Cổ Loa, Huyện Đông Anh, Thành phố Hà Nội");
    expect(item(cv, 4).value).toBe("Xã Cổ Loa, huyện Đông Anh, thành phố Hà Nội");
  });

  it("gives the current post with its appointment and reappointment, and the concurrent post", () => {
    expect(field(cv, 23, "Chức vụ hiện tại").value).toBe("Trưởng phòng, Phòng Nội vụ");
    expect(field(cv, 23, "Ngày bổ nhiệm/ngày phê chuẩn").value).toBe("01/01/2019");
    expect(field(cv, 23, "Ngày bổ nhiệm lại/phê chuẩn nhiệm kỳ tiếp theo").value).toBe("01/01/2024");
    expect(item(cv, 25).value).toBe("Thanh tra viên, Quận Ba Đình");
    expect(cv.header.employingAgency.value).toBe("Quận Ba Đình");
    expect(cv.header.managingAgency.value).toBe("Thành phố Hà Nội");
  });

  it("gives the salary holding on the date", () => {
    expect(item(cv, 30).fields.map((f) => f.value)).toEqual([
      "Chuyên viên chính (A2)",
      "01.002",
      "2",
      "4,74",
      "01/01/2016",
      "",
      "",
    ]);
    expect(item(cv, 37).tables[0]!.rows).toEqual([
      ["01/2010", "Chuyên viên (A1), mã số 01.003, bậc 3", "3,00"],
      ["01/2016", "Chuyên viên chính (A2), mã số 01.002, bậc 2", "4,74"],
    ]);
  });

  it("builds the work history from earlier work and the dated assignments, units named as they were", () => {
    expect(item(cv, 33).tables[0]!.rows).toEqual([
      ["09/2002 – 02/2005", "Nhân viên kế toán, Công ty TNHH Thương mại Hà Thành"],
      ["01/2006 – 06/2015", "Chuyên viên, Phường Phúc Xá"],
      ["07/2015 – 12/2018", "Phó Trưởng phòng, Phòng Nội vụ"],
      ["01/2019 – 12/2023", "Trưởng phòng, Phòng Nội vụ"],
      ["01/2020 – nay", "Kiêm nhiệm: Thanh tra viên, Quận Ba Đình"],
      ["01/2024 – nay", "Trưởng phòng, Phòng Nội vụ"],
    ]);
  });

  it("fills the training tables by kind and leaves kinds without rows blank", () => {
    const [professional, political, stateManagement, defence, it_, language] = item(cv, 32).tables;
    expect(professional!.rows).toEqual([
      ["Trường Đại học Luật Hà Nội", "Luật", "09/1998 – 06/2002", "Chính quy", "Đại học"],
      ["Trường Đại học Luật Hà Nội", "Luật kinh tế", "10/2012", "", "Thạc sĩ"],
    ]);
    expect(political!.rows).toEqual([
      ["Học viện Chính trị quốc gia Hồ Chí Minh", "", "12/2016", "", "Cao cấp"],
    ]);
    expect(language!.rows).toEqual([["", "Tiếng Anh", "06/2010", "", "Bậc 3 (B1)"]]);
    for (const empty of [stateManagement!, defence!, it_!]) {
      expect(empty.state).toBe("blank");
      expect(empty.rows).toEqual([]);
    }
  });

  it("lists rewards and both sides of the family", () => {
    expect(item(cv, 35).tables[0]!.rows).toEqual([
      ["12/2020", "Bằng khen của Chủ tịch UBND Thành phố", "UBND thành phố Hà Nội"],
    ]);
    const [own, spouse] = item(cv, 36).tables;
    expect(own!.rows).toEqual([["Bố", FATHER, "1950", "Hưu trí"]]);
    expect(spouse!.rows).toEqual([["Bố chồng", FATHER_IN_LAW, "1948", ""]]);
  });

  it("leaves what the system does not hold blank instead of inventing it", () => {
    for (const no of [9, 11, 16, 17, 18, 24, 26, 27, 28]) {
      expect(item(cv, no).fields.every((f) => f.state === "blank" && f.value === "")).toBe(true);
    }
    expect(item(cv, 34).freeLines).toBeGreaterThan(0);
    expect(item(cv, 38).freeLines).toBeGreaterThan(0);
  });

  it("speaks of the date asked: in 2017 she was deputy head and the later rows do not exist yet", async () => {
    const past = (await t.services.cv.model(t.system, personId, "2017-03-01")).cv;
    expect(field(past, 23, "Chức vụ hiện tại").value).toBe("Phó Trưởng phòng, Phòng Nội vụ");
    expect(item(past, 33).tables[0]!.rows.at(-1)).toEqual([
      "07/2015 – nay",
      "Phó Trưởng phòng, Phòng Nội vụ",
    ]);
    expect(item(past, 35).tables[0]!.rows).toEqual([]);
    expect(field(past, 30, "Hệ số").value).toBe("4,74");
  });
});

describe("GET /api/cadres/:id/cv", () => {
  it("answers the HTML print view: A4, the motto, the form's headings and the escaped values", async () => {
    const res = await get(officerSensitive, `/cadres/${personId}/cv?format=html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    const html = res.body;
    for (const text of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "<h1>MẪU SƠ YẾU LÝ LỊCH</h1>",
      "(Ban hành kèm theo Thông tư số 06/2023/TT-BNV ngày 04/5/2023 của Bộ trưởng Bộ Nội vụ)",
      "Ảnh màu (4 x 6 cm)",
      "size: A4",
      "Times New Roman",
      "@media print",
      "NGUYỄN THỊ ÁNH TUYẾT",
      "33) Tóm tắt quá trình công tác",
      "Chuyên viên, Phường Phúc Xá</td>",
      ...SECRET_TEXTS,
    ]) {
      expect(html).toContain(text);
    }
    // The 2023 form has no form number; "Mẫu 2C-BNV/2008" is the older, different form (DOMAIN §8).
    expect(html).not.toMatch(/2C-BNV/);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("answers a Word file named after the staff code and the name, with the form inside", async () => {
    const res = await get(officerSensitive, `/cadres/${personId}/cv?format=docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(res.headers["content-disposition"]).toContain(
      'attachment; filename="SYLL_HN-0042_Nguyen_Thi_Anh_Tuyet.docx"',
    );
    const body = res.rawPayload;
    expect(body.subarray(0, 2).toString()).toBe("PK");
    const text = textOf(await documentXml(body));
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "MẪU SƠ YẾU LÝ LỊCH\n(Ban hành kèm theo Thông tư số 06/2023/TT-BNV ngày 04/5/2023 của Bộ trưởng Bộ Nội vụ)",
      "NGUYỄN THỊ ÁNH TUYẾT",
      "23) Chức vụ hiện tại: Trưởng phòng, Phòng Nội vụ",
      "32) Đào tạo, bồi dưỡng",
      "33) Tóm tắt quá trình công tác",
      "01/2006 – 06/2015\nChuyên viên, Phường Phúc Xá\n",
      "Kiêm nhiệm: Thanh tra viên, Quận Ba Đình",
      "36) Quan hệ gia đình",
      ...SECRET_TEXTS,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/2C-BNV/);
  });

  it("masks sensitive fields without cadres.sensitive, in both formats, and writes no export row", async () => {
    const before = (await cvAuditRows()).length;
    const html = await get(officer, `/cadres/${personId}/cv?format=html`);
    expect(html.statusCode).toBe(200);
    const docx = await get(officer, `/cadres/${personId}/cv?format=docx`);
    expect(docx.statusCode).toBe(200);
    const docText = textOf(await documentXml(docx.rawPayload));
    for (const secret of [...SECRET_TEXTS, "Tày"]) {
      expect(html.body).not.toContain(secret);
      expect(docText).not.toContain(secret);
    }
    // The rest of the record is there, and the reader is told why some items are empty.
    expect(html.body).toContain("NGUYỄN THỊ ÁNH TUYẾT");
    expect(docText).toContain("Trưởng phòng, Phòng Nội vụ");
    expect(html.body).toContain("thông tin cá nhân nhạy cảm");
    expect((await cvAuditRows()).length).toBe(before);
  });

  it("records every unmasked CV in the audit trail with its format", async () => {
    const before = (await cvAuditRows()).length;
    await get(officerSensitive, `/cadres/${personId}/cv?format=docx&asOf=2025-01-01`);
    await get(officerSensitive, `/cadres/${personId}/cv`);
    const rows = (await cvAuditRows()).slice(before);
    expect(rows.map((r) => [r.actor, r.after.format, r.after.asOf])).toEqual([
      ["cv.officer.s", "docx", "2025-01-01"],
      ["cv.officer.s", "html", "2026-06-15"],
    ]);
    const reads = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log
          WHERE action = 'cadre.sensitive_read' AND actor_username = 'cv.officer.s'`,
    );
    expect(reads.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it("gives the person their own CV, unmasked and audited", async () => {
    const before = (await cvAuditRows()).length;
    const res = await get(self, `/cadres/${personId}/cv?format=html`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(ID_NUMBER);
    expect((await cvAuditRows()).length).toBe(before + 1);
  });

  it("answers 404 for a record outside the reader's scope, in either format", async () => {
    for (const format of ["html", "docx"]) {
      expect((await get(officerB, `/cadres/${personId}/cv?format=${format}`)).statusCode).toBe(404);
      expect((await get(officer, `/cadres/${outsiderId}/cv?format=${format}`)).statusCode).toBe(404);
    }
    expect((await get(self, `/cadres/${outsiderId}/cv`)).statusCode).toBe(403);
  });

  it("refuses a format other than html or docx, and a bad date, with 400", async () => {
    const pdf = await get(officer, `/cadres/${personId}/cv?format=pdf`);
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().code).toBe("VALIDATION_FAILED");
    expect((await get(officer, `/cadres/${personId}/cv?asOf=2026-02-30`)).statusCode).toBe(400);
  });

  it("needs a session", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/cadres/${personId}/cv` });
    expect(res.statusCode).toBe(401);
  });
});

/**
 * Items 26–27 (DOMAIN §8): Party posts — titles of the catalogue's Party bloc — held on the CV's date.
 * Hưng was Bí thư Đảng ủy phường A1 (2015–2019), is Bí thư Quận ủy since 2020 and also Chủ tịch HĐND quận
 * since 06/2021. Lâm is Chủ tịch UBND quận (not a Party post) since 2021, concurrently Phó Bí thư Thường trực
 * Quận ủy since 2021 and Bí thư Đảng ủy cơ quan since 2022.
 */
describe("the CV's Party posts (items 26–27)", () => {
  let hung: number;
  let lam: number;

  beforeAll(async () => {
    const titles = await titleIds(t);
    const units = await t.services.units.createMany(t.system, [
      {
        key: "qu",
        parentId: org.districtA,
        name: "Quận ủy Ba Đình",
        kind: "party_committee",
        bloc: "party",
        validFrom: "2000-01-01",
      },
    ]);
    const districtCommittee = units.get("qu")!;
    const agencySecretary = await t.services.posts.createTitle(t.system, {
      code: "agency_party_secretary",
      name: "Bí thư Đảng ủy cơ quan",
      level: "district",
      isLeadership: true,
      bloc: "party",
    });
    const make = cadreFactory(t, { unitId: org.communeA1, titleId: titles.expert! });
    const add = (id: number, row: object) =>
      t.services.histories.add(t.system, id, "assignments", row as never);

    const h = await make({
      staffCode: "HN-P001",
      idNumber: idNumberFor("male", "1980-05-10", 880001),
      fullName: "Trần Quốc Hưng",
      assignment: {
        unitId: org.communeA1,
        titleId: titles.commune_party_secretary!,
        validFrom: "2015-01-01",
      },
    });
    hung = h.id;
    await t.services.histories.end(t.system, hung, "assignments", h.assignments[0]!.id, {
      endDate: "2020-01-01",
    });
    await add(hung, {
      unitId: districtCommittee,
      titleId: titles.district_party_secretary!,
      validFrom: "2020-01-01",
    });
    await add(hung, {
      unitId: org.districtA,
      titleId: titles.district_council_chair!,
      isMain: false,
      validFrom: "2021-06-01",
    });

    const l = await make({
      staffCode: "HN-P002",
      idNumber: idNumberFor("male", "1980-05-10", 880002),
      fullName: "Lê Văn Lâm",
      assignment: {
        unitId: org.districtA,
        titleId: titles.district_committee_chair!,
        validFrom: "2021-01-01",
      },
    });
    lam = l.id;
    await add(lam, {
      unitId: districtCommittee,
      titleId: titles.district_party_deputy_standing!,
      isMain: false,
      validFrom: "2021-01-01",
    });
    await add(lam, {
      unitId: org.districtA,
      titleId: agencySecretary.id,
      isMain: false,
      validFrom: "2022-01-01",
    });
  });

  const cvOf = async (id: number, asOf?: string) => (await t.services.cv.model(t.system, id, asOf)).cv;

  it("writes a Party post held as the main post in item 26 as well as in item 23", async () => {
    const cv = await cvOf(hung);
    expect(field(cv, 23, "Chức vụ hiện tại").value).toBe("Bí thư Quận/Huyện/Thị ủy, Quận ủy Ba Đình");
    expect(field(cv, 26, "Chức vụ Đảng hiện tại")).toEqual({
      label: "Chức vụ Đảng hiện tại",
      value: "Bí thư Quận/Huyện/Thị ủy, Quận ủy Ba Đình",
      state: "filled",
    });
    // A concurrent State post is a concurrent post (25), not a Party one (27).
    expect(field(cv, 25, "Chức vụ kiêm nhiệm").value).toBe("Chủ tịch HĐND quận/huyện/thị xã, Quận Ba Đình");
    expect(field(cv, 27, "Chức vụ Đảng kiêm nhiệm").state).toBe("blank");
  });

  it("takes the Party posts held on the CV's date", async () => {
    const past = await cvOf(hung, "2018-01-01");
    expect(field(past, 26, "Chức vụ Đảng hiện tại").value).toBe(
      "Bí thư Đảng ủy xã/phường/thị trấn, Phường Phúc Xá mới",
    );
    expect(field(past, 25, "Chức vụ kiêm nhiệm").state).toBe("blank");
  });

  it("puts the first concurrent Party post in item 26 and the others in 27 when the main post is not one", async () => {
    const cv = await cvOf(lam);
    expect(field(cv, 23, "Chức vụ hiện tại").value).toBe("Chủ tịch UBND quận/huyện/thị xã, Quận Ba Đình");
    expect(field(cv, 26, "Chức vụ Đảng hiện tại").value).toBe(
      "Phó Bí thư Thường trực Quận/Huyện/Thị ủy, Quận ủy Ba Đình",
    );
    expect(field(cv, 27, "Chức vụ Đảng kiêm nhiệm").value).toBe("Bí thư Đảng ủy cơ quan, Quận Ba Đình");
    const before = await cvOf(lam, "2021-06-01");
    expect(field(before, 27, "Chức vụ Đảng kiêm nhiệm").state).toBe("blank");
  });

  it("prints them in both the print view and the Word file", async () => {
    const html = await get(officerSensitive, `/cadres/${lam}/cv?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toMatch(
      /data-item="26">26\) Chức vụ Đảng hiện tại[\s\S]*Phó Bí thư Thường trực Quận\/Huyện\/Thị ủy, Quận ủy Ba Đình/,
    );
    const docx = await get(officerSensitive, `/cadres/${hung}/cv?format=docx`);
    const text = textOf(await documentXml(docx.rawPayload));
    expect(text).toContain("26) Chức vụ Đảng hiện tại: Bí thư Quận/Huyện/Thị ủy, Quận ủy Ba Đình");
  });
});

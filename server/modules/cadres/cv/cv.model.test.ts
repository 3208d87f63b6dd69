import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { AssignmentRow, CadreDetail, TrainingRow } from "../../../../common/contracts/cadres.ts";
import { MASKABLE } from "../../../../common/contracts/cadres.ts";
import { renderCvDocx } from "./cv.docx.ts";
import { renderCvHtml } from "./cv.html.ts";
import { appointmentDates, buildCvModel, coursePeriodText, periodText, upperVietnamese } from "./cv.model.ts";
import { agenciesOf, cvFileName, placeName } from "./cv.service.ts";

let nextId = 1;
function assignment(overrides: Partial<AssignmentRow>): AssignmentRow {
  return {
    id: nextId++,
    seatId: null,
    unitId: 10,
    unitName: "Phòng Tư pháp",
    titleId: 1,
    titleName: "Trưởng phòng",
    isLeadership: true,
    isMain: true,
    validFrom: "2015-01-01",
    validTo: null,
    appointedOn: null,
    decisionRef: null,
    note: null,
    ...overrides,
  };
}

/** A record as the cadres service presents it: everything nullable left null. */
function record(overrides: Partial<CadreDetail> = {}): CadreDetail {
  return {
    id: 1,
    staffCode: "T1",
    idNumber: null,
    fullName: "Đặng Văn Đức",
    otherNames: null,
    sex: "male",
    birthDate: "1975-12-31",
    birthDatePrecision: "day",
    birthplaceUnitId: null,
    birthplacePlaceId: null,
    birthplacePlace: null,
    birthplaceText: null,
    homeTownUnitId: null,
    homeTownPlaceId: null,
    homeTownPlace: null,
    homeTownText: null,
    ethnicityCode: null,
    religionCode: null,
    staffType: "civil_servant",
    phone: null,
    email: null,
    residence: null,
    occupationBeforeRecruitment: null,
    recruitmentDate: null,
    recruitmentAgency: null,
    joinedAgencyDate: null,
    partyAdmissionDate: null,
    partyOfficialDate: null,
    generalEducation: null,
    academicTitleCode: null,
    academicTitleYear: null,
    honoraryTitle: null,
    health: null,
    strengths: null,
    leftOn: null,
    leftReason: null,
    version: 1,
    updatedAt: "2026-01-01T00:00:00.000Z",
    masked: [],
    withheld: [],
    computed: {
      asOf: "2026-06-01",
      age: 50,
      retirement: {
        ageMonths: 744,
        reachedOn: "2037-12-31",
        retirementDate: "2037-12-31",
        pensionFrom: "2038-01-01",
        statutoryDate: "2037-12-31",
        overrideKind: null,
      },
      current: null,
      leadership: null,
      tier: null,
      highestQualification: null,
      politicalTheory: null,
      stateManagement: null,
      isLocal: null,
    },
    assignments: [],
    tiers: [],
    qualifications: [],
    trainings: [],
    salaries: [],
    rewards: [],
    workHistory: [],
    family: [],
    ...overrides,
  };
}

describe("buildCvModel", () => {
  it("leaves a bare record blank everywhere but the name, birth date and sex", () => {
    const cv = buildCvModel(record(), {}, "2026-06-01");
    expect(cv.items).toHaveLength(38);
    const filled = cv.items.flatMap((i) => i.fields.filter((f) => f.state !== "blank").map((f) => f.label));
    expect(filled).toEqual(["Họ và tên khai sinh (viết chữ in hoa)", "Sinh ngày", "Giới tính (nam, nữ)"]);
    expect(cv.items[0]!.value).toBe("ĐẶNG VĂN ĐỨC");
    expect(cv.items[2]!.value).toBe("31/12/1975, Nam");
    expect(cv.maskedNote).toBeNull();
    expect(cv.header.idNumber.state).toBe("blank");
  });

  it.each([
    ["1975-01-01", "year", "1975, Nam"],
    ["1975-03-01", "month", "03/1975, Nam"],
  ] as const)(
    "prints a birth date %s known to the %s as known: %s",
    (birthDate, birthDatePrecision, text) => {
      const cv = buildCvModel(record({ birthDate, birthDatePrecision }), {}, "2026-06-01");
      expect(cv.items[2]!.value).toBe(text);
    },
  );

  it("marks the withheld parts masked and carries no value for them", () => {
    const cv = buildCvModel(
      record({ masked: [...MASKABLE], family: undefined, phone: "0987654321" }),
      { religion: { "02": "Công giáo" } },
      "2026-06-01",
    );
    const states = (no: number) => cv.items[no - 1]!.fields.map((f) => f.state);
    expect(states(6)).toEqual(["masked"]);
    expect(states(7)).toEqual(["masked"]);
    expect(states(8)).toEqual(["masked", "blank", "filled"]);
    expect(states(31)[0]).toBe("masked");
    expect(cv.header.idNumber).toEqual({ label: "Số định danh cá nhân", value: "", state: "masked" });
    expect(cv.items[35]!.tables.map((t) => [t.state, t.rows.length])).toEqual([
      ["masked", 0],
      ["masked", 0],
    ]);
    expect(cv.maskedNote).toContain("nhạy cảm");
    const html = renderCvHtml(cv);
    expect(html).toContain("0987654321");
    expect(html).not.toContain("Công giáo");
  });

  it("leaves out rows that begin after the date and ends running rows 'nay'", () => {
    const cv = buildCvModel(
      record({
        assignments: [
          assignment({ validFrom: "2027-01-01", titleName: "Giám đốc Sở" }),
          assignment({ validFrom: "2015-01-01", validTo: "2027-01-01" }),
        ],
        rewards: [
          {
            id: 1,
            form: "Bằng khen",
            decidedOn: "2026-06-02",
            decisionRef: null,
            issuer: null,
            reason: null,
          },
        ],
      }),
      {},
      "2026-06-01",
    );
    expect(cv.items[32]!.tables[0]!.rows).toEqual([["01/2015 – nay", "Trưởng phòng, Phòng Tư pháp"]]);
    expect(cv.items[34]!.tables[0]!.rows).toEqual([]);
    expect(cv.items[22]!.fields[0]!.value).toBe("Trưởng phòng, Phòng Tư pháp");
  });

  it("lists training courses in the table of their field, knowledge updates under 32.1, in HTML and DOCX", async () => {
    const course = (overrides: Partial<TrainingRow>): TrainingRow => ({
      id: nextId++,
      kind: "knowledge_update",
      course: "Cập nhật kiến thức cho cán bộ diện Ban Thường vụ Thành ủy quản lý",
      organiser: "Trường Đào tạo cán bộ Lê Hồng Phong",
      startedOn: "2024-03-04",
      completedOn: "2024-03-15",
      note: null,
      ...overrides,
    });
    const cv = buildCvModel(
      record({
        qualifications: [
          {
            id: nextId++,
            category: "professional",
            levelCode: "university",
            levelName: "Đại học",
            rank: 5,
            major: "Luật",
            institution: "Trường Đại học Luật Hà Nội",
            studyMode: "Chính quy",
            startedOn: "1994-09-01",
            obtainedOn: "1998-07-01",
            note: null,
          },
        ],
        trainings: [
          course({}),
          course({
            kind: "defence_security",
            course: "Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 3",
            organiser: null,
            startedOn: null,
            completedOn: "2019-11-20",
          }),
          course({
            kind: "leadership_management",
            course: "Bồi dưỡng lãnh đạo, quản lý cấp sở",
            startedOn: "2026-05-04",
            completedOn: null,
          }),
          course({ kind: "it", course: "Tin học văn phòng", startedOn: "2026-07-01", completedOn: null }),
        ],
      }),
      {},
      "2026-06-01",
    );
    const [professional, , , defence, it_] = cv.items[31]!.tables;
    expect(professional!.rows).toEqual([
      ["Trường Đại học Luật Hà Nội", "Luật", "09/1994 – 06/1998", "Chính quy", "Đại học"],
      [
        "Trường Đào tạo cán bộ Lê Hồng Phong",
        "Cập nhật kiến thức cho cán bộ diện Ban Thường vụ Thành ủy quản lý",
        "03/2024",
        "Bồi dưỡng cập nhật kiến thức",
        "",
      ],
      [
        "Trường Đào tạo cán bộ Lê Hồng Phong",
        "Bồi dưỡng lãnh đạo, quản lý cấp sở",
        "05/2026 – nay",
        "Bồi dưỡng lãnh đạo, quản lý",
        "Đang học",
      ],
    ]);
    expect(defence!.rows).toEqual([
      [
        "",
        "Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 3",
        "11/2019",
        "Bồi dưỡng quốc phòng - an ninh",
        "",
      ],
    ]);
    // A course that begins after the date is not on the CV of that date.
    expect(it_!.state).toBe("blank");
    expect(renderCvHtml(cv)).toContain("Cập nhật kiến thức cho cán bộ diện Ban Thường vụ Thành ủy quản lý");
    const zip = await JSZip.loadAsync(await renderCvDocx(cv));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("Cập nhật kiến thức cho cán bộ diện Ban Thường vụ Thành ủy quản lý");
    expect(xml).toContain("Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 3");
  });

  it("gives no appointment date for a staff post", () => {
    const cv = buildCvModel(
      record({ assignments: [assignment({ titleName: "Chuyên viên", isLeadership: false })] }),
      {},
      "2026-06-01",
    );
    expect(cv.items[22]!.fields.map((f) => f.value)).toEqual(["Chuyên viên, Phòng Tư pháp", "", ""]);
  });
});

describe("appointmentDates", () => {
  it("counts an unbroken run in the same post from its first assignment", () => {
    const first = assignment({ validFrom: "2014-03-01", validTo: "2019-03-01", appointedOn: "2014-02-20" });
    const second = assignment({ validFrom: "2019-03-01", validTo: "2024-03-01" });
    const third = assignment({ validFrom: "2024-03-01", appointedOn: "2024-02-25" });
    expect(appointmentDates(third, [third, second, first])).toEqual({
      appointedOn: "2014-02-20",
      reappointedOn: "2024-02-25",
    });
    expect(appointmentDates(first, [third, second, first])).toEqual({
      appointedOn: "2014-02-20",
      reappointedOn: null,
    });
  });

  it("starts again after a gap or in another unit", () => {
    const before = assignment({ validFrom: "2010-01-01", validTo: "2014-01-01" });
    const elsewhere = assignment({ unitId: 11, validFrom: "2014-01-01", validTo: "2018-01-01" });
    const now = assignment({ validFrom: "2018-02-01" });
    expect(appointmentDates(now, [now, elsewhere, before])).toEqual({
      appointedOn: "2018-02-01",
      reappointedOn: null,
    });
  });
});

describe("small rules of the form", () => {
  it.each([
    ["2015-07-01", "2019-01-01", "2026-06-01", "07/2015 – 12/2018"],
    ["2015-07-01", null, "2026-06-01", "07/2015 – nay"],
    ["2015-07-01", "2030-01-01", "2026-06-01", "07/2015 – nay"],
    ["2015-07-01", "2015-08-01", "2026-06-01", "07/2015 – 07/2015"],
    // Ended on 30 June 2024 (stored end 1 July): the last month held is June.
    ["2020-03-01", "2024-07-01", "2026-06-01", "03/2020 – 06/2024"],
    ["2020-03-01", "2024-07-02", "2026-06-01", "03/2020 – 07/2024"],
    // On its last day it still runs ("nay"); the day after, it is finished.
    ["2020-03-01", "2024-07-01", "2024-06-30", "03/2020 – nay"],
    ["2020-03-01", "2024-07-01", "2024-07-01", "03/2020 – 06/2024"],
  ])("period %s – %s as of %s is %s", (from, to, asOf, expected) => {
    expect(periodText(from, to, asOf)).toBe(expected);
  });

  it.each([
    ["2024-03-04", "2024-03-15", "2026-06-01", "03/2024"],
    ["2024-03-25", "2024-04-05", "2026-06-01", "03/2024 – 04/2024"],
    ["2026-05-04", null, "2026-06-01", "05/2026 – nay"],
    ["2026-05-04", "2026-06-20", "2026-06-01", "05/2026 – nay"],
    [null, "2019-11-20", "2026-06-01", "11/2019"],
  ])("course %s – %s as of %s is %s", (startedOn, completedOn, asOf, expected) => {
    expect(coursePeriodText({ startedOn, completedOn }, asOf)).toBe(expected);
  });

  it("writes Vietnamese capitals", () => {
    expect(upperVietnamese("Nguyễn Thị Ánh Tuyết đây")).toBe("NGUYỄN THỊ ÁNH TUYẾT ĐÂY");
  });

  it("names the file with the staff code and the name without diacritics", () => {
    expect(cvFileName({ staffCode: "HN/01.2", fullName: "Đỗ Thị Ngọc Ánh" }, "docx")).toBe(
      "SYLL_HN_01.2_Do_Thi_Ngoc_Anh.docx",
    );
  });

  it("takes the agency a division belongs to as the employing agency", () => {
    const path = [
      { unitId: 3, name: "Phòng Nội vụ", kind: "division", depth: 0 },
      { unitId: 2, name: "UBND quận Ba Đình", kind: "people_committee", depth: 1 },
      { unitId: 1, name: "Quận Ba Đình", kind: "district", depth: 2 },
    ];
    expect(agenciesOf(path)).toEqual({
      employingAgency: "UBND quận Ba Đình",
      managingAgency: "Quận Ba Đình",
    });
    expect(agenciesOf(path.slice(2))).toEqual({ employingAgency: "Quận Ba Đình", managingAgency: null });
    expect(agenciesOf([])).toEqual({ employingAgency: null, managingAgency: null });
    expect(placeName(path)).toBe("Quận Ba Đình");
  });
});

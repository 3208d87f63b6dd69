import type { SeedUnit, UnitRole } from "./organisation.ts";
import { isoOf, years } from "./people-dates.ts";
import type { TitleClass, TitleCode } from "./people-seats.ts";
import type { Random } from "./random.ts";

/** The CV's dated sections of one person, as the generator writes them (dates as YYYY-MM-DD). */
export type QualificationRow = {
  category: "professional" | "political_theory" | "state_management" | "language" | "it" | "defence_security";
  levelCode: string;
  major: string | null;
  institution: string | null;
  studyMode: string | null;
  startedOn: string | null;
  obtainedOn: string;
};

/** Shares of the highest degrees and of political theory by title class (DOMAIN §2, I3 and I4). */
export type Schooling = {
  master: number;
  doctor: number;
  /** [senior or bachelor, intermediate, elementary]; the rest have none. */
  theory: readonly [number, number, number];
};

/** A draw of a day in [lo, hi], or null when the window is empty. */
function between(rnd: Random, lo: number, hi: number): number | null {
  if (hi < lo) return null;
  return lo + Math.floor(rnd.next() * (hi - lo + 1));
}

const UNIVERSITIES_BY_FIELD: Record<string, readonly string[]> = {
  party: [
    "Học viện Chính trị quốc gia Hồ Chí Minh",
    "Học viện Báo chí và Tuyên truyền",
    "Đại học Luật Hà Nội",
  ],
  government: [
    "Học viện Hành chính Quốc gia",
    "Đại học Kinh tế Quốc dân",
    "Đại học Luật Hà Nội",
    "Đại học Quốc gia Hà Nội",
    "Học viện Tài chính",
    "Đại học Thương mại",
    "Đại học Xây dựng Hà Nội",
    "Đại học Bách khoa Hà Nội",
    "Đại học Nông nghiệp Hà Nội",
    "Đại học Mỏ - Địa chất",
    "Đại học Tài nguyên và Môi trường Hà Nội",
  ],
  education: [
    "Đại học Sư phạm Hà Nội",
    "Đại học Sư phạm Hà Nội 2",
    "Đại học Thủ đô Hà Nội",
    "Đại học Giáo dục",
  ],
  health: [
    "Đại học Y Hà Nội",
    "Đại học Y tế công cộng",
    "Học viện Y dược học cổ truyền Việt Nam",
    "Đại học Dược Hà Nội",
  ],
};

const MAJORS: Record<string, readonly string[]> = {
  party: ["Xây dựng Đảng và chính quyền nhà nước", "Chính trị học", "Luật", "Kinh tế", "Báo chí"],
  government: [
    "Luật",
    "Kinh tế",
    "Quản lý nhà nước",
    "Tài chính - Ngân hàng",
    "Kế toán",
    "Quản trị kinh doanh",
    "Xây dựng dân dụng và công nghiệp",
    "Công nghệ thông tin",
    "Hành chính học",
    "Quản lý đất đai",
  ],
  kindergarten: ["Giáo dục mầm non"],
  primary_school: ["Giáo dục tiểu học", "Sư phạm Tiếng Anh", "Giáo dục thể chất"],
  secondary: [
    "Sư phạm Toán",
    "Sư phạm Ngữ văn",
    "Sư phạm Tiếng Anh",
    "Sư phạm Vật lý",
    "Sư phạm Hóa học",
    "Sư phạm Sinh học",
    "Sư phạm Lịch sử",
    "Sư phạm Địa lý",
    "Sư phạm Tin học",
    "Giáo dục thể chất",
  ],
  physician: ["Bác sĩ đa khoa", "Y học cổ truyền", "Răng hàm mặt", "Y học dự phòng"],
  health_staff: ["Điều dưỡng", "Dược", "Kỹ thuật xét nghiệm y học", "Hộ sinh"],
  staff: ["Hành chính văn thư", "Kế toán", "Lưu trữ học", "Tin học ứng dụng"],
  land_officer: ["Quản lý đất đai", "Địa chính", "Xây dựng dân dụng và công nghiệp"],
  accountant: ["Kế toán", "Tài chính - Ngân hàng"],
  master: [
    "Quản lý kinh tế",
    "Quản lý công",
    "Luật kinh tế",
    "Chính trị học",
    "Tài chính - Ngân hàng",
    "Quản trị kinh doanh",
  ],
  master_education: ["Quản lý giáo dục", "Lý luận và phương pháp dạy học"],
  master_health: ["Y tế công cộng", "Nội khoa", "Ngoại khoa", "Nhi khoa", "Sản phụ khoa"],
  doctor: ["Kinh tế chính trị", "Quản lý kinh tế", "Luật học", "Chính trị học", "Quản lý công"],
  doctor_health: ["Y học", "Y tế công cộng"],
  doctor_education: ["Giáo dục học", "Quản lý giáo dục"],
};

function fieldOf(role: UnitRole, title: TitleCode): keyof typeof UNIVERSITIES_BY_FIELD {
  if (role === "hospital" || role === "health_centre" || role === "health_station") return "health";
  if (title === "teacher") return "education";
  if (
    role === "city_party" ||
    role === "city_party_board" ||
    role === "district_party" ||
    role === "commune_party"
  )
    return "party";
  return "government";
}

function majorOf(rnd: Random, role: UnitRole, title: TitleCode): string {
  if (title === "teacher") {
    if (role === "kindergarten") return rnd.pick(MAJORS.kindergarten!);
    if (role === "primary_school") return rnd.pick(MAJORS.primary_school!);
    return rnd.pick(MAJORS.secondary!);
  }
  if (title === "physician") return rnd.pick(MAJORS.physician!);
  if (title === "land_officer") return rnd.pick(MAJORS.land_officer!);
  if (title === "accountant") return rnd.pick(MAJORS.accountant!);
  const field = fieldOf(role, title);
  if (field === "health") return rnd.pick(title === "staff" ? MAJORS.health_staff! : MAJORS.physician!);
  if (title === "staff") return rnd.pick(MAJORS.staff!);
  return rnd.pick(field === "party" ? MAJORS.party! : MAJORS.government!);
}

/**
 * Qualifications over time (item 32): the first degree before recruitment (some staff upgrade in service),
 * a master's and a doctorate for the shares of the title class, political theory before the leadership
 * post it is required for, state management, a language, IT and defence-security training.
 */
export function qualificationsOf(input: {
  rnd: Random;
  cls: TitleClass;
  title: TitleCode;
  unit: SeedUnit;
  schooling: Schooling;
  birthDay: number;
  recruitmentDay: number;
  /** The first degree is obtained a little before this day (recruitment, or military service before it). */
  studiesEndBy: number;
  /** The first day of the current post (degrees for a post are usually earned before it). */
  postDay: number;
  /** The last day any row may carry (the reference date, or the last day of service). */
  lastDay: number;
}): QualificationRow[] {
  const { rnd, cls, title, unit, schooling, birthDay, recruitmentDay, studiesEndBy, postDay, lastDay } =
    input;
  const rows: QualificationRow[] = [];
  const role = unit.role;
  const field = fieldOf(role, title);
  const institution = () => rnd.pick(UNIVERSITIES_BY_FIELD[field]!);
  const row = (
    category: QualificationRow["category"],
    levelCode: string,
    obtained: number,
    extra: Partial<QualificationRow> = {},
  ) =>
    rows.push({
      category,
      levelCode,
      major: null,
      institution: null,
      studyMode: null,
      startedOn: null,
      obtainedOn: isoOf(Math.min(obtained, lastDay)),
      ...extra,
    });

  // First degree, obtained a few months before recruitment.
  let first: string;
  const u = rnd.next();
  if (title === "staff")
    first = u < 0.05 ? "elementary" : u < 0.45 ? "intermediate" : u < 0.7 ? "college" : "university";
  else if (title === "teacher" && role === "kindergarten")
    first = u < 0.1 ? "intermediate" : u < 0.35 ? "college" : "university";
  else if (title === "teacher") first = u < 0.1 ? "college" : "university";
  else if (cls === "expert") first = u < 0.05 ? "college" : "university";
  else if (cls === "commune_head" || cls === "commune_deputy")
    first = u < 0.15 ? "intermediate" : "university";
  else first = "university";
  const graduated = Math.max(birthDay + years(18), studiesEndBy - rnd.int(30, 200));
  const major = majorOf(rnd, role, title);
  row("professional", first, graduated, {
    major,
    institution: first === "university" ? institution() : null,
    studyMode: "Chính quy",
    startedOn: isoOf(graduated - years(first === "university" ? 4 : 2) - rnd.int(0, 60)),
  });
  // Some upgrade to a university degree in service ("vừa làm vừa học").
  let highest = first;
  if (first !== "university" && (cls !== "staff" || rnd.chance(0.3))) {
    const obtained = between(rnd, recruitmentDay + years(3), Math.min(lastDay, recruitmentDay + years(10)));
    if (obtained !== null) {
      row("professional", "university", obtained, {
        major,
        institution: institution(),
        studyMode: "Vừa làm vừa học",
        startedOn: isoOf(obtained - years(3)),
      });
      highest = "university";
    }
  }
  if (highest === "university" && rnd.chance(schooling.master)) {
    const hi = Math.min(lastDay - 60, postDay + years(rnd.chance(0.8) ? 0 : 4));
    const obtained = between(rnd, Math.max(recruitmentDay + years(3), birthDay + years(26)), hi);
    if (obtained !== null) {
      const masterMajor =
        field === "health"
          ? rnd.pick(MAJORS.master_health!)
          : field === "education"
            ? rnd.pick(MAJORS.master_education!)
            : rnd.pick(MAJORS.master!);
      row("professional", "master", obtained, {
        major: masterMajor,
        institution: institution(),
        studyMode: rnd.chance(0.6) ? "Vừa làm vừa học" : "Chính quy",
        startedOn: isoOf(obtained - years(2)),
      });
      if (rnd.chance(schooling.doctor / Math.max(schooling.master, 0.01))) {
        const phd = between(rnd, obtained + years(3), lastDay - 60);
        if (phd !== null) {
          row("professional", "doctor", phd, {
            major:
              field === "health"
                ? rnd.pick(MAJORS.doctor_health!)
                : field === "education"
                  ? rnd.pick(MAJORS.doctor_education!)
                  : rnd.pick(MAJORS.doctor!),
            institution: field === "party" ? UNIVERSITIES_BY_FIELD.party![0]! : institution(),
            studyMode: "Tập trung",
            startedOn: isoOf(phd - years(4)),
          });
        }
      }
    }
  }

  // Political theory: senior (or a bachelor's) before a leadership post, often after an intermediate course.
  const [senior, intermediate, elementary] = schooling.theory;
  const t = rnd.next();
  const theoryFrom = Math.max(recruitmentDay + years(1), birthDay + years(22));
  const theoryTo = Math.min(lastDay - 30, postDay + years(2));
  if (t < senior) {
    const obtained = between(rnd, Math.max(theoryFrom + years(4), birthDay + years(30)), theoryTo);
    if (obtained !== null) {
      if (rnd.chance(0.5)) {
        const earlier = between(rnd, theoryFrom, obtained - years(3));
        if (earlier !== null) row("political_theory", "intermediate", earlier, { studyMode: "Tại chức" });
      }
      row("political_theory", rnd.chance(0.1) ? "bachelor" : "senior", obtained, {
        institution: "Học viện Chính trị quốc gia Hồ Chí Minh",
        studyMode: rnd.chance(0.7) ? "Tại chức" : "Tập trung",
      });
    } else {
      const fallback = between(rnd, theoryFrom, lastDay - 30);
      if (fallback !== null) row("political_theory", "intermediate", fallback, { studyMode: "Tại chức" });
    }
  } else if (t < senior + intermediate) {
    const obtained = between(rnd, theoryFrom, Math.min(lastDay - 30, postDay + years(3)));
    if (obtained !== null)
      row("political_theory", "intermediate", obtained, {
        institution: "Trường Đào tạo cán bộ Lê Hồng Phong",
        studyMode: "Tại chức",
      });
  } else if (t < senior + intermediate + elementary) {
    const obtained = between(rnd, theoryFrom, lastDay - 30);
    if (obtained !== null) row("political_theory", "elementary", obtained, { studyMode: "Tại chức" });
  }

  // State management (chương trình chuyên viên / chuyên viên chính / chuyên viên cao cấp).
  const sm = stateManagementOf(rnd, cls, title);
  if (sm) {
    const obtained = between(rnd, recruitmentDay + years(2), Math.min(lastDay - 30, postDay + years(3)));
    if (obtained !== null)
      row("state_management", sm, obtained, { institution: "Học viện Hành chính Quốc gia" });
  }
  // Language and IT certificates.
  const lang = languageOf(rnd, cls, title);
  if (lang) {
    const obtained = between(rnd, graduated - years(1), lastDay - 30);
    if (obtained !== null)
      row("language", lang, obtained, { major: lang === "bachelor" ? "Ngôn ngữ Anh" : "Tiếng Anh" });
  }
  const itShare = cls === "staff" ? 0.5 : cls === "teacher" || cls === "physician" ? 0.7 : 0.8;
  if (rnd.chance(itShare)) {
    const obtained = between(rnd, graduated - years(1), lastDay - 30);
    if (obtained !== null) row("it", rnd.chance(0.12) ? "advanced" : "basic", obtained);
  }
  const ds = defenceOf(rnd, cls);
  if (ds) {
    const obtained = between(rnd, Math.max(recruitmentDay, postDay - years(3)), lastDay - 30);
    if (obtained !== null) row("defence_security", ds, obtained);
  }
  return rows;
}

function stateManagementOf(rnd: Random, cls: TitleClass, title: TitleCode): string | null {
  const u = rnd.next();
  switch (cls) {
    case "top":
    case "city_deputy":
    case "dept_head":
      return u < 0.6 ? "senior_expert" : "principal_expert";
    case "dept_deputy":
    case "district_head":
      return u < 0.2 ? "senior_expert" : u < 0.9 ? "principal_expert" : "expert";
    case "district_deputy":
    case "division_head":
      return u < 0.55 ? "principal_expert" : u < 0.95 ? "expert" : null;
    case "division_deputy":
    case "commune_head":
      return u < 0.3 ? "principal_expert" : u < 0.9 ? "expert" : null;
    case "commune_deputy":
      return u < 0.15 ? "principal_expert" : u < 0.8 ? "expert" : null;
    case "expert":
      if (title === "senior_expert") return "senior_expert";
      if (title === "principal_expert") return u < 0.9 ? "principal_expert" : "expert";
      return u < 0.55 ? "expert" : u < 0.6 ? "principal_expert" : null;
    case "staff":
      return u < 0.1 ? "assistant" : null;
    default:
      return u < 0.04 ? "expert" : null;
  }
}

function languageOf(rnd: Random, cls: TitleClass, title: TitleCode): string | null {
  const u = rnd.next();
  if (cls === "staff") return u < 0.2 ? "a2" : null;
  if (title === "teacher" || title === "physician")
    return u < 0.05 ? "bachelor" : u < 0.15 ? "b2" : u < 0.5 ? "b1" : u < 0.6 ? "a2" : null;
  return u < 0.02 ? "c1" : u < 0.14 ? "b2" : u < 0.6 ? "b1" : u < 0.72 ? "a2" : null;
}

function defenceOf(rnd: Random, cls: TitleClass): string | null {
  switch (cls) {
    case "top":
      return "group1";
    case "city_deputy":
    case "dept_head":
    case "district_head":
      return "group2";
    case "dept_deputy":
    case "district_deputy":
    case "division_head":
    case "commune_head":
      return rnd.chance(0.85) ? "group3" : null;
    case "division_deputy":
    case "commune_deputy":
      return rnd.chance(0.6) ? "group3" : "group4";
    case "expert":
      return rnd.chance(0.3) ? "group4" : null;
    default:
      return null;
  }
}

import type { ManagementTier, TrainingKind } from "../../common/enums/cadres.ts";
import { isoOf } from "./people-dates.ts";
import { TITLE_CLASS, type TitleCode } from "./people-seats.ts";
import type { Random } from "./random.ts";

/** A training course (bồi dưỡng) as the generator writes it; an unfinished course has no completion date. */
export type TrainingRow = {
  kind: TrainingKind;
  course: string;
  organiser: string;
  startedOn: string;
  completedOn: string | null;
};

/** A main post of the records with its management tier (day numbers, half-open; null: still held). */
export type TieredPost = {
  title: TitleCode;
  isLeadership: boolean;
  tier: ManagementTier;
  from: number;
  to: number | null;
};

/** Tiers whose leaders take a knowledge-update course every term (indicator I5). */
const UPDATED_TIERS: ReadonlySet<ManagementTier> = new Set(["central", "city_standing"]);

/** Share of the other leaders with a leadership and management course. */
const LEADERSHIP_COURSE_SHARE = 0.3;

const MONTH = 30.44;
const days = (months: number) => Math.round(months * MONTH);

/**
 * Training courses of a person (CV item 32):
 * - a leader in the central or city standing-committee tier takes a knowledge update about every 24 months
 *   (± 3) while there, the first within 8 months of entering the tier, so that on any date almost all of
 *   them completed one in the last 60 months (indicator I5). A period that opens with the records was
 *   running before them: its cycle starts up to 23 months earlier;
 * - about 30% of the other leaders took one leadership and management course around their first post.
 * Nothing completes after the person's last day; a course running on it is recorded unfinished.
 */
export function trainingsOf(input: {
  rnd: Random;
  /** Main posts, oldest first. */
  posts: readonly TieredPost[];
  recordsFrom: number;
  /** Last day of service, or the day before the reference date. */
  lastDay: number;
  isServing: boolean;
  isHanoi: boolean;
  /**
   * Days a reorganisation put many leaders in office at once: they were trained in the weeks before (Hà Nội
   * trained the leaders of its 126 new communes in June 2025).
   */
  trainedAhead?: ReadonlySet<number>;
}): TrainingRow[] {
  const { rnd, posts, recordsFrom, lastDay, isServing, isHanoi } = input;
  const rows: TrainingRow[] = [];
  const school = isHanoi ? "Trường Đào tạo cán bộ Lê Hồng Phong" : "Trường Chính trị tỉnh";
  const committee = isHanoi ? "Thành ủy" : "Tỉnh ủy";

  // Periods in the updated tiers as leader, contiguous posts joined.
  const periods: { from: number; to: number; tiers: TieredPost[] }[] = [];
  for (const post of posts) {
    if (!post.isLeadership || !UPDATED_TIERS.has(post.tier)) continue;
    const to = post.to ?? Number.POSITIVE_INFINITY;
    const last = periods[periods.length - 1];
    if (last && last.to === post.from) {
      last.to = to;
      last.tiers.push(post);
    } else periods.push({ from: post.from, to, tiers: [post] });
  }

  for (const period of periods) {
    // Newly appointed leaders are sent to the next class, most within a few months.
    let completed =
      period.from <= recordsFrom
        ? period.from - rnd.int(0, days(23))
        : input.trainedAhead?.has(period.from)
          ? period.from - rnd.int(5, 25)
          : period.from + Math.round(rnd.triangular(15, 15, days(8)));
    while (completed < period.to) {
      const started = completed - rnd.int(4, 12);
      if (started > lastDay) break;
      const isFinished = completed <= lastDay;
      if (!isFinished && !isServing) break;
      const tier = tierOn(period.tiers, completed);
      rows.push({
        kind: "knowledge_update",
        course:
          tier === "central"
            ? "Bồi dưỡng cập nhật kiến thức cho cán bộ diện Ban Chấp hành Trung ương Đảng quản lý"
            : `Bồi dưỡng cập nhật kiến thức cho cán bộ lãnh đạo, quản lý diện Ban Thường vụ ${committee} quản lý`,
        organiser:
          tier === "central"
            ? "Học viện Chính trị quốc gia Hồ Chí Minh"
            : rnd.chance(0.5)
              ? school
              : `Ban Tổ chức ${committee}`,
        startedOn: isoOf(started),
        completedOn: isFinished ? isoOf(completed) : null,
      });
      if (!isFinished) break;
      completed += days(24) + rnd.int(-days(3), days(3));
    }
  }

  const firstLeaderPost = posts.find((p) => p.isLeadership);
  if (periods.length === 0 && firstLeaderPost && rnd.chance(LEADERSHIP_COURSE_SHARE)) {
    // Taken while in the pool for the post or in its first two years.
    const lo = firstLeaderPost.from - days(12);
    const hi = Math.min(firstLeaderPost.from + days(24), lastDay);
    if (hi > lo) {
      const completed = rnd.int(lo, hi);
      rows.push({
        kind: "leadership_management",
        course: `Bồi dưỡng lãnh đạo, quản lý ${levelOf(firstLeaderPost.title)}`,
        organiser: school,
        startedOn: isoOf(completed - rnd.int(14, 45)),
        completedOn: isoOf(completed),
      });
    }
  }
  return rows;
}

function tierOn(posts: readonly TieredPost[], day: number): ManagementTier {
  return (posts.find((p) => p.from <= day && (p.to === null || day < p.to)) ?? posts[0]!).tier;
}

/** The level of a leadership course by the post it prepares for. */
function levelOf(title: TitleCode): string {
  switch (TITLE_CLASS[title]) {
    case "commune_head":
    case "commune_deputy":
      return "cấp xã";
    case "division_head":
    case "division_deputy":
      return "cấp phòng";
    case "district_head":
    case "district_deputy":
      return "cấp huyện";
    default:
      return "cấp sở";
  }
}

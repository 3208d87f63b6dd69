import { GRADES, type Grade, type QuotaRounding, type QuotaRule } from "./scheme.ts";

/**
 * The cap on the top grade (DOMAIN §3). "30% of N" is a whole number of people: the shipped rules round
 * **down** (floor), the usual reading of "không quá 30%" — granting one more must not take the share past the
 * percentage. So 1 or 3 people rated allow no A without an override, 10 and 11 allow 3. The rounding is part
 * of the rule (QuotaRule.rounding), so a unit that reads it otherwise changes data, not code.
 */
export function quotaAllowed(maxPercent: number, base: number, rounding: QuotaRounding): number {
  // Integer arithmetic first: percent × people is exact, one division by 100 cannot cross a whole number.
  const exact = (maxPercent * base) / 100;
  if (rounding === "floor") return Math.floor(exact);
  if (rounding === "ceil") return Math.ceil(exact);
  return Math.round(exact);
}

export type GradeCounts = Partial<Record<Grade, number>>;

export type QuotaQuestion = {
  /**
   * The grades proposed or decided for everyone else in the group the rule counts on (the unit-period, or
   * the unit, period and group of similar duties), the candidate left out.
   */
  others: GradeCounts;
  /** Everyone on the unit's staff, rated or not (the 3814 exception counts on it). */
  allStaff?: number;
  /** An override recorded by an authorised person; the reason is required. */
  override?: { reason: string } | undefined;
};

export type QuotaRefusal =
  | "over_quota"
  | "override_without_reason"
  | "no_exception_in_scheme"
  | "over_exception_cap";
export type QuotaWarning = "over_soft_cap" | "exception_figure_unconfirmed";

/** Vietnamese messages for the head's screen and the API's 4xx. */
export const QUOTA_MESSAGES: Record<QuotaRefusal | QuotaWarning, string> = {
  over_quota:
    "Vượt tỷ lệ tối đa được xếp loại cao nhất; cần người có thẩm quyền quyết định vượt tỷ lệ và ghi lý do",
  override_without_reason: "Phải ghi lý do khi quyết định vượt tỷ lệ",
  no_exception_in_scheme: "Quy định áp dụng không cho phép vượt tỷ lệ",
  over_exception_cap: "Vượt cả tỷ lệ tối đa dành cho trường hợp đặc biệt",
  over_soft_cap: "Vượt tỷ lệ không nên vượt quá (tính trên tổng số cán bộ của đơn vị)",
  exception_figure_unconfirmed:
    "Tỷ lệ được vượt chưa được quy định cụ thể; đề nghị kiểm tra trước khi phê duyệt",
};

/** What the head's screen shows before granting the capped grade to one more person. */
export type QuotaVerdict = {
  decision: "within_quota" | "granted_by_override" | "refused";
  refusal?: QuotaRefusal;
  /** How many the quota allows, how many hold or are proposed the grade already, out of how many (the base). */
  allowed: number;
  used: number;
  base: number;
  /** The exception's own figures, when the scheme has one (allowed null: no figure confirmed). */
  exception?: { allowed: number | null; used: number; base: number; label: string };
  warnings: QuotaWarning[];
  citation: string;
};

function count(c: GradeCounts, g: Grade): number {
  return c[g] ?? 0;
}

function baseOf(
  kind: "rated" | "good_or_above" | "good_only" | "all_staff",
  q: QuotaQuestion,
  capped: Grade,
): number {
  // The candidate counts in the base as holding the capped grade.
  const others = GRADES.reduce((s, g) => s + count(q.others, g), 0);
  if (kind === "rated") return others + 1;
  if (kind === "all_staff") return Math.max(q.allStaff ?? 0, others + 1);
  if (kind === "good_only") return count(q.others, "good") + (capped === "good" ? 1 : 0);
  return count(q.others, "excellent") + count(q.others, "good") + 1;
}

/**
 * Whether granting the capped grade to one more person stays within the quota, with the figures for the
 * screen. Over the quota it is refused unless an override with a written reason is given; the override goes as
 * far as the scheme's exception (a soft cap warns beyond it, a hard one refuses; an exception with no confirmed
 * figure lets it through with a warning). A scheme without an exception refuses every excess.
 */
export function checkQuota(rule: QuotaRule, q: QuotaQuestion): QuotaVerdict {
  const base = baseOf(rule.base, q, rule.grade);
  const used = count(q.others, rule.grade);
  const allowed = quotaAllowed(rule.maxPercent, base, rule.rounding);
  const exceptionFigures = rule.exception && {
    allowed:
      rule.exception.maxPercent === null
        ? null
        : quotaAllowed(rule.exception.maxPercent, baseOf(rule.exception.base, q, rule.grade), rule.rounding),
    used,
    base: baseOf(rule.exception.base, q, rule.grade),
    label: rule.exception.label,
  };
  const verdict = (
    decision: QuotaVerdict["decision"],
    refusal?: QuotaRefusal,
    warnings: QuotaWarning[] = [],
  ): QuotaVerdict => ({
    decision,
    ...(refusal ? { refusal } : {}),
    allowed,
    used,
    base,
    ...(exceptionFigures ? { exception: exceptionFigures } : {}),
    warnings,
    citation: rule.citation,
  });
  if (used + 1 <= allowed) return verdict("within_quota");
  if (!q.override) return verdict("refused", "over_quota");
  if (!q.override.reason.trim()) return verdict("refused", "override_without_reason");
  if (!rule.exception || !exceptionFigures) return verdict("refused", "no_exception_in_scheme");
  if (exceptionFigures.allowed === null)
    return verdict("granted_by_override", undefined, ["exception_figure_unconfirmed"]);
  if (used + 1 <= exceptionFigures.allowed) return verdict("granted_by_override");
  return rule.exception.isSoft
    ? verdict("granted_by_override", undefined, ["over_soft_cap"])
    : verdict("refused", "over_exception_cap");
}

import type { Figure, IndicatorResult } from "../../../../common/contracts/indicators.ts";

/** The languages numbers are written in: 33,39% and 2.621 in Vietnamese, 33.39% and 2,621 in English. */
export type NumberLanguage = "vi" | "en";

const LOCALES: Record<NumberLanguage, string> = { vi: "vi-VN", en: "en-US" };

const percentFormats = new Map<NumberLanguage, Intl.NumberFormat>();
const countFormats = new Map<NumberLanguage, Intl.NumberFormat>();
const targetFormats = new Map<NumberLanguage, Intl.NumberFormat>();
const ageFormats = new Map<NumberLanguage, Intl.NumberFormat>();

function cached(
  cache: Map<NumberLanguage, Intl.NumberFormat>,
  language: NumberLanguage,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  let format = cache.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], options);
    cache.set(language, format);
  }
  return format;
}

/** A percent with two decimals, as the API computes it: "33,39%" in Vietnamese. */
export function formatPercent(percent: number, language: NumberLanguage): string {
  const format = cached(percentFormats, language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${format.format(percent)}%`;
}

/** A head count with the language's thousands separator: "2.621" in Vietnamese. */
export function formatCount(count: number, language: NumberLanguage): string {
  return cached(countFormats, language, { maximumFractionDigits: 0 }).format(count);
}

type Shown = Pick<Figure, "numerator" | "denominator" | "percent" | "status">;

/** True when a figure has nothing to show: an empty population, or records the indicator needs are missing. */
export function hasNoData(figure: Shown): boolean {
  return (
    figure.status === "no_data" ||
    figure.percent === null ||
    figure.numerator === null ||
    figure.denominator === null
  );
}

/**
 * What a figure shows: the percent ("33,39%") or, for count indicators, "28/30". Undefined when there is
 * no data, so that the screen says "no data" and never shows it as 0.
 */
export function formatFigure(
  figure: Shown,
  display: IndicatorResult["display"],
  language: NumberLanguage,
): string | undefined {
  if (hasNoData(figure)) return undefined;
  if (display === "count")
    return `${formatCount(figure.numerator!, language)}/${formatCount(figure.denominator!, language)}`;
  return formatPercent(figure.percent!, language);
}

/** A percent without needless decimals ("15%", "12,5%"), for targets and chart axes. */
export function formatShortPercent(percent: number, language: NumberLanguage): string {
  return `${cached(targetFormats, language, { maximumFractionDigits: 2 }).format(percent)}%`;
}

/** The target as "≥ 15%" (targets are percents for every display); undefined for a watched figure. */
export function formatTarget(
  indicator: Pick<IndicatorResult, "target" | "direction">,
  language: NumberLanguage,
): string | undefined {
  if (indicator.target === null || indicator.direction === null) return undefined;
  const sign = indicator.direction === ">=" ? "≥" : "≤";
  return `${sign} ${formatShortPercent(indicator.target, language)}`;
}

/** An average age with one decimal ("45,3", "43,0" in Vietnamese); "—" when nobody is counted. */
export function formatAverageAge(age: number | null, language: NumberLanguage): string {
  if (age === null) return "—";
  return cached(ageFormats, language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(age);
}

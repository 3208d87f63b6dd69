import type { TFunction } from "i18next";
import {
  type ConditionSpec,
  type IndicatorDefinition,
  isByTier,
  type LeafCondition,
  type PopulationSpec,
  YOUNG_TIERS,
  type YoungTier,
} from "../../../../common/contracts/indicators.ts";
import type { Language } from "../../../app/i18n/i18n.ts";

export type YoungLevel = YoungTier;

/** What turning a definition into words needs besides the messages: the names of codes it refers to. */
export type CatalogueWords = {
  t: TFunction;
  language: Language;
  /** The name of a qualification level (code list of the category); the code when unknown. */
  levelName: (category: string, code: string) => string;
  /** The name of a title of the catalogue; the code when unknown. */
  titleName: (code: string) => string;
};

const OPERATOR_SIGNS = { "<": "<", "<=": "≤" } as const;
const DIRECTION_SIGNS = { ">=": "≥", "<=": "≤" } as const;

/** The threshold most keys share, which the sentence leads with (the first key's when there is a tie). */
function commonThreshold(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = values[0]!;
  for (const value of values) if ((counts.get(value) ?? 0) > (counts.get(best) ?? 0)) best = value;
  return best;
}

function describeLeaf(leaf: LeafCondition, w: CatalogueWords): string {
  const { t } = w;
  switch (leaf.kind) {
    case "young": {
      const op = OPERATOR_SIGNS[leaf.operator];
      // By management tier; versions written before key by the level of the post (labelled as such).
      const th = leaf.thresholds;
      const entries: [string, number][] = isByTier(th)
        ? YOUNG_TIERS.map((tier) => [t(`tier.${tier}`), th[tier]])
        : Object.entries(th).map(([level, age]) => [
            t(`indicatorCatalogue.words.youngLevel.${level as keyof typeof th}`),
            age,
          ]);
      const common = commonThreshold(entries.map(([, age]) => age));
      const main = t("indicatorCatalogue.words.young", { op, age: common });
      // The keys that differ from the common threshold, lowest threshold first: "Cơ sở < 35".
      const exceptions = entries
        .filter(([, age]) => age !== common)
        .sort((a, b) => a[1] - b[1])
        .map(([level, age]) => t("indicatorCatalogue.words.youngException", { level, op, age }));
      return exceptions.length ? `${main} (${exceptions.join(", ")})` : main;
    }
    case "sex":
      return t(`sex.${leaf.sex}`);
    case "qualification":
      return t("indicatorCatalogue.words.qualification", {
        category: subjectOf(leaf.category, t),
        level: w.levelName(leaf.category, leaf.atLeast),
      });
    case "training":
      return t("indicatorCatalogue.words.training", {
        kind: t(`trainingKind.${leaf.trainingKind}`),
        months: leaf.withinMonths,
      });
    case "not_local":
      return leaf.includeBirthplace
        ? t("indicatorCatalogue.words.notLocalBirthplace")
        : t("indicatorCatalogue.words.notLocal");
    case "evaluated":
      return t("indicatorCatalogue.words.evaluated");
  }
}

const SUBJECTS = [
  "professional",
  "political_theory",
  "state_management",
  "language",
  "it",
  "defence_security",
] as const;

function subjectOf(category: string, t: TFunction): string {
  const known = SUBJECTS.find((s) => s === category);
  return known ? t(`indicatorCatalogue.words.subject.${known}`) : category;
}

/** The numerator in words: "Tuổi < 40 (cấp xã < 35, diện TW < 45)", "Nữ", "… và …" for several. */
export function describeCondition(condition: ConditionSpec, w: CatalogueWords): string {
  if (condition.kind === "all") {
    return condition.of.map((leaf) => describeLeaf(leaf, w)).join(w.t("indicatorCatalogue.words.and"));
  }
  return describeLeaf(condition, w);
}

/** The denominator in words: "Diện BTV Thành ủy; …", "Lãnh đạo", title names, staff types. */
export function describePopulation(population: PopulationSpec, w: CatalogueWords): string {
  const { t } = w;
  const parts: string[] = [];
  if (population.tiers?.length) {
    parts.push(
      t("indicatorCatalogue.words.tiers", {
        tiers: population.tiers.map((tier) => t(`tier.${tier}`)).join("; "),
      }),
    );
  }
  if (population.leadersOnly) parts.push(t("indicatorCatalogue.words.leadersOnly"));
  if (population.titleCodes?.length) parts.push(population.titleCodes.map(w.titleName).join("; "));
  if (population.staffTypes?.length) {
    parts.push(population.staffTypes.map((s) => t(`staffType.${s}`)).join(", "));
  }
  return parts.length ? parts.join(" · ") : t("indicatorCatalogue.words.everyone");
}

/** The target with its direction: "≥ 15%", "≤ 3" for counts, or "Không có mục tiêu". */
export function describeTarget(
  def: Pick<IndicatorDefinition, "target" | "direction" | "display">,
  w: CatalogueWords,
): string {
  if (def.target === null || def.direction === null) return w.t("indicatorCatalogue.words.noTarget");
  const value = new Intl.NumberFormat(w.language === "en" ? "en" : "vi", {
    maximumFractionDigits: 2,
  }).format(def.target);
  return `${DIRECTION_SIGNS[def.direction]} ${value}${def.display === "percent" ? "%" : ""}`;
}

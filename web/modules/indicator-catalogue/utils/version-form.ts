import type { FormInstance } from "antd";
import type { Dayjs } from "dayjs";
import {
  type ConditionSpec,
  type INDICATOR_DIRECTIONS,
  type INDICATOR_DISPLAYS,
  type IndicatorDefinition,
  type IndicatorVersionInput,
  isByTier,
  type LeafCondition,
  YOUNG_TIERS,
} from "../../../../common/contracts/indicators.ts";
import type { ManagementTier, Sex, StaffType, TrainingKind } from "../../../../common/enums/cadres.ts";
import { ApiError } from "../../../app/api-client.ts";
import { isoOf } from "../../../app/dates.ts";
import type { YoungLevel } from "./catalogue-words.ts";

export const LEAF_KINDS = ["young", "sex", "qualification", "training", "not_local", "evaluated"] as const;
export type LeafKind = (typeof LEAF_KINDS)[number];
export const CONDITION_KINDS = [...LEAF_KINDS, "all"] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/**
 * One condition as the form edits it: the fields of every kind at once, so switching the kind shows
 * sensible values and switching back restores what was typed. `leafOf` keeps only the kind's fields.
 */
export type LeafDraft = {
  kind: LeafKind;
  thresholds: Record<YoungLevel, number>;
  operator: "<" | "<=";
  sex: Sex;
  category: string;
  atLeast: string | undefined;
  trainingKind: TrainingKind;
  withinMonths: number;
  includeBirthplace: boolean;
};
export type ConditionDraft = Omit<LeafDraft, "kind"> & { kind: ConditionKind; of: LeafDraft[] };

/** "none" stands for a watched figure without a target (target and direction both null). */
export type DirectionChoice = (typeof INDICATOR_DIRECTIONS)[number] | "none";

export type VersionValues = {
  effectiveFrom: Dayjs | undefined;
  name: string;
  nameEn: string;
  description: string | undefined;
  direction: DirectionChoice;
  target: number | null | undefined;
  display: (typeof INDICATOR_DISPLAYS)[number];
  sortOrder: number;
  active: boolean;
  reason: string | undefined;
  population: {
    tiers: ManagementTier[];
    leadersOnly: boolean;
    titleCodes: string[];
    staffTypes: StaffType[];
  };
  condition: ConditionDraft;
};

/** The defaults of DOMAIN §2: young is under 40 for every management tier (each a setting). */
export const DEFAULT_THRESHOLDS: Record<YoungLevel, number> = {
  central: 40,
  city_standing: 40,
  district_standing: 40,
  department_committee: 40,
  grassroots: 40,
};

/** The order the threshold inputs are laid out in: the management tiers, central first. */
export const THRESHOLD_ORDER: readonly YoungLevel[] = YOUNG_TIERS;

export function defaultLeafDraft(kind: LeafKind = "young"): LeafDraft {
  return {
    kind,
    thresholds: { ...DEFAULT_THRESHOLDS },
    operator: "<",
    sex: "female",
    category: "professional",
    atLeast: undefined,
    trainingKind: "knowledge_update",
    withinMonths: 60,
    includeBirthplace: false,
  };
}

function leafDraftOf(leaf: LeafCondition): LeafDraft {
  const draft = defaultLeafDraft(leaf.kind);
  switch (leaf.kind) {
    case "young":
      // A version keyed by the post's level (written before) is edited into one keyed by tier: defaults.
      return {
        ...draft,
        thresholds: isByTier(leaf.thresholds) ? { ...leaf.thresholds } : { ...DEFAULT_THRESHOLDS },
        operator: leaf.operator,
      };
    case "sex":
      return { ...draft, sex: leaf.sex };
    case "qualification":
      return { ...draft, category: leaf.category, atLeast: leaf.atLeast };
    case "training":
      return { ...draft, trainingKind: leaf.trainingKind, withinMonths: leaf.withinMonths };
    case "not_local":
      return { ...draft, includeBirthplace: leaf.includeBirthplace };
    case "evaluated":
      return draft;
  }
}

function conditionDraftOf(condition: ConditionSpec): ConditionDraft {
  if (condition.kind === "all") {
    const of = condition.of.map(leafDraftOf);
    return { ...defaultLeafDraft(), ...of[0], kind: "all", of };
  }
  // Switching a single condition to "all" starts the list with it.
  const leaf = leafDraftOf(condition);
  return { ...leaf, of: [leaf] };
}

/** The form's starting values: a copy of a version, without its date (a new version needs a new one). */
export function valuesOf(def: IndicatorDefinition): VersionValues {
  return {
    effectiveFrom: undefined,
    name: def.name,
    nameEn: def.nameEn,
    description: def.description ?? undefined,
    direction: def.direction ?? "none",
    target: def.target,
    display: def.display,
    sortOrder: def.sortOrder,
    active: def.active,
    reason: undefined,
    population: {
      tiers: def.population.tiers ?? [],
      leadersOnly: def.population.leadersOnly ?? false,
      titleCodes: def.population.titleCodes ?? [],
      staffTypes: def.population.staffTypes ?? [],
    },
    condition: conditionDraftOf(def.condition),
  };
}

/** The condition of the kind the draft names, with that kind's fields only (the contract is strict). */
export function leafOf(draft: LeafDraft): LeafCondition {
  switch (draft.kind) {
    case "young": {
      const thresholds = Object.fromEntries(
        YOUNG_TIERS.map((tier) => [tier, draft.thresholds[tier]]),
      ) as Record<YoungLevel, number>;
      return { kind: "young", thresholds, operator: draft.operator };
    }
    case "sex":
      return { kind: "sex", sex: draft.sex };
    case "qualification":
      return { kind: "qualification", category: draft.category, atLeast: draft.atLeast ?? "" };
    case "training":
      return { kind: "training", trainingKind: draft.trainingKind, withinMonths: draft.withinMonths };
    case "not_local":
      return { kind: "not_local", includeBirthplace: draft.includeBirthplace };
    case "evaluated":
      return { kind: "evaluated" };
  }
}

function conditionOf(draft: ConditionDraft): ConditionSpec {
  if (draft.kind === "all") return { kind: "all", of: (draft.of ?? []).map(leafOf) };
  return leafOf({ ...draft, kind: draft.kind });
}

function textOrUndefined(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** The request body for the form's values; empty lists mean "no restriction" and are left out. */
export function inputOf(values: VersionValues): IndicatorVersionInput {
  const p = values.population;
  const hasTarget = values.direction !== "none";
  return {
    effectiveFrom: values.effectiveFrom ? isoOf(values.effectiveFrom) : "",
    name: values.name.trim(),
    nameEn: values.nameEn.trim(),
    description: textOrUndefined(values.description) ?? null,
    population: {
      ...(p.tiers.length ? { tiers: p.tiers } : {}),
      ...(p.leadersOnly ? { leadersOnly: true } : {}),
      ...(p.titleCodes.length ? { titleCodes: p.titleCodes } : {}),
      ...(p.staffTypes.length ? { staffTypes: p.staffTypes } : {}),
    },
    condition: conditionOf(values.condition),
    target: hasTarget ? (values.target ?? null) : null,
    direction: values.direction === "none" ? null : values.direction,
    display: values.display,
    sortOrder: values.sortOrder,
    active: values.active,
    reason: textOrUndefined(values.reason),
  };
}

type Path = (string | number)[];

const TOP_FIELDS = [
  "effectiveFrom",
  "name",
  "nameEn",
  "description",
  "direction",
  "target",
  "display",
  "sortOrder",
  "active",
  "reason",
];
const POPULATION_FIELDS = ["tiers", "leadersOnly", "titleCodes", "staffTypes"];
const LEAF_FIELDS = [
  "kind",
  "operator",
  "sex",
  "category",
  "atLeast",
  "trainingKind",
  "withinMonths",
  "includeBirthplace",
];

/** Whether the form has an input at this path (a condition's fields also sit under condition.of.N). */
function isFormField(path: Path): boolean {
  const [head, ...rest] = path;
  if (head === undefined) return false;
  if (rest.length === 0) return typeof head === "string" && TOP_FIELDS.includes(head);
  if (head === "population") return rest.length === 1 && POPULATION_FIELDS.includes(String(rest[0]));
  if (head !== "condition") return false;
  const leaf = rest[0] === "of" && typeof rest[1] === "number" ? rest.slice(2) : rest;
  if (leaf.length === 1)
    return LEAF_FIELDS.includes(String(leaf[0])) || (rest[0] === "of" && rest.length === 1);
  return leaf.length === 2 && leaf[0] === "thresholds" && YOUNG_TIERS.some((l) => l === leaf[1]);
}

/** The nearest input at or above a path the server named ("body.condition.of.0.atLeast"). */
function fieldAt(serverField: string): Path | undefined {
  const path: Path = serverField
    .replace(/^body\.?/, "")
    .split(".")
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  for (let n = path.length; n > 0; n--) {
    const candidate = path.slice(0, n);
    if (isFormField(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Puts a refusal of the server next to the fields it concerns: validation details (400), the date of an
 * existing version (409), codes that are not in the catalogues (422). Returns what fits no field, for the
 * alert at the top, or undefined. The values typed stay as they are.
 */
export function placeServerError(
  // Untyped: the names come from the server's paths, checked against the form's fields above.
  form: FormInstance,
  error: unknown,
  values: VersionValues,
  unknownCodeMessage: (code: string) => string,
): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const placed = new Map<string, { name: Path; errors: string[] }>();
  const unplaced: string[] = [];
  const place = (name: Path, message: string) => {
    const key = name.join(".");
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    placed.set(key, entry);
  };

  if (error.code === "INDICATOR_VERSION_EXISTS") {
    place(["effectiveFrom"], error.message);
  } else if (error.code === "INDICATOR_DEFINITION_INVALID" && Array.isArray(error.details)) {
    for (const detail of error.details as { field?: string; code?: string }[]) {
      const code = String(detail.code ?? "");
      if (detail.field === "population.titleCodes") {
        place(["population", "titleCodes"], unknownCodeMessage(code));
      } else if (detail.field === "condition.atLeast") {
        // The server names "category/level"; find which condition of the list holds it.
        const [category, level] = code.split("/");
        const index = values.condition.of.findIndex((c) => c.category === category && c.atLeast === level);
        if (values.condition.kind !== "all")
          place(["condition", "atLeast"], unknownCodeMessage(level ?? code));
        else if (index >= 0) place(["condition", "of", index, "atLeast"], unknownCodeMessage(level ?? code));
        else unplaced.push(unknownCodeMessage(code));
      } else {
        unplaced.push(unknownCodeMessage(code));
      }
    }
  } else {
    for (const problem of error.fieldProblems) {
      const name = fieldAt(problem.field);
      if (name) place(name, problem.message);
      else unplaced.push(problem.message);
    }
  }

  const fields = [...placed.values()];
  if (fields.length) {
    form.setFields(fields);
    form.scrollToField(fields[0]!.name, { block: "center" });
  }
  if (fields.length && unplaced.length === 0) return undefined;
  return unplaced.length ? `${error.message} ${unplaced.join("; ")}` : error.message;
}

/** The version in effect on a date: the latest one effective on or before it. */
export function versionInEffect(
  versions: readonly IndicatorDefinition[],
  date: string,
): IndicatorDefinition | undefined {
  let found: IndicatorDefinition | undefined;
  for (const v of versions)
    if (v.effectiveFrom <= date && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  return found;
}

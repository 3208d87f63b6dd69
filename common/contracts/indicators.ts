import { z } from "zod";
import { MANAGEMENT_TIERS, SEXES, STAFF_TYPES, TITLE_LEVELS, TRAINING_KINDS } from "../enums/cadres.ts";
import { CadreListItemSchema } from "./cadres.ts";
import { IdSchema, IsoDateSchema, PageQuerySchema, ReasonSchema, TextSchema } from "./common.ts";

/**
 * The indicator catalogue as data (DOMAIN §2). A definition names its population (the denominator) and
 * its condition (the numerator) in a small vocabulary that the server compiles to SQL; the parameters the
 * rules depend on (young-age thresholds per tier and the operator, the "local" rule, the training window)
 * are fields of the condition, so an admin changes them by adding a version effective from a date.
 */

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/, "Mã chỉ tiêu: chữ, số, dấu chấm, gạch (tối đa 32 ký tự)");

/** Who forms the denominator on date D: serving people whose main post on D lies in the unit subtree. */
export const PopulationSpecSchema = z
  .object({
    /** Management tier on D is one of these. */
    tiers: z.array(z.enum(MANAGEMENT_TIERS)).min(1).optional(),
    /** The main post on D is a leadership title. */
    leadersOnly: z.boolean().optional(),
    /** Holds one of these titles (main or concurrent post) on D. */
    titleCodes: z.array(TextSchema.trim().min(1).max(64)).min(1).optional(),
    staffTypes: z.array(z.enum(STAFF_TYPES)).min(1).optional(),
  })
  .strict();
export type PopulationSpec = z.infer<typeof PopulationSpecSchema>;

const age = z.number().int().min(18).max(80);

/** Tiers a young-age threshold is set for: the person's management tier on D (DOMAIN §2). */
export const YOUNG_TIERS = MANAGEMENT_TIERS;
export type YoungTier = (typeof YOUNG_TIERS)[number];

const tierThresholds = z
  .object(Object.fromEntries(YOUNG_TIERS.map((t) => [t, age])) as Record<YoungTier, typeof age>)
  .strict();
export type YoungThresholds = z.infer<typeof tierThresholds>;

/**
 * Versions written before the thresholds were keyed by tier: the central tier, then the level of the main
 * post's title. Still read and computed as written (a version is never edited); new versions key by tier.
 */
export const LEGACY_YOUNG_LEVELS = ["central", ...TITLE_LEVELS] as const;
const levelThresholds = z
  .object(
    Object.fromEntries(LEGACY_YOUNG_LEVELS.map((t) => [t, age])) as Record<
      (typeof LEGACY_YOUNG_LEVELS)[number],
      typeof age
    >,
  )
  .strict();
export type LegacyYoungThresholds = z.infer<typeof levelThresholds>;

/** Whether thresholds are keyed by management tier (the current shape). */
export function isByTier(t: YoungThresholds | LegacyYoungThresholds): t is YoungThresholds {
  return "city_standing" in t;
}

/** The conditions a member of the population may meet (the numerator). */
export const LeafConditionSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("young"),
      /**
       * Age threshold by the person's management tier on D (DOMAIN §2) [default: 40 for every tier]; a
       * person without a tier is not young. Older versions key by the level of the main post's title.
       */
      thresholds: z.union([tierThresholds, levelThresholds]),
      /** "<": younger than the threshold; "<=": at most the threshold. Age counted in full years on D. */
      operator: z.enum(["<", "<="]),
    })
    .strict(),
  z.object({ kind: z.literal("sex"), sex: z.enum(SEXES) }).strict(),
  z
    .object({
      kind: z.literal("qualification"),
      /** Code list of the qualification category (professional, political_theory, state_management…). */
      category: TextSchema.trim().min(1).max(32),
      /** The highest level obtained by D ranks at least this level's. */
      atLeast: TextSchema.trim().min(1).max(32),
    })
    .strict(),
  z
    .object({
      kind: z.literal("training"),
      trainingKind: z.enum(TRAINING_KINDS),
      /** A course of the kind completed within this many months up to D (D included). */
      withinMonths: z.number().int().min(1).max(240),
    })
    .strict(),
  z
    .object({
      kind: z.literal("not_local"),
      /** Also count a birthplace inside the territory the post leads as local. */
      includeBirthplace: z.boolean(),
    })
    .strict(),
  /** An approved monthly evaluation for the month of D (evaluations are a later module: no data yet). */
  z.object({ kind: z.literal("evaluated") }).strict(),
]);
export type LeafCondition = z.infer<typeof LeafConditionSchema>;

export const ConditionSpecSchema = z.union([
  LeafConditionSchema,
  z.object({ kind: z.literal("all"), of: z.array(LeafConditionSchema).min(1).max(8) }).strict(),
]);
export type ConditionSpec = z.infer<typeof ConditionSpecSchema>;

export const INDICATOR_DIRECTIONS = [">=", "<="] as const;
export const INDICATOR_DISPLAYS = ["percent", "count"] as const;

/** One version of a definition, as an admin writes it. */
export const IndicatorVersionInputSchema = z
  .object({
    effectiveFrom: IsoDateSchema,
    name: TextSchema.trim().min(1).max(200),
    nameEn: TextSchema.trim().min(1).max(200),
    description: TextSchema.trim().max(2000).nullable().optional(),
    population: PopulationSpecSchema,
    condition: ConditionSpecSchema,
    target: z.number().min(0, "Mục tiêu không được âm").max(100_000, "Mục tiêu không quá 100.000").nullable(),
    direction: z.enum(INDICATOR_DIRECTIONS).nullable(),
    display: z.enum(INDICATOR_DISPLAYS),
    sortOrder: z.number().int().min(0).max(10_000),
    active: z.boolean(),
    reason: ReasonSchema,
  })
  .strict()
  .refine((v) => v.display !== "percent" || v.target === null || v.target <= 100, {
    message: "Mục tiêu tính theo phần trăm phải từ 0 đến 100",
    path: ["target"],
  })
  .refine((v) => (v.target === null) === (v.direction === null), {
    message: "Chỉ tiêu có mục tiêu thì phải có chiều so sánh (≥ hoặc ≤), và ngược lại",
    path: ["direction"],
  })
  // Stored versions written before may key the young thresholds by the post's level; a new one keys them
  // by the person's management tier (DOMAIN §2).
  .refine(
    (v) =>
      (v.condition.kind === "all" ? v.condition.of : [v.condition]).every(
        (leaf) => leaf.kind !== "young" || isByTier(leaf.thresholds),
      ),
    {
      message:
        "Ngưỡng tuổi cán bộ trẻ đặt theo diện quản lý của người đó (central, city_standing, district_standing, department_committee, grassroots), không theo cấp của chức danh",
      path: ["condition"],
    },
  );
export type IndicatorVersionInput = z.infer<typeof IndicatorVersionInputSchema>;

export const IndicatorCodeParamsSchema = z.object({ code });

export const IndicatorDefinitionSchema = z.object({
  id: z.number(),
  code: z.string(),
  effectiveFrom: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  population: PopulationSpecSchema,
  condition: ConditionSpecSchema,
  target: z.number().nullable(),
  direction: z.enum(INDICATOR_DIRECTIONS).nullable(),
  display: z.enum(INDICATOR_DISPLAYS),
  sortOrder: z.number(),
  active: z.boolean(),
  createdBy: z.string(),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinitionSchema>;

export const CatalogueQuerySchema = z.object({
  asOf: IsoDateSchema.optional().describe("The versions in effect on this date (today when absent)"),
});

export const CatalogueSchema = z.object({
  asOf: z.string(),
  items: z.array(IndicatorDefinitionSchema),
});

export const IndicatorHistorySchema = z.object({
  code: z.string(),
  versions: z.array(IndicatorDefinitionSchema),
});

/** met: target reached; not_met; no_target: a watched figure; no_data: empty population or no records. */
export const INDICATOR_STATUSES = ["met", "not_met", "no_target", "no_data"] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** A computed figure: numerator over denominator, as of a date, for a unit subtree. */
export const FigureSchema = z.object({
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Percent with 2 decimals; null when there is no data. */
  percent: z.number().nullable(),
  /** What is shown: the percent, or "28/30" for count indicators; null when there is no data. */
  value: z.union([z.number(), z.string()]).nullable(),
  met: z.boolean().nullable(),
  status: z.enum(INDICATOR_STATUSES),
  /**
   * People of the population left out of the denominator as of unknown origin (home town not recorded, or
   * not known to lie inside or outside the post's territory): shown beside the figure. 0 for indicators
   * without a "local" condition.
   */
  unknown: z.number(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const IndicatorResultSchema = FigureSchema.extend({
  code: z.string(),
  name: z.string(),
  target: z.number().nullable(),
  direction: z.enum(INDICATOR_DIRECTIONS).nullable(),
  display: z.enum(INDICATOR_DISPLAYS),
  /** Why there is no data, when status is no_data. */
  note: z.string().nullable(),
});
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;

const unitRef = z.object({ id: z.number(), name: z.string(), code: z.string().nullable(), kind: z.string() });

export const IndicatorsQuerySchema = z.object({
  asOf: IsoDateSchema.optional().describe("Today when absent"),
  unitId: IdSchema.optional().describe("Root of the unit subtree (the top of the actor's scope when absent)"),
});
export type IndicatorsQuery = z.infer<typeof IndicatorsQuerySchema>;

export const IndicatorsSchema = z.object({
  asOf: z.string(),
  unit: unitRef,
  items: z.array(IndicatorResultSchema),
  /**
   * People of the subtree past their retirement date whose records have no end of service: left out of every
   * figure (DOMAIN §2) and listed for correction (GET /api/cadres/retiring?overdue=true).
   */
  pastRetirement: z.number(),
});
export type Indicators = z.infer<typeof IndicatorsSchema>;

export const BreakdownRowSchema = FigureSchema.extend({
  key: z.string(),
  label: z.string(),
  /** The child unit (by child unit); null for the tier breakdown. */
  unit: unitRef.nullable(),
});
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

export const IndicatorDetailSchema = z.object({
  asOf: z.string(),
  unit: unitRef,
  indicator: IndicatorResultSchema,
  definition: IndicatorDefinitionSchema,
  byUnit: z.array(BreakdownRowSchema),
  byTier: z.array(BreakdownRowSchema),
});
export type IndicatorDetail = z.infer<typeof IndicatorDetailSchema>;

export const SeriesQuerySchema = z.object({
  from: IsoDateSchema.describe("First month (any day of it)"),
  to: IsoDateSchema.describe("Last month (any day of it); at most 36 months after from"),
  unitId: IdSchema.optional(),
  code: code.optional().describe("One indicator; all when absent"),
});
export type SeriesQuery = z.infer<typeof SeriesQuerySchema>;

export const SeriesSchema = z.object({
  unit: unitRef,
  /** The dates computed: the last day of each month (or `to` for its month). */
  dates: z.array(z.string()),
  series: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      points: z.array(FigureSchema.extend({ asOf: z.string() })),
    }),
  ),
});
export type Series = z.infer<typeof SeriesSchema>;

/** unknown: the people of the population left out of the denominator as of unknown origin. */
export const DRILL_SIDES = ["numerator", "denominator", "unknown"] as const;
export type DrillSide = (typeof DRILL_SIDES)[number];

export const DrillQuerySchema = IndicatorsQuerySchema.extend({
  side: z.enum(DRILL_SIDES).default("numerator"),
  tier: z
    .enum([...MANAGEMENT_TIERS, "none"])
    .optional()
    .describe('Only people of this tier on asOf (a tier breakdown cell); "none": people with no tier'),
  directOnly: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("Only people whose main post is in the unit itself, not below it (the breakdown's own row)"),
  page: PageQuerySchema.shape.page,
  pageSize: PageQuerySchema.shape.pageSize,
});
export type DrillQuery = z.infer<typeof DrillQuerySchema>;

export const DrillPageSchema = z.object({
  asOf: z.string(),
  unit: unitRef,
  code: z.string(),
  name: z.string(),
  side: z.enum(DRILL_SIDES),
  items: z.array(CadreListItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type DrillPage = z.infer<typeof DrillPageSchema>;

/** Report age bands for all staff (DOMAIN §9): ≤ 30, 31–35, …, 56–60, > 60. */
export const AGE_BANDS = [
  { key: "<=30", from: null, to: 30 },
  { key: "31-35", from: 31, to: 35 },
  { key: "36-40", from: 36, to: 40 },
  { key: "41-45", from: 41, to: 45 },
  { key: "46-50", from: 46, to: 50 },
  { key: "51-55", from: 51, to: 55 },
  { key: "56-60", from: 56, to: 60 },
  { key: ">60", from: 61, to: null },
] as const;

/** Levels of key leaders' posts for the average-age view: city (city and department titles), district, commune. */
export const LEADER_LEVELS = ["city", "district", "commune"] as const;

const share = z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() });
/** A share that is a catalogue indicator's own figure (the card's), with the indicator's code. */
const indicatorShare = share.extend({ code: z.string() });

export const AnalysisSchema = z.object({
  asOf: z.string(),
  unit: unitRef,
  /** For each indicator with a target, the child units whose figure is below it (worst first). */
  belowTarget: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      target: z.number(),
      direction: z.enum(INDICATOR_DIRECTIONS),
      /** The indicator's figure for the whole unit: the card's, from the same statement as the rows. */
      total: share.extend({ unknown: z.number() }),
      units: z.array(BreakdownRowSchema),
    }),
  ),
  /** Average age of the holders of key posts (chủ chốt) by the level of the post. */
  keyLeadersAge: z.array(
    z.object({
      level: z.enum(LEADER_LEVELS),
      count: z.number(),
      averageAge: z.number().nullable(),
      youngest: z.number().nullable(),
      oldest: z.number().nullable(),
    }),
  ),
  /** Serving people of the subtree by age band and sex; average age. */
  agePyramid: z.object({
    bands: z.array(z.object({ band: z.string(), male: z.number(), female: z.number() })),
    total: z.number(),
    averageAge: z.number().nullable(),
  }),
  /**
   * Women and young shares among the cadres of the standing-committee tiers and among all staff. The first
   * are the catalogue's figures of women and young cadres (I2, I1: the cards' own numbers; null when the
   * catalogue has no such figure on D); young by the catalogue's "young" condition in both.
   */
  leadersVsAll: z.object({
    leaders: z.object({ women: indicatorShare.nullable(), young: indicatorShare.nullable() }),
    all: z.object({ women: share, young: share.nullable() }),
  }),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

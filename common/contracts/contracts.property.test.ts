import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  cleanProblems,
  everyFieldMalformed,
  hostileValue,
  type JsonSchema,
} from "../../server/test/malformed.ts";
import * as audit from "./audit.ts";
import * as auth from "./auth.ts";
import * as cadres from "./cadres.ts";
import * as codes from "./codes.ts";
import * as common from "./common.ts";
import * as cv from "./cv.ts";
import * as evaluations from "./evaluations.ts";
import * as imports from "./imports.ts";
import * as indicators from "./indicators.ts";
import * as posts from "./posts.ts";
import * as units from "./units.ts";
import * as users from "./users.ts";

/**
 * Every schema a request is checked against, fed generated malformed input: parsing never throws, and
 * whatever it accepts is something the database can store — text without NUL or lone surrogates,
 * numbers within int4, real dates. Response schemas describe what the server sends and are listed so
 * that a new export must be placed on one side or the other.
 */
const RESPONSE_SCHEMAS = new Set([
  "AuditEntrySchema",
  "AuditPageSchema",
  "MeSchema",
  "UserSchema",
  "AssignmentRowSchema",
  "TierRowSchema",
  "QualificationRowSchema",
  "TrainingRowSchema",
  "SalaryRowSchema",
  "RewardRowSchema",
  "FamilyRowSchema",
  "WorkHistoryRowSchema",
  "HISTORY_ROW_SCHEMAS",
  "CadreComputedSchema",
  "CadreDetailSchema",
  "CadreListItemSchema",
  "CadrePageSchema",
  "CodeSchema",
  "CodeListResponseSchema",
  "CodeCorrectionSchema",
  "CodeCorrectionListSchema",
  "ProblemSchema",
  "ImportRowErrorSchema",
  "ImportProgressSchema",
  "ImportReportSchema",
  "ImportJobSchema",
  "IndicatorDefinitionSchema",
  "CatalogueSchema",
  "IndicatorHistorySchema",
  "FigureSchema",
  "IndicatorResultSchema",
  "IndicatorsSchema",
  "BreakdownRowSchema",
  "IndicatorDetailSchema",
  "SeriesSchema",
  "DrillPageSchema",
  "AnalysisSchema",
  "TitleSchema",
  "TitleListSchema",
  "SeatSchema",
  "SeatListSchema",
  "UnitNodeSchema",
  "UnitTreeSchema",
  "UnitVersionSchema",
  "UnitLinkSchema",
  "UnitDetailSchema",
  "AuditSubjectSchema",
  "AuditChangeSchema",
  "UnitImportErrorSchema",
  "UnitImportReportSchema",
  "AccountSchema",
  "ResetPasswordResultSchema",
  "EndSessionsResultSchema",
  "PeriodSchema",
  "PeriodListSchema",
  "QuotaVerdictSchema",
  "DistributionSchema",
  "PeriodDetailSchema",
  "EvaluationSchema",
  "EvaluationListSchema",
  "EvaluationEventSchema",
  "EvaluationDetailSchema",
]);

const modules = {
  audit,
  auth,
  cadres,
  codes,
  common,
  cv,
  evaluations,
  imports,
  indicators,
  posts,
  units,
  users,
};

/** name → schema for every exported zod schema (maps of schemas by kind included, one per entry). */
function exportedSchemas(): [string, z.ZodType][] {
  const found: [string, z.ZodType][] = [];
  for (const [moduleName, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (value instanceof z.ZodType) found.push([`${moduleName}.${name}`, value]);
      else if (name.endsWith("_SCHEMAS") && value && typeof value === "object") {
        for (const [kind, schema] of Object.entries(value)) {
          if (schema instanceof z.ZodType) found.push([`${moduleName}.${name}.${kind}`, schema]);
        }
      }
    }
  }
  return found;
}

const requestSchemas = exportedSchemas().filter(([name]) => !RESPONSE_SCHEMAS.has(name.split(".")[1]!));

describe("request schemas", () => {
  it("are all found (the list of response schemas names only exports that exist)", () => {
    const names = new Set(exportedSchemas().map(([name]) => name.split(".")[1]!));
    for (const name of RESPONSE_SCHEMAS) expect(names.has(name), name).toBe(true);
    expect(requestSchemas.length).toBeGreaterThan(40);
  });

  it.each(requestSchemas)("%s never throws and accepts only storable values", (_name, schema) => {
    const shape = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const inputs = fc.oneof(
      { weight: 4, arbitrary: everyFieldMalformed(shape) },
      { weight: 1, arbitrary: hostileValue.map((v) => [v]) },
    );
    fc.assert(
      fc.property(inputs, (values) => {
        for (const value of values) {
          const result = schema.safeParse(value);
          if (result.success) expect(cleanProblems(result.data)).toEqual([]);
          else expect(result.error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

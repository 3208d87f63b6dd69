import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import {
  AnalysisSchema,
  CatalogueQuerySchema,
  CatalogueSchema,
  DrillPageSchema,
  DrillQuerySchema,
  IndicatorCodeParamsSchema,
  IndicatorDefinitionSchema,
  IndicatorDetailSchema,
  IndicatorHistorySchema,
  IndicatorsQuerySchema,
  IndicatorsSchema,
  IndicatorVersionInputSchema,
  SeriesQuerySchema,
  SeriesSchema,
} from "../../../common/contracts/indicators.ts";
import { languageOf, requireActor, sendWrittenFile } from "../../lib/http.ts";
import { writeListSheet, XLSX_CONTENT_TYPE } from "../imports/index.ts";
import type { IndicatorsService } from "./indicators.service.ts";
import {
  belowTargetSheet,
  breakdownSheet,
  cardsSheet,
  peopleSheet,
  type SheetFile,
} from "./indicators.sheets.ts";

const errors = ERROR_RESPONSES;

/** Sends a laid-out sheet as the xlsx download, with its row count in x-row-count. */
function sendSheet(req: FastifyRequest, reply: FastifyReply, sheet: SheetFile) {
  const file = { fileName: sheet.fileName, contentType: XLSX_CONTENT_TYPE, rows: sheet.rowCount };
  return sendWrittenFile(req, reply, file, (out) => writeListSheet(out, sheet));
}
const tags = ["indicators"];

const DrillExportQuerySchema = DrillQuerySchema.omit({ page: true, pageSize: true });

export function indicatorsRoutes(indicators: IndicatorsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/indicators",
      {
        schema: {
          tags,
          summary:
            "Every indicator of the catalogue as of a date for a unit subtree: numerator, denominator, value, target, met (indicators.read, scoped)",
          querystring: IndicatorsQuerySchema,
          response: { 200: IndicatorsSchema, ...errors },
        },
      },
      (req) => indicators.compute(requireActor(req), req.query, languageOf(req)),
    );
    app.get(
      "/indicators/series",
      {
        schema: {
          tags,
          summary:
            "Monthly series (month ends) of every indicator, or one, over a range of at most 36 months",
          querystring: SeriesQuerySchema,
          response: { 200: SeriesSchema, ...errors },
        },
      },
      (req) => indicators.series(requireActor(req), req.query, languageOf(req)),
    );
    app.get(
      "/indicators/analysis",
      {
        schema: {
          tags,
          summary:
            "Units below target, average age of key leaders by level, age pyramid, women and young shares among leaders vs all",
          querystring: IndicatorsQuerySchema,
          response: { 200: AnalysisSchema, ...errors },
        },
      },
      (req) => indicators.analyse(requireActor(req), req.query, languageOf(req)),
    );
    app.get(
      "/indicators/catalogue",
      {
        schema: {
          tags,
          summary: "The definitions in effect on a date",
          querystring: CatalogueQuerySchema,
          response: { 200: CatalogueSchema, ...errors },
        },
      },
      (req) => indicators.catalogue(requireActor(req), req.query.asOf),
    );
    app.get(
      "/indicators/catalogue/:code",
      {
        schema: {
          tags,
          summary: "Every version of one definition",
          params: IndicatorCodeParamsSchema,
          response: { 200: IndicatorHistorySchema, ...errors },
        },
      },
      (req) => indicators.history(requireActor(req), req.params.code),
    );
    app.post(
      "/indicators/catalogue/:code/versions",
      {
        schema: {
          tags,
          summary: "Add a version of a definition effective from a date (indicators.manage; audited)",
          params: IndicatorCodeParamsSchema,
          body: IndicatorVersionInputSchema,
          response: { 201: IndicatorDefinitionSchema, ...errors },
        },
      },
      async (req, reply) => {
        const created = await indicators.addVersion(requireActor(req), req.params.code, req.body);
        return reply.status(201).send(created);
      },
    );
    app.get(
      "/indicators/:code",
      {
        schema: {
          tags,
          summary: "One indicator with its breakdown by child unit and by management tier",
          params: IndicatorCodeParamsSchema,
          querystring: IndicatorsQuerySchema,
          response: { 200: IndicatorDetailSchema, ...errors },
        },
      },
      (req) => indicators.detail(requireActor(req), req.params.code, req.query, languageOf(req)),
    );
    app.get(
      "/indicators/:code/people",
      {
        schema: {
          tags,
          summary: "The people in the numerator or the denominator of a figure (also needs cadres.read)",
          params: IndicatorCodeParamsSchema,
          querystring: DrillQuerySchema,
          response: { 200: DrillPageSchema, ...errors },
        },
      },
      (req) => indicators.people(requireActor(req), req.params.code, req.query, languageOf(req)),
    );
    app.get(
      "/indicators.xlsx",
      {
        schema: {
          tags,
          summary: "The dashboard's cards as a spreadsheet: the figures of GET /api/indicators",
          querystring: IndicatorsQuerySchema,
          response: { 200: z.any().describe("xlsx file"), ...errors },
        },
      },
      async (req, reply) => {
        const list = await indicators.compute(requireActor(req), req.query, "vi");
        return sendSheet(req, reply, cardsSheet(list));
      },
    );
    app.get(
      "/indicators/analysis/below-target.xlsx",
      {
        schema: {
          tags,
          summary: "The units below target (GET /api/indicators/analysis, belowTarget) as a spreadsheet",
          querystring: IndicatorsQuerySchema,
          response: { 200: z.any().describe("xlsx file"), ...errors },
        },
      },
      async (req, reply) => {
        const analysis = await indicators.analyse(requireActor(req), req.query, "vi");
        return sendSheet(req, reply, belowTargetSheet(analysis));
      },
    );
    app.get(
      "/indicators/:code/breakdown.xlsx",
      {
        schema: {
          tags,
          summary: "One indicator by child unit and by tier (GET /api/indicators/{code}) as a spreadsheet",
          params: IndicatorCodeParamsSchema,
          querystring: IndicatorsQuerySchema,
          response: { 200: z.any().describe("xlsx file"), ...errors },
        },
      },
      async (req, reply) => {
        const detail = await indicators.detail(requireActor(req), req.params.code, req.query, "vi");
        return sendSheet(req, reply, breakdownSheet(detail));
      },
    );
    app.get(
      "/indicators/:code/people.xlsx",
      {
        schema: {
          tags,
          summary: "The same people as a spreadsheet (audited)",
          params: IndicatorCodeParamsSchema,
          querystring: DrillExportQuerySchema,
          response: { 200: z.any().describe("xlsx file"), ...errors },
        },
      },
      async (req, reply) => {
        const people = await indicators.allPeople(requireActor(req), req.params.code, req.query);
        return sendSheet(req, reply, peopleSheet(people, req.query));
      },
    );
  };
}

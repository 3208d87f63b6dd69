import { PassThrough } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ERROR_RESPONSES } from "../../../common/contracts/common.ts";
import { SEX_LABELS, TIER_LABELS } from "../../../common/contracts/imports.ts";
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
import { formatBirthDate } from "../../../common/rules/birth-date.ts";
import { formatDmy } from "../../../common/rules/dates.ts";
import { attachment, languageOf, requireActor } from "../../lib/http.ts";
import { writeListSheet } from "../imports/index.ts";
import type { IndicatorsService } from "./indicators.service.ts";

const errors = ERROR_RESPONSES;
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
        const { d, unit, def, items } = await indicators.allPeople(
          requireActor(req),
          req.params.code,
          req.query,
        );
        const side = { numerator: "tử số", denominator: "mẫu số", unknown: "không rõ quê quán" }[
          req.query.side
        ];
        const out = new PassThrough();
        const only = [
          req.query.directOnly ? "chỉ người thuộc trực tiếp đơn vị" : null,
          req.query.tier
            ? `diện quản lý: ${req.query.tier === "none" ? "chưa có" : TIER_LABELS[req.query.tier]}`
            : null,
        ].filter(Boolean);
        writeListSheet(out, {
          name: "Danh sách",
          widths: [6, 14, 28, 8, 12, 6, 40, 30, 26, 16, 16],
          textColumns: [1],
          title: `${def.code}. ${def.name} — ${side}`,
          hint: `Đơn vị: ${unit.name}${only.length ? ` (${only.join("; ")})` : ""}; tính đến ngày ${formatDmy(d)}; ${items.length} người`,
          headers: [
            "STT",
            "Số hiệu",
            "Họ và tên",
            "Giới tính",
            "Ngày sinh",
            "Tuổi",
            "Đơn vị",
            "Chức vụ",
            "Diện quản lý",
            "Trình độ CM",
            "Lý luận CT",
          ],
          rows: items.map((p, i) => [
            i + 1,
            p.staffCode,
            p.fullName,
            SEX_LABELS[p.sex],
            formatBirthDate(p.birthDate, p.birthDatePrecision),
            p.age,
            p.unit?.name ?? null,
            p.title?.name ?? null,
            p.tier ? TIER_LABELS[p.tier] : null,
            p.highestQualification?.name ?? null,
            p.politicalTheory?.name ?? null,
          ]),
        }).catch((error: unknown) => {
          req.log.error({ err: error }, "indicator export failed");
          out.destroy(error as Error);
        });
        const suffix = `${req.query.directOnly ? "-truc-tiep" : ""}${req.query.tier ? `-${req.query.tier}` : ""}`;
        attachment(reply, `chi-tieu-${def.code}-${req.query.side}${suffix}-${d}.xlsx`);
        reply.header("x-row-count", String(items.length));
        return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(out);
      },
    );
  };
}

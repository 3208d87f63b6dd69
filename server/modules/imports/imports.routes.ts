import fs from "node:fs";
import type { Readable } from "node:stream";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ERROR_RESPONSES, ProblemSchema } from "../../../common/contracts/common.ts";
import {
  CadreExportQuerySchema,
  ImportJobParamsSchema,
  ImportJobSchema,
  ImportQuerySchema,
  ImportReportSchema,
  TemplateQuerySchema,
} from "../../../common/contracts/imports.ts";
import { RetiringExportQuerySchema } from "../../../common/contracts/retirement.ts";
import { authorize } from "../../lib/actor.ts";
import { AppError, CoreErrors } from "../../lib/errors.ts";
import { attachment, requireActor, sendWrittenFile } from "../../lib/http.ts";
import type { RetirementService } from "../cadres/index.ts";
import type { ExportsService } from "./exports.ts";
import { ImportErrors } from "./imports.errors.ts";
import type { ImportJobs } from "./imports.jobs.ts";
import { writeRetiringSheet } from "./retiring-export.ts";
import { SPREADSHEET_CONTENT_TYPES, XLSX_CONTENT_TYPE } from "./sheets.ts";
import type { TemplateService } from "./template.ts";

const errors = { ...ERROR_RESPONSES, 413: ProblemSchema };
const tags = ["imports"];

/** Room for a multipart body's boundaries, part headers and small fields around the file. */
const MULTIPART_ALLOWANCE = 64 * 1024;

/**
 * An error met while receiving an upload, as the client should see it: the multipart plugin's limits are
 * 413s, a broken body is a 400; only errors of this server's own disk (they carry a syscall) stay 500s.
 */
function uploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE")
    return new AppError(ImportErrors.IMPORT_FILE_TOO_LARGE, { details: { maxBytes } });
  if (code === "FST_PARTS_LIMIT" || code === "FST_FILES_LIMIT" || code === "FST_FIELDS_LIMIT") {
    return new AppError(CoreErrors.PAYLOAD_TOO_LARGE, { cause: error });
  }
  if ((error as { syscall?: unknown }).syscall !== undefined) return error;
  return new AppError(ImportErrors.IMPORT_UPLOAD_BROKEN, { cause: error });
}

/** Raw uploads: the body stays a stream (the import reads it once, to a temporary file). */
const RAW_TYPES = [
  "application/octet-stream",
  "text/csv",
  "application/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel",
];

/** A percent-encoded file name; as sent when it is not valid percent-encoding. */
function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function importsRoutes(deps: {
  jobs: ImportJobs;
  template: TemplateService;
  exports: ExportsService;
  retirement: Pick<RetirementService, "retiringAll">;
  maxBytes: number;
}): FastifyPluginAsyncZod {
  const { jobs, template, exports } = deps;
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { files: 1, fields: 10, parts: 20, fieldSize: 1024, fileSize: deps.maxBytes + 1 },
    });
    app.removeContentTypeParser("text/plain");
    app.addContentTypeParser([...RAW_TYPES, "text/plain"], (_req, payload, done) => done(null, payload));

    app.get(
      "/imports/template",
      {
        schema: {
          tags,
          summary: "The cadre import template: header, hints, and a sheet Hướng dẫn with the valid codes",
          querystring: TemplateQuerySchema,
          response: { 200: z.any().describe("xlsx or csv file"), ...errors },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        authorize(actor, "cadres.import");
        const { format } = req.query;
        const file = {
          fileName: `mau-nhap-can-bo.${format}`,
          contentType: SPREADSHEET_CONTENT_TYPES[format],
        };
        return sendWrittenFile(req, reply, file, (out) => template.writeTemplate(actor, format, out));
      },
    );

    app.post(
      "/imports/cadres",
      {
        schema: {
          tags,
          summary:
            "Import cadre records from an .xlsx or .csv file (cadres.import): multipart field `file`, or the raw file as the body",
          description:
            "All or nothing: any bad row and nothing is written; the report lists every bad row. `dryRun=true` checks and changes nothing. `async=true` answers 202 with the job; follow it with GET /api/imports/{id}.",
          querystring: ImportQuerySchema,
          response: { 200: ImportReportSchema, 202: ImportJobSchema, ...errors },
        },
        // An upload that announces more than the limit is refused before a byte of it is read.
        onRequest: async (req, reply) => {
          const length = Number(req.headers["content-length"]);
          if (length > deps.maxBytes + MULTIPART_ALLOWANCE) {
            reply.header("connection", "close");
            throw new AppError(ImportErrors.IMPORT_FILE_TOO_LARGE, { details: { maxBytes: deps.maxBytes } });
          }
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        authorize(actor, "cadres.import");
        let state: Awaited<ReturnType<ImportJobs["start"]>>;
        try {
          let upload: { stream: Readable; fileName: string };
          if (req.isMultipart()) {
            const part = await req.file();
            if (!part) throw new AppError(ImportErrors.IMPORT_NO_FILE);
            upload = { stream: part.file, fileName: part.filename };
          } else {
            const body = req.body as unknown;
            if (!body || typeof (body as Readable).pipe !== "function")
              throw new AppError(ImportErrors.IMPORT_FILE_EMPTY);
            const named = req.query.fileName ?? req.headers["x-file-name"];
            upload = {
              stream: body as Readable,
              fileName: typeof named === "string" ? safeDecode(named) : "",
            };
          }
          state = await jobs.start(actor, upload, { dryRun: req.query.dryRun ?? false });
        } catch (error) {
          const refused = uploadError(error, deps.maxBytes);
          if (refused instanceof AppError && refused.status === 413) reply.header("connection", "close");
          throw refused;
        }
        if (req.query.async) return reply.status(202).send(state.job);
        await state.done;
        if (state.job.status === "failed") {
          if (state.cause) req.log.error({ err: state.cause }, "import failed");
          throw state.failure ?? new AppError(CoreErrors.INTERNAL);
        }
        return state.job.report!;
      },
    );

    app.get(
      "/imports/:id",
      {
        schema: {
          tags,
          summary: "An import's status, progress (rows read, validated, written) and report",
          params: ImportJobParamsSchema,
          response: { 200: ImportJobSchema, ...errors },
        },
      },
      (req) => jobs.get(requireActor(req), req.params.id).job,
    );

    app.get(
      "/imports/:id/error-file",
      {
        schema: {
          tags,
          summary: "The error file of an import: the rows of the file with a column Lỗi",
          params: ImportJobParamsSchema,
          response: { 200: z.any().describe("xlsx or csv file"), ...errors },
        },
      },
      async (req, reply) => {
        const state = jobs.get(requireActor(req), req.params.id);
        if (!state.errorFile || !fs.existsSync(state.errorFile))
          throw new AppError(ImportErrors.IMPORT_NO_ERROR_FILE);
        const format = state.job.report?.format ?? "xlsx";
        attachment(reply, state.downloadName);
        return reply.type(SPREADSHEET_CONTENT_TYPES[format]).send(fs.createReadStream(state.errorFile));
      },
    );

    app.get(
      "/cadres/retiring.xlsx",
      {
        schema: {
          tags: ["cadres"],
          summary:
            "The people reaching retirement in the next months (GET /api/cadres/retiring, every row) as a spreadsheet (cadres.read, scoped; audited)",
          querystring: RetiringExportQuerySchema,
          response: { 200: z.any().describe("xlsx file"), ...errors },
        },
      },
      async (req, reply) => {
        const list = await deps.retirement.retiringAll(requireActor(req), req.query);
        const fileName = list.overdue
          ? `qua-tuoi-nghi-huu-${list.asOf}.xlsx`
          : `sap-nghi-huu-${list.within}-thang-${list.asOf}.xlsx`;
        const file = { fileName, contentType: XLSX_CONTENT_TYPE, rows: list.items.length };
        return sendWrittenFile(req, reply, file, (out) => writeRetiringSheet(list, list.unitName, out));
      },
    );

    app.get(
      "/cadres/export",
      {
        schema: {
          tags: ["cadres"],
          summary:
            "Export the cadres matching the filters of GET /api/cadres (every row), in the import template's columns (cadres.read; sensitive columns need cadres.sensitive; audited)",
          querystring: CadreExportQuerySchema,
          response: { 200: z.any().describe("xlsx or csv file"), ...errors },
        },
      },
      async (req, reply) => {
        const prepared = await exports.exportCadres(requireActor(req), req.query);
        return sendWrittenFile(req, reply, prepared, (out) => prepared.write(out));
      },
    );

    app.get(
      "/cadres/trainings/export",
      {
        schema: {
          tags: ["cadres"],
          summary:
            "Export the training courses of the cadres matching the filters of GET /api/cadres as one table in the trainings columns (how a CSV carries them; the cadre import reads it back) (cadres.read, scoped; audited)",
          description:
            "`x-row-count` is the number of people whose courses the file holds. The file re-imports through POST /api/imports/cadres, recognised by its header.",
          querystring: CadreExportQuerySchema,
          response: { 200: z.any().describe("xlsx or csv file"), ...errors },
        },
      },
      async (req, reply) => {
        const prepared = await exports.exportTrainings(requireActor(req), req.query);
        return sendWrittenFile(req, reply, prepared, (out) => prepared.write(out));
      },
    );
  };
}

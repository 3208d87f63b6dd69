import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ERROR_RESPONSES, ProblemSchema } from "../../../common/contracts/common.ts";
import {
  UnitExportQuerySchema,
  UnitImportQuerySchema,
  UnitImportReportSchema,
} from "../../../common/contracts/units.ts";
import { AppError } from "../../lib/errors.ts";
import { requireActor, sendWrittenFile } from "../../lib/http.ts";
import { SPREADSHEET_CONTENT_TYPES } from "../imports/sheets.ts";
import { UnitErrors } from "./units.errors.ts";
import type { UnitTransferService } from "./units.transfer.ts";
import { MAX_TREE_FILE_BYTES } from "./units.transfer-sheets.ts";

const errors = { ...ERROR_RESPONSES, 413: ProblemSchema };
const tags = ["units"];

/** The file of an organisation tree is the request body itself (any of these types). */
const RAW_TYPES = [
  "application/octet-stream",
  "text/csv",
  "text/plain",
  "application/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel",
];

export function unitTransferRoutes(transfer: UnitTransferService): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeContentTypeParser("text/plain");
    app.addContentTypeParser(
      RAW_TYPES,
      { parseAs: "buffer", bodyLimit: MAX_TREE_FILE_BYTES },
      (_req, body, done) => done(null, body),
    );
    app.get(
      "/units/export",
      {
        schema: {
          tags,
          summary:
            "The organisation tree as of a date as a spreadsheet (units, and lineage links on a second sheet)",
          querystring: UnitExportQuerySchema,
          response: { 200: z.any().describe("xlsx or csv file"), ...errors },
        },
      },
      async (req, reply) => {
        const prepared = await transfer.exportTree(requireActor(req), req.query);
        const contentType = SPREADSHEET_CONTENT_TYPES[req.query.format];
        return sendWrittenFile(req, reply, { ...prepared, contentType }, prepared.write);
      },
    );
    app.post(
      "/units/import",
      {
        bodyLimit: MAX_TREE_FILE_BYTES,
        schema: {
          tags,
          summary:
            "Import an organisation tree (.xlsx or .csv as the request body): all rows or none; dryRun=true only checks",
          querystring: UnitImportQuerySchema,
          response: { 200: UnitImportReportSchema, ...errors },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
          throw new AppError(UnitErrors.UNIT_IMPORT_FILE_UNREADABLE, { details: { reason: "không có tệp" } });
        }
        return transfer.importTree(requireActor(req), req.body, req.query);
      },
    );
  };
}

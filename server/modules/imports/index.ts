import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { RetirementService } from "../cadres/index.ts";
import type { ExportsService } from "./exports.ts";
import { createImportJobs } from "./imports.jobs.ts";
import { importsRoutes as routes } from "./imports.routes.ts";
import { DEFAULT_MAX_IMPORT_BYTES, type ImportsService } from "./imports.service.ts";
import type { TemplateService } from "./template.ts";

export { type CadreExport, createExportsService, type ExportsService } from "./exports.ts";
export {
  createImportsService,
  DEFAULT_MAX_IMPORT_BYTES,
  type ImportOptions,
  type ImportSource,
  type ImportsService,
} from "./imports.service.ts";
export {
  type Cell,
  CSV_EXCEL_VI,
  createSheetWriter,
  excelDate,
  type ListSheet,
  writeListSheet,
  XLSX_CONTENT_TYPE,
} from "./sheets.ts";
export { removeStaleSpoolDirs } from "./spool-dir.ts";
export { createTemplateService, type TemplateService } from "./template.ts";

/**
 * The HTTP side of imports and exports: template download, uploads run as jobs with progress, error
 * files, the filtered cadre export and the "retiring soon" list as a spreadsheet. Jobs and their temporary files are removed when the app closes.
 */
export function importsRoutes(services: {
  imports: ImportsService;
  templates: TemplateService;
  exports: ExportsService;
  retirement: Pick<RetirementService, "retiringAll">;
  maxBytes?: number;
}): FastifyPluginAsyncZod {
  const maxBytes = services.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const jobs = createImportJobs({ imports: services.imports, maxBytes });
  const plugin = routes({
    jobs,
    template: services.templates,
    exports: services.exports,
    retirement: services.retirement,
    maxBytes,
  });
  return async (app, options) => {
    app.addHook("onClose", async () => jobs.clear());
    await plugin(app, options);
  };
}

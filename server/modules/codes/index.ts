export { codesRoutes } from "./codes.routes.ts";
export { type CodeRef, type CodesService, createCodesService } from "./codes.service.ts";
export { codeLists } from "./schema.ts";

export { type ChainReport, verifyChain } from "./audit.chain.ts";
export { auditRoutes } from "./audit.routes.ts";
export { type AuditEntry, type AuditService, createAuditService } from "./audit.service.ts";
export { auditLog } from "./schema.ts";

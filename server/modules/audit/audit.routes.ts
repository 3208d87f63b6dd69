import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AuditListQuerySchema, AuditPageSchema } from "../../../common/contracts/audit.ts";
import { ProblemSchema } from "../../../common/contracts/common.ts";
import { languageOf, requireActor } from "../../lib/http.ts";
import type { AuditService } from "./audit.service.ts";

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/audit",
      {
        schema: {
          tags: ["audit"],
          summary:
            "Browse the audit trail: rows in the reader's scope, sensitive values withheld without cadres.sensitive",
          querystring: AuditListQuerySchema,
          response: { 200: AuditPageSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      (req) => audit.list(requireActor(req), req.query, languageOf(req)),
    );
  };
}

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CadreIdParamsSchema } from "../../../../common/contracts/cadres.ts";
import { ProblemSchema } from "../../../../common/contracts/common.ts";
import { CvQuerySchema } from "../../../../common/contracts/cv.ts";
import { requireActor } from "../../../lib/http.ts";
import { CV_HTML_CSP } from "./cv.html.ts";
import type { CvService } from "./cv.service.ts";

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** `attachment` (Word) or `inline` (print view) with the file name, ASCII by construction. */
function disposition(kind: "attachment" | "inline", fileName: string): string {
  return `${kind}; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function cvRoutes(cv: CvService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/cadres/:id/cv",
      {
        schema: {
          tags: ["cadres"],
          summary:
            "The standard CV (Sơ yếu lý lịch, Circular 06/2023) as an A4 print view or a Word file; access and masking as the record's",
          params: CadreIdParamsSchema,
          querystring: CvQuerySchema,
          response: { 200: z.any().describe("text/html page or .docx file"), ...errors },
        },
      },
      async (req, reply) => {
        const doc = await cv.render(requireActor(req), req.params.id, req.query);
        reply.type(doc.contentType);
        if (doc.format === "html") {
          reply.header("content-security-policy", CV_HTML_CSP);
          reply.header("content-disposition", disposition("inline", doc.fileName));
        } else {
          reply.header("content-disposition", disposition("attachment", doc.fileName));
        }
        return reply.send(doc.body);
      },
    );
  };
}

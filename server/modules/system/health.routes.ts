import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import { VERSION } from "../../version.ts";

export const HealthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["pglite", "postgres"]),
  version: z.string(),
});

export function healthRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/health",
      {
        schema: {
          tags: ["system"],
          summary: "Liveness and database reachability",
          response: { 200: HealthSchema, 503: HealthSchema },
        },
      },
      async (_req, reply) => {
        let ok = true;
        try {
          await database.db.execute(sql`SELECT 1`);
        } catch {
          ok = false;
        }
        const body = {
          status: ok ? ("ok" as const) : ("degraded" as const),
          database: database.engine,
          version: VERSION,
        };
        return reply.status(ok ? 200 : 503).send(body);
      },
    );
  };
}

import { randomUUID, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { type Clock, systemClock } from "./lib/clock.ts";
import { AppError, CoreErrors } from "./lib/errors.ts";
import { frameworkErrorHandler, installErrorHandler, installJsonParser, sendProblem } from "./lib/http.ts";
import { LOG_SERIALIZERS } from "./lib/log.ts";
import { auditRoutes, createAuditService } from "./modules/audit/index.ts";
import { AuthErrors } from "./modules/auth/auth.errors.ts";
import {
  authRoutes,
  createAuthService,
  isAllowedBeforePasswordChange,
  SESSION_COOKIE,
} from "./modules/auth/index.ts";
import {
  cadresRoutes,
  createCadresBulkWriter,
  createCadresService,
  createCvService,
  createHistoriesService,
  createRetirementService,
  cvRoutes,
  retirementRoutes,
  seatOccupancy,
} from "./modules/cadres/index.ts";
import { codesRoutes, createCodesService } from "./modules/codes/index.ts";
import { createEvaluationsService, evaluationsRoutes } from "./modules/evaluations/index.ts";
import {
  createExportsService,
  createImportsService,
  createTemplateService,
  importsRoutes,
} from "./modules/imports/index.ts";
import { createIndicatorsService, indicatorsRoutes } from "./modules/indicators/index.ts";
import { createPlacesService, placesRoutes } from "./modules/places/index.ts";
import { createPostsService, postsRoutes } from "./modules/posts/index.ts";
import { createSettingsService, settingsRoutes } from "./modules/settings/index.ts";
import { healthRoutes } from "./modules/system/health.routes.ts";
import {
  createUnitsService,
  createUnitTransferService,
  unitsRoutes,
  unitTransferRoutes,
} from "./modules/units/index.ts";
import { VERSION } from "./version.ts";

z.config(z.locales.vi());

export type AppDeps = {
  database: Database;
  config: Pick<Config, "logLevel" | "sessionHours" | "secureCookies"> & Partial<Pick<Config, "trustProxy">>;
  clock?: Clock;
  /** Folder of the built web app (web/dist); a placeholder page is served when it is missing. */
  webRoot?: string;
  logger?: boolean;
  /** Where the log goes instead of stdout (tests read it). */
  logStream?: { write(line: string): void };
};

export type Services = ReturnType<typeof createServices>;

/** Wires the modules together: each service gets the few things it needs. */
export function createServices(database: Database, clock: Clock, sessionHours: number) {
  const { db } = database;
  const audit = createAuditService({ db, clock });
  const places = createPlacesService({ db });
  const units = createUnitsService({ db, audit, clock, places });
  const unitTransfer = createUnitTransferService({ db, audit, clock, places });
  const auth = createAuthService({ db, audit, clock, sessionHours });
  const codes = createCodesService({ db, audit });
  const settings = createSettingsService({ db, audit });
  const posts = createPostsService({ db, audit, clock, units, occupancy: seatOccupancy });
  const histories = createHistoriesService({ db, audit, clock, units, posts, codes });
  const cadres = createCadresService({ db, audit, clock, units, codes, places, histories });
  const cv = createCvService({ db, audit, clock, cadres, codes });
  const retirement = createRetirementService({ db, audit, clock, units });
  const imports = createImportsService({
    db,
    audit,
    bulk: createCadresBulkWriter({ audit }),
    clock,
    histories,
  });
  const exports = createExportsService({ db, audit, clock, cadres });
  const templates = createTemplateService({ db, clock });
  const indicators = createIndicatorsService({ db, audit, clock, units });
  const evaluations = createEvaluationsService({ db, audit, clock, units });
  return {
    audit,
    units,
    unitTransfer,
    auth,
    codes,
    settings,
    places,
    posts,
    histories,
    cadres,
    cv,
    retirement,
    imports,
    exports,
    templates,
    indicators,
    evaluations,
  };
}

/**
 * One policy for the web app, the API and the API docs (Swagger UI loads its scripts from files too).
 * Scripts only from our own files, never inline, so injected markup cannot run; styles may be inline
 * because antd writes its CSS at run time; no page may be framed (clickjacking).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../web/dist", import.meta.url));
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Builds the HTTP application (tests use it with app.inject or listen on port 0). */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const clock = deps.clock ?? systemClock;
  const services = createServices(deps.database, clock, deps.config.sessionHours);
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            serializers: LOG_SERIALIZERS,
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    // One line per request only at debug (the onResponse hook below): at the default level info the
    // console keeps what an operator acts on — the address, migrations, errors.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: deps.config.trustProxy ?? false,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installJsonParser(app);
  app.addHook("onResponse", async (request, reply) => {
    request.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
  });
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", String(request.id));
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    // A route may set a stricter policy of its own (the CV's print view: no scripts at all).
    if (!reply.hasHeader("content-security-policy"))
      reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    reply.header("x-frame-options", "DENY");
    // Only over HTTPS: a browser told so by a plain-HTTP server on the LAN would lock users out of it.
    if (deps.config.secureCookies) reply.header("strict-transport-security", "max-age=31536000");
    if (request.url.startsWith("/api/") && !request.url.startsWith("/api/docs"))
      reply.header("cache-control", "no-store");
    return payload;
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "canbo API",
        description: "Hệ thống quản lý công tác cán bộ — HTTP API",
        version: VERSION,
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  // Who is asking: the session cookie becomes request.actor. CSRF: every change made with a session
  // must echo the session's token in X-CSRF-Token (a cross-site form cannot read it).
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await services.auth.sessionActor(token, { ip: request.ip, requestId: String(request.id) });
    if (!found) return;
    request.actor = found.actor;
    request.sessionToken = token;
    request.csrfToken = found.csrfToken;
    if (!SAFE_METHODS.has(request.method) && !request.url.startsWith("/api/auth/login")) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !sameText(sent, found.csrfToken)) {
        return sendProblem(reply, request, new AppError(CoreErrors.CSRF_INVALID));
      }
    }
    // A first or reset password: nothing but who-am-I, log out and change it until it is changed.
    if (found.user.mustChangePassword && !isAllowedBeforePasswordChange(request.method, request.url))
      return sendProblem(reply, request, new AppError(AuthErrors.AUTH_PASSWORD_CHANGE_REQUIRED));
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes(deps.database));
      await api.register(
        authRoutes(services.auth, {
          secureCookies: deps.config.secureCookies,
          sessionHours: deps.config.sessionHours,
        }),
      );
      await api.register(unitsRoutes(services.units));
      await api.register(unitTransferRoutes(services.unitTransfer));
      await api.register(auditRoutes(services.audit));
      await api.register(codesRoutes(services.codes));
      await api.register(settingsRoutes(services.settings));
      await api.register(placesRoutes(services.places));
      await api.register(postsRoutes(services.posts));
      await api.register(indicatorsRoutes(services.indicators));
      await api.register(cadresRoutes(services.cadres, services.histories));
      await api.register(cvRoutes(services.cv));
      await api.register(retirementRoutes(services.retirement));
      await api.register(importsRoutes(services));
      await api.register(evaluationsRoutes(services.evaluations));
    },
    { prefix: "/api" },
  );

  const webRoot = deps.webRoot ?? DEFAULT_WEB_ROOT;
  const indexHtml = path.join(webRoot, "index.html");
  if (fs.existsSync(indexHtml)) {
    // wildcard: files are looked up on each request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: ["index.html"] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/"))
      return sendProblem(reply, request, new AppError(CoreErrors.ROUTE_NOT_FOUND));
    if (request.method !== "GET" && request.method !== "HEAD")
      return sendProblem(reply, request, new AppError(CoreErrors.NOT_FOUND));
    // A missing script or style must fail as such, not come back as the page.
    if (request.url.startsWith("/assets/"))
      return sendProblem(reply, request, new AppError(CoreErrors.NOT_FOUND));
    // The single-page app handles its own routes.
    if (fs.existsSync(indexHtml)) return reply.type("text/html; charset=utf-8").sendFile("index.html");
    return reply.type("text/html; charset=utf-8").send(PLACEHOLDER_PAGE);
  });

  return { app, services };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const PLACEHOLDER_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>canbo</title></head>
<body><h1>canbo</h1><p>Giao diện web chưa được build. Chạy <code>npm run build</code> rồi tải lại trang.</p></body></html>`;

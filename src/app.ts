import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { chatRouter } from "./chat/routes.ts";
import { NETLIFY_PREFIX, netlifyRouter } from "./compat/netlify.ts";
import { personaApiRouter } from "./compat/persona-api.ts";
import type { Services } from "./context.ts";
import { AppError } from "./errors.ts";
import { focusGroupsRouter } from "./focus-groups/routes.ts";
import { authenticate } from "./http/auth.ts";
import { limitBody } from "./http/body-limit.ts";
import { earlyRejection } from "./http/early-rejection.ts";
import type { AppEnv } from "./http/env.ts";
import { idempotency } from "./http/idempotency.ts";
import { completeDocument } from "./http/openapi.ts";
import { onError, problemResponse } from "./http/problem.ts";
import { createLimit, limitTenant, limitUnauthenticated } from "./http/rate-limit.ts";
import { routePattern } from "./http/route-pattern.ts";
import { validationHook } from "./http/validation-hook.ts";
import { mountWebUi } from "./http/web-ui.ts";
import { jobsRouter } from "./jobs/routes.ts";
import { conflictsRouter } from "./personas/conflict-routes.ts";
import { personasRouter } from "./personas/routes.ts";
import { sourcesRouter } from "./personas/source-routes.ts";
import { personaTransferRouter } from "./personas/transfer-routes.ts";
import { prdRouter } from "./prd/routes.ts";
import { metricsRouter } from "./system/metrics-route.ts";
import { systemRouter } from "./system/routes.ts";
import { voiceRouter } from "./voice/routes.ts";

/** Paths behind authentication, the body limit and the rate limit: the API and the Netlify compatibility routes. */
export const API_PREFIXES = ["/v1/", `${NETLIFY_PREFIX}/`] as const;

/**
 * The OpenAPI document of the app's routes, completed with what the middleware adds (see completeDocument). The
 * same for every configuration: `npm run client:generate` writes it to src/client/openapi.json.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "An API key (`persona-studio keys create`) or, with AUTH_MODE=jwt, a JWT. A server with AUTH_MODE=none " +
      "(loopback only) ignores it.",
  });
  const generated = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Persona Studio API",
      version: "1.0.0",
      description:
        "Turn scattered material about a person into a structured, evidence-backed persona. Errors are RFC 9457 " +
        "problem details (application/problem+json) with a stable `code` (docs/errors.md).",
      license: { name: "MIT", url: "https://opensource.org/license/mit" },
    },
    servers: [
      { url: "/", description: "The server that serves this document" },
      { url: "http://127.0.0.1:3000", description: "A local server started with `npm start`" },
    ],
    security: [{ Bearer: [] }],
    tags: TAGS,
  });
  return completeDocument(generated, { apiPrefixes: API_PREFIXES });
}

const TAGS = [
  { name: "system", description: "Health, readiness and what this server can do" },
  { name: "personas", description: "Evidence-backed personas, their versions, sources and file formats" },
  { name: "jobs", description: "Async persona creates and merges (Prefer: respond-async), with progress" },
  { name: "projects", description: "Projects that a PRD is written for" },
  { name: "prd", description: "The product requirements document and what's next" },
  { name: "wireframes", description: "ASCII wireframes rendered to PNG" },
  { name: "interviewers", description: "The built-in PRD interviewers" },
  { name: "conversations", description: "Chats with personas and PRD interviews, streamed as server-sent events" },
  { name: "focus groups", description: "One question to several personas at once" },
  { name: "voice", description: "Speech in (transcription) and out (spoken replies)" },
  { name: "compat", description: "The original backends' routes, as thin adapters over the same verbs" },
];

/** Composes the HTTP app: middleware, feature routers, OpenAPI document and docs. */
export function buildApp(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { config, logger, metrics, database } = services;
  const tenantLimit = createLimit("tenant", config.rateLimitPerMinute, database);
  const unauthenticatedLimit =
    config.auth.mode === "none"
      ? undefined
      : createLimit("unauthenticated", config.unauthenticatedRateLimitPerMinute, database);

  app.use("*", requestId());
  const logInfo = logger.isLevelEnabled("info");
  // Each layer of middleware costs every request a closure and a promise (hono's compose): the services go on the
  // context in the same layer that times the request, and a rate limit that is off is not mounted at all.
  app.use("*", async (c, next) => {
    c.set("services", services);
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // The route pattern only: paths carry user-typed slugs, query strings search words about people.
    const labels = { method: c.req.method, route: routePattern(c), status: String(c.res.status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, seconds);
    // Built only when it is written: production runs at warn, where this line is off.
    if (logInfo) {
      logger.info(
        {
          request_id: c.get("requestId"),
          tenant: c.get("tenantId"),
          method: labels.method,
          route: labels.route,
          status: c.res.status,
          duration_ms: Math.round(seconds * 1000),
        },
        "request",
      );
    }
  });
  app.use("*", earlyRejection(config.bodyLimitBytes));
  app.use(
    "*",
    secureHeaders({ crossOriginResourcePolicy: config.corsOrigins.length ? "cross-origin" : "same-origin" }),
  );
  // The API proper and the compatibility routes of the original Netlify Functions share auth, limits and CORS.
  for (const path of API_PREFIXES.map((prefix) => `${prefix}*`)) {
    if (config.corsOrigins.length > 0) {
      app.use(
        path,
        cors({
          origin: config.corsOrigins.includes("*") ? "*" : config.corsOrigins,
          allowHeaders: ["Authorization", "Content-Type", "If-Match", "Accept", "Idempotency-Key", "Prefer"],
          exposeHeaders: [
            "ETag",
            "Location",
            "X-Request-Id",
            "Retry-After",
            "Content-Disposition",
            "RateLimit",
            "RateLimit-Policy",
            "Idempotent-Replayed",
            "Preference-Applied",
          ],
          maxAge: 600,
        }),
      );
    }
    app.use(
      path,
      limitBody({
        maxSize: config.bodyLimitBytes,
        onError: (c) =>
          problemResponse(
            c,
            new AppError("payload_too_large", `The request body is larger than ${config.bodyLimitBytes} bytes`),
          ),
      }),
    );
    if (unauthenticatedLimit) app.use(path, limitUnauthenticated(unauthenticatedLimit, config.trustProxyHops, metrics));
    app.use(path, authenticate(services));
    if (tenantLimit) app.use(path, limitTenant(tenantLimit, metrics));
    app.use(path, idempotency(services));
  }

  app.route("/", systemRouter(services));
  app.route("/", metricsRouter(services));
  // Before the persona routes: /v1/personas/import must not be read as a persona id.
  app.route("/", personaTransferRouter);
  app.route("/", personasRouter);
  app.route("/", sourcesRouter);
  app.route("/", conflictsRouter);
  app.route("/", jobsRouter);
  app.route("/", prdRouter);
  app.route("/", chatRouter);
  app.route("/", focusGroupsRouter);
  app.route("/", voiceRouter);
  app.route("/", personaApiRouter);
  app.route("/", netlifyRouter);

  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get("/openapi.json", (c) => {
    document ??= openApiDocument(app);
    return c.json(document);
  });

  mountWebUi(app); // the built web app (web/dist) and its client-side routes, after every API route

  app.notFound((c) => problemResponse(c, new AppError("not_found", `No route for ${c.req.method} ${c.req.path}`)));
  app.onError(onError);
  return app;
}

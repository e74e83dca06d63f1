import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Services } from "../context.ts";
import type { AppEnv } from "../http/env.ts";
import { Capabilities, describeCapabilities } from "./capabilities.ts";

// Swagger UI is served from the installed package, so /docs works with no internet.
const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const DOCS_ASSETS: Record<string, { file: string; type: string }> = {
  "swagger-ui.css": { file: "swagger-ui.css", type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
};

// Read once, on the first visit to /docs: the bundle is ~1.5 MB and a synchronous read would block every request.
const assetCache = new Map<string, Uint8Array<ArrayBuffer>>();
function readAsset(file: string): Uint8Array<ArrayBuffer> {
  let body = assetCache.get(file);
  if (!body) {
    body = new Uint8Array(readFileSync(join(swaggerDir, file)));
    assetCache.set(file, body);
  }
  return body;
}

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Persona Studio API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script></body></html>`;
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true });`;

const Health = z.object({ status: z.literal("ok") });
const Ready = z.object({ status: z.enum(["ok", "unavailable"]), database: z.enum(["ok", "unavailable"]) });

export function systemRouter(services: Services): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  router.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      operationId: "getHealth",
      tags: ["system"],
      summary: "Liveness: the process answers",
      responses: { 200: { description: "Alive", content: { "application/json": { schema: Health } } } },
    }),
    (c) => c.json({ status: "ok" as const }, 200),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/readyz",
      operationId: "getReadiness",
      tags: ["system"],
      summary: "Readiness: the database answers",
      responses: {
        200: { description: "Ready", content: { "application/json": { schema: Ready } } },
        503: { description: "Not ready", content: { "application/json": { schema: Ready } } },
      },
    }),
    async (c) => {
      try {
        await services.database.db.execute(sql`SELECT 1`);
        return c.json({ status: "ok" as const, database: "ok" as const }, 200);
      } catch {
        return c.json({ status: "unavailable" as const, database: "unavailable" as const }, 503);
      }
    },
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/v1/capabilities",
      operationId: "getCapabilities",
      tags: ["system"],
      summary: "What this server can do: engines, auth mode, limits",
      responses: { 200: { description: "Capabilities", content: { "application/json": { schema: Capabilities } } } },
    }),
    (c) => c.json(describeCapabilities(services), 200),
  );
  router.get("/docs", (c) => c.html(DOCS_HTML));
  router.get("/docs/assets/init.js", (c) =>
    c.body(DOCS_INIT, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  router.get("/docs/assets/:file", (c) => {
    const asset = DOCS_ASSETS[c.req.param("file")];
    if (!asset) return c.notFound();
    return c.body(readAsset(asset.file), 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=86400",
    });
  });
  return router;
}

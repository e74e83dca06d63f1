import type { Context } from "hono";
import { matchedRoutes } from "hono/route";

/**
 * The pattern of the route that answered (`/v1/projects/:id`), never the raw path: paths carry user-typed slugs and
 * ids, which must not reach logs, and metric labels must stay a small fixed set. Middleware (`use`, method ALL) is
 * skipped; the web app's catch-all is `/*`; nothing matched is `unmatched`.
 */
export function routePattern(c: Context): string {
  const route = matchedRoutes(c).find((r) => r.method !== "ALL");
  if (!route) return "unmatched";
  return route.path === "*" ? "/*" : route.path;
}

import type { Ctx, Services } from "../context.ts";

/** Hono variables set by the middleware chain. */
export interface AppEnv {
  Variables: {
    requestId: string;
    tenantId: string;
    services: Services;
  };
}

/** The Ctx for the current request; auth has set the tenant by the time a route runs. */
export function ctxOf(c: {
  get(key: "requestId"): string;
  get(key: "tenantId"): string;
  get(key: "services"): Services;
}): Ctx {
  const services = c.get("services");
  const requestId = c.get("requestId");
  const tenantId = c.get("tenantId");
  return { ...services, tenantId, requestId, log: services.logger.child({ request_id: requestId, tenant: tenantId }) };
}

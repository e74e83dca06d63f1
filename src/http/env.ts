import { type Ctx, type Services, tenantCtx } from "../context.ts";

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
  return tenantCtx(services, tenantId, requestId, services.logger.child({ request_id: requestId, tenant: tenantId }));
}

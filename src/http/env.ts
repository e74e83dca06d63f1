import { type Ctx, type Services, tenantCtx } from "../context.ts";
import type { Logger } from "../logger.ts";

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
  const ctx = tenantCtx(services, tenantId, requestId);
  // The request's logger is built when something logs: pino's child (bindings serialised, redaction set up) was ~2 %
  // of a persona read's CPU, and most requests never log.
  let log: Logger | undefined;
  Object.defineProperty(ctx, "log", {
    enumerable: true,
    get: () => {
      log ??= services.logger.child({ request_id: requestId, tenant: tenantId });
      return log;
    },
  });
  return ctx;
}

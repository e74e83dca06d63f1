import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./observability/metrics.ts";
import type { Fetcher } from "./sources/fetch-url.ts";
import type { Extractor } from "./synthesis/types.ts";

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What a node builds once at start-up and shares between requests. */
export interface Services {
  config: Config;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  fetcher: Fetcher;
  extractors: { offline: Extractor; llm: Extractor | undefined };
}

/**
 * Passed to every verb: the shared services plus who is asking. Its `database.db` is the tenant's handle, under
 * row-level security: a query that forgets its tenant filter still sees only this tenant's rows.
 */
export interface Ctx extends Services {
  tenantId: string;
  requestId: string;
  log: Logger;
}

/** The one way to build a Ctx: binds the database handle to the tenant. */
export function tenantCtx(services: Services, tenantId: string, requestId: string, log: Logger = services.logger): Ctx {
  const database = { ...services.database, db: services.database.forTenant(tenantId) };
  return { ...services, database, tenantId, requestId, log };
}

import type { KeyVerifier } from "./auth/key-cache.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { JobQueue } from "./jobs/queue.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./observability/metrics.ts";
import type { Fetcher } from "./sources/fetch-url.ts";
import type { SynthesisPool } from "./synthesis/pool.ts";
import type { Extractor } from "./synthesis/types.ts";
import type { Voice } from "./voice/engines.ts";

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
  /** The LLM extractor when a provider is configured; the offline engine runs in `pool`. */
  extractors: { llm: Extractor | undefined };
  /** Worker threads for CPU-bound synthesis, with the node's queue cap and time budget. */
  pool: SynthesisPool;
  /** Async jobs: recorded in the `jobs` table, run by pg-boss (Postgres) or in-process (embedded store). */
  jobs: JobQueue;
  /** Speech in and out: the engines this node has (none: audio answers 501) and their process limits. */
  voice: Voice;
  /** API key -> tenant, remembered per node and forgotten on every node as soon as a key is revoked. */
  apiKeys: KeyVerifier;
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

import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./logger.ts";
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
  clock: Clock;
  fetcher: Fetcher;
  extractors: { offline: Extractor; llm: Extractor | undefined };
}

/** Passed to every verb: the shared services plus who is asking. */
export interface Ctx extends Services {
  tenantId: string;
  requestId: string;
  log: Logger;
}

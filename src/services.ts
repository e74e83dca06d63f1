import { ensureTenant, LOCAL_TENANT } from "./auth/tenants.ts";
import type { Config } from "./config.ts";
import { type Clock, type Services, systemClock } from "./context.ts";
import { openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { createLanguageModel, describeModel, isLlmConfigured } from "./llm/providers.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics, observeDatabase } from "./observability/metrics.ts";
import { createFetcher, type Fetcher } from "./sources/fetch-url.ts";
import { LlmExtractor } from "./synthesis/extract-llm.ts";
import { OfflineExtractor } from "./synthesis/extract-offline.ts";

export interface ServiceOverrides {
  logger?: Logger;
  clock?: Clock;
  fetcher?: Fetcher;
  extractors?: Services["extractors"];
}

/** Opens the store, applies migrations and builds what every request shares. Used by the server, CLI and tests. */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, config.logFile);
  const metrics = createMetrics();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
    if (config.auth.mode === "none") await ensureTenant(database.db, LOCAL_TENANT.name, LOCAL_TENANT.id);
  } catch (error) {
    await database.close();
    throw error;
  }
  const llm = overrides.extractors
    ? overrides.extractors.llm
    : isLlmConfigured(config.llm)
      ? new LlmExtractor({
          model: createLanguageModel(config.llm, { metrics }),
          description: describeModel(config.llm),
          onRetry: (event) => logger.warn({ retry: event }, "LLM call retried"),
        })
      : undefined;
  observeDatabase(metrics, database);
  return {
    config,
    database,
    logger,
    metrics,
    clock: overrides.clock ?? systemClock,
    fetcher: overrides.fetcher ?? createFetcher({ allowHosts: config.fetchAllowHosts }),
    extractors: { offline: overrides.extractors?.offline ?? new OfflineExtractor(), llm },
  };
}

import { keyPrefix, verifyApiKey } from "./auth/api-keys.ts";
import { cachedVerifier } from "./auth/key-cache.ts";
import { watchRevocations } from "./auth/revocations.ts";
import { ensureTenant, LOCAL_TENANT } from "./auth/tenants.ts";
import type { Config } from "./config.ts";
import { type Clock, type Services, systemClock } from "./context.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { createJobQueue, type JobQueue } from "./jobs/queue.ts";
import { isLlmConfigured } from "./llm/model-config.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics, type Metrics, observeDatabase, observePool } from "./observability/metrics.ts";
import type { Fetcher } from "./sources/fetch-url.ts";
import type { LlmExtractor } from "./synthesis/extract-llm.ts";
import { SynthesisPool } from "./synthesis/pool.ts";
import { createVoice, type Voice } from "./voice/engines.ts";

export interface ServiceOverrides {
  logger?: Logger;
  clock?: Clock;
  fetcher?: Fetcher;
  extractors?: Services["extractors"];
  pool?: SynthesisPool;
  voice?: Voice;
  jobs?: JobQueue;
  /** Who opens an embedded store (recorded in its lock): the server, or a CLI command (default). */
  storeOwner?: "server" | "cli";
  /** The store, already opening (the server starts it before its modules load); closed here if start-up fails. */
  database?: Promise<Database>;
  /** Filled with when each start-up step ended (ms since the process started), for the start-up log. */
  startup?: Record<string, number>;
}

/** Opens the store, applies migrations and builds what every request shares. Used by the server, CLI and tests. */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, config.logFile);
  const metrics = createMetrics();
  // Before the store opens: asking for an engine whose programs are missing stops start-up with a clear message.
  const voice =
    overrides.voice ??
    (await createVoice(config.voice).catch(async (error: unknown) => {
      await (await overrides.database?.catch(() => undefined))?.close();
      throw error;
    }));
  const database = await (overrides.database ??
    openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: overrides.storeOwner ?? "cli" }));
  const mark = (step: string) => {
    if (overrides.startup) overrides.startup[step] = Math.round(performance.now());
  };
  mark("store_open");
  try {
    const applied = await migrate(database);
    mark("migrations");
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
    if (config.auth.mode === "none") await ensureTenant(database.db, LOCAL_TENANT.name, LOCAL_TENANT.id);
  } catch (error) {
    await database.close();
    throw error;
  }
  // The AI SDK is loaded only when a model is configured: offline nodes and the CLI start faster without it.
  const llm = overrides.extractors
    ? overrides.extractors.llm
    : isLlmConfigured(config.llm)
      ? await llmExtractor(config.llm, metrics, logger)
      : undefined;
  observeDatabase(metrics, database);
  // A pool handed in (tests share one between many services) is observed by whoever made it.
  const pool = overrides.pool ?? new SynthesisPool(config.synthesis);
  if (!overrides.pool) observePool(metrics, pool);
  return {
    config,
    database,
    logger,
    metrics,
    clock: overrides.clock ?? systemClock,
    fetcher: overrides.fetcher ?? lazyFetcher(config.fetchAllowHosts),
    extractors: { llm },
    pool,
    voice,
    // Built here, started by the server (main.ts): CLI commands and tests may queue jobs without running any.
    jobs: overrides.jobs ?? createJobQueue(config, logger),
    apiKeys: cachedVerifier((key) => verifyApiKey(database.db, key), config.auth.apiKeyCacheSeconds * 1000, {
      prefixOf: keyPrefix,
      watch: watchRevocations(database),
    }),
  };
}

/** The model-backed extractor; its modules (the AI SDK, ~0.4 s to load) are imported only when a model is set. */
async function llmExtractor(llm: Config["llm"], metrics: Metrics, logger: Logger): Promise<LlmExtractor> {
  const [{ createLanguageModel, describeModel }, { LlmExtractor }, { wholeBodyFetch }] = await Promise.all([
    import("./llm/providers.ts"),
    import("./synthesis/extract-llm.ts"),
    import("./llm/whole-body-fetch.ts"),
  ]);
  return new LlmExtractor({
    // Extraction reads every answer whole: a lighter fetch than Node's (see whole-body-fetch.ts).
    model: createLanguageModel(llm, { metrics, fetch: wholeBodyFetch }),
    description: describeModel(llm),
    ...(llm.maxOutputTokens ? { maxOutputTokens: llm.maxOutputTokens } : {}),
    onRetry: (event) => logger.warn({ retry: event }, "LLM call retried"),
  });
}

/** The SSRF-safe fetcher, loaded on first use: undici is heavy to load and most requests never fetch a page. */
function lazyFetcher(allowHosts: string[]): Fetcher {
  let loaded: Promise<Fetcher> | undefined;
  return {
    fetch: async (url, options) => {
      loaded ??= import("./sources/fetch-url.ts").then((m) => m.createFetcher({ allowHosts }));
      return (await loaded).fetch(url, options);
    },
  };
}

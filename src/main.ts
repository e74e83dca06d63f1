import "dotenv/config";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { StoreLockedError } from "./db/store-lock.ts";
import { listen } from "./http/server.ts";

/** Starts the HTTP server and drains it on SIGTERM/SIGINT before closing the database. */
export async function startServer(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // Where start-up time goes (ms since the process started), logged with the listening line.
  const startup: Record<string, number> = { config: ms() };
  // The store starts opening before the rest of the server's modules load: its files are read and its WASM compiled
  // off the main thread meanwhile. (A rejection is handled where createServices awaits it; the no-op catch only keeps
  // Node from calling it unhandled while the modules load.)
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: "server" });
  database.catch(() => {});
  const [services, { buildApp }] = await Promise.all([
    import("./services.ts")
      .then(({ createServices }) => createServices(config, { storeOwner: "server", startup, database }))
      .catch((error: unknown) => {
        if (!(error instanceof StoreLockedError)) throw error;
        process.stderr.write(
          `${error.message}\nStop that process first, or give this server its own DATA_DIR (or a DATABASE_URL).\n`,
        );
        process.exit(2);
      }),
    import("./app.ts").then((module) => {
      startup.app_modules = ms();
      return module;
    }),
  ]);
  const app = buildApp(services);
  startup.app_built = ms();
  const { server, url } = await listen(app.fetch, config);
  startup.listening = ms();
  // CLI commands run while this server holds the embedded store send their work here.
  services.database.lock?.setUrl(clientUrl(url));
  // Whatever way the process ends, the store is free again (a crash leaves a lock the next process sees is stale).
  process.once("exit", () => services.database.lock?.release());
  // Settings read from another name or inferred (a provider from its key) are said out loud, never applied silently.
  for (const notice of config.notices) services.logger.info({ setting: notice }, `settings: ${notice}`);
  services.logger.info(
    {
      url,
      store: services.database.kind,
      startup_ms: startup,
      engine: config.llm.provider,
      ...(config.llm.provider === "offline"
        ? {}
        : { model: config.llm.model, chat_model: config.llm.chatModel ?? config.llm.model }),
    },
    `Persona Studio listening on ${url} (docs at /docs)`,
  );
  // Set before the job queue starts (pg-boss may take seconds to start): a SIGTERM in that window must still shut
  // down cleanly rather than kill the process with the default handler.
  let jobsStarted: Promise<void> = Promise.resolve();
  let warmed: Promise<void> = Promise.resolve();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const grace = config.shutdownGraceMs;
    services.logger.info({ signal, grace_ms: grace }, "shutting down: draining connections");
    // Work that cannot finish inside the grace period is abandoned: its threads are terminated (its request gets a
    // 503 and stores nothing), then lingering connections (streams) are cut, and a last timer makes sure we exit.
    setTimeout(() => {
      services.logger.warn({ synthesis: services.pool.stats() }, "grace period over: abandoning unfinished work");
      void services.pool.destroy();
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
    }, grace).unref();
    setTimeout(() => process.exit(1), grace + 10_000).unref();
    // Jobs stop being taken; running ones get the grace period, then are given back (next start, or another node).
    const jobsStopped = jobsStarted.then(() => services.jobs.stop(grace)).catch(() => {});
    server.close(async () => {
      await jobsStopped;
      // The warm-up first: piscina destroyed while a thread still runs a task throws when that task's answer arrives.
      await warmed;
      await services.pool.destroy();
      await services.database.close();
      services.logger.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  // Async jobs: queued ones (left by a restart too) and new ones run here from now on.
  jobsStarted = services.jobs.start(services);
  await jobsStarted;
  // Synthesis threads load the engine now, in the background, rather than on the first create.
  setImmediate(() => {
    warmed = services.pool.warm(); // never rejects
  });
}

const ms = () => Math.round(performance.now());

/** The address a local client uses: a server listening on every interface is reached on loopback. */
function clientUrl(url: string): string {
  return url.replace("//0.0.0.0:", "//127.0.0.1:").replace("//[::]:", "//[::1]:");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startServer();
}

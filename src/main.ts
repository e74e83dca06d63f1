import "dotenv/config";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { listen } from "./http/server.ts";
import { createServices } from "./services.ts";

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
  const services = await createServices(config);
  const app = buildApp(services);
  const { server, url } = await listen(app.fetch, config);
  services.logger.info(
    { url, store: services.database.kind, engine: config.llm.provider },
    `Persona Studio listening on ${url} (docs at /docs)`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info({ signal }, "shutting down: draining connections");
    // Hard stop if draining hangs (e.g. a client holding a stream open).
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await services.database.close();
      services.logger.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startServer();
}

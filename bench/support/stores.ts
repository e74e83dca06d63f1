import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiKey } from "../../src/auth/api-keys.ts";
import { openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";

/** A store the project and its baseline both read: Postgres (BENCH_DATABASE_URL or TEST_DATABASE_URL) or embedded. */
export interface BenchStore {
  name: "postgres" | "pglite";
  /** What the server processes need to open it (DATABASE_URL or DATA_DIR). */
  env: Record<string, string>;
  /** An API key of the tenant "bench", and that tenant's id. */
  key: string;
  tenantId: string;
  dispose(): void;
}

export const postgresUrl = () => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

/** Opens the store once to migrate it and make an API key, then closes it so a server process can own it. */
export async function openBenchStore(name: BenchStore["name"]): Promise<BenchStore> {
  const url = postgresUrl();
  if (name === "postgres" && !url) throw new Error("set BENCH_DATABASE_URL (or TEST_DATABASE_URL) for Postgres");
  const dataDir = name === "pglite" ? mkdtempSync(join(tmpdir(), "persona-bench-")) : "";
  const env: Record<string, string> = name === "postgres" ? { DATABASE_URL: url ?? "" } : { DATA_DIR: dataDir };
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  try {
    await migrate(database);
    const { key, tenantId } = await createApiKey(database.db, "bench");
    return { name, env, key, tenantId, dispose: () => dataDir && rmSync(dataDir, { recursive: true, force: true }) };
  } finally {
    await database.close();
  }
}

/** The stores to run on: both when Postgres is configured, else the embedded one (and a note saying so). */
export function benchStoreNames(): Array<BenchStore["name"]> {
  if (postgresUrl()) return ["postgres", "pglite"];
  console.log("  postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  return ["pglite"];
}

/** Environment of the project's server in every comparison: API keys, no rate limit, request logs at warn. */
export const PROJECT_ENV = { AUTH_MODE: "apikey", RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "warn" };

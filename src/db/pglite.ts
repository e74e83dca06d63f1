import { setFlagsFromString } from "node:v8";
import { PGlite, type Transaction as PGliteTransaction } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { APP_ROLE, type Database, type DatabaseOptions, type Db, SCOPE_SQL, tenantHandles } from "./client.ts";
import { schema } from "./schema.ts";
import { acquireStoreLock } from "./store-lock.ts";

/**
 * The embedded server has one connection and lives in this process: Postgres's defaults (128 MB of shared buffers,
 * 100 connections) cost ~0.6 s of start-up and ~100 MB of memory at every start and CLI call, for nothing. A CLI
 * command runs a few statements and exits, so it keeps a quarter of the server's buffers: Postgres touches all of
 * them as it starts, and 8 MB instead of 32 MB is ~30 MB less memory for the command (PGlite's own: 145 -> 118 MB
 * peak RSS opening an existing store, 2 runs each). Those 1,024 pages still hold any command's working set.
 */
function embeddedSettings(owner: DatabaseOptions["owner"]): string[] {
  return ["-c", `shared_buffers=${owner === "server" ? "32MB" : "8MB"}`, "-c", "max_connections=8"];
}

/**
 * How much a WebAssembly function runs before V8 recompiles it with its optimising compiler: 100 times V8's default
 * (1,800,000, "roughly bytes executed"). Opening a store runs much of Postgres's 9 MB of code a little, and at the
 * default V8 optimises a lot of it on other threads at once, which on a small machine competes with the start-up
 * itself; the functions that queries keep running still reach the budget within the first few queries. Measured
 * opening an existing store plus one query, 4 runs each (load 13 on 2 cores): 580-710 ms of CPU -> 415-445 ms, and
 * from the third batch of 10 heavy queries the same CPU per batch as with the default. (`--liftoff-only`, which the
 * one-shot CLI uses, never optimises: about twice the CPU per query for good.) An explicit setting is kept.
 */
const WASM_TIERING_BUDGET = 180_000_000;

function raiseWasmTieringBudget(): void {
  // V8 reads the budget when the module is instantiated, so this must run before PGlite.create. (Node accepts the
  // flag on its command line only, not in NODE_OPTIONS.)
  if (!process.execArgv.some((arg) => arg.startsWith("--wasm-tiering-budget"))) {
    setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  }
}

/** The same for PGlite (one connection, so every scoped statement is its own short transaction). */
function tenantPgliteClient(client: PGlite, tenantId: string) {
  const scoped = <T>(work: (tx: PGliteTransaction) => Promise<T>) =>
    client.transaction(async (tx) => {
      await tx.query(SCOPE_SQL, [APP_ROLE, tenantId]);
      return work(tx);
    });
  return {
    query: <T>(query: string, params?: unknown[], options?: Parameters<PGlite["query"]>[2]) =>
      scoped((tx) => tx.query<T>(query, params, options)),
    transaction: <T>(work: (tx: PGliteTransaction) => Promise<T>) => scoped(work),
  };
}

/** The embedded store (PGlite) under DATA_DIR, or in memory, with the Database surface. */
export async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dir = options.dataDir;
  const inMemory = dir.startsWith("memory://");
  // One writer per store: this throws StoreLockedError naming the live holder instead of opening the files beside it.
  const lock = inMemory ? undefined : acquireStoreLock(dir, options.owner ?? "cli");
  let client: PGlite;
  try {
    raiseWasmTieringBudget();
    client = await PGlite.create(inMemory ? undefined : `${dir.replace(/\/$/, "")}/pglite`, {
      startParams: [...PGlite.defaultStartParams, ...embeddedSettings(options.owner)],
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const forTenant = tenantHandles(
    (tenantId) =>
      drizzlePglite({ client: tenantPgliteClient(client, tenantId) as unknown as PGlite, schema }) as unknown as Db,
  );
  return {
    db,
    forTenant,
    queryAs: async <T>(tenantId: string, text: string, params: unknown[]) =>
      (await tenantPgliteClient(client, tenantId).query<T>(text, params)).rows,
    querySelfScoped: async <T>(text: string, params: unknown[]) => (await client.query<T>(text, params)).rows,
    kind: "pglite",
    // One connection; PGlite queues statements itself and does not say how many wait.
    pool: { max: 1, inFlight: () => 0 },
    // In-process: notifications raised by this instance's own statements, delivered after they commit.
    listen: (channel, feed) => {
      const listening = client
        .listen(channel, (payload) => feed.notify(payload))
        .then(
          (unlisten) => {
            feed.up();
            return unlisten;
          },
          () => undefined,
        );
      return async () => {
        await (await listening)?.();
      };
    },
    exec: async (text) => {
      await client.exec(text);
    },
    ...(lock ? { lock } : {}),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { schema } from "./schema.ts";
import { acquireStoreLock, type LockHolder, type StoreLock } from "./store-lock.ts";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** The embedded store's lock (absent for Postgres and in-memory stores); a server records its address in it. */
  lock?: StoreLock;
  /** Runs raw SQL (several statements allowed); used by migrations only. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded store; "memory://" keeps it in memory (tests). */
  dataDir: string;
  /** Who opens the embedded store, recorded in its lock (default "cli"). */
  owner?: LockHolder["kind"];
}

/**
 * The embedded server has one connection and lives in this process: Postgres's defaults (128 MB of shared buffers,
 * 100 connections) cost ~0.6 s of start-up and ~100 MB of memory at every start and CLI call, for nothing.
 */
const EMBEDDED_SETTINGS = ["-c", "shared_buffers=32MB", "-c", "max_connections=8"];

/** Each store's driver is loaded only when that store is used, so start-up pays for one, not both. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([
      import("postgres"),
      import("drizzle-orm/postgres-js"),
    ]);
    // Small pool per node: many stateless nodes share one Postgres.
    const sql = postgres(options.databaseUrl, { max: 10, onnotice: () => {}, connect_timeout: 10 });
    const db = drizzlePostgres({ client: sql, schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      exec: async (text) => {
        await sql.unsafe(text);
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
  ]);
  const dir = options.dataDir;
  const inMemory = dir.startsWith("memory://");
  // One writer per store: this throws StoreLockedError naming the live holder instead of opening the files beside it.
  const lock = inMemory ? undefined : acquireStoreLock(dir, options.owner ?? "cli");
  let client: InstanceType<typeof PGlite>;
  try {
    client = await PGlite.create(inMemory ? undefined : `${dir.replace(/\/$/, "")}/pglite`, {
      startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS],
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
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

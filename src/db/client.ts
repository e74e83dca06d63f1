import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { schema } from "./schema.ts";
import type { LockHolder, StoreLock } from "./store-lock.ts";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** The role tenant data is read and written as (created by migration 0007_rls.sql): no BYPASSRLS, owns nothing. */
export const APP_ROLE = "persona_studio_app";

/**
 * Sent first in every tenant transaction, in the same round trip as the query it guards: both settings are local to
 * the transaction, so a pooled connection never carries one tenant's scope into the next request.
 */
export const SCOPE_SQL = "SELECT set_config('role', $1, true), set_config('app.tenant_id', $2, true)";

export interface Database {
  /**
   * The login's own handle: it bypasses row-level security (it owns the tables). For migrations, the API key lookup,
   * admin commands and cross-tenant work such as claiming jobs; request code uses `forTenant` through its Ctx.
   */
  db: Db;
  /** A handle whose every query runs as APP_ROLE with app.tenant_id set: row-level security applies. */
  forTenant(tenantId: string): Db;
  /**
   * One statement of plain SQL ($1, $2… parameters, prepared) as APP_ROLE with app.tenant_id set, like `forTenant`,
   * through the same driver; rows as objects with json parsed. Timestamps arrive as Dates (PGlite) or as text
   * (postgres.js, whose date parsing drizzle turns off): read them with `new Date(value)`. For hot paths where
   * building the query with the ORM costs more than running it.
   */
  queryAs<T>(tenantId: string, text: string, params: unknown[]): Promise<T[]>;
  /**
   * One statement of plain SQL as the login, prepared, rows as `queryAs` gives them, with no scope around it. Only for
   * statements that scope themselves: a function of the migrations declared `SET role = persona_studio_app` that sets
   * app.tenant_id (0015_persona_resource.sql), so row-level security applies inside it. One statement instead of a
   * tenant transaction's four, and on Postgres no reserved connection: it pipelines with other requests' statements.
   */
  querySelfScoped<T>(text: string, params: unknown[]): Promise<T[]>;
  kind: "pglite" | "postgres";
  /** The embedded store's lock (absent for Postgres and in-memory stores); a server records its address in it. */
  lock?: StoreLock;
  /** For /metrics: connections the pool may open, and operations running or waiting for one. */
  pool: { max: number; inFlight(): number };
  /**
   * Listens on a NOTIFY channel until `close` (or the returned stop): `up` once listening (again after every
   * reconnection), `down` when the listening connection is lost, since announcements sent meanwhile are missed.
   */
  listen(channel: string, feed: NotifyFeed): () => Promise<void>;
  /** Runs raw SQL (several statements allowed); used by migrations only. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface NotifyFeed {
  notify(payload: string): void;
  up(): void;
  down(): void;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded store; "memory://" keeps it in memory (tests). */
  dataDir: string;
  /** Who opens the embedded store, recorded in its lock (default "cli"). */
  owner?: LockHolder["kind"];
}

/** Tenant handles are cheap to keep and ~0.1 ms to build; the most recently used ones are kept. */
const TENANT_HANDLES = 1000;

export function tenantHandles(build: (tenantId: string) => Db): (tenantId: string) => Db {
  const cache = new Map<string, Db>();
  return (tenantId) => {
    let db = cache.get(tenantId);
    if (db) {
      cache.delete(tenantId); // re-inserted below: Map order is recency
    } else {
      db = build(tenantId);
      if (cache.size >= TENANT_HANDLES) cache.delete(cache.keys().next().value ?? "");
    }
    cache.set(tenantId, db);
    return db;
  };
}

/**
 * Opens Postgres (DATABASE_URL) or the embedded store. Each driver's modules load only when it is used: a node needs
 * one of them, and loading both costs start-up time on every server start and CLI call.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return (await import("./postgres.ts")).openPostgres(options.databaseUrl);
  return (await import("./pglite.ts")).openPglite(options);
}

import { PGlite, type Transaction as PGliteTransaction } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { schema } from "./schema.ts";
import { acquireStoreLock, type LockHolder, type StoreLock } from "./store-lock.ts";

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
const SCOPE_SQL = "SELECT set_config('role', $1, true), set_config('app.tenant_id', $2, true)";

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

/** Backoff between attempts to (re)listen after the listening connection is lost, doubling up to the maximum. */
const LISTEN_RETRY_MS = { first: 250, max: 10_000 };

/**
 * LISTEN on a connection of its own (pooled connections are shared by every request and cannot keep a session).
 * postgres.js's own `listen` re-listens once after a drop and gives up silently if that fails; here every loss is
 * reported (`down`) and retried with backoff until it holds again (`up`).
 */
function postgresListener(url: string, channel: string, feed: NotifyFeed): () => Promise<void> {
  let stopped = false;
  let pending = false; // an attempt is scheduled or running
  let delay = LISTEN_RETRY_MS.first;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (wait: number) => {
    if (stopped || pending) return;
    pending = true;
    timer = setTimeout(attempt, wait);
    timer.unref();
  };
  // `onnotify` is the connection option postgres.js's own `listen` is built on; its typings leave it out.
  const onnotify = (name: string, payload: string) => {
    if (name === channel) feed.notify(payload);
  };
  const sql = postgres(url, {
    max: 1,
    max_lifetime: null, // the connection is the subscription: never recycled on purpose
    fetch_types: false,
    connect_timeout: 10,
    onnotice: () => {},
    onclose: () => {
      if (stopped) return;
      feed.down();
      schedule(delay);
    },
    ...({ onnotify } as object),
  });
  const attempt = async () => {
    try {
      await sql.unsafe(`LISTEN "${channel.replace(/"/g, '""')}"`);
      pending = false;
      delay = LISTEN_RETRY_MS.first;
      if (!stopped) feed.up();
    } catch {
      pending = false;
      delay = Math.min(delay * 2, LISTEN_RETRY_MS.max);
      feed.down();
      schedule(delay);
    }
  };
  schedule(0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await sql.end({ timeout: 1 });
  };
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

/** Small pool per node: many stateless nodes share one Postgres. */
const POOL_MAX = 10;
/** Tenant handles are cheap to keep and ~0.1 ms to build; the most recently used ones are kept. */
const TENANT_HANDLES = 1000;

function tenantHandles(build: (tenantId: string) => Db): (tenantId: string) => Db {
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

/** Counts operations in flight around a promise-returning call. */
function counter() {
  let inFlight = 0;
  return {
    inFlight: () => inFlight,
    track<T>(work: () => Promise<T>): Promise<T> {
      inFlight += 1;
      return work().finally(() => {
        inFlight -= 1;
      });
    },
  };
}

type PgValues = Parameters<postgres.Sql["unsafe"]>[1];
type PgQueryOptions = Parameters<postgres.Sql["unsafe"]>[2];

/**
 * Runs one statement as the tenant: BEGIN, the scope, the statement and COMMIT are written back to back on one
 * reserved connection. postgres.js pipelines them, so the scope adds no round trip.
 */
function scopedStatement(
  sql: postgres.Sql,
  tenantId: string,
  query: string,
  params: PgValues,
  options: PgQueryOptions,
  values: boolean,
): Promise<unknown> {
  return sql.reserve().then(async (reserved) => {
    try {
      const statement = reserved.unsafe(query, params, options);
      const steps = [
        reserved.unsafe("BEGIN"),
        reserved.unsafe(SCOPE_SQL, [APP_ROLE, tenantId]),
        values ? statement.values() : statement,
        reserved.unsafe("COMMIT"),
      ];
      for (const step of steps) step.execute();
      const settled = await Promise.allSettled(steps);
      const failed = settled.find((s) => s.status === "rejected");
      if (failed) throw failed.reason;
      return (settled[2] as PromiseFulfilledResult<unknown>).value;
    } finally {
      reserved.release();
    }
  });
}

/**
 * The part of a postgres.js client that drizzle uses (`unsafe`, `.values()`, `begin`, `options`), for one tenant.
 * A single statement goes through `scopedStatement`; a transaction sends the scope right after its BEGIN, pipelined
 * with its first statement.
 */
function tenantPostgresClient(sql: postgres.Sql, tenantId: string, track: ReturnType<typeof counter>["track"]) {
  const single = (query: string, params: PgValues, options: PgQueryOptions, values: boolean) =>
    track(() => scopedStatement(sql, tenantId, query, params, options, values));
  return {
    options: sql.options,
    unsafe(query: string, params?: PgValues, options?: PgQueryOptions) {
      return {
        values: () => single(query, params, options, true),
        // biome-ignore lint/suspicious/noThenProperty: drizzle awaits the query object, as it does postgres.js's own.
        then: <A, B>(ok?: (v: unknown) => A, fail?: (e: unknown) => B) =>
          single(query, params, options, false).then(ok, fail),
      };
    },
    begin<T>(work: (tx: postgres.TransactionSql) => Promise<T>) {
      return track(
        () =>
          sql.begin(async (tx) => {
            const scoped = tx.unsafe(SCOPE_SQL, [APP_ROLE, tenantId]).execute();
            const result = await work(tx);
            await scoped;
            return result;
          }) as Promise<T>,
      );
    },
  };
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

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const url = options.databaseUrl;
  if (url) {
    const sql = postgres(url, { max: POOL_MAX, onnotice: () => {}, connect_timeout: 10 });
    const ops = counter();
    const db = drizzlePostgres({ client: sql, schema }) as unknown as Db;
    const listeners = new Set<() => Promise<void>>();
    const forTenant = tenantHandles(
      (tenantId) =>
        drizzlePostgres({
          client: tenantPostgresClient(sql, tenantId, ops.track) as unknown as postgres.Sql,
          schema,
        }) as unknown as Db,
    );
    return {
      db,
      forTenant,
      queryAs: <T>(tenantId: string, text: string, params: unknown[]) =>
        ops.track(() => scopedStatement(sql, tenantId, text, params as PgValues, { prepare: true }, false)) as Promise<
          T[]
        >,
      kind: "postgres",
      pool: { max: POOL_MAX, inFlight: ops.inFlight },
      listen: (channel, feed) => {
        const stop = postgresListener(url, channel, feed);
        listeners.add(stop);
        return () => {
          listeners.delete(stop);
          return stop();
        };
      },
      exec: async (text) => {
        await sql.unsafe(text);
      },
      close: async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await sql.end({ timeout: 5 });
      },
    };
  }
  const dir = options.dataDir;
  const inMemory = dir.startsWith("memory://");
  // One writer per store: this throws StoreLockedError naming the live holder instead of opening the files beside it.
  const lock = inMemory ? undefined : acquireStoreLock(dir, options.owner ?? "cli");
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : `${dir.replace(/\/$/, "")}/pglite`, {
      startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS],
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

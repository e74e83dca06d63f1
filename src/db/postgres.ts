import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { APP_ROLE, type Database, type Db, type NotifyFeed, SCOPE_SQL, tenantHandles } from "./client.ts";
import { schema } from "./schema.ts";

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

/** Small pool per node: many stateless nodes share one Postgres. */
const POOL_MAX = 10;

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

/** A pool of connections to Postgres (postgres.js) with the Database surface. */
export function openPostgres(url: string): Database {
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
    querySelfScoped: <T>(text: string, params: unknown[]) =>
      ops.track(async () => (await sql.unsafe(text, params as PgValues, { prepare: true })) as T[]),
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

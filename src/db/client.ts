import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { schema } from "./schema.ts";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs raw SQL (several statements allowed); used by migrations only. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded store; "memory://" keeps it in memory (tests). */
  dataDir: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
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
  const dir = options.dataDir;
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir.startsWith("memory://") ? undefined : `${dir.replace(/\/$/, "")}/pglite`);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    exec: async (text) => {
      await client.exec(text);
    },
    close: () => client.close(),
  };
}

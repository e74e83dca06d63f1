import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));
// Any fixed number: nodes starting together serialise on it so each migration runs once.
const MIGRATION_LOCK = 72_201_991;

export interface Migration {
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), "utf8") }));
}

/** Names of the migrations already applied, read without a lock; none when the store is new. */
async function appliedNames(database: Database): Promise<Set<string>> {
  try {
    const rows = await database.db.execute<{ name: string }>(sql`SELECT name FROM schema_migrations`);
    return new Set(rowsOf<{ name: string }>(rows).map((r) => r.name));
  } catch {
    return new Set(); // no table yet: a new store
  }
}

/** Applies the checked-in SQL migrations not yet applied; safe to run from several nodes at once. */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  // Every start checks this: with an existing store it is one query, no transaction and no advisory lock.
  const present = await appliedNames(database);
  if (migrations.every((m) => present.has(m.name))) return [];
  const applied: string[] = [];
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const rows = await tx.execute<{ name: string }>(sql`SELECT name FROM schema_migrations`);
    const done = new Set(rowsOf<{ name: string }>(rows).map((r) => r.name));
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO schema_migrations (name) VALUES (${migration.name})`);
      applied.push(migration.name);
    }
  });
  return applied;
}

/**
 * Prepared statements take one command each, so a migration file is split at semicolons that end a line.
 * Migrations therefore keep one statement per `;`-terminated line end (no function bodies with inner `;\n`).
 */
export function splitStatements(text: string): string[] {
  return text
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
}

/** postgres.js returns an array of rows, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)) return result.rows as T[];
  return [];
}

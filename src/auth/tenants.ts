import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.ts";
import { tenants } from "../db/schema.ts";
import { newId } from "../ids.ts";

/** The single tenant of AUTH_MODE=none. */
export const LOCAL_TENANT = { id: "ten_local", name: "local" } as const;

/** Finds or creates the tenant with this name; safe under concurrent first requests. */
export async function ensureTenant(db: DbOrTx, name: string, id: string = newId("tenant")): Promise<string> {
  const [row] = await db
    .insert(tenants)
    .values({ id, name })
    // A no-op update makes RETURNING give the existing row on conflict.
    .onConflictDoUpdate({ target: tenants.name, set: { name: sql`excluded.name` } })
    .returning({ id: tenants.id });
  if (!row) throw new Error("tenant upsert returned no row");
  return row.id;
}

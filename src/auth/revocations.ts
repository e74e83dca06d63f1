import type { Database } from "../db/client.ts";
import type { KeyVerifier } from "./key-cache.ts";

/** Where the database announces a revoked, rotated or deleted key (migration 0014), with the key's public prefix. */
export const REVOCATION_CHANNEL = "api_key_revoked";

/**
 * Feeds a node's key cache from the announcements. On Postgres the node listens on one connection of its own (outside
 * the pool, reconnected with backoff); it needs a session, so DATABASE_URL must be a direct connection or a
 * session-mode pooler (a transaction-mode pooler such as Supabase's port 6543 does not carry LISTEN). On the embedded
 * store the announcement comes from the same process, which is the only one that can write the store.
 */
export function watchRevocations(database: Database): (cache: KeyVerifier) => void {
  return (cache) => {
    database.listen(REVOCATION_CHANNEL, {
      notify: (prefix) => cache.forget(prefix),
      up: () => cache.up(),
      down: () => cache.down(),
    });
  };
}

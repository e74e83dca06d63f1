import { createHash } from "node:crypto";

/** Verified keys a node remembers at most (the least recently verified go first). */
const KEY_CACHE_MAX = 10_000;

/** Resolves an API key to its tenant (undefined: not valid), remembering verified keys; see `cachedVerifier`. */
export interface KeyVerifier {
  (key: string): Promise<string | undefined>;
  /** Forgets the key with this public prefix: it was revoked, rotated or deleted (on any node). */
  forget(prefix: string): void;
  /** The feed of revocations is live: verified keys may be remembered from now on. */
  up(): void;
  /** The feed is down (announcements may be lost): forget every key and remember none until it is up again. */
  down(): void;
  /** Whether a verified key with this prefix is remembered (for tests and diagnostics). */
  remembers(prefix: string): boolean;
}

export interface KeyCacheOptions {
  now?: () => number;
  /** The public prefix of a key (what revocations name), or undefined for a malformed key. */
  prefixOf: (key: string) => string | undefined;
  /** Called once, at the first lookup, to start the feed of revocations (nodes that never serve a key never listen). */
  watch?: (cache: KeyVerifier) => void;
}

/**
 * Remembers the tenant of each key verified in the last `ttlMs`, so a request costs no database lookup (and no
 * last-used write) while its key is fresh. The cache is per node and keyed by a hash of the key, never the key
 * itself; keys that fail are not remembered, so a new key works at once and an unknown one is always looked up.
 *
 * A key is remembered only while this node hears revocations (`up`…`down`, fed by Postgres LISTEN/NOTIFY in
 * src/auth/revocations.ts), and each one it hears is forgotten at once: a revoked or rotated key stops working on
 * every node from the next request. While the feed is down the node looks every key up. `ttlMs`
 * (API_KEY_CACHE_SECONDS) still bounds how long a key is trusted; 0 checks the database on every request.
 */
export function cachedVerifier(
  verify: (key: string) => Promise<string | undefined>,
  ttlMs: number,
  options: KeyCacheOptions,
): KeyVerifier {
  const now = options.now ?? Date.now;
  const verified = new Map<string, { tenantId: string; prefix: string; until: number }>();
  let live = false;
  let watching = false;
  // Bumped by every forget and every change of the feed: a lookup that started before a revocation may have read the
  // key as valid, so its answer serves that request but is not remembered.
  let epoch = 0;

  const cache = (async (key: string) => {
    if (ttlMs <= 0) return verify(key);
    if (!watching) {
      watching = true;
      options.watch?.(cache);
    }
    const digest = createHash("sha256").update(key).digest("base64");
    const hit = verified.get(digest);
    if (hit && hit.until > now()) return hit.tenantId;
    verified.delete(digest);
    const started = epoch;
    const tenantId = await verify(key);
    const prefix = options.prefixOf(key);
    if (tenantId && prefix !== undefined && live && started === epoch) {
      if (verified.size >= KEY_CACHE_MAX) verified.delete(verified.keys().next().value ?? "");
      verified.set(digest, { tenantId, prefix, until: now() + ttlMs });
    }
    return tenantId;
  }) as KeyVerifier;

  cache.forget = (prefix) => {
    epoch += 1;
    // At most KEY_CACHE_MAX entries, and revocations are rare: a scan beats keeping a second index in step.
    for (const [digest, entry] of verified) if (entry.prefix === prefix) verified.delete(digest);
  };
  cache.up = () => {
    epoch += 1;
    verified.clear(); // announcements made before it was up were never heard
    live = true;
  };
  cache.down = () => {
    epoch += 1;
    live = false;
    verified.clear();
  };
  cache.remembers = (prefix) => {
    for (const entry of verified.values()) if (entry.prefix === prefix && entry.until > now()) return true;
    return false;
  };
  return cache;
}

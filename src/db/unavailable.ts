/**
 * Errors that mean "the database cannot be reached right now" rather than "this query is wrong": refused or cut
 * connections, connect timeouts, and the server saying it is shutting down, starting up or out of connections.
 * They become 503 with Retry-After; the pool reconnects by itself once the database is back.
 */
const CONNECTION_CODES = new Set([
  // socket level (node)
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

// SQLSTATE: class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;

/** Walks the `cause` chain (drizzle wraps driver errors) looking for a connection failure. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    // AggregateError: a host name with several addresses, each refused.
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
    current = current.cause;
  }
  return false;
}

import type { Context, MiddlewareHandler } from "hono";
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "../db/client.ts";
import { rateLimits } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { Metrics } from "../observability/metrics.ts";
import { addressLimitKey, clientAddress } from "./client-address.ts";
import type { AppEnv } from "./env.ts";
import { problemResponse } from "./problem.ts";

/** Fixed windows of one minute: the settings are "per minute". */
const WINDOW_SECONDS = 60;

/**
 * One rate limit: the policy name clients see in `RateLimit-Policy` (and the metric's scope), its quota a minute and
 * where the counts live. On Postgres that is the `rate_limits` table every node shares, so N nodes allow the quota
 * once, not N times; on the embedded store (one process) it is memory.
 */
export interface Limit {
  name: "tenant" | "unauthenticated";
  perMinute: number;
  limiter: RateLimiterMemory | RateLimiterDrizzle;
}

export function createLimit(
  name: Limit["name"],
  perMinute: number,
  database: Pick<Database, "kind" | "db">,
): Limit | undefined {
  if (perMinute <= 0) return undefined;
  const options = { keyPrefix: name, points: perMinute, duration: WINDOW_SECONDS };
  const limiter =
    database.kind === "postgres"
      ? new RateLimiterDrizzle({
          ...options,
          storeClient: database.db,
          schema: rateLimits,
          // A key over its quota is then refused from this node's memory until its window ends: a client hammering
          // past its limit costs no database write per request.
          inMemoryBlockOnConsumed: perMinute + 1,
        })
      : new RateLimiterMemory(options);
  return { name, perMinute, limiter };
}

/** `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers): the quota, and what is left of it. */
function rateLimitHeaders(limit: Limit, state: RateLimiterRes): Record<string, string> {
  const reset = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return {
    "RateLimit-Policy": `"${limit.name}";q=${limit.perMinute};w=${WINDOW_SECONDS}`,
    RateLimit: `"${limit.name}";r=${state.remainingPoints};t=${reset}`,
  };
}

function tooManyRequests(limit: Limit, state: RateLimiterRes, metrics: Metrics): AppError {
  metrics.rateLimited.inc({ scope: limit.name });
  const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  const who = limit.name === "tenant" ? "your tenant" : "unauthenticated requests from your address";
  return new AppError(
    "rate_limited",
    `Too many requests: the limit for ${who} is ${limit.perMinute} a minute; retry in ${retryAfter} s`,
    { headers: { "Retry-After": String(retryAfter), ...rateLimitHeaders(limit, state) } },
  );
}

/** Takes one request from `key`'s quota: the state after it, and whether it was within the quota. */
async function consume(limit: Limit, key: string): Promise<{ allowed: boolean; state: RateLimiterRes }> {
  try {
    return { allowed: true, state: await limit.limiter.consume(key) };
  } catch (rejection) {
    // The limiter rejects with its state when the quota is used up, and with an Error when the store failed: a
    // limit that cannot be checked goes on to the error handler (503 while the database is unreachable), failing
    // fast rather than waiting on the database twice per request during an outage.
    if (rejection instanceof RateLimiterRes) return { allowed: false, state: rejection };
    throw rejection;
  }
}

/** How long `key` is still refused, as far as this node knows without asking the shared store (0: not known). */
async function refusedHereMs(limit: Limit, key: string): Promise<number> {
  const { limiter } = limit;
  if (limiter instanceof RateLimiterMemory) {
    const state = await limiter.get(key);
    return state && state.consumedPoints > limit.perMinute ? state.msBeforeNext : 0;
  }
  // Public in the library (RateLimiterStoreAbstract), missing from its type declarations.
  const store = limiter as RateLimiterDrizzle & { getInMemoryBlockMsBeforeExpire(rlKey: string): number };
  return store.getInMemoryBlockMsBeforeExpire(limiter.getKey(key));
}

function setHeaders(c: Context, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
}

/** The per-tenant limit; runs after authentication, so every request it sees has a tenant. */
export function limitTenant(limit: Limit | undefined, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!limit) return next();
    const { allowed, state } = await consume(limit, c.get("tenantId"));
    if (!allowed) throw tooManyRequests(limit, state, metrics);
    await next();
    setHeaders(c, rateLimitHeaders(limit, state));
  };
}

/**
 * The per-address limit on requests that fail authentication (no credentials, unknown or revoked key, bad token).
 * Runs before authentication: an address over its quota is refused from memory, without the credential lookup that
 * would otherwise cost a database query per request. Within the quota, each 401 takes one request from it.
 */
export function limitUnauthenticated(
  limit: Limit | undefined,
  trustProxyHops: number,
  metrics: Metrics,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!limit) return next();
    const key = addressLimitKey(clientAddress(c, trustProxyHops));
    const refusedMs = await refusedHereMs(limit, key);
    if (refusedMs > 0) throw tooManyRequests(limit, new RateLimiterRes(0, refusedMs, limit.perMinute + 1), metrics);
    await next();
    if (!(c.error instanceof AppError && c.error.code === "unauthorized")) return;
    const { allowed, state } = await consume(limit, key);
    if (!allowed) {
      c.res = undefined; // replaced, not merged: none of the 401's headers belong on the 429
      c.res = problemResponse(c, tooManyRequests(limit, state, metrics));
      return;
    }
    setHeaders(c, rateLimitHeaders(limit, state));
  };
}

import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./env.ts";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets idle this long are full again, so they are dropped to keep memory bounded. */
const IDLE_MS = 60_000;

/**
 * Per-tenant token bucket: `perMinute` requests a minute, refilled continuously, bursts up to `perMinute`.
 * It is per node (in memory): with N nodes behind a balancer a tenant gets up to N times the rate, which is what
 * this limit is for — shielding each node from one noisy tenant — without a shared store on every request.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, Bucket>();
  const ratePerMs = perMinute / 60_000;
  let lastSweep = now();
  return async (c, next) => {
    if (perMinute <= 0) return next();
    const at = now();
    if (at - lastSweep > IDLE_MS) {
      for (const [key, bucket] of buckets) if (at - bucket.updatedAt > IDLE_MS) buckets.delete(key);
      lastSweep = at;
    }
    const key = c.get("tenantId");
    const bucket = buckets.get(key) ?? { tokens: perMinute, updatedAt: at };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = at;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.ceil((1 - bucket.tokens) / ratePerMs / 1000);
      throw new AppError(
        "rate_limited",
        `Too many requests: the limit is ${perMinute} a minute; retry in ${retryAfter} s`,
        {
          headers: { "Retry-After": String(retryAfter) },
        },
      );
    }
    bucket.tokens -= 1;
    await next();
  };
}

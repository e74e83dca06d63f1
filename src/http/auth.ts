import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { createRemoteJWKSet, type JWTVerifyGetKey, type JWTVerifyOptions, jwtVerify } from "jose";
import { verifyApiKey } from "../auth/api-keys.ts";
import { ensureTenant, LOCAL_TENANT } from "../auth/tenants.ts";
import type { Services } from "../context.ts";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./env.ts";

const unauthorized = (message: string) =>
  new AppError("unauthorized", message, { headers: { "WWW-Authenticate": 'Bearer realm="persona-studio"' } });

function bearerToken(header: string | undefined): string {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw unauthorized("Send an Authorization: Bearer <token> header");
  return match[1];
}

/** Verified keys a node remembers at most (the least recently verified go first). */
const KEY_CACHE_MAX = 10_000;

/**
 * Remembers the tenant of each key verified in the last `ttlMs`, so a request costs no database lookup (and no
 * last-used write) while its key is fresh. The cache is per node and keyed by a hash of the key, never the key
 * itself; keys that fail are not remembered, so a new key works at once and an unknown one is always looked up.
 * The price: a revoked key keeps working on a node for up to `ttlMs` after it last checked it (API_KEY_CACHE_SECONDS;
 * 0 checks the database on every request).
 */
export function cachedVerifier(
  verify: (key: string) => Promise<string | undefined>,
  ttlMs: number,
  now: () => number = Date.now,
): (key: string) => Promise<string | undefined> {
  if (ttlMs <= 0) return verify;
  const verified = new Map<string, { tenantId: string; until: number }>();
  return async (key) => {
    const digest = createHash("sha256").update(key).digest("base64");
    const hit = verified.get(digest);
    if (hit && hit.until > now()) return hit.tenantId;
    verified.delete(digest);
    const tenantId = await verify(key);
    if (tenantId) {
      if (verified.size >= KEY_CACHE_MAX) verified.delete(verified.keys().next().value ?? "");
      verified.set(digest, { tenantId, until: now() + ttlMs });
    }
    return tenantId;
  };
}

/** Resolves the caller's tenant from the configured auth mode and puts it on the context. */
export function authenticate(services: Services): MiddlewareHandler<AppEnv> {
  const { auth } = services.config;
  const db = services.database.db;

  if (auth.mode === "none") {
    return async (c, next) => {
      c.set("tenantId", LOCAL_TENANT.id);
      await next();
    };
  }

  if (auth.mode === "apikey") {
    const verify = cachedVerifier((key) => verifyApiKey(db, key), auth.apiKeyCacheSeconds * 1000);
    return async (c, next) => {
      const tenantId = await verify(bearerToken(c.req.header("authorization")));
      if (!tenantId) throw unauthorized("The API key is not valid");
      c.set("tenantId", tenantId);
      await next();
    };
  }

  const options: JWTVerifyOptions = {
    algorithms: auth.jwtSecret ? ["HS256"] : ["RS256", "ES256", "EdDSA", "PS256"],
    ...(auth.jwtIssuer ? { issuer: auth.jwtIssuer } : {}),
    ...(auth.jwtAudience ? { audience: auth.jwtAudience } : {}),
  };
  const secret = auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret) : undefined;
  const jwks = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : undefined;
  const verify = (token: string) =>
    secret ? jwtVerify(token, secret, options) : jwtVerify(token, jwks as JWTVerifyGetKey, options);
  const tenantBySubject = new Map<string, string>();
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    let subject: string | undefined;
    try {
      const { payload } = await verify(token);
      subject = payload.sub;
    } catch {
      throw unauthorized("The token is not valid");
    }
    if (!subject) throw unauthorized("The token has no subject (sub)");
    let tenantId = tenantBySubject.get(subject);
    if (!tenantId) {
      tenantId = await ensureTenant(db, `jwt:${subject}`);
      tenantBySubject.set(subject, tenantId);
    }
    c.set("tenantId", tenantId);
    await next();
  };
}

import type { MiddlewareHandler } from "hono";
import { createRemoteJWKSet, type JWTVerifyGetKey, type JWTVerifyOptions, jwtVerify } from "jose";
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
    return async (c, next) => {
      const tenantId = await services.apiKeys(bearerToken(c.req.header("authorization")));
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

import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { buildApp } from "../../src/app.ts";
import { createApiKey } from "../../src/auth/api-keys.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { type Ctx, type Services, tenantCtx } from "../../src/context.ts";
import { createLogger } from "../../src/logger.ts";
import { createServices, type ServiceOverrides } from "../../src/services.ts";

/** The stores the integration suite runs on: embedded always, Postgres when TEST_DATABASE_URL is set (CI). */
export const STORES: Array<{ name: string; databaseUrl: string | undefined }> = [
  { name: "pglite", databaseUrl: undefined },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "postgres", databaseUrl: process.env.TEST_DATABASE_URL }] : []),
];

export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({ DATA_DIR: "memory://", LOG_LEVEL: "silent", ...env });
}

export async function testServices(
  env: Record<string, string | undefined> = {},
  overrides: ServiceOverrides = {},
): Promise<Services> {
  return createServices(testConfig(env), { logger: createLogger("silent"), ...overrides });
}

/**
 * The Authorization header of a new tenant with an API key (services in AUTH_MODE=apikey). A fresh tenant per test
 * keeps tests independent on a shared database.
 */
export async function newTenantAuth(services: Services): Promise<{ authorization: string }> {
  const { key } = await createApiKey(services.database.db, `test-${randomUUID()}`);
  return { authorization: `Bearer ${key}` };
}

export function ctxFor(services: Services, tenantId: string): Ctx {
  return tenantCtx(services, tenantId, "test");
}

/** Parses a response body with the API's own schema, so every test also checks the documented shape. */
export async function readJson<T extends z.ZodType>(res: Response, schema: T): Promise<z.infer<T>> {
  return schema.parse(await res.json());
}

/**
 * A request to the in-process app; an object body is sent as JSON, a string body as it is. `headers` come last, so a
 * test can send another content type (a merge patch, a wrong type).
 */
export function sendJson(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    }),
  );
}

export { buildApp };

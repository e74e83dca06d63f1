/**
 * http: requests/s of GET /v1/personas/{id} and GET /v1/personas against GET /healthz on the same server
 * (autocannon, 10 connections, loopback, in process).
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { buildApp } from "../src/app.ts";
import { LOCAL_TENANT } from "../src/auth/tenants.ts";
import type { Ctx } from "../src/context.ts";
import { createLogger } from "../src/logger.ts";
import { createPersona } from "../src/personas/create.ts";
import { createServices } from "../src/services.ts";
import { testConfig } from "../test/support/services.ts";
import { material } from "./pipeline.ts";

export async function benchHttp(): Promise<void> {
  const services = await createServices(testConfig(), { logger: createLogger("silent") });
  const ctx: Ctx = { ...services, tenantId: LOCAL_TENANT.id, requestId: "bench", log: services.logger };
  const persona = await createPersona({ ctx, input: { texts: [material(2_000)], urls: [] } });
  const server = serve({ fetch: buildApp(services).fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const run = (path: string) =>
    autocannon({ url: `${base}${path}`, connections: 10, duration: 5 }).then((r) => r.requests.average);
  try {
    console.log("http (autocannon, 10 connections, 5 s each, loopback)");
    const health = await run("/healthz");
    const get = await run(`/v1/personas/${persona.id}`);
    const list = await run("/v1/personas?limit=20");
    console.log(`  GET /healthz            ${health.toFixed(0)} req/s (baseline)`);
    console.log(`  GET /v1/personas/{id}   ${get.toFixed(0)} req/s (x${(get / health).toFixed(2)} of baseline)`);
    console.log(`  GET /v1/personas        ${list.toFixed(0)} req/s (x${(list / health).toFixed(2)} of baseline)`);
  } finally {
    server.close();
    await services.database.close();
  }
}

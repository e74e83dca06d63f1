import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, testServices } from "../../test/support/services.ts";
import type { Services } from "../context.ts";

describe("rate limit", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices({ RATE_LIMIT_PER_MINUTE: "3" });
  });
  afterAll(async () => {
    await services.database.close();
  });

  it("answers 429 with Retry-After once a tenant is over its rate, and not for health checks", async () => {
    const app = buildApp(services);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await app.request("/v1/personas")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app.request("/v1/personas");
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await app.request("/healthz")).status).toBe(200);
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, newTenantAuth, STORES, testServices } from "../../test/support/services.ts";
import type { Services } from "../context.ts";

/** A well-formed key that no tenant has: its check costs a database lookup. */
const UNKNOWN_KEY = `Bearer ps_${"a".repeat(12)}_${"b".repeat(43)}`;

const from = (address: string, authorization = UNKNOWN_KEY) => ({
  headers: { authorization, "x-forwarded-for": address },
});

describe("tenant rate limit", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices({ RATE_LIMIT_PER_MINUTE: "3" });
  });
  afterAll(async () => {
    await services.database.close();
  });

  it("counts down in RateLimit, then answers 429 problem+json with Retry-After; health checks are not limited", async () => {
    const app = buildApp(services);
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await app.request("/v1/personas"));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get("ratelimit-policy"))).toEqual(Array(4).fill('"tenant";q=3;w=60'));
    expect(answers.map((r) => r.headers.get("ratelimit")?.replace(/;t=\d+$/, ""))).toEqual([
      '"tenant";r=2',
      '"tenant";r=1',
      '"tenant";r=0',
      '"tenant";r=0',
    ]);
    const reset = Number(/;t=(\d+)$/.exec(answers[0]?.headers.get("ratelimit") ?? "")?.[1]);
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(60);

    const limited = answers[3];
    expect(limited?.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited?.json()).toMatchObject({ status: 429, code: "rate_limited" });
    expect((await app.request("/healthz")).status).toBe(200);
    expect(await services.metrics.registry.metrics()).toMatch(/rate_limited_requests_total\{scope="tenant"\} 1/);
  });
});

for (const store of STORES) {
  describe(`requests that fail authentication, on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let closed = false;
    beforeAll(async () => {
      services = await testServices({
        DATABASE_URL: store.databaseUrl,
        AUTH_MODE: "apikey",
        UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: "3",
        TRUST_PROXY_HOPS: "1",
      });
      app = buildApp(services);
    });
    afterAll(async () => {
      if (!closed) await services.database.close();
    });

    it("are limited per client address, and once limited refused without a database lookup", async () => {
      // Documentation ranges; a fresh pair per run, so runs on a shared Postgres do not count into each other.
      const n = Math.floor(Math.random() * 250) + 1;
      const attacker = `203.0.113.${n}`;
      const neighbour = `198.51.100.${n}`;
      const valid = (await newTenantAuth(services)).authorization;

      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await app.request("/v1/personas", from(attacker))).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await app.request("/v1/personas", from(attacker, "Bearer not-even-a-key"));
      expect(limited.status).toBe(429);
      expect(limited.headers.get("ratelimit-policy")).toBe('"unauthenticated";q=3;w=60');
      expect(limited.headers.get("www-authenticate")).toBeNull();
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);

      // Other addresses are not affected, and requests with a valid key do not count.
      const neighbourFails = await app.request("/v1/personas", from(neighbour));
      expect(neighbourFails.status).toBe(401);
      expect(neighbourFails.headers.get("ratelimit")).toMatch(/^"unauthenticated";r=2;t=\d+$/);
      for (let i = 0; i < 3; i += 1)
        expect((await app.request("/v1/personas", from(neighbour, valid))).status).toBe(200);
      expect((await app.request("/v1/personas", from(neighbour))).status).toBe(401);

      // With the database gone, the limited address still gets its 429 (nothing was looked up), while a fresh
      // address's unknown key needs the lookup and fails.
      await services.database.close();
      closed = true;
      expect((await app.request("/v1/personas", from(attacker))).status).toBe(429);
      expect((await app.request("/v1/personas", from(`192.0.2.${n}`))).status).toBeGreaterThanOrEqual(500);
    });
  });
}

const databaseUrl = process.env.TEST_DATABASE_URL;

/** Two nodes: two sets of services with their own connection pools, on one Postgres. */
describe.skipIf(!databaseUrl)("rate limits on two nodes sharing one Postgres", () => {
  let nodes: Services[];
  beforeAll(async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      AUTH_MODE: "apikey",
      RATE_LIMIT_PER_MINUTE: "5",
      UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: "4",
      TRUST_PROXY_HOPS: "1",
    };
    nodes = [await testServices(env), await testServices(env)];
  });
  afterAll(async () => {
    for (const node of nodes) await node.database.close();
  });

  it("hold a tenant to its limit once across both nodes, not once per node", async () => {
    const apps = nodes.map(buildApp);
    const { authorization } = await newTenantAuth(nodes[0] as Services);
    const statuses = [];
    for (let i = 0; i < 8; i += 1) {
      const app = apps[i % 2] as (typeof apps)[number];
      statuses.push((await app.request("/v1/personas", { headers: { authorization } })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    // Another tenant has its own quota.
    const other = await newTenantAuth(nodes[1] as Services);
    expect((await (apps[1] as (typeof apps)[number]).request("/v1/personas", { headers: other })).status).toBe(200);
  });

  it("count an address's failed authentications on both nodes together", async () => {
    const apps = nodes.map(buildApp);
    const address = `2001:db8:${randomUUID().slice(0, 4)}::${Math.floor(Math.random() * 1000)}`;
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      const app = apps[i % 2] as (typeof apps)[number];
      statuses.push((await app.request("/v1/personas", from(address))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // The same /64 is the same client; the next /64 is not.
    const sibling = address.replace(/::\d+$/, "::ffff:1");
    expect((await (apps[0] as (typeof apps)[number]).request("/v1/personas", from(sibling))).status).toBe(429);
  });
});

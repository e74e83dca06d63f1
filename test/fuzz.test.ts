import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Services } from "../src/context.ts";
import { buildApp, testServices } from "./support/services.ts";

/**
 * No input may produce a 500: arbitrary JSON values, arbitrary raw bodies, content types and path segments go to
 * every route that takes input, and each answer must be a success or a problem+json 4xx.
 */
describe("every route answers arbitrary input without a 5xx", () => {
  let services: Services;
  let app: ReturnType<typeof buildApp>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    services = await testServices({ RATE_LIMIT_PER_MINUTE: "0" });
    app = buildApp(services);
    const post = async (path: string, body: unknown) => {
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return z.object({ id: z.string() }).parse(await res.json()).id;
    };
    ids.persona = await post("/v1/personas", { texts: ["I'm Ana Costa, a ceramicist in Porto. I love surfing."] });
    ids.project = await post("/v1/projects", { name: "Fuzz target" });
    ids.conversation = await post(`/v1/personas/${ids.persona}/conversations`, {});
    ids.other = await post("/v1/personas", { texts: ["I'm Ravi Rao, a bus driver in Leeds. I love cricket."] });
    ids.focusGroup = await post("/v1/focus-groups", { persona_ids: [ids.persona, ids.other] });
    // A pending conflict to resolve: new material says another city.
    await app.request(`/v1/personas/${ids.persona}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ texts: ["Update 2025-01-10. I'm Ana Costa, a ceramicist in Lisbon now."] }),
    });
    const conflicts = z
      .object({ data: z.array(z.object({ id: z.string() })) })
      .parse(await (await app.request(`/v1/personas/${ids.persona}/conflicts`)).json());
    ids.conflict = conflicts.data[0]?.id ?? "cfl_00000000000000000000";
  });
  afterAll(async () => {
    await services.database.close();
  });

  async function expectNo5xx(method: string, path: string, body: string, contentType: string) {
    const res = await app.request(path, { method, headers: { "content-type": contentType }, body });
    expect(res.status, `${method} ${path} ${contentType} ${body.slice(0, 200)}`).toBeLessThan(500);
    if (res.status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
  }

  const routes = () => [
    ["POST", "/v1/personas"],
    ["PATCH", `/v1/personas/${ids.persona}`],
    ["POST", "/v1/projects"],
    ["PATCH", `/v1/projects/${ids.project}`],
    ["PUT", `/v1/projects/${ids.project}/whats-next`],
    ["POST", `/v1/projects/${ids.project}/wireframes`],
    ["POST", `/v1/projects/${ids.project}/conversations`],
    ["POST", `/v1/conversations/${ids.conversation}/messages`],
    ["POST", "/v1/focus-groups"],
    ["POST", `/v1/focus-groups/${ids.focusGroup}/messages`],
    ["POST", "/v1/personas/import"],
    ["POST", "/v1/persona"],
    ["PATCH", `/v1/persona/${ids.persona}`],
    ["POST", `/v1/personas/${ids.persona}/conflicts/${ids.conflict}/resolution`],
    ["POST", "/.netlify/functions/process-persona"],
    ["POST", "/.netlify/functions/save-persona"],
  ];
  const contentTypes = fc.constantFrom(
    "application/json",
    "application/merge-patch+json",
    "application/x-www-form-urlencoded",
    "text/plain",
    "",
  );

  it("arbitrary JSON values", async () => {
    for (const [method, path] of routes()) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), contentTypes, (value, type) =>
          expectNo5xx(method ?? "POST", path ?? "/", JSON.stringify(value) ?? "null", type),
        ),
        { numRuns: 40 },
      );
    }
  }, 120_000);

  it("objects shaped like the real bodies, with wrong types inside", async () => {
    const loopbackUrl = fc
      .tuple(
        fc.constantFrom("http://127.0.0.1:9/", "http://[::1]:9/", "http://localhost:9/", "ftp://127.0.0.1/"),
        fc.string(),
      )
      .map(([base, path]) => base + encodeURIComponent(path));
    const anything = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
    );
    const body = fc.record(
      {
        texts: fc.oneof(fc.array(fc.string({ maxLength: 200 }), { maxLength: 3 }), anything),
        // Loopback only (refused by the SSRF guard before any packet): tests never reach other hosts.
        urls: fc.oneof(fc.array(loopbackUrl, { maxLength: 2 }), anything),
        name: anything,
        content: anything,
        interviewer: anything,
        ascii: anything,
        items: anything,
        restore_version: anything,
        age: anything,
        traits: anything,
        persona_ids: fc.oneof(
          fc.array(fc.constantFrom(ids.persona ?? "", ids.other ?? "", "per_x"), { maxLength: 9 }),
          anything,
        ),
        title: anything,
        format: fc.oneof(fc.constantFrom("json", "ccv2", "ccv3", "ccv3-png", "tinytroupe"), anything),
        data: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.base64String({ maxLength: 200 })),
        raw_text: anything,
        textBlocks: fc.oneof(fc.array(fc.string({ maxLength: 200 }), { maxLength: 3 }), anything),
        links: fc.oneof(fc.array(loopbackUrl, { maxLength: 2 }), anything),
        persona: fc.oneof(
          fc.record({ name: anything, traits: anything, age: anything }, { requiredKeys: [] }),
          anything,
        ),
      },
      { requiredKeys: [] },
    );
    for (const [method, path] of routes()) {
      await fc.assert(
        fc.asyncProperty(body, contentTypes, (value, type) =>
          expectNo5xx(method ?? "POST", path ?? "/", JSON.stringify(value), type),
        ),
        { numRuns: 40 },
      );
    }
  }, 120_000);

  it("arbitrary raw bodies and path segments", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), contentTypes, (raw, type) =>
        expectNo5xx("POST", "/v1/personas", raw, type),
      ),
      { numRuns: 60 },
    );
    const segment = fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(segment, fc.constantFrom("GET", "DELETE"), async (id, method) => {
        for (const path of [
          `/v1/personas/${id}`,
          `/v1/personas/${id}/versions/${id}`,
          `/v1/projects/${id}/prd?format=${id}`,
          `/v1/conversations/${id}/messages?cursor=${id}`,
          `/v1/projects/${ids.project}/wireframes/${id}`,
          `/v1/focus-groups/${id}`,
          `/v1/focus-groups?cursor=${id}&limit=${id}`,
          `/v1/focus-groups/${ids.focusGroup}/export?format=${id}`,
          `/v1/personas/${id}/export?format=${id}`,
          `/v1/personas/${ids.persona}/export?format=${id}`,
          `/v1/persona/${id}`,
          `/v1/persona?limit=${id}&offset=${id}`,
          `/.netlify/functions/get-persona?persona_id=${id}`,
          `/v1/projects/${ids.project}/prd?format=${id}`,
        ]) {
          const res = await app.request(path, { method });
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

import { generateText, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../src/context.ts";
import { isLoopbackAddress } from "../src/http/client-address.ts";
import { createLanguageModel } from "../src/llm/providers.ts";
import { type FakeUpstream, reply, startFakeOpenAI } from "./fakes/openai-upstream.ts";
import { buildApp, sendJson, testServices } from "./support/services.ts";

const TOKEN = "metrics-token-for-tests";
const NOTES = "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver.";
const loopback = { incoming: { socket: { remoteAddress: "127.0.0.1" } } };

/** The value of one sample line of the exposition, e.g. `http_requests_total{method="GET",...}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("GET /metrics", () => {
  let fake: FakeUpstream;
  let services: Services;
  let open: Services;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    services = await testServices({
      METRICS_TOKEN: TOKEN,
      LLM_PROVIDER: "openai-compatible",
      LLM_MODEL: "fake",
      OPENAI_BASE_URL: fake.url,
    });
    open = await testServices();
    app = buildApp(services);
  }, 120_000);
  afterAll(async () => {
    await services.database.close();
    await open.database.close();
    await fake.close();
  });

  const scrape = async () => {
    const res = await app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  it("needs the token when METRICS_TOKEN is set", async () => {
    expect((await app.request("/metrics")).status).toBe(401);
    expect((await app.request("/metrics", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect((await app.request("/metrics", {}, loopback)).status).toBe(401);
  });

  it("without a token, answers loopback clients only, and not through a proxy", async () => {
    const openApp = buildApp(open);
    expect((await openApp.request("/metrics", {}, loopback)).status).toBe(200);
    expect((await openApp.request("/metrics", {}, { incoming: { socket: { remoteAddress: "::1" } } })).status).toBe(
      200,
    );
    // Any other peer is refused: the route asks this classifier (checked as a pure function, nothing is sent).
    expect(isLoopbackAddress("10.1.2.3")).toBe(false);
    expect(isLoopbackAddress("::ffff:127.0.0.1")).toBe(true);
    const proxied = await openApp.request("/metrics", { headers: { "x-forwarded-for": "203.0.113.9" } }, loopback);
    expect(proxied.status).toBe(403);
    expect((await openApp.request("/metrics")).status).toBe(403);
  });

  it("counts requests by route pattern and status, with latency histograms", async () => {
    const created = await sendJson(
      app,
      "POST",
      "/v1/personas",
      { texts: ["I'm Ola Nowak, a pilot in Gdansk."], engine: "offline" },
      {},
    );
    const { id } = (await created.json()) as { id: string };
    await app.request(`/v1/personas/${id}`);
    await app.request(`/v1/personas/${id}`);
    await app.request("/v1/projects/some-user-typed-slug");
    await app.request("/nothing-here", { method: "POST" });
    const text = await scrape();
    const get = { method: "GET", route: "/v1/personas/:id", status: "200" };
    expect(sample(text, "http_requests_total", get)).toBe(2);
    expect(sample(text, "http_request_duration_seconds_count", get)).toBe(2);
    expect(sample(text, "http_request_duration_seconds_bucket", { ...get, le: "+Inf" })).toBe(2);
    expect(sample(text, "http_requests_total", { method: "POST", route: "/v1/personas", status: "201" })).toBe(1);
    expect(sample(text, "http_requests_total", { route: "/v1/projects/:id", status: "404" })).toBe(1);
    expect(sample(text, "http_requests_total", { route: "unmatched", status: "404" })).toBe(1);
    expect(text).not.toContain(id);
    expect(text).not.toContain("some-user-typed-slug");
  });

  it("reports the database, its pool, open streams, event-loop lag and the job gauges", async () => {
    const text = await scrape();
    expect(sample(text, "database_up")).toBe(1);
    expect(sample(text, "db_pool_max_connections")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "db_pool_operations_in_flight")).toBe(0);
    expect(sample(text, "sse_streams_open")).toBe(0);
    expect(sample(text, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
    for (const name of ["synthesis_jobs_queued", "synthesis_jobs_running", "synthesis_job_timeouts_total"]) {
      expect(text, name).toContain(`# TYPE ${name}`);
    }
  });

  it("counts server-sent event streams while they are open", async () => {
    const created = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES], engine: "offline" }, {});
    const { id } = (await created.json()) as { id: string };
    const chat = await sendJson(app, "POST", `/v1/personas/${id}/conversations`, {}, {});
    const { id: chatId } = (await chat.json()) as { id: string };
    fake.script(reply.hang()); // the model never answers: the stream stays open until the client leaves
    const streamed = await sendJson(
      app,
      "POST",
      `/v1/conversations/${chatId}/messages`,
      { content: "Where do you work?" },
      { accept: "text/event-stream" },
    );
    expect(streamed.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(sample(await scrape(), "sse_streams_open")).toBe(1);
    await streamed.body?.cancel(); // the client goes away
    let open = 1;
    for (let attempt = 0; attempt < 100 && open !== 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      open = sample(await scrape(), "sse_streams_open") ?? -1;
    }
    expect(open).toBe(0);
    fake.reset();
  });

  it("counts model calls, tokens and latency by provider and outcome", async () => {
    const model = createLanguageModel(services.config.llm, { metrics: services.metrics });
    fake.script(
      reply.text("Hello there", { usage: { input_tokens: 12, output_tokens: 3 } }),
      reply.error(400),
      reply.text("Streamed answer", { usage: { input_tokens: 20, output_tokens: 5 } }),
    );
    await generateText({ model, prompt: "Hi", maxRetries: 0 });
    await expect(generateText({ model, prompt: "Hi", maxRetries: 0 })).rejects.toThrow();
    const streamed = streamText({ model, prompt: "Hi", maxRetries: 0 });
    expect(await streamed.text).toBe("Streamed answer");
    const text = await scrape();
    const provider = "openai-compatible";
    expect(sample(text, "llm_calls_total", { provider, outcome: "success" })).toBe(2);
    expect(sample(text, "llm_calls_total", { provider, outcome: "error" })).toBe(1);
    expect(sample(text, "llm_tokens_total", { provider, kind: "input" })).toBe(32);
    expect(sample(text, "llm_tokens_total", { provider, kind: "output" })).toBe(8);
    expect(sample(text, "llm_call_duration_seconds_count", { provider, outcome: "success" })).toBe(2);
  });
});

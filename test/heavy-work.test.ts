/**
 * Heavy creates never hold the event loop, never run past their budget, never queue without bound, and store nothing
 * when they fail or are cancelled. No wall-clock limits here: the tests check order of events, not speed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Problem } from "../src/http/openapi.ts";
import { buildApp, newTenantAuth, sendJson, testServices } from "./support/services.ts";

const ListPage = z.object({ data: z.array(z.object({ id: z.string() })) });

/** ~8,000,000 characters on distinct lines: seconds of real work for the offline engine. */
const HEAVY = Array.from({ length: 160_000 }, (_, i) => `Line ${i}: I work as a nurse and I love hiking, week ${i}.`)
  .join("\n")
  .slice(0, 8_000_000);

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function setUp(env: Record<string, string>) {
  const services = await testServices({ AUTH_MODE: "apikey", ...env });
  const app = buildApp(services);
  const auth = await newTenantAuth(services);
  const call = async (method: string, path: string, body?: unknown, init: RequestInit = {}) =>
    app.request(path, {
      method,
      headers: { ...auth, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      ...init,
    });
  const stored = async () => ListPage.parse(await (await call("GET", "/v1/personas")).json()).data.length;
  return { services, app, auth, call, stored };
}

/** One sample of the node's metrics, e.g. synthesis_jobs_running, or a histogram count with a label. */
async function jobMetric(s: Awaited<ReturnType<typeof setUp>>, name: string, label = ""): Promise<number> {
  const text = await s.services.metrics.registry.metrics();
  const line = text.split("\n").find((l) => l.startsWith(name) && (label === "" || l.includes(label)));
  return Number(line?.slice(line.lastIndexOf(" ") + 1));
}

describe("heavy work off the event loop", () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp({ SYNTHESIS_THREADS: "1", SYNTHESIS_QUEUE_MAX: "0" });
  });
  afterAll(async () => {
    await s.services.pool.destroy();
    await s.services.database.close();
  });

  it("answers health checks and reads while an 8,000,000-character create runs, and refuses a second with 503", async () => {
    const small = await sendJson(s.app, "POST", "/v1/personas", { texts: ["I'm Ada Park, a baker in Leeds."] }, s.auth);
    expect(small.status).toBe(201);
    const { id } = z.object({ id: z.string() }).parse(await small.json());

    const controller = new AbortController();
    let settled = false;
    const heavy = s.call("POST", "/v1/personas", { texts: [HEAVY] }, { signal: controller.signal }).finally(() => {
      settled = true;
    });
    await until(() => s.services.pool.stats().running > 0);
    expect(await jobMetric(s, "synthesis_jobs_running")).toBe(1);

    expect((await s.app.request("/healthz")).status).toBe(200);
    expect((await s.call("GET", `/v1/personas/${id}`)).status).toBe(200);
    // One thread and no queue: the node is full, so the next create is refused at once, with a hint when to retry.
    const refused = await s.call("POST", "/v1/personas", { texts: ["I'm Bo, a potter."] });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Problem.parse(await refused.json()).code).toBe("server_busy");
    expect(settled).toBe(false);

    // The client goes away: its job is cancelled, the thread freed, nothing stored.
    controller.abort();
    await heavy.catch(() => undefined);
    await until(() => s.services.pool.stats().inFlight === 0);
    expect(await s.stored()).toBe(1);
    const after = await sendJson(s.app, "POST", "/v1/personas", { texts: ["I'm Bo, a potter in York."] }, s.auth);
    expect(after.status).toBe(201);
    expect(await jobMetric(s, "synthesis_jobs_running")).toBe(0);
    expect(await jobMetric(s, "synthesis_job_duration_seconds_count", 'outcome="done"')).toBe(2);
    expect(await jobMetric(s, "synthesis_job_duration_seconds_count", 'outcome="cancelled"')).toBe(1);
  }, 120_000);
});

describe("the synthesis time budget", () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp({ SYNTHESIS_TIMEOUT_MS: "1000" });
  });
  afterAll(async () => {
    await s.services.pool.destroy();
    await s.services.database.close();
  });

  it("answers 504 with a problem past the budget and stores nothing", async () => {
    const res = await s.call("POST", "/v1/personas", { texts: [HEAVY] });
    expect(res.status).toBe(504);
    const problem = Problem.parse(await res.json());
    expect(problem.code).toBe("budget_exceeded");
    expect(problem.detail).toContain("1000 ms");
    expect(await s.stored()).toBe(0);
    expect(s.services.pool.stats().inFlight).toBe(0);
    expect(await jobMetric(s, "synthesis_job_timeouts_total")).toBe(1);
    expect(await jobMetric(s, "synthesis_job_duration_seconds_count", 'outcome="timeout"')).toBe(1);
  }, 120_000);
});

import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { type PoolOptions, SynthesisPool } from "./pool.ts";
import type { Progress } from "./progress.ts";

const fixture = new URL("./pool.fixture-worker.mjs", import.meta.url);
const pools: SynthesisPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.destroy()));
});

function pool(options: Partial<PoolOptions> = {}): SynthesisPool {
  const created = new SynthesisPool({ threads: 1, queueMax: 1, timeoutMs: 60_000, filename: fixture, ...options });
  pools.push(created);
  return created;
}

const echo = (p: SynthesisPool, text: string, signal?: AbortSignal) =>
  p.job((job) => job.run("prepare", { texts: [text], fetched: [] }), { signal });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("SynthesisPool", () => {
  it("runs tasks on a thread and relays their progress", async () => {
    const p = pool();
    const seen: Progress[] = [];
    const result = await p.job((job) =>
      job.run("prepare", { texts: ["hello"], fetched: [] }, (progress) => seen.push(progress)),
    );
    expect(result.warnings).toEqual(["hello"]);
    // Progress arrives on its own channel, possibly after the result.
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([{ stage: "cleaning", done: 1, total: 1 }]);
  });

  it("stops a job past its budget with 504, terminates the thread and serves the next job on a fresh one", async () => {
    // Long enough for the replacement thread to start on a busy machine; the budget counts from admission.
    const p = pool({ timeoutMs: 3_000 });
    const outcomes: string[] = [];
    p.events.on("settled", ({ outcome }) => outcomes.push(outcome));
    const error = await rejection(echo(p, "spin"));
    expect(error.code).toBe("budget_exceeded");
    expect(error.status).toBe(504);
    expect(error.message).toContain("nothing was stored");
    // The spinning thread is gone: with one thread, this only works on its replacement.
    await expect(echo(p, "after")).resolves.toMatchObject({ warnings: ["after"] });
    expect(outcomes).toEqual(["timeout", "done"]);
    expect(p.stats()).toMatchObject({ inFlight: 0, running: 0, queued: 0 });
  });

  it("refuses jobs beyond threads + queue with 503 and Retry-After, and admits again once a slot frees", async () => {
    const p = pool({ threads: 1, queueMax: 1 });
    const running = new AbortController();
    const waiting = new AbortController();
    const first = echo(p, "spin", running.signal).catch((e: unknown) => e);
    const second = echo(p, "spin", waiting.signal).catch((e: unknown) => e);
    const refused = await rejection(echo(p, "third"));
    expect(refused.code).toBe("server_busy");
    expect(refused.status).toBe(503);
    expect(Number(refused.headers?.["Retry-After"])).toBeGreaterThanOrEqual(1);
    expect(p.stats()).toMatchObject({ inFlight: 2 });

    waiting.abort();
    expect(await second).toMatchObject({ code: "client_closed" });
    running.abort();
    expect(await first).toMatchObject({ code: "client_closed" });
    await expect(echo(p, "again")).resolves.toMatchObject({ warnings: ["again"] });
  });

  it("cancels a running job when its caller goes away, and stops everything on destroy", async () => {
    const p = pool({ threads: 1, queueMax: 4 });
    const controller = new AbortController();
    const cancelled = rejection(echo(p, "spin", controller.signal));
    setTimeout(() => controller.abort(), 100);
    expect((await cancelled).code).toBe("client_closed");

    const abandoned = rejection(echo(p, "spin"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await p.destroy();
    expect((await abandoned).code).toBe("server_busy");
    expect((await rejection(echo(p, "late"))).status).toBe(503);
  });
});

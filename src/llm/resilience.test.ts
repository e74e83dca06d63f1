import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { parseRetryAfterMs, type RetryEvent, toUpstreamAppError, withLlmResilience } from "./resilience.ts";

const apiError = (statusCode: number | undefined, headers: Record<string, string> = {}) =>
  new APICallError({
    message: `upstream said no; prompt was: SECRET PROMPT TEXT`,
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: { messages: [{ role: "user", content: "SECRET PROMPT TEXT" }] },
    ...(statusCode !== undefined ? { statusCode } : {}),
    responseHeaders: headers,
  });

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** Fails with the given errors in turn, then succeeds. */
function failing(...errors: unknown[]) {
  let calls = 0;
  const fn = async () => {
    const error = errors[calls++];
    if (error !== undefined) throw error;
    return "ok";
  };
  return { fn, calls: () => calls };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("parseRetryAfterMs", () => {
  it.each([
    [{ "retry-after-ms": "150" }, 150],
    [{ "Retry-After": "2" }, 2000],
    [{ "retry-after": "0.5" }, 500],
    [{ "retry-after": "2", "retry-after-ms": "20" }, 20],
    [{ "retry-after": "soon" }, undefined],
    [{ "retry-after": "-3" }, undefined],
    [{}, undefined],
  ])("%j -> %s", (headers, expected) => {
    expect(parseRetryAfterMs(headers)).toBe(expected);
  });

  it("reads an HTTP date relative to the clock", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfterMs({ "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" }, () => now)).toBe(3000);
  });
});

describe("withLlmResilience", () => {
  it("retries 408/429/5xx/529 with jittered exponential backoff", async () => {
    const { waits, sleep } = recorder();
    const events: RetryEvent[] = [];
    const { fn, calls } = failing(apiError(500), apiError(529), apiError(408));
    const result = await withLlmResilience(fn, {
      sleep,
      random: () => 0.5,
      policy: { baseDelayMs: 100 },
      onRetry: (e) => events.push(e),
    });
    expect(result).toBe("ok");
    expect(calls()).toBe(4);
    // Equal jitter: half the backoff fixed, half scaled by random (0.5 here).
    expect(waits).toEqual([75, 150, 300]);
    expect(events.map((e) => e.status)).toEqual([500, 529, 408]);
  });

  it("honours retry-after (plus at most 10% jitter)", async () => {
    const { waits, sleep } = recorder();
    const { fn } = failing(apiError(429, { "retry-after": "3" }), apiError(429, { "retry-after-ms": "250" }));
    await withLlmResilience(fn, { sleep, random: () => 1 });
    expect(waits).toEqual([3300, 275]);
  });

  it("gives up at once with 503 and Retry-After when the upstream asks for a longer wait than allowed", async () => {
    const { waits, sleep } = recorder();
    const { fn, calls } = failing(apiError(429, { "retry-after": "60" }));
    const error = await rejection(withLlmResilience(fn, { sleep, label: "openai/gpt-test" }));
    expect(error.status).toBe(503);
    expect(error.code).toBe("upstream_unavailable");
    expect(error.headers).toEqual({ "Retry-After": "60" });
    expect(error.message).toBe("LLM upstream unavailable (openai/gpt-test): HTTP 429 after 1 attempt");
    expect(waits).toEqual([]);
    expect(calls()).toBe(1);
  });

  it("bounds attempts and total wait, then maps to 503", async () => {
    const { waits, sleep } = recorder();
    const always = async () => {
      throw apiError(503);
    };
    const byAttempts = await rejection(
      withLlmResilience(always, { sleep, random: () => 0, policy: { maxAttempts: 3 } }),
    );
    expect(byAttempts.status).toBe(503);
    expect(waits).toHaveLength(2);

    waits.length = 0;
    const byWait = await rejection(
      withLlmResilience(always, {
        sleep,
        random: () => 1,
        policy: { maxAttempts: 10, baseDelayMs: 100, maxTotalWaitMs: 250 },
      }),
    );
    expect(byWait.status).toBe(503);
    expect(waits).toEqual([100]); // the next wait (200) would exceed the 250 ms budget
  });

  it("does not retry other 4xx and maps them to 502 without leaking the prompt", async () => {
    const { fn, calls } = failing(apiError(400));
    const error = await rejection(withLlmResilience(fn, { sleep: async () => {} }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("HTTP 400");
    expect(error.message).not.toContain("SECRET");
    expect(error.cause).toBeUndefined();
    expect(calls()).toBe(1);
  });

  it("retries connection failures (no status, socket resets)", async () => {
    const reset = new TypeError("fetch failed", {
      cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    });
    const { fn, calls } = failing(apiError(undefined), reset);
    await expect(withLlmResilience(fn, { sleep: async () => {} })).resolves.toBe("ok");
    expect(calls()).toBe(3);
  });

  it("maps unknown errors to 502 by name only", async () => {
    const { fn } = failing(new RangeError("SECRET PROMPT TEXT"));
    const error = await rejection(withLlmResilience(fn));
    expect(error.status).toBe(502);
    expect(error.message).toContain("RangeError");
    expect(error.message).not.toContain("SECRET");
  });

  it("aborts a hung attempt after timeoutMs and maps it to 504 without retrying", async () => {
    let calls = 0;
    const hang = ({ signal }: { signal: AbortSignal }) =>
      new Promise<string>((_, reject) => {
        calls++;
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    const error = await rejection(withLlmResilience(hang, { policy: { timeoutMs: 30 } }));
    expect(error.status).toBe(504);
    expect(error.code).toBe("upstream_timeout");
    expect(calls).toBe(1);
  });

  it("stops waiting when the caller cancels and rethrows the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("client went away");
    const always = async () => {
      setTimeout(() => controller.abort(reason), 5);
      throw apiError(500);
    };
    const started = Date.now();
    await expect(
      withLlmResilience(always, { signal: controller.signal, policy: { baseDelayMs: 10_000 } }),
    ).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("passes AppErrors through untouched", async () => {
    const own = new AppError("upstream_error", "bad output twice");
    await expect(withLlmResilience(async () => Promise.reject(own))).rejects.toBe(own);
  });
});

describe("toUpstreamAppError", () => {
  it("maps for callers that cannot retry (e.g. a half-sent stream)", () => {
    expect(toUpstreamAppError(apiError(429)).status).toBe(503);
    expect(toUpstreamAppError(apiError(401)).status).toBe(502);
    expect(toUpstreamAppError(new Error("x"), { timedOut: true }).status).toBe(504);
    expect(toUpstreamAppError(apiError(200)).status).toBe(503);
  });
});

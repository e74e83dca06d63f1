import { setTimeout as sleepTimer } from "node:timers/promises";
import { APICallError } from "ai";
import { AppError } from "../errors.ts";

/**
 * Retries, timeouts and error mapping for upstream LLM calls.
 *
 * We own the retry loop (and call the AI SDK with `maxRetries: 0`) because the SDK's built-in retry has no jitter,
 * no bound on the total wait, no per-attempt timeout and no injectable clock, so it cannot be tested or bounded.
 *
 * Final failures become AppErrors:
 * - 502 `upstream_error`: the upstream rejected the request (4xx other than 408/429) or answered with something
 *   unusable (bad output after repair is raised by the caller, see extract-llm.ts).
 * - 503 `upstream_unavailable`: 408/429/5xx/529 or connection failures still failing after the bounded retries.
 * - 504 `upstream_timeout`: an attempt exceeded its timeout (a hang). Timeouts are not retried: a hung upstream
 *   usually stays hung, and retrying would multiply the user's wait.
 * Messages name the status and the attempt count only: never the API key, the prompt or the model's output.
 */

export interface RetryPolicy {
  /** Total attempts including the first (>= 1). */
  maxAttempts: number;
  /** Backoff before the 2nd attempt; doubles each time (before jitter). */
  baseDelayMs: number;
  /** Cap for one wait; a `retry-after` longer than this is not waited for (we fail fast with 503 + Retry-After). */
  maxDelayMs: number;
  /** Cap for the sum of all waits of one call. */
  maxTotalWaitMs: number;
  /** Per-attempt timeout; an attempt running longer is aborted and reported as 504. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxTotalWaitMs: 45_000,
  timeoutMs: 120_000,
};

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const defaultSleep: Sleep = async (ms, signal) => {
  await sleepTimer(ms, undefined, signal ? { signal } : {});
};

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  status: number | undefined;
  reason: string;
}

export interface ResilienceOptions {
  policy?: Partial<RetryPolicy>;
  /** The caller's cancellation; when it fires we stop at once and rethrow its reason (no AppError). */
  signal?: AbortSignal;
  /** Injectable for tests. */
  sleep?: Sleep;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
  /** Clock for HTTP-date `retry-after` values. */
  now?: () => number;
  /** Short label for messages, e.g. "openai/gpt-4o-mini". Must not contain secrets. */
  label?: string;
  /** Observability hook (e.g. a log line); receives no content. */
  onRetry?: (event: RetryEvent) => void;
}

export interface AttemptContext {
  /** Aborts on the per-attempt timeout or the caller's signal; pass it to the AI SDK as `abortSignal`. */
  signal: AbortSignal;
  /** 1-based. */
  attempt: number;
}

type Failure =
  | { kind: "retryable"; status: number | undefined; retryAfterMs: number | undefined; reason: string }
  | { kind: "fatal"; error: AppError };

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || (status >= 500 && status <= 599);

/** `retry-after-ms` (OpenAI, milliseconds) wins over `retry-after` (seconds or an HTTP date). */
export function parseRetryAfterMs(
  headers: Record<string, string> | undefined,
  now: () => number = Date.now,
): number | undefined {
  if (!headers) return undefined;
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = lower.get("retry-after-ms");
  if (ms !== undefined && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const ra = lower.get("retry-after");
  if (ra !== undefined && ra.trim() !== "") {
    const seconds = Number(ra);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    // Only real HTTP dates ("Wed, 21 Oct 2015 07:28:00 GMT"): Date.parse also accepts junk like "-3".
    const date = /[a-z]/i.test(ra) ? Date.parse(ra) : Number.NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - now());
  }
  return undefined;
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

/** Walks `cause` chains looking for a socket-level failure (fetch wraps them in TypeError("fetch failed")). */
function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    if (current instanceof TypeError && /fetch failed|terminated|socket|network/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

function where(label: string | undefined): string {
  return label ? ` (${label})` : "";
}

/** Classifies one failed attempt. Exported for streaming callers that run their own loop. */
export function classifyLlmError(error: unknown, label?: string, now: () => number = Date.now): Failure {
  if (error instanceof AppError) return { kind: "fatal", error };
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) {
      // The SDK reports "cannot connect" as an APICallError without a status.
      return { kind: "retryable", status, retryAfterMs: undefined, reason: "connection failed" };
    }
    if (RETRYABLE_STATUS(status)) {
      return {
        kind: "retryable",
        status,
        retryAfterMs: parseRetryAfterMs(error.responseHeaders, now),
        reason: `HTTP ${status}`,
      };
    }
    if (status >= 200 && status < 300) {
      // A 2xx whose body the SDK could not read (e.g. the connection dropped mid-body): transient.
      return { kind: "retryable", status, retryAfterMs: undefined, reason: "unreadable response" };
    }
    const hint = status === 401 || status === 403 ? "; check the API key and its permissions" : "";
    return {
      kind: "fatal",
      error: new AppError(
        "upstream_error",
        `LLM upstream rejected the request with HTTP ${status}${where(label)}${hint}`,
      ),
    };
  }
  if (isNetworkError(error)) {
    return { kind: "retryable", status: undefined, retryAfterMs: undefined, reason: "connection lost" };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return {
    kind: "fatal",
    error: new AppError("upstream_error", `LLM upstream call failed${where(label)}: ${name}`),
  };
}

export function timeoutError(timeoutMs: number, label?: string): AppError {
  return new AppError("upstream_timeout", `LLM upstream did not answer within ${timeoutMs} ms${where(label)}`);
}

/**
 * Maps any error from a finished (non-retried) upstream interaction to an AppError, e.g. for streaming code that
 * cannot replay a half-sent answer. Retryable kinds map to 503 because nothing will retry them any more.
 */
export function toUpstreamAppError(error: unknown, options: { label?: string; timedOut?: boolean } = {}): AppError {
  if (error instanceof AppError) return error;
  if (options.timedOut) return new AppError("upstream_timeout", `LLM upstream timed out${where(options.label)}`);
  const failure = classifyLlmError(error, options.label);
  if (failure.kind === "fatal") return failure.error;
  return new AppError("upstream_unavailable", `LLM upstream unavailable${where(options.label)}: ${failure.reason}`);
}

/**
 * Runs `fn` with a per-attempt timeout and bounded, jittered retries. `fn` must pass `ctx.signal` to the AI SDK and
 * call it with `maxRetries: 0`.
 */
export async function withLlmResilience<T>(
  fn: (ctx: AttemptContext) => Promise<T>,
  options: ResilienceOptions = {},
): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const outer = options.signal;
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  let waited = 0;
  let attempts = 0;
  let last: Extract<Failure, { kind: "retryable" }> | undefined;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    outer?.throwIfAborted();
    attempts = attempt;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`attempt timed out after ${policy.timeoutMs} ms`, "TimeoutError"));
    }, policy.timeoutMs);
    // Linked by hand rather than with AbortSignal.any: that one keeps a listener on `outer` per attempt until GC,
    // which trips MaxListeners warnings when many chunked calls share one caller signal.
    const onOuterAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener("abort", onOuterAbort, { once: true });
    const signal = controller.signal;
    try {
      return await fn({ signal, attempt });
    } catch (error) {
      if (outer?.aborted) throw outer.reason;
      if (timedOut) throw timeoutError(policy.timeoutMs, options.label);
      const failure = classifyLlmError(error, options.label, now);
      if (failure.kind === "fatal") throw failure.error;
      last = failure;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onOuterAbort);
    }

    if (attempt === maxAttempts) break;
    const retryAfter = last.retryAfterMs;
    if (retryAfter !== undefined && retryAfter > policy.maxDelayMs) break;
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // Retry-after is honoured as a floor, plus up to 10% so that many clients told the same moment do not return
    // together; plain backoff uses "equal jitter" (half fixed, half random).
    const delay = Math.round(
      retryAfter !== undefined ? retryAfter + retryAfter * 0.1 * random() : backoff / 2 + (backoff / 2) * random(),
    );
    if (waited + delay > policy.maxTotalWaitMs) break;
    options.onRetry?.({ attempt, delayMs: delay, status: last.status, reason: last.reason });
    try {
      await sleep(delay, outer);
    } catch (error) {
      // Abortable sleeps reject with a generic AbortError; the caller wants its own reason back.
      if (outer?.aborted) throw outer.reason;
      throw error;
    }
    waited += delay;
  }

  const failure = last;
  const retryAfterSeconds =
    failure?.retryAfterMs !== undefined ? String(Math.max(1, Math.ceil(failure.retryAfterMs / 1000))) : undefined;
  return Promise.reject(
    new AppError(
      "upstream_unavailable",
      `LLM upstream unavailable${where(options.label)}: ${failure?.reason ?? "no answer"} after ${attempts} attempt${attempts === 1 ? "" : "s"}`,
      retryAfterSeconds ? { headers: { "Retry-After": retryAfterSeconds } } : {},
    ),
  );
}

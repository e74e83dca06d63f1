/**
 * The synthesis pool: a fixed set of worker threads (piscina) that runs every CPU-bound step of synthesis, so the
 * event loop only does I/O, validation and storage and /healthz, reads and chat stay fast under heavy creates.
 *
 * - Admission: at most `threads + queueMax` synthesis jobs are in flight on a node; one more is refused at once with
 *   a 503 `server_busy` problem and a Retry-After estimated from recent job durations.
 * - Budget: each job has `timeoutMs` (SYNTHESIS_TIMEOUT_MS) for everything it does. Past it the job's pool task is
 *   aborted, which terminates its thread (piscina starts a new one), and the job fails with 504 `budget_exceeded`;
 *   nothing is stored because storage only happens after synthesis succeeded.
 * - Cancellation: the caller's signal (a client that disconnected, a job cancelled on shutdown) aborts the same way.
 *
 * Observability: `events` (see PoolEvents) and `stats()` are the interface for metrics (queued, running, durations,
 * timeouts); nothing here depends on a metrics library.
 */
import { EventEmitter } from "node:events";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { AppError } from "../errors.ts";
import type { OnProgress, Progress } from "./progress.ts";
import type { MaterialSentence, SentencesTask } from "./sentences.ts";
import type { AssembleResult, AssembleTask, PrepareResult, PrepareTask } from "./worker.ts";

export interface PoolOptions {
  /** Worker threads (SYNTHESIS_THREADS). */
  threads: number;
  /** Jobs that may wait beyond those running (SYNTHESIS_QUEUE_MAX). */
  queueMax: number;
  /** Budget of one job in milliseconds (SYNTHESIS_TIMEOUT_MS). */
  timeoutMs: number;
  /** The thread entry module; tests point it at a fixture. Default: worker.ts/worker.js next to this module. */
  filename?: URL;
}

/** How a job ended, for metrics and logs. */
export type JobOutcome = "done" | "failed" | "timeout" | "cancelled";

/**
 * Events for metrics (all synchronous, content-free):
 * - `admitted` a job got a slot; `rejected` a job was refused (queue full, 503);
 * - `settled` a job ended, with its outcome and duration.
 */
export interface PoolEvents {
  admitted: [{ inFlight: number }];
  rejected: [{ inFlight: number; retryAfterSeconds: number }];
  settled: [{ outcome: JobOutcome; durationMs: number }];
}

export interface PoolStats {
  threads: number;
  queueMax: number;
  /** Jobs admitted and not yet settled (running a pool task, waiting for one, or doing I/O between tasks). */
  inFlight: number;
  /** Pool tasks executing on a thread now. */
  running: number;
  /** Pool tasks waiting for a free thread. */
  queued: number;
}

/** The tasks worker.ts exports, by name. */
interface Tasks {
  prepare: [PrepareTask, PrepareResult];
  assemble: [AssembleTask, AssembleResult];
  sentences: [SentencesTask, MaterialSentence[]];
}

export interface JobOptions {
  /** Aborts the job, e.g. when the client disconnects. */
  signal?: AbortSignal | undefined;
}

/** The signal a job's steps must honour, and the pool tasks it may run. */
export interface JobScope {
  signal: AbortSignal;
  run<K extends keyof Tasks>(name: K, task: Tasks[K][0], onProgress?: OnProgress): Promise<Tasks[K][1]>;
}

/** What warm() synthesizes: short, but it exercises every stage of the offline engine. */
const WARM_UP_SAMPLE =
  "I'm Ada Park, a 41-year-old baker in Leeds. I love hiking, and I'm frustrated by late deliveries.";

const RETRY_AFTER_MIN_S = 1;
const RETRY_AFTER_MAX_S = 120;
/** Weight of the newest job in the moving average of job durations that Retry-After is estimated from. */
const DURATION_SMOOTHING = 0.2;

/** worker.ts next to this module; from TypeScript sources, the bootstrap that loads it through tsx. */
function defaultWorkerEntry(): URL {
  const fromSource = import.meta.url.endsWith(".ts");
  return new URL(fromSource ? "./worker-source.mjs" : "./worker.js", import.meta.url);
}

export class SynthesisPool {
  readonly events = new EventEmitter<PoolEvents>();
  private readonly options: PoolOptions;
  private piscina: Piscina | undefined;
  private inFlight = 0;
  private tasksInPool = 0;
  private averageJobMs = 1_000;
  private closed = false;

  constructor(options: PoolOptions) {
    this.options = options;
  }

  /** Threads start on first use, so a node that never synthesizes (or the CLI's other commands) pays nothing. */
  private threads(): Piscina {
    if (this.closed) throw new AppError("server_busy", "The server is shutting down; try again on another node");
    this.piscina ??= new Piscina({
      filename: (this.options.filename ?? defaultWorkerEntry()).href,
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
    });
    return this.piscina;
  }

  /**
   * Starts the threads ahead of the first job and resolves once one has synthesized a one-line sample: the engine is
   * loaded and its first-run costs (compiling patterns, warming the JIT) are paid before a real create waits on them.
   * Never rejects: a failure here shows again on the first real job.
   */
  async warm(): Promise<void> {
    if (this.closed) return;
    const piscina = this.threads();
    await piscina
      .run({ texts: [WARM_UP_SAMPLE], fetched: [] } satisfies PrepareTask, { name: "prepare" })
      .then(({ sources }: PrepareResult) => piscina.run({ sources } satisfies AssembleTask, { name: "assemble" }))
      .catch(() => undefined);
  }

  stats(): PoolStats {
    const queued = this.piscina?.queueSize ?? 0;
    return {
      threads: this.options.threads,
      queueMax: this.options.queueMax,
      inFlight: this.inFlight,
      running: Math.max(0, this.tasksInPool - queued),
      queued,
    };
  }

  /**
   * Runs one synthesis job inside its budget: admits it or refuses with 503, gives `work` a signal that fires on
   * timeout or cancellation, and settles as soon as that signal fires even if `work` is still unwinding.
   */
  async job<T>(work: (scope: JobScope) => Promise<T>, options: JobOptions = {}): Promise<T> {
    if (this.closed) throw new AppError("server_busy", "The server is shutting down; try again on another node");
    const capacity = this.options.threads + this.options.queueMax;
    if (this.inFlight >= capacity) {
      const retryAfterSeconds = this.retryAfterSeconds();
      this.events.emit("rejected", { inFlight: this.inFlight, retryAfterSeconds });
      throw new AppError(
        "server_busy",
        `This node is already running ${this.inFlight} synthesis jobs (its limit); try again in ${retryAfterSeconds} s`,
        { headers: { "Retry-After": String(retryAfterSeconds) } },
      );
    }
    this.inFlight += 1;
    this.events.emit("admitted", { inFlight: this.inFlight });
    const started = performance.now();
    // One controller for the budget and the caller's signal, linked by hand and unlinked when the job settles:
    // AbortSignal.timeout and AbortSignal.any cost every job two more signals, a weakly held timer and a listener on
    // the caller's signal that stay until GC (a create on the event loop paid ~0.1 ms for them in the profile).
    const controller = new AbortController();
    const signal = controller.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`synthesis took longer than ${this.options.timeoutMs} ms`, "TimeoutError"));
    }, this.options.timeoutMs);
    timer.unref(); // as AbortSignal.timeout's: a job in flight does not by itself keep the process alive
    const caller = options.signal;
    const onCallerAbort = () => controller.abort(caller?.reason);
    if (caller?.aborted) onCallerAbort();
    else caller?.addEventListener("abort", onCallerAbort, { once: true });
    let rejectAborted: (reason: unknown) => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      rejectAborted = reject;
    });
    const onAbort = () => rejectAborted(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    const scope: JobScope = { signal, run: (name, task, onProgress) => this.run(name, task, signal, onProgress) };
    let outcome: JobOutcome = "failed";
    try {
      const result = await Promise.race([work(scope), aborted]);
      outcome = "done";
      return result;
    } catch (error) {
      if (timedOut) {
        outcome = "timeout";
        throw new AppError(
          "budget_exceeded",
          `Synthesis took longer than its budget of ${this.options.timeoutMs} ms and was stopped; nothing was stored. ` +
            "Send less material, or raise SYNTHESIS_TIMEOUT_MS.",
        );
      }
      if (options.signal?.aborted) {
        outcome = "cancelled";
        throw new AppError("client_closed", "The request was cancelled before synthesis finished; nothing was stored");
      }
      throw error;
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onCallerAbort);
      signal.removeEventListener("abort", onAbort);
      const durationMs = performance.now() - started;
      this.inFlight -= 1;
      if (outcome === "done") this.averageJobMs += DURATION_SMOOTHING * (durationMs - this.averageJobMs);
      this.events.emit("settled", { outcome, durationMs });
    }
  }

  /** Runs one named task of worker.ts on a thread; aborting `signal` terminates the thread mid-task. */
  private async run<K extends keyof Tasks>(
    name: K,
    task: Tasks[K][0],
    signal: AbortSignal,
    onProgress?: OnProgress,
  ): Promise<Tasks[K][1]> {
    signal.throwIfAborted();
    const piscina = this.threads();
    const channel = onProgress ? new MessageChannel() : undefined;
    // The worker closes its end when the task ends (or its thread does), which closes ours after the last message;
    // closing ours here instead could drop progress still in flight.
    channel?.port1.on("message", (progress: Progress) => onProgress?.(progress));
    channel?.port1.unref();
    this.tasksInPool += 1;
    try {
      const payload = channel ? { ...task, progress: channel.port2 } : task;
      return await piscina.run(payload, { name, signal, ...(channel ? { transferList: [channel.port2] } : {}) });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (this.closed) throw new AppError("server_busy", "The server is shutting down; try again on another node");
      throw error;
    } finally {
      this.tasksInPool -= 1;
    }
  }

  /** Seconds until a slot is likely free: the queue ahead, spread over the threads, at recent job durations. */
  private retryAfterSeconds(): number {
    const waves = Math.ceil((this.inFlight - this.options.threads + 1) / this.options.threads);
    const seconds = Math.ceil((waves * this.averageJobMs) / 1000);
    return Math.min(RETRY_AFTER_MAX_S, Math.max(RETRY_AFTER_MIN_S, seconds));
  }

  /** Stops the threads now, whatever they are doing; jobs still running fail with 503. */
  async destroy(): Promise<void> {
    this.closed = true;
    await this.piscina?.destroy();
  }
}

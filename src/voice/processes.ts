/**
 * Bounded child processes for the offline voice engines (ffmpeg, PocketSphinx, espeak-ng).
 *
 * A child process never runs on the event loop (the loop only moves its bytes), so these do not go through the
 * synthesis thread pool: a thread would only sit waiting on the child. What they need is the same discipline the
 * pool gives synthesis — a cap on how many run at once (they compete for the same cores), a cap on how many may
 * wait (503 `server_busy` with Retry-After beyond it), and a time budget per job after which its process is killed
 * (504 `budget_exceeded`). Output is capped too, so a misbehaving program cannot fill memory.
 */
import { spawn } from "node:child_process";
import { AppError } from "../errors.ts";

export interface ProcessPoolOptions {
  /** Processes that may run at once (VOICE_PROCESSES). */
  concurrency: number;
  /** Jobs that may wait for a slot beyond those running (VOICE_QUEUE_MAX). */
  queueMax: number;
  /** Budget of one job, every process it runs included (VOICE_TIMEOUT_MS). */
  timeoutMs: number;
}

export interface RunOptions {
  stdin?: Uint8Array | string;
  signal: AbortSignal;
  /** Bytes of stdout kept at most; more fails the run (a program that should not talk that much). */
  maxStdoutBytes?: number;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

/** A job's handle: the signal that ends it (budget or caller) and a way to run programs under it. */
export interface ProcessScope {
  signal: AbortSignal;
  run(command: string, args: string[], options?: Omit<RunOptions, "signal">): Promise<RunResult>;
}

const STDERR_KEEP_BYTES = 4096;
const DEFAULT_STDOUT_BYTES = 1024 * 1024;

export class ProcessPool {
  private readonly options: ProcessPoolOptions;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(options: ProcessPoolOptions) {
    this.options = options;
  }

  stats(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting.length };
  }

  /**
   * Runs `work` when a slot is free, with a signal that fires at the budget or when the caller aborts; every process
   * started through the scope is killed when it fires. `what` names the work in the budget error.
   */
  async job<T>(what: string, work: (scope: ProcessScope) => Promise<T>, callerSignal?: AbortSignal): Promise<T> {
    if (this.running >= this.options.concurrency && this.waiting.length >= this.options.queueMax) {
      throw new AppError("server_busy", `This node is already working on as much audio as it may; try again shortly`, {
        headers: { "Retry-After": "5" },
      });
    }
    if (this.running >= this.options.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running += 1;
    const budget = AbortSignal.timeout(this.options.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, budget]) : budget;
    try {
      return await work({
        signal,
        run: (command, args, options = {}) => runProcess(command, args, { ...options, signal }),
      });
    } catch (error) {
      if (budget.aborted) {
        throw new AppError(
          "budget_exceeded",
          `${what} took longer than its budget of ${this.options.timeoutMs} ms and was stopped; nothing was stored. ` +
            "Send shorter audio, or raise VOICE_TIMEOUT_MS.",
        );
      }
      if (callerSignal?.aborted) throw new AppError("client_closed", `The request was cancelled during ${what}`);
      throw error;
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** Spawns one program (no shell: arguments are never parsed), feeds it stdin, collects its output. */
export function runProcess(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const maxStdout = options.maxStdoutBytes ?? DEFAULT_STDOUT_BYTES;
  return new Promise((resolve, reject) => {
    options.signal.throwIfAborted();
    const child = spawn(command, args, {
      stdio: ["pipe", "pipe", "pipe"],
      signal: options.signal,
      killSignal: "SIGKILL",
    });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        child.kill("SIGKILL");
        reject(new Error(`${command} wrote more than ${maxStdout} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP_BYTES) stderr += chunk.toString("utf8").slice(0, STDERR_KEEP_BYTES);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout: Buffer.concat(chunks), stderr, code }));
    // A program that exits before reading all of stdin makes the pipe fail with EPIPE; its exit code tells the story.
    child.stdin.on("error", () => {});
    child.stdin.end(options.stdin ?? "");
  });
}

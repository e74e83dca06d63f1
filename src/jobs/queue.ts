import type PgBoss from "pg-boss";
import type { Ctx, Services } from "../context.ts";
import { AppError, toProblem } from "../errors.ts";
import { newId } from "../ids.ts";
import { errorLogFields, type Logger } from "../logger.ts";
import type { MaterialInput } from "../synthesis/pipeline.ts";
import { jobEvents, runJob } from "./run.ts";
import type { JobKind } from "./schemas.ts";
import { finishJob, insertJob, type JobRow, listUnfinished } from "./store.ts";

export interface NewJob {
  kind: JobKind;
  /** A create's persona id, chosen now (see migration 0013), or the persona a merge goes into. */
  personaId: string;
  input: MaterialInput;
  ifMatch?: string | undefined;
}

/**
 * Async jobs. The `jobs` table is what clients read (one tenant-scoped row per job); the queue decides which node runs
 * a job and when. Enqueueing works on any node (the CLI included); only a started queue runs jobs.
 */
export interface JobQueue {
  readonly kind: "pg-boss" | "in-process";
  enqueue(ctx: Ctx, job: NewJob): Promise<JobRow>;
  /** Starts running jobs on this node (the server): queued ones, those left by a restart, and new ones. */
  start(services: Services): Promise<void>;
  /**
   * Stops taking jobs; running ones get `graceMs` to finish, then are cancelled and given back for another attempt
   * (here after a restart, or on another node).
   */
  stop(graceMs?: number): Promise<void>;
}

export function createJobQueue(config: Services["config"], logger: Logger): JobQueue {
  return config.databaseUrl ? new PgBossQueue(config, logger) : new InProcessQueue(config);
}

const insert = (ctx: Ctx, job: NewJob) =>
  insertJob(ctx.database, { id: newId("job"), tenantId: ctx.tenantId, ...job, ifMatch: job.ifMatch });

/**
 * The embedded store has one process (the store lock), so its jobs run here: a FIFO with the node's concurrency,
 * persisted in the `jobs` table. A restart resumes rows left queued or running; a transient failure is tried again
 * after a short delay, up to JOBS_MAX_ATTEMPTS.
 */
class InProcessQueue implements JobQueue {
  readonly kind = "in-process" as const;
  private services: Services | undefined;
  private readonly waiting: Array<{ id: string; tenantId: string }> = [];
  private readonly queued = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private abort = new AbortController();

  constructor(private readonly config: Services["config"]) {}

  async enqueue(ctx: Ctx, job: NewJob): Promise<JobRow> {
    const row = await insert(ctx, job);
    this.push({ id: row.id, tenantId: row.tenantId });
    return row;
  }

  async start(services: Services): Promise<void> {
    this.services = services;
    this.abort = new AbortController();
    for (const job of await listUnfinished(services.database)) this.push(job);
  }

  async stop(graceMs = 0): Promise<void> {
    this.services = undefined;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    this.waiting.length = 0;
    this.queued.clear();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled(this.running.values()), grace]);
    clearTimeout(timer);
    this.abort.abort(new AppError("server_busy", "The server is shutting down"));
    await Promise.allSettled(this.running.values());
  }

  private push(job: { id: string; tenantId: string }) {
    if (!this.services) return; // not started: the row waits in the table for start()
    if (this.queued.has(job.id) || this.running.has(job.id)) return;
    this.queued.add(job.id);
    this.waiting.push(job);
    this.pump();
  }

  private pump() {
    const services = this.services;
    if (!services) return;
    while (this.running.size < this.config.jobs.concurrency) {
      const job = this.waiting.shift();
      if (!job) return;
      this.queued.delete(job.id);
      const run = this.attempt(services, job).finally(() => {
        this.running.delete(job.id);
        this.pump();
      });
      this.running.set(job.id, run);
    }
  }

  private async attempt(services: Services, job: { id: string; tenantId: string }): Promise<void> {
    try {
      const attempts = await attemptsSoFar(services, job);
      const outcome = await runJob(services, job, {
        lastAttempt: attempts + 1 >= this.config.jobs.maxAttempts,
        signal: this.abort.signal,
      });
      if (outcome === "retry" && this.services && !this.abort.signal.aborted) {
        const timer = setTimeout(
          () => {
            this.retries.delete(timer);
            this.push(job);
          },
          Math.min(30_000, 1_000 * 2 ** attempts),
        );
        this.retries.add(timer);
      }
    } catch (error) {
      // The database went away between attempts: the row stays queued or running and is resumed at the next start.
      services.logger.error({ job_id: job.id, ...errorLogFields(error) }, "job could not be run");
    }
  }
}

async function attemptsSoFar(services: Services, job: { id: string; tenantId: string }): Promise<number> {
  const [row] = await services.database.queryAs<{ attempts: number }>(
    job.tenantId,
    "SELECT attempts FROM jobs WHERE tenant_id = $1 AND id = $2",
    [job.tenantId, job.id],
  );
  return row?.attempts ?? 0;
}

/** pg-boss queue names: the jobs, and where pg-boss puts one whose attempts ran out without an answer from us. */
const QUEUE = "persona-jobs";
const DEAD = "persona-jobs-dead";
interface Message {
  tenant_id: string;
  job_id: string;
}

/**
 * Postgres: pg-boss (its own schema, `pgboss`) hands each job to one node (SKIP LOCKED), so any node runs them, they
 * survive restarts, and a node that dies mid-job loses it only until pg-boss expires it (past the synthesis budget)
 * and retries it elsewhere. When every attempt is spent without our runner recording an outcome (crashes), the
 * dead-letter worker records the job as failed.
 */
class PgBossQueue implements JobQueue {
  readonly kind = "pg-boss" as const;
  private boss: Promise<PgBoss> | undefined;
  private workers: string[] = [];
  private abort = new AbortController();

  constructor(
    private readonly config: Services["config"],
    private readonly logger: Logger,
  ) {}

  private ready(): Promise<PgBoss> {
    this.boss ??= this.open().catch((error: unknown) => {
      this.boss = undefined;
      throw error;
    });
    return this.boss;
  }

  private async open(): Promise<PgBoss> {
    // Loaded when first needed: nodes that never queue a job do not pay for pg and pg-boss.
    const { default: PgBossClass } = await import("pg-boss");
    const expireSeconds = this.config.jobs.expireSeconds;
    const boss = new PgBossClass({
      connectionString: this.config.databaseUrl,
      schema: "pgboss",
      max: 4,
      application_name: "persona-studio-jobs",
      // Lost jobs are found by this sweep (one node runs it per interval): often enough that a job is retried within
      // about half its expiry after it, never more than every two minutes (pg-boss's default).
      maintenanceIntervalSeconds: Math.min(120, Math.max(1, Math.floor(expireSeconds / 2))),
    });
    boss.on("error", (error) => this.logger.warn({ ...errorLogFields(error) }, "job queue error"));
    await boss.start();
    const options = {
      // Attempts beyond the first; each attempt also counts in the job row (`attempts`).
      retryLimit: this.config.jobs.maxAttempts - 1,
      retryDelay: 2,
      retryBackoff: true,
      // A job active this long is taken for lost (its node died) and retried (JOBS_EXPIRE_SECONDS; by default well
      // past the synthesis budget, with room for fetching pages and storing).
      expireInSeconds: Math.max(1, expireSeconds),
      deadLetter: DEAD,
    };
    await boss.createQueue(DEAD, { name: DEAD });
    await boss.createQueue(QUEUE, { name: QUEUE, ...options });
    await boss.updateQueue(QUEUE, { name: QUEUE, ...options });
    return boss;
  }

  async enqueue(ctx: Ctx, job: NewJob): Promise<JobRow> {
    const row = await insert(ctx, job);
    try {
      const boss = await this.ready();
      await boss.send(QUEUE, { tenant_id: row.tenantId, job_id: row.id } satisfies Message);
      for (const id of this.workers) boss.notifyWorker(id); // a local worker starts it now rather than at its next poll
    } catch (error) {
      // Never leave a row that no queue knows about: it would stay queued forever.
      const problem = toProblem(new AppError("database_unavailable", "The job could not be queued"), row.id);
      await finishJob(ctx.database, ctx.tenantId, row.id, { status: "failed", problem }).catch(() => {});
      throw error;
    }
    return row;
  }

  async start(services: Services): Promise<void> {
    const boss = await this.ready();
    this.abort = new AbortController();
    const work = async ([job]: PgBoss.JobWithMetadata<Message>[]) => {
      if (!job) return;
      const outcome = await runJob(
        services,
        { tenantId: job.data.tenant_id, id: job.data.job_id },
        { lastAttempt: job.retryCount >= job.retryLimit, signal: this.abort.signal },
      );
      // Failing the pg-boss job makes pg-boss retry it after its delay (on whichever node polls first).
      if (outcome === "retry") throw new Error("job attempt failed; retrying");
    };
    for (let i = 0; i < this.config.jobs.concurrency; i++) {
      this.workers.push(
        await boss.work<Message>(QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 2 }, work),
      );
    }
    this.workers.push(
      await boss.work<Message>(DEAD, { batchSize: 1, pollingIntervalSeconds: 5 }, async ([job]) => {
        if (!job) return;
        const problem = toProblem(
          new AppError("internal", "The job did not finish after every attempt (its node stopped or crashed)"),
          job.data.job_id,
        );
        await finishJob(services.database, job.data.tenant_id, job.data.job_id, { status: "failed", problem });
        jobEvents.emit(job.data.job_id);
      }),
    );
  }

  async stop(graceMs = 0): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    this.workers = [];
    if (!boss) return;
    const opened = await boss.catch(() => undefined);
    // pg-boss waits for the jobs in hand up to the grace period, then fails them back to the queue (retried).
    const stopped = opened?.stop({ graceful: true, timeout: Math.max(1_000, graceMs), wait: true });
    const cancel = setTimeout(
      () => this.abort.abort(new AppError("server_busy", "The server is shutting down")),
      graceMs,
    );
    await stopped;
    clearTimeout(cancel);
    this.abort.abort(new AppError("server_busy", "The server is shutting down"));
  }
}

import { EventEmitter } from "node:events";
import { type Services, tenantCtx } from "../context.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { AppError, type ErrorCode, toProblem } from "../errors.ts";
import { errorLogFields } from "../logger.ts";
import { createPersona } from "../personas/create.ts";
import { readPersonaResource } from "../personas/store.ts";
import { updatePersona } from "../personas/update.ts";
import { type Progress, STAGES } from "../synthesis/progress.ts";
import {
  claimJob,
  finishJob,
  finishJobInTransaction,
  type JobResult,
  type JobRow,
  requeueJob,
  saveProgress,
} from "./store.ts";

/**
 * Changes to jobs run or finished on this node, by job id: SSE readers on this node wake at once instead of waiting
 * for their next poll (a job run by another node is seen by polling the row).
 */
export const jobEvents = new EventEmitter();
jobEvents.setMaxListeners(0);

/** Progress is written at most this often (a stage change is written at once): readers poll the row. */
const PROGRESS_WRITE_MS = 250;

/** A node that is busy or cannot reach a dependency gives the job back; another attempt (or node) may succeed. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(["server_busy", "database_unavailable", "upstream_unavailable"]);

export type RunOutcome = "finished" | "retry";

/**
 * Runs one attempt of a job with the same verbs as the synchronous routes (createPersona, updatePersona: synthesis in
 * the worker pool, its budget included). A permanent failure is recorded as the job's problem; a transient one asks
 * the queue for another attempt unless this is the last, which records it too.
 */
export async function runJob(
  services: Services,
  job: { tenantId: string; id: string },
  options: { lastAttempt: boolean; signal?: AbortSignal },
): Promise<RunOutcome> {
  const { database } = services;
  const row = await claimJob(database, job.tenantId, job.id);
  if (!row) return "finished"; // already done (delivered twice) or its tenant is gone
  const ctx = tenantCtx(services, job.tenantId, job.id, services.logger.child({ job_id: job.id }));
  jobEvents.emit(job.id);
  const progress = progressWriter(services, row);
  try {
    const result = await execute(ctx, row, progress.report, options.signal);
    await progress.flush();
    // A merge has already recorded its outcome with its version (see execute); this then changes nothing.
    await finishJob(database, job.tenantId, job.id, { status: "succeeded", result });
    jobEvents.emit(job.id);
    return "finished";
  } catch (error) {
    await progress.flush();
    const appError = asAppError(error);
    // A node shutting down gives its jobs back whatever attempt they are on: the stop is no fault of the job.
    const stopped = options.signal?.aborted === true;
    if (stopped || (!options.lastAttempt && (appError === undefined || TRANSIENT.has(appError.code)))) {
      ctx.log.warn({ attempt: row.attempts, ...errorLogFields(error) }, "job attempt failed; it will be retried");
      await requeueJob(database, job.tenantId, job.id).catch(() => {});
      jobEvents.emit(job.id);
      return "retry";
    }
    if (!appError) ctx.log.error({ attempt: row.attempts, ...errorLogFields(error) }, "job failed");
    const problem = toProblem(
      appError ?? new AppError("internal", "Something went wrong on our side; nothing was stored"),
      job.id,
    );
    await finishJob(database, job.tenantId, job.id, { status: "failed", problem });
    jobEvents.emit(job.id);
    return "finished";
  }
}

async function execute(
  ctx: ReturnType<typeof tenantCtx>,
  row: JobRow,
  onProgress: (progress: Progress) => void,
  signal: AbortSignal | undefined,
) {
  if (!row.input) throw new Error(`job ${row.id} has no input`);
  if (row.kind === "create") {
    // An earlier attempt may have stored the persona and died before recording it: that persona is the result.
    const stored = await readPersonaResource(ctx.database, ctx.tenantId, row.personaId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return undefined;
      throw error;
    });
    if (stored) return { version: stored.version };
    const created = await createPersona({ ctx, input: row.input, id: row.personaId, signal, onProgress });
    return { version: created.version };
  }
  // The merged version and the job's outcome commit together: a node that dies right after the version is stored
  // leaves a finished job, never a running one that a retry would merge into the persona a second time.
  const resultOf = (updated: { resource: { version: number }; changes?: JobResult["changes"] }): JobResult => ({
    version: updated.resource.version,
    ...(updated.changes ? { changes: updated.changes } : {}),
  });
  const updated = await updatePersona({
    ctx,
    id: row.personaId,
    update: { kind: "material", input: row.input },
    ifMatch: row.ifMatch ?? undefined,
    signal,
    onProgress,
    onStored: (tx, stored) => finishJobInTransaction(tx, ctx.tenantId, row.id, resultOf(stored)),
  });
  return resultOf(updated);
}

function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError("database_unavailable", "The database could not be reached");
  return undefined;
}

/**
 * Progress reports arrive from synthesis as they happen; rows are written in order, a new stage at once and the
 * parts of one stage at most every PROGRESS_WRITE_MS, the last one always.
 */
function progressWriter(services: Services, row: JobRow) {
  let chain: Promise<void> = Promise.resolve();
  let lastStage = row.progress.stage;
  let lastWrite = 0;
  let pending: Progress | undefined;
  let timer: NodeJS.Timeout | undefined;
  // Reports from the pool's threads travel over a message channel and can arrive after the main thread has moved on
  // (an "assembling" after "storing"): a stage behind the furthest one reported in this attempt is dropped, so
  // readers only ever see stages move forward.
  let furthest = -1;
  const write = () => {
    timer = undefined;
    const progress = pending;
    pending = undefined;
    if (!progress) return;
    lastWrite = Date.now();
    chain = chain
      .then(() => saveProgress(services.database, row.tenantId, row.id, progress))
      .then(() => void jobEvents.emit(row.id))
      .catch((error: unknown) => services.logger.warn({ job_id: row.id, ...errorLogFields(error) }, "progress lost"));
  };
  return {
    report(progress: Progress) {
      const at = STAGES.indexOf(progress.stage);
      if (at < furthest) return;
      furthest = at;
      pending = { stage: progress.stage, done: progress.done, total: progress.total };
      if (progress.stage !== lastStage || Date.now() - lastWrite >= PROGRESS_WRITE_MS) {
        lastStage = progress.stage;
        if (timer) clearTimeout(timer);
        write();
      } else {
        timer ??= setTimeout(write, PROGRESS_WRITE_MS);
      }
    },
    async flush() {
      if (timer) clearTimeout(timer);
      write();
      await chain;
    },
  };
}

import type { Ctx } from "../context.ts";
import { AppError, notFound } from "../errors.ts";
import { isId } from "../ids.ts";
import { readPersonaResource } from "../personas/store.ts";
import type { Job } from "./schemas.ts";
import { type JobRow, loadJob } from "./store.ts";

/** The job's row, for this tenant only: another tenant's id answers 404 like an unknown one. */
export async function getJobRow({ ctx, id }: { ctx: Ctx; id: string }): Promise<JobRow> {
  if (!isId("job", id)) throw notFound("Job");
  const row = await loadJob(ctx.database, ctx.tenantId, id);
  if (!row) throw notFound("Job");
  return row;
}

/** A job as clients see it; once it succeeded, with the persona as it is now. */
export async function presentJob(ctx: Ctx, row: JobRow): Promise<Job> {
  const job: Job = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    persona_id: row.personaId,
    attempts: row.attempts,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
  if (row.status === "failed" && row.problem) job.problem = row.problem as Job["problem"];
  if (row.status === "succeeded" && row.result) {
    job.version = row.result.version;
    if (row.result.changes) job.changes = row.result.changes;
    job.persona = await readPersonaResource(ctx.database, ctx.tenantId, row.personaId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return null; // deleted since
      throw error;
    });
  }
  return job;
}

export async function getJob({ ctx, id }: { ctx: Ctx; id: string }): Promise<Job> {
  return presentJob(ctx, await getJobRow({ ctx, id }));
}

import { sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client.ts";
import { rowsOf } from "../db/migrate.ts";
import type { ProblemDetails } from "../errors.ts";
import type { Changes } from "../personas/merge.ts";
import { jsonParam } from "../personas/store.ts";
import type { MaterialInput } from "../synthesis/pipeline.ts";
import type { JobKind, JobProgress, JobStatus } from "./schemas.ts";

/** What a finished job leaves for its readers. */
export interface JobResult {
  version: number;
  changes?: Changes;
}

export interface JobRow {
  id: string;
  tenantId: string;
  kind: JobKind;
  status: JobStatus;
  progress: JobProgress;
  personaId: string;
  input: MaterialInput | null;
  ifMatch: string | null;
  result: JobResult | null;
  problem: ProblemDetails | null;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface RawJob {
  id: string;
  tenant_id: string;
  kind: JobKind;
  status: JobStatus;
  progress: JobProgress;
  persona_id: string;
  input: MaterialInput | null;
  if_match: string | null;
  result: JobResult | null;
  problem: ProblemDetails | null;
  attempts: number;
  // Dates on PGlite, text on postgres.js (see Database.queryAs).
  created_at: Date | string;
  updated_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

const COLUMNS =
  "id, tenant_id, kind, status, progress, persona_id, input, if_match, result, problem, attempts, created_at, " +
  "updated_at, started_at, finished_at";

const date = (value: Date | string) => new Date(value);
const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

function fromRaw(raw: RawJob): JobRow {
  return {
    id: raw.id,
    tenantId: raw.tenant_id,
    kind: raw.kind,
    status: raw.status,
    progress: raw.progress,
    personaId: raw.persona_id,
    input: raw.input,
    ifMatch: raw.if_match,
    result: raw.result,
    problem: raw.problem,
    attempts: raw.attempts,
    createdAt: date(raw.created_at),
    updatedAt: date(raw.updated_at),
    startedAt: dateOrNull(raw.started_at),
    finishedAt: dateOrNull(raw.finished_at),
  };
}

export const QUEUED: JobProgress = { stage: "queued", done: 0, total: 0 };

export async function insertJob(
  database: Database,
  job: {
    id: string;
    tenantId: string;
    kind: JobKind;
    personaId: string;
    input: MaterialInput;
    ifMatch: string | undefined;
  },
): Promise<JobRow> {
  const [row] = await database.queryAs<RawJob>(
    job.tenantId,
    `INSERT INTO jobs (id, tenant_id, kind, status, progress, persona_id, input, if_match)
     VALUES ($1, $2, $3, 'queued', $4::jsonb, $5, $6::jsonb, $7) RETURNING ${COLUMNS}`,
    [job.id, job.tenantId, job.kind, jsonParam(QUEUED), job.personaId, jsonParam(job.input), job.ifMatch ?? null],
  );
  if (!row) throw new Error("job insert returned no row");
  return fromRaw(row);
}

/** One tenant-scoped read (row-level security applies too): another tenant's job is simply not there. */
export async function loadJob(database: Database, tenantId: string, id: string): Promise<JobRow | undefined> {
  const [row] = await database.queryAs<RawJob>(
    tenantId,
    `SELECT ${COLUMNS} FROM jobs WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return row ? fromRaw(row) : undefined;
}

/**
 * Marks a job running for one more attempt; nothing when it already finished (a queue may deliver a job twice: after
 * a node was thought dead, or a restart that resumes it).
 */
export async function claimJob(database: Database, tenantId: string, id: string): Promise<JobRow | undefined> {
  const [row] = await database.queryAs<RawJob>(
    tenantId,
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
       updated_at = now()
     WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
    [tenantId, id],
  );
  return row ? fromRaw(row) : undefined;
}

export async function saveProgress(database: Database, tenantId: string, id: string, progress: JobProgress) {
  await database.queryAs(
    tenantId,
    "UPDATE jobs SET progress = $3::jsonb, updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'running'",
    [tenantId, id, jsonParam(progress)],
  );
}

/** Back to queued (a busy node gives it back for a later attempt); progress starts over. */
export async function requeueJob(database: Database, tenantId: string, id: string) {
  await database.queryAs(
    tenantId,
    `UPDATE jobs SET status = 'queued', progress = $3::jsonb, updated_at = now()
     WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
    [tenantId, id, jsonParam(QUEUED)],
  );
}

/** The outcome; the material is dropped (a create's text lives on in the persona's sources, a failure's nowhere). */
export async function finishJob(
  database: Database,
  tenantId: string,
  id: string,
  outcome: { status: "succeeded"; result: JobResult } | { status: "failed"; problem: ProblemDetails },
): Promise<void> {
  const progress = outcome.status === "succeeded" ? { stage: "done", done: 1, total: 1 } : null;
  await database.queryAs(
    tenantId,
    `UPDATE jobs SET status = $3, result = $4::jsonb, problem = $5::jsonb,
       progress = coalesce($6::jsonb, progress), input = NULL, if_match = NULL, finished_at = now(), updated_at = now()
     WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')`,
    [
      tenantId,
      id,
      outcome.status,
      outcome.status === "succeeded" ? jsonParam(outcome.result) : null,
      outcome.status === "failed" ? jsonParam(outcome.problem) : null,
      progress ? jsonParam(progress) : null,
    ],
  );
}

/**
 * The same as finishJob for a success, inside the transaction that stored the job's work: a node that dies after it
 * commits leaves the job finished, so a retry never applies the same material twice (a merge would add a version).
 */
export async function finishJobInTransaction(tx: Tx, tenantId: string, id: string, result: JobResult): Promise<void> {
  await tx.execute(
    sql`UPDATE jobs SET status = 'succeeded', result = ${jsonParam(result)}::jsonb,
      progress = ${jsonParam({ stage: "done", done: 1, total: 1 })}::jsonb, input = NULL, if_match = NULL,
      finished_at = now(), updated_at = now()
    WHERE tenant_id = ${tenantId} AND id = ${id} AND status IN ('queued', 'running')`,
  );
}

/** Jobs not finished, of every tenant (the owner's handle): what the embedded store's runner resumes at start. */
export async function listUnfinished(database: Database): Promise<Array<{ id: string; tenantId: string }>> {
  const rows = rowsOf<{ id: string; tenant_id: string }>(
    await database.db.execute(
      sql`SELECT id, tenant_id FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at, id`,
    ),
  );
  return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id }));
}

-- Async jobs (Prefer: respond-async on POST /v1/personas and on a material PATCH; GET /v1/jobs/{id}). This table is
-- what clients read: status, progress and the outcome, one tenant-scoped row per job. Running them is the queue's
-- business (src/jobs/queue.ts): pg-boss on Postgres (its own schema, any node picks a job up), an in-process runner
-- on the embedded store that resumes the rows left queued or running at start.
CREATE TABLE jobs (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('create', 'merge')),
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  -- { stage, done, total } as src/synthesis/progress.ts reports it.
  progress     jsonb NOT NULL,
  -- A create's persona id is chosen when the job is queued, so a retried create never stores a second persona.
  persona_id   text NOT NULL,
  -- The material ({ texts, urls, engine }) and the merge's If-Match; cleared once the job has finished.
  input        jsonb,
  if_match     text,
  -- When done: the version the job wrote and a merge's changes, or the problem (RFC 9457 fields) when it failed.
  result       jsonb,
  problem      jsonb,
  attempts     integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz
);
CREATE INDEX jobs_tenant_idx ON jobs (tenant_id, created_at);
CREATE INDEX jobs_unfinished_idx ON jobs (status) WHERE status IN ('queued', 'running');

-- Row-level security in the form of 0007_rls.sql.
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON jobs USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

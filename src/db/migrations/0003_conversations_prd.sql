-- Conversations (persona chat, PRD interviews), projects with their PRD revisions and wireframes.
-- Every row carries its tenant; every access path starts with the tenant.

CREATE TABLE projects (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name          text NOT NULL,
  slug          text NOT NULL,
  persona_ids   jsonb NOT NULL DEFAULT '[]'::jsonb,
  whats_next    jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The current PRD (a copy of the latest prd_revisions row) and the next number per id prefix, so ids are never reused.
  prd           jsonb NOT NULL,
  prd_revision  integer NOT NULL,
  prd_counters  jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_tenant_created_idx ON projects (tenant_id, created_at DESC, id DESC);

-- Every slug a project ever had, so old links keep resolving after a rename.
CREATE TABLE project_slugs (
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  slug        text NOT NULL,
  project_id  text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, slug)
);
CREATE INDEX project_slugs_project_idx ON project_slugs (project_id);

CREATE TABLE prd_revisions (
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  project_id  text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  revision    integer NOT NULL,
  document    jsonb NOT NULL,
  cause       text NOT NULL,
  section     text,
  message_id  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, revision)
);
CREATE INDEX prd_revisions_tenant_idx ON prd_revisions (tenant_id, project_id, revision);

CREATE TABLE wireframes (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  project_id  text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name        text NOT NULL,
  ascii       text NOT NULL,
  png         bytea NOT NULL,
  width       integer NOT NULL,
  height      integer NOT NULL,
  sha256      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wireframes_project_name_idx ON wireframes (tenant_id, project_id, name);

CREATE TABLE conversations (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('persona', 'interview')),
  persona_id       text REFERENCES personas(id) ON DELETE CASCADE,
  project_id       text REFERENCES projects(id) ON DELETE CASCADE,
  interviewer      text,
  -- What was trimmed from the model's context, and up to which message.
  summary          text,
  summary_through  integer NOT NULL DEFAULT 0,
  -- Lease held while a reply streams: any node can check it, and it expires if the node holding it dies.
  streaming_until  timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'persona' AND persona_id IS NOT NULL) OR (kind = 'interview' AND project_id IS NOT NULL AND interviewer IS NOT NULL))
);
CREATE INDEX conversations_tenant_idx ON conversations (tenant_id, created_at DESC);
CREATE UNIQUE INDEX conversations_interviewer_idx ON conversations (tenant_id, project_id, interviewer) WHERE kind = 'interview';

CREATE TABLE messages (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id  text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq              integer NOT NULL,
  role             text NOT NULL CHECK (role IN ('user', 'assistant')),
  content          text NOT NULL,
  tool_calls       jsonb NOT NULL DEFAULT '[]'::jsonb,
  tool_results     jsonb NOT NULL DEFAULT '[]'::jsonb,
  status           text NOT NULL CHECK (status IN ('complete', 'incomplete', 'error')),
  question         jsonb,
  meta             jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, seq)
);
CREATE INDEX messages_tenant_conversation_idx ON messages (tenant_id, conversation_id, seq);

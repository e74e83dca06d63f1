-- Focus groups: one question to several personas at once, kept like a conversation. Every row carries its tenant.

CREATE TABLE focus_groups (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  title            text NOT NULL,
  -- The personas asked, in order. No foreign key: a deleted persona's past answers stay in the transcript.
  persona_ids      jsonb NOT NULL,
  -- Lease held while answers stream (one question at a time per group, on any node), like conversations.
  streaming_until  timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- Listing walks this index: most recently active first, (updated_at, id) cursor.
CREATE INDEX focus_groups_tenant_activity_idx ON focus_groups (tenant_id, updated_at DESC, id DESC);

CREATE TABLE focus_group_messages (
  id              text PRIMARY KEY,
  tenant_id       text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  focus_group_id  text NOT NULL REFERENCES focus_groups(id) ON DELETE CASCADE,
  seq             integer NOT NULL,
  role            text NOT NULL CHECK (role IN ('user', 'assistant')),
  -- Answers: who answered (name as it was then) and the question they answer.
  persona_id      text,
  persona_name    text,
  question_id     text,
  content         text NOT NULL,
  status          text NOT NULL CHECK (status IN ('complete', 'incomplete', 'error')),
  meta            jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (focus_group_id, seq),
  CHECK ((role = 'user' AND persona_id IS NULL) OR (role = 'assistant' AND persona_id IS NOT NULL AND question_id IS NOT NULL))
);
CREATE INDEX focus_group_messages_tenant_group_idx ON focus_group_messages (tenant_id, focus_group_id, seq);

-- Beginning a persona chat reply in one self-scoped statement: `SELECT * FROM begin_reply(tenant, conversation, ...)`
-- is BEGIN_REPLY_SQL's statement (src/chat/store.ts: read the conversation, take its streaming lease, store the user
-- message and the assistant's placeholder, read the history and persona), running as persona_studio_app with
-- app.tenant_id set, so row-level security checks every row read and written exactly as in a tenant transaction,
-- without the transaction's BEGIN, scope and COMMIT on a reserved connection: one statement, which postgres.js
-- pipelines with other requests' statements. Starting a stream was CPU-bound on those four round trips.
--
-- The role and scope are set and restored as for persona_resource (0015_persona_resource.sql). synchronous_commit
-- is turned off with a local set_config, which is NOT in the SET clause: a local setting made inside a function
-- outlives it unless the function's SET clause names the same variable, so it lasts to the end of the caller's
-- transaction (the statement's implicit one) and its commit skips the WAL flush, as the tenant transaction did (see
-- BEGIN_REPLY_SQL for why that is safe). Statements that end a line end the statement (see splitStatements), so the
-- body keeps its inner semicolons mid-line.
CREATE OR REPLACE FUNCTION begin_reply(p_tenant text, p_id text, p_lease_seconds integer, p_user_message_id text,
  p_content text, p_meta jsonb, p_at timestamptz, p_assistant_message_id text, p_assistant_at timestamptz)
RETURNS TABLE (id text, "tenantId" text, kind text, "personaId" text, "projectId" text, interviewer text,
  summary text, "summaryThrough" integer, "streamingUntil" timestamptz, "createdAt" timestamptz,
  "updatedAt" timestamptz, "userSeq" integer, history json, persona json)
LANGUAGE plpgsql SET role = persona_studio_app SET app.tenant_id = '' AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true); PERFORM set_config('synchronous_commit', 'off', true); RETURN QUERY
  WITH conv AS (
    SELECT * FROM conversations c WHERE c.tenant_id = p_tenant AND c.id = p_id
  ), lease AS (
    UPDATE conversations c SET streaming_until = now() + make_interval(secs => p_lease_seconds)
    WHERE c.tenant_id = p_tenant AND c.id = p_id AND (c.streaming_until IS NULL OR c.streaming_until < now())
    RETURNING c.id
  ), last AS (
    SELECT coalesce(max(m.seq), 0) AS seq FROM messages m WHERE m.tenant_id = p_tenant AND m.conversation_id = p_id
  ), inserted AS (
    INSERT INTO messages (id, tenant_id, conversation_id, seq, role, content, status, meta, created_at)
    SELECT p_user_message_id, p_tenant, p_id, last.seq + 1, 'user', p_content, 'complete', p_meta, p_at FROM lease, last
    UNION ALL
    SELECT p_assistant_message_id, p_tenant, p_id, last.seq + 2, 'assistant', '', 'incomplete', '{}'::jsonb,
      p_assistant_at FROM lease, last
    RETURNING messages.seq
  )
  SELECT conv.id, conv.tenant_id, conv.kind, conv.persona_id, conv.project_id, conv.interviewer, conv.summary,
    conv.summary_through, conv.streaming_until, conv.created_at, conv.updated_at,
    (SELECT min(i.seq) FROM inserted i),
    (SELECT json_agg(json_build_object('id', m.id, 'tenantId', m.tenant_id, 'conversationId', m.conversation_id,
        'seq', m.seq, 'role', m.role, 'content', m.content, 'toolCalls', m.tool_calls, 'toolResults', m.tool_results,
        'status', m.status, 'question', m.question, 'meta', m.meta, 'createdAt', m.created_at) ORDER BY m.seq)
      FROM messages m WHERE m.tenant_id = p_tenant AND m.conversation_id = p_id AND m.seq > conv.summary_through
        AND EXISTS (SELECT 1 FROM lease)),
    (SELECT json_build_object('id', p.id, 'tenantId', p.tenant_id, 'version', p.version, 'persona', p.persona,
        'evidence', p.evidence, 'warnings', p.warnings, 'usage', p.usage, 'search', p.search::text,
        'createdAt', p.created_at, 'updatedAt', p.updated_at)
      FROM personas p WHERE p.tenant_id = p_tenant AND p.id = conv.persona_id AND EXISTS (SELECT 1 FROM lease))
  FROM conv; END
$$;

-- A persona read in one statement: `SELECT * FROM persona_resource(tenant, id)` runs as persona_studio_app with
-- app.tenant_id set, so row-level security applies exactly as in a tenant transaction, without the transaction.
-- A tenant transaction costs four statements on one reserved connection (BEGIN, scope, read, COMMIT); this is one,
-- which postgres.js pipelines with other requests' statements and the embedded store runs as one call.
--
-- `SET role` and `SET app.tenant_id` are restored when the function returns (the set_config inside is undone with
-- them), so the caller's role and scope are unchanged even inside a longer transaction. The SET clause also makes
-- the body run as the role from the start: its statements are planned as persona_studio_app, so the policies are
-- applied to them (a role switched by set_config inside the statement would come too late). The login must be a
-- member of the role, as for tenant transactions (0007_rls.sql).
--
-- The read is PERSONA_RESOURCE_SQL (src/personas/store.ts), which the bench's bare baseline runs as plain SQL; a test
-- checks both return the same row. Statements that end a line end the statement (see splitStatements), so the body
-- keeps its inner semicolons mid-line.
CREATE OR REPLACE FUNCTION persona_resource(p_tenant text, p_id text)
RETURNS TABLE (id text, version integer, persona jsonb, evidence jsonb, warnings jsonb, usage jsonb,
  created_at timestamptz, updated_at timestamptz, sources json)
LANGUAGE plpgsql SET role = persona_studio_app SET app.tenant_id = '' AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true); RETURN QUERY
  SELECT p.id, p.version, p.persona, p.evidence, p.warnings, p.usage, p.created_at, p.updated_at,
    coalesce((SELECT json_agg(json_build_object('id', s.id, 'kind', s.kind, 'url', s.url, 'title', s.title,
      'chars', s.chars, 'sha256', s.sha256, 'material_date', s.material_date, 'fetched_at', s.fetched_at,
      'created_at', s.created_at) ORDER BY s.created_at, s.position)
      FROM sources s WHERE s.tenant_id = p.tenant_id AND s.persona_id = p.id), '[]')
  FROM personas p WHERE p.tenant_id = p_tenant AND p.id = p_id; END
$$;

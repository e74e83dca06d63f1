-- A new persona in one statement: `SELECT * FROM insert_new_persona(tenant, id, ...)` stores the persona as version
-- 1 with its sources (and a new LLM extraction for the cache), running as persona_studio_app with app.tenant_id set,
-- so row-level security checks every row written exactly as in a tenant transaction, without the transaction's
-- BEGIN, scope and COMMIT on a reserved connection: one statement, which postgres.js pipelines with other requests'
-- statements. A statement is atomic on its own (all four inserts or none) and commits durably like any other.
--
-- The role and scope are set and restored as for persona_resource (0015_persona_resource.sql). The answer is the
-- resource as persona_resource reads it (a test checks both agree). Statements that end a line end the statement
-- (see splitStatements), so the body keeps its inner semicolons mid-line.
CREATE OR REPLACE FUNCTION insert_new_persona(p_tenant text, p_id text, p_persona jsonb, p_evidence jsonb,
  p_warnings jsonb, p_usage jsonb, p_search text, p_at timestamptz, p_sources jsonb, p_diff jsonb, p_cause text,
  p_source_ids jsonb, p_cache_key text, p_cache_result jsonb)
RETURNS TABLE (id text, version integer, persona jsonb, evidence jsonb, warnings jsonb, usage jsonb,
  created_at timestamptz, updated_at timestamptz, sources json)
LANGUAGE plpgsql SET role = persona_studio_app SET app.tenant_id = '' AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true); RETURN QUERY
  WITH new_persona AS (
    INSERT INTO personas (id, tenant_id, version, persona, evidence, warnings, usage, search, created_at, updated_at)
    VALUES (p_id, p_tenant, 1, p_persona, p_evidence, p_warnings, p_usage, to_tsvector('simple', p_search), p_at, p_at)
    RETURNING personas.id, personas.version, personas.persona, personas.evidence, personas.warnings, personas.usage,
      personas.created_at, personas.updated_at
  ), new_sources AS (
    INSERT INTO sources (id, tenant_id, persona_id, kind, url, title, chars, sha256, content, position, material_date,
      fetched_at, created_at)
    SELECT r.id, p_tenant, p_id, r.kind, r.url, r.title, r.chars, r.sha256, r.content, r.position, r.material_date,
      r.fetched_at, p_at
    FROM jsonb_to_recordset(p_sources) AS r(id text, kind text, url text, title text, chars integer, sha256 text,
      content text, position integer, material_date timestamptz, fetched_at timestamptz)
    RETURNING sources.id, sources.kind, sources.url, sources.title, sources.chars, sources.sha256,
      sources.material_date, sources.fetched_at, sources.created_at, sources.position
  ), new_version AS (
    INSERT INTO persona_versions (tenant_id, persona_id, version, persona, evidence, diff, cause, source_ids, created_at)
    VALUES (p_tenant, p_id, 1, p_persona, p_evidence, p_diff, p_cause, p_source_ids, p_at)
  ), new_cache_entry AS (
    INSERT INTO extraction_cache (tenant_id, cache_key, result)
    SELECT p_tenant, p_cache_key, p_cache_result WHERE p_cache_key IS NOT NULL
    ON CONFLICT DO NOTHING
  )
  SELECT p.id, p.version, p.persona, p.evidence, p.warnings, p.usage, p.created_at, p.updated_at,
    coalesce((SELECT json_agg(json_build_object('id', s.id, 'kind', s.kind, 'url', s.url, 'title', s.title,
      'chars', s.chars, 'sha256', s.sha256, 'material_date', s.material_date, 'fetched_at', s.fetched_at,
      'created_at', s.created_at) ORDER BY s.created_at, s.position) FROM new_sources s), '[]')
  FROM new_persona p; END
$$;

-- An extraction-cache read in one statement: `SELECT * FROM cached_extraction(tenant, key)` runs as
-- persona_studio_app with app.tenant_id set, so row-level security applies exactly as in a tenant transaction,
-- without the transaction. Every LLM create asks before (or while) its material is cleaned; as a tenant transaction
-- that was four statements on a reserved connection (BEGIN, scope, read, COMMIT), now one, which postgres.js
-- pipelines with other requests' statements. Role and scope are set and restored as for persona_resource
-- (0015_persona_resource.sql). Statements that end a line end the statement (see splitStatements), so the body
-- keeps its inner semicolons mid-line.
CREATE OR REPLACE FUNCTION cached_extraction(p_tenant text, p_key text)
RETURNS TABLE (result jsonb)
LANGUAGE plpgsql SET role = persona_studio_app SET app.tenant_id = '' AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true); RETURN QUERY
  SELECT c.result FROM extraction_cache c WHERE c.tenant_id = p_tenant AND c.cache_key = p_key; END
$$;

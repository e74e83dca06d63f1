-- Row-level security: defence in depth under the application's own tenant filters.
--
-- Tenant data is read and written as the role persona_studio_app (NOLOGIN, NOSUPERUSER, NOBYPASSRLS, owns nothing),
-- which the application switches to inside every tenant transaction together with the tenant setting:
--   SELECT set_config('role', 'persona_studio_app', true), set_config('app.tenant_id', '<tenant id>', true)
-- Both settings end with the transaction, so a pooled connection never carries one tenant into another's request.
-- The policies compare each row's tenant_id with app.tenant_id: without the setting a query sees nothing, and a query
-- that forgot its tenant_id filter still sees only its own tenant.
--
-- Policies apply to every role that is subject to RLS (no TO clause), so a later migration can add one for its own
-- table without depending on the role existing yet. The owner of the tables (the login that runs migrations) and
-- superusers bypass RLS: migrations, `persona-studio keys …` and the API key lookup run that way.
--
-- The role is cluster-wide, so its creation is idempotent and tolerates a concurrent creator (another database on the
-- same server migrating at the same moment). Statements stay on one line each (see splitStatements).

DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'persona_studio_app') THEN CREATE ROLE persona_studio_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;

-- The login that runs the application must be able to switch to the role (superusers can anyway). On PostgreSQL 16+
-- the creator of a role may grant it; on Supabase the `postgres` login has CREATEROLE.
DO $$ BEGIN IF NOT pg_has_role(current_user, 'persona_studio_app', 'MEMBER') THEN EXECUTE format('GRANT persona_studio_app TO %I', current_user); END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;

DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO persona_studio_app', current_schema()); EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO persona_studio_app', current_schema()); EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO persona_studio_app', current_schema()); END $$;
REVOKE ALL ON schema_migrations FROM persona_studio_app;

-- The tenant directory: the role sees its own tenant only.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants USING (id = current_setting('app.tenant_id', true)) WITH CHECK (id = current_setting('app.tenant_id', true));

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE personas ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON personas USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE persona_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON persona_versions USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE sources ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sources USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE extraction_cache ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON extraction_cache USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE project_slugs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON project_slugs USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE prd_revisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON prd_revisions USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE wireframes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON wireframes USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversations USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON messages USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

-- Persona Studio: initial schema. Every row carries its tenant; every access path is indexed by tenant first.

CREATE TABLE tenants (
  id          text PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- The public part of the key, used to find the row; the secret part is only stored as a SHA-256 hash.
  prefix        text NOT NULL UNIQUE,
  secret_hash   text NOT NULL,
  label         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

CREATE TABLE personas (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  version     integer NOT NULL,
  persona     jsonb NOT NULL,
  evidence    jsonb NOT NULL,
  warnings    jsonb NOT NULL DEFAULT '[]'::jsonb,
  usage       jsonb,
  search      tsvector NOT NULL DEFAULT ''::tsvector,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
-- List is newest first with a (created_at, id) cursor.
CREATE INDEX personas_tenant_created_idx ON personas (tenant_id, created_at DESC, id DESC);
CREATE INDEX personas_search_idx ON personas USING gin (search);

CREATE TABLE persona_versions (
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  persona_id  text NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
  version     integer NOT NULL,
  persona     jsonb NOT NULL,
  evidence    jsonb NOT NULL,
  diff        jsonb NOT NULL,
  cause       text NOT NULL,
  changes     jsonb,
  source_ids  jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (persona_id, version)
);
CREATE INDEX persona_versions_tenant_idx ON persona_versions (tenant_id, persona_id, version);

CREATE TABLE sources (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  persona_id  text NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('text', 'url', 'manual')),
  url         text,
  title       text,
  chars       integer NOT NULL,
  sha256      text NOT NULL,
  -- The cleaned text every evidence quote is a verbatim span of.
  content     text NOT NULL,
  -- Order within the request that added it (sources added together share created_at).
  position    integer NOT NULL DEFAULT 0,
  material_date timestamptz,
  fetched_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sources_tenant_persona_idx ON sources (tenant_id, persona_id, created_at);

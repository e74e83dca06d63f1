-- Extraction results of the LLM engine, per tenant, keyed by a hash of the cleaned material and the model, so the
-- same input is not paid for twice. Claims refer to sources by position, since source ids are new per request.
CREATE TABLE extraction_cache (
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  cache_key   text NOT NULL,
  result      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, cache_key)
);

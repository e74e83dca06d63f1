-- Idempotency-Key on POST and PATCH (src/http/idempotency.ts, draft-ietf-httpapi-idempotency-key-header): the first
-- request with a key claims it here (status in_flight, leased until locked_until), and its answer is stored when it
-- finishes (status done) and replayed to every later request with the same key and the same request until
-- expires_at. Shared by all nodes, so a retry that lands on another node is answered the same.
CREATE TABLE idempotency_keys (tenant_id text NOT NULL, key text NOT NULL, fingerprint text NOT NULL, status text NOT NULL CHECK (status IN ('in_flight', 'done')), response_status integer, response_headers jsonb, response_body bytea, locked_until timestamptz NOT NULL, expires_at timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant_id, key));
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

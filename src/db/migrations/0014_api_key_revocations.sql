-- Every node keeps the keys it verified for API_KEY_CACHE_SECONDS (src/auth/key-cache.ts). So that a revoked,
-- rotated or deleted key stops working on every node at once, the database announces it on the channel
-- `api_key_revoked` with the key's public prefix; each node LISTENs and forgets that key. A trigger rather than a call
-- in the CLI: a key revoked by hand in SQL (a runbook step) is announced too. NOTIFY is sent on commit only.
-- (The function body stays on one line: migrations are split at semicolons that end a line.)
CREATE OR REPLACE FUNCTION api_key_revoked_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('api_key_revoked', OLD.prefix); RETURN NULL; END $$;

DROP TRIGGER IF EXISTS api_keys_revoked_notify ON api_keys;

-- last_used_at changes every minute per key in use: it announces nothing.
CREATE TRIGGER api_keys_revoked_notify AFTER UPDATE ON api_keys FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.secret_hash IS DISTINCT FROM NEW.secret_hash
        OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.prefix IS DISTINCT FROM NEW.prefix)
  EXECUTE FUNCTION api_key_revoked_notify();

DROP TRIGGER IF EXISTS api_keys_deleted_notify ON api_keys;

CREATE TRIGGER api_keys_deleted_notify AFTER DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION api_key_revoked_notify();

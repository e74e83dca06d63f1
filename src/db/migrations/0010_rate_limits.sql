-- Request counters of the rate limits (src/http/rate-limit.ts, rate-limiter-flexible's Drizzle store), shared by every
-- node on this database so a tenant's limit holds across nodes. One row per limited key ("tenant:<id>",
-- "unauthenticated:<address>") and fixed window: `points` used so far, the window ending at `expire`.
--
-- UNLOGGED: every API request updates a row, and counters that live at most a minute are not worth a WAL write and
-- an fsync each; after a crash Postgres empties the table, which only resets the current windows.
--
-- Not tenant data (the key names the tenant or the client address): row-level security is on with no policy, so
-- the application role and Supabase's API roles see nothing; the login that owns the table (the nodes) bypasses it.
CREATE UNLOGGED TABLE rate_limits (key text PRIMARY KEY, points integer NOT NULL, expire timestamptz);
CREATE INDEX rate_limits_expire_idx ON rate_limits (expire);
ALTER TABLE rate_limits ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON rate_limits FROM persona_studio_app;

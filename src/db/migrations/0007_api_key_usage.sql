-- When each API key was last used (updated at most once a minute per key, off the request's path), for
-- `persona-studio keys list`.
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;

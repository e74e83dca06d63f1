-- Spoken replies (GET /v1/conversations/{id}/messages/{mid}/audio), cached per message: a finished assistant message
-- never changes, so it is spoken once per voice and format. Rows go with their message (and tenant).
CREATE TABLE message_audio (
  tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  message_id  text NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  -- The engine, model and voice that spoke it ("espeak-ng:en-us", "openai:tts-1:alloy"): another voice, new audio.
  voice       text NOT NULL,
  format      text NOT NULL CHECK (format IN ('ogg', 'wav')),
  audio       bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, message_id, voice, format)
);
CREATE INDEX message_audio_message_idx ON message_audio (message_id);

-- Row-level security in the form of 0007_rls.sql.
ALTER TABLE message_audio ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON message_audio USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

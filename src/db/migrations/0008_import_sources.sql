-- Imported persona files (JSON, Character Card V2/V3, TinyTroupe agents) are kept as sources of kind 'imported': the
-- content is the file's JSON, and every imported value quotes it (evidence kind 'imported').
ALTER TABLE sources DROP CONSTRAINT sources_kind_check;
ALTER TABLE sources ADD CONSTRAINT sources_kind_check CHECK (kind IN ('text', 'url', 'manual', 'imported'));

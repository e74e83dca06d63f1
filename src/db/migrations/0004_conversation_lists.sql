-- Listing a persona's chats or a project's interviews, most recently active first, walks one of these indexes in
-- order (the cursor is updated_at, id) instead of sorting every conversation of the tenant.
CREATE INDEX conversations_persona_activity_idx ON conversations (tenant_id, persona_id, updated_at DESC, id DESC) WHERE kind = 'persona';
CREATE INDEX conversations_project_activity_idx ON conversations (tenant_id, project_id, updated_at DESC, id DESC) WHERE kind = 'interview';

-- Conflicts a merge found between a persona's value and the value new material proposes, kept until the user resolves
-- them (keep the current value, take the proposed one, or write another). Every row carries its tenant.
CREATE TABLE persona_conflicts (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  persona_id       text NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
  field            text NOT NULL,
  -- { value, evidence } before the merge and as the new material proposes it.
  current          jsonb NOT NULL,
  proposed         jsonb NOT NULL,
  -- Which of the two the merge left in the persona, and by which rule.
  applied          text NOT NULL CHECK (applied IN ('current', 'proposed')),
  rule             text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'resolved', 'superseded')),
  -- { action, value } once resolved.
  resolution       jsonb,
  created_version  integer NOT NULL,
  resolved_version integer,
  created_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at      timestamptz
);
CREATE INDEX persona_conflicts_pending_idx ON persona_conflicts (tenant_id, persona_id, created_at) WHERE status = 'pending';

-- Row-level security in the form of 0007_rls.sql.
ALTER TABLE persona_conflicts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON persona_conflicts USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

-- Row-level security on the focus-group tables, in the form of 0007_rls.sql (policies with no TO clause, so they do
-- not depend on the application role existing yet): a row is visible only when its tenant_id is the transaction's
-- app.tenant_id. The tables' owner bypasses RLS, so this changes nothing until the application switches role.
ALTER TABLE focus_groups ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON focus_groups USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
ALTER TABLE focus_group_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON focus_group_messages USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

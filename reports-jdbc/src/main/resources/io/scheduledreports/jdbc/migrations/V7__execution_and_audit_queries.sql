-- The resolved parameters of each run (relative date windows as concrete dates), written when the run is created.
ALTER TABLE ${prefix}report_executions ADD resolved_params ${text};

-- GET /report-executions: a tenant's executions across schedules, newest first (status filters use
-- ix_re_tenant_status, schedule filters ix_re_schedule).
CREATE INDEX ${prefix}ix_re_tenant_created ON ${prefix}report_executions (tenant_id, created_at, id);

-- GET /audit-events: a tenant's events newest first, filtered by actor or action (entity_id filters use
-- ix_audit_entity).
CREATE INDEX ${prefix}ix_audit_tenant_time ON ${prefix}audit_events (tenant_id, occurred_at, id);
CREATE INDEX ${prefix}ix_audit_tenant_actor ON ${prefix}audit_events (tenant_id, actor, occurred_at);
CREATE INDEX ${prefix}ix_audit_tenant_action ON ${prefix}audit_events (tenant_id, action, occurred_at);

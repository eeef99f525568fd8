-- What a scheduled run does while the previous run of its schedule is still queued or running: SKIP (recorded
-- as a SKIPPED execution with the reason) or QUEUE (runs after it). Existing schedules get the safe default.
ALTER TABLE ${prefix}scheduled_reports ADD overlap_policy VARCHAR(16) DEFAULT 'SKIP' NOT NULL;

-- One row per tenant, locked (SELECT ... FOR UPDATE) by operations that check a per-tenant count before they
-- insert (active-schedule quota, manual runs per hour), so that concurrent requests cannot both pass the check.
CREATE TABLE ${prefix}tenant_locks (
    tenant_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    created_at ${timestamp} NOT NULL
)${table_options};

-- Dead letters (work that failed for the last time) and cluster-wide tenant permits (leases).

CREATE TABLE ${prefix}dead_letters (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id       VARCHAR(64)  NOT NULL,
    schedule_id     VARCHAR(36)  NOT NULL,
    execution_id    VARCHAR(36)  NOT NULL,
    delivery_id     VARCHAR(36),
    kind            VARCHAR(16)  NOT NULL,
    error_category  VARCHAR(16)  NOT NULL,
    error_message   ${text},
    error_detail    ${text},
    attempts        INTEGER      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    resolution_note ${text},
    resolved_by     VARCHAR(128),
    resolved_at     ${timestamp},
    created_at      ${timestamp} NOT NULL,
    updated_at      ${timestamp} NOT NULL
)${table_options};

CREATE INDEX ${prefix}ix_dl_tenant_status ON ${prefix}dead_letters (tenant_id, status, created_at);

CREATE INDEX ${prefix}ix_dl_execution ON ${prefix}dead_letters (execution_id);

-- One row per (tenant, slot): a tenant with limit N has at most N slots; a slot is free when its lease expired.
CREATE TABLE ${prefix}tenant_permits (
    tenant_id  VARCHAR(64)  NOT NULL,
    slot       INTEGER      NOT NULL,
    work_id    VARCHAR(36)  NOT NULL,
    holder     VARCHAR(100) NOT NULL,
    expires_at ${timestamp} NOT NULL,
    PRIMARY KEY (tenant_id, slot)
)${table_options};

-- Failure notifications are sent once per execution.
ALTER TABLE ${prefix}report_executions ADD failure_notified_at ${timestamp};

-- Operations (issue 24): every failed attempt with its category (retry history of dead letters, error frequency by
-- category), alerts raised once per crossing across the cluster, and the effective timeout of each execution.

CREATE TABLE ${prefix}attempt_failures (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id      VARCHAR(64)  NOT NULL,
    execution_id   VARCHAR(36)  NOT NULL,
    delivery_id    VARCHAR(36),
    kind           VARCHAR(16)  NOT NULL,
    attempt        INTEGER      NOT NULL,
    error_category VARCHAR(16)  NOT NULL,
    error_message  ${text},
    failed_at      ${timestamp} NOT NULL
)${table_options};

CREATE INDEX ${prefix}ix_af_tenant_time ON ${prefix}attempt_failures (tenant_id, failed_at);

CREATE INDEX ${prefix}ix_af_execution ON ${prefix}attempt_failures (execution_id, failed_at);

CREATE INDEX ${prefix}ix_af_time ON ${prefix}attempt_failures (failed_at);

-- One row per raised alert (dead-letter threshold of a tenant, dead-letter cap, delivery backlog of a channel):
-- the instance whose insert wins tells the listeners; the row is deleted when the condition clears (re-armed).
CREATE TABLE ${prefix}ops_alerts (
    alert_key  VARCHAR(120) NOT NULL PRIMARY KEY,
    raised_at  ${timestamp} NOT NULL,
    seen_value BIGINT       NOT NULL
)${table_options};

ALTER TABLE ${prefix}report_executions ADD timeout_seconds INTEGER;

CREATE INDEX ${prefix}ix_rd_status_channel ON ${prefix}report_deliveries (status, channel);

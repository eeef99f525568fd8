-- Schedules, recipients, executions, deliveries, audit log and db-scheduler's task table.
-- Placeholders: ${prefix} table prefix; ${timestamp}, ${text}, ${blob}, ${table_options} per dialect.
-- Instants are UTC; ids are UUID strings; JSON is stored as text.

CREATE TABLE ${prefix}scheduled_reports (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id       VARCHAR(64)  NOT NULL,
    owner_id        VARCHAR(128) NOT NULL,
    created_by      VARCHAR(128) NOT NULL,
    updated_by      VARCHAR(128) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    report_type     VARCHAR(64)  NOT NULL,
    report_params   ${text}      NOT NULL,
    output_format   VARCHAR(32)  NOT NULL,
    schedule_config ${text}      NOT NULL,
    timezone        VARCHAR(64)  NOT NULL,
    locale          VARCHAR(35)  NOT NULL,
    misfire_policy  VARCHAR(16)  NOT NULL,
    delivery_options ${text}     NOT NULL,
    empty_report_policy VARCHAR(16) NOT NULL,
    timeout_seconds INTEGER,
    status          VARCHAR(16)  NOT NULL,
    next_run_at     ${timestamp},
    last_run_at     ${timestamp},
    last_success_at ${timestamp},
    paused_at       ${timestamp},
    deleted_at      ${timestamp},
    version         BIGINT       NOT NULL,
    created_at      ${timestamp} NOT NULL,
    updated_at      ${timestamp} NOT NULL
)${table_options};

CREATE INDEX ${prefix}ix_sr_tenant_status ON ${prefix}scheduled_reports (tenant_id, status, created_at);

CREATE INDEX ${prefix}ix_sr_tenant_owner ON ${prefix}scheduled_reports (tenant_id, owner_id, status);

CREATE TABLE ${prefix}schedule_recipients (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    schedule_id VARCHAR(36)  NOT NULL,
    tenant_id   VARCHAR(64)  NOT NULL,
    channel     VARCHAR(32)  NOT NULL,
    destination VARCHAR(512) NOT NULL,
    options     ${text}      NOT NULL,
    added_by    VARCHAR(128) NOT NULL,
    created_at  ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}uq_recipient UNIQUE (schedule_id, channel, destination),
    CONSTRAINT ${prefix}fk_recipient_schedule FOREIGN KEY (schedule_id) REFERENCES ${prefix}scheduled_reports (id)
)${table_options};

CREATE TABLE ${prefix}report_executions (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id       VARCHAR(64)  NOT NULL,
    schedule_id     VARCHAR(36)  NOT NULL,
    scheduled_for   ${timestamp} NOT NULL,
    run_trigger     VARCHAR(16)  NOT NULL,
    status          VARCHAR(24)  NOT NULL,
    params_snapshot ${text}      NOT NULL,
    output_format   VARCHAR(32)  NOT NULL,
    attempt         INTEGER      NOT NULL,
    started_at      ${timestamp},
    finished_at     ${timestamp},
    duration_ms     BIGINT,
    row_count       BIGINT,
    artifact_key    VARCHAR(512),
    artifact_name   VARCHAR(255),
    media_type      VARCHAR(128),
    artifact_size   BIGINT,
    artifact_sha256 VARCHAR(64),
    available_until ${timestamp},
    error_category  VARCHAR(16),
    error_message   ${text},
    error_detail    ${text},
    created_at      ${timestamp} NOT NULL,
    updated_at      ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}uq_execution_slot UNIQUE (schedule_id, scheduled_for, run_trigger),
    CONSTRAINT ${prefix}fk_execution_schedule FOREIGN KEY (schedule_id) REFERENCES ${prefix}scheduled_reports (id)
)${table_options};

CREATE INDEX ${prefix}ix_re_schedule ON ${prefix}report_executions (schedule_id, scheduled_for);

CREATE INDEX ${prefix}ix_re_tenant_status ON ${prefix}report_executions (tenant_id, status, created_at);

CREATE INDEX ${prefix}ix_re_created ON ${prefix}report_executions (created_at);

CREATE TABLE ${prefix}report_deliveries (
    id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id         VARCHAR(64)  NOT NULL,
    execution_id      VARCHAR(36)  NOT NULL,
    recipient_id      VARCHAR(36)  NOT NULL,
    channel           VARCHAR(32)  NOT NULL,
    destination       VARCHAR(512) NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    attempts          INTEGER      NOT NULL,
    idempotency_key   VARCHAR(80)  NOT NULL,
    provider_reference VARCHAR(255),
    error_category    VARCHAR(16),
    last_error        ${text},
    sent_at           ${timestamp},
    created_at        ${timestamp} NOT NULL,
    updated_at        ${timestamp} NOT NULL,
    CONSTRAINT ${prefix}uq_delivery_recipient UNIQUE (execution_id, recipient_id),
    CONSTRAINT ${prefix}uq_delivery_key UNIQUE (idempotency_key),
    CONSTRAINT ${prefix}fk_delivery_execution FOREIGN KEY (execution_id) REFERENCES ${prefix}report_executions (id)
)${table_options};

CREATE TABLE ${prefix}audit_events (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    actor       VARCHAR(128) NOT NULL,
    action      VARCHAR(32)  NOT NULL,
    entity_type VARCHAR(32)  NOT NULL,
    entity_id   VARCHAR(36)  NOT NULL,
    old_value   ${text},
    new_value   ${text},
    occurred_at ${timestamp} NOT NULL
)${table_options};

CREATE INDEX ${prefix}ix_audit_entity ON ${prefix}audit_events (tenant_id, entity_id, occurred_at);

CREATE TABLE ${prefix}report_scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            ${blob},
    execution_time       ${timestamp} NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         ${timestamp},
    last_failure         ${timestamp},
    consecutive_failures INTEGER,
    last_heartbeat       ${timestamp},
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
)${table_options};

CREATE INDEX ${prefix}ix_tasks_execution_time ON ${prefix}report_scheduled_tasks (execution_time);

CREATE INDEX ${prefix}ix_tasks_heartbeat ON ${prefix}report_scheduled_tasks (last_heartbeat);

CREATE INDEX ${prefix}ix_tasks_priority ON ${prefix}report_scheduled_tasks (priority, execution_time);

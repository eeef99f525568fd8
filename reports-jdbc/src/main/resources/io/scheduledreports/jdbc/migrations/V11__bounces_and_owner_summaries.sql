-- Bounces: permanent refusals of a recipient in a row (reset by a successful delivery or by re-activation).
ALTER TABLE ${prefix}schedule_recipients ADD bounce_count INTEGER DEFAULT 0 NOT NULL;

ALTER TABLE ${prefix}schedule_recipients ADD last_bounce_at ${timestamp};

-- Weekly owner summaries: one row per (tenant, owner, week), claimed in the transaction that queues the mail,
-- so an owner gets one summary per week however many instances run the job.
CREATE TABLE ${prefix}owner_summaries (
    tenant_id   VARCHAR(64)  NOT NULL,
    owner_id    VARCHAR(128) NOT NULL,
    week_start  VARCHAR(10)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    created_at  ${timestamp} NOT NULL,
    PRIMARY KEY (tenant_id, owner_id, week_start)
)${table_options};

-- Owners who asked for no weekly summary.
CREATE TABLE ${prefix}owner_summary_opt_outs (
    tenant_id   VARCHAR(64)  NOT NULL,
    owner_id    VARCHAR(128) NOT NULL,
    created_at  ${timestamp} NOT NULL,
    PRIMARY KEY (tenant_id, owner_id)
)${table_options};

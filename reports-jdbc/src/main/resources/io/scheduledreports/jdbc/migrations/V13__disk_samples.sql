-- One sample of the artifact store's space per UTC day, kept 90 days, for the disk trend. The day is the primary
-- key: whichever instance inserts first records the day's sample; the others' inserts fail and are ignored.
-- free_bytes and total_bytes are null when the store cannot tell (object storage); artifact_bytes and
-- artifact_files are the library's own stored files as the execution rows record them.
CREATE TABLE ${prefix}disk_samples (
    sample_day     DATE         NOT NULL PRIMARY KEY,
    sampled_at     ${timestamp} NOT NULL,
    instance_name  VARCHAR(128) NOT NULL,
    artifact_bytes BIGINT       NOT NULL,
    artifact_files BIGINT       NOT NULL,
    free_bytes     BIGINT,
    total_bytes    BIGINT
)${table_options};

-- Delivery success per channel over a recent window (a cluster-wide gauge) reads finished deliveries by time.
CREATE INDEX ${prefix}ix_rd_status_updated ON ${prefix}report_deliveries (status, updated_at);

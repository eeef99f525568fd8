-- One row per backup archive written to the artifact store (issue 24 item 9): where it is, when, how big, its
-- SHA-256 and whether reading it back verified it. Retention deletes the file, then the row. The encryption key is
-- never stored.
CREATE TABLE ${prefix}backup_archives (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    archive_key    VARCHAR(512) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    run_trigger    VARCHAR(16)  NOT NULL,
    schema_version INTEGER      NOT NULL,
    row_count      BIGINT,
    size_bytes     BIGINT,
    sha256         VARCHAR(64),
    error_message  ${text},
    started_at     ${timestamp} NOT NULL,
    finished_at    ${timestamp} NOT NULL
)${table_options};

CREATE INDEX ${prefix}ix_backup_started ON ${prefix}backup_archives (started_at);

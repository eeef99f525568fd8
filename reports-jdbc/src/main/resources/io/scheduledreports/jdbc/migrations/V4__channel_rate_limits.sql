-- Per-channel rate limits, cluster-wide: one row per (channel, rate key, window) counts the sends granted in that
-- window; a delivery that must wait keeps its reserved turn in channel_rate_reservations until it is due.
CREATE TABLE ${prefix}channel_rate_windows (
    channel      VARCHAR(64)  NOT NULL,
    rate_key     VARCHAR(255) NOT NULL,
    window_start ${timestamp} NOT NULL,
    used         INTEGER      NOT NULL,
    PRIMARY KEY (channel, rate_key, window_start)
)${table_options};

CREATE TABLE ${prefix}channel_rate_reservations (
    delivery_id  VARCHAR(36)  NOT NULL PRIMARY KEY,
    channel      VARCHAR(64)  NOT NULL,
    rate_key     VARCHAR(255) NOT NULL,
    due_at       ${timestamp} NOT NULL
)${table_options};

package io.scheduledreports.jdbc;

/**
 * The names of the library's tables, all sharing one optional prefix so that they never collide with a
 * host's own tables (including a host's own db-scheduler {@code scheduled_tasks}).
 *
 * @param prefix the prefix, empty or ending with an underscore by convention, e.g. {@code "rpt_"}
 */
public record TableNames(String prefix) {

    /** Validates the prefix. */
    public TableNames {
        if (prefix == null) {
            prefix = "";
        }
        if (!prefix.matches("[A-Za-z0-9_]{0,20}")) {
            throw new IllegalArgumentException("tablePrefix: must be at most 20 of [A-Za-z0-9_], was '" + prefix + "'");
        }
    }

    /** Names without a prefix. */
    public static TableNames unprefixed() {
        return new TableNames("");
    }

    /** Schedules. */
    public String schedules() {
        return prefix + "scheduled_reports";
    }

    /** Recipients of schedules. */
    public String recipients() {
        return prefix + "schedule_recipients";
    }

    /** Executions (one per run). */
    public String executions() {
        return prefix + "report_executions";
    }

    /** Deliveries (one per execution and recipient). */
    public String deliveries() {
        return prefix + "report_deliveries";
    }

    /** Append-only audit log. */
    public String auditEvents() {
        return prefix + "audit_events";
    }

    /** Work that failed for the last time. */
    public String deadLetters() {
        return prefix + "dead_letters";
    }

    /** Cluster-wide tenant permits. */
    public String tenantPermits() {
        return prefix + "tenant_permits";
    }

    /** Sends granted per channel, rate key and window (per-channel rate limits). */
    public String channelRateWindows() {
        return prefix + "channel_rate_windows";
    }

    /** Deliveries waiting for their reserved turn under a channel rate limit. */
    public String channelRateReservations() {
        return prefix + "channel_rate_reservations";
    }

    /** One row per tenant, locked to serialise per-tenant count checks (quotas, manual runs). */
    public String tenantLocks() {
        return prefix + "tenant_locks";
    }

    /** Holiday calendars stored per tenant through the API. */
    public String holidayCalendars() {
        return prefix + "holiday_calendars";
    }

    /** One sample of the artifact store's space per day (disk trend). */
    public String diskSamples() {
        return prefix + "disk_samples";
    }

    /** db-scheduler's task table, ours alone. */
    public String tasks() {
        return prefix + "report_scheduled_tasks";
    }

    /** Applied schema migrations. */
    public String schemaVersion() {
        return prefix + "reports_schema_version";
    }

    /** Failed attempts of generations and deliveries (retry history, error frequency). */
    public String attemptFailures() {
        return prefix + "attempt_failures";
    }

    /** Alerts raised once per crossing (dead-letter threshold and cap, delivery backlog). */
    public String opsAlerts() {
        return prefix + "ops_alerts";
    }
}

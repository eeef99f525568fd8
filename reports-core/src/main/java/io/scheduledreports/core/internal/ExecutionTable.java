package io.scheduledreports.core.internal;

import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the executions table: runs, their attempts, files and retention.
 */
final class ExecutionTable {

    private final SqlSupport sql;

    ExecutionTable(SqlSupport sql) {
        this.sql = sql;
    }

    /** Stores the first rows of an execution's report, captured for channels that show them inline. */
    void setSampleRows(Handle h, String executionId, String json) {
        sql.update(h, "UPDATE <executions> SET sample_rows = :json WHERE id = :id")
                .bind("json", json)
                .bind("id", executionId)
                .execute();
    }

    /** The first rows of an execution's report as stored by {@link #setSampleRows}, or null. */
    String sampleRows(Handle h, String executionId) {
        return sql.query(h, "SELECT sample_rows FROM <executions> WHERE id = :id")
                .bind("id", executionId)
                .mapTo(String.class)
                .findOne()
                .orElse(null);
    }

    boolean executionExists(Handle h, String scheduleId, Instant scheduledFor, Trigger trigger) {
        return sql.query(h, """
                SELECT COUNT(*) FROM <executions>
                WHERE schedule_id = :s AND scheduled_for = :f AND run_trigger = :tr
                """)
                        .bind("s", scheduleId)
                        .bind("f", scheduledFor)
                        .bind("tr", trigger.name())
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    /** The id of an execution of the schedule that is queued, running or retrying (of one trigger, when given). */
    Optional<String> activeExecution(Handle h, String scheduleId, Trigger trigger) {
        return sql.query(h, """
                SELECT id FROM <executions>
                WHERE schedule_id = :s AND status IN ('QUEUED', 'RUNNING', 'RETRYING')
                """ + (trigger == null ? "" : " AND run_trigger = :tr") + " ORDER BY created_at LIMIT 1")
                .bind("s", scheduleId)
                .bind("tr", trigger == null ? null : trigger.name())
                .mapTo(String.class)
                .findOne();
    }

    /**
     * {@link #activeExecution} (any trigger) for many schedules in one statement, as a batch firing needs it: for
     * each schedule that has an execution queued, running or retrying, the id of its earliest one by
     * {@code created_at}; schedules without one are absent from the map.
     */
    java.util.Map<String, String> activeExecutions(Handle h, java.util.Collection<String> scheduleIds) {
        java.util.Map<String, String> earliest = new java.util.HashMap<>();
        if (scheduleIds.isEmpty()) {
            return earliest;
        }
        sql.query(h, """
                SELECT schedule_id, id FROM <executions>
                WHERE schedule_id IN (<ids>) AND status IN ('QUEUED', 'RUNNING', 'RETRYING')
                ORDER BY created_at
                """)
                .bindList("ids", List.copyOf(scheduleIds))
                .map((rs, ctx) -> java.util.Map.entry(rs.getString("schedule_id"), rs.getString("id")))
                .forEach(e -> earliest.putIfAbsent(e.getKey(), e.getValue()));
        return earliest;
    }

    /** When the latest manual run of the schedule was asked for, if any. */
    Optional<Instant> lastManualRun(Handle h, String scheduleId) {
        return sql.query(h, """
                SELECT created_at FROM <executions>
                WHERE schedule_id = :s AND run_trigger = 'MANUAL' ORDER BY created_at DESC LIMIT 1
                """)
                .bind("s", scheduleId)
                .map((rs, ctx) -> sql.instant(rs, "created_at"))
                .findOne();
    }

    /** When the tenant's manual runs asked for since {@code since} were asked for, oldest first. */
    List<Instant> manualRunsSince(Handle h, String tenantId, Instant since, int limit) {
        return sql.query(h, """
                SELECT created_at FROM <executions> WHERE tenant_id = :t
                AND run_trigger = 'MANUAL' AND created_at > :since ORDER BY created_at LIMIT :limit
                """)
                .bind("t", tenantId)
                .bind("since", since)
                .bind("limit", limit)
                .map((rs, ctx) -> sql.instant(rs, "created_at"))
                .list();
    }

    /** Records a run that was not started, with the reason (overlap policy SKIP). */
    /** Marks a run skipped; binds {@code id}, {@code reason} (clipped), {@code now}. */
    static final String MARK_SKIPPED = """
            UPDATE <executions> SET status = 'SKIPPED', error_message = :reason,
            finished_at = :now, updated_at = :now WHERE id = :id
            """;

    /** Records a QUEUED run; binds id, tenantId, scheduleId, scheduledFor, trigger, params, format, resolved, now. */
    static final String INSERT_EXECUTION = """
            INSERT INTO <executions> (id, tenant_id, schedule_id, scheduled_for, run_trigger,
            status, params_snapshot, output_format, attempt, resolved_params, created_at, updated_at)
            VALUES (:id, :tenantId, :scheduleId, :scheduledFor, :trigger, 'QUEUED', :params, :format, 0,
            :resolved, :now, :now)
            """;

    void markSkipped(Handle h, String id, String reason, Instant now) {
        sql.update(h, MARK_SKIPPED).bindMap(skippedParams(id, reason, now)).execute();
    }

    /** The parameters of {@link #MARK_SKIPPED} (one statement, or one row of a batch). */
    static java.util.Map<String, Object> skippedParams(String id, String reason, Instant now) {
        return java.util.Map.of("id", id, "reason", Text.clip(reason, 2000), "now", now);
    }

    /** Inserts a QUEUED execution with its resolved parameters (JSON, or null) in one statement. */
    void insertExecution(
            Handle h,
            String id,
            String tenantId,
            String scheduleId,
            Instant scheduledFor,
            Trigger trigger,
            String paramsSnapshot,
            String outputFormat,
            String resolvedParams,
            Instant now) {
        sql.update(h, INSERT_EXECUTION)
                .bindMap(insertParams(
                        id,
                        tenantId,
                        scheduleId,
                        scheduledFor,
                        trigger,
                        paramsSnapshot,
                        outputFormat,
                        resolvedParams,
                        now))
                .execute();
    }

    /** The parameters of {@link #INSERT_EXECUTION} (one statement, or one row of a batch). */
    static java.util.Map<String, Object> insertParams(
            String id,
            String tenantId,
            String scheduleId,
            Instant scheduledFor,
            Trigger trigger,
            String paramsSnapshot,
            String outputFormat,
            String resolvedParams,
            Instant now) {
        java.util.Map<String, Object> p = new java.util.HashMap<>(); // values may be null
        p.put("id", id);
        p.put("tenantId", tenantId);
        p.put("scheduleId", scheduleId);
        p.put("scheduledFor", scheduledFor);
        p.put("trigger", trigger.name());
        p.put("params", paramsSnapshot);
        p.put("format", outputFormat);
        p.put("resolved", resolvedParams);
        p.put("now", now);
        return p;
    }

    Optional<ExecutionRow> execution(Handle h, String id) {
        return sql.query(h, "SELECT * FROM <executions> WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> execution(rs))
                .findOne();
    }

    Optional<ExecutionRow> executionForUpdate(Handle h, String id) {
        return sql.query(h, "SELECT * FROM <executions> WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map((rs, ctx) -> execution(rs))
                .findOne();
    }

    Optional<ExecutionRow> execution(Handle h, String tenantId, String id) {
        return sql.query(h, "SELECT * FROM <executions> WHERE id = :id AND tenant_id = :tenantId")
                .bind("id", id)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> execution(rs))
                .findOne();
    }

    List<ExecutionRow> listExecutions(Handle h, String tenantId, String scheduleId, int offset, int limit) {
        return sql.query(h, """
                SELECT * FROM <executions> WHERE tenant_id = :tenantId AND schedule_id = :s
                ORDER BY scheduled_for DESC, created_at DESC, id LIMIT :limit OFFSET :offset
                """)
                .bind("tenantId", tenantId)
                .bind("s", scheduleId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> execution(rs))
                .list();
    }

    long countExecutions(Handle h, String tenantId, String scheduleId) {
        return sql.query(h, "SELECT COUNT(*) FROM <executions> WHERE tenant_id = :tenantId AND schedule_id = :s")
                .bind("tenantId", tenantId)
                .bind("s", scheduleId)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Starts an attempt if nobody else did (fenced on the attempt number), storing the timeout it runs under
     * (issue 24) in the same statement.
     */
    boolean markRunning(Handle h, String id, int fromAttempt, java.time.Duration timeout, Instant now) {
        return sql.update(h, """
                UPDATE <executions>
                SET status = 'RUNNING', attempt = :next, started_at = :now, timeout_seconds = :timeout,
                finished_at = NULL, updated_at = :now WHERE id = :id AND attempt = :from
                AND status IN ('QUEUED', 'RETRYING', 'RUNNING')
                """)
                        .bind("id", id)
                        .bind("from", fromAttempt)
                        .bind("next", fromAttempt + 1)
                        .bind("timeout", (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds()))
                        .bind("now", now)
                        .execute()
                == 1;
    }

    boolean markGenerated(
            Handle h,
            String id,
            int attempt,
            ExecutionStatus status,
            long rowCount,
            String key,
            String fileName,
            String mediaType,
            long size,
            String sha256,
            Instant availableUntil,
            long durationMs,
            Instant now) {
        return sql.update(h, """
                UPDATE <executions> SET status = :status, row_count = :rows,
                artifact_key = :key, artifact_name = :name, media_type = :mediaType, artifact_size = :size,
                artifact_sha256 = :sha, available_until = :until, duration_ms = :duration,
                finished_at = :now, error_category = NULL, error_message = NULL, error_detail = NULL,
                updated_at = :now WHERE id = :id AND attempt = :attempt AND status = 'RUNNING'
                """)
                        .bind("id", id)
                        .bind("attempt", attempt)
                        .bind("status", status.name())
                        .bind("rows", rowCount)
                        .bind("key", key)
                        .bind("name", fileName)
                        .bind("mediaType", mediaType)
                        .bind("size", size)
                        .bind("sha", sha256)
                        .bind("until", availableUntil)
                        .bind("duration", durationMs)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Records a failed attempt; {@code status} is RETRYING or FAILED. Fenced on the attempt. */
    boolean markGenerationFailed(
            Handle h,
            String id,
            int attempt,
            ExecutionStatus status,
            ErrorCategory category,
            String message,
            String detail,
            long durationMs,
            Instant now) {
        return sql.update(h, """
                UPDATE <executions> SET status = :status, error_category = :category,
                error_message = :message, error_detail = :detail, duration_ms = :duration,
                finished_at = :now, updated_at = :now WHERE id = :id AND attempt = :attempt
                AND status = 'RUNNING'
                """)
                        .bind("id", id)
                        .bind("attempt", attempt)
                        .bind("status", status.name())
                        .bind("category", category.name())
                        .bind("message", Text.clip(message, 2000))
                        .bind("detail", Text.clip(detail, 4000))
                        .bind("duration", durationMs)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    void setExecutionStatus(Handle h, String id, ExecutionStatus status, Instant now) {
        sql.update(h, "UPDATE <executions> SET status = :status, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("status", status.name())
                .bind("now", now)
                .execute();
    }

    /** Sets the final status of an execution that is still DELIVERING; whether it was. */
    boolean settleDelivering(Handle h, String id, ExecutionStatus status, Instant now) {
        return sql.update(h, """
                        UPDATE <executions> SET status = :status, updated_at = :now
                        WHERE id = :id AND status = 'DELIVERING'
                        """)
                        .bind("id", id)
                        .bind("status", status.name())
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Puts a failed execution back in the queue for a replay (attempts restart). */
    boolean requeueExecution(Handle h, String id, Instant now) {
        return sql.update(h, """
                UPDATE <executions> SET status = 'QUEUED', attempt = 0, error_category = NULL,
                error_message = NULL, error_detail = NULL, updated_at = :now WHERE id = :id
                AND status = 'FAILED'
                """).bind("id", id).bind("now", now).execute() == 1;
    }

    List<String> pendingExecutionIds(Handle h, String scheduleId) {
        return sql.query(h, """
                SELECT id FROM <executions>
                WHERE schedule_id = :s AND status IN ('QUEUED', 'RETRYING')
                """).bind("s", scheduleId).mapTo(String.class).list();
    }

    /** The schedule's latest run whose file is still in the store (for test deliveries). */
    Optional<ExecutionRow> lastGeneratedExecution(Handle h, String scheduleId) {
        return sql.query(h, """
                SELECT * FROM <executions> WHERE schedule_id = :s
                AND status IN ('DELIVERING', 'SUCCEEDED', 'PARTIALLY_DELIVERED') AND artifact_key IS NOT NULL
                ORDER BY scheduled_for DESC, created_at DESC LIMIT 1
                """)
                .bind("s", scheduleId)
                .map((rs, ctx) -> execution(rs))
                .findOne();
    }

    /** The checksum of the schedule's latest delivered run before {@code excludingId}, for CHANGED. */
    Optional<String> lastDeliveredChecksum(Handle h, String scheduleId, String excludingId) {
        return sql.query(h, """
                SELECT artifact_sha256 FROM <executions> WHERE schedule_id = :s AND id <> :x
                AND status IN ('DELIVERING', 'SUCCEEDED', 'PARTIALLY_DELIVERED', 'EXPIRED')
                ORDER BY scheduled_for DESC, created_at DESC LIMIT 1
                """)
                .bind("s", scheduleId)
                .bind("x", excludingId)
                .mapTo(String.class)
                .findOne();
    }

    ExecutionRow execution(ResultSet rs) throws SQLException {
        String category = rs.getString("error_category");
        return new ExecutionRow(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("schedule_id"),
                sql.instant(rs, "scheduled_for"),
                Trigger.valueOf(rs.getString("run_trigger")),
                rs.getString("status"),
                rs.getString("params_snapshot"),
                rs.getString("output_format"),
                rs.getInt("attempt"),
                sql.instant(rs, "started_at"),
                sql.instant(rs, "finished_at"),
                (Long) rs.getObject("duration_ms", Long.class),
                (Long) rs.getObject("row_count", Long.class),
                rs.getString("artifact_key"),
                rs.getString("artifact_name"),
                rs.getString("media_type"),
                (Long) rs.getObject("artifact_size", Long.class),
                rs.getString("artifact_sha256"),
                sql.instant(rs, "available_until"),
                category == null ? null : ErrorCategory.valueOf(category),
                rs.getString("error_message"),
                sql.instant(rs, "created_at"),
                rs.getString("resolved_params"),
                (Integer) rs.getObject("timeout_seconds", Integer.class)); // issue 24: effective timeout
    }

    /** Claims the failure notification of an execution; true exactly once per execution. */
    boolean claimFailureNotification(Handle h, String executionId, Instant now) {
        return sql.update(h, """
                UPDATE <executions> SET failure_notified_at = :now
                WHERE id = :id AND failure_notified_at IS NULL
                """).bind("id", executionId).bind("now", now).execute() == 1;
    }

    /** Executions whose file passed its retention. */
    List<ExecutionRow> expiredArtifacts(Handle h, Instant now, int limit) {
        return sql.query(h, """
                SELECT * FROM <executions> WHERE available_until <= :now
                AND artifact_key IS NOT NULL
                AND status IN ('SUCCEEDED', 'PARTIALLY_DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED')
                ORDER BY available_until LIMIT :limit
                """)
                .bind("now", now)
                .bind("limit", limit)
                .map((rs, ctx) -> execution(rs))
                .list();
    }

    /**
     * Deletes up to {@code limit} finished executions created before {@code cutoff} whose file is deleted (or that
     * never had one), with their deliveries.
     */
    int purgeExecutions(Handle h, Instant cutoff, int limit) {
        // only rows without a file left: a row whose file is not deleted yet stays until the file is gone
        List<String> ids = sql.query(h, """
                SELECT id FROM <executions> WHERE created_at < :cutoff
                AND (status = 'EXPIRED' OR (artifact_key IS NULL
                AND status IN ('SUCCEEDED', 'PARTIALLY_DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED')))
                ORDER BY created_at LIMIT :limit
                """)
                .bind("cutoff", cutoff)
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
        if (ids.isEmpty()) {
            return 0;
        }
        sql.update(h, "DELETE FROM <deliveries> WHERE execution_id IN (<ids>)")
                .bindList("ids", ids)
                .execute();
        return sql.update(h, "DELETE FROM <executions> WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .execute();
    }
}

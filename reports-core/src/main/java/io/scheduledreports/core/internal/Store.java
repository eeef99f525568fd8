package io.scheduledreports.core.internal;

import io.scheduledreports.core.internal.Rows.DeliveryRow;
import io.scheduledreports.core.internal.Rows.ExecutionRow;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import io.scheduledreports.spi.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * All SQL of the engine. Every method takes the {@link Handle} of the caller's transaction. Methods that take a
 * tenant id are the ones the public API uses: they never return another tenant's rows.
 */
final class Store {

    private final TableNames t;
    private final boolean localTimestamps;
    private final Dialect dialect;

    /**
     * Creates the store.
     *
     * @param tables table names
     * @param dialect database dialect
     */
    public Store(TableNames tables, Dialect dialect) {
        this.t = tables;
        this.localTimestamps = dialect.storesLocalTimestamps();
        this.dialect = dialect;
    }

    TableNames tables() {
        return t;
    }

    private static final java.util.concurrent.atomic.AtomicLong LAST_ID_TIME =
            new java.util.concurrent.atomic.AtomicLong();

    /**
     * A new id: a version-7 UUID (milliseconds, then a per-JVM sequence, then random bits), so ids sort in
     * creation order within a JVM and roughly across JVMs, which keeps indexes compact and lists stable.
     */
    static String newId() {
        long stamp = LAST_ID_TIME.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis() << 12));
        long millis = stamp >>> 12;
        long seq = stamp & 0xfff;
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL)
                | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    // ---------------------------------------------------------------- schedules

    void insertSchedule(Handle h, ScheduleRow s) {
        h.createUpdate("INSERT INTO " + t.schedules()
                        + " (id, tenant_id, owner_id, created_by, updated_by, name, report_type, report_params,"
                        + " output_format, schedule_config, timezone, locale, misfire_policy, delivery_options,"
                        + " empty_report_policy, timeout_seconds, status, next_run_at, last_run_at, last_success_at,"
                        + " paused_at, deleted_at, version, created_at, updated_at, overlap_policy, format_options) VALUES (:id, :tenantId, :ownerId,"
                        + " :createdBy, :updatedBy, :name, :reportType, :reportParams, :outputFormat, :scheduleConfig,"
                        + " :timezone, :locale, :misfirePolicy, :deliveryOptions, :emptyReportPolicy, :timeoutSeconds,"
                        + " :status, :nextRunAt, :lastRunAt, :lastSuccessAt, :pausedAt, :deletedAt, :version,"
                        + " :createdAt, :updatedAt, :overlapPolicy, :formatOptions)")
                .bindMethods(s)
                .execute();
    }

    /** Replaces the definition of a schedule if its version is {@code expectedVersion}; returns rows changed. */
    int updateScheduleDefinition(Handle h, ScheduleRow s, long expectedVersion) {
        return h.createUpdate("UPDATE " + t.schedules() + " SET owner_id = :ownerId, updated_by = :updatedBy,"
                        + " name = :name, report_type = :reportType, report_params = :reportParams,"
                        + " output_format = :outputFormat, schedule_config = :scheduleConfig, timezone = :timezone,"
                        + " locale = :locale, misfire_policy = :misfirePolicy, delivery_options = :deliveryOptions,"
                        + " empty_report_policy = :emptyReportPolicy, timeout_seconds = :timeoutSeconds,"
                        + " status = :status, next_run_at = :nextRunAt, paused_at = :pausedAt, deleted_at = :deletedAt,"
                        + " version = :version, updated_at = :updatedAt, overlap_policy = :overlapPolicy,"
                        + " format_options = :formatOptions WHERE id = :id AND version = :expectedVersion")
                .bindMethods(s)
                .bind("expectedVersion", expectedVersion)
                .execute();
    }

    Optional<ScheduleRow> scheduleForUpdate(Handle h, String id) {
        return h.createQuery("SELECT * FROM " + t.schedules() + " WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map((rs, ctx) -> schedule(rs))
                .findOne();
    }

    Optional<ScheduleRow> schedule(Handle h, String id) {
        return h.createQuery("SELECT * FROM " + t.schedules() + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> schedule(rs))
                .findOne();
    }

    /** A visible (not deleted) schedule of a tenant. */
    Optional<ScheduleRow> schedule(Handle h, String tenantId, String id) {
        return h.createQuery("SELECT * FROM " + t.schedules()
                        + " WHERE id = :id AND tenant_id = :tenantId AND status <> 'DELETED'")
                .bind("id", id)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> schedule(rs))
                .findOne();
    }

    /** Visible schedules, filtered; {@code tenantId} null means every tenant (admin view). */
    List<ScheduleRow> listSchedules(
            Handle h,
            String tenantId,
            String ownerId,
            String readerId,
            String status,
            String reportType,
            int offset,
            int limit) {
        Query q = h.createQuery("SELECT * FROM " + t.schedules()
                + scheduleFilter(tenantId, ownerId, readerId, status, reportType)
                + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset");
        bindFilter(q, tenantId, ownerId, readerId, status, reportType);
        return q.bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> schedule(rs))
                .list();
    }

    long countSchedules(Handle h, String tenantId, String ownerId, String readerId, String status, String reportType) {
        Query q = h.createQuery("SELECT COUNT(*) FROM " + t.schedules()
                + scheduleFilter(tenantId, ownerId, readerId, status, reportType));
        bindFilter(q, tenantId, ownerId, readerId, status, reportType);
        return q.mapTo(Long.class).one();
    }

    /** Whether a destination of the schedule's recipients is the user id (ignoring case, as e-mail addresses). */
    boolean isRecipient(Handle h, String scheduleId, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM " + t.recipients()
                                + " WHERE schedule_id = :id AND LOWER(destination) = :reader")
                        .bind("id", scheduleId)
                        .bind("reader", userId.toLowerCase(java.util.Locale.ROOT))
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    private String scheduleFilter(String tenantId, String ownerId, String readerId, String status, String reportType) {
        StringBuilder where = new StringBuilder(" WHERE status <> 'DELETED'");
        if (tenantId != null) {
            where.append(" AND tenant_id = :tenantId");
        }
        if (ownerId != null) {
            where.append(" AND owner_id = :ownerId");
        }
        if (readerId != null) {
            where.append(" AND (owner_id = :readerId OR id IN (SELECT schedule_id FROM ")
                    .append(t.recipients())
                    .append(" WHERE LOWER(destination) = :readerLower))");
        }
        if (status != null) {
            where.append(" AND status = :status");
        }
        if (reportType != null) {
            where.append(" AND report_type = :reportType");
        }
        return where.toString();
    }

    private static void bindFilter(
            Query q, String tenantId, String ownerId, String readerId, String status, String reportType) {
        if (tenantId != null) {
            q.bind("tenantId", tenantId);
        }
        if (ownerId != null) {
            q.bind("ownerId", ownerId);
        }
        if (readerId != null) {
            q.bind("readerId", readerId).bind("readerLower", readerId.toLowerCase(java.util.Locale.ROOT));
        }
        if (status != null) {
            q.bind("status", status);
        }
        if (reportType != null) {
            q.bind("reportType", reportType);
        }
    }

    /** Active schedules counted for quotas: of an owner (when given) or of the whole tenant. */
    long countActiveSchedules(Handle h, String tenantId, String ownerId) {
        return h.createQuery("SELECT COUNT(*) FROM " + t.schedules()
                        + " WHERE tenant_id = :tenantId AND status = 'ACTIVE'"
                        + (ownerId == null ? "" : " AND owner_id = :ownerId"))
                .bind("tenantId", tenantId)
                .bind("ownerId", ownerId)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Locks the tenant's row of the lock table until the transaction ends, creating it when absent. Operations
     * that count a tenant's rows before inserting one (quotas, manual runs per hour) take it first, so two
     * concurrent requests cannot both pass the check.
     */
    void lockTenant(Handle h, String tenantId, Instant now) {
        String insert = switch (dialect) {
            case POSTGRESQL ->
                "INSERT INTO " + t.tenantLocks()
                        + " (tenant_id, created_at) VALUES (:t, :now) ON CONFLICT (tenant_id) DO NOTHING";
            case MARIADB -> "INSERT IGNORE INTO " + t.tenantLocks() + " (tenant_id, created_at) VALUES (:t, :now)";
            case H2 -> "MERGE INTO " + t.tenantLocks() + " (tenant_id, created_at) KEY (tenant_id) VALUES (:t, :now)";
        };
        h.createQuery("SELECT tenant_id FROM " + t.tenantLocks() + " WHERE tenant_id = :t FOR UPDATE")
                .bind("t", tenantId)
                .mapTo(String.class)
                .findOne()
                .ifPresentOrElse(locked -> {}, () -> {
                    h.createUpdate(insert).bind("t", tenantId).bind("now", now).execute();
                    h.createQuery("SELECT tenant_id FROM " + t.tenantLocks() + " WHERE tenant_id = :t FOR UPDATE")
                            .bind("t", tenantId)
                            .mapTo(String.class)
                            .one();
                });
    }

    void setScheduleState(
            Handle h,
            String id,
            String status,
            Instant nextRunAt,
            Instant pausedAt,
            Instant deletedAt,
            String actor,
            Instant now) {
        h.createUpdate("UPDATE " + t.schedules() + " SET status = :status, next_run_at = :nextRunAt,"
                        + " paused_at = :pausedAt, paused_reason = NULL, deleted_at = :deletedAt, version = version + 1,"
                        + " updated_by = :actor, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("status", status)
                .bind("nextRunAt", nextRunAt)
                .bind("pausedAt", pausedAt)
                .bind("deletedAt", deletedAt)
                .bind("actor", actor)
                .bind("now", now)
                .execute();
    }

    /** Pauses an active schedule for a reason shown to its readers; false when it was not active. */
    boolean pauseWithReason(Handle h, String id, String reason, String actor, Instant now) {
        return h.createUpdate("UPDATE " + t.schedules() + " SET status = 'PAUSED', next_run_at = NULL,"
                                + " paused_at = :now, paused_reason = :reason, version = version + 1,"
                                + " updated_by = :actor, updated_at = :now WHERE id = :id AND status = 'ACTIVE'")
                        .bind("id", id)
                        .bind("reason", Text.clip(reason, 500))
                        .bind("actor", actor)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Ids of a tenant's active schedules of one owner. */
    List<String> activeScheduleIdsOwnedBy(Handle h, String tenantId, String ownerId) {
        return h.createQuery("SELECT id FROM " + t.schedules()
                        + " WHERE tenant_id = :tenantId AND owner_id = :ownerId AND status = 'ACTIVE' ORDER BY id")
                .bind("tenantId", tenantId)
                .bind("ownerId", ownerId)
                .mapTo(String.class)
                .list();
    }

    /** Records that the schedule fired; the version is not bumped (this is not a user change). */
    void recordFired(Handle h, String id, Instant nextRunAt, Instant lastRunAt, String status) {
        h.createUpdate("UPDATE " + t.schedules()
                        + " SET next_run_at = :nextRunAt, last_run_at = :lastRunAt, status = :status WHERE id = :id")
                .bind("id", id)
                .bind("nextRunAt", nextRunAt)
                .bind("lastRunAt", lastRunAt)
                .bind("status", status)
                .execute();
    }

    void recordSuccess(Handle h, String scheduleId, Instant at) {
        h.createUpdate("UPDATE " + t.schedules() + " SET last_success_at = :at WHERE id = :id")
                .bind("id", scheduleId)
                .bind("at", at)
                .execute();
    }

    ScheduleRow scheduleOf(ResultSet rs) throws SQLException {
        return schedule(rs);
    }

    ScheduleRow schedule(ResultSet rs) throws SQLException {
        return new ScheduleRow(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("owner_id"),
                rs.getString("created_by"),
                rs.getString("updated_by"),
                rs.getString("name"),
                rs.getString("report_type"),
                rs.getString("report_params"),
                rs.getString("output_format"),
                rs.getString("schedule_config"),
                rs.getString("timezone"),
                rs.getString("locale"),
                rs.getString("misfire_policy"),
                rs.getString("delivery_options"),
                rs.getString("empty_report_policy"),
                (Integer) rs.getObject("timeout_seconds", Integer.class),
                rs.getString("status"),
                instant(rs, "next_run_at"),
                instant(rs, "last_run_at"),
                instant(rs, "last_success_at"),
                instant(rs, "paused_at"),
                instant(rs, "deleted_at"),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getString("overlap_policy"),
                rs.getString("format_options"),
                rs.getString("paused_reason"));
    }

    /** Stores the first rows of an execution's report, captured for channels that show them inline. */
    void setSampleRows(Handle h, String executionId, String json) {
        h.createUpdate("UPDATE " + t.executions() + " SET sample_rows = :json WHERE id = :id")
                .bind("json", json)
                .bind("id", executionId)
                .execute();
    }

    /** The first rows of an execution's report as stored by {@link #setSampleRows}, or null. */
    String sampleRows(Handle h, String executionId) {
        return h.createQuery("SELECT sample_rows FROM " + t.executions() + " WHERE id = :id")
                .bind("id", executionId)
                .mapTo(String.class)
                .findOne()
                .orElse(null);
    }

    // ---------------------------------------------------------------- recipients

    String insertRecipient(Handle h, String scheduleId, String tenantId, Recipient r, String addedBy, Instant now) {
        String id = newId();
        h.createUpdate("INSERT INTO " + t.recipients() + " (id, schedule_id, tenant_id, channel, destination, options,"
                        + " added_by, created_at) VALUES (:id, :scheduleId, :tenantId, :channel, :destination,"
                        + " :options, :addedBy, :now)")
                .bind("id", id)
                .bind("scheduleId", scheduleId)
                .bind("tenantId", tenantId)
                .bind("channel", r.channel())
                .bind("destination", r.destination())
                .bind("options", Json.write(r.options()))
                .bind("addedBy", addedBy)
                .bind("now", now)
                .execute();
        return id;
    }

    List<Recipient> recipients(Handle h, String scheduleId) {
        return h.createQuery("SELECT * FROM " + t.recipients() + " WHERE schedule_id = :id ORDER BY id")
                .bind("id", scheduleId)
                .map((rs, ctx) -> recipientOf(rs))
                .list();
    }

    /** The recipients of each of {@code scheduleIds} (one statement), in the order of {@link #recipients}. */
    Map<String, List<Recipient>> recipientsOf(Handle h, Collection<String> scheduleIds) {
        Map<String, List<Recipient>> bySchedule = new LinkedHashMap<>();
        if (scheduleIds.isEmpty()) {
            return bySchedule;
        }
        h.createQuery("SELECT * FROM " + t.recipients() + " WHERE schedule_id IN (<ids>) ORDER BY schedule_id, id")
                .bindList("ids", List.copyOf(scheduleIds))
                .map((rs, ctx) -> Map.entry(rs.getString("schedule_id"), recipientOf(rs)))
                .forEach(e -> bySchedule
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return bySchedule;
    }

    /** A recipient from a row of the recipients table. */
    static Recipient recipientOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recipient(
                rs.getString("id"),
                rs.getString("channel"),
                rs.getString("destination"),
                Json.readStringMap(rs.getString("options")));
    }

    int deleteRecipient(Handle h, String scheduleId, String recipientId) {
        return h.createUpdate("DELETE FROM " + t.recipients() + " WHERE schedule_id = :s AND id = :id")
                .bind("s", scheduleId)
                .bind("id", recipientId)
                .execute();
    }

    void updateRecipientOptions(Handle h, String recipientId, Map<String, String> options) {
        h.createUpdate("UPDATE " + t.recipients() + " SET options = :options WHERE id = :id")
                .bind("id", recipientId)
                .bind("options", Json.write(options))
                .execute();
    }

    // ---------------------------------------------------------------- executions

    boolean executionExists(Handle h, String scheduleId, Instant scheduledFor, Trigger trigger) {
        return h.createQuery("SELECT COUNT(*) FROM " + t.executions()
                                + " WHERE schedule_id = :s AND scheduled_for = :f AND run_trigger = :tr")
                        .bind("s", scheduleId)
                        .bind("f", scheduledFor)
                        .bind("tr", trigger.name())
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    /** The id of an execution of the schedule that is queued, running or retrying (of one trigger, when given). */
    Optional<String> activeExecution(Handle h, String scheduleId, Trigger trigger) {
        return h.createQuery("SELECT id FROM " + t.executions()
                        + " WHERE schedule_id = :s AND status IN ('QUEUED', 'RUNNING', 'RETRYING')"
                        + (trigger == null ? "" : " AND run_trigger = :tr") + " ORDER BY created_at LIMIT 1")
                .bind("s", scheduleId)
                .bind("tr", trigger == null ? null : trigger.name())
                .mapTo(String.class)
                .findOne();
    }

    /** When the latest manual run of the schedule was asked for, if any. */
    Optional<Instant> lastManualRun(Handle h, String scheduleId) {
        return h.createQuery("SELECT created_at FROM " + t.executions()
                        + " WHERE schedule_id = :s AND run_trigger = 'MANUAL' ORDER BY created_at DESC LIMIT 1")
                .bind("s", scheduleId)
                .map((rs, ctx) -> instant(rs, "created_at"))
                .findOne();
    }

    /** When the tenant's manual runs asked for since {@code since} were asked for, oldest first. */
    List<Instant> manualRunsSince(Handle h, String tenantId, Instant since, int limit) {
        return h.createQuery("SELECT created_at FROM " + t.executions() + " WHERE tenant_id = :t"
                        + " AND run_trigger = 'MANUAL' AND created_at > :since ORDER BY created_at LIMIT :limit")
                .bind("t", tenantId)
                .bind("since", since)
                .bind("limit", limit)
                .map((rs, ctx) -> instant(rs, "created_at"))
                .list();
    }

    /** Records a run that was not started, with the reason (overlap policy SKIP). */
    void markSkipped(Handle h, String id, String reason, Instant now) {
        h.createUpdate("UPDATE " + t.executions() + " SET status = 'SKIPPED', error_message = :reason,"
                        + " finished_at = :now, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("reason", Text.clip(reason, 2000))
                .bind("now", now)
                .execute();
    }

    void insertExecution(
            Handle h,
            String id,
            String tenantId,
            String scheduleId,
            Instant scheduledFor,
            Trigger trigger,
            String paramsSnapshot,
            String outputFormat,
            Instant now) {
        insertExecution(h, id, tenantId, scheduleId, scheduledFor, trigger, paramsSnapshot, outputFormat, null, now);
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
        h.createUpdate("INSERT INTO " + t.executions() + " (id, tenant_id, schedule_id, scheduled_for, run_trigger,"
                        + " status, params_snapshot, output_format, attempt, resolved_params, created_at, updated_at)"
                        + " VALUES (:id, :tenantId, :scheduleId, :scheduledFor, :trigger, 'QUEUED', :params, :format, 0,"
                        + " :resolved, :now, :now)")
                .bind("resolved", resolvedParams)
                .bind("id", id)
                .bind("tenantId", tenantId)
                .bind("scheduleId", scheduleId)
                .bind("scheduledFor", scheduledFor)
                .bind("trigger", trigger.name())
                .bind("params", paramsSnapshot)
                .bind("format", outputFormat)
                .bind("now", now)
                .execute();
    }

    Optional<ExecutionRow> execution(Handle h, String id) {
        return h.createQuery("SELECT * FROM " + t.executions() + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> execution(rs))
                .findOne();
    }

    Optional<ExecutionRow> executionForUpdate(Handle h, String id) {
        return h.createQuery("SELECT * FROM " + t.executions() + " WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map((rs, ctx) -> execution(rs))
                .findOne();
    }

    Optional<ExecutionRow> execution(Handle h, String tenantId, String id) {
        return h.createQuery("SELECT * FROM " + t.executions() + " WHERE id = :id AND tenant_id = :tenantId")
                .bind("id", id)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> execution(rs))
                .findOne();
    }

    List<ExecutionRow> listExecutions(Handle h, String tenantId, String scheduleId, int offset, int limit) {
        return h.createQuery("SELECT * FROM " + t.executions() + " WHERE tenant_id = :tenantId AND schedule_id = :s"
                        + " ORDER BY scheduled_for DESC, created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("tenantId", tenantId)
                .bind("s", scheduleId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> execution(rs))
                .list();
    }

    long countExecutions(Handle h, String tenantId, String scheduleId) {
        return h.createQuery(
                        "SELECT COUNT(*) FROM " + t.executions() + " WHERE tenant_id = :tenantId AND schedule_id = :s")
                .bind("tenantId", tenantId)
                .bind("s", scheduleId)
                .mapTo(Long.class)
                .one();
    }

    /** Starts an attempt if nobody else did (fenced on the attempt number). */
    boolean markRunning(Handle h, String id, int fromAttempt, Instant now) {
        return h.createUpdate("UPDATE " + t.executions()
                                + " SET status = 'RUNNING', attempt = :next, started_at = :now,"
                                + " finished_at = NULL, updated_at = :now WHERE id = :id AND attempt = :from"
                                + " AND status IN ('QUEUED', 'RETRYING', 'RUNNING')")
                        .bind("id", id)
                        .bind("from", fromAttempt)
                        .bind("next", fromAttempt + 1)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    boolean markGenerated(
            Handle h,
            String id,
            int attempt,
            String status,
            long rowCount,
            String key,
            String fileName,
            String mediaType,
            long size,
            String sha256,
            Instant availableUntil,
            long durationMs,
            Instant now) {
        return h.createUpdate("UPDATE " + t.executions() + " SET status = :status, row_count = :rows,"
                                + " artifact_key = :key, artifact_name = :name, media_type = :mediaType, artifact_size = :size,"
                                + " artifact_sha256 = :sha, available_until = :until, duration_ms = :duration,"
                                + " finished_at = :now, error_category = NULL, error_message = NULL, error_detail = NULL,"
                                + " updated_at = :now WHERE id = :id AND attempt = :attempt AND status = 'RUNNING'")
                        .bind("id", id)
                        .bind("attempt", attempt)
                        .bind("status", status)
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
            String status,
            ErrorCategory category,
            String message,
            String detail,
            long durationMs,
            Instant now) {
        return h.createUpdate("UPDATE " + t.executions() + " SET status = :status, error_category = :category,"
                                + " error_message = :message, error_detail = :detail, duration_ms = :duration,"
                                + " finished_at = :now, updated_at = :now WHERE id = :id AND attempt = :attempt"
                                + " AND status = 'RUNNING'")
                        .bind("id", id)
                        .bind("attempt", attempt)
                        .bind("status", status)
                        .bind("category", category.name())
                        .bind("message", Text.clip(message, 2000))
                        .bind("detail", Text.clip(detail, 4000))
                        .bind("duration", durationMs)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    void setExecutionStatus(Handle h, String id, String status, Instant now) {
        h.createUpdate("UPDATE " + t.executions() + " SET status = :status, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("status", status)
                .bind("now", now)
                .execute();
    }

    /** Puts a failed execution back in the queue for a replay (attempts restart). */
    boolean requeueExecution(Handle h, String id, Instant now) {
        return h.createUpdate("UPDATE " + t.executions() + " SET status = 'QUEUED', attempt = 0, error_category = NULL,"
                                + " error_message = NULL, error_detail = NULL, updated_at = :now WHERE id = :id"
                                + " AND status = 'FAILED'")
                        .bind("id", id)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    List<String> pendingExecutionIds(Handle h, String scheduleId) {
        return h.createQuery("SELECT id FROM " + t.executions()
                        + " WHERE schedule_id = :s AND status IN ('QUEUED', 'RETRYING')")
                .bind("s", scheduleId)
                .mapTo(String.class)
                .list();
    }

    /** The schedule's latest run whose file is still in the store (for test deliveries). */
    Optional<ExecutionRow> lastGeneratedExecution(Handle h, String scheduleId) {
        return h.createQuery("SELECT * FROM " + t.executions() + " WHERE schedule_id = :s"
                        + " AND status IN ('DELIVERING', 'SUCCEEDED', 'PARTIALLY_DELIVERED') AND artifact_key IS NOT NULL"
                        + " ORDER BY scheduled_for DESC, created_at DESC LIMIT 1")
                .bind("s", scheduleId)
                .map((rs, ctx) -> execution(rs))
                .findOne();
    }

    /** The checksum of the schedule's latest delivered run before {@code excludingId}, for CHANGED. */
    Optional<String> lastDeliveredChecksum(Handle h, String scheduleId, String excludingId) {
        return h.createQuery("SELECT artifact_sha256 FROM " + t.executions() + " WHERE schedule_id = :s AND id <> :x"
                        + " AND status IN ('DELIVERING', 'SUCCEEDED', 'PARTIALLY_DELIVERED', 'EXPIRED')"
                        + " ORDER BY scheduled_for DESC, created_at DESC LIMIT 1")
                .bind("s", scheduleId)
                .bind("x", excludingId)
                .mapTo(String.class)
                .findOne();
    }

    ExecutionRow executionOf(ResultSet rs) throws SQLException {
        return execution(rs);
    }

    private ExecutionRow execution(ResultSet rs) throws SQLException {
        String category = rs.getString("error_category");
        return new ExecutionRow(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("schedule_id"),
                instant(rs, "scheduled_for"),
                Trigger.valueOf(rs.getString("run_trigger")),
                rs.getString("status"),
                rs.getString("params_snapshot"),
                rs.getString("output_format"),
                rs.getInt("attempt"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                (Long) rs.getObject("duration_ms", Long.class),
                (Long) rs.getObject("row_count", Long.class),
                rs.getString("artifact_key"),
                rs.getString("artifact_name"),
                rs.getString("media_type"),
                (Long) rs.getObject("artifact_size", Long.class),
                rs.getString("artifact_sha256"),
                instant(rs, "available_until"),
                category == null ? null : ErrorCategory.valueOf(category),
                rs.getString("error_message"),
                instant(rs, "created_at"),
                rs.getString("resolved_params"),
                (Integer) rs.getObject("timeout_seconds", Integer.class)); // issue 24: effective timeout
    }

    // ---------------------------------------------------------------- deliveries

    void insertDelivery(Handle h, String id, String tenantId, String executionId, Recipient r, Instant now) {
        h.createUpdate(
                        "INSERT INTO " + t.deliveries() + " (id, tenant_id, execution_id, recipient_id, channel,"
                                + " destination, status, attempts, idempotency_key, created_at, updated_at) VALUES (:id,"
                                + " :tenantId, :executionId, :recipientId, :channel, :destination, 'PENDING', 0, :key, :now, :now)")
                .bind("id", id)
                .bind("tenantId", tenantId)
                .bind("executionId", executionId)
                .bind("recipientId", r.id())
                .bind("channel", r.channel())
                .bind("destination", r.destination())
                .bind("key", idempotencyKey(executionId, r.id()))
                .bind("now", now)
                .execute();
    }

    /** Stable per (execution, recipient): the same across retries and instances. */
    static String idempotencyKey(String executionId, String recipientId) {
        return UUID.nameUUIDFromBytes(
                        (executionId + "/" + recipientId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    Optional<DeliveryRow> delivery(Handle h, String id) {
        return h.createQuery("SELECT * FROM " + t.deliveries() + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> delivery(rs))
                .findOne();
    }

    List<DeliveryRow> deliveries(Handle h, String executionId) {
        return h.createQuery("SELECT * FROM " + t.deliveries() + " WHERE execution_id = :e ORDER BY created_at, id")
                .bind("e", executionId)
                .map((rs, ctx) -> delivery(rs))
                .list();
    }

    /** Starts a delivery attempt, fenced on the attempt count. */
    boolean markSending(Handle h, String id, int fromAttempts, Instant now) {
        return h.createUpdate("UPDATE " + t.deliveries()
                                + " SET status = 'SENDING', attempts = :next, updated_at = :now"
                                + " WHERE id = :id AND attempts = :from AND status IN ('PENDING', 'SENDING')")
                        .bind("id", id)
                        .bind("from", fromAttempts)
                        .bind("next", fromAttempts + 1)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    boolean markSent(Handle h, String id, int attempts, String providerReference, Instant now) {
        return h.createUpdate("UPDATE " + t.deliveries() + " SET status = 'SENT', provider_reference = :ref,"
                                + " sent_at = :now, error_category = NULL, last_error = NULL, updated_at = :now"
                                + " WHERE id = :id AND attempts = :attempts AND status = 'SENDING'")
                        .bind("id", id)
                        .bind("attempts", attempts)
                        .bind("ref", Text.clip(providerReference, 255))
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Records a failed attempt; {@code status} is PENDING (will retry) or FAILED. */
    boolean markDeliveryFailed(
            Handle h, String id, int attempts, String status, ErrorCategory category, String message, Instant now) {
        return h.createUpdate("UPDATE " + t.deliveries() + " SET status = :status, error_category = :category,"
                                + " last_error = :message, updated_at = :now WHERE id = :id AND attempts = :attempts"
                                + " AND status = 'SENDING'")
                        .bind("id", id)
                        .bind("attempts", attempts)
                        .bind("status", status)
                        .bind("category", category.name())
                        .bind("message", Text.clip(message, 2000))
                        .bind("now", now)
                        .execute()
                == 1;
    }

    void setDeliveryStatus(Handle h, String id, String status, Instant now) {
        h.createUpdate("UPDATE " + t.deliveries() + " SET status = :status, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("status", status)
                .bind("now", now)
                .execute();
    }

    /** Puts a failed delivery back for a replay (attempts restart). */
    boolean requeueDelivery(Handle h, String id, Instant now) {
        return h.createUpdate("UPDATE " + t.deliveries() + " SET status = 'PENDING', attempts = 0, updated_at = :now"
                                + " WHERE id = :id AND status = 'FAILED'")
                        .bind("id", id)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    List<String> pendingDeliveryIds(Handle h, String scheduleId) {
        return h.createQuery("SELECT d.id FROM " + t.deliveries() + " d JOIN " + t.executions()
                        + " e ON e.id = d.execution_id WHERE e.schedule_id = :s AND d.status = 'PENDING'")
                .bind("s", scheduleId)
                .mapTo(String.class)
                .list();
    }

    Map<String, Long> deliveryCounts(Handle h, String executionId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        h.createQuery("SELECT status, COUNT(*) AS n FROM " + t.deliveries()
                        + " WHERE execution_id = :e GROUP BY status")
                .bind("e", executionId)
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private DeliveryRow delivery(ResultSet rs) throws SQLException {
        String category = rs.getString("error_category");
        return new DeliveryRow(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("execution_id"),
                rs.getString("recipient_id"),
                rs.getString("channel"),
                rs.getString("destination"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getString("idempotency_key"),
                rs.getString("provider_reference"),
                category == null ? null : ErrorCategory.valueOf(category),
                rs.getString("last_error"),
                instant(rs, "sent_at"));
    }

    // ---------------------------------------------------------------- audit

    void audit(
            Handle h,
            String tenantId,
            String actor,
            String action,
            String entityType,
            String entityId,
            Object oldValue,
            Object newValue,
            Instant now) {
        h.createUpdate("INSERT INTO " + t.auditEvents() + " (id, tenant_id, actor, action, entity_type, entity_id,"
                        + " old_value, new_value, occurred_at) VALUES (:id, :tenantId, :actor, :action, :type, :entityId,"
                        + " :old, :new, :now)")
                .bind("id", newId())
                .bind("tenantId", tenantId)
                .bind("actor", actor)
                .bind("action", action)
                .bind("type", entityType)
                .bind("entityId", entityId)
                .bind("old", oldValue == null ? null : Json.write(oldValue))
                .bind("new", newValue == null ? null : Json.write(newValue))
                .bind("now", now)
                .execute();
    }

    /** Claims the failure notification of an execution; true exactly once per execution. */
    boolean claimFailureNotification(Handle h, String executionId, Instant now) {
        return h.createUpdate("UPDATE " + t.executions() + " SET failure_notified_at = :now"
                                + " WHERE id = :id AND failure_notified_at IS NULL")
                        .bind("id", executionId)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Executions whose file passed its retention. */
    List<ExecutionRow> expiredArtifacts(Handle h, Instant now, int limit) {
        return h.createQuery("SELECT * FROM " + t.executions() + " WHERE available_until <= :now"
                        + " AND artifact_key IS NOT NULL"
                        + " AND status IN ('SUCCEEDED', 'PARTIALLY_DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED')"
                        + " ORDER BY available_until LIMIT :limit")
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
        List<String> ids = h.createQuery("SELECT id FROM " + t.executions() + " WHERE created_at < :cutoff"
                        + " AND (status = 'EXPIRED' OR (artifact_key IS NULL"
                        + " AND status IN ('SUCCEEDED', 'PARTIALLY_DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED')))"
                        + " ORDER BY created_at LIMIT :limit")
                .bind("cutoff", cutoff)
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
        if (ids.isEmpty()) {
            return 0;
        }
        h.createUpdate("DELETE FROM " + t.deliveries() + " WHERE execution_id IN (<ids>)")
                .bindList("ids", ids)
                .execute();
        return h.createUpdate("DELETE FROM " + t.executions() + " WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .execute();
    }

    // ---------------------------------------------------------------- dead letters

    void insertDeadLetter(
            Handle h,
            String tenantId,
            String scheduleId,
            String executionId,
            String deliveryId,
            String kind,
            ErrorCategory category,
            String message,
            String detail,
            int attempts,
            Instant now) {
        h.createUpdate("INSERT INTO " + t.deadLetters()
                        + " (id, tenant_id, schedule_id, execution_id, delivery_id, kind,"
                        + " error_category, error_message, error_detail, attempts, status, created_at, updated_at)"
                        + " VALUES (:id, :tenantId, :scheduleId, :executionId, :deliveryId, :kind, :category, :message,"
                        + " :detail, :attempts, 'UNRESOLVED', :now, :now)")
                .bind("id", newId())
                .bind("tenantId", tenantId)
                .bind("scheduleId", scheduleId)
                .bind("executionId", executionId)
                .bind("deliveryId", deliveryId)
                .bind("kind", kind)
                .bind("category", category.name())
                .bind("message", Text.clip(message, 2000))
                .bind("detail", Text.clip(detail, 4000))
                .bind("attempts", attempts)
                .bind("now", now)
                .execute();
    }

    long countUnresolvedDeadLetters(Handle h, String tenantId) {
        return h.createQuery(
                        "SELECT COUNT(*) FROM " + t.deadLetters() + " WHERE tenant_id = :t AND status = 'UNRESOLVED'")
                .bind("t", tenantId)
                .mapTo(Long.class)
                .one();
    }

    /** The WHERE clause of a dead-letter filter (binds :tenantId when {@code byTenant}, and the query's fields). */
    static String deadLetterWhere(boolean byTenant, io.scheduledreports.core.DeadLetterQuery q) {
        StringBuilder where = new StringBuilder(byTenant ? " WHERE tenant_id = :tenantId" : " WHERE 1 = 1");
        if (q.scheduleId() != null) {
            where.append(" AND schedule_id = :scheduleId");
        }
        if (q.category() != null) {
            where.append(" AND error_category = :category");
        }
        if (q.status() != null) {
            where.append(" AND status = :status");
        }
        if (q.from() != null) {
            where.append(" AND created_at >= :from");
        }
        if (q.to() != null) {
            where.append(" AND created_at < :to");
        }
        return where.toString();
    }

    List<io.scheduledreports.core.DeadLetter> listDeadLetters(
            Handle h, String tenantId, io.scheduledreports.core.DeadLetterQuery q, long[] total) {
        String where = deadLetterWhere(tenantId != null, q);
        java.util.function.UnaryOperator<Query> bind = query -> {
            query.bind("tenantId", tenantId)
                    .bind("scheduleId", q.scheduleId())
                    .bind("category", q.category() == null ? null : q.category().name())
                    .bind("status", q.status() == null ? null : q.status().name());
            if (q.from() != null) {
                query.bind("from", q.from());
            }
            if (q.to() != null) {
                query.bind("to", q.to());
            }
            return query;
        };
        total[0] = bind.apply(h.createQuery("SELECT COUNT(*) FROM " + t.deadLetters() + where))
                .mapTo(Long.class)
                .one();
        return bind.apply(h.createQuery("SELECT * FROM " + t.deadLetters() + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"))
                .bind("limit", q.page().size())
                .bind("offset", q.page().page() * q.page().size())
                .map((rs, ctx) -> deadLetter(rs))
                .list();
    }

    List<io.scheduledreports.core.DeadLetter> deadLettersForUpdate(Handle h, String tenantId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT * FROM " + t.deadLetters()
                        + " WHERE tenant_id = :tenantId AND id IN (<ids>) FOR UPDATE")
                .bind("tenantId", tenantId)
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> deadLetter(rs))
                .list();
    }

    void closeDeadLetter(Handle h, String id, String status, String note, String actor, Instant now) {
        h.createUpdate("UPDATE " + t.deadLetters()
                        + " SET status = :status, resolution_note = :note, resolved_by = :actor,"
                        + " resolved_at = :now, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("status", status)
                .bind("note", Text.clip(note, 2000))
                .bind("actor", actor)
                .bind("now", now)
                .execute();
    }

    int purgeClosedDeadLetters(Handle h, String tenantId, Instant olderThan) {
        return h.createUpdate("DELETE FROM " + t.deadLetters()
                        + " WHERE tenant_id = :tenantId AND status <> 'UNRESOLVED'" + " AND created_at < :before")
                .bind("tenantId", tenantId)
                .bind("before", olderThan)
                .execute();
    }

    /** Drops the oldest closed dead letters of tenants above {@code cap}; unresolved ones are never dropped. */
    int enforceDeadLetterCap(Handle h, int cap) {
        List<Map.Entry<String, Long>> over = h.createQuery("SELECT tenant_id, COUNT(*) AS n FROM " + t.deadLetters()
                        + " GROUP BY tenant_id HAVING COUNT(*) > :cap")
                .bind("cap", cap)
                .map((rs, ctx) -> Map.entry(rs.getString("tenant_id"), rs.getLong("n")))
                .list();
        int dropped = 0;
        for (Map.Entry<String, Long> e : over) {
            List<String> oldest = h.createQuery("SELECT id FROM " + t.deadLetters() + " WHERE tenant_id = :t"
                            + " AND status <> 'UNRESOLVED' ORDER BY created_at, id LIMIT :n")
                    .bind("t", e.getKey())
                    .bind("n", (int) Math.min(Integer.MAX_VALUE, e.getValue() - cap))
                    .mapTo(String.class)
                    .list();
            if (!oldest.isEmpty()) {
                dropped += h.createUpdate("DELETE FROM " + t.deadLetters() + " WHERE id IN (<ids>)")
                        .bindList("ids", oldest)
                        .execute();
            }
        }
        return dropped;
    }

    private io.scheduledreports.core.DeadLetter deadLetter(ResultSet rs) throws SQLException {
        return new io.scheduledreports.core.DeadLetter(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("schedule_id"),
                rs.getString("execution_id"),
                rs.getString("delivery_id"),
                io.scheduledreports.core.DeadLetter.Kind.valueOf(rs.getString("kind")),
                ErrorCategory.valueOf(rs.getString("error_category")),
                rs.getString("error_message"),
                rs.getString("error_detail"),
                rs.getInt("attempts"),
                io.scheduledreports.core.DeadLetter.Status.valueOf(rs.getString("status")),
                rs.getString("resolution_note"),
                rs.getString("resolved_by"),
                instant(rs, "resolved_at"),
                instant(rs, "created_at"));
    }

    // ---------------------------------------------------------------- stats

    Map<String, Long> executionCountsByStatus(Handle h, String tenantId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tenantScoped(
                        h.createQuery("SELECT status, COUNT(*) AS n FROM " + t.executions()
                                + (tenantId == null ? "" : " WHERE tenant_id = :tenantId") + " GROUP BY status"),
                        tenantId)
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Finished executions since {@code since}: [succeeded, finished]. */
    long[] successCounts(Handle h, String tenantId, Instant since) {
        return tenantScoped(
                        h.createQuery(
                                "SELECT SUM(CASE WHEN status IN ('SUCCEEDED', 'EXPIRED', 'SKIPPED') THEN 1 ELSE 0 END) AS ok,"
                                        + " COUNT(*) AS n FROM " + t.executions() + " WHERE created_at >= :since"
                                        + " AND status IN ('SUCCEEDED', 'EXPIRED', 'SKIPPED', 'PARTIALLY_DELIVERED', 'FAILED')"
                                        + (tenantId == null ? "" : " AND tenant_id = :tenantId")),
                        tenantId)
                .bind("since", since)
                .map((rs, ctx) -> new long[] {rs.getLong("ok"), rs.getLong("n")})
                .one();
    }

    Double averageDurationMs(Handle h, String tenantId, Instant since) {
        return tenantScoped(
                        h.createQuery("SELECT AVG(duration_ms) FROM " + t.executions() + " WHERE created_at >= :since"
                                + " AND duration_ms IS NOT NULL"
                                + (tenantId == null ? "" : " AND tenant_id = :tenantId")),
                        tenantId)
                .bind("since", since)
                .mapTo(Double.class)
                .findOne()
                .orElse(null);
    }

    /** Binds the tenant only when the query filters by it (null means every tenant: no parameter to bind). */
    private static org.jdbi.v3.core.statement.Query tenantScoped(
            org.jdbi.v3.core.statement.Query query, String tenantId) {
        return tenantId == null ? query : query.bind("tenantId", tenantId);
    }

    static <E extends Enum<E>> Map<E, Long> toEnumMap(Map<String, Long> counts, Class<E> type) {
        Map<E, Long> result = new EnumMap<>(type);
        counts.forEach((k, v) -> result.put(Enum.valueOf(type, k), v));
        return result;
    }

    // ---------------------------------------------------------------- helpers

    Instant instant(ResultSet rs, String column) throws SQLException {
        if (localTimestamps) {
            LocalDateTime v = rs.getObject(column, LocalDateTime.class);
            return v == null ? null : v.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
    }
}

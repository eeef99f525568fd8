package io.scheduledreports.core.internal;

import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.jdbc.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the schedules table (and of the tenant lock table that serialises quota checks). Every method
 * takes the {@link Handle} of the caller's transaction; methods that take a tenant id never return another
 * tenant's rows.
 */
final class ScheduleTable {

    private final SqlSupport sql;
    private final Dialect dialect;

    ScheduleTable(SqlSupport sql, Dialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    void insertSchedule(Handle h, ScheduleRow s) {
        sql.update(h, """
                INSERT INTO <schedules>
                (id, tenant_id, owner_id, created_by, updated_by, name, report_type, report_params,
                output_format, schedule_config, timezone, locale, misfire_policy, delivery_options,
                empty_report_policy, timeout_seconds, status, next_run_at, last_run_at, last_success_at,
                paused_at, deleted_at, version, created_at, updated_at, overlap_policy, format_options) VALUES (:id, :tenantId, :ownerId,
                :createdBy, :updatedBy, :name, :reportType, :reportParams, :outputFormat, :scheduleConfig,
                :timezone, :locale, :misfirePolicy, :deliveryOptions, :emptyReportPolicy, :timeoutSeconds,
                :status, :nextRunAt, :lastRunAt, :lastSuccessAt, :pausedAt, :deletedAt, :version,
                :createdAt, :updatedAt, :overlapPolicy, :formatOptions)
                """).bindMethods(s).execute();
    }

    /** Replaces the definition of a schedule if its version is {@code expectedVersion}; returns rows changed. */
    int updateScheduleDefinition(Handle h, ScheduleRow s, long expectedVersion) {
        return sql.update(h, """
                UPDATE <schedules> SET owner_id = :ownerId, updated_by = :updatedBy,
                name = :name, report_type = :reportType, report_params = :reportParams,
                output_format = :outputFormat, schedule_config = :scheduleConfig, timezone = :timezone,
                locale = :locale, misfire_policy = :misfirePolicy, delivery_options = :deliveryOptions,
                empty_report_policy = :emptyReportPolicy, timeout_seconds = :timeoutSeconds,
                status = :status, next_run_at = :nextRunAt, paused_at = :pausedAt, deleted_at = :deletedAt,
                version = :version, updated_at = :updatedAt, overlap_policy = :overlapPolicy,
                format_options = :formatOptions WHERE id = :id AND version = :expectedVersion
                """)
                .bindMethods(s)
                .bind("expectedVersion", expectedVersion)
                .execute();
    }

    Optional<ScheduleRow> scheduleForUpdate(Handle h, String id) {
        return sql.query(h, "SELECT * FROM <schedules> WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map((rs, ctx) -> schedule(rs))
                .findOne();
    }

    /** Locks the schedules with these ids that no other transaction holds, and returns them (others are skipped). */
    List<ScheduleRow> schedulesForUpdateSkipLocked(Handle h, java.util.Collection<String> ids) {
        return sql.query(h, "SELECT * FROM <schedules> WHERE id IN (<ids>) FOR UPDATE SKIP LOCKED")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> schedule(rs))
                .list();
    }

    Optional<ScheduleRow> schedule(Handle h, String id) {
        return sql.query(h, "SELECT * FROM <schedules> WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> schedule(rs))
                .findOne();
    }

    /** A visible (not deleted) schedule of a tenant. */
    Optional<ScheduleRow> schedule(Handle h, String tenantId, String id) {
        return sql.query(h, """
                SELECT * FROM <schedules>
                WHERE id = :id AND tenant_id = :tenantId AND status <> 'DELETED'
                """)
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
            ScheduleStatus status,
            String reportType,
            int offset,
            int limit) {
        Query q = sql.query(
                h,
                "SELECT * FROM <schedules>"
                        + scheduleFilter(tenantId, ownerId, readerId, status, reportType)
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset");
        bindFilter(q, tenantId, ownerId, readerId, status, reportType);
        return q.bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> schedule(rs))
                .list();
    }

    long countSchedules(
            Handle h, String tenantId, String ownerId, String readerId, ScheduleStatus status, String reportType) {
        Query q = sql.query(
                h,
                "SELECT COUNT(*) FROM <schedules>" + scheduleFilter(tenantId, ownerId, readerId, status, reportType));
        bindFilter(q, tenantId, ownerId, readerId, status, reportType);
        return q.mapTo(Long.class).one();
    }

    private String scheduleFilter(
            String tenantId, String ownerId, String readerId, ScheduleStatus status, String reportType) {
        StringBuilder where = new StringBuilder(" WHERE status <> 'DELETED'");
        if (tenantId != null) {
            where.append(" AND tenant_id = :tenantId");
        }
        if (ownerId != null) {
            where.append(" AND owner_id = :ownerId");
        }
        if (readerId != null) {
            where.append(" AND (owner_id = :readerId OR id IN (SELECT schedule_id FROM ")
                    .append("<recipients>")
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
            Query q, String tenantId, String ownerId, String readerId, ScheduleStatus status, String reportType) {
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
            q.bind("status", status.name());
        }
        if (reportType != null) {
            q.bind("reportType", reportType);
        }
    }

    /** Active schedules counted for quotas: of an owner (when given) or of the whole tenant. */
    long countActiveSchedules(Handle h, String tenantId, String ownerId) {
        return sql.query(
                        h,
                        "SELECT COUNT(*) FROM <schedules> WHERE tenant_id = :tenantId AND status = 'ACTIVE'"
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
            case POSTGRESQL -> """
                        INSERT INTO <tenantLocks>
                        (tenant_id, created_at) VALUES (:t, :now) ON CONFLICT (tenant_id) DO NOTHING
                        """;
            case MARIADB -> "INSERT IGNORE INTO <tenantLocks> (tenant_id, created_at) VALUES (:t, :now)";
            case H2 -> "MERGE INTO <tenantLocks> (tenant_id, created_at) KEY (tenant_id) VALUES (:t, :now)";
        };
        sql.query(h, "SELECT tenant_id FROM <tenantLocks> WHERE tenant_id = :t FOR UPDATE")
                .bind("t", tenantId)
                .mapTo(String.class)
                .findOne()
                .ifPresentOrElse(locked -> {}, () -> {
                    sql.update(h, insert).bind("t", tenantId).bind("now", now).execute();
                    sql.query(h, "SELECT tenant_id FROM <tenantLocks> WHERE tenant_id = :t FOR UPDATE")
                            .bind("t", tenantId)
                            .mapTo(String.class)
                            .one();
                });
    }

    void setScheduleState(
            Handle h,
            String id,
            ScheduleStatus status,
            Instant nextRunAt,
            Instant pausedAt,
            Instant deletedAt,
            String actor,
            Instant now) {
        sql.update(h, """
                UPDATE <schedules> SET status = :status, next_run_at = :nextRunAt,
                paused_at = :pausedAt, paused_reason = NULL, deleted_at = :deletedAt, version = version + 1,
                updated_by = :actor, updated_at = :now WHERE id = :id
                """)
                .bind("id", id)
                .bind("status", status.name())
                .bind("nextRunAt", nextRunAt)
                .bind("pausedAt", pausedAt)
                .bind("deletedAt", deletedAt)
                .bind("actor", actor)
                .bind("now", now)
                .execute();
    }

    /** Pauses an active schedule for a reason shown to its readers; false when it was not active. */
    boolean pauseWithReason(Handle h, String id, String reason, String actor, Instant now) {
        return sql.update(h, """
                UPDATE <schedules> SET status = 'PAUSED', next_run_at = NULL,
                paused_at = :now, paused_reason = :reason, version = version + 1,
                updated_by = :actor, updated_at = :now WHERE id = :id AND status = 'ACTIVE'
                """)
                        .bind("id", id)
                        .bind("reason", Text.clip(reason, 500))
                        .bind("actor", actor)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Ids of a tenant's active schedules of one owner. */
    List<String> activeScheduleIdsOwnedBy(Handle h, String tenantId, String ownerId) {
        return sql.query(h, """
                SELECT id FROM <schedules>
                WHERE tenant_id = :tenantId AND owner_id = :ownerId AND status = 'ACTIVE' ORDER BY id
                """)
                .bind("tenantId", tenantId)
                .bind("ownerId", ownerId)
                .mapTo(String.class)
                .list();
    }

    /** Records that the schedule fired; the version is not bumped (this is not a user change). */
    /** Advances a fired schedule; binds id, nextRunAt, lastRunAt, status. */
    static final String RECORD_FIRED = """
            UPDATE <schedules>
            SET next_run_at = :nextRunAt, last_run_at = :lastRunAt, status = :status WHERE id = :id
            """;

    void recordFired(Handle h, String id, Instant nextRunAt, Instant lastRunAt, ScheduleStatus status) {
        sql.update(h, RECORD_FIRED)
                .bindMap(firedParams(id, nextRunAt, lastRunAt, status))
                .execute();
    }

    /** The parameters of {@link #RECORD_FIRED} (one statement, or one row of a batch). */
    static java.util.Map<String, Object> firedParams(
            String id, Instant nextRunAt, Instant lastRunAt, ScheduleStatus status) {
        java.util.Map<String, Object> p = new java.util.HashMap<>(); // the instants may be null
        p.put("id", id);
        p.put("nextRunAt", nextRunAt);
        p.put("lastRunAt", lastRunAt);
        p.put("status", status.name());
        return p;
    }

    /**
     * Records a run's success on its schedule unless the schedule is deleted (or gone); whether it is still there.
     * The update takes the schedule's row lock, so a deletion commits before (and is seen) or waits for this
     * transaction.
     */
    boolean recordSuccessUnlessDeleted(Handle h, String scheduleId, Instant at) {
        return sql.update(h, """
                        UPDATE <schedules> SET last_success_at = :at WHERE id = :id AND status <> 'DELETED'
                        """).bind("id", scheduleId).bind("at", at).execute() == 1;
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
                sql.instant(rs, "next_run_at"),
                sql.instant(rs, "last_run_at"),
                sql.instant(rs, "last_success_at"),
                sql.instant(rs, "paused_at"),
                sql.instant(rs, "deleted_at"),
                rs.getLong("version"),
                sql.instant(rs, "created_at"),
                sql.instant(rs, "updated_at"),
                rs.getString("overlap_policy"),
                rs.getString("format_options"),
                rs.getString("paused_reason"));
    }
}

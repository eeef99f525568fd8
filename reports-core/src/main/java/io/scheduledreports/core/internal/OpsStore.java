package io.scheduledreports.core.internal;

import io.scheduledreports.core.AttemptFailure;
import io.scheduledreports.core.DeadLetterQuery;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.ErrorCategory;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * SQL of the operations features (issue 24): failed attempts ({@code attempt_failures}), alerts raised once per
 * crossing ({@code ops_alerts}), execution timeouts, delivery backlog counts and dead letters by filter.
 */
final class OpsStore {
    private final TableNames t;
    private final SqlSupport sql;
    private final DeadLetterTable deadLetterTable;

    OpsStore(TableNames tables, SqlSupport sql, DeadLetterTable deadLetterTable) {
        this.t = tables;
        this.sql = sql;
        this.deadLetterTable = deadLetterTable;
    }

    // ---------------------------------------------------------------- failed attempts

    void recordFailure(
            Handle h,
            String tenantId,
            String executionId,
            String deliveryId,
            String kind,
            int attempt,
            ErrorCategory category,
            String message,
            Instant at) {
        h.createUpdate("INSERT INTO " + t.attemptFailures()
                        + " (id, tenant_id, execution_id, delivery_id, kind, attempt, error_category, error_message,"
                        + " failed_at) VALUES (:id, :tenant, :execution, :delivery, :kind, :attempt, :category,"
                        + " :message, :at)")
                .bind("id", SqlSupport.newId())
                .bind("tenant", tenantId)
                .bind("execution", executionId)
                .bind("delivery", deliveryId)
                .bind("kind", kind)
                .bind("attempt", attempt)
                .bind("category", category.name())
                .bind("message", Text.clip(message, 2000))
                .bind("at", at)
                .execute();
    }

    /** The failed attempts of a generation ({@code deliveryId} null) or of one delivery, oldest first. */
    List<AttemptFailure> failures(Handle h, String tenantId, String executionId, String deliveryId) {
        return h.createQuery("SELECT * FROM " + t.attemptFailures()
                        + " WHERE tenant_id = :tenant AND execution_id = :execution AND "
                        + (deliveryId == null ? "delivery_id IS NULL" : "delivery_id = :delivery")
                        + " ORDER BY failed_at, attempt, id")
                .bind("tenant", tenantId)
                .bind("execution", executionId)
                .bind("delivery", deliveryId)
                .map((rs, ctx) -> new AttemptFailure(
                        rs.getInt("attempt"),
                        sql.instant(rs, "failed_at"),
                        ErrorCategory.valueOf(rs.getString("error_category")),
                        rs.getString("error_message")))
                .list();
    }

    /** Failed attempts (generations and deliveries) per category since {@code since}, of a tenant or all. */
    Map<ErrorCategory, Long> failuresByCategory(Handle h, String tenantId, Instant since) {
        Map<ErrorCategory, Long> counts = new EnumMap<>(ErrorCategory.class);
        for (ErrorCategory c : ErrorCategory.values()) {
            counts.put(c, 0L);
        }
        h.createQuery("SELECT error_category, COUNT(*) AS n FROM " + t.attemptFailures() + " WHERE failed_at >= :since"
                        + (tenantId == null ? "" : " AND tenant_id = :tenant") + " GROUP BY error_category")
                .bind("since", since)
                .bind("tenant", tenantId)
                .map((rs, ctx) -> Map.entry(rs.getString("error_category"), rs.getLong("n")))
                .forEach(e -> counts.put(ErrorCategory.valueOf(e.getKey()), e.getValue()));
        return counts;
    }

    /** Deletes failed attempts older than {@code before} that no dead letter refers to. */
    int purgeFailures(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM " + t.attemptFailures() + " WHERE failed_at < :before AND NOT EXISTS"
                        + " (SELECT 1 FROM " + t.deadLetters() + " d WHERE d.execution_id = "
                        + t.attemptFailures() + ".execution_id)")
                .bind("before", before)
                .execute();
    }

    // ---------------------------------------------------------------- alerts

    /** Records an alert; false when it was raised already (another instance won, or an earlier crossing). */
    boolean raise(Handle h, String key, long value, Instant now) {
        if (h.createQuery("SELECT COUNT(*) FROM " + t.opsAlerts() + " WHERE alert_key = :k")
                        .bind("k", key)
                        .mapTo(Long.class)
                        .one()
                > 0) {
            return false;
        }
        h.createUpdate("INSERT INTO " + t.opsAlerts() + " (alert_key, raised_at, seen_value) VALUES (:k, :now, :v)")
                .bind("k", key)
                .bind("now", now)
                .bind("v", value)
                .execute();
        return true;
    }

    /** Re-arms an alert; true when it was raised. */
    boolean clear(Handle h, String key) {
        return h.createUpdate("DELETE FROM " + t.opsAlerts() + " WHERE alert_key = :k")
                        .bind("k", key)
                        .execute()
                > 0;
    }

    /**
     * Re-arms a tenant's dead-letter alert only while its unresolved count is below {@code threshold}, judged in the
     * same statement: a check that read a lower count before a burst committed cannot clear an alert the burst
     * raised.
     */
    boolean clearIfUnresolvedBelow(Handle h, String key, String tenantId, int threshold) {
        return h.createUpdate("DELETE FROM " + t.opsAlerts() + " WHERE alert_key = :k AND (SELECT COUNT(*) FROM "
                                + t.deadLetters() + " WHERE tenant_id = :t AND status = 'UNRESOLVED') < :threshold")
                        .bind("k", key)
                        .bind("t", tenantId)
                        .bind("threshold", threshold)
                        .execute()
                > 0;
    }

    /** Keys of raised alerts starting with {@code prefix}. */
    List<String> raised(Handle h, String prefix) {
        return h.createQuery("SELECT alert_key FROM " + t.opsAlerts() + " WHERE alert_key LIKE :p")
                .bind("p", prefix + "%")
                .mapTo(String.class)
                .list();
    }

    // ---------------------------------------------------------------- dead letters

    long countUnresolved(Handle h, String tenantId) {
        return deadLetterTable.countUnresolvedDeadLetters(h, tenantId);
    }

    /** Tenants with more unresolved dead letters than {@code cap}, with their counts. */
    Map<String, Long> tenantsWithUnresolvedAbove(Handle h, int cap) {
        Map<String, Long> over = new LinkedHashMap<>();
        h.createQuery("SELECT tenant_id, COUNT(*) AS n FROM " + t.deadLetters()
                        + " WHERE status = 'UNRESOLVED' GROUP BY tenant_id HAVING COUNT(*) > :cap")
                .bind("cap", cap)
                .map((rs, ctx) -> Map.entry(rs.getString("tenant_id"), rs.getLong("n")))
                .forEach(e -> over.put(e.getKey(), e.getValue()));
        return over;
    }

    /** Ids of a tenant's dead letters matching the filter (its page ignored), oldest first, at most {@code max}. */
    List<String> deadLetterIds(Handle h, String tenantId, DeadLetterQuery q, int max) {
        return bind(
                        h.createQuery(
                                "SELECT id FROM " + t.deadLetters() + where(q) + " ORDER BY created_at, id LIMIT :max"),
                        tenantId,
                        q)
                .bind("max", max)
                .mapTo(String.class)
                .list();
    }

    int deleteDeadLetters(Handle h, List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return h.createUpdate("DELETE FROM " + t.deadLetters() + " WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .execute();
    }

    private static String where(DeadLetterQuery q) {
        return DeadLetterTable.deadLetterWhere(true, q);
    }

    private static <S extends SqlStatement<S>> S bind(S statement, String tenantId, DeadLetterQuery q) {
        statement
                .bind("tenantId", tenantId)
                .bind("scheduleId", q.scheduleId())
                .bind("category", q.category() == null ? null : q.category().name())
                .bind("status", q.status() == null ? null : q.status().name());
        if (q.from() != null) {
            statement.bind("from", q.from());
        }
        if (q.to() != null) {
            statement.bind("to", q.to());
        }
        return statement;
    }

    // ---------------------------------------------------------------- timeouts and delivery backlog

    void setTimeout(Handle h, String executionId, long seconds) {
        h.createUpdate("UPDATE " + t.executions() + " SET timeout_seconds = :s WHERE id = :id")
                .bind("s", (int) Math.min(Integer.MAX_VALUE, seconds))
                .bind("id", executionId)
                .execute();
    }

    /** Pending and sending deliveries per channel, across tenants. */
    Map<String, Long> pendingDeliveriesByChannel(Handle h) {
        Map<String, Long> counts = new LinkedHashMap<>();
        h.createQuery("SELECT channel, COUNT(*) AS n FROM " + t.deliveries()
                        + " WHERE status IN ('PENDING', 'SENDING') GROUP BY channel")
                .map((rs, ctx) -> Map.entry(rs.getString("channel"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }
}

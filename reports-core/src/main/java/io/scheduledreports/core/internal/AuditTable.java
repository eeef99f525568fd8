package io.scheduledreports.core.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the audit log, and the execution statistics of the dashboard.
 */
final class AuditTable {

    private final SqlSupport sql;

    AuditTable(SqlSupport sql) {
        this.sql = sql;
    }

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
        sql.update(h, """
                INSERT INTO <auditEvents> (id, tenant_id, actor, action, entity_type, entity_id,
                old_value, new_value, occurred_at) VALUES (:id, :tenantId, :actor, :action, :type, :entityId,
                :old, :new, :now)
                """)
                .bind("id", SqlSupport.newId())
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

    Map<String, Long> executionCountsByStatus(Handle h, String tenantId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tenantScoped(
                        sql.query(
                                h,
                                "SELECT status, COUNT(*) AS n FROM <executions>"
                                        + (tenantId == null ? "" : " WHERE tenant_id = :tenantId")
                                        + " GROUP BY status"),
                        tenantId)
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /**
     * Executions that finished in a window.
     *
     * @param succeeded those that succeeded (or were skipped, or succeeded and expired since)
     * @param finished all that finished
     */
    record Outcomes(long succeeded, long finished) {}

    /** Finished executions since {@code since}. */
    Outcomes successCounts(Handle h, String tenantId, Instant since) {
        return tenantScoped(sql.query(h, """
                                        SELECT SUM(CASE WHEN status IN ('SUCCEEDED', 'EXPIRED', 'SKIPPED') THEN 1 ELSE 0 END) AS ok,
                                        COUNT(*) AS n FROM <executions> WHERE created_at >= :since
                                        AND status IN ('SUCCEEDED', 'EXPIRED', 'SKIPPED', 'PARTIALLY_DELIVERED', 'FAILED')
                                        """ + (tenantId == null ? "" : " AND tenant_id = :tenantId")), tenantId)
                .bind("since", since)
                .map((rs, ctx) -> new Outcomes(rs.getLong("ok"), rs.getLong("n")))
                .one();
    }

    Double averageDurationMs(Handle h, String tenantId, Instant since) {
        return tenantScoped(sql.query(h, """
                                SELECT AVG(duration_ms) FROM <executions> WHERE created_at >= :since
                                AND duration_ms IS NOT NULL
                                """ + (tenantId == null ? "" : " AND tenant_id = :tenantId")), tenantId)
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
}

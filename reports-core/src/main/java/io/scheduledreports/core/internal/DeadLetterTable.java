package io.scheduledreports.core.internal;

import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.spi.ErrorCategory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the dead-letters table.
 */
final class DeadLetterTable {

    private final SqlSupport sql;

    DeadLetterTable(SqlSupport sql) {
        this.sql = sql;
    }

    void insertDeadLetter(
            Handle h,
            String tenantId,
            String scheduleId,
            String executionId,
            String deliveryId,
            DeadLetter.Kind kind,
            ErrorCategory category,
            String message,
            String detail,
            int attempts,
            Instant now) {
        sql.update(h, """
                INSERT INTO <deadLetters>
                (id, tenant_id, schedule_id, execution_id, delivery_id, kind,
                error_category, error_message, error_detail, attempts, status, created_at, updated_at)
                VALUES (:id, :tenantId, :scheduleId, :executionId, :deliveryId, :kind, :category, :message,
                :detail, :attempts, 'UNRESOLVED', :now, :now)
                """)
                .bind("id", SqlSupport.newId())
                .bind("tenantId", tenantId)
                .bind("scheduleId", scheduleId)
                .bind("executionId", executionId)
                .bind("deliveryId", deliveryId)
                .bind("kind", kind.name())
                .bind("category", category.name())
                .bind("message", Text.clip(message, 2000))
                .bind("detail", Text.clip(detail, 4000))
                .bind("attempts", attempts)
                .bind("now", now)
                .execute();
    }

    long countUnresolvedDeadLetters(Handle h, String tenantId) {
        return sql.query(h, "SELECT COUNT(*) FROM <deadLetters> WHERE tenant_id = :t AND status = 'UNRESOLVED'")
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

    Rows.Counted<io.scheduledreports.core.DeadLetter> listDeadLetters(
            Handle h, String tenantId, io.scheduledreports.core.DeadLetterQuery q) {
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
        long total = bind.apply(sql.query(h, "SELECT COUNT(*) FROM <deadLetters>" + where))
                .mapTo(Long.class)
                .one();
        return new Rows.Counted<>(
                bind.apply(sql.query(
                                h,
                                "SELECT * FROM <deadLetters>" + where
                                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"))
                        .bind("limit", q.page().size())
                        .bind("offset", q.page().page() * q.page().size())
                        .map((rs, ctx) -> deadLetter(rs))
                        .list(),
                total);
    }

    List<io.scheduledreports.core.DeadLetter> deadLettersForUpdate(
            Handle h, String tenantId, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return sql.query(h, "SELECT * FROM <deadLetters> WHERE tenant_id = :tenantId AND id IN (<ids>) FOR UPDATE")
                .bind("tenantId", tenantId)
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> deadLetter(rs))
                .list();
    }

    void closeDeadLetter(Handle h, String id, DeadLetter.Status status, String note, String actor, Instant now) {
        sql.update(h, """
                UPDATE <deadLetters>
                SET status = :status, resolution_note = :note, resolved_by = :actor,
                resolved_at = :now, updated_at = :now WHERE id = :id
                """)
                .bind("id", id)
                .bind("status", status.name())
                .bind("note", Text.clip(note, 2000))
                .bind("actor", actor)
                .bind("now", now)
                .execute();
    }

    int purgeClosedDeadLetters(Handle h, String tenantId, Instant olderThan) {
        return sql.update(h, """
                DELETE FROM <deadLetters>
                WHERE tenant_id = :tenantId AND status <> 'UNRESOLVED' AND created_at < :before
                """)
                .bind("tenantId", tenantId)
                .bind("before", olderThan)
                .execute();
    }

    /** Drops the oldest closed dead letters of tenants above {@code cap}; unresolved ones are never dropped. */
    int enforceDeadLetterCap(Handle h, int cap) {
        List<Map.Entry<String, Long>> over = sql.query(h, """
                SELECT tenant_id, COUNT(*) AS n FROM <deadLetters>
                GROUP BY tenant_id HAVING COUNT(*) > :cap
                """)
                .bind("cap", cap)
                .map((rs, ctx) -> Map.entry(rs.getString("tenant_id"), rs.getLong("n")))
                .list();
        int dropped = 0;
        for (Map.Entry<String, Long> e : over) {
            List<String> oldest = sql.query(h, """
                    SELECT id FROM <deadLetters> WHERE tenant_id = :t
                    AND status <> 'UNRESOLVED' ORDER BY created_at, id LIMIT :n
                    """)
                    .bind("t", e.getKey())
                    .bind("n", (int) Math.min(Integer.MAX_VALUE, e.getValue() - cap))
                    .mapTo(String.class)
                    .list();
            if (!oldest.isEmpty()) {
                dropped += sql.update(h, "DELETE FROM <deadLetters> WHERE id IN (<ids>)")
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
                sql.instant(rs, "resolved_at"),
                sql.instant(rs, "created_at"));
    }
}

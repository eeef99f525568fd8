package io.scheduledreports.core.internal;

import io.scheduledreports.core.DeliveryStatus;
import io.scheduledreports.core.internal.Rows.DeliveryRow;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.Recipient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the deliveries table: one row per (execution, recipient).
 */
final class DeliveryTable {

    private final SqlSupport sql;

    DeliveryTable(SqlSupport sql) {
        this.sql = sql;
    }

    void insertDelivery(Handle h, String id, String tenantId, String executionId, Recipient r, Instant now) {
        insertDelivery(h, id, tenantId, executionId, r, false, now);
    }

    /**
     * Records a delivery PENDING, or, {@code claimed}, already SENDING as its first attempt: what
     * {@link #markSending} would make of it, for a delivery that the recording worker sends right after the commit.
     */
    void insertDelivery(
            Handle h, String id, String tenantId, String executionId, Recipient r, boolean claimed, Instant now) {
        sql.update(h, """
                                INSERT INTO <deliveries> (id, tenant_id, execution_id, recipient_id, channel,
                                destination, status, attempts, idempotency_key, created_at, updated_at) VALUES (:id,
                                :tenantId, :executionId, :recipientId, :channel, :destination, :status, :attempts, :key,
                                :now, :now)
                                """)
                .bind("status", claimed ? "SENDING" : "PENDING")
                .bind("attempts", claimed ? 1 : 0)
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
        return sql.query(h, "SELECT * FROM <deliveries> WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> delivery(rs))
                .findOne();
    }

    List<DeliveryRow> deliveries(Handle h, String executionId) {
        return sql.query(h, "SELECT * FROM <deliveries> WHERE execution_id = :e ORDER BY created_at, id")
                .bind("e", executionId)
                .map((rs, ctx) -> delivery(rs))
                .list();
    }

    /** Starts a delivery attempt, fenced on the attempt count. */
    boolean markSending(Handle h, String id, int fromAttempts, Instant now) {
        return sql.update(h, """
                UPDATE <deliveries>
                SET status = 'SENDING', attempts = :next, updated_at = :now
                WHERE id = :id AND attempts = :from AND status IN ('PENDING', 'SENDING')
                """)
                        .bind("id", id)
                        .bind("from", fromAttempts)
                        .bind("next", fromAttempts + 1)
                        .bind("now", now)
                        .execute()
                == 1;
    }

    boolean markSent(Handle h, String id, int attempts, String providerReference, Instant now) {
        return sql.update(h, """
                UPDATE <deliveries> SET status = 'SENT', provider_reference = :ref,
                sent_at = :now, error_category = NULL, last_error = NULL, updated_at = :now
                WHERE id = :id AND attempts = :attempts AND status = 'SENDING'
                """)
                        .bind("id", id)
                        .bind("attempts", attempts)
                        .bind("ref", Text.clip(providerReference, 255))
                        .bind("now", now)
                        .execute()
                == 1;
    }

    /** Records a failed attempt; {@code status} is PENDING (will retry) or FAILED. */
    boolean markDeliveryFailed(
            Handle h,
            String id,
            int attempts,
            DeliveryStatus status,
            ErrorCategory category,
            String message,
            Instant now) {
        return sql.update(h, """
                UPDATE <deliveries> SET status = :status, error_category = :category,
                last_error = :message, updated_at = :now WHERE id = :id AND attempts = :attempts
                AND status = 'SENDING'
                """)
                        .bind("id", id)
                        .bind("attempts", attempts)
                        .bind("status", status.name())
                        .bind("category", category.name())
                        .bind("message", Text.clip(message, 2000))
                        .bind("now", now)
                        .execute()
                == 1;
    }

    void setDeliveryStatus(Handle h, String id, DeliveryStatus status, Instant now) {
        sql.update(h, "UPDATE <deliveries> SET status = :status, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("status", status.name())
                .bind("now", now)
                .execute();
    }

    /** Puts a failed delivery back for a replay (attempts restart). */
    boolean requeueDelivery(Handle h, String id, Instant now) {
        return sql.update(h, """
                UPDATE <deliveries> SET status = 'PENDING', attempts = 0, updated_at = :now
                WHERE id = :id AND status = 'FAILED'
                """).bind("id", id).bind("now", now).execute() == 1;
    }

    List<String> pendingDeliveryIds(Handle h, String scheduleId) {
        return sql.query(h, """
                SELECT d.id FROM <deliveries> d JOIN <executions>
                e ON e.id = d.execution_id WHERE e.schedule_id = :s AND d.status = 'PENDING'
                """).bind("s", scheduleId).mapTo(String.class).list();
    }

    Map<DeliveryStatus, Long> deliveryCounts(Handle h, String executionId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        sql.query(h, "SELECT status, COUNT(*) AS n FROM <deliveries> WHERE execution_id = :e GROUP BY status")
                .bind("e", executionId)
                .map((rs, ctx) -> Map.entry(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n")))
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
                sql.instant(rs, "sent_at"));
    }
}

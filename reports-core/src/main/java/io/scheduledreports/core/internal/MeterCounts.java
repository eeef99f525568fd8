package io.scheduledreports.core.internal;

import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.jdbc.TableNames;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.Query;

/** Counts behind the cluster-wide gauges: schedules by status and delivery success per channel. */
public final class MeterCounts {
    private final Engine engine;
    private final TableNames t;

    MeterCounts(Engine engine) {
        this.engine = engine;
        this.t = engine.config.tables();
    }

    /** Schedules per status, every status listed ({@code tenantId} null for all tenants). */
    public Map<ScheduleStatus, Long> schedulesByStatus(String tenantId) {
        Map<ScheduleStatus, Long> counts = new EnumMap<>(ScheduleStatus.class);
        for (ScheduleStatus s : ScheduleStatus.values()) {
            counts.put(s, 0L);
        }
        engine.tx
                .read(h -> scoped(
                                h.createQuery("SELECT status, COUNT(*) AS n FROM " + t.schedules()
                                        + (tenantId == null ? "" : " WHERE tenant_id = :tenant") + " GROUP BY status"),
                                tenantId)
                        .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                        .list())
                .forEach(e -> counts.put(ScheduleStatus.valueOf(e.getKey()), e.getValue()));
        return counts;
    }

    /**
     * Per channel: deliveries that ended since {@code since}; a delivery ends when it is
     * {@code SENT} or {@code FAILED} for good (cancelled ones and ones still retrying do not count).
     */
    public Map<String, Outcomes> deliveryOutcomes(String tenantId, Instant since) {
        Map<String, Outcomes> result = new TreeMap<>();
        engine.tx
                .read(h -> scoped(
                                h.createQuery("SELECT channel, SUM(CASE WHEN status = 'SENT' THEN 1 ELSE 0 END) AS ok,"
                                        + " COUNT(*) AS n FROM " + t.deliveries()
                                        + " WHERE status IN ('SENT', 'FAILED') AND updated_at >= :since"
                                        + (tenantId == null ? "" : " AND tenant_id = :tenant")
                                        + " GROUP BY channel"),
                                tenantId)
                        .bind("since", since)
                        .map((rs, ctx) -> Map.entry(
                                rs.getString("channel"),
                                new Outcomes(rs.getLong("ok"), rs.getLong("n") - rs.getLong("ok"))))
                        .list())
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** Per channel: sent / (sent + failed) among deliveries that ended in the last {@code window}. */
    public Map<String, Double> deliverySuccessRates(String tenantId, java.time.Duration window) {
        Map<String, Double> rates = new TreeMap<>();
        deliveryOutcomes(tenantId, engine.config.clock().instant().minus(window))
                .forEach((channel, o) -> rates.put(channel, (double) o.sent() / (o.sent() + o.failed())));
        return rates;
    }

    /**
     * Deliveries of one channel that ended.
     *
     * @param sent ended SENT
     * @param failed ended FAILED
     */
    public record Outcomes(long sent, long failed) {}

    private static Query scoped(Query q, String tenantId) {
        return tenantId == null ? q : q.bind("tenant", tenantId);
    }
}

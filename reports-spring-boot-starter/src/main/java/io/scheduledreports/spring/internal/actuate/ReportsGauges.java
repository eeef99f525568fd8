package io.scheduledreports.spring.internal.actuate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.core.DeadLetterQuery;
import io.scheduledreports.core.ExecutionStats;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.core.ScheduledReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide gauges over the whole database, read from {@code ScheduledReports.admin().stats(null)} and cached
 * for a short while so a scrape does not query the database each time: {@code scheduled.reports.queue.depth}
 * (executions waiting for a worker or a retry), {@code scheduled.reports.generations.running},
 * {@code scheduled.reports.executions.stored} (by {@code status}), {@code scheduled.reports.success.rate} (by
 * {@code window}: 24h, 7d, 30d), {@code scheduled.reports.dead.letters.unresolved}, {@code scheduled.reports.schedules}
 * (by {@code status}: active, paused, completed, deleted), {@code scheduled.reports.delivery.success.rate} (by
 * {@code channel}, deliveries that ended in the last 24 h) and {@code scheduled.reports.artifacts.stored.bytes} (by
 * {@code tenant}: bytes of the report files kept; an untagged read is the total) and
 * {@code scheduled.reports.deliveries.pending} (by {@code channel}).
 */
public final class ReportsGauges {

    private static final Logger log = LoggerFactory.getLogger(ReportsGauges.class);

    private final ScheduledReports reports;
    private final Duration cacheDuration;
    private final Clock clock;
    private final MultiGauge deliveryRates;
    private final MultiGauge storedBytes;
    private Snapshot snapshot;

    /** Creates and registers the gauges. */
    public ReportsGauges(MeterRegistry registry, ScheduledReports reports, Duration cacheDuration, Clock clock) {
        this.reports = reports;
        this.cacheDuration = cacheDuration;
        this.clock = clock;
        gauge(
                registry,
                "scheduled.reports.queue.depth",
                "Executions waiting for a worker or a retry",
                s -> count(s, ExecutionStatus.QUEUED) + count(s, ExecutionStatus.RETRYING));
        gauge(
                registry,
                "scheduled.reports.generations.running",
                "Reports being generated now",
                s -> count(s, ExecutionStatus.RUNNING));
        for (ExecutionStatus status : ExecutionStatus.values()) {
            Gauge.builder("scheduled.reports.executions.stored", this, g -> count(g.stats(), status))
                    .description("Stored executions by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        rate(registry, "24h", ExecutionStats::successRate24h);
        rate(registry, "7d", ExecutionStats::successRate7d);
        rate(registry, "30d", ExecutionStats::successRate30d);
        Gauge.builder(
                        "scheduled.reports.dead.letters.unresolved",
                        this,
                        g -> g.current().deadLetters())
                .description("Dead letters not resolved yet")
                .register(registry);
        for (ScheduleStatus status : ScheduleStatus.values()) {
            Gauge.builder("scheduled.reports.schedules", this, g -> {
                        java.util.Map<ScheduleStatus, Long> counts = g.current().schedules();
                        return counts == null ? Double.NaN : counts.getOrDefault(status, 0L);
                    })
                    .description("Schedules by status")
                    .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        // one row per channel and per tenant as they appear; rows are replaced whenever the snapshot is read again
        this.deliveryRates = MultiGauge.builder("scheduled.reports.delivery.success.rate")
                .description("Share of deliveries that ended in the last 24h that were sent (0-1), per channel")
                .register(registry);
        this.storedBytes = MultiGauge.builder("scheduled.reports.artifacts.stored.bytes")
                .description("Bytes of the report files kept, per tenant")
                .baseUnit("bytes")
                .register(registry);
        for (String channel : reports.channels()) {
            Gauge.builder("scheduled.reports.deliveries.pending", reports, r -> pending(r, channel))
                    .description("Pending deliveries of a channel across the cluster (the delivery queue)")
                    .tag("channel", channel)
                    .register(registry);
        }
    }

    /** The channel's backlog, from the engine's own count (at most 5 s old); NaN before start. */
    private static double pending(ScheduledReports reports, String channel) {
        try {
            return reports.isStarted()
                    ? reports.deliveryQueue().pendingByChannel().getOrDefault(channel, 0L)
                    : Double.NaN;
        } catch (RuntimeException e) {
            log.debug("Could not read the delivery queue: {}", e.toString());
            return Double.NaN;
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ExecutionStats> f) {
        Gauge.builder(name, this, g -> {
                    ExecutionStats s = g.stats();
                    return s == null ? Double.NaN : f.applyAsDouble(s);
                })
                .description(description)
                .register(registry);
    }

    private void rate(MeterRegistry registry, String window, java.util.function.Function<ExecutionStats, Double> rate) {
        // One meter name per window, not one name with a window tag: an untagged read of a tagged gauge adds the
        // windows up (three rates of 1.0 showed as 3.0 in /actuator/metrics).
        Gauge.builder("scheduled.reports.success.rate." + window, this, g -> {
                    ExecutionStats s = g.stats();
                    Double value = s == null ? null : rate.apply(s);
                    return value == null ? Double.NaN : value;
                })
                .description("Share of executions finished in the last " + window + " that succeeded (0-1)")
                .register(registry);
    }

    private static double count(ExecutionStats s, ExecutionStatus status) {
        return s == null ? Double.NaN : s.countsByStatus().getOrDefault(status, 0L);
    }

    private ExecutionStats stats() {
        return current().stats();
    }

    /** The cached statistics, read again when older than the cache duration. */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.readAt().plus(cacheDuration))) {
            snapshot = read(now);
        }
        return snapshot;
    }

    private Snapshot read(Instant now) {
        if (!reports.isStarted()) {
            return new Snapshot(now, null, Double.NaN, null);
        }
        try {
            var admin = reports.admin();
            Snapshot s = new Snapshot(now, admin.stats(null), unresolvedDeadLetters(), admin.scheduleCounts(null));
            java.util.Map<String, Double> rates = admin.deliverySuccessRates(null, Duration.ofHours(24));
            java.util.Map<String, Long> bytes = admin.storedBytesByTenant(null);
            deliveryRates.register(
                    rates.entrySet().stream()
                            .map(e -> MultiGauge.Row.of(Tags.of("channel", e.getKey()), e.getValue()))
                            .toList(),
                    true);
            storedBytes.register(
                    bytes.entrySet().stream()
                            .map(e -> MultiGauge.Row.of(Tags.of("tenant", e.getKey()), e.getValue()))
                            .toList(),
                    true);
            return s;
        } catch (RuntimeException e) {
            log.warn("Cannot read Scheduled Reports statistics for the gauges: {}", e.toString());
            return new Snapshot(now, null, Double.NaN, null);
        }
    }

    private double unresolvedDeadLetters() {
        return reports.admin()
                .deadLetters(
                        null,
                        new DeadLetterQuery(null, null, DeadLetter.Status.UNRESOLVED, null, null, PageRequest.of(0, 1)))
                .total();
    }

    record Snapshot(
            Instant readAt, ExecutionStats stats, double deadLetters, java.util.Map<ScheduleStatus, Long> schedules) {}
}

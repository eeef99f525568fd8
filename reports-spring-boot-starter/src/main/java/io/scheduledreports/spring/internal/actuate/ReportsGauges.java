package io.scheduledreports.spring.internal.actuate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scheduledreports.core.DeadLetter;
import io.scheduledreports.core.DeadLetterQuery;
import io.scheduledreports.core.ExecutionStats;
import io.scheduledreports.core.ExecutionStatus;
import io.scheduledreports.core.PageRequest;
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
 * {@code window}: 24h, 7d, 30d), {@code scheduled.reports.dead.letters.unresolved} and
 * {@code scheduled.reports.deliveries.pending} (by {@code channel}).
 */
public final class ReportsGauges {

    private static final Logger log = LoggerFactory.getLogger(ReportsGauges.class);

    private final ScheduledReports reports;
    private final Duration cacheDuration;
    private final Clock clock;
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
            return new Snapshot(now, null, Double.NaN);
        }
        try {
            return new Snapshot(now, reports.admin().stats(null), unresolvedDeadLetters());
        } catch (RuntimeException e) {
            log.warn("Cannot read Scheduled Reports statistics for the gauges: {}", e.toString());
            return new Snapshot(now, null, Double.NaN);
        }
    }

    private double unresolvedDeadLetters() {
        return reports.admin()
                .deadLetters(
                        null,
                        new DeadLetterQuery(null, null, DeadLetter.Status.UNRESOLVED, null, null, PageRequest.of(0, 1)))
                .total();
    }

    record Snapshot(Instant readAt, ExecutionStats stats, double deadLetters) {}
}

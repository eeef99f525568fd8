package io.scheduledreports.spring.internal.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scheduledreports.spi.DeliveryEvent;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ExecutionEvent;
import io.scheduledreports.spi.ReportsListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what happens on this instance: {@code scheduled.reports.executions} (by {@code status}: started,
 * succeeded, failed, dead_lettered, skipped), {@code scheduled.reports.generation.duration} (by {@code outcome}) and
 * {@code scheduled.reports.deliveries} (by {@code channel} and {@code status}: sent, failed, dead_lettered),
 * {@code scheduled.reports.errors} (failed attempts by {@code kind}: generation, delivery, and {@code category}) and
 * {@code scheduled.reports.timeouts} (generation attempts stopped by their timeout).
 */
public final class ReportsMetrics implements ReportsListener {

    /** Attempts whose end has not been seen yet are forgotten beyond this many (a crash mid-generation). */
    static final int MAX_OPEN_ATTEMPTS = 10_000;

    private final MeterRegistry registry;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();

    /** Creates the listener. */
    public ReportsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void executionStarted(ExecutionEvent event) {
        execution("started");
        if (started.size() < MAX_OPEN_ATTEMPTS) {
            started.put(key(event), event.at());
        }
    }

    @Override
    public void executionSucceeded(ExecutionEvent event) {
        execution("succeeded");
        time(event, "success");
    }

    @Override
    public void executionFailed(ExecutionEvent event) {
        execution("failed");
        time(event, "failure");
        error("generation", event.category());
        if (event.category() == ErrorCategory.TIMEOUT) {
            Counter.builder("scheduled.reports.timeouts")
                    .description("Generation attempts stopped by their timeout on this instance")
                    .register(registry)
                    .increment();
        }
    }

    @Override
    public void executionDeadLettered(ExecutionEvent event) {
        execution("dead_lettered");
    }

    @Override
    public void executionSkipped(ExecutionEvent event) {
        execution("skipped");
    }

    @Override
    public void deliverySent(DeliveryEvent event) {
        delivery(event, "sent");
    }

    @Override
    public void deliveryFailed(DeliveryEvent event) {
        delivery(event, "failed");
        error("delivery", event.category());
    }

    private void error(String kind, ErrorCategory category) {
        Counter.builder("scheduled.reports.errors")
                .description("Failed attempts on this instance by kind and error category")
                .tag("kind", kind)
                .tag("category", category == null ? "unknown" : category.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
    }

    @Override
    public void deliveryDeadLettered(DeliveryEvent event) {
        delivery(event, "dead_lettered");
    }

    private void execution(String status) {
        Counter.builder("scheduled.reports.executions")
                .description("Report generation events on this instance")
                .tag("status", status)
                .register(registry)
                .increment();
    }

    private void delivery(DeliveryEvent event, String status) {
        Counter.builder("scheduled.reports.deliveries")
                .description("Report delivery events on this instance")
                .tag("channel", event.channel() == null ? "unknown" : event.channel())
                .tag("status", status)
                .register(registry)
                .increment();
    }

    private void time(ExecutionEvent event, String outcome) {
        Instant start = started.remove(key(event));
        if (start == null || event.at() == null || event.at().isBefore(start)) {
            return;
        }
        Timer.builder("scheduled.reports.generation.duration")
                .description("Time to generate a report (one attempt)")
                .tag("outcome", outcome)
                .register(registry)
                .record(Duration.between(start, event.at()));
    }

    private static String key(ExecutionEvent event) {
        return event.executionId() + "#" + event.attempt();
    }
}

package io.scheduledreports.benchmarks.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.BenchReports;
import io.scheduledreports.benchmarks.harness.NoopChannel;
import io.scheduledreports.benchmarks.harness.ShiftedClock;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.DeliveryEvent;
import io.scheduledreports.spi.ReportsListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled Reports: daily schedules of the {@code noop} report type (one column, no rows, real CSV formatter, real
 * local artifact store) with one recipient on a channel that delivers nowhere. An item is complete when its
 * delivery is recorded as sent (the timer fired, the execution was recorded, the report generated and delivered).
 *
 * <p>Only the public API reaches the engine: the warm-up and measured schedules are created for two times of day
 * hours ahead, and each instance runs on a {@link ShiftedClock}; releasing a batch shifts every instance's clock so
 * that the batch's time comes a moment later, at the same real instant for all of them. Whatever the engine keeps
 * in its tables (timer task rows or not), the schedules become due the way they would in production.
 */
final class EngineSystem implements BenchSystem {
    /** How long before the due instant the harness sends the clock shift to every instance. */
    static final long RELEASE_LEAD_MS = 300;

    private final Map<BenchSystem.Batch, Instant> dueAt = new java.util.EnumMap<>(BenchSystem.Batch.class);

    @Override
    public void prepare(BenchDatabase db, String prefix, Path artifacts, int warmup, int measured) throws Exception {
        Instant now = Instant.now();
        dueAt.put(BenchSystem.Batch.WARMUP, now.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES));
        dueAt.put(BenchSystem.Batch.MEASURED, now.plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES));
        try (HikariDataSource pool = db.pool("setup-" + prefix, 6);
                ScheduledReports setup = builder(pool, prefix, artifacts)
                        .workerThreads(1)
                        .polling(PollingSettings.builder()
                                .pollingInterval(Duration.ofHours(1))
                                .build())
                        .instanceName("setup")
                        .build()) {
            setup.start();
            for (BenchSystem.Batch batch : BenchSystem.Batch.values()) {
                int n = batch == BenchSystem.Batch.WARMUP ? warmup : measured;
                List<String> names = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    names.add(batch.tag() + i);
                }
                BenchReports.createDaily(setup, names, "noop", dueAt.get(batch), NoopChannel.ID);
            }
        }
    }

    static ScheduledReports.Builder builder(javax.sql.DataSource pool, String prefix, Path artifacts) {
        return BenchReports.engine(pool, prefix, artifacts)
                .reportType(BenchReports.noop())
                .channel(NoopChannel.discarding());
    }

    @Override
    public long release(BenchDatabase db, String prefix, BenchSystem.Batch batch) {
        throw new UnsupportedOperationException("the engine's batches are released through its instances' clocks");
    }

    @Override
    public long release(BenchDatabase db, String prefix, BenchSystem.Batch batch, List<Node> nodes) throws Exception {
        Instant due = dueAt.get(batch);
        long origin = System.currentTimeMillis() + RELEASE_LEAD_MS;
        for (Node node : nodes) {
            node.clockOffset(due.toEpochMilli() - origin);
        }
        long wait = origin - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return origin;
    }

    @Override
    public Map<String, Object> verify(BenchDatabase db, String prefix, int measured) {
        TableNames t = new TableNames(prefix);
        String ofMeasured = " e JOIN " + t.schedules() + " s ON s.id = e.schedule_id WHERE s.name LIKE 'm%'";
        long executions = db.count("SELECT COUNT(*) FROM " + t.executions() + ofMeasured);
        long succeeded =
                db.count("SELECT COUNT(*) FROM " + t.executions() + ofMeasured + " AND e.status = 'SUCCEEDED'");
        long sentOnce = db.count("SELECT COUNT(*) FROM " + t.deliveries() + " d JOIN " + t.executions()
                + " e ON e.id = d.execution_id JOIN " + t.schedules()
                + " s ON s.id = e.schedule_id WHERE s.name LIKE 'm%' AND d.status = 'SENT' AND d.attempts = 1");
        long maxPerSchedule = db.count("SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM " + t.executions()
                + " GROUP BY schedule_id) x");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("executions", executions);
        facts.put("succeeded", succeeded);
        facts.put("deliveriesSentAtFirstAttempt", sentOnce);
        facts.put("maxExecutionsPerSchedule", maxPerSchedule);
        facts.put("ok", executions == measured && succeeded == measured && sentOnce == measured && maxPerSchedule == 1);
        return facts;
    }

    @Override
    public BenchSystem.Instance start(NodeSpec spec) {
        return new Running(spec);
    }

    private static final class Running extends BenchSystem.Instance {
        private final HikariDataSource pool;
        private final ScheduledReports reports;
        private final ShiftedClock clock = new ShiftedClock();

        Running(NodeSpec spec) {
            super(spec);
            this.pool =
                    BenchSystem.database(spec).pool(spec.name(), spec.poolSize(), BenchSystem.applicationName(spec));
            this.reports = builder(pool, spec.prefix(), Path.of(spec.artifactDir()))
                    .clock(clock)
                    .workerThreads(spec.threads())
                    .polling(PollingSettings.builder()
                            .pollingInterval(Duration.ofMillis(spec.pollingMs()))
                            .batchFiringSize(spec.batchFiringSize())
                            .build())
                    .instanceName(spec.name())
                    .listener(new ReportsListener() {
                        @Override
                        public void deliverySent(DeliveryEvent event) {
                            timeline.record();
                        }
                    })
                    .build();
            reports.start();
        }

        @Override
        void clockOffset(long offsetMs) {
            clock.offsetMs(offsetMs);
        }

        @Override
        void stop() {
            try {
                reports.close();
            } finally {
                pool.close();
            }
        }
    }
}

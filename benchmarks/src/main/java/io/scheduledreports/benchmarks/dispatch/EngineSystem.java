package io.scheduledreports.benchmarks.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.BenchReports;
import io.scheduledreports.benchmarks.harness.NoopChannel;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.internal.Engine;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.DeliveryEvent;
import io.scheduledreports.spi.ReportsListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled Reports: daily schedules of the {@code noop} report type (one column, no rows, real CSV formatter, real
 * local artifact store) with one recipient on a channel that delivers nowhere. An item is complete when its
 * delivery is recorded as sent, i.e. after three tasks: fire, generate, deliver.
 */
final class EngineSystem implements BenchSystem {

    @Override
    public void prepare(BenchDatabase db, String prefix, Path artifacts, int warmup, int measured) throws Exception {
        Instant dueLater = Instant.now().plus(Duration.ofHours(12));
        try (HikariDataSource pool = db.pool("setup-" + prefix, 6);
                ScheduledReports setup = builder(pool, prefix, artifacts)
                        .workerThreads(1)
                        .polling(PollingSettings.builder()
                                .pollingInterval(Duration.ofHours(1))
                                .build())
                        .instanceName("setup")
                        .build()) {
            setup.start();
            List<String> names = new ArrayList<>();
            for (BenchSystem.Batch batch : BenchSystem.Batch.values()) {
                int n = batch == BenchSystem.Batch.WARMUP ? warmup : measured;
                for (int i = 0; i < n; i++) {
                    names.add(batch.tag() + i);
                }
            }
            BenchReports.createDaily(setup, names, "noop", dueLater, NoopChannel.ID);
        }
    }

    static ScheduledReports.Builder builder(javax.sql.DataSource pool, String prefix, Path artifacts) {
        return BenchReports.engine(pool, prefix, artifacts)
                .reportType(BenchReports.noop())
                .channel(NoopChannel.discarding());
    }

    @Override
    public long release(BenchDatabase db, String prefix, BenchSystem.Batch batch) throws Exception {
        TableNames t = new TableNames(prefix);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement schedules =
                            c.prepareStatement("UPDATE " + t.schedules() + " SET next_run_at = ? WHERE name LIKE ?");
                    PreparedStatement timers = c.prepareStatement("UPDATE " + t.tasks()
                            + " SET execution_time = ? WHERE task_name = ? AND task_instance IN (SELECT id FROM "
                            + t.schedules() + " WHERE name LIKE ?)")) {
                schedules.setObject(1, now);
                schedules.setString(2, batch.tag() + "%");
                schedules.executeUpdate();
                timers.setObject(1, now);
                timers.setString(2, Engine.FIRE);
                timers.setString(3, batch.tag() + "%");
                timers.executeUpdate();
            }
            c.commit();
        }
        return System.currentTimeMillis();
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

        Running(NodeSpec spec) {
            super(spec);
            this.pool =
                    BenchSystem.database(spec).pool(spec.name(), spec.poolSize(), BenchSystem.applicationName(spec));
            this.reports = builder(pool, spec.prefix(), Path.of(spec.artifactDir()))
                    .workerThreads(spec.threads())
                    .polling(PollingSettings.builder()
                            .pollingInterval(Duration.ofMillis(spec.pollingMs()))
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
        void stop() {
            try {
                reports.close();
            } finally {
                pool.close();
            }
        }
    }
}

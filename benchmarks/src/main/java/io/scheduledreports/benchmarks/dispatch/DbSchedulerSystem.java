package io.scheduledreports.benchmarks.dispatch;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.TableNames;
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
 * db-scheduler on its own: one no-op one-time task per item, in the very task table the engine uses (created by our
 * migrations: same columns, priority, indexes), with the engine's scheduler settings (lock-and-fetch polling,
 * priority, UTC timestamps, heartbeats). An item is complete when its task ran.
 */
final class DbSchedulerSystem implements BenchSystem {
    static final String TASK = "bench-noop";

    private static OneTimeTask<Void> task(Runnable onRun) {
        return Tasks.oneTime(TASK).execute((instance, ctx) -> onRun.run());
    }

    @Override
    public void prepare(BenchDatabase db, String prefix, Path artifacts, int warmup, int measured) {
        try (HikariDataSource pool = db.pool("setup-" + prefix, 2)) {
            TableNames t = new TableNames(prefix);
            ReportsSchema.of(pool, t).migrate();
            SchedulerClient client = SchedulerClient.Builder.create(pool, List.of(task(() -> {})))
                    .tableName(t.tasks())
                    .enablePriority()
                    .build();
            Instant later = Instant.now().plus(Duration.ofDays(1));
            for (BenchSystem.Batch batch : BenchSystem.Batch.values()) {
                int n = batch == BenchSystem.Batch.WARMUP ? warmup : measured;
                List<TaskInstance<?>> instances = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    instances.add(new TaskInstance<Void>(TASK, batch.tag() + "-" + i));
                }
                if (!instances.isEmpty()) {
                    client.scheduleBatch(instances, later);
                }
            }
        }
    }

    @Override
    public long release(BenchDatabase db, String prefix, BenchSystem.Batch batch) throws Exception {
        TableNames t = new TableNames(prefix);
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
                PreparedStatement ps = c.prepareStatement("UPDATE " + t.tasks()
                        + " SET execution_time = ? WHERE task_name = ? AND task_instance LIKE ?")) {
            setUtcNow(db, ps, 1);
            ps.setString(2, TASK);
            ps.setString(3, batch.tag() + "-%");
            ps.executeUpdate();
        }
        return System.currentTimeMillis();
    }

    /**
     * Binds the current time as db-scheduler writes it with {@code alwaysPersistTimestampInUTC}: a
     * {@code timestamptz} on PostgreSQL, the UTC wall time in MariaDB's {@code DATETIME(6)}.
     */
    static void setUtcNow(BenchDatabase db, PreparedStatement ps, int index) throws java.sql.SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (db.isMariaDb()) {
            ps.setTimestamp(
                    index,
                    java.sql.Timestamp.from(now),
                    java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        }
    }

    @Override
    public Map<String, Object> verify(BenchDatabase db, String prefix, int measured) {
        long left = db.count(
                "SELECT COUNT(*) FROM " + new TableNames(prefix).tasks() + " WHERE task_name = '" + TASK + "'");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("tasksLeft", left);
        facts.put("ok", left == 0);
        return facts;
    }

    @Override
    public BenchSystem.Instance start(NodeSpec spec) {
        return new Running(spec);
    }

    private static final class Running extends BenchSystem.Instance {
        private final HikariDataSource pool;
        private final Scheduler scheduler;

        Running(NodeSpec spec) {
            super(spec);
            this.pool =
                    BenchSystem.database(spec).pool(spec.name(), spec.poolSize(), BenchSystem.applicationName(spec));
            // the settings of io.scheduledreports.core.internal.Engine#start (before the engine rework of issue
            // 25): lock-and-fetch polling on PostgreSQL, db-scheduler's default fetch-and-lock-on-execute on MariaDB
            var builder = Scheduler.create(pool, task(timeline::record))
                    .threads(spec.threads())
                    .pollingInterval(Duration.ofMillis(spec.pollingMs()))
                    .heartbeatInterval(PollingSettings.DEFAULT_HEARTBEAT_INTERVAL)
                    .missedHeartbeatsLimit(PollingSettings.DEFAULT_MISSED_HEARTBEATS)
                    .shutdownMaxWait(Duration.ofSeconds(30))
                    .commitWhenAutocommitDisabled(true);
            if (!spec.db().isMariaDb()) {
                builder.pollUsingLockAndFetch(0.5, 1.0);
            }
            this.scheduler = builder.schedulerName(new SchedulerName.Fixed(spec.name()))
                    .tableName(new TableNames(spec.prefix()).tasks())
                    .enablePriority()
                    .alwaysPersistTimestampInUTC()
                    .build();
            scheduler.start();
        }

        @Override
        void stop() {
            try {
                scheduler.stop();
            } finally {
                pool.close();
            }
        }
    }
}

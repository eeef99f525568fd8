package io.scheduledreports.benchmarks.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz 2.5 with its clustered JDBC job store (JobStoreTX; PostgreSQL delegate, or the standard delegate on
 * MariaDB), on tables created from the {@code tables_postgres.sql} or {@code tables_mysql_innodb.sql} inside the
 * Quartz jar (with our prefix): one durable-less no-op job with one simple
 * trigger per item, like a one-time task. An item is complete when its job ran.
 *
 * <p>Quartz acquires one trigger per scheduler-loop pass unless {@code batchTriggerAcquisitionMaxCount} is raised
 * (with {@code acquireTriggersWithinLock}); the benchmark sets it to the thread count unless told otherwise, so
 * Quartz is measured as tuned, not at its defaults. Its idle wait (the polling interval) cannot go below 1 s.
 */
final class QuartzSystem implements BenchSystem {

    /** The job class stored with each job; instances actually run come from the node's job factory. */
    public static final class NoopJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    static String schedulerName(String prefix) {
        return "bench-" + prefix;
    }

    /**
     * The Quartz table prefix of a trial: lower case on PostgreSQL (which folds Quartz's unquoted upper-case names),
     * upper case on MariaDB, whose table names are case-sensitive on Linux and which gets Quartz's names verbatim.
     */
    static String tablePrefix(boolean mariaDb, String prefix) {
        return prefix + (mariaDb ? "QRTZ_" : "qrtz_");
    }

    static Properties properties(
            boolean mariaDb, String prefix, String instanceId, String dataSource, int threads, long idleMs, int batch) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", schedulerName(prefix));
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(Math.max(1000, idleMs)));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(batch));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        // MariaDB: Quartz's standard delegate, which its MySQL/MariaDB documentation prescribes
        p.setProperty(
                "org.quartz.jobStore.driverDelegateClass",
                mariaDb
                        ? "org.quartz.impl.jdbcjobstore.StdJDBCDelegate"
                        : "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", tablePrefix(mariaDb, prefix));
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        if (batch > 1) {
            p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        }
        return p;
    }

    /** Creates a scheduler on our pool; several may share a name in one JVM (in-process nodes, the loader). */
    static Scheduler create(Properties p, javax.sql.DataSource pool) throws SchedulerException {
        String ds = p.getProperty("org.quartz.jobStore.dataSource");
        DBConnectionManager.getInstance().addConnectionProvider(ds, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void shutdown() {}

            @Override
            public void initialize() {}
        });
        Scheduler s = new StdSchedulerFactory(p).getScheduler();
        // the repository allows one scheduler per name and JVM; clustered nodes share the name
        SchedulerRepository.getInstance().remove(s.getSchedulerName());
        return s;
    }

    /** Quartz's own PostgreSQL DDL, with our prefix on tables and indexes. */
    static List<String> ddl(String prefix) {
        return ddl(false, prefix);
    }

    /** Quartz's own DDL for PostgreSQL or MariaDB ({@code tables_mysql_innodb.sql}), with our prefix. */
    static List<String> ddl(boolean mariaDb, String prefix) {
        String file = mariaDb ? "tables_mysql_innodb.sql" : "tables_postgres.sql";
        String script;
        try (InputStream in = Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " not found in the Quartz jar");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("--") || l.startsWith("#")) {
                continue;
            }
            sql.append(line).append('\n');
            if (l.endsWith(";")) {
                String s = sql.toString().strip();
                s = s.substring(0, s.length() - 1);
                sql.setLength(0);
                String upper = s.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("DROP ") || upper.equals("COMMIT")) {
                    continue;
                }
                statements.add(
                        s.replace("IDX_QRTZ_", prefix + "idx_qrtz_").replace("QRTZ_", tablePrefix(mariaDb, prefix)));
            }
        }
        return statements;
    }

    @Override
    public void prepare(BenchDatabase db, String prefix, Path artifacts, int warmup, int measured) throws Exception {
        db.execute(ddl(db.isMariaDb(), prefix).toArray(String[]::new));
        try (HikariDataSource pool = db.pool("setup-" + prefix, 3)) {
            Scheduler loader =
                    create(properties(db.isMariaDb(), prefix, "loader", "loader-" + prefix, 1, 30_000, 1), pool);
            try {
                Date later = Date.from(Instant.now().plus(Duration.ofDays(1)));
                Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
                for (BenchSystem.Batch batch : BenchSystem.Batch.values()) {
                    int n = batch == BenchSystem.Batch.WARMUP ? warmup : measured;
                    for (int i = 0; i < n; i++) {
                        JobDetail job = org.quartz.JobBuilder.newJob(NoopJob.class)
                                .withIdentity("job-" + i, batch.tag())
                                .build();
                        Trigger trigger = org.quartz.TriggerBuilder.newTrigger()
                                .withIdentity("trigger-" + i, batch.tag())
                                .startAt(later)
                                .build();
                        jobs.put(job, Set.of(trigger));
                    }
                }
                loader.scheduleJobs(jobs, false);
            } finally {
                loader.shutdown(false);
            }
        }
    }

    @Override
    public long release(BenchDatabase db, String prefix, BenchSystem.Batch batch) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
                PreparedStatement ps = c.prepareStatement("UPDATE " + tablePrefix(db.isMariaDb(), prefix) + "TRIGGERS"
                        + " SET next_fire_time = ?, start_time = ? WHERE sched_name = ? AND trigger_group = ?")) {
            long now = System.currentTimeMillis();
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setString(3, schedulerName(prefix));
            ps.setString(4, batch.tag());
            ps.executeUpdate();
        }
        return System.currentTimeMillis();
    }

    @Override
    public Map<String, Object> verify(BenchDatabase db, String prefix, int measured) {
        String t = tablePrefix(db.isMariaDb(), prefix);
        long triggers = db.count("SELECT COUNT(*) FROM " + t + "TRIGGERS WHERE trigger_group = 'm'");
        long fired = db.count("SELECT COUNT(*) FROM " + t + "FIRED_TRIGGERS");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("triggersLeft", triggers);
        facts.put("firedTriggersLeft", fired);
        facts.put("ok", triggers == 0 && fired == 0);
        return facts;
    }

    @Override
    public BenchSystem.Instance start(NodeSpec spec) throws SchedulerException {
        return new Running(spec);
    }

    private static final class Running extends BenchSystem.Instance {
        private final HikariDataSource pool;
        private final Scheduler scheduler;

        Running(NodeSpec spec) throws SchedulerException {
            super(spec);
            this.pool =
                    BenchSystem.database(spec).pool(spec.name(), spec.poolSize(), BenchSystem.applicationName(spec));
            String ds = spec.name() + "-" + UUID.randomUUID();
            this.scheduler = create(
                    properties(
                            spec.db().isMariaDb(),
                            spec.prefix(),
                            spec.name(),
                            ds,
                            spec.threads(),
                            spec.pollingMs(),
                            spec.quartzBatch()),
                    pool);
            scheduler.setJobFactory((bundle, s) -> context -> timeline.record());
            scheduler.start();
        }

        @Override
        void stop() throws SchedulerException {
            try {
                scheduler.shutdown(true);
            } finally {
                pool.close();
            }
        }
    }
}

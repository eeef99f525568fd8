package io.scheduledreports.reliability;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.benchmarks.harness.BenchReports;
import io.scheduledreports.core.MisfirePolicy;
import io.scheduledreports.core.OverlapPolicy;
import io.scheduledreports.core.PollingSettings;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.internal.Engine;
import io.scheduledreports.delivery.email.internal.MessageIds;
import io.scheduledreports.jdbc.TableNames;
import io.scheduledreports.spi.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One scenario run: its own tables (random prefix) in the database, its own artifact directory, an SMTP server in
 * the runner, and the engine instances it starts, kills and stops. Closing it kills what still runs, drops the
 * tables and deletes the files.
 */
final class Trial implements AutoCloseable {
    final BenchDatabase db;
    final String prefix = BenchDatabase.randomPrefix().replace("bm", "rl");
    final TableNames t = new TableNames(prefix);
    final Path artifacts;
    final Mailbox mail = new Mailbox();
    final List<Instance> instances = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A run on {@code db}; files under a new temporary directory, or under {@code artifactRoot} when given. */
    Trial(BenchDatabase db, Path artifactRoot) throws IOException {
        this.db = db;
        if (artifactRoot == null) {
            this.artifacts = Files.createTempDirectory("reliability-");
        } else {
            this.artifacts = Files.createDirectories(artifactRoot.resolve(prefix));
        }
    }

    /** Options of an instance of this run; the scenario adjusts the rest. */
    NodeOptions options(String name) {
        return new NodeOptions(
                db, prefix, name, artifacts.toString(), mail.port(), 4, 500, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    Instance start(NodeOptions options) throws Exception {
        Instance i = Instance.start(options);
        instances.add(i);
        return i;
    }

    /** Starts an instance on another thread (JVMs start slowly on a busy machine: start several side by side). */
    java.util.concurrent.CompletableFuture<Instance> startAsync(NodeOptions options) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return start(options);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /**
     * Creates the tables and {@code n} daily schedules of the slow report, one recipient each, due in 12 hours
     * (so nothing fires until {@link #release()}).
     */
    void createSchedules(int n) throws Exception {
        Instant later = Instant.now().plus(Duration.ofHours(12));
        try (HikariDataSource pool = db.pool("setup-" + prefix, 4);
                ScheduledReports setup = EngineNode.builder(pool, options("setup"))
                        .polling(PollingSettings.builder()
                                .pollingInterval(Duration.ofHours(1))
                                .build())
                        .workerThreads(1)
                        .build()) {
            setup.start();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add("r" + i);
            }
            BenchReports.createDaily(setup, names, EngineNode.REPORT, later, "email");
        }
    }

    /**
     * Creates the tables and {@code n} schedules of the slow report on {@code scheduleJson} (e.g. a cron every
     * minute), one recipient each, through the public API, spread over {@link BenchReports#TENANTS} tenants. Misfire
     * policy {@code RUN_ALL} and overlap policy {@code QUEUE}: every slot runs even when the engine lags behind, so a
     * slot without an execution is lost, not skipped on purpose.
     */
    void createRecurring(int n, String scheduleJson) throws Exception {
        try (HikariDataSource pool = db.pool("setup-" + prefix, 4);
                ScheduledReports setup = EngineNode.builder(pool, options("setup"))
                        .polling(PollingSettings.builder()
                                .pollingInterval(Duration.ofHours(1))
                                .build())
                        .workerThreads(1)
                        .build()) {
            setup.start();
            java.util.concurrent.ExecutorService creators = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = "r" + i;
                    Actor actor = Actor.of("t" + (i % BenchReports.TENANTS), "owner");
                    done.add(creators.submit(() -> setup.create(
                            actor,
                            ScheduleRequest.builder()
                                    .name(name)
                                    .reportType(EngineNode.REPORT)
                                    .outputFormat("csv")
                                    .schedule(scheduleJson)
                                    .recipient("email", name + "@example.com")
                                    .misfirePolicy(MisfirePolicy.RUN_ALL)
                                    .overlapPolicy(OverlapPolicy.QUEUE)
                                    .build())));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get();
                }
            } finally {
                creators.shutdown();
            }
        }
    }

    /** Makes every schedule due now (its next run and its timer); returns that instant. */
    Instant release() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement schedules = c.prepareStatement("UPDATE " + t.schedules() + " SET next_run_at = ?");
                    PreparedStatement timers =
                            c.prepareStatement("UPDATE " + t.tasks() + " SET execution_time = ? WHERE task_name = ?")) {
                schedules.setObject(1, now);
                schedules.executeUpdate();
                timers.setObject(1, now);
                timers.setString(2, Engine.FIRE);
                timers.executeUpdate();
            }
            c.commit();
        }
        return now.toInstant();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    long count(String sql) {
        return db.count(sql);
    }

    /** A single number from {@code sql} whose two parameters are the instants {@code from} and {@code to}. */
    long countSince(String sql, Instant from, Instant to) {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, from.atOffset(ZoneOffset.UTC));
            ps.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql + " -- " + e.getMessage(), e);
        }
    }

    /** Task rows picked by {@code instance} now. */
    long pickedBy(String instance) {
        return count("SELECT COUNT(*) FROM " + t.tasks() + " WHERE picked = TRUE AND picked_by = '" + instance + "'");
    }

    long sentDeliveries() {
        return count("SELECT COUNT(*) FROM " + t.deliveries() + " WHERE status = 'SENT'");
    }

    /** Waits until {@code condition} holds; false after {@code timeout}. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /**
     * What the database and the SMTP server say after the run, for {@code expected} executions of one recipient
     * each: executions and deliveries by status, slots run twice, e-mails by idempotency key (duplicates, lost),
     * retries, dead letters, lateness of the deliveries against their due time, and leftover partial files.
     */
    Map<String, Object> facts(int expected) throws SQLException, IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("executions", count("SELECT COUNT(*) FROM " + t.executions()));
        f.put("executions_succeeded", count("SELECT COUNT(*) FROM " + t.executions() + " WHERE status = 'SUCCEEDED'"));
        f.put(
                "slots_run_twice",
                count("SELECT COUNT(*) FROM (SELECT schedule_id, scheduled_for FROM " + t.executions()
                        + " GROUP BY schedule_id, scheduled_for HAVING COUNT(*) > 1) x"));
        f.put("executions_with_extra_attempts", count("SELECT COUNT(*) FROM " + t.executions() + " WHERE attempt > 1"));
        f.put("deliveries", count("SELECT COUNT(*) FROM " + t.deliveries()));
        f.put("deliveries_sent", sentDeliveries());
        f.put("deliveries_retried", count("SELECT COUNT(*) FROM " + t.deliveries() + " WHERE attempts > 1"));
        f.put("dead_letters", count("SELECT COUNT(*) FROM " + t.deadLetters()));
        List<String> keys = new ArrayList<>();
        List<Double> lateness = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT d.idempotency_key, e.scheduled_for, d.sent_at FROM "
                        + t.deliveries() + " d JOIN " + t.executions() + " e ON e.id = d.execution_id")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
                OffsetDateTime due = rs.getObject(2, OffsetDateTime.class);
                OffsetDateTime sent = rs.getObject(3, OffsetDateTime.class);
                if (sent != null) {
                    lateness.add(Duration.between(due, sent).toMillis() / 1000.0);
                }
            }
        }
        List<Double> fired = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT scheduled_for, created_at FROM " + t.executions())) {
            while (rs.next()) {
                fired.add(Duration.between(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class))
                                .toMillis()
                        / 1000.0);
            }
        }
        fired.sort(Comparator.naturalOrder());
        f.put("fired_after_due_p50_s", percentile(fired, 0.50));
        Map<String, Integer> received = mail.countsById();
        int distinct = 0;
        int duplicates = 0;
        for (String key : keys) {
            int n = received.getOrDefault(MessageIds.of(key), 0);
            distinct += n > 0 ? 1 : 0;
            duplicates += Math.max(0, n - 1);
        }
        f.put(
                "emails_received",
                received.values().stream().mapToInt(Integer::intValue).sum());
        f.put("emails_distinct_keys", distinct);
        f.put("emails_duplicate_same_key", duplicates);
        java.util.Set<String> known = new java.util.HashSet<>();
        keys.forEach(k -> known.add(MessageIds.of(k)));
        f.put(
                "emails_foreign",
                received.keySet().stream().filter(id -> !known.contains(id)).count());
        f.put("lost", expected - distinct);
        lateness.sort(Comparator.naturalOrder());
        f.put("lateness_p50_s", percentile(lateness, 0.50));
        f.put("lateness_p99_s", percentile(lateness, 0.99));
        f.put("lateness_max_s", lateness.isEmpty() ? null : lateness.getLast());
        f.put("partial_files_left", partialFiles());
        return f;
    }

    long partialFiles() throws IOException {
        Path incoming = artifacts.resolve(".incoming");
        if (!Files.isDirectory(incoming)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.count();
        }
    }

    static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Override
    public void close() throws Exception {
        for (Instance i : List.copyOf(instances)) {
            i.close();
        }
        mail.close();
        try {
            db.dropTables(prefix);
        } finally {
            deleteTree(artifacts);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

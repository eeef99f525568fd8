package io.scheduledreports.benchmarks.backup;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.Machine;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.backup.BackupArchive;
import io.scheduledreports.core.backup.BackupSettings;
import io.scheduledreports.core.backup.RestoreResult;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.jdbc.TableNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Backs up and restores N schedules with M executions on PostgreSQL: seeds a source schema (table prefix {@code
 * bkb_...}) with JDBC batch inserts (one recipient per schedule, M/N executions per schedule, optionally D
 * deliveries per execution, one audit event per schedule), times {@code ReportsAdmin.backupNow()} (dump, gzip,
 * AES-GCM, write, read back and verify) and {@code restoreFromStore} into a second, empty prefix, checks the row
 * counts, prints the figures and drops both prefixes.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.scheduledreports.benchmarks.backup.BackupRestoreBenchmark
 * --schedules=100000 --executions=1000000 [--deliveries-per-execution=0] [--jdbc-url=...] [--db-user=postgres]
 * [--keep]}
 */
public final class BackupRestoreBenchmark {

    private BackupRestoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int schedules = intArg(args, "schedules", 100_000);
        int executions = intArg(args, "executions", 1_000_000);
        int deliveriesPerExecution = intArg(args, "deliveries-per-execution", 0);
        String url = arg(args, "jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = arg(args, "db-user", "postgres");
        boolean keep = List.of(args).contains("--keep");

        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        TableNames source = new TableNames("bkb" + run + "_");
        TableNames target = new TableNames("bkr" + run + "_");
        Path store = Files.createTempDirectory("backup-bench");
        byte[] rawKey = new byte[32];
        new SecureRandom().nextBytes(rawKey);
        String key = Base64.getEncoder().encodeToString(rawKey);

        HikariConfig hc = new HikariConfig();
        // reWriteBatchedInserts: PgJDBC sends a batch as multi-row INSERTs (seeding and restore alike)
        hc.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        hc.setUsername(user);
        hc.setPassword(arg(args, "db-password", ""));
        hc.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            Machine machine = Machine.now(url);
            System.out.println("machine: " + machine + "; load average at start " + Machine.loadText());
            ReportsSchema.of(ds, source).migrate();
            ReportsSchema.of(ds, target).migrate();
            try {
                long t0 = System.nanoTime();
                long seeded = seed(ds, source, schedules, executions, deliveriesPerExecution);
                double seedS = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "seeded %,d rows in %.1f s%n", seeded, seedS);

                Instant now = Instant.parse("2026-12-01T12:00:00Z");
                BackupArchive archive;
                double backupS;
                try (ReportsTestKit kit =
                        ReportsTestKit.start(builder(ds, source, store).backup(BackupSettings.withKey(key)), now)) {
                    long b0 = System.nanoTime();
                    archive = kit.reports().admin().backupNow();
                    backupS = (System.nanoTime() - b0) / 1e9;
                }
                System.out.printf(
                        Locale.ROOT,
                        "backup: %,d rows, %,d bytes (%.1f MB), %.1f s including read-back verification; load %s%n",
                        archive.rows(),
                        archive.sizeBytes(),
                        archive.sizeBytes() / 1e6,
                        backupS,
                        Machine.loadText());
                long tableBytes = tableBytes(ds, source);
                System.out.printf(Locale.ROOT, "source tables and indexes on disk: %.1f MB%n", tableBytes / 1e6);

                RestoreResult result;
                double restoreS;
                try (ReportsTestKit kit = ReportsTestKit.start(builder(ds, target, store), now)) {
                    long r0 = System.nanoTime();
                    result = kit.reports().admin().restoreFromStore(archive.archiveKey(), key);
                    restoreS = (System.nanoTime() - r0) / 1e9;
                }
                System.out.printf(
                        Locale.ROOT,
                        "restore: %,d rows in %.1f s, %,d timers armed; load %s%n",
                        result.rows(),
                        restoreS,
                        result.timersArmed(),
                        Machine.loadText());
                for (String table : List.of("scheduled_reports", "report_executions", "report_deliveries")) {
                    long a = count(ds, source.prefix() + table);
                    long b = count(ds, target.prefix() + table);
                    if (a != b) {
                        throw new IllegalStateException(table + ": source " + a + " rows, restored " + b);
                    }
                }
                System.out.println("row counts match");
            } finally {
                if (!keep) {
                    drop(ds, source);
                    drop(ds, target);
                }
                try (var files = Files.walk(store)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static ScheduledReports.Builder builder(HikariDataSource ds, TableNames tables, Path store) {
        return ScheduledReports.builder(ds)
                .tablePrefix(tables.prefix())
                .artifactDirectory(store)
                .diskGuard(io.scheduledreports.core.DiskGuard.disabled());
    }

    private static long seed(HikariDataSource ds, TableNames t, int schedules, int executions, int deliveriesPer)
            throws Exception {
        int perSchedule = Math.max(1, executions / schedules);
        OffsetDateTime base = OffsetDateTime.of(2026, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        long rows = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            String params = "{\"region\":\"emea\",\"date_range\":\"last_7_days\"}";
            String spec = "{\"cadence\":\"daily\",\"time\":\"09:00\",\"timezone\":\"Europe/Paris\"}";
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + t.schedules()
                            + " (id, tenant_id, owner_id, created_by, updated_by, name, report_type, report_params,"
                            + " output_format, schedule_config, timezone, locale, misfire_policy, delivery_options,"
                            + " empty_report_policy, status, next_run_at, last_run_at, version, created_at,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'sales', ?, 'csv', ?, 'Europe/Paris', 'en',"
                            + " 'RUN_ONCE', '{}', 'ALWAYS', 'ACTIVE', ?, ?, 1, ?, ?)");
                    PreparedStatement r = c.prepareStatement("INSERT INTO " + t.recipients()
                            + " (id, schedule_id, tenant_id, channel, destination, options, added_by, created_at)"
                            + " VALUES (?, ?, ?, 'email', ?, '{}', ?, ?)");
                    PreparedStatement a = c.prepareStatement("INSERT INTO " + t.auditEvents()
                            + " (id, tenant_id, actor, action, entity_type, entity_id, new_value, occurred_at)"
                            + " VALUES (?, ?, ?, 'CREATE', 'SCHEDULE', ?, ?, ?)")) {
                for (int i = 0; i < schedules; i++) {
                    String id = id('s', i);
                    String tenant = "tenant-" + (i % 100);
                    String owner = "user-" + (i % 1000);
                    s.setString(1, id);
                    s.setString(2, tenant);
                    s.setString(3, owner);
                    s.setString(4, owner);
                    s.setString(5, owner);
                    s.setString(6, "Daily sales " + i);
                    s.setString(7, params);
                    s.setString(8, spec);
                    s.setObject(9, base.plusDays(perSchedule));
                    s.setObject(10, base.plusDays(perSchedule - 1));
                    s.setObject(11, base.minusDays(1));
                    s.setObject(12, base.minusDays(1));
                    s.addBatch();
                    r.setString(1, id('r', i));
                    r.setString(2, id);
                    r.setString(3, tenant);
                    r.setString(4, owner + "@example.com");
                    r.setString(5, owner);
                    r.setObject(6, base.minusDays(1));
                    r.addBatch();
                    a.setString(1, id('a', i));
                    a.setString(2, tenant);
                    a.setString(3, owner);
                    a.setString(4, id);
                    a.setString(5, "{\"name\":\"Daily sales " + i + "\",\"schedule\":" + spec + "}");
                    a.setObject(6, base.minusDays(1));
                    a.addBatch();
                    if (i % 1000 == 999) {
                        s.executeBatch();
                        r.executeBatch();
                        a.executeBatch();
                    }
                }
                s.executeBatch();
                r.executeBatch();
                a.executeBatch();
                rows += 3L * schedules;
            }
            c.commit();
            try (PreparedStatement e = c.prepareStatement("INSERT INTO " + t.executions()
                            + " (id, tenant_id, schedule_id, scheduled_for, run_trigger, status, params_snapshot,"
                            + " output_format, attempt, started_at, finished_at, duration_ms, row_count, artifact_key,"
                            + " artifact_name, media_type, artifact_size, artifact_sha256, available_until,"
                            + " created_at, updated_at) VALUES (?, ?, ?, ?, 'SCHEDULED', 'SUCCEEDED', ?, 'csv', 1, ?,"
                            + " ?, 1234, 5000, ?, ?, 'text/csv', 123456, ?, ?, ?, ?)");
                    PreparedStatement d = c.prepareStatement("INSERT INTO " + t.deliveries()
                            + " (id, tenant_id, execution_id, recipient_id, channel, destination, status, attempts,"
                            + " idempotency_key, provider_reference, sent_at, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, 'email', ?, 'SENT', 1, ?, ?, ?, ?, ?)")) {
                String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
                int n = 0;
                for (int i = 0; i < schedules; i++) {
                    String sid = id('s', i);
                    String tenant = "tenant-" + (i % 100);
                    for (int k = 0; k < perSchedule && n < executions; k++, n++) {
                        String eid = id('e', n);
                        OffsetDateTime at = base.plusDays(k);
                        e.setString(1, eid);
                        e.setString(2, tenant);
                        e.setString(3, sid);
                        e.setObject(4, at);
                        e.setString(5, "{\"region\":\"emea\",\"date_range\":\"last_7_days\"}");
                        e.setObject(6, at.plusSeconds(1));
                        e.setObject(7, at.plusSeconds(2));
                        e.setString(8, tenant + "/" + sid + "/" + eid + ".csv");
                        e.setString(9, "daily-sales-" + at.toLocalDate() + ".csv");
                        e.setString(10, sha);
                        e.setObject(11, at.plusDays(90));
                        e.setObject(12, at);
                        e.setObject(13, at.plusSeconds(2));
                        e.addBatch();
                        for (int j = 0; j < deliveriesPer; j++) {
                            String did = id('d', (long) n * 16 + j);
                            d.setString(1, did);
                            d.setString(2, tenant);
                            d.setString(3, eid);
                            d.setString(4, j == 0 ? id('r', i) : id('q', (long) i * 16 + j));
                            d.setString(5, "user-" + (i % 1000) + "@example.com");
                            d.setString(6, eid + ":" + j);
                            d.setString(7, "<" + did + "@mail.example.com>");
                            d.setObject(8, at.plusSeconds(3));
                            d.setObject(9, at.plusSeconds(2));
                            d.setObject(10, at.plusSeconds(3));
                            d.addBatch();
                        }
                        if (n % 1000 == 999) {
                            e.executeBatch();
                            d.executeBatch();
                            c.commit();
                        }
                    }
                }
                e.executeBatch();
                d.executeBatch();
                c.commit();
                rows += n + (long) n * deliveriesPer;
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + t.executions());
            }
            c.commit();
        }
        return rows;
    }

    private static String id(char kind, long n) {
        return String.format(Locale.ROOT, "%c%07x-0000-4000-8000-%012x", kind, n & 0xfffffff, n);
    }

    private static long count(HikariDataSource ds, String table) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long tableBytes(HikariDataSource ds, TableNames t) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)"
                        + " FROM pg_class c WHERE c.relkind = 'r' AND c.relname LIKE ?")) {
            ps.setString(1, t.prefix() + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void drop(HikariDataSource ds, TableNames t) throws Exception {
        try (Connection c = ds.getConnection()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, t.prefix() + "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            try (Statement s = c.createStatement()) {
                for (String name : names) {
                    s.execute("DROP TABLE IF EXISTS " + name + " CASCADE");
                }
            }
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(arg(args, name, String.valueOf(fallback)).replace("_", ""));
    }
}

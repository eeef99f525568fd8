package io.scheduledreports.benchmarks.audit;

import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.benchmarks.harness.Args;
import io.scheduledreports.benchmarks.harness.BenchDatabase;
import io.scheduledreports.core.AuditAction;
import io.scheduledreports.core.AuditEvent;
import io.scheduledreports.core.AuditQuery;
import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.spi.Actor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit query API (issue 16 item 10) on PostgreSQL with {@code --rows} audit events (default 1,000,000) in 50
 * tenants: fills the table with one INSERT ... SELECT, analyzes it, then times first pages of
 * {@link ScheduledReports#auditEvents} (with their total count) for each filter and the CSV export of one
 * entity's events. Prints the median and maximum of {@code --repeat} calls per filter.
 */
public final class AuditQueryBenchmark {

    private AuditQueryBenchmark() {}

    /** Runs the benchmark; returns the median milliseconds per filter. */
    public static Map<String, Double> run(Args args, PrintStream out) throws Exception {
        BenchDatabase db = BenchDatabase.from(args);
        int rows = args.integer("rows", 1_000_000, 1);
        int repeat = args.integer("repeat", 20, 1);
        db.requireReachable();
        String prefix = BenchDatabase.randomPrefix();
        Map<String, Double> medians = new LinkedHashMap<>();
        try (HikariDataSource pool = db.pool("audit-bench", 4);
                ScheduledReports reports = ScheduledReports.builder(pool)
                        .tablePrefix(prefix)
                        .artifactDirectory(Files.createTempDirectory("audit-bench"))
                        .diskGuard(DiskGuard.disabled())
                        .build()) {
            reports.start();
            long t0 = System.nanoTime();
            db.execute("INSERT INTO " + prefix + "audit_events (id, tenant_id, actor, action, entity_type, entity_id,"
                    + " old_value, new_value, occurred_at) SELECT md5(g::text), 't' || (g % 50), 'u' || (g % 2000),"
                    + " (ARRAY['CREATE','UPDATE','PAUSE','RESUME','RUN_NOW','DOWNLOAD'])[1 + g % 6], 'schedule',"
                    + " md5((g % 20000)::text), '{\"status\":\"ACTIVE\"}', '{\"status\":\"PAUSED\"}',"
                    + " timestamptz '2026-01-01' + g * interval '10 seconds' FROM generate_series(1, " + rows
                    + ") g");
            db.analyze(prefix);
            out.printf(
                    "filled %,d audit events in %.1f s (PostgreSQL %s)%n",
                    rows, (System.nanoTime() - t0) / 1e9, db.serverVersion());
            Actor admin = Actor.of("t7", "bench-admin", Actor.ADMIN);
            String entity = entityOfT7();
            Instant from = Instant.parse("2026-01-20T00:00:00Z");
            Instant to = Instant.parse("2026-01-27T00:00:00Z");
            Map<String, AuditQuery> queries = new LinkedHashMap<>();
            PageRequest page = PageRequest.of(0, 50);
            queries.put("tenant only", new AuditQuery(null, null, null, null, null, page));
            queries.put("actor", new AuditQuery(null, "u7", null, null, null, page));
            queries.put("action", new AuditQuery(null, null, AuditAction.DOWNLOAD, null, null, page));
            queries.put("entity_id", new AuditQuery(entity, null, null, null, null, page));
            queries.put("from/to (7 days)", new AuditQuery(null, null, null, from, to, page));
            queries.put("actor + from/to", new AuditQuery(null, "u7", null, from, to, page));
            queries.put("page 100", new AuditQuery(null, null, null, null, null, PageRequest.of(100, 50)));
            for (Map.Entry<String, AuditQuery> q : queries.entrySet()) {
                List<Double> ms = new ArrayList<>();
                long total = 0;
                for (int i = 0; i < repeat; i++) {
                    long s = System.nanoTime();
                    total = reports.auditEvents(admin, q.getValue()).total();
                    ms.add((System.nanoTime() - s) / 1e6);
                }
                Collections.sort(ms);
                double median = ms.get(ms.size() / 2);
                medians.put(q.getKey(), median);
                out.printf(
                        "%-18s total %,9d  median %8.1f ms  max %8.1f ms%n",
                        q.getKey(), total, median, ms.get(ms.size() - 1));
            }
            long s = System.nanoTime();
            long[] n = new long[1];
            reports.exportAuditEvents(
                    admin, new AuditQuery(null, "u7", null, null, null, null), (AuditEvent e) -> n[0]++);
            out.printf(
                    "CSV export source (actor u7): %,d events streamed in %.1f ms%n",
                    n[0], (System.nanoTime() - s) / 1e6);
        } finally {
            db.dropTables(prefix);
        }
        return medians;
    }

    /** An entity id that tenant t7 has events for: md5 of an entity number g % 20000 with g % 50 == 7. */
    private static String entityOfT7() throws Exception {
        var md5 = java.security.MessageDigest.getInstance("MD5");
        byte[] d = md5.digest("7".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return java.util.HexFormat.of().formatHex(d);
    }
}

package io.scheduledreports.core.internal;

import io.scheduledreports.core.DiskSample;
import io.scheduledreports.core.DiskUsage;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.core.schedule.InvalidScheduleException;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.jdbc.TableNames;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk space of the artifact store: the library's bytes per tenant and schedule (from the execution rows, so it
 * works for every store), one sample per UTC day in {@code disk_samples} (the day is the primary key: the first
 * instance to insert wins, the others' inserts fail and are ignored), the space the next 24 hours of runs need,
 * and what a shorter file retention would free.
 */
public final class DiskMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(DiskMonitor.class);

    /** File sizes of this period make a schedule's average. */
    static final Duration HISTORY = Duration.ofDays(30);
    /** The estimate's window. */
    static final Duration WINDOW = Duration.ofHours(24);
    /** Shorter retentions offered when space is low (only those shorter than the configured one). */
    static final List<Duration> RETENTION_OPTIONS =
            List.of(Duration.ofDays(60), Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(7));
    /** Runs counted per schedule in the window at most (a schedule firing every minute has 1,440). */
    static final int MAX_RUNS_PER_SCHEDULE = 1_440;

    /** A file the library keeps: its size is recorded and retention has not removed it. */
    private static final String KEPT = "artifact_key IS NOT NULL AND artifact_size IS NOT NULL AND status <> 'EXPIRED'";

    private final Engine engine;
    private final TableNames t;
    private volatile LocalDate lastSampled;

    DiskMonitor(Engine engine) {
        this.engine = engine;
        this.t = engine.config.tables();
    }

    // ---------------------------------------------------------------- daily sample

    /**
     * Records today's sample unless some instance did already, and drops samples older than {@link
     * DiskSample#KEPT_DAYS} days (maintenance, every minute; one query a day once today's sample is known).
     *
     * @return whether this call recorded the sample
     */
    public boolean sampleIfDue() {
        Instant now = engine.config.clock().instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (today.equals(lastSampled)) {
            return false;
        }
        boolean recorded = false;
        if (!sampleExists(today)) {
            Space space = space();
            FileTotals kept = engine.tx.read(h -> keptTotals(h, null));
            try {
                recorded = engine.tx.single(h -> h.createUpdate("INSERT INTO " + t.diskSamples()
                                        + " (sample_day, sampled_at, instance_name, artifact_bytes, artifact_files,"
                                        + " free_bytes, total_bytes) VALUES (:day, :at, :instance, :bytes, :files,"
                                        + " :free, :total)")
                                .bind("day", today)
                                .bind("at", now)
                                .bind("instance", Text.clip(engine.ownName(), 128))
                                .bind("bytes", kept.bytes())
                                .bind("files", kept.count())
                                .bind("free", space.free())
                                .bind("total", space.total())
                                .execute())
                        == 1;
            } catch (StatementException taken) {
                if (!sampleExists(today)) {
                    throw taken; // not a lost race: a real failure
                }
            }
        }
        LocalDate oldest = today.minusDays(DiskSample.KEPT_DAYS - 1L);
        engine.tx.single(h -> h.createUpdate("DELETE FROM " + t.diskSamples() + " WHERE sample_day < :oldest")
                .bind("oldest", oldest)
                .execute());
        lastSampled = today;
        if (recorded) {
            LOG.debug("Recorded the disk sample of {}", today);
        }
        return recorded;
    }

    private boolean sampleExists(LocalDate day) {
        return engine.tx.read(h -> h.createQuery("SELECT COUNT(*) FROM " + t.diskSamples() + " WHERE sample_day = :d")
                        .bind("d", day)
                        .mapTo(Long.class)
                        .one())
                > 0;
    }

    /** The samples of the last {@code days} days, oldest first. */
    public List<DiskSample> trend(int days) {
        LocalDate today = LocalDate.ofInstant(engine.config.clock().instant(), ZoneOffset.UTC);
        LocalDate from = today.minusDays(days - 1L);
        return engine.tx.read(h -> h.createQuery(
                        "SELECT * FROM " + t.diskSamples() + " WHERE sample_day >= :from ORDER BY sample_day")
                .bind("from", from)
                .map((rs, ctx) -> new DiskSample(
                        rs.getObject("sample_day", LocalDate.class),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "sampled_at", ctx),
                        rs.getString("instance_name"),
                        rs.getLong("artifact_bytes"),
                        rs.getLong("artifact_files"),
                        nullableLong(rs, "free_bytes"),
                        nullableLong(rs, "total_bytes")))
                .list());
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    // ---------------------------------------------------------------- usage now

    record Space(Long free, Long total) {}

    /** Free and total space of the store; nulls when it cannot tell. */
    Space space() {
        Long free = null;
        try {
            java.util.function.Supplier<OptionalLong> probe =
                    engine.config.diskGuard().probe();
            OptionalLong f =
                    probe != null ? probe.get() : engine.config.artifactStore().usableSpace();
            free = f.isPresent() ? f.getAsLong() : null;
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the free space of the artifact store: {}", e.toString());
        }
        Long total = null;
        if (engine.config.artifactStore() instanceof LocalDirectoryArtifactStore local) {
            try {
                total = Files.getFileStore(local.root()).getTotalSpace();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Cannot read the size of {}: {}", local.root(), e.toString());
            }
        }
        return new Space(free, total);
    }

    /** Bytes kept per tenant, largest first ({@code tenantId} null for all tenants). */
    public Map<String, Long> bytesByTenant(String tenantId) {
        return engine.tx.read(h -> bytesByTenant(h, tenantId));
    }

    private Map<String, Long> bytesByTenant(Handle h, String tenantId) {
        Map<String, Long> result = new LinkedHashMap<>();
        scoped(
                        h.createQuery("SELECT tenant_id, SUM(artifact_size) AS b FROM " + t.executions() + " WHERE "
                                + KEPT + (tenantId == null ? "" : " AND tenant_id = :tenant")
                                + " GROUP BY tenant_id ORDER BY b DESC, tenant_id"),
                        tenantId)
                .map((rs, ctx) -> Map.entry(rs.getString("tenant_id"), rs.getLong("b")))
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** The space now, with the estimate of the next 24 hours and what shorter retentions would free. */
    public DiskUsage usage(String tenantId) {
        Instant now = engine.config.clock().instant();
        Space space = space();
        return engine.tx.read(h -> {
            FileTotals kept = keptTotals(h, tenantId);
            return new DiskUsage(
                    now,
                    space.free(),
                    space.total(),
                    kept.bytes(),
                    kept.count(),
                    bytesByTenant(h, tenantId),
                    estimate(h, tenantId, now),
                    largestConsumers(h, tenantId),
                    retentionOptions(h, tenantId, now));
        });
    }

    /** A number of files and their total size. */
    private record FileTotals(long bytes, long count) {}

    private FileTotals keptTotals(Handle h, String tenantId) {
        return scoped(
                        h.createQuery("SELECT COALESCE(SUM(artifact_size), 0) AS b, COUNT(*) AS n FROM "
                                + t.executions() + " WHERE " + KEPT
                                + (tenantId == null ? "" : " AND tenant_id = :tenant")),
                        tenantId)
                .map((rs, ctx) -> new FileTotals(rs.getLong("b"), rs.getLong("n")))
                .one();
    }

    private List<DiskUsage.ScheduleUsage> largestConsumers(Handle h, String tenantId) {
        return scoped(
                        h.createQuery("SELECT e.tenant_id, e.schedule_id, s.name, SUM(e.artifact_size) AS b,"
                                + " COUNT(*) AS n FROM " + t.executions() + " e JOIN " + t.schedules()
                                + " s ON s.id = e.schedule_id WHERE e." + KEPT.replace(" AND ", " AND e.")
                                + (tenantId == null ? "" : " AND e.tenant_id = :tenant")
                                + " GROUP BY e.tenant_id, e.schedule_id, s.name ORDER BY b DESC, e.schedule_id"
                                + " LIMIT " + DiskUsage.TOP),
                        tenantId)
                .map((rs, ctx) -> new DiskUsage.ScheduleUsage(
                        rs.getString("tenant_id"),
                        rs.getString("schedule_id"),
                        rs.getString("name"),
                        rs.getLong("b"),
                        rs.getLong("n")))
                .list();
    }

    private List<DiskUsage.RetentionOption> retentionOptions(Handle h, String tenantId, Instant now) {
        Duration configured = engine.config.retention().artifactRetention();
        List<DiskUsage.RetentionOption> options = new ArrayList<>();
        for (Duration keep : RETENTION_OPTIONS) {
            if (keep.compareTo(configured) >= 0) {
                continue;
            }
            FileTotals freed = scoped(
                            h.createQuery("SELECT COALESCE(SUM(artifact_size), 0) AS b, COUNT(*) AS n FROM "
                                    + t.executions() + " WHERE " + KEPT
                                    + " AND COALESCE(finished_at, created_at) < :before"
                                    + (tenantId == null ? "" : " AND tenant_id = :tenant")),
                            tenantId)
                    .bind("before", now.minus(keep))
                    .map((rs, ctx) -> new FileTotals(rs.getLong("b"), rs.getLong("n")))
                    .one();
            options.add(new DiskUsage.RetentionOption(keep, freed.bytes(), freed.count()));
        }
        return options;
    }

    private record Due(String id, String tenantId, String config, Instant nextRunAt, long bytes, long files) {}

    private DiskUsage.Estimate estimate(Handle h, String tenantId, Instant now) {
        Instant until = now.plus(WINDOW);
        Instant since = now.minus(HISTORY);
        // average file size per tenant, for schedules without files of their own yet
        Map<String, FileTotals> perTenant = new HashMap<>();
        scoped(
                        h.createQuery("SELECT tenant_id, SUM(artifact_size) AS b, COUNT(*) AS n FROM "
                                + t.executions() + " WHERE artifact_size IS NOT NULL AND created_at >= :since"
                                + (tenantId == null ? "" : " AND tenant_id = :tenant") + " GROUP BY tenant_id"),
                        tenantId)
                .bind("since", since)
                .map((rs, ctx) ->
                        Map.entry(rs.getString("tenant_id"), new FileTotals(rs.getLong("b"), rs.getLong("n"))))
                .forEach(e -> perTenant.put(e.getKey(), e.getValue()));
        List<Due> due = scoped(
                        h.createQuery("SELECT s.id, s.tenant_id, s.schedule_config, s.next_run_at, a.b, a.n FROM "
                                + t.schedules() + " s LEFT JOIN (SELECT schedule_id, SUM(artifact_size) AS b,"
                                + " COUNT(*) AS n FROM " + t.executions()
                                + " WHERE artifact_size IS NOT NULL AND created_at >= :since GROUP BY schedule_id)"
                                + " a ON a.schedule_id = s.id WHERE s.status = 'ACTIVE'"
                                + " AND s.next_run_at IS NOT NULL AND s.next_run_at < :until"
                                + (tenantId == null ? "" : " AND s.tenant_id = :tenant")),
                        tenantId)
                .bind("since", since)
                .bind("until", until)
                .map((rs, ctx) -> new Due(
                        rs.getString("id"),
                        rs.getString("tenant_id"),
                        rs.getString("schedule_config"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "next_run_at", ctx),
                        rs.getLong("b"),
                        rs.getLong("n")))
                .list();
        double bytes = 0;
        long runs = 0;
        int schedules = 0;
        int withoutHistory = 0;
        for (Due d : due) {
            long n = runsBefore(h, d, until);
            if (n == 0) {
                continue;
            }
            schedules++;
            runs += n;
            double average;
            if (d.files() > 0) {
                average = (double) d.bytes() / d.files();
            } else {
                withoutHistory++;
                FileTotals tenant = perTenant.get(d.tenantId());
                average = tenant == null || tenant.count() == 0 ? 0 : (double) tenant.bytes() / tenant.count();
            }
            bytes += average * n;
        }
        return new DiskUsage.Estimate(Math.round(bytes), runs, schedules, withoutHistory);
    }

    /** Runs of a schedule from its next run up to {@code until} (an overdue next run counts: it runs now). */
    private long runsBefore(Handle h, Due d, Instant until) {
        ScheduleSpec spec;
        try {
            spec = ScheduleSpec.fromJson(d.config(), engine.calendars().forTenant(h, d.tenantId()));
        } catch (InvalidScheduleException e) {
            return 1; // its calendar is gone: it waits, but count the run it is waiting for
        }
        long n = 0;
        Instant at = d.nextRunAt();
        while (at != null && at.isBefore(until) && n < MAX_RUNS_PER_SCHEDULE) {
            n++;
            at = spec.nextRun(at).orElse(null);
        }
        return n;
    }

    private static Query scoped(Query q, String tenantId) {
        return tenantId == null ? q : q.bind("tenant", tenantId);
    }
}

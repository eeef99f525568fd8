package io.scheduledreports.spring.internal.actuate;

import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.core.artifact.LocalDirectoryArtifactStore;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spring.internal.EmailOffNotice;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of Scheduled Reports as one composite: {@code engine} (started), {@code database} (a connection is
 * valid within 2 seconds), {@code diskSpace} (free space of the artifact store against the disk guard: DOWN
 * below the floor, a warning below the warning level; {@code clusterWarning} when other live instances are seen on
 * a local directory not declared shared; the report files kept and the estimate of the space the next 24 hours of runs
 * need; below the warning level, the schedules keeping the most bytes and what shorter file retentions would free)
 * {@code deliveryQueue} (pending deliveries per channel, a warning above the backlog threshold) and, with the
 * e-mail channel, {@code smtp}. The disk figures are read at most every {@code usageCacheDuration}.
 */
public final class ScheduledReportsHealth {

    private ScheduledReportsHealth() {}

    /** The composite contributor. */
    public static HealthContributor contributor(
            ScheduledReports reports,
            DataSource dataSource,
            ArtifactStore store,
            DiskGuard guard,
            MailServerProbe mailServer,
            boolean emailOff,
            java.time.Duration usageCacheDuration) {
        Map<String, HealthContributor> parts = new LinkedHashMap<>();
        parts.put("engine", new Engine(reports));
        parts.put("database", new Database(dataSource));
        parts.put("diskSpace", new Disk(store, guard, reports, usageCacheDuration));
        parts.put("deliveryQueue", new DeliveryQueue(reports));
        if (mailServer != null) {
            parts.put("smtp", new Smtp(mailServer));
        } else if (emailOff) {
            // UNKNOWN does not pull the aggregate down: no e-mail is a choice, not a failure.
            parts.put("email", (HealthIndicator) () -> Health.unknown()
                    .withDetail("reason", EmailOffNotice.MESSAGE)
                    .build());
        }
        return CompositeHealthContributor.fromMap(parts);
    }

    static final class Engine extends AbstractHealthIndicator {
        private final ScheduledReports reports;

        Engine(ScheduledReports reports) {
            super("Scheduled Reports engine check failed");
            this.reports = reports;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            builder.status(reports.isStarted() ? Status.UP : Status.OUT_OF_SERVICE)
                    .withDetail("reportTypes", reports.reportTypes())
                    .withDetail("outputFormats", reports.outputFormats())
                    .withDetail("channels", reports.channels());
        }
    }

    static final class Database extends AbstractHealthIndicator {
        private final DataSource dataSource;

        Database(DataSource dataSource) {
            super("Scheduled Reports database check failed");
            this.dataSource = dataSource;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) throws Exception {
            long start = System.nanoTime();
            try (Connection c = dataSource.getConnection()) {
                boolean valid = c.isValid(2);
                builder.status(valid ? Status.UP : Status.DOWN)
                        .withDetail("database", c.getMetaData().getDatabaseProductName())
                        .withDetail("validationMs", (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /**
     * The delivery queue: UP with the pending deliveries per channel, and a {@code warning} naming the channels whose
     * backlog is above the alert threshold (generations wait only at the maximum; nothing is down).
     */
    static final class DeliveryQueue extends AbstractHealthIndicator {
        private final ScheduledReports reports;

        DeliveryQueue(ScheduledReports reports) {
            super("Scheduled Reports delivery queue check failed");
            this.reports = reports;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            if (!reports.isStarted()) {
                builder.unknown().withDetail("reason", "engine not started");
                return;
            }
            io.scheduledreports.core.DeliveryQueueStatus q = reports.deliveryQueue();
            builder.up()
                    .withDetail("pending", q.pendingByChannel())
                    .withDetail("alertThreshold", q.limits().alertThreshold())
                    .withDetail("maxPendingPerChannel", q.limits().maxPendingPerChannel());
            if (!q.backlogged().isEmpty()) {
                builder.withDetail(
                        "warning",
                        "delivery backlog above " + q.limits().alertThreshold() + " in " + q.backlogged()
                                + (q.full().isEmpty()
                                        ? ""
                                        : "; new generations wait for "
                                                + q.full().keySet() + " (at the maximum)"));
            }
        }
    }

    static final class Disk extends AbstractHealthIndicator {
        private final ArtifactStore store;
        private final DiskGuard guard;

        private final ScheduledReports reports;
        private final java.time.Duration cacheDuration;
        private io.scheduledreports.core.DiskUsage usage;
        private long usageReadAt;

        Disk(ArtifactStore store, DiskGuard guard, ScheduledReports reports, java.time.Duration cacheDuration) {
            super("Scheduled Reports disk space check failed");
            this.store = store;
            this.guard = guard;
            this.reports = reports;
            this.cacheDuration = cacheDuration;
        }

        /** The usage, read again when older than the cache duration; null before start or when it cannot be read. */
        private synchronized io.scheduledreports.core.DiskUsage usage() {
            long now = System.nanoTime();
            if (usage == null || now - usageReadAt >= cacheDuration.toNanos()) {
                if (!reports.isStarted()) {
                    return null;
                }
                usage = reports.admin().diskUsage(null);
                usageReadAt = now;
            }
            return usage;
        }

        private void usageDetails(Health.Builder builder, OptionalLong free) {
            io.scheduledreports.core.DiskUsage u;
            try {
                u = usage();
            } catch (RuntimeException e) {
                builder.withDetail("usageError", "cannot read the stored files' sizes: " + e.getMessage());
                return;
            }
            if (u == null) {
                return;
            }
            builder.withDetail("stored", human(u.artifactBytes()))
                    .withDetail("storedBytes", u.artifactBytes())
                    .withDetail("storedFiles", u.artifactFiles());
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("estimate", human(u.next24h().bytes()));
            next.put("estimateBytes", u.next24h().bytes());
            next.put("runs", u.next24h().runs());
            next.put("schedules", u.next24h().schedules());
            next.put("schedulesWithoutHistory", u.next24h().schedulesWithoutHistory());
            builder.withDetail("next24h", next);
            if (free.isEmpty()) {
                return;
            }
            long bytes = free.getAsLong();
            long room = bytes - guard.floorBytes();
            if (u.next24h().bytes() > room) {
                builder.withDetail(
                        "estimateWarning",
                        "the next 24 h of runs need about " + human(u.next24h().bytes()) + ", more than the "
                                + human(Math.max(0, room)) + " free above the floor");
            }
            if (bytes < guard.warnBytes() || u.next24h().bytes() > room) {
                java.util.List<Map<String, Object>> consumers = new java.util.ArrayList<>();
                for (io.scheduledreports.core.DiskUsage.ScheduleUsage c : u.largestConsumers()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("tenant", c.tenantId());
                    m.put("schedule", c.scheduleId());
                    m.put("stored", human(c.bytes()));
                    m.put("files", c.files());
                    consumers.add(m);
                }
                builder.withDetail("largestConsumers", consumers);
                java.util.List<String> options = new java.util.ArrayList<>();
                for (io.scheduledreports.core.DiskUsage.RetentionOption o : u.retentionOptions()) {
                    if (o.filesFreed() > 0) {
                        options.add("keeping files " + io.scheduledreports.spi.Durations.format(o.keepFilesFor())
                                + " (scheduled-reports.artifact-retention) would free " + human(o.bytesFreed())
                                + " (" + o.filesFreed() + " files)");
                    }
                }
                builder.withDetail(
                        "recommendations",
                        options.isEmpty()
                                ? java.util.List.of("no shorter retention would free space: the files are recent;"
                                        + " add space or lower the number of runs")
                                : options);
            }
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) throws Exception {
            OptionalLong free = guard.probe() != null ? guard.probe().get() : store.usableSpace();
            if (store instanceof LocalDirectoryArtifactStore local) {
                builder.withDetail("path", local.root().toString());
                // several live instances on a directory not declared shared: downloads may miss their file
                reports.unsharedLocalStoreWarning().ifPresent(w -> builder.withDetail("clusterWarning", w));
            }
            if (free.isEmpty()) {
                builder.up().withDetail("free", "unknown (the artifact store cannot tell)");
                usageDetails(builder, free);
                return;
            }
            long bytes = free.getAsLong();
            builder.withDetail("free", human(bytes))
                    .withDetail("floor", human(guard.floorBytes()))
                    .withDetail("warn", human(guard.warnBytes()))
                    .withDetail("freeBytes", bytes);
            if (bytes < guard.floorBytes()) {
                builder.down()
                        .withDetail(
                                "error",
                                "free space is below the floor: new generations are refused until files are"
                                        + " removed or scheduled-reports.disk-guard.floor is lowered");
            } else {
                builder.up();
                if (bytes < guard.warnBytes()) {
                    builder.withDetail("warning", "free space is below scheduled-reports.disk-guard.warn");
                }
            }
            usageDetails(builder, free);
        }
    }

    /** 84425666560 as "78.6 GB". */
    static String human(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static final class Smtp extends AbstractHealthIndicator {
        private final MailServerProbe probe;

        Smtp(MailServerProbe probe) {
            super("Scheduled Reports SMTP check failed");
            this.probe = probe;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            MailServerProbe.Status status = probe.probe();
            builder.status(status.up() ? Status.UP : Status.DOWN).withDetails(status.details());
        }
    }
}

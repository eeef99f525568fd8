package io.scheduledreports.core.internal;

import io.scheduledreports.core.ConfigurationReport;
import io.scheduledreports.core.ConfigurationReport.Check;
import io.scheduledreports.core.ConfigurationReport.Status;
import io.scheduledreports.core.links.DownloadLinks;
import io.scheduledreports.core.links.UnsubscribeLinks;
import io.scheduledreports.jdbc.Dialect;
import io.scheduledreports.jdbc.ReportsSchema;
import io.scheduledreports.spi.ArtifactOutput;
import io.scheduledreports.spi.ArtifactStore;
import io.scheduledreports.spi.ConnectionCheck;
import io.scheduledreports.spi.DeliveryChannel;
import io.scheduledreports.spi.Durations;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Runs the configuration check: database reachable and schema current, each channel's own check, the artifact
 * store writable (a small file written, read back and deleted), the signing keys (a token signed and verified),
 * and the skew between the engine's clock and the database's. Every check catches its own failures: the report
 * is always complete.
 */
public final class ConfigurationCheck {

    /** Key prefix of the artifact store's probe file. */
    static final String PROBE_DIRECTORY = "config-checks";

    private final Engine engine;
    private final Duration maxClockSkew;

    /**
     * @param engine the engine
     * @param maxClockSkew the largest accepted difference between the engine's clock and the database's
     */
    public ConfigurationCheck(Engine engine, Duration maxClockSkew) {
        this.engine = engine;
        this.maxClockSkew = maxClockSkew;
    }

    /** Runs every check. */
    public ConfigurationReport run() {
        EngineConfig config = engine.config;
        List<Check> checks = new ArrayList<>();
        checks.add(database());
        for (Map.Entry<String, DeliveryChannel> e : new TreeMap<>(config.channels()).entrySet()) {
            checks.add(channel(e.getKey(), e.getValue()));
        }
        checks.add(artifactStore());
        checks.add(signingKeys());
        checks.add(clock());
        return new ConfigurationReport(config.clock().instant(), checks);
    }

    private Check database() {
        Map<String, String> details = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (Connection c = engine.config.dataSource().getConnection()) {
            if (!c.isValid(2)) {
                return new Check("database", Status.FAILED, "the connection did not validate within 2 s", details);
            }
            details.put(
                    "database",
                    c.getMetaData().getDatabaseProductName() + " "
                            + c.getMetaData().getDatabaseProductVersion());
            details.put("validation_ms", Long.toString((System.nanoTime() - start) / 1_000_000));
        } catch (Exception e) {
            return new Check(
                    "database",
                    Status.FAILED,
                    "cannot connect: " + e.getMessage() + "; check the DataSource URL, user and network",
                    details);
        }
        try {
            ReportsSchema schema = ReportsSchema.of(engine.config.dataSource(), engine.config.tables());
            List<Integer> pending = schema.pendingVersions();
            details.put("schema_version", Integer.toString(ReportsSchema.latestVersion()));
            details.put("table_prefix", engine.config.tables().prefix());
            if (!pending.isEmpty()) {
                details.put("pending_versions", pending.toString());
                return new Check(
                        "database",
                        Status.FAILED,
                        "schema is not current: versions " + pending + " are not applied; start() applies them (the"
                                + " user needs CREATE/ALTER rights on the tables with prefix '"
                                + engine.config.tables().prefix() + "')",
                        details);
            }
            return new Check("database", Status.OK, "reachable, schema current", details);
        } catch (RuntimeException e) {
            return new Check("database", Status.FAILED, "cannot read the schema version: " + e.getMessage(), details);
        }
    }

    private static Check channel(String id, DeliveryChannel channel) {
        String name = "channel." + id;
        ConnectionCheck outcome;
        try {
            outcome = channel.checkConfiguration();
        } catch (RuntimeException e) {
            return new Check(
                    name,
                    Status.FAILED,
                    "the channel's check threw " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Map.of("category", ErrorClassifier.classify(e).name()));
        }
        if (outcome == null) {
            return new Check(name, Status.SKIPPED, "the channel answered no outcome", Map.of());
        }
        Map<String, String> details = new LinkedHashMap<>(outcome.details());
        return switch (outcome.status()) {
            case OK -> new Check(name, Status.OK, outcome.message(), details);
            case UNSUPPORTED -> new Check(name, Status.SKIPPED, outcome.message(), details);
            case FAILED -> {
                details.put("category", outcome.category().name());
                yield new Check(name, Status.FAILED, outcome.message(), details);
            }
        };
    }

    private Check artifactStore() {
        ArtifactStore store = engine.config.artifactStore();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("store", store.getClass().getSimpleName());
        String key = PROBE_DIRECTORY + "/check-" + UUID.randomUUID() + ".txt";
        byte[] probe = ("configuration check " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        try {
            try (ArtifactOutput out = store.create(key)) {
                out.write(probe);
                out.commit();
            }
            byte[] read;
            try (InputStream in = store.open(key)) {
                read = in.readAllBytes();
            }
            if (!java.util.Arrays.equals(read, probe)) {
                store.delete(key);
                return new Check(
                        "artifactStore",
                        Status.FAILED,
                        "a file written and read back differs (" + probe.length + " bytes written, " + read.length
                                + " read)",
                        details);
            }
            store.delete(key);
        } catch (Exception e) {
            return new Check(
                    "artifactStore",
                    Status.FAILED,
                    "cannot write, read and delete a file: " + e.getMessage()
                            + "; check the directory's permissions or the bucket's credentials",
                    details);
        }
        DiskMonitor.Space space = engine.disk().space();
        if (space.free() == null) {
            details.put("free", "unknown (the store cannot tell)");
            return new Check("artifactStore", Status.OK, "writable", details);
        }
        details.put("free_bytes", Long.toString(space.free()));
        long floor = engine.config.diskGuard().floorBytes();
        long warn = engine.config.diskGuard().warnBytes();
        if (space.free() < warn) {
            return new Check(
                    "artifactStore",
                    Status.WARNING,
                    "writable, but free space (" + space.free() + " bytes) is below the "
                            + (space.free() < floor
                                    ? "floor (" + floor + "): generations are deferred"
                                    : "warning level (" + warn + ")"),
                    details);
        }
        return new Check("artifactStore", Status.OK, "writable", details);
    }

    private Check signingKeys() {
        EngineConfig config = engine.config;
        DownloadLinks links = config.downloadLinks();
        if (links == null) {
            return new Check("signingKeys", Status.SKIPPED, "download links are not configured", Map.of());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("key_ids", String.join(",", links.config().keyIds()));
        Instant now = config.clock().instant();
        try {
            String token = links.sign("config-check", "config-check", now.plus(Duration.ofMinutes(1)));
            links.verify(token, "config-check", now);
            UnsubscribeLinks unsubscribe = config.privacy().unsubscribeLinks();
            if (unsubscribe != null) {
                String u = unsubscribe.sign("config-check", "config-check", now.plus(Duration.ofMinutes(1)));
                unsubscribe.verify(u, now);
                details.put("unsubscribe_links", "on");
            }
        } catch (RuntimeException e) {
            return new Check(
                    "signingKeys",
                    Status.FAILED,
                    "a token signed with the first key does not verify: " + e.getMessage(),
                    details);
        }
        return new Check("signingKeys", Status.OK, "a token signed with the first key verifies", details);
    }

    private Check clock() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("max_skew", Durations.format(maxClockSkew));
        Dialect dialect = engine.config.dialect();
        String sql = switch (dialect) {
            case POSTGRESQL -> "SELECT clock_timestamp()";
            case MARIADB -> "SELECT UTC_TIMESTAMP(6)";
            default -> "SELECT CURRENT_TIMESTAMP(6)";
        };
        try (Connection c = engine.config.dataSource().getConnection();
                Statement s = c.createStatement()) {
            Instant before = engine.config.clock().instant();
            Instant db;
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                db = dialect == Dialect.MARIADB
                        ? rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC)
                        : rs.getObject(1, OffsetDateTime.class).toInstant();
            }
            Instant after = engine.config.clock().instant();
            Duration roundTrip = Duration.between(before, after);
            Instant mid = before.plus(roundTrip.dividedBy(2));
            Duration skew = Duration.between(mid, db).abs();
            details.put("engine_time", mid.toString());
            details.put("database_time", db.toString());
            details.put("skew_ms", Long.toString(skew.toMillis()));
            details.put("round_trip_ms", Long.toString(roundTrip.toMillis()));
            // the query's own round trip blurs the measurement by at most half of it
            if (skew.compareTo(maxClockSkew.plus(roundTrip.dividedBy(2))) > 0) {
                return new Check(
                        "clock",
                        Status.FAILED,
                        "the engine's clock and the database's differ by " + Durations.format(skew) + ", more than "
                                + Durations.format(maxClockSkew) + ": synchronise both hosts with NTP (or raise"
                                + " maxClockSkew)",
                        details);
            }
            return new Check("clock", Status.OK, "skew " + Durations.format(skew), details);
        } catch (Exception e) {
            return new Check("clock", Status.FAILED, "cannot read the database's time: " + e.getMessage(), details);
        }
    }
}

package io.scheduledreports.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the library's tables with versioned scripts, on H2, PostgreSQL and MariaDB/MySQL.
 *
 * <p>Each script runs once; applied versions are recorded in {@link TableNames#schemaVersion()}. Several
 * instances starting together are serialised by a database lock (PostgreSQL advisory lock, MariaDB
 * {@code GET_LOCK}; within one JVM for H2), so exactly one of them migrates.
 */
public final class ReportsSchema {

    private static final Logger LOG = LoggerFactory.getLogger(ReportsSchema.class);

    /** The migrations, in order. Never edit a released script: add a new version. */
    static final List<String> SCRIPTS = List.of(
            "V1__schedules_executions_deliveries.sql",
            "V2__dead_letters_and_permits.sql",
            "V3__task_polling_index.sql",
            "V4__channel_rate_limits.sql",
            "V5__overlap_policy_and_tenant_locks.sql",
            "V6__format_options.sql",
            "V7__execution_and_audit_queries.sql",
            "V8__holiday_calendars.sql",
            "V9__schedule_paused_reason.sql",
            "V10__recipients_and_privacy.sql",
            "V11__bounces_and_owner_summaries.sql",
            "V12__failure_history_alerts_timeouts.sql",
            "V13__disk_samples.sql",
            "V14__task_polling_index_mariadb.sql",
            "V15__backup_archives.sql");

    private static final Map<String, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

    private final DataSource dataSource;
    private final TableNames tables;

    private ReportsSchema(DataSource dataSource, TableNames tables) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    /**
     * A schema on a data source.
     *
     * @param dataSource where the tables live
     * @param tables table names (prefix)
     * @return the schema
     */
    public static ReportsSchema of(DataSource dataSource, TableNames tables) {
        return new ReportsSchema(dataSource, tables);
    }

    /** The latest schema version this library knows. */
    public static int latestVersion() {
        return version(SCRIPTS.get(SCRIPTS.size() - 1));
    }

    /** The version a script's name carries ({@code V10__x.sql} is 10): numbers may leave gaps, never repeat. */
    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /**
     * Applies the scripts not yet applied.
     *
     * @return the versions applied by this call (empty when the schema was current)
     * @throws IllegalStateException when a script fails, naming it and the statement
     */
    public List<Integer> migrate() {
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.detect(c);
            c.setAutoCommit(true);
            ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(
                    c.getMetaData().getURL() + "|" + tables.prefix(), k -> new ReentrantLock());
            local.lock();
            try {
                lock(c, dialect);
                try {
                    return applyPending(c, dialect);
                } finally {
                    unlock(c, dialect);
                }
            } finally {
                local.unlock();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
        }
    }

    /** The versions already applied, in order. */
    public List<Integer> appliedVersions() {
        try (Connection c = dataSource.getConnection()) {
            return applied(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + tables.schemaVersion() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The versions this library knows that the database does not have yet: empty when the schema is current
     * (what the configuration check asks; {@link #migrate()} applies them).
     *
     * @return the missing versions, in order
     */
    public List<Integer> pendingVersions() {
        List<Integer> applied = appliedVersions();
        List<Integer> pending = new ArrayList<>();
        for (String script : SCRIPTS) {
            if (!applied.contains(version(script))) {
                pending.add(version(script));
            }
        }
        return pending;
    }

    private List<Integer> applyPending(Connection c, Dialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + tables.schemaVersion()
                    + " (version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                    + " installed_at VARCHAR(40) NOT NULL)");
        }
        List<Integer> done = applied(c);
        List<Integer> appliedNow = new ArrayList<>();
        for (String script : SCRIPTS) {
            // the version is the number in the name: branches take numbers out of order, so it is not the index
            int version = version(script);
            if (done.contains(version)) {
                continue;
            }
            for (String statement : statements(load(script), dialect)) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            "schema migration " + script + " failed on " + dialect + " at: "
                                    + statement.lines().findFirst().orElse("") + " -- " + e.getMessage(),
                            e);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.schemaVersion()
                    + " (version, description, installed_at) VALUES (?, ?, ?)")) {
                ps.setInt(1, version);
                ps.setString(2, script);
                ps.setString(3, OffsetDateTime.now(ZoneOffset.UTC).toString());
                ps.executeUpdate();
            }
            LOG.info("Applied schema migration {} ({}) with table prefix '{}'", script, dialect, tables.prefix());
            appliedNow.add(version);
        }
        return appliedNow;
    }

    private List<Integer> applied(Connection c) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM " + tables.schemaVersion() + " ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            if (versions.isEmpty() && !tableExists(c, tables.schemaVersion())) {
                return versions;
            }
            throw e;
        }
        return versions;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        for (String candidate : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, candidate, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void lock(Connection c, Dialect dialect) throws SQLException {
        switch (dialect) {
            case POSTGRESQL -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    ps.setLong(1, lockKey());
                    ps.execute();
                }
            }
            case MARIADB -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 120)")) {
                    ps.setString(1, lockName());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getInt(1) != 1) {
                            throw new IllegalStateException(
                                    "schema migration: could not take lock " + lockName() + " within 120 s");
                        }
                    }
                }
            }
            case H2 -> {
                // Embedded: the JVM-wide lock taken by migrate() is enough.
            }
        }
    }

    private void unlock(Connection c, Dialect dialect) throws SQLException {
        switch (dialect) {
            case POSTGRESQL -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, lockKey());
                    ps.execute();
                }
            }
            case MARIADB -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    ps.setString(1, lockName());
                    ps.execute();
                }
            }
            case H2 -> {}
        }
    }

    private String lockName() {
        return "scheduled_reports_migrate_" + tables.prefix();
    }

    private long lockKey() {
        return 0x5245504fL << 32 | (lockName().hashCode() & 0xffffffffL);
    }

    private List<String> statements(String script, Dialect dialect) {
        String sql = script;
        // the dialect's values first: they may contain ${prefix} themselves
        for (Map.Entry<String, String> e : dialect.placeholders().entrySet()) {
            sql = sql.replace("${" + e.getKey() + "}", e.getValue());
        }
        sql = sql.replace("${prefix}", tables.prefix());
        if (sql.contains("${")) {
            throw new IllegalStateException("unresolved placeholder in migration: "
                    + sql.substring(sql.indexOf("${"), Math.min(sql.length(), sql.indexOf("${") + 30)));
        }
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                result.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }

    private static String load(String script) {
        String path = "migrations/" + script;
        try (InputStream in = ReportsSchema.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the jar: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + path, e);
        }
    }
}

package io.scheduledreports.benchmarks.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The database the macro benchmarks run against (PostgreSQL by default), and the chores around it: fixed-size
 * pools, a random table prefix per run, statistics before a run and dropping the tables afterwards.
 *
 * @param url JDBC URL
 * @param user user name
 * @param password password (empty for trust authentication)
 */
public record BenchDatabase(String url, String user, String password) {

    /** The default URL: the local PostgreSQL of the test suite. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    /**
     * From {@code --jdbc-url}, {@code --db-user}, {@code --db-password}; defaults from {@code REPORTS_TEST_PG_URL},
     * {@code REPORTS_TEST_PG_USER}, {@code REPORTS_TEST_PG_PASSWORD}, else the local server. A MariaDB URL
     * ({@code jdbc:mariadb://127.0.0.1:3306/test}) defaults to user {@code root} with an empty password.
     */
    public static BenchDatabase from(Args args) {
        String url = args.string("jdbc-url", env("REPORTS_TEST_PG_URL", DEFAULT_URL));
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new BenchDatabase(url, args.string("db-user", "root"), args.string("db-password", ""));
        }
        return new BenchDatabase(
                url,
                args.string("db-user", env("REPORTS_TEST_PG_USER", "postgres")),
                args.string("db-password", env("REPORTS_TEST_PG_PASSWORD", "")));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Whether this is a MariaDB (or MySQL) server, by its URL; otherwise PostgreSQL. */
    public boolean isMariaDb() {
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
    }

    /** A short name of the database kind for titles and file names: {@code postgresql} or {@code mariadb}. */
    public String kind() {
        return isMariaDb() ? "mariadb" : "postgresql";
    }

    /** The same settings as options, for a child JVM. */
    public List<String> toArgs() {
        return List.of("--jdbc-url=" + url, "--db-user=" + user, "--db-password=" + password);
    }

    /** Fails with the reason when the server does not answer. */
    public void requireReachable() {
        String reason = unreachableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }

    /** Why the database cannot be used, or null when it can. */
    public String unreachableReason() {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return null;
        } catch (SQLException e) {
            return "database not reachable at " + url + " as " + user + ": " + e.getMessage();
        }
    }

    /** A random table prefix, e.g. {@code bm1a2b3c4d_}. */
    public static String randomPrefix() {
        return "bm" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
    }

    /**
     * A pool of exactly {@code size} connections, all opened before this returns so that connection set-up is
     * never part of a measurement.
     */
    public HikariDataSource pool(String name, int size) {
        return pool(name, size, null);
    }

    /**
     * A pool as {@link #pool(String, int)} whose connections show {@code applicationName} in
     * {@code pg_stat_activity}, so that their server processes can be found (see {@link #serverCpu}).
     */
    public HikariDataSource pool(String name, int size, String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (applicationName != null) {
            config.addDataSourceProperty("ApplicationName", applicationName);
        }
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(30_000);
        config.setPoolName(name);
        HikariDataSource pool = new HikariDataSource(config);
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                open.add(pool.getConnection());
            }
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("pool " + name + ": cannot open " + size + " connections to " + url, e);
        } finally {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // back to the pool
                }
            }
        }
        return pool;
    }

    /**
     * CPU time used so far by the server processes (PostgreSQL backends on this machine) of the connections named
     * {@code applicationName}, in milliseconds, by process id; read from {@code /proc}, so only for a local server.
     * Empty when not available.
     */
    public java.util.Map<Integer, Long> serverCpu(String applicationName) {
        java.util.Map<Integer, Long> cpu = new java.util.HashMap<>();
        if (!url.startsWith("jdbc:postgresql:")) {
            return cpu;
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                java.sql.PreparedStatement ps =
                        c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pid = rs.getInt(1);
                    long ms = processCpuMs(pid);
                    if (ms >= 0) {
                        cpu.put(pid, ms);
                    }
                }
            }
        } catch (SQLException e) {
            return java.util.Map.of();
        }
        return cpu;
    }

    /** User + system CPU of a local process in milliseconds (clock ticks of 10 ms), or -1. */
    static long processCpuMs(int pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Integer.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, utime 14, stime 15 (1-based) -> indexes 11 and 12 here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The server's version string. */
    public String serverVersion() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Runs statements on a fresh connection in autocommit mode. */
    public void execute(String... sql) {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + String.join("; ", sql) + " -- " + e.getMessage(), e);
        }
    }

    /** A single number from a query. */
    public long count(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql + " -- " + e.getMessage(), e);
        }
    }

    /** Names of the tables whose name starts with {@code prefix} (case-insensitive). */
    public List<String> tables(String prefix) {
        return relations(prefix, "TABLE");
    }

    private List<String> relations(String prefix, String type) {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {type})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list tables: " + e.getMessage(), e);
        }
        return names;
    }

    /** Refreshes planner statistics of the prefix's tables, as autovacuum would after a bulk load. */
    public void analyze(String prefix) {
        for (String table : tables(prefix)) {
            execute((isMariaDb() ? "ANALYZE TABLE " : "ANALYZE ") + table);
        }
    }

    /**
     * Drops every view and table whose name starts with {@code prefix}; children first, whatever the foreign keys.
     */
    public void dropTables(String prefix) {
        if (prefix == null || prefix.length() < 4) {
            throw new IllegalArgumentException("refusing to drop tables by a short prefix: '" + prefix + "'");
        }
        for (String view : relations(prefix, "VIEW")) { // JobRunr's statistics view
            execute("DROP VIEW " + view);
        }
        List<String> names = new ArrayList<>(tables(prefix));
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            for (int round = 0; round < 6 && !names.isEmpty(); round++) {
                for (String name : List.copyOf(names)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP TABLE " + name);
                        names.remove(name);
                    } catch (SQLException e) {
                        // a table still refers to it; next round
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop tables " + names + ": " + e.getMessage(), e);
        }
        if (!names.isEmpty()) {
            throw new IllegalStateException("could not drop tables " + names);
        }
    }
}

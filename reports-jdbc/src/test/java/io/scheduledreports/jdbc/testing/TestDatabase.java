package io.scheduledreports.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.scheduledreports.jdbc.TableNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases tests run on. H2 always; PostgreSQL and MariaDB when reachable through
 * {@code REPORTS_TEST_PG_URL} / {@code REPORTS_TEST_MARIADB_URL} (defaults: the local servers). An unreachable
 * server skips its tests, unless {@code REPORTS_TEST_REQUIRE_DB=true}, which fails them instead.
 */
public enum TestDatabase {
    H2("jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1", "sa", ""),
    POSTGRESQL(
            env("REPORTS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
            env("REPORTS_TEST_PG_USER", "postgres"),
            env("REPORTS_TEST_PG_PASSWORD", "")),
    MARIADB(
            env("REPORTS_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
            env("REPORTS_TEST_MARIADB_USER", "root"),
            env("REPORTS_TEST_MARIADB_PASSWORD", ""));

    private final String url;
    private final String user;
    private final String password;

    TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Whether tests must fail rather than skip when a database is unreachable. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv("REPORTS_TEST_REQUIRE_DB"));
    }

    /**
     * Opens a fresh, isolated database for one test class: a pooled data source and a random table prefix.
     * Skips (or fails, when required) if the server cannot be reached.
     */
    public Instance open(int poolSize) {
        String jdbcUrl = this == H2
                ? String.format(url, "t" + UUID.randomUUID().toString().replace("-", ""))
                : url;
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, user, password)) {
            // reachable
        } catch (SQLException e) {
            String message = this + " not reachable at " + jdbcUrl + ": " + e.getMessage();
            if (required()) {
                Assertions.fail(message + " (REPORTS_TEST_REQUIRE_DB=true)");
            }
            Assumptions.abort(message);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setPoolName(name().toLowerCase(Locale.ROOT) + "-test");
        String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        return new Instance(this, new HikariDataSource(config), new TableNames(prefix));
    }

    /** An open test database. Close it to drop its tables and the pool. */
    public record Instance(TestDatabase database, HikariDataSource dataSource, TableNames tables)
            implements AutoCloseable {

        /** Opens another independent pool on the same database (a second engine instance). */
        public HikariDataSource newPool(int size) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(dataSource.getJdbcUrl());
            config.setUsername(dataSource.getUsername());
            config.setPassword(dataSource.getPassword());
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(10_000);
            return new HikariDataSource(config);
        }

        /** Drops every table with this instance's prefix. */
        @Override
        public void close() throws SQLException {
            try {
                if (database != H2) {
                    dropTables();
                }
            } finally {
                dataSource.close();
            }
        }

        private void dropTables() throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = c.getMetaData()
                        .getTables(c.getCatalog(), null, tables.prefix() + "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        names.add(rs.getString("TABLE_NAME"));
                    }
                }
                // children first: retry until the foreign keys allow it
                for (int round = 0; round < 5 && !names.isEmpty(); round++) {
                    for (String name : List.copyOf(names)) {
                        try (Statement s = c.createStatement()) {
                            s.execute("DROP TABLE " + name);
                            names.remove(name);
                        } catch (SQLException e) {
                            // dependent table still present; next round
                        }
                    }
                }
            }
        }
    }
}

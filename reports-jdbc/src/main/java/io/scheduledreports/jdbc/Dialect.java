package io.scheduledreports.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** The databases the library runs on, with the SQL types each one needs. */
public enum Dialect {
    /** H2 2.x (embedded; tests and demos). */
    H2(Map.of(
            "timestamp", "TIMESTAMP(6) WITH TIME ZONE",
            "text", "CHARACTER LARGE OBJECT",
            "blob", "BINARY LARGE OBJECT",
            "table_options", "",
            "tasks_index_table", "",
            "mariadb_only", "-- ")),
    /** PostgreSQL 12 or newer. */
    POSTGRESQL(Map.of(
            "timestamp",
            "TIMESTAMP(6) WITH TIME ZONE",
            "text",
            "TEXT",
            "blob",
            "BYTEA",
            "table_options",
            "",
            "tasks_index_table",
            "",
            "mariadb_only",
            "-- ")),
    /** MariaDB 10.6 or newer and MySQL 8: instants are stored as UTC in DATETIME(6). */
    MARIADB(Map.of(
            "timestamp",
            "DATETIME(6)",
            "text",
            "LONGTEXT",
            "blob",
            "LONGBLOB",
            "table_options",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
            // DROP INDEX names the table on MariaDB/MySQL
            "tasks_index_table",
            " ON ${prefix}report_scheduled_tasks",
            // a line starting with ${mariadb_only} runs on MariaDB only (elsewhere it becomes a comment)
            "mariadb_only",
            ""));

    private final Map<String, String> types;

    Dialect(Map<String, String> types) {
        this.types = types;
    }

    /** Values for the {@code ${...}} placeholders of the migration scripts. */
    Map<String, String> placeholders() {
        return types;
    }

    /** Whether instants are stored in zone-less columns (as UTC wall-clock time). */
    public boolean storesLocalTimestamps() {
        return this == MARIADB;
    }

    /**
     * Detects the dialect of a data source from its product name.
     *
     * @throws IllegalArgumentException for an unsupported database, naming it
     */
    public static Dialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return detect(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a connection to detect the database: " + e.getMessage(), e);
        }
    }

    /**
     * Detects the dialect of a connection.
     *
     * @throws IllegalArgumentException for an unsupported database, naming it
     */
    public static Dialect detect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return H2;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException(
                "dataSource: unsupported database '" + product + "'; supported are H2, PostgreSQL and MariaDB/MySQL");
    }
}

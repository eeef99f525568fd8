/**
 * The library's own tables: schema migrations for H2, PostgreSQL and MariaDB/MySQL and table names. The Jdbi
 * set-up and the transaction bridge to db-scheduler are internal, exported only to the engine.
 */
module io.scheduledreports.jdbc {
    requires transitive java.sql;
    requires org.jdbi.v3.core;
    requires org.slf4j;

    exports io.scheduledreports.jdbc;
    exports io.scheduledreports.jdbc.internal to
            io.scheduledreports.core;
}

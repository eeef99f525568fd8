/** Schema migrations for H2, PostgreSQL and MariaDB/MySQL, table names and the transaction bridge to db-scheduler. */
package io.scheduledreports.jdbc;

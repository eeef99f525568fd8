package io.scheduledreports.jdbc.internal;

import io.scheduledreports.jdbc.Dialect;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Creates the {@link Jdbi} the library uses, with instants stored exactly: as {@code TIMESTAMP WITH TIME
 * ZONE} in UTC on H2 and PostgreSQL, and as UTC wall-clock time in {@code DATETIME(6)} on MariaDB/MySQL, so
 * that neither the JVM's nor the session's time zone can shift a stored instant.
 */
public final class ReportsJdbi {

    private ReportsJdbi() {}

    /**
     * A Jdbi on a data source.
     *
     * @param dataSource the data source
     * @param dialect its dialect
     * @return a configured Jdbi
     */
    public static Jdbi create(DataSource dataSource, Dialect dialect) {
        Jdbi jdbi = Jdbi.create(dataSource);
        boolean local = dialect.storesLocalTimestamps();
        jdbi.registerArgument(
                new AbstractArgumentFactory<Instant>(local ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE) {
                    @Override
                    protected Argument build(Instant value, ConfigRegistry config) {
                        return local
                                ? (position, statement, ctx) ->
                                        statement.setObject(position, LocalDateTime.ofInstant(value, ZoneOffset.UTC))
                                : (position, statement, ctx) ->
                                        statement.setObject(position, value.atOffset(ZoneOffset.UTC));
                    }
                });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            if (local) {
                LocalDateTime v = rs.getObject(column, LocalDateTime.class);
                return v == null ? null : v.toInstant(ZoneOffset.UTC);
            }
            OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
            return v == null ? null : v.toInstant();
        });
        return jdbi;
    }
}

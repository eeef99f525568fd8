package io.scheduledreports.spi;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Adapters that turn a host's existing report code into a {@link ReportType} in a few lines:
 *
 * <pre>{@code
 * // a service returning maps
 * ReportType sales = ReportTypes.fromMaps("sales", List.of(Column.text("region"), Column.decimal("total", 2)),
 *         req -> salesService.totalsByRegion(req.tenantId()).stream());
 * // a SQL query; columns come from the result set
 * ReportType orders = ReportTypes.fromQuery("orders", dataSource,
 *         "select id, placed_at, amount from orders where tenant_id = ?", req -> List.of(req.tenantId()));
 * }</pre>
 */
public final class ReportTypes {

    /** Rows between two checks of the cancellation signal. */
    static final int CANCELLATION_CHECK_INTERVAL = 1_000;

    private ReportTypes() {}

    /** How an adapted report type produces its rows. */
    @FunctionalInterface
    public interface Generator {
        /**
         * Writes the report.
         *
         * @param request the request
         * @param sink where columns and rows go
         * @throws Exception any failure
         */
        void generate(ReportRequest request, RowSink sink) throws Exception;
    }

    /**
     * A report type from a lambda.
     *
     * @param id the report type id
     * @param generator declares the columns and writes the rows
     * @return the report type; add parameters with {@link Adapted#withParameters}
     */
    public static Adapted of(String id, Generator generator) {
        return new Adapted(id, id, List.of(), generator);
    }

    /**
     * A report type over a stream of maps, e.g. from a service or a repository. Each map's values are picked
     * by column name; a missing key is an empty cell. The stream is closed when the report ends.
     *
     * @param id the report type id
     * @param columns the columns, in output order
     * @param rows produces the rows for a request
     * @return the report type
     */
    public static Adapted fromMaps(
            String id, List<Column> columns, Function<ReportRequest, ? extends Stream<? extends Map<String, ?>>> rows) {
        List<Column> cols = List.copyOf(columns);
        Objects.requireNonNull(rows, "rows");
        return of(id, (request, sink) -> {
            sink.columns(cols);
            try (Stream<? extends Map<String, ?>> stream = rows.apply(request)) {
                copy(stream.iterator(), request, sink, map -> {
                    Object[] values = new Object[cols.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = map.get(cols.get(i).name());
                    }
                    return values;
                });
            }
        });
    }

    /**
     * A report type over a stream of any objects (records, entities) with a function that picks the cells.
     *
     * @param id the report type id
     * @param columns the columns, in output order
     * @param rows produces the rows for a request
     * @param cells turns one object into its cells, in column order
     * @param <T> the row type
     * @return the report type
     */
    public static <T> Adapted fromStream(
            String id,
            List<Column> columns,
            Function<ReportRequest, ? extends Stream<T>> rows,
            Function<? super T, Object[]> cells) {
        List<Column> cols = List.copyOf(columns);
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(cells, "cells");
        return of(id, (request, sink) -> {
            sink.columns(cols);
            try (Stream<T> stream = rows.apply(request)) {
                copy(stream.iterator(), request, sink, cells);
            }
        });
    }

    /**
     * A report type over a SQL query. Columns and their types come from the result set's metadata; the query
     * is streamed (fetch size 1,000), never loaded whole.
     *
     * @param id the report type id
     * @param dataSource where to run the query
     * @param sql the query, with {@code ?} placeholders
     * @param bindings the placeholder values for a request, in order (scope by {@code request.tenantId()}!)
     * @return the report type
     */
    public static Adapted fromQuery(
            String id, DataSource dataSource, String sql, Function<ReportRequest, List<?>> bindings) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(bindings, "bindings");
        return of(id, (request, sink) -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps =
                            c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(CANCELLATION_CHECK_INTERVAL);
                List<?> values = bindings.apply(request);
                for (int i = 0; i < values.size(); i++) {
                    ps.setObject(i + 1, values.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    copyResultSet(rs, request, sink);
                }
            }
        });
    }

    /**
     * Copies an open result set into a sink: declares columns from its metadata, then streams its rows.
     *
     * @param rs the result set, positioned before the first row; not closed here
     * @param request the request, for its cancellation signal
     * @param sink where to write
     * @throws SQLException if reading fails
     * @throws IOException if writing fails
     */
    public static void copyResultSet(ResultSet rs, ReportRequest request, RowSink sink)
            throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        int[] sqlTypes = new int[n];
        for (int i = 0; i < n; i++) {
            sqlTypes[i] = md.getColumnType(i + 1);
            String name = md.getColumnLabel(i + 1).toLowerCase(java.util.Locale.ROOT);
            ColumnType type = columnType(sqlTypes[i]);
            // No scale from metadata: drivers report scale 0 for computed numerics (PostgreSQL's sum, avg and
            // arithmetic on numeric), and a column scale makes formatters round. Values keep their own scale;
            // a host that wants rounding declares Column.decimal(name, scale) in its own report type.
            columns.add(new Column(name, name, type, null, -1));
        }
        sink.columns(columns);
        long count = 0;
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = read(rs, i + 1, sqlTypes[i]);
            }
            sink.row(row);
            if (++count % CANCELLATION_CHECK_INTERVAL == 0) {
                request.cancellation().throwIfCancelled();
            }
        }
    }

    static ColumnType columnType(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ColumnType.INTEGER;
            case Types.NUMERIC, Types.DECIMAL, Types.FLOAT, Types.DOUBLE, Types.REAL -> ColumnType.DECIMAL;
            case Types.BOOLEAN, Types.BIT -> ColumnType.BOOLEAN;
            case Types.DATE -> ColumnType.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.DATE_TIME;
            default -> ColumnType.TEXT;
        };
    }

    private static Object read(ResultSet rs, int index, int sqlType) throws SQLException {
        Object value = switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(index);
            case Types.NUMERIC, Types.DECIMAL -> rs.getBigDecimal(index);
            // JDBC's FLOAT is double precision; REAL is single precision, read as a float so that 0.1 stays
            // 0.1 (as a double it would be 0.10000000149011612).
            case Types.FLOAT, Types.DOUBLE -> rs.getDouble(index);
            case Types.REAL -> rs.getFloat(index);
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(index);
            case Types.DATE -> rs.getObject(index, LocalDate.class);
            case Types.TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(index, OffsetDateTime.class);
            default -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }

    private static <T> void copy(
            Iterator<T> rows, ReportRequest request, RowSink sink, Function<? super T, Object[]> cells)
            throws IOException {
        long count = 0;
        while (rows.hasNext()) {
            sink.row(cells.apply(rows.next()));
            if (++count % CANCELLATION_CHECK_INTERVAL == 0) {
                request.cancellation().throwIfCancelled();
            }
        }
    }

    /** A report type built by these adapters; immutable, each {@code with...} returns a copy. */
    public static final class Adapted implements ReportType {
        private final String id;
        private final String displayName;
        private final List<ParameterSpec> parameters;
        private final Generator generator;

        private Adapted(String id, String displayName, List<ParameterSpec> parameters, Generator generator) {
            if (id == null || !id.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
                throw new ReportsValidationException(
                        "report_type.id",
                        "must be 1-64 of [a-z0-9_.-] starting with a letter or digit, was '" + id + "'");
            }
            this.id = id;
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            this.parameters = List.copyOf(parameters);
            this.generator = Objects.requireNonNull(generator, "generator");
        }

        /** This report type with the given parameter declarations. */
        public Adapted withParameters(ParameterSpec... specs) {
            return new Adapted(id, displayName, List.of(specs), generator);
        }

        /** This report type with a display name. */
        public Adapted withDisplayName(String name) {
            return new Adapted(id, name, parameters, generator);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName() {
            return displayName;
        }

        @Override
        public List<ParameterSpec> parameters() {
            return parameters;
        }

        @Override
        public void generate(ReportRequest request, RowSink sink) throws Exception {
            generator.generate(request, sink);
        }

        @Override
        public String toString() {
            return "ReportType[" + id + "]";
        }
    }
}

package io.scheduledreports.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ReportTypesTest {

    static ReportRequest request(String tenant) {
        return request(tenant, CancellationSignal.none());
    }

    static ReportRequest request(String tenant, CancellationSignal signal) {
        return new ReportRequest(
                "exec-1",
                "sched-1",
                tenant,
                "alice",
                "sales",
                Map.of(),
                Locale.ENGLISH,
                ZoneId.of("Europe/Paris"),
                Instant.parse("2026-02-16T08:00:00Z"),
                Trigger.SCHEDULED,
                signal);
    }

    @Test
    void adaptsAStreamOfMapsPickingCellsByColumnName() throws Exception {
        ReportType type = ReportTypes.fromMaps(
                "sales",
                List.of(Column.text("region"), Column.decimal("total", 2)),
                req -> Stream.of(
                        Map.of("region", "north-" + req.tenantId(), "total", new BigDecimal("10.50")),
                        Map.of("total", 3)));

        RecordingSink sink = new RecordingSink();
        type.generate(request("acme"), sink);

        assertThat(sink.columns).extracting(Column::name).containsExactly("region", "total");
        assertThat(sink.rows)
                .containsExactly(List.of("north-acme", new BigDecimal("10.50")), java.util.Arrays.asList(null, 3));
    }

    @Test
    void closesTheSourceStreamWhenTheReportEnds() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        ReportType type = ReportTypes.fromStream(
                "numbers",
                List.of(Column.integer("n")),
                req -> IntStream.range(0, 3).boxed().onClose(() -> closed.set(true)),
                n -> new Object[] {(long) n});

        RecordingSink sink = new RecordingSink();
        type.generate(request("acme"), sink);

        assertThat(sink.rows).hasSize(3);
        assertThat(closed).isTrue();
    }

    @Test
    void adaptsASqlQueryWithTypedColumnsFromTheResultSet() throws Exception {
        DataSource ds = h2("adapt");
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table orders(id bigint, tenant_id varchar(20), placed_at timestamp,"
                    + " placed_on date, amount decimal(10,2), paid boolean, note varchar(100))");
            s.execute("insert into orders values (1, 'acme', timestamp '2026-02-01 10:15:00', date '2026-02-01',"
                    + " 12.50, true, 'first'), (2, 'other', null, null, 1.00, false, null),"
                    + " (3, 'acme', null, null, null, null, null)");
        }
        ReportType type = ReportTypes.fromQuery(
                "orders",
                ds,
                "select id, placed_at, placed_on, amount, paid, note from orders where tenant_id = ? order by id",
                req -> List.of(req.tenantId()));

        RecordingSink sink = new RecordingSink();
        type.generate(request("acme"), sink);

        assertThat(sink.columns)
                .extracting(Column::type)
                .containsExactly(
                        ColumnType.INTEGER,
                        ColumnType.DATE_TIME,
                        ColumnType.DATE,
                        ColumnType.DECIMAL,
                        ColumnType.BOOLEAN,
                        ColumnType.TEXT);
        assertThat(sink.columns.get(3).scale())
                .as("no scale from metadata: values keep their own (a declared scale would round them)")
                .isEqualTo(-1);
        assertThat(sink.rows).hasSize(2);
        assertThat(sink.rows.get(0))
                .containsExactly(
                        1L,
                        LocalDateTime.parse("2026-02-01T10:15:00"),
                        LocalDate.parse("2026-02-01"),
                        new BigDecimal("12.50"),
                        true,
                        "first");
        assertThat(sink.rows.get(1)).containsExactly(3L, null, null, null, null, null);
    }

    @Test
    void stopsStreamingWhenCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        CancellationSignal signal = new CancellationSignal() {
            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }

            @Override
            public Instant deadline() {
                return Instant.EPOCH;
            }
        };
        List<Long> produced = new ArrayList<>();
        ReportType endless = ReportTypes.fromStream(
                "endless", List.of(Column.integer("n")), req -> Stream.iterate(0L, n -> n + 1), n -> {
                    produced.add(n);
                    if (n == 1_500) {
                        cancelled.set(true);
                    }
                    return new Object[] {n};
                });

        assertThatThrownBy(() -> endless.generate(request("acme", signal), new RecordingSink()))
                .isInstanceOf(ReportsException.class)
                .satisfies(e -> assertThat(((ReportsException) e).category()).isEqualTo(ErrorCategory.TIMEOUT));
        assertThat(produced).hasSize(2_000);
    }

    @Test
    void aValueOfTheWrongTypeNamesRowAndColumn() {
        ReportType type = ReportTypes.fromMaps(
                "bad",
                List.of(Column.text("a"), Column.integer("n")),
                req -> Stream.of(Map.of("a", "x", "n", 1L), Map.of("a", "y", "n", "two")));

        assertThatThrownBy(() -> type.generate(request("acme"), new RecordingSink()))
                .isInstanceOf(ReportDataException.class)
                .hasMessage("row 2, column 'n': expected INTEGER but was String 'two'")
                .satisfies(e -> assertThat(((ReportsException) e).category()).isEqualTo(ErrorCategory.DATA));
    }

    @Test
    void rejectsMalformedIds() {
        assertThatThrownBy(() -> ReportTypes.of("Sales Report", (r, s) -> {}))
                .isInstanceOf(ReportsValidationException.class)
                .hasMessageStartingWith("report_type.id: must be 1-64 of [a-z0-9_.-]");
    }

    private static DataSource h2(String name) throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        try (Connection ignored = DriverManager.getConnection(ds.getURL())) {
            return ds;
        }
    }
}

package io.scheduledreports.examples;

import io.scheduledreports.core.ArtifactDownload;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.formats.Formatters;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.DateRange;
import io.scheduledreports.spi.ParameterSpec;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A report type over the host's own SQL: {@link ReportTypes#fromQuery} streams a query's rows (columns and their
 * types come from the result set), scoped by tenant, with a relative date window ({@code last_7_days}) resolved
 * against the run's scheduled time.
 */
public final class CustomReportTypeMain {

    private CustomReportTypeMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 1_000));
    }

    /** The orders report of the last 7 days, as CSV, over {@code orders} generated orders. */
    public static String run(int orders) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:custom-type-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Instant now = Instant.parse("2026-03-02T06:00:00Z");
        createOrders(dataSource, orders, now);

        ReportType recentOrders = ReportTypes.fromQuery(
                        "recent_orders",
                        dataSource,
                        "SELECT id, region, amount, placed_at FROM orders"
                                + " WHERE tenant_id = ? AND placed_at >= ? AND placed_at < ? ORDER BY id",
                        request -> {
                            DateRange window = request.dateRange("date_range");
                            return List.of(
                                    request.tenantId(),
                                    window.startInstant().atOffset(ZoneOffset.UTC),
                                    window.endInstant().atOffset(ZoneOffset.UTC));
                        })
                .withDisplayName("Recent orders")
                .withParameters(ParameterSpec.required("date_range", ParameterSpec.Kind.DATE_RANGE)
                        .describedAs("which days, e.g. last_7_days"));

        ScheduledReports.Builder builder = ScheduledReports.builder(dataSource)
                .reportType(recentOrders)
                .formatters(Formatters.defaults())
                .artifactDirectory(Files.createTempDirectory("custom-type-artifacts"));
        try (ReportsTestKit kit = ReportsTestKit.start(builder, now)) {
            ScheduledReports reports = kit.reports();
            Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
            ScheduledReport weekly = reports.create(
                    alice,
                    ScheduleRequest.builder()
                            .name("Orders of the week")
                            .reportType("recent_orders")
                            .param("date_range", "last_7_days")
                            .schedule("{\"cadence\": \"weekly\", \"day_of_week\": 1, \"time\": \"08:00\","
                                    + " \"timezone\": \"UTC\"}")
                            .build());
            Execution run = reports.runNow(alice, weekly.id());
            kit.runDue();
            Execution done = reports.execution(alice, run.id());
            System.out.println("Execution " + done.status() + ": " + done.rowCount() + " orders");
            try (ArtifactDownload file = reports.openArtifact(alice, done.id())) {
                return new String(file.stream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Orders of two tenants over the 30 days before {@code now}, one every few hours. */
    static void createOrders(DataSource dataSource, int count, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, tenant_id VARCHAR(64), region VARCHAR(32),"
                        + " amount DECIMAL(12, 2), placed_at TIMESTAMP WITH TIME ZONE)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
                String[] regions = {"North", "South", "East", "West"};
                long step = Math.max(1, 30L * 24 * 3600 / Math.max(1, count));
                for (int i = 0; i < count; i++) {
                    ps.setLong(1, i + 1);
                    ps.setString(2, i % 3 == 0 ? "globex" : "acme");
                    ps.setString(3, regions[i % regions.length]);
                    ps.setBigDecimal(4, java.math.BigDecimal.valueOf(1000 + (i * 37L) % 9000, 2));
                    ps.setObject(5, OffsetDateTime.ofInstant(now.minusSeconds(step * (i + 1)), ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}

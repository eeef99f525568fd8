package io.scheduledreports.examples;

import io.scheduledreports.core.ArtifactDownload;
import io.scheduledreports.core.Execution;
import io.scheduledreports.core.PageRequest;
import io.scheduledreports.core.ReportsTestKit;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReport;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.formats.Formatters;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The smallest complete use: an in-memory H2 database, one report type, CSV output, a daily schedule, and a day of
 * time travel with {@link ReportsTestKit} (no waiting), then the generated file printed.
 */
public final class QuickStartMain {

    private QuickStartMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println(run());
    }

    /** Runs the example and returns the generated CSV. */
    public static String run() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:quickstart-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");

        // 1. A report type: the host's own code, streaming rows (here a fixed list).
        ReportType sales = ReportTypes.fromMaps(
                "sales_by_region",
                List.of(Column.text("region"), Column.decimal("total", 2)),
                request -> Stream.of(
                        Map.of("region", "North", "total", new BigDecimal("1200.50")),
                        Map.of("region", "South", "total", new BigDecimal("980.00"))));

        // 2. The engine on the host's database (its tables are created on start).
        ScheduledReports.Builder builder = ScheduledReports.builder(dataSource)
                .reportType(sales)
                .formatters(Formatters.defaults())
                .artifactDirectory(Files.createTempDirectory("quickstart-artifacts"));

        // 3. ReportsTestKit starts it on a settable clock: 16 Feb 2026, 07:00 UTC.
        try (ReportsTestKit kit = ReportsTestKit.start(builder, Instant.parse("2026-02-16T07:00:00Z"))) {
            ScheduledReports reports = kit.reports();
            Actor alice = Actor.of("acme", "alice", Actor.CREATOR);
            ScheduledReport schedule = reports.create(
                    alice,
                    ScheduleRequest.builder()
                            .name("Daily sales")
                            .reportType("sales_by_region")
                            .outputFormat("csv")
                            .schedule("{\"cadence\": \"daily\", \"time\": \"09:00\", \"timezone\": \"Europe/Paris\"}")
                            .build());
            System.out.println("Next runs: " + schedule.upcomingRuns());

            // 4. A day later the 09:00 Paris run (08:00 UTC) has fired and generated its file.
            kit.advance(Duration.ofDays(1));
            Execution run = reports.executions(alice, schedule.id(), PageRequest.first())
                    .items()
                    .getFirst();
            System.out.println(
                    "Execution " + run.status() + " for " + run.scheduledFor() + ", " + run.rowCount() + " rows");
            try (ArtifactDownload file = reports.openArtifact(alice, run.id())) {
                return new String(file.stream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}

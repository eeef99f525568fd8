package io.scheduledreports.benchmarks.harness;

import io.scheduledreports.core.DiskGuard;
import io.scheduledreports.core.ManualRunLimits;
import io.scheduledreports.core.Quotas;
import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduledReports;
import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.formats.XlsxFormatter;
import io.scheduledreports.spi.Actor;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportTypes;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/** The report types and engine settings the macro benchmarks share. */
public final class BenchReports {
    private BenchReports() {}

    /** Ten typed columns; every text value of a row is unique, so no writer can share strings. */
    public static final List<Column> WIDE = List.of(
            Column.integer("id"),
            Column.text("customer"),
            Column.text("city"),
            Column.decimal("amount", 2),
            Column.integer("quantity"),
            Column.bool("paid"),
            Column.date("ordered"),
            Column.dateTime("shipped"),
            Column.decimal("ratio", -1),
            Column.text("note"));

    private static final String[] CITIES = {"Kraków", "Москва", "São Paulo", "Zürich", "Αθήνα", "Lyon"};
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    /** Tenants the benchmarks' schedules are spread over (quota checks count per tenant). */
    public static final int TENANTS = 50;

    /**
     * Creates one daily schedule per name through the public API, four at a time, spread over {@link #TENANTS}
     * tenants, each with the recipient {@code <name>@example.com} on {@code channel}.
     */
    public static void createDaily(
            ScheduledReports reports, List<String> names, String reportType, Instant at, String channel)
            throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Actor actor = Actor.of("t" + (i % TENANTS), "owner");
                done.add(creators.submit(() ->
                        reports.create(actor, daily(name, reportType, "csv", at, channel, name + "@example.com"))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            creators.shutdown();
        }
    }

    /** Report type {@code noop}: one column, no rows. */
    public static ReportType noop() {
        return ReportTypes.of("noop", (request, sink) -> sink.columns(List.of(Column.integer("id"))));
    }

    /** Report type {@code small}: {@code rows} rows of {@link #WIDE} (a few KB as CSV). */
    public static ReportType small(int rows) {
        return ReportTypes.of("small", (request, sink) -> {
            sink.columns(WIDE);
            for (long i = 0; i < rows; i++) {
                sink.row(wideRow(i));
            }
        });
    }

    /** Report type {@code large}: {@code rows} rows of {@link #WIDE}, generated as they are written. */
    public static ReportType large(long rows) {
        return ReportTypes.of("large", (request, sink) -> {
            sink.columns(WIDE);
            for (long i = 0; i < rows; i++) {
                sink.row(wideRow(i));
                if ((i & 0x3ff) == 0) {
                    request.cancellation().throwIfCancelled();
                }
            }
        });
    }

    /** Row {@code i} of {@link #WIDE}. */
    public static Object[] wideRow(long i) {
        return new Object[] {
            i,
            "Customer " + i + " GmbH",
            CITIES[(int) (i % CITIES.length)],
            BigDecimal.valueOf(i * 37 % 1_000_000, 2),
            i % 1000,
            i % 3 == 0,
            DAY.plusDays(i % 365),
            START.plusSeconds(i * 7),
            i / 7.0,
            "note " + Long.toHexString(i * 2_654_435_761L)
        };
    }

    /** Quotas that never get in a benchmark's way. */
    public static Quotas roomyQuotas() {
        return Quotas.builder()
                .maxSchedulesPerOwner(10_000_000)
                .maxSchedulesPerTenant(10_000_000)
                .build();
    }

    /**
     * An engine builder with the benchmarks' common settings: the table prefix, real CSV and XLSX formatters, files
     * under {@code artifacts}, roomy quotas and no disk guard (its free-space probe is a system call per run).
     */
    public static ScheduledReports.Builder engine(DataSource dataSource, String prefix, Path artifacts) {
        return ScheduledReports.builder(dataSource)
                .tablePrefix(prefix)
                .formatter(CsvFormatter.ofDefaults())
                .formatter(XlsxFormatter.ofDefaults())
                .artifactDirectory(artifacts)
                .quotas(roomyQuotas())
                // Benchmarks start runs by hand in bursts: no cooldown, no hourly cap.
                .manualRuns(
                        ManualRunLimits.ofDefaults().withCooldown(Duration.ZERO).withMaxPerTenantPerHour(100_000))
                .diskGuard(DiskGuard.disabled());
    }

    /** A daily schedule at {@code at}'s time of day (UTC), so that its next run is {@code at} if within 24 h. */
    public static String dailyAt(Instant at) {
        return "{\"cadence\":\"daily\",\"time\":\""
                + DateTimeFormatter.ofPattern("HH:mm").format(at.atOffset(ZoneOffset.UTC))
                + "\",\"timezone\":\"UTC\"}";
    }

    /** A request for a daily report of {@code type} to one recipient. */
    public static ScheduleRequest daily(
            String name, String type, String format, Instant at, String channel, String to) {
        return ScheduleRequest.builder()
                .name(name)
                .reportType(type)
                .outputFormat(format)
                .schedule(dailyAt(at))
                .recipient(channel, to)
                .build();
    }
}

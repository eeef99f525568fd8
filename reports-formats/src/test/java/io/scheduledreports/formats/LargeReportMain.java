package io.scheduledreports.formats;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.OutputFormatter;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a large report of 10 typed columns, every text value unique, to a null stream and prints the row and
 * byte counts. Run by {@link LargeReportMemoryTest} in a JVM with a small heap.
 *
 * <p>Usage: {@code LargeReportMain csv|xlsx|pdf|pdf-table ROWS}
 */
public final class LargeReportMain {
    static final List<Column> COLUMNS = List.of(
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

    public static void main(String[] args) throws Exception {
        OutputFormatter formatter = switch (args[0]) {
            case "csv" -> CsvFormatter.ofDefaults();
            case "xlsx" -> XlsxFormatter.ofDefaults();
            case "pdf" -> PdfFormatter.ofDefaults();
            case "pdf-table" ->
                PdfFormatter.builder().layout(PdfFormatter.TableLayout.TABLE).build();
            default -> throw new IllegalArgumentException("format: csv, xlsx, pdf or pdf-table, was " + args[0]);
        };
        long rows = Long.parseLong(args[1]);
        FormatOptions options = new FormatOptions(
                Locale.UK,
                ZoneId.of("Europe/Berlin"),
                "Large report",
                Instant.now(),
                Map.of("rows", args[1]),
                Map.of());
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        LocalDate day = LocalDate.of(2026, 1, 1);
        MeteredFormatWriter w = (MeteredFormatWriter) formatter.open(OutputStream.nullOutputStream(), options);
        try {
            w.columns(COLUMNS);
            for (long i = 0; i < rows; i++) {
                w.row(
                        i,
                        "Customer " + i + " GmbH",
                        CITIES[(int) (i % CITIES.length)],
                        BigDecimal.valueOf(i * 37 % 1_000_000, 2),
                        (int) (i % 1000),
                        i % 3 == 0,
                        day.plusDays(i % 365),
                        start.plusSeconds(i * 7),
                        i / 7.0,
                        "note " + Long.toHexString(i * 2_654_435_761L));
            }
        } finally {
            w.close();
        }
        System.out.println("rows=" + w.rowCount() + " bytes=" + w.bytesWritten());
    }

    private LargeReportMain() {}
}

package io.scheduledreports.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.jdbc.testing.TestDatabase;
import io.scheduledreports.spi.CancellationSignal;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ColumnType;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportRequest;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.ReportTypes;
import io.scheduledreports.spi.RowSink;
import io.scheduledreports.spi.Trigger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Numbers computed by real databases (sums, averages, maxima, division, numeric without a declared scale,
 * double and single precision, bigint, decimal(38,10)) reach CSV, XLSX and PDF unchanged through
 * {@link ReportTypes#fromQuery}: no formatter rounds a value the report type did not ask to round.
 *
 * <p>The trap: PostgreSQL reports scale 0 for a {@code numeric} result without a declared scale, so a scale
 * taken from the metadata turned 10.25 + 0.10 + 1234.50 into {@code 1245}.
 */
class QueryNumbersTest {

    private static final Locale LOCALE = Locale.US;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aggregatesAndTypedColumnsKeepEveryDigitInEveryFormat(TestDatabase database) throws Exception {
        try (TestDatabase.Instance db = database.open(2)) {
            String table = db.tables().prefix() + "amounts";
            String single = database == TestDatabase.MARIADB ? "float" : "real"; // MariaDB's real is a double
            String untyped = switch (database) {
                case POSTGRESQL -> "amount::numeric * 1"; // numeric without typmod: scale 0 in the metadata
                case MARIADB -> "amount * 1";
                case H2 -> "cast(amount as numeric) * 1";
            };
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create table " + table + " (id int primary key, amount decimal(12,2), d double precision, r "
                        + single + ", b bigint, big decimal(38,10))");
                s.execute("insert into " + table + " values"
                        + " (1, 10.25, 0.1, 0.1, 9007199254740993, 1234567890123456789012345678.0123456789),"
                        + " (2, 0.10, 2.5, 1.5, -42, 0.0000000001),"
                        + " (3, 1234.50, 1e-7, 3.25, 0, -7.5000000000)");
            }
            String aggregates = "select sum(amount) as total, avg(amount) as average, max(amount) as top,"
                    + " sum(amount) / 3 as third, min(amount) as least from " + table;
            String typed = "select amount, " + untyped + " as untyped, d, r, b, big from " + table + " order by id";

            for (String sql : List.of(aggregates, typed)) {
                ReportType type = ReportTypes.fromQuery("numbers", db.dataSource(), sql, req -> List.of());
                Recorded recorded = record(type);
                assertThat(recorded.rows()).isNotEmpty();
                if (sql == aggregates) {
                    assertThat(plain(recorded.rows().get(0)[0]))
                            .as("sum of 10.25 + 0.10 + 1234.50 on " + database)
                            .isEqualTo("1244.85");
                }
                for (Column column : recorded.columns()) {
                    assertThat(column.scale())
                            .as("column %s of %s: no scale taken from metadata", column.name(), database)
                            .isEqualTo(-1);
                }
                checkCsv(type, recorded, database);
                checkXlsx(type, recorded, database);
                checkPdf(type, recorded, database);
            }
        }
    }

    private static void checkCsv(ReportType type, Recorded expected, TestDatabase database) throws Exception {
        String csv = new String(render(type, CsvFormatter.ofDefaults()), StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv))
                .getRecords();
        assertThat(records).hasSize(expected.rows().size());
        for (int r = 0; r < records.size(); r++) {
            for (int c = 0; c < expected.columns().size(); c++) {
                Object value = expected.rows().get(r)[c];
                assertThat(records.get(r).get(c))
                        .as(
                                "CSV %s row %d column %s",
                                database, r + 1, expected.columns().get(c).name())
                        .isEqualTo(plain(value));
            }
        }
    }

    private static void checkXlsx(ReportType type, Recorded expected, TestDatabase database) throws Exception {
        byte[] xlsx = render(type, XlsxFormatter.ofDefaults());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows).hasSize(expected.rows().size() + 1);
            for (int r = 0; r < expected.rows().size(); r++) {
                Row row = rows.get(r + 1);
                for (int c = 0; c < expected.columns().size(); c++) {
                    Object value = expected.rows().get(r)[c];
                    Cell cell = row.getCell(c);
                    String what = "XLSX " + database + " row " + (r + 1) + " column "
                            + expected.columns().get(c).name();
                    BigDecimal exact = new BigDecimal(plain(value));
                    if (exact.precision() > 15 && exact.stripTrailingZeros().precision() > 15) {
                        // Beyond a double's 15 digits the cell is text, so Excel cannot change it.
                        assertThat(cell.getRawValue()).as(what).isEqualTo(plain(value));
                    } else {
                        assertThat(new BigDecimal(cell.getRawValue())).as(what).isEqualByComparingTo(exact);
                    }
                }
            }
        }
    }

    private static void checkPdf(ReportType type, Recorded expected, TestDatabase database) throws Exception {
        byte[] pdf = render(type, PdfFormatter.ofDefaults());
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc);
        }
        String flat = text.replaceAll("\\s+", " ");
        for (Object[] row : expected.rows()) {
            for (int c = 0; c < row.length; c++) {
                String shown = human(row[c]);
                assertThat(flat)
                        .as(
                                "PDF %s column %s shows %s",
                                database, expected.columns().get(c).name(), shown)
                        .contains(shown);
            }
        }
    }

    /** The value as a plain decimal with all of its own digits, as the database returned it. */
    private static String plain(Object value) {
        return switch (value) {
            case BigDecimal b -> b.toPlainString();
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            case Float f ->
                new BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
            case Long l -> Long.toString(l);
            default -> throw new AssertionError("unexpected value type " + value.getClass() + ": " + value);
        };
    }

    /** The value grouped for people in {@link #LOCALE}, with all of its own decimals. */
    private static String human(Object value) {
        BigDecimal exact = new BigDecimal(plain(value));
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(LOCALE));
        f.setMinimumFractionDigits(Math.max(0, exact.scale()));
        f.setMaximumFractionDigits(Math.max(0, exact.scale()));
        return f.format(exact);
    }

    private static byte[] render(ReportType type, OutputFormatter formatter) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FormatOptions options = new FormatOptions(LOCALE, ZoneOffset.UTC, "Numbers", Instant.EPOCH, Map.of(), Map.of());
        try (FormatWriter w = formatter.open(out, options)) {
            type.generate(request(), w);
        }
        return out.toByteArray();
    }

    private static Recorded record(ReportType type) throws Exception {
        List<Column> columns = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        type.generate(request(), new RowSink() {
            @Override
            public void columns(List<Column> declared) {
                columns.addAll(declared);
            }

            @Override
            public void row(Object... values) {
                rows.add(values.clone());
            }
        });
        for (Column column : columns) {
            assertThat(column.type()).isIn(ColumnType.DECIMAL, ColumnType.INTEGER);
        }
        return new Recorded(columns, rows);
    }

    private static ReportRequest request() {
        return new ReportRequest(
                "exec-1",
                "sched-1",
                "acme",
                "alice",
                "numbers",
                Map.of(),
                LOCALE,
                ZoneOffset.UTC,
                Instant.parse("2026-12-01T00:00:00Z"),
                Trigger.MANUAL,
                CancellationSignal.none());
    }

    private record Recorded(List<Column> columns, List<Object[]> rows) {}
}

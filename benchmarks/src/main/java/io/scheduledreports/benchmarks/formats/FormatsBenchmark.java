package io.scheduledreports.benchmarks.formats;

import io.scheduledreports.formats.CsvFormatter;
import io.scheduledreports.formats.PdfFormatter;
import io.scheduledreports.formats.XlsxFormatter;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes {@code rows} rows of 10 typed columns per format, once through our formatter ({@code formatter}) and
 * once with the library alone ({@code raw}, see {@link RawWriters}), to a stream that only counts bytes. The
 * difference is what the formatter costs: checks, settings, formula escaping, layout choice, page footer.
 *
 * <pre>{@code
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar FormatsBenchmark                          # 100k rows
 * java -jar benchmarks/target/benchmarks.jar FormatsBenchmark -p rows=1000000 -p format=csv,xlsx
 * java -jar benchmarks/target/benchmarks.jar FormatsBenchmark -p format=pdf,pdf-table   # PDF layouts vs raw
 * }</pre>
 *
 * One operation writes a whole report; the score is milliseconds per report (divide rows by it for rows/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx512m"})
public class FormatsBenchmark {

    @Param({"100000"})
    public long rows;

    /** {@code csv}, {@code xlsx}, {@code pdf} (layout STREAM) or {@code pdf-table} (layout TABLE). */
    @Param({"csv", "xlsx", "pdf", "pdf-table"})
    public String format;

    private final BenchmarkRows data = new BenchmarkRows();
    private final ZoneId zone = ZoneId.of("Europe/Berlin");
    private FormatOptions options;
    private OutputFormatter formatter;

    @Setup
    public void setUp() {
        options = new FormatOptions(
                Locale.UK, zone, "Benchmark", Instant.parse("2026-01-01T00:00:00Z"), Map.of(), Map.of());
        formatter = switch (format) {
            case "csv" -> CsvFormatter.ofDefaults();
            case "xlsx" -> XlsxFormatter.ofDefaults();
            case "pdf" ->
                PdfFormatter.builder().layout(PdfFormatter.TableLayout.STREAM).build();
            case "pdf-table" ->
                PdfFormatter.builder().layout(PdfFormatter.TableLayout.TABLE).build();
            default -> throw new IllegalArgumentException("format: csv, xlsx, pdf or pdf-table, was " + format);
        };
    }

    @Benchmark
    public long formatter() throws IOException {
        BenchmarkRows.CountingNullStream out = new BenchmarkRows.CountingNullStream();
        try (FormatWriter w = formatter.open(out, options)) {
            w.columns(BenchmarkRows.COLUMNS);
            for (long i = 0; i < rows; i++) {
                w.row(data.row(i));
            }
        }
        return out.count;
    }

    @Benchmark
    public long raw() throws IOException {
        BenchmarkRows.CountingNullStream out = new BenchmarkRows.CountingNullStream();
        switch (format) {
            case "csv" -> RawWriters.csv(data, rows, zone, out);
            case "xlsx" -> RawWriters.xlsx(data, rows, zone, out);
            case "pdf", "pdf-table" -> RawWriters.pdf(data, rows, zone, Locale.UK, out);
            default -> throw new IllegalArgumentException(format);
        }
        return out.count;
    }
}

package io.scheduledreports.formats;

import io.scheduledreports.formats.internal.CompressedFormatter;
import io.scheduledreports.spi.OutputFormatter;
import java.util.List;

/** The built-in formatters, and compression around any formatter. */
public final class Formatters {
    private Formatters() {}

    /** CSV, XLSX and PDF with their defaults, in that order. */
    public static List<OutputFormatter> defaults() {
        return List.of(CsvFormatter.ofDefaults(), XlsxFormatter.ofDefaults(), PdfFormatter.ofDefaults());
    }

    /**
     * Wraps a formatter so its output is compressed. The wrapper's id is the formatter's id plus {@code ".gz"}
     * or {@code ".zip"} ({@code "csv.gz"}, {@code "pdf.zip"}); its file extension is {@code "csv.gz"} for gzip
     * and {@code "zip"} for zip, whose single entry is named after the report title ({@code "Sales.csv"}, or
     * {@code "report.csv"} without a title). Its writers are {@link MeteredFormatWriter}s counting compressed
     * bytes.
     *
     * @param formatter any formatter, also a host's own
     * @param compression gzip or zip
     * @return the compressing formatter
     */
    public static OutputFormatter compressed(OutputFormatter formatter, Compression compression) {
        return new CompressedFormatter(formatter, compression);
    }
}

package io.scheduledreports.spring;

import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatOptions;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.OutputFormatter;
import io.scheduledreports.spi.ReportDataException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** A minimal comma-separated formatter, to check that a host's formatter bean replaces the default with its id. */
final class PlainCsvFormatter implements OutputFormatter {

    /** Tells this formatter's files from the default CSV formatter's. */
    static final String MEDIA_TYPE = "text/x-plain-test-csv";

    @Override
    public String id() {
        return "csv";
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public String fileExtension() {
        return "csv";
    }

    @Override
    public FormatWriter open(OutputStream out, FormatOptions options) {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        return new FormatWriter() {
            List<Column> columns;
            long rows;

            @Override
            public void columns(List<Column> cols) throws IOException {
                columns = cols;
                w.write(cols.stream().map(Column::name).collect(Collectors.joining(",")) + "\n");
            }

            @Override
            public void row(Object... values) throws IOException {
                ReportDataException.checkRow(columns, ++rows, values);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < values.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(values[i] == null ? "" : values[i]);
                }
                w.write(sb.append('\n').toString());
            }

            @Override
            public long rowCount() {
                return rows;
            }

            @Override
            public void close() throws IOException {
                w.flush();
            }
        };
    }
}

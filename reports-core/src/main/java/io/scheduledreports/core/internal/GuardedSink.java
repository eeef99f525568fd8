package io.scheduledreports.core.internal;

import io.scheduledreports.spi.CancellationSignal;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.FormatWriter;
import io.scheduledreports.spi.ReportDataException;
import io.scheduledreports.spi.RowSink;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;

/**
 * The sink a report type writes to: enforces the sink contract (columns once, first; unique names), counts
 * rows, and stops the report when it is cancelled, checking every 1,024 rows.
 */
final class GuardedSink implements RowSink {
    private final FormatWriter writer;
    private final CancellationSignal signal;
    private final String reportType;
    private final RowCapture capture;
    private boolean columnsDeclared;
    private long rows;

    GuardedSink(FormatWriter writer, CancellationSignal signal, String reportType) {
        this(writer, signal, reportType, null);
    }

    /** A sink that also keeps the first rows in {@code capture}, when not null. */
    GuardedSink(FormatWriter writer, CancellationSignal signal, String reportType, RowCapture capture) {
        this.writer = writer;
        this.signal = signal;
        this.reportType = reportType;
        this.capture = capture;
    }

    @Override
    public void columns(List<Column> columns) throws IOException {
        if (columnsDeclared) {
            throw new IllegalStateException("report type '" + reportType + "' declared its columns twice");
        }
        if (columns == null || columns.isEmpty()) {
            throw new ReportDataException(0, null, "report type '" + reportType + "' declared no columns");
        }
        var names = new HashSet<String>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new ReportDataException(
                        0, c.name(), "column name declared twice by report type '" + reportType + "'");
            }
        }
        columnsDeclared = true;
        writer.columns(columns);
        if (capture != null) {
            capture.columns(columns);
        }
    }

    @Override
    public void row(Object... values) throws IOException {
        if (!columnsDeclared) {
            throw new IllegalStateException("report type '" + reportType + "' wrote a row before declaring columns");
        }
        if ((++rows & 1023) == 0) {
            signal.throwIfCancelled();
        }
        writer.row(values);
        if (capture != null) {
            capture.row(values);
        }
    }

    boolean columnsDeclared() {
        return columnsDeclared;
    }

    long rows() {
        return rows;
    }
}

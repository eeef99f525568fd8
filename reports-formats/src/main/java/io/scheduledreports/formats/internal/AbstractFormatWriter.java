package io.scheduledreports.formats.internal;

import io.scheduledreports.formats.MeteredFormatWriter;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportDataException;
import io.scheduledreports.spi.ReportsValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sink contract shared by every format: columns exactly once, then rows that fit them, then close once.
 * Subclasses only render.
 */
public abstract class AbstractFormatWriter implements MeteredFormatWriter {
    protected final CountingOutputStream out;
    private List<Column> columns;
    private long rowCount;
    private boolean closed;

    protected AbstractFormatWriter(OutputStream out) {
        this.out = new CountingOutputStream(out);
    }

    @Override
    public final void columns(List<Column> declared) throws IOException {
        checkOpen();
        if (columns != null) {
            throw new IllegalStateException(
                    "columns(...) was called twice; declare the columns once, before the first row");
        }
        List<Column> copy = List.copyOf(declared);
        if (copy.isEmpty()) {
            throw new ReportsValidationException("columns", "must not be empty");
        }
        Set<String> names = new HashSet<>();
        for (Column c : copy) {
            if (!names.add(c.name())) {
                throw new ReportsValidationException(
                        "columns", "names must be unique, '" + c.name() + "' appears more than once");
            }
        }
        columns = copy;
        start(copy);
    }

    @Override
    public final void row(Object... values) throws IOException {
        checkOpen();
        if (columns == null) {
            throw new IllegalStateException("row(...) was called before columns(...); declare the columns first");
        }
        long number = rowCount + 1;
        ReportDataException.checkRow(columns, number, values);
        write(values, number);
        rowCount = number;
    }

    @Override
    public final long rowCount() {
        return rowCount;
    }

    @Override
    public final long bytesWritten() {
        return out.count();
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        finish(columns);
        out.flush();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the writer is closed; open a new one for another document");
        }
    }

    /** Starts the document once the columns are known. */
    protected abstract void start(List<Column> columns) throws IOException;

    /** Writes one row whose values have been checked against the columns. */
    protected abstract void write(Object[] values, long rowNumber) throws IOException;

    /**
     * Ends the document.
     *
     * @param columns the declared columns, or null if the report declared none (write an empty document)
     */
    protected abstract void finish(List<Column> columns) throws IOException;
}

package io.scheduledreports.spi;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it receives and enforces the sink contract, for tests. */
final class RecordingSink implements RowSink {
    List<Column> columns;
    final List<List<Object>> rows = new ArrayList<>();

    @Override
    public void columns(List<Column> cols) {
        if (columns != null) {
            throw new IllegalStateException("columns declared twice");
        }
        columns = List.copyOf(cols);
    }

    @Override
    public void row(Object... values) {
        if (columns == null) {
            throw new IllegalStateException("row before columns");
        }
        ReportDataException.checkRow(columns, rows.size() + 1, values);
        rows.add(java.util.Arrays.asList(values.clone()));
    }
}

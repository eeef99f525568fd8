package io.scheduledreports.spi;

import java.io.IOException;
import java.util.List;

/**
 * Where a {@link ReportType} streams its output: first the columns, exactly once, then any number of rows.
 *
 * <p>Rows are written as they are produced and never collected, so a report of any size runs in a small
 * heap. Values must match their column's {@link ColumnType} ({@link ColumnType#accepts(Object)}); a
 * mismatch fails the report with a {@link ReportDataException} naming the row and column.
 *
 * <p>A sink is used by one thread. It is not closed by the report type: whoever opened it finishes it.
 */
public interface RowSink {

    /**
     * Declares the columns. Must be called once, before the first row.
     *
     * @param columns the columns in output order; not empty, names unique
     * @throws IOException if the underlying output fails
     */
    void columns(List<Column> columns) throws IOException;

    /**
     * Writes one row. The number of values equals the number of columns; {@code null} is an empty cell.
     *
     * @param values the cell values in column order
     * @throws IOException if the underlying output fails
     */
    void row(Object... values) throws IOException;

    /**
     * Writes one row given as a list.
     *
     * @param values the cell values in column order
     * @throws IOException if the underlying output fails
     */
    default void row(List<?> values) throws IOException {
        row(values.toArray());
    }
}
